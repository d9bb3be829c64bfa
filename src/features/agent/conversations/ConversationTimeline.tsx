import type { ChannelMessageView } from '../../../api/channels-schemas';

const time = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function statusText(m: ChannelMessageView): string {
  if (m.direction === 'in') return 'Received';
  if (m.status === 'sent') return 'Sent';
  if (m.status === 'failed') return `Failed: ${m.reason ?? 'not delivered'}`;
  return m.attempts > 0 ? `Sending… (attempt ${m.attempts + 1})` : 'Sending…';
}

const KIND_LABEL: Record<ChannelMessageView['kind'], string | null> = {
  text: null,
  template: 'Template',
  call: 'Call link',
  notice: 'Session ended',
};

/** Inbound and outbound messages in order, each with its delivery state. Text only (never HTML). */
export function ConversationTimeline({ messages }: { messages: ChannelMessageView[] }) {
  return (
    <ol className="conversation-timeline" aria-label="Messages" aria-live="polite">
      {messages.map((m) => (
        <li
          key={m.id}
          className={`timeline-message timeline-${m.direction} timeline-${m.status} timeline-kind-${m.kind}`}
          data-testid="timeline-message"
        >
          {KIND_LABEL[m.kind] && <span className="timeline-kind">{KIND_LABEL[m.kind]}</span>}
          <p className="timeline-body">{m.body}</p>
          <p className="timeline-meta">
            {m.direction === 'out' && m.author ? `${m.author} · ` : ''}
            {time(m.createdAt)} · <span data-testid="timeline-status">{statusText(m)}</span>
          </p>
        </li>
      ))}
    </ol>
  );
}
