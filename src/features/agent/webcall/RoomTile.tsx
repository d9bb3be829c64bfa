import { useEffect, useRef, useState } from 'react';
import type { RoomSession } from '../../../webcall/rooms';

interface RoomTileProps {
  session: RoomSession;
  remotePresent: boolean;
  onMute(muted: boolean): void;
  onCamera(off: boolean): void;
}

/** Sendbird rooms: the customer's video and the agent's own controls, inside the panel. */
export function RoomTile({ session, remotePresent, onMute, onCamera }: RoomTileProps) {
  const remoteRef = useRef<HTMLVideoElement>(null);
  const localRef = useRef<HTMLVideoElement>(null);
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  useEffect(() => {
    if (remoteRef.current) session.attach('remote', remoteRef.current);
    if (localRef.current) session.attach('local', localRef.current);
  }, [session]);
  return (
    <div className="webcall-tile">
      <div className="webcall-stage">
        <video
          ref={remoteRef}
          className="webcall-remote"
          autoPlay
          playsInline
          aria-label="Video from the customer"
        />
        {!remotePresent && <p className="webcall-stage-note">The customer’s video appears here.</p>}
        <video ref={localRef} className="webcall-self" autoPlay playsInline muted aria-label="Your camera" />
      </div>
      <div className="webcall-actions" role="group" aria-label="Webcall controls">
        <button
          type="button"
          className="button button-secondary"
          aria-pressed={muted}
          onClick={() => {
            onMute(!muted);
            setMuted(!muted);
          }}
        >
          {muted ? 'Unmute' : 'Mute'}
        </button>
        <button
          type="button"
          className="button button-secondary"
          aria-pressed={cameraOff}
          onClick={() => {
            onCamera(!cameraOff);
            setCameraOff(!cameraOff);
          }}
        >
          {cameraOff ? 'Camera on' : 'Camera off'}
        </button>
      </div>
    </div>
  );
}
