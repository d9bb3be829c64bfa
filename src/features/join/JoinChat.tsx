import { msg } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';
import { useLingui } from '@lingui/react/macro';
import { useEffect, useId, useRef, useState } from 'react';
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
const EMOJI: readonly { char: string; name: MessageDescriptor }[] = [
  { char: '👍', name: msg`thumbs up` },
  { char: '🙂', name: msg`slightly smiling face` },
  { char: '😂', name: msg`face with tears of joy` },
  { char: '🙏', name: msg`folded hands` },
  { char: '👋', name: msg`waving hand` },
  { char: '❤️', name: msg`red heart` },
];

/**
 * The customer's conversation with the agent (issue 14): a Chat button in the page header (with the
 * number of unread messages) opens a panel that stays while waiting, during the call and after it,
 * until the link expires. Loaded lazily: the pre-join screen does not pay for it up front.
 */
export default function JoinChat(props: JoinChatProps) {
  const { roomId, chatKey, agentName, customerName } = props;
  const { t, i18n } = useLingui();
  const [chat] = useState<RoomChat>(() =>
    createGuestRoomChat(roomId, chatKey, props.reconnectSeconds * 1000, props.preChat),
  );
  useEffect(() => {
    chat.start();
    return () => chat.stop();
  }, [chat]);
  const state = chat.useStore();
  // The thread is drawn on the first opening, not with the button: drawn hidden right after the page's
  // first paint, it was a long task on a phone (docs/performance.md, session 24). Kept once drawn, so a
  // draft survives closing the panel.
  const drawn = useRef(false);
  if (state.open) drawn.current = true;
  const panelId = useId();
  const titleId = useId();
  const agent = agentName ?? t`Agent`;
  const emoji: readonly Emoji[] = EMOJI.map((e) => ({ char: e.char, name: i18n._(e.name) }));
  const notice =
    state.connection === 'closed'
      ? state.closedReason
      : state.connection === 'reconnecting'
        ? t`Connection lost, reconnecting…`
        : state.connection === 'connecting'
          ? t`Connecting…`
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
        {t({ message: 'Chat', context: 'button' })}
        {state.unread > 0 && (
          <span className="chat-badge" data-testid="join-chat-unread">
            {state.unread}
            <span className="visually-hidden"> {t({ message: 'unread', context: 'chat messages' })}</span>
          </span>
        )}
      </button>
      <section id={panelId} className="join-chat" hidden={!state.open} aria-labelledby={titleId}>
        <div className="join-chat-head">
          <h2 id={titleId}>{t`Chat with ${agent}`}</h2>
          <button type="button" className="button button-secondary" onClick={() => chat.setOpen(false)}>
            {t`Close chat`}
          </button>
        </div>
        {drawn.current && (
          <ChatThread
            title={t`Chat with ${agent}`}
            messages={threadMessages('guest', state.messages, state.pending, {
              guest: customerName ?? t`You`,
              you: t`You`,
              agent,
            })}
            notice={notice}
            canSend={state.connection !== 'closed'}
            maxLength={CHAT_TEXT_MAX}
            onSend={chat.send}
            onRetry={chat.retry}
            typing={state.peerTyping ? t`${agent} is typing…` : null}
            onDraftChange={chat.draftChanged}
            {...(state.fileTransfer ? { onAttach: chat.sendFile } : {})}
            fileUrl={chat.fileUrl}
            {...(props.transcript ? { transcript: { prefix: 'openline-chat' } } : {})}
            {...(props.emoji ? { emoji } : {})}
            placeholder={t`Message ${agent}`}
          />
        )}
      </section>
    </>
  );
}
