import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useState } from 'react';
import type { ConversationDetail } from '../../../api/channels-schemas';
import type { ConversationProblem } from '../../../stores/channel-conversations';
import { ConversationTimeline } from './ConversationTimeline';
import { conversationProblemText } from './conversation-words';
import { ReplyBox } from './ReplyBox';
import { SessionFields } from './SessionFields';
import { windowText } from './window-text';

interface Props {
  detail: ConversationDetail;
  me: string | null;
  busy: boolean;
  error: ConversationProblem | null;
  onBack(): void;
  onSend(text: string): Promise<boolean>;
  onTemplate(name: string): Promise<boolean>;
  onFile(file: File, caption: string): Promise<boolean>;
  onClaim(): void;
  onCallLink(): void;
  onClose(): void;
}

/** One conversation: window state, session fields, timeline, reply box and actions. */
export function ConversationView({ detail, me, busy, error, ...on }: Props) {
  const { i18n } = useLingui();
  const c = detail.conversation;
  // Re-render every minute so the time left stays true; the time itself is read at render.
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 60_000);
    return () => clearInterval(timer);
  }, []);
  const window = windowText(c.window, Date.now(), i18n);
  const mine = c.agent === me;
  const open = c.state === 'open';
  return (
    <div className="conversation-view">
      <div className="conversation-head">
        <button type="button" className="button button-secondary" onClick={on.onBack}>
          <Trans>All conversations</Trans>
        </button>
        <h3 className="conversation-title">
          <bdi data-i18n-data>{c.customerName || c.channelId}</bdi>
        </h3>
        {window && (
          <p className={`window-state window-${c.window.state}`} role="status" data-testid="window-state">
            {window}
          </p>
        )}
      </div>
      <SessionFields c={c} />
      <ConversationTimeline
        conversationId={c.id}
        customer={c.customerName || c.channelId}
        messages={detail.messages}
        calls={detail.calls}
      />
      {error && (
        <p className="conversation-error" role="alert">
          {conversationProblemText(error, c.channel, i18n)}
        </p>
      )}
      {open && !mine && c.agent === null && (
        <button type="button" className="button" disabled={busy} onClick={on.onClaim}>
          <Trans>Take conversation</Trans>
        </button>
      )}
      {open && mine && (
        <>
          <ReplyBox
            key={c.id}
            freeText={c.window.state !== 'closed'}
            templates={detail.templates}
            busy={busy}
            onSend={on.onSend}
            onTemplate={on.onTemplate}
            onFile={on.onFile}
          />
          <div className="conversation-actions">
            <button
              type="button"
              className="button button-secondary"
              disabled={busy || c.window.state === 'closed'}
              onClick={on.onCallLink}
            >
              <Trans>Send call link</Trans>
            </button>
            <button type="button" className="button button-danger" disabled={busy} onClick={on.onClose}>
              <Trans>Close conversation</Trans>
            </button>
          </div>
        </>
      )}
      {!open && (
        <p className="reply-note">
          <Trans>Closed. The customer was told to reply to start again.</Trans>
        </p>
      )}
    </div>
  );
}
