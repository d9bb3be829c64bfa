/** The Admin area's server calls (issue 13): save the webphone configuration, read the audit. */
import type { AuditEntry, WebphoneConfig } from '../api/webphone-schemas';
import { platformApi } from './phone-bridge-instance';
import { webphoneConfigSync } from './webphone-config-instance';

export type { AuditEntry };

export { configErrors, type FieldErrors } from './webphone-config';

/** Saves (admins only) and applies the answer at once in this tab; other apps hear of it by the stream. */
export async function saveWebphoneConfig(config: WebphoneConfig): Promise<void> {
  webphoneConfigSync.apply(await platformApi.webphone.save(config));
}

export const loadAudit = (limit = 20): Promise<AuditEntry[]> => platformApi.webphone.audit(limit);
