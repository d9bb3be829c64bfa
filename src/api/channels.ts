/** The channel conversations routes (issue 14), for the Agent tab's Conversations panel. */
import type { Http } from './client';
import {
  ChannelCallReportResult,
  ChannelMessageResult,
  ConversationDetail,
  ConversationList,
  ConversationSummary,
  type ChannelCallReport,
  type ChannelReplyRequest,
} from './channels-schemas';

export const CHANNEL_EVENTS_URL = '/api/channels/events';

export interface ChannelsApi {
  list(): Promise<ConversationList>;
  detail(id: number): Promise<ConversationDetail>;
  claim(id: number): Promise<ConversationSummary>;
  reply(id: number, request: ChannelReplyRequest): Promise<ChannelMessageResult>;
  sendCallLink(id: number, request: { roomId: string; url: string }): Promise<ChannelMessageResult>;
  close(id: number): Promise<ConversationSummary>;
  /** The agent's room's call was answered / ended (ADR 0034: where the server sees no dialog). */
  reportCall(roomId: string, event: ChannelCallReport['event']): Promise<ChannelCallReportResult>;
}

const path = (id: number, tail = '') => `/api/channels/conversations/${id}${tail}`;

export function channelsApi(http: Http): ChannelsApi {
  return {
    list: () => http.request('GET', '/api/channels/conversations', ConversationList),
    detail: (id) => http.request('GET', path(id), ConversationDetail),
    claim: (id) => http.request('POST', path(id, '/claim'), ConversationSummary),
    reply: (id, body) => http.request('POST', path(id, '/messages'), ChannelMessageResult, { body }),
    sendCallLink: (id, body) => http.request('POST', path(id, '/call-link'), ChannelMessageResult, { body }),
    close: (id) => http.request('POST', path(id, '/close'), ConversationSummary),
    reportCall: (roomId, event) =>
      http.request('POST', `/api/channels/calls/${encodeURIComponent(roomId)}`, ChannelCallReportResult, {
        body: { event } satisfies ChannelCallReport,
      }),
  };
}
