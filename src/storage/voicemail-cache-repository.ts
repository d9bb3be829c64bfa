/**
 * The Voicemail tab's offline copy: one record per account with the newest page of its mailbox and
 * when it was fetched. Read back through the wire schema, so a damaged or older record is ignored,
 * never shown half-valid.
 */
import type { IDBPDatabase } from 'idb';
import { z } from 'zod';
import { VoicemailCounts, VoicemailMessage } from '../api/voicemail-schemas';
import { openAppDb, type OpenlineDB } from './db';

export const VoicemailSnapshot = z.object({
  account: z.string().min(1),
  /** Epoch ms when the server sent this page. */
  savedAt: z.number().int(),
  messages: z.array(VoicemailMessage),
  counts: VoicemailCounts,
});
export type VoicemailSnapshot = z.infer<typeof VoicemailSnapshot>;

export interface VoicemailCacheRepository {
  get(account: string): Promise<VoicemailSnapshot | null>;
  put(snapshot: VoicemailSnapshot): Promise<void>;
}

export function createIdbVoicemailCache(
  open: () => Promise<IDBPDatabase<OpenlineDB>> = openAppDb,
): VoicemailCacheRepository {
  return {
    async get(account) {
      const parsed = VoicemailSnapshot.safeParse(await (await open()).get('voicemailCache', account));
      return parsed.success ? parsed.data : null;
    },
    async put(snapshot) {
      await (await open()).put('voicemailCache', VoicemailSnapshot.parse(snapshot));
    },
  };
}

/** Where the browser has no IndexedDB: kept for the page's lifetime only. */
export function memoryVoicemailCache(): VoicemailCacheRepository {
  const byAccount = new Map<string, VoicemailSnapshot>();
  return {
    get: async (account) => byAccount.get(account) ?? null,
    put: async (snapshot) => void byAccount.set(snapshot.account, snapshot),
  };
}
