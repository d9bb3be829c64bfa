/**
 * SIP accounts: rows in SQLite, served from an in-memory cache so authentication never
 * touches the database on the hot path. Call `reload()` after writing accounts.
 */
import type { Db } from './db';
import { computeHa1 } from './sip/digest';

export interface Account {
  username: string;
  displayName: string;
  ha1: string;
}

export class AccountStore {
  private cache = new Map<string, Account>();

  constructor(
    private readonly db: Db,
    /** Digest realm (the SIP domain) the cached HA1 values must belong to. */
    readonly realm: string,
  ) {
    this.reload();
  }

  reload(): void {
    const rows = this.db
      .prepare('SELECT username, display_name, realm, ha1 FROM accounts WHERE realm = ?')
      .all(this.realm) as Array<{ username: string; display_name: string; ha1: string }>;
    this.cache = new Map(
      rows.map((r) => [r.username, { username: r.username, displayName: r.display_name, ha1: r.ha1 }]),
    );
  }

  get(username: string): Account | undefined {
    return this.cache.get(username);
  }

  ha1(username: string): string | undefined {
    return this.cache.get(username)?.ha1;
  }

  list(): Account[] {
    return [...this.cache.values()];
  }

  /**
   * Creates or updates accounts in one transaction (passwords become HA1 for this realm),
   * then refreshes the cache.
   */
  upsert(entries: ReadonlyArray<{ username: string; displayName: string; password: string }>): void {
    const now = Date.now();
    const stmt = this.db.prepare(
      `INSERT INTO accounts (username, display_name, realm, ha1, created_at, updated_at)
         VALUES (@username, @displayName, @realm, @ha1, @now, @now)
         ON CONFLICT(username) DO UPDATE SET
           display_name = excluded.display_name, realm = excluded.realm,
           ha1 = excluded.ha1, updated_at = excluded.updated_at`,
    );
    this.db.transaction(() => {
      for (const { username, displayName, password } of entries) {
        stmt.run({
          username,
          displayName,
          realm: this.realm,
          ha1: computeHa1(username, this.realm, password),
          now,
        });
      }
    })();
    this.reload();
  }
}
