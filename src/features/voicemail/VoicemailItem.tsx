import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useId, useRef, useState } from 'react';
import type { VoicemailMessage } from '../../api';
import { voicemailAudioUrl, voicemailDownloadUrl } from '../../stores/voicemail';
import { Icon } from '../../ui/icons';
import { CallerName } from './CallerName';
import { formatCount, formatDuration } from '../../i18n';
import { durationLabel, formatReceived, HEARD_AFTER_S, PLAYBACK_RATES } from './format';

/** A recording's length to the nearest second, as its spoken label (durationLabel) says it. */
const wholeSeconds = (ms: number) => Math.round(ms / 1000) * 1000;

interface VoicemailItemProps {
  message: VoicemailMessage;
  canCall: boolean;
  onHeard(id: string): void;
  onDelete(id: string): void;
  onCallBack(caller: string): void;
}

/** One message: who and when, an inline player with speed, Download, Call back, Delete (confirmed). */
export function VoicemailItem({ message, canCall, onHeard, onDelete, onCallBack }: VoicemailItemProps) {
  const audio = useRef<HTMLAudioElement>(null);
  const [rate, setRate] = useState(1);
  const [confirming, setConfirming] = useState(false);
  const titleId = useId();
  const rateId = useId();
  const { t } = useLingui();
  const from = message.callerName || message.caller;
  const { callId } = message;

  useEffect(() => {
    if (audio.current) audio.current.playbackRate = rate;
  }, [rate]);

  const heardAt = (seconds: number) => {
    if (!message.heard && seconds >= HEARD_AFTER_S) onHeard(message.id);
  };

  return (
    <li className={message.heard ? 'vm-item' : 'vm-item vm-unheard'} aria-labelledby={titleId}>
      <div className="vm-head">
        <h2 id={titleId} className="vm-caller">
          {!message.heard && <span className="vm-dot" aria-hidden="true" />}
          <CallerName caller={message.caller} callerName={message.callerName} />
          <span className="visually-hidden">
            {message.heard
              ? t({ message: ', heard', context: 'voicemail' })
              : t({ message: ', new', context: 'voicemail' })}
          </span>
        </h2>
        <p className="vm-meta">
          <time dateTime={new Date(message.receivedAt).toISOString()}>
            {formatReceived(message.receivedAt)}
          </time>
          {' · '}
          <span aria-label={durationLabel(message.durationMs)}>
            {formatDuration(wholeSeconds(message.durationMs))}
          </span>
          {' · '}
          <span className={message.heard ? 'vm-state' : 'vm-state vm-state-new'}>
            {message.heard
              ? t({ message: 'Heard', context: 'voicemail' })
              : t({ message: 'New', context: 'voicemail' })}
          </span>
        </p>
        {callId && (
          <p className="vm-callid">
            <Trans>
              Call-ID <code dir="ltr">{callId}</code>
            </Trans>
          </p>
        )}
      </div>
      <div className="vm-player">
        <audio
          ref={audio}
          controls
          preload="metadata"
          src={voicemailAudioUrl(message.id)}
          aria-label={t`Voicemail from ${from}`}
          onTimeUpdate={(e) => heardAt(e.currentTarget.currentTime)}
          onEnded={() => heardAt(Number.POSITIVE_INFINITY)}
          onLoadedMetadata={(e) => (e.currentTarget.playbackRate = rate)}
        />
        <label className="vm-rate" htmlFor={rateId}>
          <Trans>Speed</Trans>
          <select id={rateId} value={rate} onChange={(e) => setRate(Number(e.target.value))}>
            {PLAYBACK_RATES.map((r) => {
              const speed = formatCount(r);
              return (
                <option key={r} value={r}>
                  {t({ message: `${speed}×`, comment: 'playback speed, e.g. 1.5×' })}
                </option>
              );
            })}
          </select>
        </label>
      </div>
      <div className="vm-actions">
        <button
          type="button"
          className="button button-secondary"
          disabled={!canCall}
          title={canCall ? undefined : t`Sign in to call back`}
          onClick={() => onCallBack(message.caller)}
        >
          <Icon name="phone" /> <Trans>Call back</Trans>
        </button>
        <a className="button button-secondary" href={voicemailDownloadUrl(message.id)} download>
          <Trans>Download</Trans>
        </a>
        {confirming ? (
          <>
            <button type="button" className="button button-danger" onClick={() => onDelete(message.id)}>
              <Trans>Confirm delete</Trans>
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              <Trans>Keep</Trans>
            </button>
          </>
        ) : (
          <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
            <Trans>Delete</Trans>
          </button>
        )}
      </div>
    </li>
  );
}
