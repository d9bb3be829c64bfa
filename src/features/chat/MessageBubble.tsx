import { formatTime } from '../../lib/format-time';
import type { ChatMessage } from '../../storage/chat-repository';
import { attachmentOf, AttachmentView } from './AttachmentView';

const OUT_STATE: Partial<Record<ChatMessage['state'], string>> = {
  sending: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Failed',
};

/** One message; an outgoing one says how far it got, and a failed one why, with Retry. */
export function MessageBubble({ message, onRetry }: { message: ChatMessage; onRetry: () => void }) {
  const out = message.direction === 'out';
  const attachment = attachmentOf(message.body);
  return (
    <li className={out ? 'chat-bubble chat-bubble-out' : 'chat-bubble chat-bubble-in'}>
      <span className="visually-hidden">{out ? 'You:' : 'They:'}</span>
      {attachment ? (
        <AttachmentView attachment={attachment} />
      ) : (
        <p className="chat-bubble-body">{message.body}</p>
      )}
      <p className="chat-bubble-meta">
        <time dateTime={new Date(message.at).toISOString()}>{formatTime(new Date(message.at))}</time>
        {out && (
          <span className={`chat-state chat-state-${message.state}`} data-state={message.state}>
            {OUT_STATE[message.state]}
            {message.state === 'failed' && message.failure ? `: ${message.failure}` : ''}
          </span>
        )}
      </p>
      {out && message.state === 'failed' && (
        <button type="button" className="button button-secondary chat-retry" onClick={onRetry}>
          Retry
        </button>
      )}
    </li>
  );
}
