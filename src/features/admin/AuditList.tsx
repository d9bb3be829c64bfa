import { Trans, useLingui } from '@lingui/react/macro';
import type { AuditEntry } from '../../stores/admin';

/**
 * What changed between two JSON values, as `brand.name` paths (at most a few, for a one-line summary);
 * `''` when the value as a whole was replaced (the sentence says so in the reader's language).
 */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(before) || !isObject(after)) return [prefix];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((k) => changedPaths(before[k], after[k], prefix ? `${prefix}.${k}` : k));
}

/** The account named by an account action's before/after value. */
function subjectOf(e: AuditEntry): string {
  const subject = [e.after, e.before].find(
    (v): v is { username: string } =>
      typeof v === 'object' && v !== null && typeof (v as { username?: unknown }).username === 'string',
  );
  return subject?.username ?? '';
}

/**
 * One change as a whole sentence with its actor ("1001 created account dana", "1001 changed brand.name"):
 * whole sentences because word order differs between languages. Usernames and setting paths stay as they are.
 */
function AuditSentence({ entry }: { entry: AuditEntry }) {
  const actor = entry.actor;
  const username = subjectOf(entry);
  switch (entry.action) {
    case 'account.create':
      return (
        <Trans>
          <strong>{actor}</strong> created account {username}
        </Trans>
      );
    case 'account.update':
      return (
        <Trans>
          <strong>{actor}</strong> edited account {username}
        </Trans>
      );
    case 'account.disable':
      return (
        <Trans>
          <strong>{actor}</strong> disabled account {username}
        </Trans>
      );
    case 'account.enable':
      return (
        <Trans>
          <strong>{actor}</strong> enabled account {username}
        </Trans>
      );
    case 'account.password.reset':
      return (
        <Trans>
          <strong>{actor}</strong> reset the password of {username}
        </Trans>
      );
    case 'account.signup':
      return (
        <Trans>
          <strong>{actor}</strong> signed up as {username}
        </Trans>
      );
  }
  const changed = changedPaths(entry.before, entry.after);
  if (changed.includes(''))
    return (
      <Trans>
        <strong>{actor}</strong> replaced all settings
      </Trans>
    );
  const paths = changed.slice(0, 6).join(', ');
  return paths ? (
    <Trans>
      <strong>{actor}</strong> changed <bdi>{paths}</bdi>
    </Trans>
  ) : (
    <Trans>
      <strong>{actor}</strong> changed nothing
    </Trans>
  );
}

/** The newest admin changes: who, when, and which settings changed. */
export function AuditList({ entries }: { entries: AuditEntry[] | null }) {
  const { i18n } = useLingui();
  return (
    <section className="settings-group" aria-labelledby="audit-title">
      <h2 id="audit-title" className="settings-group-title">
        <Trans>Audit</Trans>
      </h2>
      {entries === null ? (
        <p className="field-hint">
          <Trans>Loading…</Trans>
        </p>
      ) : entries.length === 0 ? (
        <p className="field-hint">
          <Trans>No changes yet.</Trans>
        </p>
      ) : (
        <ul className="admin-audit" data-testid="audit-list">
          {entries.map((e) => (
            <li key={e.id}>
              <time dateTime={new Date(e.at).toISOString()}>
                {i18n.date(new Date(e.at), { dateStyle: 'short', timeStyle: 'medium' })}
              </time>{' '}
              <AuditSentence entry={e} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
