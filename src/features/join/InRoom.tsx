import { useEffect, useRef, useState } from 'react';
import type { JoinPayload } from '../../webcall/payload';
import { joinRoom, RoomError } from '../../stores/webcall-join';
import type { RoomEndReason, RoomSession, RoomState } from '../../webcall/rooms';
import type { JoinChoices } from './PreJoin';

interface InRoomProps {
  payload: JoinPayload;
  choices: JoinChoices;
  onEnded(reason: RoomEndReason | null): void;
  onFailed(error: RoomError): void;
}

const STATUS: Record<RoomState, string> = {
  connecting: 'Connecting…',
  waiting: 'Waiting for the other person to join…',
  connected: 'Connected',
  reconnecting: 'Connection lost, reconnecting…',
  ended: 'Call ended',
};

/** Remote video, self view, mute / camera / leave, and a connection indicator. */
export function InRoom({ payload, choices, onEnded, onFailed }: InRoomProps) {
  const [session, setSession] = useState<RoomSession | null>(null);
  const [state, setState] = useState<RoomState>('connecting');
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  const remoteRef = useRef<HTMLVideoElement>(null);
  const localRef = useRef<HTMLVideoElement>(null);
  const callbacks = useRef({ onEnded, onFailed });
  callbacks.current = { onEnded, onFailed };

  useEffect(() => {
    let cancelled = false;
    let joined: RoomSession | null = null;
    joinRoom({ payload, ...choices })
      .then((s) => {
        joined = s;
        if (cancelled) return void s.leave();
        s.on('state', (next, reason) => {
          setState(next);
          if (next === 'ended') callbacks.current.onEnded(reason);
        });
        if (remoteRef.current) s.attach('remote', remoteRef.current);
        if (localRef.current) s.attach('local', localRef.current);
        setState(s.state);
        setSession(s);
      })
      .catch((error: unknown) => {
        if (!cancelled) {
          callbacks.current.onFailed(
            error instanceof RoomError ? error : new RoomError('failed', String(error)),
          );
        }
      });
    return () => {
      cancelled = true;
      void joined?.leave();
    };
  }, [payload, choices]);

  const who = payload.agentName ?? 'the other person';
  const status = state === 'waiting' ? `Waiting for ${who} to join…` : STATUS[state];

  return (
    <section className="join-room" aria-label="Video call" data-state={state}>
      <div className="join-stage">
        <video
          ref={remoteRef}
          className="join-remote"
          data-testid="webcall-remote-video"
          autoPlay
          playsInline
          aria-label={`Video from ${who}`}
        />
        <video
          ref={localRef}
          className={cameraOff ? 'join-self join-self-off' : 'join-self'}
          data-testid="webcall-local-video"
          autoPlay
          playsInline
          muted
          aria-label="Your camera"
        />
        <p className={`join-status join-status-${state}`} role="status" data-testid="webcall-status">
          <span className="join-status-dot" aria-hidden="true" />
          {status}
        </p>
      </div>
      <div className="join-controls" role="group" aria-label="Call controls">
        <button
          type="button"
          className="button button-secondary"
          aria-pressed={muted}
          disabled={!session}
          onClick={() => {
            if (muted) session?.unmute();
            else session?.mute();
            setMuted(!muted);
          }}
        >
          {muted ? 'Unmute' : 'Mute'}
        </button>
        <button
          type="button"
          className="button button-secondary"
          aria-pressed={cameraOff}
          disabled={!session}
          onClick={() => {
            void (cameraOff ? session?.startVideo() : session?.stopVideo());
            setCameraOff(!cameraOff);
          }}
        >
          {cameraOff ? 'Camera on' : 'Camera off'}
        </button>
        <button
          type="button"
          className="button button-danger"
          onClick={() => {
            if (session) void session.leave();
            else onEnded('left');
          }}
        >
          Leave
        </button>
      </div>
    </section>
  );
}
