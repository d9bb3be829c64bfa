import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect } from 'react';
import type { ConversationStream } from '../../../stores/channel-conversations';
import { channelConversations, followConversations } from '../../../stores/channel-conversations-instance';
import { useRegistrationStore } from '../../../stores/registration';
import { ConversationList } from './ConversationList';
import { ConversationView } from './ConversationView';
import { conversationProblemText } from './conversation-words';
import './conversations.css';

const { useStore } = channelConversations;

/** Whether changes reach this panel as they happen (and, behind Kamailio, new conversations reach this agent). */
function StreamState({ stream }: { stream: ConversationStream }) {
  if (stream === 'off') return null;
  return (
    <p className={`conversations-stream stream-${stream}`} role="status" data-testid="conversations-stream">
      {stream === 'connecting' && <Trans>Connecting to live updates…</Trans>}
      {stream === 'live' && <Trans>Live: new conversations and messages appear here as they arrive.</Trans>}
      {stream === 'reconnecting' && (
        <Trans>Live updates lost. Reconnecting… What arrives meanwhile shows once they are back.</Trans>
      )}
      {stream === 'stopped' && <Trans>Live updates stopped. Open the Agent tab again to reconnect.</Trans>}
    </p>
  );
}

/**
 * Agent tab → Conversations (issue 14): customers on WhatsApp, Viber or a webhook channel. Live over
 * SSE while open; while it is open the agent also counts as available for new conversations.
 */
export function ConversationsPanel() {
  const { i18n } = useLingui();
  const state = useStore();
  const me = useRegistrationStore((s) => s.account?.split('@')[0] ?? null);
  useEffect(() => {
    void channelConversations.load();
  }, []);
  // Accounts that are not agents get 403: no panel and no event stream for them.
  const forbidden = state.status === 'error' && state.error?.code === 'forbidden';
  const follow = state.status === 'ready' || (state.status === 'error' && !forbidden);
  useEffect(() => (follow ? followConversations() : undefined), [follow]);
  if (forbidden || state.status === 'idle' || state.status === 'loading') return null;
  return (
    <section className="agent-panel conversations-panel" aria-labelledby="agent-conversations-title">
      <h2 id="agent-conversations-title">
        <Trans context="agent panel">Conversations</Trans>
      </h2>
      <StreamState stream={state.stream} />
      {state.detail ? (
        <ConversationView
          detail={state.detail}
          me={me}
          busy={state.busy}
          error={state.actionError}
          onBack={() => void channelConversations.open(null)}
          onSend={(text) => channelConversations.reply(text)}
          onTemplate={(name) => channelConversations.sendTemplate(name)}
          onFile={(file, caption) => channelConversations.sendFile(file, caption)}
          onClaim={() => void channelConversations.claim()}
          onCallLink={() => void channelConversations.sendCallLink()}
          onClose={() => void channelConversations.close()}
        />
      ) : (
        <ConversationList
          conversations={state.conversations}
          me={me}
          onOpen={(id) => void channelConversations.open(id)}
        />
      )}
      {state.status === 'error' && state.error && (
        <p className="conversation-error" role="alert">
          {conversationProblemText(state.error, null, i18n)}
        </p>
      )}
    </section>
  );
}
