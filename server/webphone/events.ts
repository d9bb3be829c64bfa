/**
 * `GET /api/webphone/events`: a Server-Sent Events stream that tells open apps the configuration
 * changed (ADR 0016). It carries only the new revision number; the app then fetches the configuration
 * with its session. Streams are capped per user and in total, and end after `maxAgeMs` so that the
 * browser's automatic reconnect authenticates again (a signed-out session stops getting events).
 */
import type { ServerResponse } from 'node:http';
import { SseHub } from '../http/sse-hub';

export interface EventStreamLimits {
  perUser: number;
  total: number;
  maxAgeMs: number;
  heartbeatMs: number;
}

export const DEFAULT_EVENT_LIMITS: EventStreamLimits = {
  perUser: 8,
  total: 500,
  maxAgeMs: 30 * 60_000,
  heartbeatMs: 25_000,
};

/** The caps and messages the webphone and conversation streams share (ADR 0016). */
export function userStreamHub(limits: EventStreamLimits): SseHub<string> {
  return new SseHub<string>({
    limits: { ...limits, perKey: limits.perUser },
    key: (user) => user,
    refusals: {
      total: 'Too many open event streams on this server.',
      perKey: `At most ${limits.perUser} event streams per account.`,
    },
  });
}

export class ConfigEventHub {
  private readonly hub: SseHub<string>;

  constructor(limits: EventStreamLimits = DEFAULT_EVENT_LIMITS) {
    this.hub = userStreamHub(limits);
  }

  /** Why a new stream for this user is refused, or null when it may open. */
  refusal(user: string): string | null {
    return this.hub.refusal(user);
  }

  /** Takes over the response: headers, the current revision, heartbeats, and the end after maxAgeMs. */
  open(user: string, res: ServerResponse, revision: number): void {
    this.hub.open(user, res, `retry: 5000\n${frame(revision)}`);
  }

  /**
   * Tells every open stream about a new revision: of the configuration (`config`), or of the Agent
   * tab's buttons and forms (`agent`, ADR 0022), which the app then fetches again.
   */
  publish(revision: number, event: 'config' | 'agent' = 'config'): void {
    this.hub.publish(frame(revision, event));
  }

  get size(): number {
    return this.hub.size;
  }

  /** Ends every stream (server shutdown: an open stream would otherwise hold the HTTP server open). */
  close(): void {
    this.hub.close();
  }
}

function frame(revision: number, event: 'config' | 'agent' = 'config'): string {
  return `event: ${event}\ndata: ${JSON.stringify({ revision })}\n\n`;
}
