import { Plural, Trans, useLingui } from '@lingui/react/macro';
import type { ConversationSummary } from '../../../api/channels-schemas';

interface Props {
  conversations: ConversationSummary[];
  me: string | null;
  onOpen(id: number): void;
}

/**
 * The customer's name, or their number on the channel (kept left to right in Arabic by `<bdi>`). User
 * data is marked `data-i18n-data`: not interface text (the Arabic e2e checks interface text for English).
 */
const who = (c: ConversationSummary) => c.customerName || `+${c.channelId.replace(/^\+/, '')}`;

/** My conversations and the unassigned queue, newest first; unread ones stand out. */
export function ConversationList({ conversations, me, onOpen }: Props) {
  const { t } = useLingui();
  if (conversations.length === 0) {
    return (
      <p className="conversations-empty">
        <Trans>
          No conversations yet. Customers who write on a channel (WhatsApp, Viber, webhook) appear here.
        </Trans>
      </p>
    );
  }
  return (
    <ul className="conversation-list" aria-label={t`Channel conversations`}>
      {conversations.map((c) => {
        const unread = c.unread;
        return (
          <li key={c.id}>
            <button
              type="button"
              className={`conversation-item${c.unread > 0 ? ' conversation-unread' : ''}`}
              onClick={() => onOpen(c.id)}
              data-testid="conversation-item"
            >
              <bdi className="conversation-who" data-i18n-data>
                {who(c)}
              </bdi>
              <span className="conversation-tags">
                <bdi className="conversation-tag" data-i18n-data>
                  {c.channel}
                </bdi>
                {c.agent === null && (
                  <span className="conversation-tag conversation-tag-queue">
                    <Trans context="unassigned conversations">Queue</Trans>
                  </span>
                )}
                {c.agent !== null && c.agent !== me && (
                  <bdi className="conversation-tag" data-i18n-data>
                    {c.agent}
                  </bdi>
                )}
                {c.state === 'closed' && (
                  <span className="conversation-tag">
                    <Trans context="conversation state">Closed</Trans>
                  </span>
                )}
                {c.unread > 0 && (
                  <span className="conversation-badge">
                    <Plural value={unread} one="# unread" other="# unread" />
                  </span>
                )}
              </span>
              <bdi className="conversation-preview" data-i18n-data>
                {c.preview}
              </bdi>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
