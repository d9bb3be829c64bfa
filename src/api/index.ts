/** The platform API, one object per route family, all over one {@link Http} transport. */
import { agentApi, type AgentApi } from './agent';
import type { Http } from './client';
import { phonebookApi, type PhonebookApi } from './phonebook';
import { sessionApi, type SessionApi } from './session';
import { voicemailApi, type VoicemailApi } from './voicemail';
import { voicemailSettingsApi, type VoicemailSettingsApi } from './voicemail-settings';
import { webcallApi, type WebcallApi } from './webcall';
import { webphoneApi, type WebphoneApi } from './webphone';

export interface PlatformApi {
  session: SessionApi;
  agent: AgentApi;
  webcall: WebcallApi;
  voicemail: VoicemailApi;
  voicemailSettings: VoicemailSettingsApi;
  phonebook: PhonebookApi;
  webphone: WebphoneApi;
}

export function createPlatformApi(http: Http): PlatformApi {
  return {
    session: sessionApi(http),
    agent: agentApi(http),
    webcall: webcallApi(http),
    voicemail: voicemailApi(http),
    voicemailSettings: voicemailSettingsApi(http),
    phonebook: phonebookApi(http),
    webphone: webphoneApi(http),
  };
}

export { ApiClientError, createHttp, type Http, type HttpOptions } from './client';
export { agentApi, phonebookApi, sessionApi, voicemailApi, webcallApi };
export type { AgentApi, PhonebookApi, SessionApi, VoicemailApi, WebcallApi };
export { voicemailAudioUrl, voicemailDownloadUrl } from './voicemail';
export type { VoicemailMessage } from './voicemail-schemas';
export type { VoicemailSettingsApi } from './voicemail-settings';
export { WEBPHONE_EVENTS_URL, type WebphoneApi } from './webphone';
