/**
 * `GET /api/webphone/events`: a Server-Sent Events stream that tells open apps the configuration
 * changed (ADR 0016). It carries only the new revision number; the app then fetches the configuration
 * with its session. Streams are capped per user and in total, and end after `maxAgeMs` so that the
 * browser's automatic reconnect authenticates again (a signed-out session stops getting events).
 */
import type { ServerResponse } from 'node:http';

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

interface Stream {
  user: string;
  res: ServerResponse;
  timers: ReturnType<typeof setTimeout>[];
}

export class ConfigEventHub {
  private readonly streams = new Set<Stream>();

  constructor(private readonly limits: EventStreamLimits = DEFAULT_EVENT_LIMITS) {}

  /** Why a new stream for this user is refused, or null when it may open. */
  refusal(user: string): string | null {
    if (this.streams.size >= this.limits.total) return 'Too many open event streams on this server.';
    const mine = [...this.streams].filter((s) => s.user === user).length;
    return mine >= this.limits.perUser ? `At most ${this.limits.perUser} event streams per account.` : null;
  }

  /** Takes over the response: headers, the current revision, heartbeats, and the end after maxAgeMs. */
  open(user: string, res: ServerResponse, revision: number): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
    });
    const stream: Stream = { user, res, timers: [] };
    this.streams.add(stream);
    res.write(`retry: 5000\n${frame(revision)}`);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), this.limits.heartbeatMs);
    const expiry = setTimeout(() => res.end(), this.limits.maxAgeMs);
    stream.timers.push(heartbeat, expiry);
    res.on('close', () => this.drop(stream));
    res.on('error', () => this.drop(stream));
  }

  /**
   * Tells every open stream about a new revision: of the configuration (`config`), or of the Agent
   * tab's buttons and forms (`agent`, ADR 0022), which the app then fetches again.
   */
  publish(revision: number, event: 'config' | 'agent' = 'config'): void {
    for (const s of this.streams) s.res.write(frame(revision, event));
  }

  get size(): number {
    return this.streams.size;
  }

  /** Ends every stream (server shutdown: an open stream would otherwise hold the HTTP server open). */
  close(): void {
    for (const s of [...this.streams]) {
      this.drop(s);
      s.res.end();
    }
  }

  private drop(stream: Stream): void {
    for (const t of stream.timers) clearTimeout(t);
    this.streams.delete(stream);
  }
}

function frame(revision: number, event: 'config' | 'agent' = 'config'): string {
  return `event: ${event}\ndata: ${JSON.stringify({ revision })}\n\n`;
}
