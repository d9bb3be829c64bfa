/**
 * Versioned schema migrations. Append new entries; never edit one that has shipped.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts',
    sql: `
      CREATE TABLE accounts (
        username     TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        -- Digest HA1 = MD5(username:realm:password); the password itself is never stored.
        realm        TEXT NOT NULL,
        ha1          TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL
      ) STRICT;
    `,
  },
];
