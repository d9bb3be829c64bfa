/**
 * Each account's voicemail settings (SQLite table `voicemail_settings`, migration 10): whether
 * voicemail takes its calls at all, and after how many seconds of ringing; and its own greeting, a
 * checked Ogg/Opus file at DATA_DIR/voicemail/greetings/<user>.ogg (none: the default chime).
 * The deposit agent asks here on every call, so a change applies to the next call.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VoicemailSettingsUpdate } from '../../src/api/voicemail-schemas';
import type { Db } from '../db';
import { greetingPackets } from './greeting';

export type AccountVoicemailSettings = VoicemailSettingsUpdate;

const DEFAULTS: AccountVoicemailSettings = { enabled: true, noAnswerS: null };
/** Usernames that are safe as file names (no dot first, so no `.`/`..`). */
const SAFE_USER = /^[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,63}$/;

interface Row {
  enabled: number;
  no_answer_s: number | null;
}

export class VoicemailSettingsStore {
  readonly greetingsDir: string;
  private readonly q;
  private readonly listeners: Array<(user: string) => void> = [];

  constructor(
    db: Db,
    dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.greetingsDir = join(dataDir, 'voicemail', 'greetings');
    mkdirSync(this.greetingsDir, { recursive: true });
    this.q = {
      get: db.prepare('SELECT enabled, no_answer_s FROM voicemail_settings WHERE username = ?'),
      put: db.prepare(
        `INSERT INTO voicemail_settings (username, enabled, no_answer_s, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (username) DO UPDATE SET enabled = excluded.enabled,
           no_answer_s = excluded.no_answer_s, updated_at = excluded.updated_at`,
      ),
    };
  }

  get(user: string): AccountVoicemailSettings {
    const row = this.q.get.get(user) as Row | undefined;
    return row ? { enabled: row.enabled === 1, noAnswerS: row.no_answer_s } : { ...DEFAULTS };
  }

  set(user: string, settings: AccountVoicemailSettings): void {
    this.q.put.run(user, settings.enabled ? 1 : 0, settings.noAnswerS, this.now());
    for (const listener of this.listeners) listener(user);
  }

  /** Called after a user's settings are saved (Kamailio learns the ring time through MWI NOTIFYs). */
  onChange(listener: (user: string) => void): void {
    this.listeners.push(listener);
  }

  greetingPath(user: string): string {
    if (!SAFE_USER.test(user)) throw new Error(`no greeting file for user ${JSON.stringify(user)}`);
    return join(this.greetingsDir, `${user}.ogg`);
  }

  hasGreeting(user: string): boolean {
    return SAFE_USER.test(user) && existsSync(this.greetingPath(user));
  }

  /** Stores an already checked greeting (written aside, then renamed: a deposit never reads half a file). */
  saveGreeting(user: string, file: Buffer): void {
    const temp = join(this.greetingsDir, `.${randomBytes(9).toString('base64url')}.part`);
    try {
      writeFileSync(temp, file);
      renameSync(temp, this.greetingPath(user));
    } finally {
      rmSync(temp, { force: true });
    }
  }

  /** Removes the user's greeting (callers hear the default again); false when there was none. */
  deleteGreeting(user: string): boolean {
    if (!this.hasGreeting(user)) return false;
    rmSync(this.greetingPath(user), { force: true });
    return true;
  }

  /** The user's greeting as Opus packets, or undefined (none, or unreadable: the default plays). */
  greeting(user: string): Buffer[] | undefined {
    if (!this.hasGreeting(user)) return undefined;
    const checked = greetingPackets(readFileSync(this.greetingPath(user)));
    return 'packets' in checked ? checked.packets : undefined;
  }
}
