import { Trans, useLingui } from '@lingui/react/macro';
import { useRef } from 'react';
import { Avatar } from './Avatar';
import { useMediaStream } from './useMediaStream';

interface CallMediaViewProps {
  video: boolean;
  cameraOff: boolean;
  remote: MediaStream | null;
  local: MediaStream | null;
  name: string;
  /** The browser refused to start the call audio (CallAudio) until a user gesture. */
  audioBlocked?: boolean;
  onPlayAudio?(): void;
}

/** React sets the `muted` property but not the attribute; keep both. */
function keepMuted(element: HTMLVideoElement | null) {
  if (!element) return;
  element.muted = true;
  element.setAttribute('muted', '');
}

/**
 * The pictures of a call: remote video and the self-view, or the other side's avatar. Both videos are
 * muted: the call is heard through CallAudio, which stays while the view is minimised to the bar.
 */
export function CallMediaView(props: CallMediaViewProps) {
  const { video, cameraOff, remote, local, name, audioBlocked, onPlayAudio } = props;
  const { t } = useLingui();
  const remoteRef = useRef<HTMLVideoElement>(null);
  const localRef = useRef<HTMLVideoElement>(null);
  useMediaStream(remoteRef, video ? remote : null);
  useMediaStream(localRef, video ? local : null);

  const setRef = (ref: typeof remoteRef) => (element: HTMLVideoElement | null) => {
    ref.current = element;
    keepMuted(element);
  };

  return (
    <div className={video ? 'call-media call-media-video' : 'call-media'}>
      {video ? (
        <>
          <video
            ref={setRef(remoteRef)}
            data-testid="remote-video"
            className="remote-video"
            muted
            autoPlay
            playsInline
            aria-label={t`Video from ${name}`}
          />
          <video
            ref={setRef(localRef)}
            data-testid="local-video"
            className={cameraOff ? 'local-video local-video-off' : 'local-video'}
            muted
            autoPlay
            playsInline
            aria-label={t`Your camera`}
          />
        </>
      ) : (
        <Avatar name={name} />
      )}
      {audioBlocked && onPlayAudio && (
        <button type="button" className="button button-secondary call-play" onClick={onPlayAudio}>
          <Trans>Play call audio</Trans>
        </button>
      )}
    </div>
  );
}
