import { pageStorage } from '../lib/page-storage';
import { openAppDb, SettingsValues, StoredSettingsV1 } from './db';

export { SettingsValues };
export type StoredSettings = StoredSettingsV1;

const KEY = 'account';

export interface SettingsRepository {
  /** The saved record, or null when there is none or it is not one this version can read. */
  load(): Promise<StoredSettings | null>;
  save(settings: StoredSettings): Promise<void>;
}

/** The Settings values of a record (its bookkeeping fields dropped by the schema, not by hand). */
export function settingsValuesOf(stored: StoredSettings): SettingsValues {
  return SettingsValues.parse(stored);
}

/**
 * Set once this browser holds saved settings, for index.html's boot script, which cannot wait for
 * IndexedDB: a start with saved settings fills the sign-in form from them, so it runs the app at once
 * instead of showing the build's empty form (ADR 0041). Only that there are some, never what.
 */
export const SAVED_SETTINGS_KEY = 'openline.savedSettings';

function rememberSaved(): void {
  const storage = pageStorage('local');
  if (storage.getItem(SAVED_SETTINGS_KEY) === null) storage.setItem(SAVED_SETTINGS_KEY, '1');
}

/** Settings kept in IndexedDB (not localStorage: the record holds the SIP password; see docs/adr). */
export const idbSettingsRepository: SettingsRepository = {
  async load() {
    if (typeof indexedDB === 'undefined') return null;
    const db = await openAppDb();
    const parsed = StoredSettingsV1.safeParse(await db.get('settings', KEY));
    // Saved by a version before the key existed: the next start knows.
    if (parsed.success) rememberSaved();
    return parsed.success ? parsed.data : null;
  },
  async save(settings) {
    if (typeof indexedDB === 'undefined') return;
    const db = await openAppDb();
    await db.put('settings', settings, KEY);
    rememberSaved();
  },
};

/** An in-memory repository for tests and browsers without IndexedDB. */
export function memorySettingsRepository(initial: StoredSettings | null = null): SettingsRepository & {
  current: StoredSettings | null;
} {
  return {
    current: initial,
    async load() {
      return this.current;
    },
    async save(settings) {
      this.current = { ...settings };
    },
  };
}
