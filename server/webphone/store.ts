/**
 * The webphone configuration (one JSON row, validated by the shared zod schema) and the admin audit.
 * Every change is written together with its audit row in one transaction, then announced to listeners
 * (the event stream that tells open apps to fetch it again).
 */
import { DEFAULT_WEBPHONE_CONFIG, WebphoneConfig, type AuditEntry } from '../../src/api/webphone-schemas';
import type { Db } from '../db';

export interface StoredConfig {
  revision: number;
  config: WebphoneConfig;
}

type Listener = (revision: number) => void;

/** The audit list returns at most this many rows per request. */
export const MAX_AUDIT_PAGE = 200;

export class WebphoneConfigStore {
  private readonly listeners = new Set<Listener>();
  private current: StoredConfig;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.current = this.load();
  }

  /** Seeds today's behaviour on a fresh database; an existing row is never overwritten. */
  private load(): StoredConfig {
    const row = this.db.prepare('SELECT json, revision FROM webphone_config WHERE id = 1').get() as
      { json: string; revision: number } | undefined;
    if (!row) {
      this.db
        .prepare(
          'INSERT INTO webphone_config (id, json, revision, updated_at, updated_by) VALUES (1, ?, 1, ?, ?)',
        )
        .run(JSON.stringify(DEFAULT_WEBPHONE_CONFIG), this.now(), 'seed');
      return { revision: 1, config: DEFAULT_WEBPHONE_CONFIG };
    }
    // A row written by an older version may lack newer fields: fill them from the defaults.
    const parsed = WebphoneConfig.safeParse({ ...DEFAULT_WEBPHONE_CONFIG, ...JSON.parse(row.json) });
    return { revision: row.revision, config: parsed.success ? parsed.data : DEFAULT_WEBPHONE_CONFIG };
  }

  get(): StoredConfig {
    return this.current;
  }

  /** Replaces the configuration (already validated), audits who changed what, and notifies listeners. */
  update(actor: string, config: WebphoneConfig): StoredConfig {
    const before = this.current;
    const next: StoredConfig = { revision: before.revision + 1, config };
    const at = this.now();
    this.db.transaction(() => {
      this.db
        .prepare(
          'UPDATE webphone_config SET json = ?, revision = ?, updated_at = ?, updated_by = ? WHERE id = 1',
        )
        .run(JSON.stringify(config), next.revision, at, actor);
      this.db
        .prepare(
          'INSERT INTO admin_audit (at, actor, action, before_json, after_json) VALUES (?, ?, ?, ?, ?)',
        )
        .run(at, actor, 'webphone.config.update', JSON.stringify(before.config), JSON.stringify(config));
    })();
    this.current = next;
    for (const listener of this.listeners) listener(next.revision);
    return next;
  }

  /** Called with the new revision after every change; returns the unsubscribe function. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  audit(limit: number): AuditEntry[] {
    const rows = this.db
      .prepare(
        'SELECT id, at, actor, action, before_json, after_json FROM admin_audit ORDER BY at DESC, id DESC LIMIT ?',
      )
      .all(Math.min(Math.max(1, limit), MAX_AUDIT_PAGE)) as Array<{
      id: number;
      at: number;
      actor: string;
      action: string;
      before_json: string;
      after_json: string;
    }>;
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      before: JSON.parse(r.before_json) as unknown,
      after: JSON.parse(r.after_json) as unknown,
    }));
  }
}
