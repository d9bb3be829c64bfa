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
              <strong>{e.actor}</strong> changed{' '}
              {changedPaths(e.before, e.after).slice(0, 6).join(', ') || 'nothing'}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
