import { Trans, useLingui } from '@lingui/react/macro';
import type { ConversationSummary } from '../../../api/channels-schemas';
import { channelKindText, routedByText } from './conversation-words';

/** The session fields of the messaging platform's model, visible to the agent. */
export function SessionFields({ c }: { c: ConversationSummary }) {
  const { t, i18n } = useLingui();
  const kind = channelKindText(c.kind, i18n);
  // [key, label, value, how the value is shown]: an address or id is left to right; data (the operator's
  // channel, the platform's fields) is the user's own, not interface text; words are ours.
  const rows: Array<[string, string, string, 'id' | 'data' | 'words']> = [
    ['channel', t`Channel`, `${c.channel} (${kind})`, 'data'],
    ['channel-id', t`Channel id`, c.channelId, 'id'],
    ['agent', t`Agent id`, c.agent ?? t`Unassigned`, c.agent !== null ? 'id' : 'words'],
    ['guest', t`Guest id`, c.guestId ?? '—', 'id'],
    ['field1', t`Field 1`, c.fields[0] || '—', 'data'],
    ['field2', t`Field 2`, c.fields[1] || '—', 'data'],
    ['field3', t`Field 3`, c.fields[2] || '—', 'data'],
    ['routed', t`Routed`, routedByText(c.routedBy, i18n), 'words'],
  ];
  return (
    <details className="session-fields">
      <summary>
        <Trans>Session fields</Trans>
      </summary>
      <dl>
        {rows.map(([key, label, value, shown]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>
              {shown === 'words' ? (
                value
              ) : (
                <bdi dir={shown === 'id' ? 'ltr' : undefined} data-i18n-data>
                  {value}
                </bdi>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
