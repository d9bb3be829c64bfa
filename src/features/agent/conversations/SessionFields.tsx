import type { ConversationSummary } from '../../../api/channels-schemas';

/** The session fields of the messaging platform's model, visible to the agent. */
export function SessionFields({ c }: { c: ConversationSummary }) {
  const rows: Array<[string, string]> = [
    ['Channel', `${c.channel} (${c.kind})`],
    ['Channel id', c.channelId],
    ['Agent id', c.agent ?? 'Unassigned'],
    ['Guest id', c.guestId ?? '—'],
    ['Field 1', c.fields[0] || '—'],
    ['Field 2', c.fields[1] || '—'],
    ['Field 3', c.fields[2] || '—'],
    ['Routed', c.routedBy],
  ];
  return (
    <details className="session-fields">
      <summary>Session fields</summary>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
