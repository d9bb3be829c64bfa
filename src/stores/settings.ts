import { create } from 'zustand';
import type { DtmfMethod } from '../phone/types';

/** The Settings form: the SIP account and phone preferences, as the user typed them. */
export interface SettingsValues {
  displayName: string;
  username: string;
  password: string;
  domain: string;
  wsUrl: string;
  /** One ICE server URL per line (optionally `turn:user:pass@host`) or JSON; see lib/ice-servers. */
  iceServersText: string;
  autoAnswer: boolean;
  dtmfMethod: DtmfMethod;
}

export const EMPTY_SETTINGS: SettingsValues = {
  displayName: '',
  username: '',
  password: '',
  domain: '',
  wsUrl: '',
  iceServersText: '',
  autoAnswer: false,
  dtmfMethod: 'auto',
};

export interface SettingsState {
  values: SettingsValues;
  /** Saved settings have been read from IndexedDB (or found missing). */
  loaded: boolean;
  /** The user asked to be signed in (persisted: drives auto sign-in and the `/` redirect). */
  signedIn: boolean;
  /** Demo usernames suggested by the serving backend. */
  demoAccounts: string[];
  setField<K extends keyof SettingsValues>(key: K, value: SettingsValues[K]): void;
}

export const useSettingsStore = create<SettingsState>()((set) => ({
  values: EMPTY_SETTINGS,
  loaded: false,
  signedIn: false,
  demoAccounts: [],
  setField: (key, value) => set((state) => ({ values: { ...state.values, [key]: value } })),
}));
