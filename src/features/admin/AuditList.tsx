import type { AuditEntry } from '../../stores/admin';

/** What changed between two JSON values, as `brand.name` paths (at most a few, for a one-line summary). */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(before) || !isObject(after)) return [prefix || '(all)'];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((k) => changedPaths(before[k], after[k], prefix ? `${prefix}.${k}` : k));
}

const ACCOUNT_ACTIONS: Record<string, string> = {
  'account.create': 'created account',
  'account.update': 'edited account',
  'account.disable': 'disabled account',
  'account.enable': 'enabled account',
  'account.password.reset': 'reset the password of',
  'account.signup': 'signed up as',
};

/** "created account dana" for account actions; "changed brand.name, …" for the configuration. */
export function auditSummary(e: AuditEntry): string {
  const verb = ACCOUNT_ACTIONS[e.action];
  if (verb) {
    const subject = [e.after, e.before].find(
      (v): v is { username: string } =>
        typeof v === 'object' && v !== null && typeof (v as { username?: unknown }).username === 'string',
    );
    return `${verb} ${subject?.username ?? ''}`.trim();
  }
  return `changed ${changedPaths(e.before, e.after).slice(0, 6).join(', ') || 'nothing'}`;
}

/** The newest admin changes: who, when, and which settings changed. */
export function AuditList({ entries }: { entries: AuditEntry[] | null }) {
  return (
    <section className="settings-group" aria-labelledby="audit-title">
      <h2 id="audit-title" className="settings-group-title">
        Audit
      </h2>
      {entries === null ? (
        <p className="field-hint">Loading…</p>
      ) : entries.length === 0 ? (
        <p className="field-hint">No changes yet.</p>
      ) : (
        <ul className="admin-audit" data-testid="audit-list">
          {entries.map((e) => (
            <li key={e.id}>
              <time dateTime={new Date(e.at).toISOString()}>{new Date(e.at).toLocaleString()}</time>{' '}
              <strong>{e.actor}</strong> {auditSummary(e)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
