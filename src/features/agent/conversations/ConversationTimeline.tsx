import { useLingui } from '@lingui/react/macro';
import type { ChannelMessageView } from '../../../api/channels-schemas';
import { deliveryText, messageKindLabel } from './conversation-words';

/** Inbound and outbound messages in order, each with its delivery state. Text only (never HTML). */
export function ConversationTimeline({ messages }: { messages: ChannelMessageView[] }) {
  const { t, i18n } = useLingui();
  const time = (ms: number) => i18n.date(new Date(ms), { hour: '2-digit', minute: '2-digit' });
  return (
    <ol
      className="conversation-timeline"
      aria-label={t({ message: 'Messages', context: 'channel conversation' })}
      aria-live="polite"
    >
      {messages.map((m) => {
        const kind = messageKindLabel(m.kind, i18n);
        return (
          <li
            key={m.id}
            className={`timeline-message timeline-${m.direction} timeline-${m.status} timeline-kind-${m.kind}`}
            data-testid="timeline-message"
          >
            {kind && <span className="timeline-kind">{kind}</span>}
            <p className="timeline-body" dir="auto" data-i18n-data>
              {m.body}
            </p>
            <p className="timeline-meta">
              {m.direction === 'out' && m.author ? (
                <>
                  <bdi data-i18n-data>{m.author}</bdi>
                  {' · '}
                </>
              ) : null}
              {time(m.createdAt)} · <span data-testid="timeline-status">{deliveryText(m, i18n)}</span>
            </p>
          </li>
        );
      })}
    </ol>
  );
}
