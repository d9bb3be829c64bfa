/** The platform API, one object per route family, all over one {@link Http} transport. */
import { agentApi, type AgentApi } from './agent';
import { attachmentsApi, type AttachmentsApi } from './attachments';
import type { Http } from './client';
import { messageHistoryApi, type MessageHistoryApi } from './message-history';
import { phonebookApi, type PhonebookApi } from './phonebook';
import { sessionApi, type SessionApi } from './session';
import { voicemailApi, type VoicemailApi } from './voicemail';
import { voicemailSettingsApi, type VoicemailSettingsApi } from './voicemail-settings';
import { webcallApi, type WebcallApi } from './webcall';

export interface PlatformApi {
  session: SessionApi;
  agent: AgentApi;
  webcall: WebcallApi;
  voicemail: VoicemailApi;
  voicemailSettings: VoicemailSettingsApi;
  phonebook: PhonebookApi;
  attachments: AttachmentsApi;
  messageHistory: MessageHistoryApi;
}

export function createPlatformApi(http: Http): PlatformApi {
  return {
    session: sessionApi(http),
    agent: agentApi(http),
    webcall: webcallApi(http),
    voicemail: voicemailApi(http),
    voicemailSettings: voicemailSettingsApi(http),
    phonebook: phonebookApi(http),
    attachments: attachmentsApi(http),
    messageHistory: messageHistoryApi(http),
  };
}

export { ApiClientError, createHttp, type Http, type HttpOptions } from './client';
export { agentApi, phonebookApi, sessionApi, voicemailApi, webcallApi };
export type { AgentApi, PhonebookApi, SessionApi, VoicemailApi, WebcallApi };
export type { AttachmentsApi } from './attachments';
export type { MessageHistoryApi } from './message-history';
export type { HistoryMessage } from './message-history-schemas';
export type { UploadedAttachment } from './attachment-schemas';
export { voicemailAudioUrl, voicemailDownloadUrl } from './voicemail';
export type { VoicemailMessage } from './voicemail-schemas';
export type { VoicemailSettingsApi } from './voicemail-settings';
// The webphone API module holds zod schemas: loaded lazily (stores/webphone-config-instance.ts).
export const WEBPHONE_EVENTS_URL = '/api/webphone/events';
export type { WebphoneApi } from './webphone';
