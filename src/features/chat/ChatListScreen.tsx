import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { chatPath } from '../../lib/sw-messages';
import type { ChatConversation } from '../../storage/chat-repository';
import { chatService } from '../../stores/chat-instance';
import { useRegistrationStore } from '../../stores/registration';
import { EmptyState } from '../../ui/EmptyState';
import { Screen } from '../../ui/Screen';
import { useAttachmentSummary } from './AttachmentView';
import { useMessageTime } from './message-time';
import { usePeerName } from './PeerName';
import './chat.css';

function ConversationRow({ conversation }: { conversation: ChatConversation }) {
  const name = usePeerName(conversation.peer, conversation.peerName);
  const unread = conversation.unread;
  const { t } = useLingui();
  const summary = useAttachmentSummary();
  const time = useMessageTime();
  const last = summary(conversation.lastBody);
  return (
    <li>
      <Link className={unread > 0 ? 'chat-row chat-row-unread' : 'chat-row'} to={chatPath(conversation.peer)}>
        {/* The peer's name and their words are data, not the interface's text (docs/i18n.md). */}
        <span className="chat-row-name" data-i18n-data>
          {name}
        </span>
        <time className="chat-row-time" dateTime={new Date(conversation.lastAt).toISOString()}>
          {time(conversation.lastAt)}
        </time>
        <span className="chat-row-last" dir="auto">
          {conversation.lastDirection === 'out' && <>{t`You:`} </>}
          <span data-i18n-data>{last}</span>
        </span>
        {unread > 0 && (
          <span className="chat-row-unread-count" aria-label={t`${unread} unread`}>
            {unread}
          </span>
        )}
      </Link>
    </li>
  );
}

/** Route `/messages`: conversations, newest first, and a field to start one. */
export function ChatListScreen() {
  const { conversations, error } = chatService.useStore();
  const account = useRegistrationStore((s) => s.account);
  const navigate = useNavigate();
  const [to, setTo] = useState('');
  const toId = useId();
  const { t } = useLingui();

  useEffect(() => {
    void chatService.load();
  }, [account]);

  const start = (event: FormEvent) => {
    event.preventDefault();
    if (to.trim()) void navigate(chatPath(to.trim()));
  };

  return (
    <Screen title={t`Messages`} className="screen-chat">
      <form className="chat-new" onSubmit={start}>
        <label htmlFor={toId}>
          <Trans>New message to</Trans>
        </label>
        <input
          id={toId}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          placeholder={t`Extension or number`}
          autoComplete="off"
        />
        <button type="submit" className="button button-secondary" disabled={!to.trim()}>
          <Trans>Open</Trans>
        </button>
      </form>
      {error && (
        <p className="chat-error" role="alert">
          {error}
        </p>
      )}
      {!account && (
        <EmptyState>
          <Trans>Sign in (Settings) to send and receive messages.</Trans>
        </EmptyState>
      )}
      {account && conversations.length === 0 && (
        <EmptyState>
          <Trans>
            No conversations yet. Messages you send or receive as <bdi>{account}</bdi> are kept on this
            device; someone who is signed out gets yours when they next sign in.
          </Trans>
        </EmptyState>
      )}
      {conversations.length > 0 && (
        <ul className="chat-list" aria-label={t`Conversations`}>
          {conversations.map((c) => (
            <ConversationRow key={c.peer} conversation={c} />
          ))}
        </ul>
      )}
    </Screen>
  );
}
