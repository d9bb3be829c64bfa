/** The company directory: `GET /api/phonebook` (incremental, conditional). */
import { z } from 'zod/mini';
import type { Http } from './client';
import { PhonebookPage } from './directory-schemas';

export interface PhonebookApi {
  /**
   * The changes after revision `since`; null when `etag` (of a complete earlier sync) is still
   * current (304 Not Modified).
   */
  changes(since: number, etag: string | null, signal?: AbortSignal): Promise<PhonebookPage | null>;
}

export function phonebookApi(http: Http): PhonebookApi {
  return {
    async changes(since, etag, signal) {
      const page = await http.request('GET', `/api/phonebook?since=${since}`, z.nullish(PhonebookPage), {
        headers: etag ? { 'If-None-Match': etag } : undefined,
        signal,
      });
      return page ?? null;
    },
  };
}
