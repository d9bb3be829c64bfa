import { useLingui } from '@lingui/react/macro';
import { useCallback, type ReactNode } from 'react';
import './room.css';

export type StageVideo = 'remote' | 'local';

interface VideoStageProps {
  /** Hands each video element to whoever owns the room session (null when it unmounts). */
  attach(which: StageVideo, element: HTMLVideoElement | null): void;
  /** Accessible name of the remote video, e.g. "Video from Ada". */
  remoteLabel: string;
  cameraOff: boolean;
  /** `full`: fills the page (customer); `tile`: a 4:3 box inside a panel (agent). */
  variant: 'full' | 'tile';
  /** Overlays: a status pill, a "their video appears here" note. */
  children?: ReactNode;
}

/** The other person's video with our own camera in a corner: one stage for every room view. */
export function VideoStage({ attach, remoteLabel, cameraOff, variant, children }: VideoStageProps) {
  // Stable refs: a new callback each render would detach and re-attach the streams every time.
  const remoteRef = useCallback((element: HTMLVideoElement | null) => attach('remote', element), [attach]);
  const { t } = useLingui();
  const localRef = useCallback((element: HTMLVideoElement | null) => attach('local', element), [attach]);
  return (
    <div className={`room-stage room-stage-${variant}`}>
      <video
        ref={remoteRef}
        className="room-remote"
        data-testid="webcall-remote-video"
        autoPlay
        playsInline
        aria-label={remoteLabel}
      />
      <video
        ref={localRef}
        className={cameraOff ? 'room-self room-self-off' : 'room-self'}
        data-testid="webcall-local-video"
        autoPlay
        playsInline
        muted
        aria-label={t`Your camera`}
      />
      {children}
    </div>
  );
}
