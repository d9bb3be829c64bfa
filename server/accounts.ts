/**
 * SIP accounts: rows in SQLite, served from an in-memory cache so authentication never
 * touches the database on the hot path. Call `reload()` after writing accounts.
 */
import type { Role } from '../src/api/webphone-schemas';
import type { Db } from './db';
import { computeHa1 } from './sip/digest';

export interface Account {
  username: string;
  displayName: string;
  ha1: string;
  /** admin, agent or user (migration 12). */
  role: Role;
  /** The customer company (migration 13); null: none. */
  company: string | null;
  /** Epoch ms the account was disabled; null while enabled. */
  disabledAt: number | null;
  createdAt: number;
  /** The admin who created it, `signup`, or `seed`. */
  createdBy: string;
}

interface AccountRow {
  username: string;
  display_name: string;
  ha1: string;
  role: Role;
  company: string | null;
  disabled_at: number | null;
  created_at: number;
  created_by: string;
}

/** A new account's details (the password becomes HA1 for this realm). */
export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  company: string | null;
  createdBy: string;
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
      .prepare(
        `SELECT username, display_name, ha1, role, company, disabled_at, created_at, created_by
           FROM accounts WHERE realm = ?`,
      )
      .all(this.realm) as AccountRow[];
    this.cache = new Map(
      rows.map((r) => [
        r.username,
        {
          username: r.username,
          displayName: r.display_name,
          ha1: r.ha1,
          role: r.role,
          company: r.company,
          disabledAt: r.disabled_at,
          createdAt: r.created_at,
          createdBy: r.created_by,
        },
      ]),
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

  /** Adds one account; false when the username is taken (in any realm: the column is the key). */
  create(entry: NewAccount, now = Date.now()): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO accounts (username, display_name, realm, ha1, role, company, created_by, created_at, updated_at)
           VALUES (@username, @displayName, @realm, @ha1, @role, @company, @createdBy, @now, @now)
           ON CONFLICT(username) DO NOTHING`,
      )
      .run({
        username: entry.username,
        displayName: entry.displayName,
        realm: this.realm,
        ha1: computeHa1(entry.username, this.realm, entry.password),
        role: entry.role,
        company: entry.company,
        createdBy: entry.createdBy,
        now,
      });
    this.reload();
    return result.changes === 1;
  }

  /** Whether any row (in any realm) holds this username. */
  taken(username: string): boolean {
    return this.db.prepare('SELECT 1 FROM accounts WHERE username = ?').get(username) !== undefined;
  }

  /** Changes display name, role and company. */
  update(username: string, next: { displayName: string; role: Role; company: string | null }): void {
    this.db
      .prepare(
        'UPDATE accounts SET display_name = ?, role = ?, company = ?, updated_at = ? WHERE username = ? AND realm = ?',
      )
      .run(next.displayName, next.role, next.company, Date.now(), username, this.realm);
    this.reload();
  }

  /** Disables (with the time) or enables an account. */
  setDisabled(username: string, disabled: boolean, now = Date.now()): void {
    this.db
      .prepare('UPDATE accounts SET disabled_at = ?, updated_at = ? WHERE username = ? AND realm = ?')
      .run(disabled ? now : null, now, username, this.realm);
    this.reload();
  }

  /** Replaces the password (its HA1). */
  setPassword(username: string, password: string): void {
    this.db
      .prepare('UPDATE accounts SET ha1 = ?, updated_at = ? WHERE username = ? AND realm = ?')
      .run(computeHa1(username, this.realm, password), Date.now(), username, this.realm);
    this.reload();
  }

  /** Sets the demo accounts' company (the seed), then refreshes the cache. */
  setCompanies(entries: ReadonlyArray<{ username: string; company: string | null }>): void {
    const stmt = this.db.prepare('UPDATE accounts SET company = ? WHERE username = ?');
    this.db.transaction(() => {
      for (const { username, company } of entries) stmt.run(company, username);
    })();
    this.reload();
  }

  /** Sets accounts' roles (the demo seed and the Admin accounts section), then refreshes the cache. */
  setRoles(roles: ReadonlyArray<{ username: string; role: Role }>): void {
    const stmt = this.db.prepare('UPDATE accounts SET role = ?, updated_at = ? WHERE username = ?');
    const now = Date.now();
    this.db.transaction(() => {
      for (const { username, role } of roles) stmt.run(role, now, username);
    })();
    this.reload();
  }

  /** The account's balance (Display Balance), read from the database each time: billing owns it. */
  balance(username: string): { amountMinor: number; currency: string } | undefined {
    const row = this.db
      .prepare('SELECT balance_minor, balance_currency FROM accounts WHERE username = ? AND realm = ?')
      .get(username, this.realm) as { balance_minor: number; balance_currency: string } | undefined;
    return row && { amountMinor: row.balance_minor, currency: row.balance_currency };
  }

  /** Sets an account's balance (the demo seed; an operator's billing would write the column). */
  setBalance(username: string, amountMinor: number, currency: string): void {
    this.db
      .prepare('UPDATE accounts SET balance_minor = ?, balance_currency = ? WHERE username = ?')
      .run(amountMinor, currency, username);
  }
}
