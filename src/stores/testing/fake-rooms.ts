import {
  RoomError,
  type JoinParams,
  type RoomEndReason,
  type RoomEvents,
  type RoomSession,
  type RoomState,
} from '../../webcall/rooms';
import type { RoomsPort } from '../room-bridge';

type Handlers = { [E in keyof RoomEvents]: Set<RoomEvents[E]> };

/** A hand-written RoomSession: records what it was asked to do, emits events on demand. */
export class FakeRoomSession implements RoomSession {
  state: RoomState = 'waiting';
  readonly log: string[] = [];
  readonly attached: { which: 'remote' | 'local'; element: HTMLMediaElement }[] = [];
  private handlers: Handlers = { state: new Set(), remote: new Set(), error: new Set() };

  on<E extends keyof RoomEvents>(event: E, handler: RoomEvents[E]): () => void {
    const set = this.handlers[event] as Set<RoomEvents[E]>;
    set.add(handler);
    return () => set.delete(handler);
  }
  listenerCount(): number {
    return Object.values(this.handlers).reduce((n, set) => n + set.size, 0);
  }
  setState(state: RoomState, reason: RoomEndReason | null = null) {
    this.state = state;
    for (const h of this.handlers.state) h(state, reason);
  }
  setRemote(present: boolean) {
    for (const h of this.handlers.remote) h(present);
  }
  fail(error: RoomError) {
    for (const h of this.handlers.error) h(error);
  }
  mute() {
    this.log.push('mute');
  }
  unmute() {
    this.log.push('unmute');
  }
  async startVideo() {
    this.log.push('startVideo');
  }
  async stopVideo() {
    this.log.push('stopVideo');
  }
  attach(which: 'remote' | 'local', element: HTMLMediaElement) {
    this.attached.push({ which, element });
  }
  async leave() {
    this.log.push('leave');
    this.setState('ended', 'left');
  }
}

/** A rooms port whose joins the test settles by hand (`resolve`/`reject` the oldest pending join). */
export class FakeRooms implements RoomsPort {
  readonly joins: JoinParams[] = [];
  readonly sessions: FakeRoomSession[] = [];
  private pending: { resolve(s: RoomSession): void; reject(e: unknown): void }[] = [];

  join(params: JoinParams): Promise<RoomSession> {
    this.joins.push(params);
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }
  resolve(state: RoomState = 'waiting'): FakeRoomSession {
    const session = new FakeRoomSession();
    session.state = state;
    this.sessions.push(session);
    this.next().resolve(session);
    return session;
  }
  reject(error: unknown) {
    this.next().reject(error);
  }
  private next() {
    const next = this.pending.shift();
    if (!next) throw new Error('no join is pending');
    return next;
  }
}
