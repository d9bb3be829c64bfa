import { useEffect, useState } from 'react';
import type { ConversationDetail } from '../../../api/channels-schemas';
import { ConversationTimeline } from './ConversationTimeline';
import { ReplyBox } from './ReplyBox';
import { SessionFields } from './SessionFields';
import { windowText } from './window-text';

interface Props {
  detail: ConversationDetail;
  me: string | null;
  busy: boolean;
  error: string | null;
  onBack(): void;
  onSend(text: string): Promise<boolean>;
  onTemplate(name: string): Promise<boolean>;
  onClaim(): void;
  onCallLink(): void;
  onClose(): void;
}

/** One conversation: window state, session fields, timeline, reply box and actions. */
export function ConversationView({ detail, me, busy, error, ...on }: Props) {
  const c = detail.conversation;
  // Re-render every minute so the time left stays true; the time itself is read at render.
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 60_000);
    return () => clearInterval(timer);
  }, []);
  const window = windowText(c.window, Date.now());
  const mine = c.agent === me;
  const open = c.state === 'open';
  return (
    <div className="conversation-view">
      <div className="conversation-head">
        <button type="button" className="button button-secondary" onClick={on.onBack}>
          All conversations
        </button>
        <h3 className="conversation-title">{c.customerName || c.channelId}</h3>
        {window && (
          <p className={`window-state window-${c.window.state}`} role="status" data-testid="window-state">
            {window}
          </p>
        )}
      </div>
      <SessionFields c={c} />
      <ConversationTimeline messages={detail.messages} />
      {error && (
        <p className="conversation-error" role="alert">
          {error}
        </p>
      )}
      {open && !mine && c.agent === null && (
        <button type="button" className="button" disabled={busy} onClick={on.onClaim}>
          Take conversation
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
          />
          <div className="conversation-actions">
            <button
              type="button"
              className="button button-secondary"
              disabled={busy || c.window.state === 'closed'}
              onClick={on.onCallLink}
            >
              Send call link
            </button>
            <button type="button" className="button button-danger" disabled={busy} onClick={on.onClose}>
              Close conversation
            </button>
          </div>
        </>
      )}
      {!open && <p className="reply-note">Closed. The customer was told to reply to start again.</p>}
    </div>
  );
}
