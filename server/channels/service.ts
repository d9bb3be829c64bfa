/**
 * Channel conversations (issue 14, ADR 0020): takes verified inbound messages, routes new
 * conversations, sends agents' replies through the channel's outbound adapter, and tells open
 * Conversations panels what changed. HTTP lives in inbound.ts and routes.ts.
 */
import type {
  ChannelMessageView,
  ChannelReplyRequest,
  ConversationDetail,
  ConversationSummary,
} from '../../src/api/channels-schemas';
import { cleanAttachmentName, isImageType } from '../../src/lib/attachments';
import { HttpError } from '../api/router';
import type { Attachment, AttachmentStore } from '../chat/attachment-store';
import type { Logger } from '../log';
import { ADAPTERS, type InboundMessage } from './adapters';
import type { ConversationEventHub } from './events';
import { fetchMedia } from './media';
import { deliver } from './outbound';
import { namedAgent, route } from './routing';
import type { ChannelRow, ChannelStore, ConversationRow, MessageKind, StoredMedia } from './store';
import { freeTextAllowed, serviceWindow } from './window';

/** Where a provider fetches a file an agent sent (`/<attachment id>`; public, the id is the key). */
export const CHANNEL_MEDIA_PATH = '/api/channels/media';

/** Sent to the customer when the agent closes the conversation. */
export const SESSION_ENDED_TEXT = 'This session has ended. Reply to this message to start again.';

export interface ChannelServiceDeps {
  store: ChannelStore;
  events: ConversationEventHub;
  log: Logger;
  /** Whether a username is an agent or admin account (may take conversations). */
  isAgent(username: string): boolean;
  /** Live SIP registration of a user (the other half of "available" is an open events stream). */
  isRegistered(username: string): boolean;
  /** Agent and admin usernames. */
  agents(): string[];
  /** Resolves a relative outbound URL (the fake provider) against this server's own URL. */
  baseUrl(): string;
  retryDelaysMs: readonly number[];
  /** Where customers' files and agents' uploads are kept (ADR 0024 store; absent: files stay links). */
  attachments?: AttachmentStore;
  /** Largest image or PDF fetched from a provider (the attachment limit). */
  mediaMaxBytes?: number;
  /** Largest audio or video fetched from a provider (CHANNELS_MEDIA_MAX_BYTES, ADR 0036). */
  playableMaxBytes?: number;
  fetchImpl?: typeof fetch;
  now?: () => number;
}

export type InboundOutcome =
  | { stored: true; conversationId: number; messageId: number; agent: string | null }
  | { stored: false; duplicate: true; conversationId: number | null };

export class ChannelService {
  private readonly now: () => number;
  /** Deliveries in flight (tests and shutdown wait for them). */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly d: ChannelServiceDeps) {
    this.now = d.now ?? Date.now;
  }

  isAvailable(username: string): boolean {
    return this.d.isAgent(username) && (this.d.isRegistered(username) || this.d.events.listening(username));
  }

  /** Stores one verified inbound message: customer, conversation (routed when new), message. */
  receive(channel: ChannelRow, m: InboundMessage): InboundOutcome {
    const { store } = this.d;
    const outcome = store.transaction((): InboundOutcome => {
      if (store.isDuplicate(channel.id, m.id))
        return { stored: false, duplicate: true, conversationId: null };
      const customer = store.customer(channel.id, m.from, m.name);
      let conversation = store.openConversation(customer);
      if (!conversation) {
        const named = namedAgent(m.text, m.ref);
        const decision = route({
          named: named && this.d.isAgent(named) ? named : null,
          lastAgent: store.lastAgent(customer),
          available: this.d.agents().filter((a) => this.isAvailable(a)),
          load: (a) => store.openCount(a),
        });
        const id = store.createConversation(customer, decision.agent, decision.routedBy, m.fields);
        conversation = store.get(id)!;
      }
      const messageId = store.addInbound(conversation.id, {
        channel: channel.id,
        providerId: m.id,
        from: m.from,
        name: m.name,
        text: m.text,
        ...(m.media
          ? {
              media: {
                type: m.media.type,
                kind: m.media.kind,
                name: cleanAttachmentName(m.media.name),
                size: null,
                state: this.d.attachments ? 'pending' : 'link',
                link: m.media.url,
                attachment: null,
                holder: null,
              },
            }
          : {}),
        ...(m.fields ? { fields: m.fields } : {}),
      });
      return { stored: true, conversationId: conversation.id, messageId, agent: conversation.agent };
    });
    if (outcome.stored) {
      this.d.log.info(
        `channel ${channel.id}: message for conversation ${outcome.conversationId} (${outcome.agent ?? 'queue'})`,
      );
      this.notify(store.get(outcome.conversationId)!);
      if (m.media && this.d.attachments) {
        this.track(this.keepMedia(channel, outcome.conversationId, outcome.messageId, m.media.url));
      }
    }
    return outcome;
  }

  /** Fetches a customer's file and keeps it if its bytes are an accepted type; else it stays a link. */
  private async keepMedia(channel: ChannelRow, conversationId: number, messageId: number, url: string) {
    const { store } = this.d;
    const attachments = this.d.attachments!;
    const media = store.media(messageId);
    if (!media) return;
    const fetched = await fetchMedia(url, {
      maxBytes: this.d.mediaMaxBytes ?? 10_000_000,
      ...(this.d.playableMaxBytes ? { playableMaxBytes: this.d.playableMaxBytes } : {}),
      ...(this.d.fetchImpl ? { fetchImpl: this.d.fetchImpl } : {}),
    });
    let kept: Attachment | 'quota' | null = null;
    let why = fetched.ok ? '' : fetched.reason;
    if (fetched.ok) {
      try {
        kept = attachments.save({
          owner: `channel:${channel.id}`,
          recipient: `conversation:${conversationId}`,
          type: fetched.type,
          name: media.name,
          bytes: fetched.bytes,
        });
        if (kept === 'quota') why = 'the channel’s attachment quota is full';
      } catch (error) {
        why = `not stored: ${String(error)}`;
      }
    }
    if (kept && kept !== 'quota') {
      store.setMedia(messageId, {
        ...media,
        type: kept.type,
        size: kept.size,
        state: 'stored',
        link: null,
        attachment: kept.id,
        holder: kept.owner,
      });
    } else {
      this.d.log.warn(`channel ${channel.id}: message ${messageId}: file not kept (${why}); shown as a link`);
      store.setMedia(messageId, { ...media, state: 'link' });
    }
    this.changed(conversationId);
  }

  /** The bytes of a message's kept file, for an agent who may see the conversation. */
  messageMedia(
    agent: string,
    conversationId: number,
    messageId: number,
  ): { file: Attachment; bytes: Buffer } {
    const c = this.visible(agent, conversationId);
    const message = this.d.store.message(messageId);
    const media = message?.conversation === c.id ? this.d.store.media(messageId) : null;
    return this.readFile(media ? this.storedFile(media) : undefined);
  }

  /** A file an agent sent on a channel, for the provider to fetch (the unguessable id is the key). */
  outboundMedia(attachmentId: string): { file: Attachment; bytes: Buffer } {
    const media = this.d.store.outboundMedia(attachmentId);
    return this.readFile(media ? this.storedFile(media) : undefined);
  }

  /** The file's bytes; 404 when there is none (never kept, or gone with the attachment retention). */
  private readFile(file: Attachment | undefined): { file: Attachment; bytes: Buffer } {
    try {
      if (file) return { file, bytes: this.d.attachments!.read(file) };
    } catch {
      // Deleted under us: as if it never was.
    }
    throw new HttpError(404, 'not_found', 'No such file.');
  }

  /** The kept file behind a message's media (the attachment store answers to the holder it names). */
  private storedFile(media: StoredMedia): Attachment | undefined {
    if (!media.attachment || !media.holder) return undefined;
    return this.d.attachments?.forUser(media.attachment, media.holder);
  }

  /** A conversation's timeline changed outside a request (a file fetched, a call event). */
  changed(conversationId: number): void {
    const c = this.d.store.get(conversationId);
    if (c) this.notify(c);
  }

  list(agent: string): ConversationSummary[] {
    return this.d.store.listFor(agent).map((c) => this.d.store.summary(c, this.now()));
  }

  detail(agent: string, id: number): ConversationDetail {
    const c = this.visible(agent, id);
    if (c.agent === agent) this.d.store.markRead(c.id);
    const fresh = this.d.store.get(c.id)!;
    return {
      conversation: this.d.store.summary(fresh, this.now()),
      messages: this.d.store.messages(c.id),
      calls: this.d.store.callEvents(c.id),
      templates: this.d.store.channel(c.channel)?.templates ?? [],
    };
  }

  claim(agent: string, id: number): ConversationSummary {
    const c = this.visible(agent, id);
    if (c.agent !== agent && !this.d.store.assign(c.id, agent, 'claimed')) {
      throw new HttpError(409, 'taken', 'Another agent took this conversation first.');
    }
    const fresh = this.d.store.get(c.id)!;
    this.notify(fresh, 'all');
    return this.d.store.summary(fresh, this.now());
  }

  /** An agent's reply: free text (refused outside WhatsApp's window) or a named template. */
  reply(agent: string, id: number, request: ChannelReplyRequest): ChannelMessageView {
    const c = this.owned(agent, id);
    const channel = this.channelOf(c);
    if ('template' in request) {
      const template = channel.templates.find((t) => t.name === request.template);
      if (!template)
        throw new HttpError(
          400,
          'invalid_request',
          `template: no template "${request.template}" on this channel`,
        );
      return this.send(c, channel, 'template', template.text, agent, template.name);
    }
    if (!freeTextAllowed(serviceWindow(c.kind, c.lastInboundAt, this.now()))) {
      throw new HttpError(
        409,
        'window_closed',
        'The 24-hour customer-service window is closed: only a template message can be sent until the customer writes again.',
      );
    }
    if ('attachment' in request)
      return this.sendFile(c, channel, agent, request.attachment, request.text ?? '');
    return this.send(c, channel, 'text', request.text, agent);
  }

  /**
   * A file the agent uploaded (to themself, `POST /api/attachments`): sent as the channel's image or
   * document message by a URL the provider fetches, a link in text on a webhook, or refused
   * (`media_unsupported`) when the channel does not take that type.
   */
  private sendFile(
    c: ConversationRow,
    channel: ChannelRow,
    agent: string,
    attachmentId: string,
    caption: string,
  ): ChannelMessageView {
    const file = this.d.attachments?.forUser(attachmentId, agent);
    if (!file || file.owner !== agent) throw new HttpError(404, 'not_found', 'No such attachment.');
    const route = ADAPTERS[channel.kind].mediaRoute(file.type);
    if (!route) {
      throw new HttpError(
        409,
        'media_unsupported',
        `This channel does not take ${file.type} files${isImageType(file.type) ? ' (send a JPEG or PNG)' : ''}.`,
      );
    }
    const media: StoredMedia = {
      type: file.type,
      kind: null,
      name: file.name,
      size: file.size,
      state: 'stored',
      link: null,
      attachment: file.id,
      holder: agent,
    };
    return this.send(c, channel, 'text', caption, agent, undefined, media);
  }

  /** Sends a webcall link (created by the agent's app) on the channel; the call shows in the timeline. */
  sendCallLink(
    agent: string,
    id: number,
    url: string,
    room: { roomId: string; guestUser: string; expiresAt: number; provider: 'sip' | 'sendbird' },
  ): ChannelMessageView {
    const c = this.owned(agent, id);
    const channel = this.channelOf(c);
    // A call link is a service reply: inside WhatsApp's window only (the customer asked for help).
    if (!freeTextAllowed(serviceWindow(c.kind, c.lastInboundAt, this.now()))) {
      throw new HttpError(
        409,
        'window_closed',
        'The 24-hour window is closed: send a template first and wait for a reply.',
      );
    }
    if (c.state === 'closed') throw new HttpError(409, 'closed', 'This conversation is closed.');
    this.d.store.setGuest(c.id, room.guestUser);
    this.d.store.linkCall({
      roomId: room.roomId,
      conversation: c.id,
      agent,
      guestUser: room.guestUser,
      expiresAt: room.expiresAt,
      provider: room.provider,
    });
    return this.send(c, channel, 'call', `Join the video call: ${url}`, agent);
  }

  /** Closes the conversation and tells the customer how to start again. */
  close(agent: string, id: number): ConversationSummary {
    const c = this.owned(agent, id);
    if (c.state === 'closed') throw new HttpError(409, 'closed', 'This conversation is already closed.');
    const channel = this.channelOf(c);
    const windowOpen = freeTextAllowed(serviceWindow(c.kind, c.lastInboundAt, this.now()));
    // Outside WhatsApp's window the notice could not be delivered as free text: close silently.
    if (windowOpen) this.send(c, channel, 'notice', SESSION_ENDED_TEXT, agent);
    this.d.store.close(c.id);
    const fresh = this.d.store.get(c.id)!;
    this.notify(fresh);
    return this.d.store.summary(fresh, this.now());
  }

  /** Resolves when every delivery started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private send(
    c: ConversationRow,
    channel: ChannelRow,
    kind: MessageKind,
    text: string,
    author: string,
    template?: string,
    media?: StoredMedia,
  ): ChannelMessageView {
    if (c.state === 'closed') throw new HttpError(409, 'closed', 'This conversation is closed.');
    const { store } = this.d;
    const messageId = store.addOutbound(c.id, channel.id, kind, text, author, media);
    const body = ADAPTERS[channel.kind].outboundBody({
      to: c.channelId,
      conversationId: c.id,
      kind,
      text,
      ...(template ? { template } : {}),
      ...(media?.attachment
        ? {
            media: {
              url: `${this.d.baseUrl()}${CHANNEL_MEDIA_PATH}/${media.attachment}`,
              type: media.type,
              name: media.name,
              size: media.size ?? 0,
            },
          }
        : {}),
    });
    const url = channel.outboundUrl.startsWith('/')
      ? `${this.d.baseUrl()}${channel.outboundUrl}`
      : channel.outboundUrl;
    const job = deliver(
      { url, secret: channel.secret, body },
      {
        retryDelaysMs: this.d.retryDelaysMs,
        now: this.now,
        ...(this.d.fetchImpl ? { fetchImpl: this.d.fetchImpl } : {}),
        onAttempt: (attempt, reason) => {
          store.markDelivery(messageId, 'pending', attempt, reason, null);
          this.notify(c);
        },
      },
    ).then((outcome) => {
      store.markDelivery(
        messageId,
        outcome.ok ? 'sent' : 'failed',
        outcome.attempts,
        outcome.reason,
        outcome.code,
      );
      if (!outcome.ok)
        this.d.log.warn(`channel ${channel.id}: message ${messageId} dead-lettered: ${outcome.reason}`);
      this.notify(c);
    });
    this.track(job);
    this.notify(c);
    return store.message(messageId)!;
  }

  private track(job: Promise<void>): void {
    const tracked: Promise<void> = job
      .catch((error: unknown) => this.d.log.warn(`channels: ${String(error)}`))
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private notify(c: ConversationRow, users?: 'all'): void {
    this.d.events.publish(c.id, users ?? (c.agent ? [c.agent] : 'all'));
  }

  private channelOf(c: ConversationRow): ChannelRow {
    const channel = this.d.store.channel(c.channel);
    if (!channel) throw new HttpError(503, 'no_channel', `The channel ${c.channel} is no longer configured.`);
    return channel;
  }

  /** Visible: the agent's own conversations and the unassigned queue. */
  private visible(agent: string, id: number): ConversationRow {
    if (!this.d.isAgent(agent))
      throw new HttpError(403, 'forbidden', 'Only agents handle channel conversations.');
    const c = this.d.store.get(id);
    if (!c || (c.agent !== agent && !(c.agent === null && c.state === 'open'))) {
      throw new HttpError(404, 'not_found', 'No such conversation.');
    }
    return c;
  }

  private owned(agent: string, id: number): ConversationRow {
    const c = this.visible(agent, id);
    if (c.agent !== agent) throw new HttpError(409, 'unassigned', 'Take this conversation first.');
    return c;
  }
}
