import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { formatTime } from '../../lib/format-time';
import { chatPath } from '../../lib/sw-messages';
import type { ChatConversation } from '../../storage/chat-repository';
import { chatService } from '../../stores/chat-instance';
import { useRegistrationStore } from '../../stores/registration';
import { EmptyState } from '../../ui/EmptyState';
import { Screen } from '../../ui/Screen';
import { attachmentSummary } from './AttachmentView';
import { usePeerName } from './PeerName';
import './chat.css';

function ConversationRow({ conversation }: { conversation: ChatConversation }) {
  const name = usePeerName(conversation.peer, conversation.peerName);
  const unread = conversation.unread;
  return (
    <li>
      <Link className={unread > 0 ? 'chat-row chat-row-unread' : 'chat-row'} to={chatPath(conversation.peer)}>
        <span className="chat-row-name">{name}</span>
        <time className="chat-row-time" dateTime={new Date(conversation.lastAt).toISOString()}>
          {formatTime(new Date(conversation.lastAt))}
        </time>
        <span className="chat-row-last">
          {conversation.lastDirection === 'out' ? 'You: ' : ''}
          {attachmentSummary(conversation.lastBody)}
        </span>
        {unread > 0 && (
          <span className="chat-row-unread-count" aria-label={`${unread} unread`}>
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

  useEffect(() => {
    void chatService.load();
  }, [account]);

  const start = (event: FormEvent) => {
    event.preventDefault();
    if (to.trim()) void navigate(chatPath(to.trim()));
  };

  return (
    <Screen title="Messages" className="screen-chat">
      <form className="chat-new" onSubmit={start}>
        <label htmlFor={toId}>New message to</label>
        <input
          id={toId}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          placeholder="Extension or number"
          autoComplete="off"
        />
        <button type="submit" className="button button-secondary" disabled={!to.trim()}>
          Open
        </button>
      </form>
      {error && (
        <p className="chat-error" role="alert">
          {error}
        </p>
      )}
      {!account && <EmptyState>Sign in (Settings) to send and receive messages.</EmptyState>}
      {account && conversations.length === 0 && (
        <EmptyState>
          No conversations yet. Messages you send or receive as {account} are kept on this device; someone who
          is signed out gets yours when they next sign in.
        </EmptyState>
      )}
      {conversations.length > 0 && (
        <ul className="chat-list" aria-label="Conversations">
          {conversations.map((c) => (
            <ConversationRow key={c.peer} conversation={c} />
          ))}
        </ul>
      )}
    </Screen>
  );
}
