import type { ConversationSummary } from '../../../api/channels-schemas';

interface Props {
  conversations: ConversationSummary[];
  me: string | null;
  onOpen(id: number): void;
}

const who = (c: ConversationSummary) => c.customerName || `+${c.channelId.replace(/^\+/, '')}`;

/** My conversations and the unassigned queue, newest first; unread ones stand out. */
export function ConversationList({ conversations, me, onOpen }: Props) {
  if (conversations.length === 0) {
    return (
      <p className="conversations-empty">
        No conversations yet. Customers who write on a channel (WhatsApp, Viber, webhook) appear here.
      </p>
    );
  }
  return (
    <ul className="conversation-list" aria-label="Channel conversations">
      {conversations.map((c) => (
        <li key={c.id}>
          <button
            type="button"
            className={`conversation-item${c.unread > 0 ? ' conversation-unread' : ''}`}
            onClick={() => onOpen(c.id)}
            data-testid="conversation-item"
          >
            <span className="conversation-who">{who(c)}</span>
            <span className="conversation-tags">
              <span className="conversation-tag">{c.channel}</span>
              {c.agent === null && <span className="conversation-tag conversation-tag-queue">Queue</span>}
              {c.agent !== null && c.agent !== me && <span className="conversation-tag">{c.agent}</span>}
              {c.state === 'closed' && <span className="conversation-tag">Closed</span>}
              {c.unread > 0 && <span className="conversation-badge">{c.unread} unread</span>}
            </span>
            <span className="conversation-preview">{c.preview}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
