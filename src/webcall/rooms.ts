/**
 * The rooms port: one way for the join page (and the agent panel) to be in a video room, whatever
 * the provider. Adapters: SIP (./sip-room.ts, default, self-hosted) and Sendbird (./sendbird-room.ts,
 * whose SDK is loaded with `import()` only when a Sendbird link is opened); ./join-room.ts picks one.
 *
 * ```
 *  join() ──► connecting ──► waiting (in the room, nobody else yet) ──► connected ──► ended
 *                 │                   ▲          │                        │  ▲
 *                 │                   └──────────┼── remote left ─────────┘  │
 *                 │                              └─► reconnecting ───────────┘
 *                 └─ failure: join() rejects with a RoomError
 * ```
 */
import { TypedEmitter } from '../lib/emitter';
import { classifyMediaError, errorMessage } from '../lib/errors';
import type { JoinPayload } from './payload';

export type RoomState = 'connecting' | 'waiting' | 'connected' | 'reconnecting' | 'ended';

/** Why a room session ended. */
export type RoomEndReason = 'left' | 'remote-left' | 'unavailable' | 'expired' | 'connection-lost' | 'failed';

export type RoomErrorCode =
  | 'permission-denied' // camera/microphone blocked
  | 'no-device' // no camera/microphone
  | 'unreachable' // the call service cannot be reached
  | 'auth' // credentials refused (expired or revoked link)
  | 'unavailable' // the agent is not there
  | 'unsupported' // this browser/page cannot do it (no WebRTC, insecure origin)
  | 'failed';

export class RoomError extends Error {
  constructor(
    readonly code: RoomErrorCode,
    message: string,
    /** Provider's numeric error code when there was one (Sendbird). */
    readonly providerCode: number | null = null,
  ) {
    super(message);
    this.name = 'RoomError';
  }
}

export interface RoomEvents {
  state: (state: RoomState, reason: RoomEndReason | null) => void;
  /** A remote participant's media arrived or went away. */
  remote: (present: boolean) => void;
  /** Failures after joining (media lost...): the session may still be up. */
  error: (error: RoomError) => void;
}

export interface RoomSession {
  readonly state: RoomState;
  on<E extends keyof RoomEvents>(event: E, handler: RoomEvents[E]): () => void;
  mute(): void;
  unmute(): void;
  startVideo(): Promise<void>;
  stopVideo(): Promise<void>;
  /** Shows the remote participant (or our own camera, muted) in a `<video autoplay playsinline>`. */
  attach(which: 'remote' | 'local', element: HTMLMediaElement): void;
  leave(): Promise<void>;
}

export interface JoinParams {
  payload: JoinPayload;
  displayName: string;
  audioInputId?: string;
  videoInputId?: string;
  /** Start with the microphone muted / camera off. */
  muted?: boolean;
  cameraOff?: boolean;
}

/** A getUserMedia / media failure as a RoomError (wording from src/lib/errors.ts). */
export function mediaError(error: unknown): RoomError {
  const media = classifyMediaError(error);
  if (!media) return new RoomError('failed', errorMessage(error));
  return new RoomError(media.kind === 'permission-denied' ? 'permission-denied' : 'no-device', media.message);
}

/** The adapters' event emitter: a throwing handler is logged and the others still run. */
export function createRoomEmitter(): TypedEmitter<RoomEvents> {
  return new TypedEmitter<RoomEvents>((event, error) =>
    console.error(`webcall: a "${String(event)}" handler threw`, error),
  );
}
