import { openAppDb, type StoredSettingsV1 } from './db';

export type StoredSettings = StoredSettingsV1;

const KEY = 'account';

export interface SettingsRepository {
  load(): Promise<StoredSettings | null>;
  save(settings: StoredSettings): Promise<void>;
}

/** Settings kept in IndexedDB (not localStorage: the record holds the SIP password). */
export const idbSettingsRepository: SettingsRepository = {
  async load() {
    if (typeof indexedDB === 'undefined') return null;
    const db = await openAppDb();
    return (await db.get('settings', KEY)) ?? null;
  },
  async save(settings) {
    if (typeof indexedDB === 'undefined') return;
    const db = await openAppDb();
    await db.put('settings', settings, KEY);
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
