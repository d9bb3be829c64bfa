import { useLingui } from '@lingui/react/macro';
import type { ChannelCallEvent, ChannelMessageView } from '../../../api/channels-schemas';
import { isPlayableType } from '../../../lib/media-types';
import { Icon } from '../../../ui/icons';
import { callEventText, deliveryText, messageKindLabel } from './conversation-words';
import { TimelinePlayer } from './TimelinePlayer';

interface Props {
  conversationId: number;
  /** The customer's name (or channel id): whom voice notes and stickers are from. */
  customer: string;
  messages: ChannelMessageView[];
  calls?: ChannelCallEvent[];
}

type Entry =
  { type: 'message'; at: number; m: ChannelMessageView } | { type: 'call'; at: number; e: ChannelCallEvent };

/** Messages and call events in time order (a message first when they share a millisecond). */
function entries(messages: ChannelMessageView[], calls: ChannelCallEvent[]): Entry[] {
  const all: Entry[] = [
    ...messages.map((m): Entry => ({ type: 'message', at: m.createdAt, m })),
    ...calls.map((e): Entry => ({ type: 'call', at: e.at, e })),
  ];
  return all.sort((a, b) => a.at - b.at || (a.type === b.type ? 0 : a.type === 'message' ? -1 : 1));
}

const isHttp = (url: string) => /^https?:\/\//i.test(url);

/**
 * A message's file: a kept image or sticker inline, a kept voice note, audio or video in a player, a
 * kept PDF as a download, anything else only as a link.
 */
function MessageMedia({
  conversationId,
  customer,
  m,
}: {
  conversationId: number;
  customer: string;
  m: ChannelMessageView;
}) {
  const { t } = useLingui();
  const media = m.media;
  if (!media) return null;
  const name = media.name;
  const src = `/api/channels/conversations/${conversationId}/media/${m.id}`;
  if (media.state === 'pending') {
    return <p className="timeline-file timeline-file-pending">{t`Receiving the file…`}</p>;
  }
  if (media.state === 'stored' && media.type.startsWith('image/')) {
    const sticker = media.kind === 'sticker';
    return (
      <a className="timeline-file" href={src} target="_blank" rel="noopener noreferrer">
        <img
          className={sticker ? 'timeline-image timeline-sticker' : 'timeline-image'}
          src={src}
          alt={sticker ? t`Sticker from ${customer}` : t`Image: ${name}`}
          loading="lazy"
        />
      </a>
    );
  }
  if (media.state === 'stored' && isPlayableType(media.type)) {
    return <TimelinePlayer src={src} type={media.type} kind={media.kind} from={customer} />;
  }
  if (media.state === 'stored') {
    return (
      <a className="timeline-file timeline-doc" href={src} download={name}>
        <Icon name="doc" className="timeline-file-icon" />
        <span>{t`Document: ${name}`}</span>
      </a>
    );
  }
  // Not kept by us (not an image or PDF by its bytes, too big, unreachable): never an <img>.
  return media.link && isHttp(media.link) ? (
    <a
      className="timeline-file timeline-link"
      href={media.link}
      target="_blank"
      rel="noopener noreferrer nofollow"
      data-testid="timeline-file-link"
    >
      <Icon name="paperclip" className="timeline-file-icon" />
      <span>{t`File at the provider, not checked: ${name}`}</span>
    </a>
  ) : (
    <p className="timeline-file">{t`A file that could not be received: ${name}`}</p>
  );
}

/**
 * Inbound and outbound messages, with their files, and the call events of webcalls sent here, in
 * order; each message with its delivery state. Text only (never HTML).
 */
export function ConversationTimeline({ conversationId, customer, messages, calls = [] }: Props) {
  const { t, i18n } = useLingui();
  const time = (ms: number) => i18n.date(new Date(ms), { hour: '2-digit', minute: '2-digit' });
  return (
    <ol
      className="conversation-timeline"
      aria-label={t({ message: 'Messages', context: 'channel conversation' })}
      aria-live="polite"
    >
      {entries(messages, calls).map((entry) => {
        if (entry.type === 'call') {
          const e = entry.e;
          return (
            <li
              key={`call-${e.id}`}
              className={`timeline-call timeline-call-${e.event}`}
              data-testid="timeline-call"
              data-event={e.event}
            >
              <Icon name={e.event === 'ended' || e.event === 'expired' ? 'hangup' : 'phone'} />
              <span className="timeline-call-text">{callEventText(e, i18n)}</span>
              <time className="timeline-meta" dateTime={new Date(e.at).toISOString()}>
                {time(e.at)}
              </time>
            </li>
          );
        }
        const m = entry.m;
        const kind = messageKindLabel(m.kind, i18n);
        return (
          <li
            key={m.id}
            className={`timeline-message timeline-${m.direction} timeline-${m.status} timeline-kind-${m.kind}`}
            data-testid="timeline-message"
          >
            {kind && <span className="timeline-kind">{kind}</span>}
            <MessageMedia conversationId={conversationId} customer={customer} m={m} />
            {m.body && (
              <p className="timeline-body" dir="auto" data-i18n-data>
                {m.body}
              </p>
            )}
            <p className="timeline-meta">
              {m.direction === 'out' && m.author ? (
                <>
                  <bdi data-i18n-data>{m.author}</bdi>
                  {' · '}
                </>
              ) : null}
              {time(m.createdAt)} · <span data-testid="timeline-status">{deliveryText(m, i18n)}</span>
            </p>
          </li>
        );
      })}
    </ol>
  );
}
