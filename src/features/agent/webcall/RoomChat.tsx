import { useLingui } from '@lingui/react/macro';
import { useEffect, useId, useState } from 'react';
import type { RoomChatOf } from '../../../stores/room-chat-instances';
import { createAgentRoomChat } from '../../../stores/room-chat-instances';
import { CHAT_TEXT_MAX, type ChatGuest } from '../../../stores/room-chat';
import { ChatThread, threadMessages } from '../../../ui/chat';

/** "Language de-DE · Android, Chrome 131 · screen 390 × 844" (what the customer's page said). */
function GuestDevice({ info }: { info: ChatGuest['info'] }) {
  const { t } = useLingui();
  const locale = info.locale;
  const width = info.screen?.width;
  const height = info.screen?.height;
  const parts = [
    locale && t`Language ${locale}`,
    [info.platform, info.browser].filter(Boolean).join(', '),
    info.screen && t`screen ${width} × ${height}`,
  ].filter(Boolean);
  const details = parts.join(' · ');
  return (
    <>{parts.length > 0 ? t`Customer’s device: ${details}` : t`The customer’s page shared no details.`}</>
  );
}

/** The conversation of the panel's room, kept while the panel shows that room (docked or not). */
export function useRoomChat(roomId: string): RoomChatOf {
  const [chat, setChat] = useState<RoomChatOf>(() => createAgentRoomChat(roomId));
  if (chat.roomId !== roomId) setChat(createAgentRoomChat(roomId));
  useEffect(() => {
    chat.start();
    return () => chat.stop();
  }, [chat]);
  return chat;
}

/**
 * Beside the room tile: the conversation with this link's customer (issue 14), live, with a reply box.
 * Collapsible; the number of unread messages shows on its heading button while collapsed.
 */
export function RoomChat({ chat, customerName }: { chat: RoomChatOf; customerName: string }) {
  const { t } = useLingui();
  const state = chat.useStore();
  const panelId = useId();
  const customer = customerName || t`Customer`;
  const notice =
    state.connection === 'closed'
      ? state.closedReason
      : state.connection === 'reconnecting'
        ? t`Connection lost, reconnecting…`
        : null;

  return (
    <section className="webcall-chat" aria-label={t`Chat with ${customer}`}>
      <h3 className="webcall-chat-title">
        <button
          type="button"
          className="webcall-chat-toggle"
          aria-expanded={state.open}
          aria-controls={panelId}
          onClick={() => chat.setOpen(!state.open)}
        >
          {t`Chat with ${customer}`}
          {state.unread > 0 && (
            <span className="chat-badge" data-testid="webcall-chat-unread">
              {state.unread}
              <span className="visually-hidden"> {t({ message: 'unread', context: 'messages' })}</span>
            </span>
          )}
        </button>
      </h3>
      {state.guests[0] && (
        <p className="webcall-chat-guest" data-testid="webcall-chat-guest">
          <GuestDevice info={state.guests[0].info} />
        </p>
      )}
      {state.guests[0]?.preChat && state.guests[0].preChat.length > 0 && (
        <div className="webcall-chat-prechat" data-testid="webcall-chat-prechat">
          <h4>{t`Pre-chat`}</h4>
          <dl>
            {state.guests[0].preChat.map((a) => (
              <div key={a.label}>
                <dt>{a.label}</dt>
                <dd>{a.value}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      <div id={panelId} className="webcall-chat-body" hidden={!state.open}>
        <ChatThread
          title={t`Chat with ${customer}`}
          messages={threadMessages('agent', state.messages, state.pending, {
            guest: customer,
            agent: t`You`,
            you: t`You`,
          })}
          notice={notice}
          canSend={state.connection !== 'closed'}
          maxLength={CHAT_TEXT_MAX}
          onSend={chat.send}
          onRetry={chat.retry}
          typing={state.peerTyping ? t`${customer} is typing…` : null}
          onDraftChange={chat.draftChanged}
          {...(state.fileTransfer ? { onAttach: chat.sendFile } : {})}
          fileUrl={chat.fileUrl}
          transcript={{ prefix: `webcall-${customer}` }}
          placeholder={t`Reply to ${customer}`}
        />
      </div>
    </section>
  );
}
