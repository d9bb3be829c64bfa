import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useRef } from 'react';
import { Link, Navigate, useParams } from 'react-router-dom';
import { chatPeer } from '../../lib/chat-peer';
import { chatPath } from '../../lib/sw-messages';
import { chatService } from '../../stores/chat-instance';
import { phoneBridge } from '../../stores/phone-bridge-instance';
import { RegistrationState } from '../../stores/phone-types';
import { useRegistrationStore } from '../../stores/registration';
import { EmptyState } from '../../ui/EmptyState';
import { Screen } from '../../ui/Screen';
import { Composer } from './Composer';
import { MessageBubble } from './MessageBubble';
import { usePeerName } from './PeerName';
import './chat.css';

/** Route `/messages/:peer`: one conversation (`:peer` may be a plain extension or number: it is normalised). */
export function ConversationScreen() {
  const { peer: param = '' } = useParams();
  const account = useRegistrationStore((s) => s.account);
  const registered = useRegistrationStore((s) => s.state === RegistrationState.Registered);
  const domain = account?.split('@')[1] ?? '';
  const peer = chatPeer(param, domain);
  const { t } = useLingui();
  if (!account) return <Navigate to="/messages" replace />;
  if (!peer) {
    return (
      <Screen title={t`Messages`}>
        <p role="alert" className="chat-error">
          <Trans>
            “<bdi>{param}</bdi>” is not an extension, number or SIP address.
          </Trans>
        </p>
        <Link to="/messages">
          <Trans>All conversations</Trans>
        </Link>
      </Screen>
    );
  }
  if (peer !== param) return <Navigate to={chatPath(peer)} replace />;
  return <Conversation peer={peer} registered={registered} />;
}

function Conversation({ peer, registered }: { peer: string; registered: boolean }) {
  const { messages, typing, conversations, error, attaching, attachError } = chatService.useStore();
  const { earlier, earlierCursor, loadingEarlier, earlierError } = chatService.useStore();
  const carried = conversations.find((c) => c.peer === peer)?.peerName ?? '';
  const name = usePeerName(peer, carried);
  const endRef = useRef<HTMLLIElement>(null);
  const { t } = useLingui();
  // A reload on this screen renders before the saved account is restored, and the account change
  // resets the chat store: open the conversation again for the account that is now signed in.
  const account = useRegistrationStore((s) => s.account);

  useEffect(() => {
    void chatService.open(peer);
    return () => chatService.close();
  }, [peer, account]);

  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: 'end' });
  }, [messages.length]);

  return (
    <Screen title={name} className="screen-chat screen-conversation">
      <div className="chat-head">
        <Link to="/messages">
          <Trans>All conversations</Trans>
        </Link>
        <button
          type="button"
          className="button button-secondary"
          disabled={!registered}
          onClick={() => void phoneBridge.dial(peer, false)}
        >
          <Trans>Call</Trans>
        </button>
      </div>
      {error && (
        <p className="chat-error" role="alert">
          {error}
        </p>
      )}
      {messages.length === 0 && (
        <EmptyState>
          <Trans>No messages with {name} yet. Say hello below.</Trans>
        </EmptyState>
      )}
      {earlierCursor !== null && (
        <div className="chat-earlier">
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={loadingEarlier || undefined}
            onClick={() => void chatService.loadEarlier(peer)}
          >
            <Trans>Load earlier messages</Trans>
          </button>
          <p className="chat-earlier-status" role="status">
            {loadingEarlier ? t`Loading earlier messages…` : ''}
          </p>
        </div>
      )}
      {earlierError && (
        <p className="chat-error" role="alert">
          <Trans>Earlier messages could not be loaded: {earlierError}</Trans>
        </p>
      )}
      {messages.length > 0 && (
        <ol className="chat-thread" aria-label={t`Messages with ${name}`}>
          {[...earlier, ...messages].map((m) => (
            <MessageBubble key={m.id} message={m} onRetry={() => void chatService.retry(peer, m.id)} />
          ))}
          <li ref={endRef} aria-hidden="true" className="chat-end" />
        </ol>
      )}
      <p className="chat-typing" aria-live="polite">
        {typing[peer] ? t`${name} is typing…` : ''}
      </p>
      {!registered && (
        <p className="chat-offline">
          <Trans>Not connected: messages can be sent once you are signed in.</Trans>
        </p>
      )}
      <Composer
        disabled={!registered}
        onSend={(text) => void chatService.send(peer, text)}
        onTyped={(text) => chatService.typed(peer, text)}
        onFile={(file) => void chatService.sendFile(peer, file)}
        attaching={attaching}
        attachError={attachError}
      />
    </Screen>
  );
}
