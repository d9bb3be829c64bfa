/** The platform API's session routes: what the serving backend suggests, sign-in, SIP credentials. */
import { z } from 'zod/mini';
import type { Http } from './client';
import { ClientConfig, SessionInfo, SipCredentials } from './schemas';

export interface SessionApi {
  /** `GET /api/config`: what the serving backend suggests for Settings. */
  config(signal?: AbortSignal): Promise<ClientConfig>;
  /** `POST /api/session`: signs in to the platform API with the SIP account's credentials. */
  open(username: string, password: string): Promise<SessionInfo>;
  /** `DELETE /api/session`. */
  close(): Promise<void>;
  /** `POST /api/sip/credentials` (signed in): ephemeral SIP credentials and ICE servers (TURN). */
  sipCredentials(): Promise<SipCredentials>;
}

export function sessionApi(http: Http): SessionApi {
  return {
    config: (signal) => http.request('GET', '/api/config', ClientConfig, { signal, reauthenticate: false }),
    open: (username, password) =>
      http.request('POST', '/api/session', SessionInfo, {
        body: { username, password },
        reauthenticate: false,
      }),
    async close() {
      await http.request('DELETE', '/api/session', z.undefined(), { reauthenticate: false });
    },
    sipCredentials: () => http.request('POST', '/api/sip/credentials', SipCredentials),
  };
}
