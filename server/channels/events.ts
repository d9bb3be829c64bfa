/**
 * `GET /api/channels/events`: Server-Sent Events telling agents' Conversations panels that a
 * conversation changed (`event: conversation`, data `{id}`); the panel then fetches it with its session.
 * Same pattern and limits as the webphone configuration stream (ADR 0016). An open stream also counts
 * as the agent being available for routing (ADR 0020).
 */
import type { ServerResponse } from 'node:http';
import type { SseHub } from '../http/sse-hub';
import { DEFAULT_EVENT_LIMITS, userStreamHub, type EventStreamLimits } from '../webphone/events';

export class ConversationEventHub {
  private readonly hub: SseHub<string>;

  constructor(limits: EventStreamLimits = DEFAULT_EVENT_LIMITS) {
    this.hub = userStreamHub(limits);
  }

  refusal(user: string): string | null {
    return this.hub.refusal(user);
  }

  open(user: string, res: ServerResponse): void {
    this.hub.open(user, res, 'retry: 5000\nevent: ready\ndata: {}\n\n');
  }

  /** Users with an open stream (the Conversations panel is open somewhere). */
  listening(user: string): boolean {
    return this.hub.count((u) => u === user) > 0;
  }

  /** Tells the given users (or everyone, for the unassigned queue) that a conversation changed. */
  publish(conversationId: number, users: readonly string[] | 'all'): void {
    const frame = `event: conversation\ndata: ${JSON.stringify({ id: conversationId })}\n\n`;
    this.hub.publish(frame, (user) => users === 'all' || users.includes(user));
  }

  close(): void {
    this.hub.close();
  }
}
