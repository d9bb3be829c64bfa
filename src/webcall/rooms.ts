/**
 * The rooms port: one way for the join page (and the agent panel) to be in a video room, whatever
 * the provider. Adapters: SIP (./sip-room.ts, default, self-hosted) and Sendbird (./sendbird-room.ts,
 * whose SDK is loaded with `import()` only when a Sendbird link is opened).
 *
 * ```
 *  join() ──► connecting ──► waiting (in the room, nobody else yet) ──► connected ──► ended
 *                 │                   ▲          │                        │  ▲
 *                 │                   └──────────┼── remote left ─────────┘  │
 *                 │                              └─► reconnecting ───────────┘
 *                 └─ failure: join() rejects with a RoomError
 * ```
 */
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

/** Opens a room with the adapter the link names. Rejects with a RoomError. */
export async function joinRoom(params: JoinParams): Promise<RoomSession> {
  if (params.payload.provider === 'sip') {
    const { joinSipRoom } = await import('./sip-room');
    return joinSipRoom(params.payload, params);
  }
  const payload = params.payload;
  const { joinSendbirdRoom, loadSendbirdSdk } = await import('./sendbird-room');
  let sdk;
  try {
    sdk = await loadSendbirdSdk();
  } catch {
    throw new RoomError('unreachable', 'Could not load the call software. Check your connection and retry.');
  }
  return joinSendbirdRoom(sdk, payload, params);
}

/** Classifies a getUserMedia / media failure. */
export function mediaError(error: unknown): RoomError {
  const name =
    error instanceof Error || (typeof DOMException !== 'undefined' && error instanceof DOMException)
      ? (error as Error).name
      : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return new RoomError('permission-denied', 'Camera or microphone access is blocked.');
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return new RoomError('no-device', 'No camera or microphone was found.');
  }
  if (name === 'NotReadableError')
    return new RoomError('no-device', 'The camera or microphone is in use by another app.');
  return new RoomError('failed', error instanceof Error ? error.message : String(error));
}

/** A tiny typed emitter shared by the adapters. */
export class RoomEmitter {
  private readonly handlers: { [E in keyof RoomEvents]?: Set<RoomEvents[E]> } = {};

  on<E extends keyof RoomEvents>(event: E, handler: RoomEvents[E]): () => void {
    const set: Set<RoomEvents[E]> = this.handlers[event] ?? new Set<RoomEvents[E]>();
    (this.handlers as Record<E, Set<RoomEvents[E]>>)[event] = set;
    set.add(handler);
    return () => void set.delete(handler);
  }

  emit<E extends keyof RoomEvents>(event: E, ...args: Parameters<RoomEvents[E]>): void {
    const set: Set<RoomEvents[E]> | undefined = this.handlers[event];
    for (const handler of [...(set ?? [])]) {
      try {
        (handler as (...a: Parameters<RoomEvents[E]>) => void)(...args);
      } catch (error) {
        console.error(`webcall: a "${event}" handler threw`, error);
      }
    }
  }
}
