/**
 * SQLite rows of the channel conversations (migration 14): channels, customers, conversations and
 * their messages; since migration 19 also the webcalls their links started (ADR 0029), messages'
 * files and dead-letter codes. Synchronous (better-sqlite3); one transaction per inbound message.
 */
import type {
  ChannelCallEvent,
  ChannelKind,
  ChannelMedia,
  ChannelMessageView,
  ChannelTemplate,
  ConversationSummary,
} from '../../src/api/channels-schemas';
import type { Db } from '../db';
import type { ChannelConfig } from './options';
import { serviceWindow } from './window';

export interface ChannelRow {
  id: string;
  kind: ChannelKind;
  secret: string;
  outboundUrl: string;
  templates: ChannelTemplate[];
}

export interface ConversationRow {
  id: number;
  customer: number;
  channel: string;
  kind: ChannelKind;
  channelId: string;
  customerName: string;
  agent: string | null;
  guestId: string | null;
  state: 'open' | 'closed';
  fields: [string, string, string];
  routedBy: string;
  unread: number;
  lastInboundAt: number | null;
  updatedAt: number;
}

export type MessageKind = ChannelMessageView['kind'];

interface RawConversation {
  id: number;
  customer: number;
  channel: string;
  kind: ChannelKind;
  channel_id: string;
  display_name: string;
  agent: string | null;
  guest_id: string | null;
  state: 'open' | 'closed';
  field1: string;
  field2: string;
  field3: string;
  routed_by: string;
  unread: number;
  last_inbound_at: number | null;
  updated_at: number;
}

interface RawMessage {
  id: number;
  direction: 'in' | 'out';
  kind: MessageKind;
  body: string;
  status: ChannelMessageView['status'];
  attempts: number;
  dead_letter: string | null;
  dead_letter_code: string | null;
  media_json: string | null;
  author: string | null;
  created_at: number;
}

/** A message's file as stored: the view's fields plus our attachment id (never sent to the app). */
export interface StoredMedia extends ChannelMedia {
  attachment: string | null;
  /** The owner the attachment store lists for it (whom to ask it as). */
  holder: string | null;
}

export interface CallLinkRow {
  roomId: string;
  conversation: number;
  agent: string;
  guestUser: string;
  expiresAt: number;
  /** The room's provider (migration 21): only SIP rooms' calls are dialogs of the embedded proxy. */
  provider: 'sip' | 'sendbird';
}

function parseMedia(json: string | null): StoredMedia | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as StoredMedia;
  } catch {
    return null;
  }
}

const CONVERSATION_SELECT = `
  SELECT c.id, c.customer, k.channel, ch.kind, k.channel_id, k.display_name, c.agent, c.guest_id, c.state,
         c.field1, c.field2, c.field3, c.routed_by, c.unread, c.last_inbound_at, c.updated_at
    FROM channel_conversations c
    JOIN channel_customers k ON k.id = c.customer
    JOIN channels ch ON ch.id = k.channel`;

function conversation(r: RawConversation): ConversationRow {
  return {
    id: r.id,
    customer: r.customer,
    channel: r.channel,
    kind: r.kind,
    channelId: r.channel_id,
    customerName: r.display_name,
    agent: r.agent,
    guestId: r.guest_id,
    state: r.state,
    fields: [r.field1, r.field2, r.field3],
    routedBy: r.routed_by,
    unread: r.unread,
    lastInboundAt: r.last_inbound_at,
    updatedAt: r.updated_at,
  };
}

export function messageView(r: RawMessage): ChannelMessageView {
  return {
    id: r.id,
    direction: r.direction,
    kind: r.kind,
    body: r.body,
    status: r.status,
    attempts: r.attempts,
    reason: r.dead_letter,
    reasonCode: r.dead_letter_code,
    author: r.author,
    createdAt: r.created_at,
    media: viewMedia(parseMedia(r.media_json)),
  };
}

function viewMedia(m: StoredMedia | null): ChannelMedia | null {
  return (
    m && { type: m.type, kind: m.kind ?? null, name: m.name, size: m.size, state: m.state, link: m.link }
  );
}

interface RawCallLink {
  room_id: string;
  conversation: number;
  agent: string;
  guest_user: string;
  expires_at: number;
  provider: 'sip' | 'sendbird';
}

const callLinkRow = (r: RawCallLink): CallLinkRow => ({
  roomId: r.room_id,
  conversation: r.conversation,
  agent: r.agent,
  guestUser: r.guest_user,
  expiresAt: r.expires_at,
  provider: r.provider,
});

const LINK_COLUMNS = 'l.room_id, l.conversation, l.agent, l.guest_user, l.expires_at, l.provider';

export interface NewInbound {
  channel: string;
  providerId: string;
  from: string;
  name: string;
  text: string;
  media?: StoredMedia;
  fields?: [string, string, string];
}

export class ChannelStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `fn` in one transaction (all rows of an inbound message, or none). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Inserts or refreshes configured channels (env/seed are the source of truth at each start). */
  configure(channels: readonly ChannelConfig[]): void {
    const upsert = this.db.prepare(`
      INSERT INTO channels (id, kind, secret, outbound_url, templates, updated_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, secret = excluded.secret,
        outbound_url = excluded.outbound_url, templates = excluded.templates, updated_at = excluded.updated_at`);
    this.db.transaction(() => {
      for (const c of channels) {
        upsert.run(c.id, c.kind, c.secret, c.outboundUrl, JSON.stringify(c.templates), this.now());
      }
    })();
  }

  channel(id: string): ChannelRow | undefined {
    const r = this.db
      .prepare('SELECT id, kind, secret, outbound_url, templates FROM channels WHERE id = ?')
      .get(id) as
      { id: string; kind: ChannelKind; secret: string; outbound_url: string; templates: string } | undefined;
    return (
      r && {
        id: r.id,
        kind: r.kind,
        secret: r.secret,
        outboundUrl: r.outbound_url,
        templates: JSON.parse(r.templates) as ChannelTemplate[],
      }
    );
  }

  isDuplicate(channel: string, providerId: string): boolean {
    return (
      this.db
        .prepare(`SELECT 1 FROM channel_messages WHERE channel = ? AND provider_id = ? AND direction = 'in'`)
        .get(channel, providerId) !== undefined
    );
  }

  /** The customer's id, created on first contact (the display name is refreshed when given). */
  customer(channel: string, channelId: string, name: string): number {
    this.db
      .prepare(
        `INSERT INTO channel_customers (channel, channel_id, display_name, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (channel, channel_id) DO UPDATE SET display_name =
           CASE WHEN excluded.display_name = '' THEN display_name ELSE excluded.display_name END`,
      )
      .run(channel, channelId, name, this.now());
    return (
      this.db
        .prepare('SELECT id FROM channel_customers WHERE channel = ? AND channel_id = ?')
        .get(channel, channelId) as {
        id: number;
      }
    ).id;
  }

  openConversation(customer: number): ConversationRow | undefined {
    const r = this.db
      .prepare(`${CONVERSATION_SELECT} WHERE c.customer = ? AND c.state = 'open'`)
      .get(customer) as RawConversation | undefined;
    return r && conversation(r);
  }

  /** The agent who last engaged with this customer (sent something), for the most-recent-agent rule. */
  lastAgent(customer: number): string | null {
    const r = this.db
      .prepare(
        `SELECT agent FROM channel_conversations WHERE customer = ? AND agent IS NOT NULL
         ORDER BY COALESCE(last_agent_at, 0) DESC, id DESC LIMIT 1`,
      )
      .get(customer) as { agent: string } | undefined;
    return r?.agent ?? null;
  }

  openCount(agent: string): number {
    return (
      this.db
        .prepare(`SELECT COUNT(*) AS n FROM channel_conversations WHERE agent = ? AND state = 'open'`)
        .get(agent) as { n: number }
    ).n;
  }

  createConversation(
    customer: number,
    agent: string | null,
    routedBy: string,
    fields?: [string, string, string],
  ): number {
    const now = this.now();
    const [f1, f2, f3] = fields ?? ['', '', ''];
    return Number(
      this.db
        .prepare(
          `INSERT INTO channel_conversations (customer, agent, state, field1, field2, field3, routed_by, created_at, updated_at)
           VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?)`,
        )
        .run(customer, agent, f1, f2, f3, routedBy, now, now).lastInsertRowid,
    );
  }

  addInbound(conversationId: number, m: NewInbound): number {
    const now = this.now();
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO channel_messages (conversation, direction, kind, body, provider_id, channel, status, media_json, created_at, updated_at)
           VALUES (?, 'in', 'text', ?, ?, ?, 'received', ?, ?, ?)`,
        )
        .run(
          conversationId,
          m.text,
          m.providerId,
          m.channel,
          m.media ? JSON.stringify(m.media) : null,
          now,
          now,
        ).lastInsertRowid,
    );
    const [f1, f2, f3] = m.fields ?? [null, null, null];
    this.db
      .prepare(
        `UPDATE channel_conversations SET unread = unread + 1, last_inbound_at = ?, updated_at = ?,
           field1 = COALESCE(?, field1), field2 = COALESCE(?, field2), field3 = COALESCE(?, field3) WHERE id = ?`,
      )
      .run(now, now, f1, f2, f3, conversationId);
    return id;
  }

  addOutbound(
    conversationId: number,
    channel: string,
    kind: MessageKind,
    body: string,
    author: string | null,
    media?: StoredMedia,
  ): number {
    const now = this.now();
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO channel_messages (conversation, direction, kind, body, channel, status, author, media_json, created_at, updated_at)
           VALUES (?, 'out', ?, ?, ?, 'pending', ?, ?, ?, ?)`,
        )
        .run(conversationId, kind, body, channel, author, media ? JSON.stringify(media) : null, now, now)
        .lastInsertRowid,
    );
    if (author) {
      this.db
        .prepare('UPDATE channel_conversations SET last_agent_at = ?, updated_at = ? WHERE id = ?')
        .run(now, now, conversationId);
    }
    return id;
  }

  /** Records one delivery attempt's outcome; `failed` with a reason is the dead-letter record. */
  markDelivery(
    messageId: number,
    status: 'pending' | 'sent' | 'failed',
    attempts: number,
    reason: string | null,
    code: string | null = null,
  ): void {
    this.db
      .prepare(
        'UPDATE channel_messages SET status = ?, attempts = ?, dead_letter = ?, dead_letter_code = ?, updated_at = ? WHERE id = ?',
      )
      .run(status, attempts, reason, code, this.now(), messageId);
  }

  /** The stored file of a message (with our attachment id), if it has one. */
  media(messageId: number): StoredMedia | null {
    const r = this.db.prepare('SELECT media_json FROM channel_messages WHERE id = ?').get(messageId) as
      { media_json: string | null } | undefined;
    return parseMedia(r?.media_json ?? null);
  }

  setMedia(messageId: number, media: StoredMedia): void {
    this.db
      .prepare('UPDATE channel_messages SET media_json = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(media), this.now(), messageId);
  }

  /** The file of an outbound message by its attachment id (then the provider may fetch it by that id). */
  outboundMedia(attachmentId: string): StoredMedia | undefined {
    const r = this.db
      .prepare(
        `SELECT media_json FROM channel_messages WHERE direction = 'out' AND media_json IS NOT NULL
           AND json_extract(media_json, '$.attachment') = ? LIMIT 1`,
      )
      .get(attachmentId) as { media_json: string } | undefined;
    return parseMedia(r?.media_json ?? null) ?? undefined;
  }

  /** Remembers that a webcall room's link went out on a conversation (its events join the timeline). */
  linkCall(l: CallLinkRow): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO channel_call_links
           (room_id, conversation, agent, guest_user, expires_at, provider, sent_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(l.roomId, l.conversation, l.agent, l.guestUser, l.expiresAt, l.provider, this.now());
  }

  callLink(roomId: string): CallLinkRow | undefined {
    const r = this.db
      .prepare(`SELECT ${LINK_COLUMNS} FROM channel_call_links l WHERE l.room_id = ?`)
      .get(roomId) as RawCallLink | undefined;
    return r && callLinkRow(r);
  }

  /** Links whose calls may still change: not expired before `since`. */
  liveCallLinks(since: number): CallLinkRow[] {
    return (
      this.db
        .prepare(`SELECT ${LINK_COLUMNS} FROM channel_call_links l WHERE l.expires_at > ?`)
        .all(since) as RawCallLink[]
    ).map(callLinkRow);
  }

  /** Links that ran out by `now` with no call answered and no expiry recorded yet. */
  unusedExpiredLinks(now: number): CallLinkRow[] {
    return (
      this.db
        .prepare(
          `SELECT ${LINK_COLUMNS} FROM channel_call_links l
            WHERE l.expires_at <= ? AND NOT EXISTS (SELECT 1 FROM channel_call_events e
              WHERE e.room_id = l.room_id AND e.event IN ('answered', 'expired'))`,
        )
        .all(now) as RawCallLink[]
    ).map(callLinkRow);
  }

  /** The room's latest answered/ended event (is a call going on, and since when). */
  lastCallState(roomId: string): { event: 'answered' | 'ended'; at: number } | undefined {
    return this.db
      .prepare(
        `SELECT event, at FROM channel_call_events WHERE room_id = ? AND event IN ('answered', 'ended')
          ORDER BY id DESC LIMIT 1`,
      )
      .get(roomId) as { event: 'answered' | 'ended'; at: number } | undefined;
  }

  /**
   * Links that ran out before `before` whose last call was answered and never ended (ADR 0034: the app
   * that would have reported the end went away).
   */
  unendedCallLinks(before: number): CallLinkRow[] {
    return (
      this.db
        .prepare(
          `SELECT ${LINK_COLUMNS} FROM channel_call_links l
            WHERE l.expires_at <= ? AND (SELECT e.event FROM channel_call_events e
              WHERE e.room_id = l.room_id AND e.event IN ('answered', 'ended') ORDER BY e.id DESC LIMIT 1) = 'answered'`,
        )
        .all(before) as RawCallLink[]
    ).map(callLinkRow);
  }

  /** Whether the room has an `event` row at all. */
  hasCallEvent(roomId: string, event: ChannelCallEvent['event']): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM channel_call_events WHERE room_id = ? AND event = ? LIMIT 1')
        .get(roomId, event) !== undefined
    );
  }

  /** Adds a call event; false when it was already there (opened and expired are recorded once). */
  addCallEvent(
    link: CallLinkRow,
    event: ChannelCallEvent['event'],
    at: number,
    durationMs: number | null = null,
  ): boolean {
    const changes = this.db
      .prepare(
        `INSERT OR IGNORE INTO channel_call_events (conversation, room_id, event, duration_ms, at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(link.conversation, link.roomId, event, durationMs, at).changes;
    if (changes === 1) {
      this.db
        .prepare('UPDATE channel_conversations SET updated_at = ? WHERE id = ?')
        .run(at, link.conversation);
    }
    return changes === 1;
  }

  callEvents(conversationId: number): ChannelCallEvent[] {
    return (
      this.db
        .prepare(
          'SELECT id, room_id, event, duration_ms, at FROM channel_call_events WHERE conversation = ? ORDER BY id',
        )
        .all(conversationId) as Array<{
        id: number;
        room_id: string;
        event: ChannelCallEvent['event'];
        duration_ms: number | null;
        at: number;
      }>
    ).map((r) => ({ id: r.id, roomId: r.room_id, event: r.event, durationMs: r.duration_ms, at: r.at }));
  }

  message(id: number): (ChannelMessageView & { conversation: number }) | undefined {
    const r = this.db.prepare('SELECT *, conversation FROM channel_messages WHERE id = ?').get(id) as
      (RawMessage & { conversation: number }) | undefined;
    return r && { ...messageView(r), conversation: r.conversation };
  }

  messages(conversationId: number): ChannelMessageView[] {
    return (
      this.db
        .prepare('SELECT * FROM channel_messages WHERE conversation = ? ORDER BY id')
        .all(conversationId) as RawMessage[]
    ).map(messageView);
  }

  get(id: number): ConversationRow | undefined {
    const r = this.db.prepare(`${CONVERSATION_SELECT} WHERE c.id = ?`).get(id) as RawConversation | undefined;
    return r && conversation(r);
  }

  /** The agent's conversations (open first, then the latest closed) and the unassigned queue. */
  listFor(agent: string, limit = 100): ConversationRow[] {
    return (
      this.db
        .prepare(
          `${CONVERSATION_SELECT} WHERE c.agent = ? OR (c.agent IS NULL AND c.state = 'open')
           ORDER BY c.state = 'open' DESC, c.updated_at DESC, c.id DESC LIMIT ?`,
        )
        .all(agent, limit) as RawConversation[]
    ).map(conversation);
  }

  preview(conversationId: number): string {
    const r = this.db
      .prepare(
        'SELECT body, media_json FROM channel_messages WHERE conversation = ? ORDER BY id DESC LIMIT 1',
      )
      .get(conversationId) as { body: string; media_json: string | null } | undefined;
    // A file without a caption shows its name.
    return (r?.body || parseMedia(r?.media_json ?? null)?.name || '').slice(0, 120);
  }

  markRead(id: number): void {
    this.db.prepare('UPDATE channel_conversations SET unread = 0 WHERE id = ?').run(id);
  }

  assign(id: number, agent: string, routedBy: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE channel_conversations SET agent = ?, routed_by = ?, updated_at = ? WHERE id = ? AND agent IS NULL AND state = 'open'`,
        )
        .run(agent, routedBy, this.now(), id).changes === 1
    );
  }

  setGuest(id: number, guestId: string): void {
    this.db
      .prepare('UPDATE channel_conversations SET guest_id = ?, updated_at = ? WHERE id = ?')
      .run(guestId, this.now(), id);
  }

  close(id: number): void {
    const now = this.now();
    this.db
      .prepare(
        `UPDATE channel_conversations SET state = 'closed', closed_at = ?, updated_at = ? WHERE id = ?`,
      )
      .run(now, now, id);
  }

  /** Counts, for tests and the fuzz/bench: rows per table. */
  counts(): { customers: number; conversations: number; messages: number } {
    const n = (t: string) => (this.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    return {
      customers: n('channel_customers'),
      conversations: n('channel_conversations'),
      messages: n('channel_messages'),
    };
  }

  summary(c: ConversationRow, now = this.now()): ConversationSummary {
    return {
      id: c.id,
      channel: c.channel,
      kind: c.kind,
      channelId: c.channelId,
      customerName: c.customerName,
      agent: c.agent,
      guestId: c.guestId,
      state: c.state,
      fields: c.fields,
      routedBy: c.routedBy,
      unread: c.unread,
      lastInboundAt: c.lastInboundAt,
      updatedAt: c.updatedAt,
      preview: this.preview(c.id),
      window: serviceWindow(c.kind, c.lastInboundAt, now),
    };
  }
}
