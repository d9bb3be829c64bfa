/**
 * The call of a room whose link went out on a channel conversation, told to the server (ADR 0034):
 * behind Kamailio, and for Sendbird rooms, the server sees no dialog, so the agent's app, which owns the
 * room, says when the customer's call was answered (the first time the panel is connected) and when
 * that call ended (the panel left `connected`, or moved on to another link). Each room is reported at
 * most once each way, in order (an end never overtakes its answer); the server keeps the first of each
 * and times the call with its own clock. Where the server does watch dialogs it ignores these reports.
 */
import type { StoreApi } from 'zustand';
import type { WebcallAgentState } from './webcall-agent';

export type RoomCallEvent = 'answered' | 'ended';

export interface RoomCallReportDeps {
  agent: Pick<StoreApi<WebcallAgentState>, 'getState' | 'subscribe'>;
  report(roomId: string, event: RoomCallEvent): Promise<unknown>;
  /** A report did not reach the server (the server's expiry fallback covers a lost end). */
  failed?(error: unknown): void;
}

export interface RoomCallReports {
  /** This room's link was sent on a conversation: report its call. */
  follow(roomId: string): void;
  dispose(): void;
}

export function createRoomCallReports(deps: RoomCallReportDeps): RoomCallReports {
  /** Followed rooms and how far their call got. */
  const rooms = new Map<string, 'waiting' | 'answered' | 'ended'>();
  /** Reports go out one after another, so `ended` never arrives before its `answered`. */
  let queue: Promise<void> = Promise.resolve();

  const send = (roomId: string, event: RoomCallEvent) => {
    queue = queue.then(() =>
      deps.report(roomId, event).then(
        () => undefined,
        (error: unknown) => deps.failed?.(error),
      ),
    );
  };

  const check = (state: WebcallAgentState) => {
    const current = state.link?.roomId ?? null;
    for (const [roomId, stage] of rooms) {
      const connected = roomId === current && state.phase === 'connected';
      if (stage === 'waiting' && connected) {
        rooms.set(roomId, 'answered');
        send(roomId, 'answered');
      } else if (stage === 'answered' && !connected) {
        rooms.set(roomId, 'ended');
        send(roomId, 'ended');
      }
    }
  };

  const unsubscribe = deps.agent.subscribe(check);
  return {
    follow(roomId) {
      if (rooms.has(roomId)) return;
      rooms.set(roomId, 'waiting');
      check(deps.agent.getState());
    },
    dispose() {
      unsubscribe();
      rooms.clear();
    },
  };
}
