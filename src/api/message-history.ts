/** `GET /api/messages` (ADR 0024): the server's chat history of the signed-in user, newest first. */
import type { Http } from './client';
import { HistoryPage } from './message-history-schemas';

export interface MessageHistoryApi {
  /** One page; `peer` narrows it to a conversation, `before` is the previous page's cursor. */
  page(query: { peer?: string; before?: string; limit?: number }): Promise<HistoryPage>;
}

export function messageHistoryApi(http: Http): MessageHistoryApi {
  return {
    page: ({ peer, before, limit }) => {
      const q = new URLSearchParams();
      if (peer) q.set('peer', peer);
      if (before) q.set('before', before);
      if (limit) q.set('limit', String(limit));
      const query = q.toString();
      return http.request('GET', `/api/messages${query ? `?${query}` : ''}`, HistoryPage);
    },
  };
}
