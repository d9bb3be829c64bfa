import { create } from 'zustand';
import type { SettingsValues } from '../storage/settings-repository';

/** The Settings form's values: the type is the stored record's (storage/db.ts), so the two cannot drift. */
export type { SettingsValues };

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
