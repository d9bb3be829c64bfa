/** The operator's webphone configuration, the admin audit and the account balance (issue 13). */
import type { Http } from './client';
import {
  AccountBalance,
  AuditList,
  WebphoneConfigResponse,
  type AuditEntry,
  type WebphoneConfig,
} from './webphone-schemas';

export interface WebphoneApi {
  /** `GET /api/webphone/config` (signed in). */
  config(): Promise<WebphoneConfigResponse>;
  /** `PUT /api/webphone/config` (admins; 403 otherwise). */
  save(config: WebphoneConfig): Promise<WebphoneConfigResponse>;
  /** `GET /api/admin/audit` (admins), newest first. */
  audit(limit?: number): Promise<AuditEntry[]>;
  /** `GET /api/account/balance`. */
  balance(): Promise<AccountBalance>;
}

export function webphoneApi(http: Http): WebphoneApi {
  return {
    config: () => http.request('GET', '/api/webphone/config', WebphoneConfigResponse),
    save: (config) => http.request('PUT', '/api/webphone/config', WebphoneConfigResponse, { body: config }),
    audit: async (limit = 50) =>
      (await http.request('GET', `/api/admin/audit?limit=${limit}`, AuditList)).entries,
    balance: () => http.request('GET', '/api/account/balance', AccountBalance),
  };
}
