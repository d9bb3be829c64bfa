/**
 * Live room conversations over Server-Sent Events. Each stream belongs to one room; a new message is
 * written to every stream of its room as `id: <message id>` + `data: <message JSON>`, so the browser's
 * `Last-Event-ID` (or `?after=`) resumes exactly after the last message it saw. Streams are capped per
 * room and in total, end when the link expires, and end after `maxAgeMs` so the client authenticates
 * again (a closed or expired room stops streaming).
 */
import type { ServerResponse } from 'node:http';
import { SseHub } from '../http/sse-hub';
import type {
  ChatGuest,
  ChatMessage,
  ChatRoomEvent,
  ChatSender,
  ChatTypingState,
} from '../../src/api/webcall-chat-schemas';

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

interface Viewer {
  roomId: string;
  /** Guests' own details go to the agent's streams only. */
  viewer: ChatSender;
}

export function messageFrame(message: ChatMessage): string {
  return `id: ${message.id}\nevent: message\ndata: ${JSON.stringify(message)}\n\n`;
}

/** No `id:` line: a guest event leaves the stream's resume point where the messages put it. */
export function guestFrame(guest: ChatGuest): string {
  return `event: guest\ndata: ${JSON.stringify(guest)}\n\n`;
}

/** No `id:` line either: typing is live only (ADR 0030), never replayed on resume. */
export function typingFrame(sender: ChatSender, state: ChatTypingState): string {
  return `event: typing\ndata: ${JSON.stringify({ sender, state })}\n\n`;
}

/** First on every stream: what the conversation allows now (file transfer). */
export function roomFrame(room: ChatRoomEvent): string {
  return `event: room\ndata: ${JSON.stringify(room)}\n\n`;
}

export class WebcallChatHub {
  private readonly hub: SseHub<Viewer>;

  constructor(limits: ChatStreamLimits = DEFAULT_CHAT_STREAM_LIMITS) {
    this.hub = new SseHub<Viewer>({
      limits: { ...limits, perKey: limits.perRoom },
      key: (v) => v.roomId,
      refusals: {
        total: 'Too many open conversations on this server.',
        perKey: 'Too many windows are open on this conversation.',
      },
    });
  }

  refusal(roomId: string): string | null {
    return this.hub.refusal(roomId);
  }

  /** Takes over the response: headers, the backlog, heartbeats, and the end at `endsAt` (Unix ms). */
  open(
    roomId: string,
    viewer: ChatSender,
    res: ServerResponse,
    backlog: { messages: ChatMessage[]; guests: ChatGuest[]; room?: ChatRoomEvent },
    endsInMs: number,
  ): void {
    const guests = viewer === 'agent' ? backlog.guests.map(guestFrame).join('') : '';
    const room = backlog.room ? roomFrame(backlog.room) : '';
    const first = `retry: 3000\n: open\n\n${room}${guests}${backlog.messages.map(messageFrame).join('')}`;
    this.hub.open({ roomId, viewer }, res, first, endsInMs);
  }

  publish(roomId: string, message: ChatMessage): void {
    this.hub.publish(messageFrame(message), (s) => s.roomId === roomId);
  }

  /** Tells the room's agent streams what a guest's page said about itself. */
  publishGuest(roomId: string, guest: ChatGuest): void {
    this.hub.publish(guestFrame(guest), (s) => s.roomId === roomId && s.viewer === 'agent');
  }

  /** Tells the other side's streams of the room that `from` is typing (or stopped). */
  publishTyping(roomId: string, from: ChatSender, state: ChatTypingState): void {
    this.hub.publish(typingFrame(from, state), (s) => s.roomId === roomId && s.viewer !== from);
  }

  get size(): number {
    return this.hub.size;
  }

  close(): void {
    this.hub.close();
  }
}
