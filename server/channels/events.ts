/**
 * `GET /api/channels/events`: Server-Sent Events telling agents' Conversations panels that a
 * conversation changed (`event: conversation`, data `{id}`); the panel then fetches it with its session.
 * Same pattern and limits as the webphone configuration stream (ADR 0016). An open stream also counts
 * as the agent being available for routing (ADR 0020).
 */
import type { ServerResponse } from 'node:http';
import { DEFAULT_EVENT_LIMITS, type EventStreamLimits } from '../webphone/events';

interface Stream {
  user: string;
  res: ServerResponse;
  timers: ReturnType<typeof setTimeout>[];
}

export class ConversationEventHub {
  private readonly streams = new Set<Stream>();

  constructor(private readonly limits: EventStreamLimits = DEFAULT_EVENT_LIMITS) {}

  refusal(user: string): string | null {
    if (this.streams.size >= this.limits.total) return 'Too many open event streams on this server.';
    const mine = [...this.streams].filter((s) => s.user === user).length;
    return mine >= this.limits.perUser ? `At most ${this.limits.perUser} event streams per account.` : null;
  }

  open(user: string, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
    });
    const stream: Stream = { user, res, timers: [] };
    this.streams.add(stream);
    res.write('retry: 5000\nevent: ready\ndata: {}\n\n');
    stream.timers.push(
      setInterval(() => res.write(': ping\n\n'), this.limits.heartbeatMs),
      setTimeout(() => res.end(), this.limits.maxAgeMs),
    );
    res.on('close', () => this.drop(stream));
    res.on('error', () => this.drop(stream));
  }

  /** Users with an open stream (the Conversations panel is open somewhere). */
  listening(user: string): boolean {
    for (const s of this.streams) if (s.user === user) return true;
    return false;
  }

  /** Tells the given users (or everyone, for the unassigned queue) that a conversation changed. */
  publish(conversationId: number, users: readonly string[] | 'all'): void {
    const frame = `event: conversation\ndata: ${JSON.stringify({ id: conversationId })}\n\n`;
    for (const s of this.streams) if (users === 'all' || users.includes(s.user)) s.res.write(frame);
  }

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
