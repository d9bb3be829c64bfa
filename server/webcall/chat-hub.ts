/**
 * Live room conversations over Server-Sent Events. Each stream belongs to one room; a new message is
 * written to every stream of its room as `id: <message id>` + `data: <message JSON>`, so the browser's
 * `Last-Event-ID` (or `?after=`) resumes exactly after the last message it saw. Streams are capped per
 * room and in total, end when the link expires, and end after `maxAgeMs` so the client authenticates
 * again (a closed or expired room stops streaming).
 */
import type { ServerResponse } from 'node:http';
import type { ChatGuest, ChatMessage, ChatSender } from '../../src/api/webcall-chat-schemas';

export interface ChatStreamLimits {
  perRoom: number;
  total: number;
  maxAgeMs: number;
  heartbeatMs: number;
}

export const DEFAULT_CHAT_STREAM_LIMITS: ChatStreamLimits = {
  perRoom: 12,
  total: 1000,
  maxAgeMs: 15 * 60_000,
  heartbeatMs: 25_000,
};

interface Stream {
  roomId: string;
  /** Guests' own details go to the agent's streams only. */
  viewer: ChatSender;
  res: ServerResponse;
  timers: ReturnType<typeof setTimeout>[];
}

export function messageFrame(message: ChatMessage): string {
  return `id: ${message.id}\nevent: message\ndata: ${JSON.stringify(message)}\n\n`;
}

/** No `id:` line: a guest event leaves the stream's resume point where the messages put it. */
export function guestFrame(guest: ChatGuest): string {
  return `event: guest\ndata: ${JSON.stringify(guest)}\n\n`;
}

export class WebcallChatHub {
  private readonly streams = new Set<Stream>();

  constructor(private readonly limits: ChatStreamLimits = DEFAULT_CHAT_STREAM_LIMITS) {}

  refusal(roomId: string): string | null {
    if (this.streams.size >= this.limits.total) return 'Too many open conversations on this server.';
    const mine = [...this.streams].filter((s) => s.roomId === roomId).length;
    return mine >= this.limits.perRoom ? 'Too many windows are open on this conversation.' : null;
  }

  /** Takes over the response: headers, the backlog, heartbeats, and the end at `endsAt` (Unix ms). */
  open(
    roomId: string,
    viewer: ChatSender,
    res: ServerResponse,
    backlog: { messages: ChatMessage[]; guests: ChatGuest[] },
    endsInMs: number,
  ): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
    });
    const stream: Stream = { roomId, viewer, res, timers: [] };
    this.streams.add(stream);
    const guests = viewer === 'agent' ? backlog.guests.map(guestFrame).join('') : '';
    res.write(`retry: 3000\n: open\n\n${guests}${backlog.messages.map(messageFrame).join('')}`);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), this.limits.heartbeatMs);
    const end = setTimeout(() => res.end(), Math.max(0, Math.min(endsInMs, this.limits.maxAgeMs)));
    stream.timers.push(heartbeat, end);
    res.on('close', () => this.drop(stream));
    res.on('error', () => this.drop(stream));
  }

  publish(roomId: string, message: ChatMessage): void {
    const frame = messageFrame(message);
    for (const s of this.streams) if (s.roomId === roomId) s.res.write(frame);
  }

  /** Tells the room's agent streams what a guest's page said about itself. */
  publishGuest(roomId: string, guest: ChatGuest): void {
    const frame = guestFrame(guest);
    for (const s of this.streams) if (s.roomId === roomId && s.viewer === 'agent') s.res.write(frame);
  }

  get size(): number {
    return this.streams.size;
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
