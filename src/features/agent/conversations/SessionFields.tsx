import { Trans, useLingui } from '@lingui/react/macro';
import type { ConversationSummary } from '../../../api/channels-schemas';
import { channelKindText, routedByText } from './conversation-words';

/** The session fields of the messaging platform's model, visible to the agent. */
export function SessionFields({ c }: { c: ConversationSummary }) {
  const { t, i18n } = useLingui();
  const kind = channelKindText(c.kind, i18n);
  // [key, label, value, value is an address or id (left to right)]
  const rows: Array<[string, string, string, boolean]> = [
    ['channel', t`Channel`, `${c.channel} (${kind})`, false],
    ['channel-id', t`Channel id`, c.channelId, true],
    ['agent', t`Agent id`, c.agent ?? t`Unassigned`, c.agent !== null],
    ['guest', t`Guest id`, c.guestId ?? '—', true],
    ['field1', t`Field 1`, c.fields[0] || '—', false],
    ['field2', t`Field 2`, c.fields[1] || '—', false],
    ['field3', t`Field 3`, c.fields[2] || '—', false],
    ['routed', t`Routed`, routedByText(c.routedBy, i18n), false],
  ];
  return (
    <details className="session-fields">
      <summary>
        <Trans>Session fields</Trans>
      </summary>
      <dl>
        {rows.map(([key, label, value, ltr]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>{ltr ? <bdi dir="ltr">{value}</bdi> : <bdi>{value}</bdi>}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
