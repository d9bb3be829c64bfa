/**
 * Records every webcall room the agent opens, when it ends, in the layer that owns rooms (the webcall
 * agent store), not a screen. A room starts when its link is made and ends when the agent stops
 * waiting or leaves, makes a new link, goes back to the form, or the link expires with nobody in it.
 * The customer joining (on either path) is what makes it "answered"; a room nobody joined is a
 * no-show (`no-answer`), which is not a missed call: the agent missed nothing.
 */
import type { StoreApi } from 'zustand';
import type { CallLogEntry } from '../storage/call-log-schema';
import type { WebcallAgentState, WebcallLink } from './webcall-agent';

/** How a room ended (`endReason` of its entry). */
export type RoomEnd = 'room-closed' | 'room-expired';

export interface RoomLogDeps {
  agent: Pick<StoreApi<WebcallAgentState>, 'getState' | 'subscribe'>;
  /** The signed-in account (`user@domain`), null when signed out (then the room is not recorded). */
  account(): string | null;
  record(entry: CallLogEntry): Promise<void>;
  /** The room exists: its guest's SIP call is part of it, not a call of its own. */
  opened?(roomId: string): void;
  /** The SIP Call-ID of the agent's call with the customer (SIP path), when known. */
  sipCallIdOf?(callId: string): string | null;
  failed?(error: unknown): void;
  now?: () => number;
}

interface OpenRoom {
  link: WebcallLink;
  account: string | null;
  startedAt: number;
  answeredAt: number | null;
  /** Time the customer was in the room, over every (re)join. */
  talkMs: number;
  connectedSince: number | null;
  sipCallId: string | null;
  expiry: ReturnType<typeof setTimeout> | undefined;
}

/** setTimeout takes at most 2^31 - 1 ms (~24.8 days); links live at most 7 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The History entry for a room that ended at `endedAt`. */
export function roomEntryOf(room: OpenRoom, account: string, endedAt: number, end: RoomEnd): CallLogEntry {
  const { link } = room;
  const phone = link.phone.trim();
  return {
    v: 1,
    account,
    id: `room:${link.roomId}:${room.startedAt}`,
    kind: 'webcall',
    direction: 'outgoing',
    remoteUri: phone ? `tel:${phone.replace(/[^\d+]/g, '')}` : `webcall:${link.roomId}`,
    remoteUser: phone,
    remoteDisplayName: link.customerName.trim() || null,
    startedAt: room.startedAt,
    answeredAt: room.answeredAt,
    endedAt,
    durationMs: room.talkMs,
    outcome: room.answeredAt === null ? 'no-answer' : 'answered',
    endReason: end,
    sipStatus: null,
    media: 'video',
    sipCallId: room.sipCallId,
    room: { roomId: link.roomId, provider: link.provider, phone },
  };
}

export interface RoomLog {
  dispose(): void;
}

export function createRoomLog(deps: RoomLogDeps): RoomLog {
  const now = deps.now ?? Date.now;
  let open: OpenRoom | null = null;
  /** The room of the link on the panel, open or already recorded (a stopped room stays on screen). */
  let followed: string | null = null;

  function finish(end: RoomEnd, at = now()) {
    const room = open;
    if (!room) return;
    open = null;
    clearTimeout(room.expiry);
    if (room.connectedSince !== null) room.talkMs += Math.max(0, at - room.connectedSince);
    room.connectedSince = null;
    if (room.account === null) return;
    deps.record(roomEntryOf(room, room.account, at, end)).catch((error: unknown) => deps.failed?.(error));
  }

  function start(link: WebcallLink) {
    deps.opened?.(link.roomId);
    const room: OpenRoom = {
      link,
      account: deps.account(),
      startedAt: now(),
      answeredAt: null,
      talkMs: 0,
      connectedSince: null,
      sipCallId: null,
      expiry: undefined,
    };
    // Nobody in the room when the link expires: the room is over (a call in progress outlives it).
    room.expiry = setTimeout(
      () => {
        if (open === room && room.connectedSince === null) finish('room-expired', link.expiresAt);
      },
      Math.min(MAX_TIMER_MS, Math.max(0, link.expiresAt - now())),
    );
    open = room;
  }

  function follow(state: WebcallAgentState) {
    // A new link, or back to the form: the previous room is over.
    if ((state.link?.roomId ?? null) !== followed) {
      finish('room-closed');
      followed = state.link?.roomId ?? null;
      if (state.link) start(state.link);
    }
    const room = open;
    if (!room) return;
    const at = now();
    if (state.phase === 'connected' && room.connectedSince === null) {
      room.answeredAt ??= at;
      room.connectedSince = at;
      if (state.callId) room.sipCallId ??= deps.sipCallIdOf?.(state.callId) ?? null;
    } else if (state.phase !== 'connected' && room.connectedSince !== null) {
      room.talkMs += Math.max(0, at - room.connectedSince);
      room.connectedSince = null;
    }
    if (state.phase === 'stopped') finish('room-closed', at);
    // The customer left after the link expired: they cannot rejoin, so the room is over.
    else if (room.connectedSince === null && at >= room.link.expiresAt) finish('room-expired', at);
  }

  follow(deps.agent.getState());
  const unsubscribe = deps.agent.subscribe(follow);
  return {
    dispose() {
      unsubscribe();
      if (open) clearTimeout(open.expiry);
      open = null;
    },
  };
}
