import { useEffect, useId, useState } from 'react';
import type { PreChatAnswers } from '../../api/pre-chat';
import { createGuestRoomChat } from '../../stores/room-chat-instances';
import { CHAT_TEXT_MAX, type RoomChat } from '../../stores/room-chat';
import { ChatThread, threadMessages, type Emoji } from '../../ui/chat';

export interface JoinChatProps {
  roomId: string;
  chatKey: string;
  agentName: string | undefined;
  customerName: string | undefined;
  /** The operator's widget settings (issue 14). */
  transcript: boolean;
  emoji: boolean;
  reconnectSeconds: number;
  /** The pre-chat answers, sent with the guest session. */
  preChat: PreChatAnswers | null;
}

/** The chat's emoji buttons, when the operator has them on. */
const EMOJI: readonly Emoji[] = [
  { char: '👍', name: 'thumbs up' },
  { char: '🙂', name: 'slightly smiling face' },
  { char: '😂', name: 'face with tears of joy' },
  { char: '🙏', name: 'folded hands' },
  { char: '👋', name: 'waving hand' },
  { char: '❤️', name: 'red heart' },
];

/**
 * The customer's conversation with the agent (issue 14): a Chat button in the page header (with the
 * number of unread messages) opens a panel that stays while waiting, during the call and after it,
 * until the link expires. Loaded lazily: the pre-join screen does not pay for it up front.
 */
export default function JoinChat(props: JoinChatProps) {
  const { roomId, chatKey, agentName, customerName } = props;
  const [chat] = useState<RoomChat>(() =>
    createGuestRoomChat(roomId, chatKey, props.reconnectSeconds * 1000, props.preChat),
  );
  useEffect(() => {
    chat.start();
    return () => chat.stop();
  }, [chat]);
  const state = chat.useStore();
  const panelId = useId();
  const titleId = useId();
  const agent = agentName ?? 'Agent';
  const notice =
    state.connection === 'closed'
      ? state.closedReason
      : state.connection === 'reconnecting'
        ? 'Connection lost, reconnecting…'
        : state.connection === 'connecting'
          ? 'Connecting…'
          : null;

  return (
    <>
      <button
        type="button"
        className="button button-secondary join-chat-toggle"
        aria-expanded={state.open}
        aria-controls={panelId}
        onClick={() => chat.setOpen(!state.open)}
      >
        Chat
        {state.unread > 0 && (
          <span className="chat-badge" data-testid="join-chat-unread">
            {state.unread}
            <span className="visually-hidden"> unread</span>
          </span>
        )}
      </button>
      <section id={panelId} className="join-chat" hidden={!state.open} aria-labelledby={titleId}>
        <div className="join-chat-head">
          <h2 id={titleId}>Chat with {agent}</h2>
          <button type="button" className="button button-secondary" onClick={() => chat.setOpen(false)}>
            Close chat
          </button>
        </div>
        <ChatThread
          title={`Chat with ${agent}`}
          messages={threadMessages('guest', state.messages, state.pending, {
            guest: customerName ?? 'You',
            agent,
          })}
          notice={notice}
          canSend={state.connection !== 'closed'}
          maxLength={CHAT_TEXT_MAX}
          onSend={chat.send}
          onRetry={chat.retry}
          {...(props.transcript ? { transcript: { prefix: 'openline-chat' } } : {})}
          {...(props.emoji ? { emoji: EMOJI } : {})}
          placeholder={`Message ${agent}`}
        />
      </section>
    </>
  );
}
