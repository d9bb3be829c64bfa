import { useEffect, useId, useRef, useState } from 'react';
import type { VoicemailMessage } from '../../api';
import { voicemailAudioUrl, voicemailDownloadUrl } from '../../stores/voicemail';
import { Icon } from '../../ui/icons';
import { CallerName } from './CallerName';
import { durationLabel, formatDuration, formatReceived, HEARD_AFTER_S, PLAYBACK_RATES } from './format';

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
          <span className="visually-hidden">{message.heard ? ', heard' : ', new'}</span>
        </h2>
        <p className="vm-meta">
          <time dateTime={new Date(message.receivedAt).toISOString()}>
            {formatReceived(message.receivedAt)}
          </time>
          {' · '}
          <span aria-label={durationLabel(message.durationMs)}>{formatDuration(message.durationMs)}</span>
          {' · '}
          <span className={message.heard ? 'vm-state' : 'vm-state vm-state-new'}>
            {message.heard ? 'Heard' : 'New'}
          </span>
        </p>
        {message.callId && (
          <p className="vm-callid">
            Call-ID <code>{message.callId}</code>
          </p>
        )}
      </div>
      <div className="vm-player">
        <audio
          ref={audio}
          controls
          preload="metadata"
          src={voicemailAudioUrl(message.id)}
          aria-label={`Voicemail from ${message.callerName || message.caller}`}
          onTimeUpdate={(e) => heardAt(e.currentTarget.currentTime)}
          onEnded={() => heardAt(Number.POSITIVE_INFINITY)}
          onLoadedMetadata={(e) => (e.currentTarget.playbackRate = rate)}
        />
        <label className="vm-rate" htmlFor={rateId}>
          Speed
          <select id={rateId} value={rate} onChange={(e) => setRate(Number(e.target.value))}>
            {PLAYBACK_RATES.map((r) => (
              <option key={r} value={r}>
                {r}×
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="vm-actions">
        <button
          type="button"
          className="button button-secondary"
          disabled={!canCall}
          title={canCall ? undefined : 'Sign in to call back'}
          onClick={() => onCallBack(message.caller)}
        >
          <Icon name="phone" /> Call back
        </button>
        <a className="button button-secondary" href={voicemailDownloadUrl(message.id)} download>
          Download
        </a>
        {confirming ? (
          <>
            <button type="button" className="button button-danger" onClick={() => onDelete(message.id)}>
              Confirm delete
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
            Delete
          </button>
        )}
      </div>
    </li>
  );
}
