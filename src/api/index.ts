/** The platform API, one object per route family, all over one {@link Http} transport. */
import { agentApi, type AgentApi } from './agent';
import type { Http } from './client';
import { sessionApi, type SessionApi } from './session';
import { voicemailApi, type VoicemailApi } from './voicemail';
import { webcallApi, type WebcallApi } from './webcall';

export interface PlatformApi {
  session: SessionApi;
  agent: AgentApi;
  webcall: WebcallApi;
  voicemail: VoicemailApi;
}

export function createPlatformApi(http: Http): PlatformApi {
  return {
    session: sessionApi(http),
    agent: agentApi(http),
    webcall: webcallApi(http),
    voicemail: voicemailApi(http),
  };
}

export { ApiClientError, createHttp, type Http, type HttpOptions } from './client';
export { agentApi, sessionApi, voicemailApi, webcallApi };
export type { AgentApi, SessionApi, VoicemailApi, WebcallApi };
export { voicemailAudioUrl, voicemailDownloadUrl } from './voicemail';
export type { VoicemailMessage } from './voicemail-schemas';
