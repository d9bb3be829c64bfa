import { Trans, useLingui } from '@lingui/react/macro';
import { useId, useState } from 'react';
import type { Availability } from '../../api/webcall-availability';
import type { JoinChoices } from '../../stores/join-page';
import type { PreviewDevice } from '../../stores/media-preview';
import type { JoinPayload } from '../../webcall/payload';
import { describeRoomError, formatTime, permissionHelp } from './messages';
import { MicMeter } from './MicMeter';
import { usePreview } from './usePreview';

interface PreJoinProps {
  payload: JoinPayload;
  /** The agent's state from the server (null: not known, or a link without a key). */
  availability: Availability | null;
  onJoin(choices: JoinChoices): void;
}

/**
 * Camera preview, microphone level, device pickers and name; Join is the user gesture that starts media.
 * An audio-only link (ADR 0026) asks for the microphone only and shows no camera; on a video link the
 * customer can switch the camera off before joining (the preview then releases the camera).
 */
export function PreJoin({ payload, availability, onJoin }: PreJoinProps) {
  const id = useId();
  // Links without the field (made before ADR 0026) are video calls.
  const audioOnly = payload.media === 'audio';
  const [name, setName] = useState(payload.customerName ?? '');
  const [audioId, setAudioId] = useState('');
  const [videoId, setVideoId] = useState('');
  const [cameraOn, setCameraOn] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const withCamera = !audioOnly && cameraOn;
  const preview = usePreview(audioId, videoId, withCamera, attempt);

  const { t, i18n } = useLingui();
  const agentName = payload.agentName;
  const closed = availability?.state === 'closed';
  let availabilityText = '';
  if (availability?.state === 'busy') {
    availabilityText = agentName
      ? t`${agentName} is on another call. You are next: join now and wait in the room.`
      : t`The agent is on another call. You are next: join now and wait in the room.`;
  } else if (availability?.state === 'closed') {
    const opensAt = availability.opensAt;
    const when =
      opensAt === null
        ? ''
        : i18n.date(new Date(opensAt), { weekday: 'long', hour: 'numeric', minute: '2-digit' });
    availabilityText = when
      ? t`We are closed now. You can join from ${when}.`
      : t`We are closed now. Try again later.`;
  }
  const problem = preview.error ? describeRoomError(preview.error) : null;
  const until = formatTime(new Date(payload.exp * 1000));
  let title;
  if (audioOnly) title = agentName ? t`Audio call with ${agentName}` : t`Audio call`;
  else title = agentName ? t`Video call with ${agentName}` : t`Video call`;

  return (
    <section
      className="join-prejoin"
      aria-labelledby={`${id}-title`}
      data-media={audioOnly ? 'audio' : 'video'}
    >
      <div className="join-preview">
        {withCamera && (
          <video
            ref={preview.attach}
            className="join-preview-video"
            autoPlay
            playsInline
            muted
            aria-label={t`Your camera preview`}
          />
        )}
        {!withCamera && !problem && (
          <p className="join-preview-note">
            {audioOnly ? t`This is an audio call: only your microphone is used.` : t`Your camera is off.`}
          </p>
        )}
        {withCamera && !preview.live && !problem && (
          <p className="join-preview-note">{t`Starting your camera…`}</p>
        )}
        {problem && (
          <div className="join-preview-problem" role="alert" data-error={preview.error?.code}>
            <p className="join-problem-title">{problem.title}</p>
            <p>{problem.text}</p>
            {preview.error?.code === 'permission-denied' && <p>{permissionHelp(navigator.userAgent)}</p>}
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setAttempt((n) => n + 1)}
            >
              {t`Try again`}
            </button>
          </div>
        )}
      </div>
      <div className="join-side">
        <h1 id={`${id}-title`}>{title}</h1>
        <p className="join-message">
          {audioOnly ? (
            <Trans>Check your microphone, then join. This link works until {until}.</Trans>
          ) : (
            <Trans>Check your camera and microphone, then join. This link works until {until}.</Trans>
          )}
        </p>
        <p
          className="join-availability"
          role="status"
          data-testid="join-availability"
          data-state={availability?.state ?? 'unknown'}
        >
          {availabilityText}
        </p>
        <MicMeter stream={preview.stream} />
        <form
          className="join-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (closed) return;
            onJoin({
              displayName: name.trim(),
              audioInputId: audioId,
              videoInputId: videoId,
              cameraOff: !withCamera,
            });
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-name`} className="field-label">
              {t`Your name`}
            </label>
            <input
              id={`${id}-name`}
              className="field-input"
              value={name}
              maxLength={80}
              autoComplete="name"
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          {!audioOnly && (
            <label className="join-camera-choice">
              <input type="checkbox" checked={cameraOn} onChange={(e) => setCameraOn(e.target.checked)} />
              {t`Join with my camera on`}
            </label>
          )}
          <button
            type="submit"
            className="button button-primary join-button"
            disabled={preview.error?.code === 'unsupported' || closed}
          >
            {t`Join call`}
          </button>
          {(preview.devices.audio.length > 0 || (withCamera && preview.devices.video.length > 0)) && (
            <details className="join-devices">
              <summary>{withCamera ? t`Change microphone or camera` : t`Change microphone`}</summary>
              <DevicePicker
                label={t`Microphone`}
                numbered={(n) => t`Microphone ${n}`}
                devices={preview.devices.audio}
                value={audioId}
                onChange={setAudioId}
              />
              {withCamera && (
                <DevicePicker
                  label={t`Camera`}
                  numbered={(n) => t`Camera ${n}`}
                  devices={preview.devices.video}
                  value={videoId}
                  onChange={setVideoId}
                />
              )}
            </details>
          )}
        </form>
      </div>
    </section>
  );
}

function DevicePicker(props: {
  label: string;
  /** The name of a device the browser does not name (the nth of its kind). */
  numbered(n: number): string;
  devices: PreviewDevice[];
  value: string;
  onChange(id: string): void;
}) {
  const id = useId();
  const { t } = useLingui();
  if (props.devices.length === 0) return null;
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {props.label}
      </label>
      <select
        id={id}
        className="field-input"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <option value="">{t({ message: 'Default', context: 'device' })}</option>
        {props.devices.map((d, i) => (
          <option key={d.id || i} value={d.id}>
            {d.label || props.numbered(i + 1)}
          </option>
        ))}
      </select>
    </div>
  );
}
