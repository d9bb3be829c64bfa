import { useLingui } from '@lingui/react/macro';
import { useId, useState, type SyntheticEvent } from 'react';
import type { ChannelMediaKind } from '../../../api/channels-schemas';
import { playableLabel } from './conversation-words';

interface Props {
  /** Our copy (`/api/channels/conversations/:id/media/:mid`): never the provider's URL (ADR 0029). */
  src: string;
  /** The sniffed type (audio/*, video/*). */
  type: string;
  kind: ChannelMediaKind | null;
  /** Whom it came from (the customer's name, or their channel id). */
  from: string;
}

/** A customer's voice note, audio or video, played inline and named with its length (ADR 0036). */
export function TimelinePlayer({ src, type, kind, from }: Props) {
  const { i18n } = useLingui();
  const id = useId();
  const [seconds, setSeconds] = useState<number | null>(null);
  // What the customer said they sent wins (WhatsApp audio may come in an MP4 container); else the bytes.
  const video = kind !== 'voice' && kind !== 'audio' && type.startsWith('video/');
  const label = playableLabel(kind === 'voice' ? 'voice' : video ? 'video' : 'audio', from, seconds, i18n);
  const onDuration = (e: SyntheticEvent<HTMLMediaElement>) => {
    const d = e.currentTarget.duration;
    if (Number.isFinite(d) && d > 0) setSeconds(d);
  };
  const common = {
    src,
    controls: true,
    preload: 'metadata',
    'aria-labelledby': id,
    onLoadedMetadata: onDuration,
    onDurationChange: onDuration,
  } as const;
  return (
    <figure className={`timeline-file timeline-player timeline-player-${video ? 'video' : 'audio'}`}>
      <figcaption id={id} className="timeline-player-label">
        {label}
      </figcaption>
      {video ? (
        <video {...common} className="timeline-video" playsInline data-testid="timeline-video" />
      ) : (
        <audio {...common} className="timeline-audio" data-testid="timeline-audio" />
      )}
    </figure>
  );
}
