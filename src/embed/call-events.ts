/**
 * Turns call snapshots into the host's events: `incoming` when a call starts ringing in, `answered`
 * when a call becomes active, `ended` when it ends. Each fires once per call (pure: the caller keeps
 * the `seen` map between store updates).
 */
import { CallState, type CallSnapshot } from '../stores/phone-types';
import type { EventName } from './protocol';

export interface HostEvent {
  event: EventName;
  data: Record<string, unknown>;
}

type Seen = Map<string, Set<EventName>>;

function describe(call: CallSnapshot): Record<string, unknown> {
  return {
    callId: call.id,
    direction: call.direction,
    number: call.remoteUser,
    displayName: call.remoteDisplayName,
  };
}

export function callEvents(calls: Record<string, CallSnapshot>, seen: Seen): HostEvent[] {
  const out: HostEvent[] = [];
  const once = (call: CallSnapshot, event: EventName, extra: Record<string, unknown> = {}) => {
    const fired = seen.get(call.id) ?? new Set<EventName>();
    seen.set(call.id, fired);
    if (fired.has(event)) return;
    fired.add(event);
    out.push({ event, data: { ...describe(call), ...extra } });
  };
  for (const call of Object.values(calls)) {
    if (call.state === CallState.Incoming) once(call, 'incoming');
    if (call.state === CallState.Active || call.answeredAt !== null) once(call, 'answered');
    if (call.state === CallState.Ended) {
      once(call, 'ended', { reason: call.endReason, status: call.endStatusCode });
    }
  }
  // Calls gone from the store: forget them (ids are never reused).
  for (const id of seen.keys()) if (!(id in calls)) seen.delete(id);
  return out;
}
