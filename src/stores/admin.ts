/** The Admin area's server calls (issue 13): save the webphone configuration, read the audit. */
import type { AuditEntry, WebphoneConfig } from '../api/webphone-schemas';
import { webphoneApi, webphoneConfigSync } from './webphone-config-instance';

export type { AuditEntry };

export { configErrors, type FieldErrors } from './webphone-validation';

/** Saves (admins only) and applies the answer at once in this tab; other apps hear of it by the stream. */
export async function saveWebphoneConfig(config: WebphoneConfig): Promise<void> {
  webphoneConfigSync.apply(await (await webphoneApi()).save(config));
}

export const loadAudit = async (limit = 20): Promise<AuditEntry[]> => (await webphoneApi()).audit(limit);
