import { msg } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';
import { Trans, useLingui } from '@lingui/react/macro';
import type { ChatMessage } from '../../storage/chat-repository';
import { attachmentOf, AttachmentView } from './AttachmentView';
import { useMessageTime } from './message-time';

const OUT_STATE: Partial<Record<ChatMessage['state'], MessageDescriptor>> = {
  sending: msg`Sending…`,
  sent: msg`Sent`,
  delivered: msg`Delivered`,
  read: msg`Read`,
  failed: msg`Failed`,
};

/** One message; an outgoing one says how far it got, and a failed one why, with Retry. */
export function MessageBubble({ message, onRetry }: { message: ChatMessage; onRetry: () => void }) {
  const { t, i18n } = useLingui();
  const time = useMessageTime();
  const out = message.direction === 'out';
  const attachment = attachmentOf(message.body);
  const state = OUT_STATE[message.state];
  return (
    <li className={out ? 'chat-bubble chat-bubble-out' : 'chat-bubble chat-bubble-in'}>
      <span className="visually-hidden">{out ? t`You:` : t`They:`}</span>
      {attachment ? (
        <AttachmentView attachment={attachment} />
      ) : (
        <p className="chat-bubble-body" dir="auto">
          {message.body}
        </p>
      )}
      <p className="chat-bubble-meta">
        <time dateTime={new Date(message.at).toISOString()}>{time(message.at)}</time>
        {out && (
          <span className={`chat-state chat-state-${message.state}`} data-state={message.state}>
            {state ? i18n._(state) : ''}
            {message.state === 'failed' && message.failure ? `: ${message.failure}` : ''}
          </span>
        )}
      </p>
      {out && message.state === 'failed' && (
        <button type="button" className="button button-secondary chat-retry" onClick={onRetry}>
          <Trans>Retry</Trans>
        </button>
      )}
    </li>
  );
}
