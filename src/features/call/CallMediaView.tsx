import { useRef } from 'react';
import { Avatar } from './Avatar';
import { useMediaStream } from './useMediaStream';

interface CallMediaViewProps {
  video: boolean;
  cameraOff: boolean;
  remote: MediaStream | null;
  local: MediaStream | null;
  name: string;
}

/**
 * Remote media always plays through one <video> element (also for audio-only calls, where it
 * is visually hidden), so the other side is heard. The self-view is muted.
 */
export function CallMediaView({ video, cameraOff, remote, local, name }: CallMediaViewProps) {
  const remoteRef = useRef<HTMLVideoElement>(null);
  const localRef = useRef<HTMLVideoElement>(null);
  const blocked = useMediaStream(remoteRef, remote);
  useMediaStream(localRef, video ? local : null);

  const setLocalRef = (element: HTMLVideoElement | null) => {
    localRef.current = element;
    if (element) {
      // React sets the `muted` property but not the attribute; keep both.
      element.muted = true;
      element.setAttribute('muted', '');
    }
  };

  return (
    <div className={video ? 'call-media call-media-video' : 'call-media'}>
      <video
        ref={remoteRef}
        data-testid="remote-video"
        className={video ? 'remote-video' : 'remote-video remote-video-hidden'}
        autoPlay
        playsInline
        aria-label={video ? `Video from ${name}` : undefined}
        aria-hidden={video ? undefined : true}
      />
      {!video && <Avatar name={name} />}
      {video && (
        <video
          ref={setLocalRef}
          data-testid="local-video"
          className={cameraOff ? 'local-video local-video-off' : 'local-video'}
          muted
          autoPlay
          playsInline
          aria-label="Your camera"
        />
      )}
      {blocked && (
        <button
          type="button"
          className="button button-secondary call-play"
          onClick={() => void remoteRef.current?.play()}
        >
          Play call audio
        </button>
      )}
    </div>
  );
}
