/** One audit row per created webcall room: who, when, until when, which provider (migration 2). */
import type { Db } from '../db';

export interface WebcallAuditRecord {
  roomId: string;
  provider: 'sip' | 'sendbird';
  agent: string;
  customerName: string | null;
  ticket: string | null;
  /** The customer's identity at the provider (SIP guest user or Sendbird service user). */
  guestUser: string;
  createdAt: number;
  expiresAt: number;
}

export interface WebcallAuditRow extends WebcallAuditRecord {
  sentVia: string | null;
  sentAt: number | null;
  /** When the agent closed the room (migration 4); its guest can no longer join. */
  closedAt: number | null;
}

interface RawRow {
  room_id: string;
  provider: 'sip' | 'sendbird';
  agent: string;
  customer_name: string | null;
  ticket: string | null;
  guest_user: string;
  created_at: number;
  expires_at: number;
  sent_via: string | null;
  sent_at: number | null;
  closed_at: number | null;
}

export class WebcallAudit {
  constructor(private readonly db: Db) {}

  record(r: WebcallAuditRecord): void {
    this.db
      .prepare(
        `INSERT INTO webcall_rooms (room_id, provider, agent, customer_name, ticket, guest_user, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(r.roomId, r.provider, r.agent, r.customerName, r.ticket, r.guestUser, r.createdAt, r.expiresAt);
  }

  markSent(roomId: string, channel: string, at: number): void {
    this.db
      .prepare('UPDATE webcall_rooms SET sent_via = ?, sent_at = ? WHERE room_id = ?')
      .run(channel, at, roomId);
  }

  markClosed(roomId: string, at: number): void {
    this.db
      .prepare('UPDATE webcall_rooms SET closed_at = ? WHERE room_id = ? AND closed_at IS NULL')
      .run(at, roomId);
  }

  /** A room its guest may still use: known, not expired, not closed. */
  isOpen(roomId: string, now: number): boolean {
    const row = this.get(roomId);
    return row !== undefined && row.closedAt === null && row.expiresAt > now;
  }

  get(roomId: string): WebcallAuditRow | undefined {
    const row = this.db.prepare('SELECT * FROM webcall_rooms WHERE room_id = ?').get(roomId) as
      RawRow | undefined;
    return (
      row && {
        roomId: row.room_id,
        provider: row.provider,
        agent: row.agent,
        customerName: row.customer_name,
        ticket: row.ticket,
        guestUser: row.guest_user,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        sentVia: row.sent_via,
        sentAt: row.sent_at,
        closedAt: row.closed_at,
      }
    );
  }
}
