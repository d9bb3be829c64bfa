/**
 * SIP MESSAGE (RFC 3428) in and out, with typing indications (RFC 3994) and IMDN receipts (imdn.ts).
 *
 * Never acknowledge what is dropped: a text MESSAGE is answered 200 only after the sink stored it;
 * an unsupported Content-Type gets 415 with Accept, a bad or oversize body 400/413 with a reason.
 * A retransmission or a resend with the same id (Message-ID header, else Call-ID) is answered
 * like the first and never handed to the sink twice.
 */
import type { URI } from 'sip.js';
import type { MessageLike, MessagerLike, ResponseLike } from '../ports';
import { callAsync, type Clock, type Logger } from '../util';
import { ComposingSender } from './composing-sender';
import {
  buildImdn,
  DISPOSITION_HEADER,
  DISPOSITION_REQUEST,
  IMDN_TYPE,
  MESSAGE_ID,
  MESSAGE_ID_HEADER,
  parseImdn,
  wantsReceipt,
} from './imdn';
import { IS_COMPOSING_TYPE, parseIsComposing } from './is-composing';
import type { ChatEvents, ChatSink, IncomingChatMessage, PeerAddress, SendOutcome } from './types';

export const TEXT_TYPE = 'text/plain;charset=utf-8';
/** Longest text we send or accept (characters); the server caps MESSAGE bodies in bytes too. */
export const MAX_TEXT_CHARS = 4000;
/** Ids remembered for deduplication (per engine run). */
const DEDUP_MEMORY = 2000;
const ACCEPT = 'Accept: text/plain, application/im-iscomposing+xml, message/imdn+xml';

export interface MessagingDeps extends Clock {
  logger: Logger;
  /** Null when not connected (sending then fails at once). */
  createMessager(target: URI, body: string, contentType: string, extraHeaders: string[]): MessagerLike | null;
  toUri(peer: PeerAddress): URI;
  emit<E extends keyof ChatEvents>(event: E, ...args: Parameters<ChatEvents[E]>): void;
}

export class Messaging {
  private sink: ChatSink | null = null;
  /** Dedup: settled (true: stored) or in-flight storing of an id, oldest first. */
  private readonly seen = new Map<string, Promise<boolean>>();
  private readonly typing: ComposingSender;

  constructor(private readonly d: MessagingDeps) {
    this.typing = new ComposingSender(d, (peer, body) => void this.send(peer, body, IS_COMPOSING_TYPE, []));
  }

  setSink(sink: ChatSink | null): void {
    this.sink = sink;
  }

  sendMessage(peer: PeerAddress, id: string, body: string): Promise<SendOutcome> {
    if (!MESSAGE_ID.test(id)) return Promise.resolve({ ok: false, status: null, reason: 'Bad message id' });
    if (body.trim() === '')
      return Promise.resolve({ ok: false, status: null, reason: 'The message is empty' });
    if (body.length > MAX_TEXT_CHARS) {
      return Promise.resolve({
        ok: false,
        status: null,
        reason: `Messages are limited to ${MAX_TEXT_CHARS} characters`,
      });
    }
    this.typing.stopped(peer, false);
    return this.send(peer, body, TEXT_TYPE, [
      `${MESSAGE_ID_HEADER}: ${id}`,
      `${DISPOSITION_HEADER}: ${DISPOSITION_REQUEST}`,
    ]);
  }

  composing(peer: PeerAddress): void {
    this.typing.typing(peer);
  }

  composingStopped(peer: PeerAddress): void {
    this.typing.stopped(peer, true);
  }

  sendDisplayed(peer: PeerAddress, ids: readonly string[]): void {
    for (const messageId of ids) this.sendReceipt(peer, messageId, 'displayed');
  }

  dispose(): void {
    this.typing.dispose();
  }

  onMessage(message: MessageLike): void {
    const request = message.request;
    const reject = (statusCode: number, reasonPhrase: string, extraHeaders: string[] = []) =>
      void callAsync(() => message.reject({ statusCode, reasonPhrase, extraHeaders })).catch(() => undefined);
    const accept = () => void callAsync(() => message.accept()).catch(() => undefined);
    const uri = request.from.uri;
    if (!uri.user) return reject(400, 'Bad Request (From has no user)');
    const peer = `sip:${uri.user}@${uri.host.toLowerCase()}`;
    const [type = '', ...params] = (request.getHeader('Content-Type') ?? '').toLowerCase().split(';');
    const charset = params.map((p) => p.trim()).find((p) => p.startsWith('charset='));
    switch (type.trim()) {
      case 'text/plain': {
        if (charset && charset !== 'charset=utf-8' && charset !== 'charset="utf-8"') {
          return reject(415, 'Unsupported Media Type (text/plain must be UTF-8)', [ACCEPT]);
        }
        return this.onText(message, peer, request.from.displayName ?? '', accept, reject);
      }
      case IS_COMPOSING_TYPE: {
        const state = parseIsComposing(request.body);
        if ('error' in state) return reject(400, `Bad Request (isComposing: ${state.error})`);
        accept();
        return this.d.emit('chatComposing', peer, state.active, state.holdMs);
      }
      case IMDN_TYPE: {
        const receipt = parseImdn(request.body);
        if ('error' in receipt) return reject(400, `Bad Request (IMDN: ${receipt.error})`);
        // Nobody to apply it yet (the chat store binds after start-up): refuse it like a text, so a
        // store-and-forward server (Kamailio's msilo) keeps it and delivers it again, never a 200 for
        // a receipt that is dropped.
        if (!this.sink) return reject(480, 'Temporarily Unavailable (messages are not being received)');
        accept();
        return this.d.emit('chatReceipt', peer, receipt.messageId, receipt.status);
      }
      default:
        return reject(415, 'Unsupported Media Type', [ACCEPT]);
    }
  }

  private onText(
    message: MessageLike,
    peer: PeerAddress,
    peerName: string,
    accept: () => void,
    reject: (status: number, reason: string) => void,
  ): void {
    const request = message.request;
    const body = request.body;
    if (body.trim() === '') return reject(400, 'Bad Request (empty message)');
    if (body.length > MAX_TEXT_CHARS)
      return reject(413, `Request Entity Too Large (at most ${MAX_TEXT_CHARS} characters)`);
    const header = request.getHeader(MESSAGE_ID_HEADER)?.trim();
    if (header !== undefined && !MESSAGE_ID.test(header))
      return reject(400, 'Bad Request (malformed Message-ID)');
    const id = header ?? request.callId;
    const receipts = wantsReceipt(request.getHeader(DISPOSITION_HEADER));
    const key = `${peer} ${id}`;
    let stored = this.seen.get(key);
    if (!stored) {
      const sink = this.sink;
      if (!sink) return reject(480, 'Temporarily Unavailable (messages are not being received)');
      const incoming: IncomingChatMessage = {
        id,
        peer,
        peerName,
        body,
        receivedAt: this.d.now(),
        wantsDisplayed: receipts.displayed,
      };
      stored = callAsync(() => sink(incoming)).then(
        () => true,
        (error: unknown) => {
          this.d.logger.warn('Chat: could not store an incoming message', error);
          this.seen.delete(key); // a resend may succeed
          return false;
        },
      );
      this.remember(key, stored);
      void stored.then((ok) => {
        if (ok && receipts.delivered && header !== undefined) this.sendReceipt(peer, id, 'delivered');
      });
    }
    void stored.then((ok) =>
      ok ? accept() : reject(500, 'Server Internal Error (could not store the message)'),
    );
  }

  private remember(key: string, stored: Promise<boolean>): void {
    this.seen.set(key, stored);
    if (this.seen.size > DEDUP_MEMORY) this.seen.delete(this.seen.keys().next().value!);
  }

  private sendReceipt(peer: PeerAddress, messageId: string, status: 'delivered' | 'displayed'): void {
    if (!MESSAGE_ID.test(messageId)) return;
    void this.send(peer, buildImdn({ messageId, status }, new Date(this.d.now())), IMDN_TYPE, []);
  }

  private send(
    peer: PeerAddress,
    body: string,
    contentType: string,
    headers: string[],
  ): Promise<SendOutcome> {
    let messager: MessagerLike | null;
    try {
      messager = this.d.createMessager(this.d.toUri(peer), body, contentType, headers);
    } catch (error) {
      return Promise.resolve({ ok: false, status: null, reason: `Could not send: ${String(error)}` });
    }
    if (!messager)
      return Promise.resolve({ ok: false, status: null, reason: 'Not connected to the SIP server' });
    const sent = messager;
    return new Promise<SendOutcome>((resolve) => {
      const outcome = (response: ResponseLike, ok: boolean) => {
        const status = response.message.statusCode ?? null;
        resolve(
          ok
            ? { ok: true, status: status ?? 200 }
            : { ok: false, status, reason: response.message.reasonPhrase || `SIP ${status}` },
        );
      };
      callAsync(() =>
        sent.message({
          requestDelegate: {
            onAccept: (response) => outcome(response, true),
            onReject: (response) => outcome(response, false),
          },
        }),
      ).catch((error: unknown) =>
        resolve({ ok: false, status: null, reason: error instanceof Error ? error.message : String(error) }),
      );
    });
  }
}
