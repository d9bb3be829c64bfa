/**
 * Writes one row of the admin audit (`admin_audit`, migration 12): who, when, what, before and after.
 * Callers pass views without secrets (never a password or its hash).
 */
import type { Db } from '../db';

export interface AuditRecord {
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
}

export type AuditWriter = (record: AuditRecord) => void;

export function auditWriter(db: Db, now: () => number = Date.now): AuditWriter {
  const insert = db.prepare(
    'INSERT INTO admin_audit (at, actor, action, before_json, after_json) VALUES (?, ?, ?, ?, ?)',
  );
  return ({ actor, action, before, after }) => {
    insert.run(now(), actor, action, JSON.stringify(before ?? null), JSON.stringify(after ?? null));
  };
}
