/**
 * The voicemail endpoint of the embedded server: an in-process SIP user agent (UAS) reached through a
 * connection object the proxy sends to like any WebSocket, so every call to it goes through the same
 * authentication, Record-Route and dialog tracking as a call to a phone. It answers with werift, plays
 * the greeting, records the caller's Opus audio after the beep and files it in the callee's mailbox
 * (MWI then notifies). One deposit:
 *
 *  INVITE ─► 180 ─► 200 (werift answer) ─► ACK ─► greeting ─► recording ─► BYE from caller ─► 200, stored
 *     └ CANCEL ─► 200 + 487                                      └ max length ─► our BYE, stored
 *
 * A recording shorter than `minMs` is dropped (a caller who hung up at the beep left no message).
 */
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log';
import { shortId } from '../sip/forwarding';
import type { LocalAgent } from '../sip/local-agent';
import { header, parseMessage, type SipRequest } from '../sip/message';
import { buildResponse, randomToken, serialize } from '../sip/serialize';
import type { SipConnection } from '../sip/transport';
import { OpusRecorder } from './recorder';
import { hasOpusAudio } from './sdp-audio';
import type { VoicemailStore } from './store';
import { VoicemailMedia } from './werift-media';

export interface DepositAgentOptions {
  domain: string;
  store: VoicemailStore;
  /** The greeting `callee`'s callers hear, as 20 ms Opus packets (theirs, else the default). */
  greeting(callee: string): readonly Buffer[];
  /** Longest recording (VOICEMAIL_MAX_MS). */
  maxMs: number;
  /** Recordings shorter than this are dropped. */
  minMs?: number;
  /** Longest wait for ICE + DTLS after our 200 before the call is ended. */
  mediaTimeoutMs?: number;
  /** Concurrent deposits; more get 503. */
  maxCalls?: number;
  /** No-answer time before a ringing call goes to voicemail, per callee. */
  noAnswerMs(callee: string): number;
  /** Whether `callee` has voicemail (off: their calls end as without it); on when not given. */
  enabled?(callee: string): boolean;
  log: Logger;
}

interface Deposit {
  invite: SipRequest;
  callee: string;
  toTag: string;
  state: 'early' | 'confirmed' | 'ended';
  media: VoicemailMedia;
  recorder: OpusRecorder;
  recording: boolean;
  receivedAt: number;
  timers: NodeJS.Timeout[];
}

export interface DepositStats {
  active: number;
  answered: number;
  stored: number;
  dropped: number;
  cancelled: number;
  refused: number;
}

const ALLOW = 'INVITE, ACK, CANCEL, BYE, INFO';

/** The agent's end of the in-process "socket": the proxy's sends land in `receive` (asynchronously). */
class AgentConnection implements SipConnection {
  readonly id = `vm${randomBytes(9).toString('base64url')}`;
  readonly remote = 'voicemail (in process)';
  readonly ip = '127.0.0.1';
  readonly open = true;
  readonly identities = new Set<string>();
  constructor(private readonly receive: (text: string) => void) {}
  send(text: string): boolean {
    setImmediate(() => this.receive(text));
    return true;
  }
}

export class DepositAgent implements LocalAgent {
  readonly conn: SipConnection;
  private inject: (text: string) => void = () => undefined;
  private readonly deposits = new Map<string, Deposit>();
  private closed = false;
  /** How the agent names itself in Contact and in its own requests' Via (see useSipEndpoint). */
  private endpoint = { contact: '', via: 'SIP/2.0/WS voicemail.invalid' };
  /** Counters for tests and stats. */
  readonly counts = { answered: 0, stored: 0, dropped: 0, cancelled: 0, refused: 0 };

  constructor(private readonly o: DepositAgentOptions) {
    this.conn = new AgentConnection((text) => this.receive(text));
  }

  attach(inject: (text: string) => void): void {
    this.inject = inject;
  }

  /**
   * Kamailio mode: the agent is reached over SIP/TCP (sip-tcp-listener.ts), so its Contact and Via must
   * name that listener, or Kamailio could not send the caller's ACK and BYE (nor our BYE's 200) back.
   */
  useSipEndpoint(hostPort: string): void {
    this.endpoint = {
      contact: `<sip:voicemail@${hostPort};transport=tcp>`,
      via: `SIP/2.0/TCP ${hostPort}`,
    };
  }

  targetUri(callee: string): string {
    return `sip:${callee}@${this.o.domain};transport=ws`;
  }

  /** Offers with an Opus audio section (what WebRTC phones send) to callees with voicemail on. */
  accepts(invite: SipRequest): boolean {
    return hasOpusAudio(invite.body) && (this.o.enabled?.(invite.ruri.user ?? '') ?? true);
  }

  noAnswerMs(callee: string): number {
    return this.o.noAnswerMs(callee);
  }

  /** Calls in progress (each holds a werift peer) and what became of the others. */
  stats(): DepositStats {
    return { active: this.deposits.size, ...this.counts };
  }

  /** Ends every deposit (stored when long enough) and refuses new ones. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.deposits.values()].map((d) => this.finish(d, 'server shutting down', true)));
  }

  private send(text: string): void {
    setImmediate(() => this.inject(text));
  }

  private receive(text: string): void {
    const parsed = parseMessage(text);
    if (!parsed.ok || parsed.message.kind !== 'request') return; // responses to our BYE need nothing
    const req = parsed.message;
    const reply = (status: number, extra?: Parameters<typeof buildResponse>[2]) =>
      this.send(buildResponse(req, status, extra));
    const deposit = this.deposits.get(req.callId);
    switch (req.method) {
      case 'INVITE':
        if (req.toTag !== undefined) return reply(488, { reason: 'Not Acceptable Here (no re-INVITE)' });
        if (deposit) return; // a retransmission: our answer is on its way
        return void this.answer(req).catch((error: unknown) =>
          this.o.log.warn(`deposit ${shortId(req.callId)} failed: ${String(error)}`),
        );
      case 'ACK':
        if (deposit?.state === 'early' && req.toTag === deposit.toTag) deposit.state = 'confirmed';
        return;
      case 'CANCEL':
        if (!deposit || deposit.state !== 'early') return reply(481);
        reply(200);
        this.send(buildResponse(deposit.invite, 487, { toTag: deposit.toTag }));
        this.counts.cancelled++;
        return void this.finish(deposit, 'cancelled by caller', false);
      case 'BYE':
        if (!deposit || req.toTag !== deposit.toTag) return reply(481);
        reply(200);
        return void this.finish(deposit, 'caller hung up', true);
      case 'INFO':
        return reply(deposit && req.toTag === deposit.toTag ? 200 : 481);
      default:
        return reply(405, { headers: [header('Allow', ALLOW)] });
    }
  }

  private async answer(req: SipRequest): Promise<void> {
    const callee = req.ruri.user ?? '';
    const toTag = randomToken(6);
    if (this.closed || this.deposits.size >= (this.o.maxCalls ?? 8)) {
      this.counts.refused++;
      const headers = [header('Retry-After', '30')];
      return this.send(buildResponse(req, 503, { toTag, headers, reason: 'Voicemail busy' }));
    }
    if (!req.body.trim()) return this.send(buildResponse(req, 488, { toTag, reason: 'No SDP offer' }));
    const deposit: Deposit = {
      invite: req,
      callee,
      toTag,
      state: 'early',
      media: new VoicemailMedia({ extraHostAddresses: ['127.0.0.1'] }),
      recorder: new OpusRecorder(),
      recording: false,
      receivedAt: Date.now(),
      timers: [],
    };
    this.deposits.set(req.callId, deposit);
    const dialogHeaders = () => [
      ...req.getAll('record-route').map((v) => header('Record-Route', v)),
      header('Contact', this.endpoint.contact || `<sip:voicemail@${this.o.domain};transport=ws>`),
      header('Allow', ALLOW),
    ];
    this.send(buildResponse(req, 180, { toTag, headers: dialogHeaders() }));
    let answer: string;
    try {
      answer = await deposit.media.answer(req.body, (rtp) => {
        if (deposit.recording) deposit.recorder.push({ ...rtp.header, payload: rtp.payload });
      });
    } catch (error) {
      if (deposit.state === 'early') {
        const reason = `Not Acceptable Here (${String(error)
          .slice(0, 80)
          .replace(/["\r\n]/g, '')})`;
        this.send(buildResponse(req, 488, { toTag, reason }));
        await this.finish(deposit, 'offer refused', false);
      }
      return;
    }
    if (deposit.state !== 'early') return; // cancelled while werift was answering
    this.counts.answered++;
    this.o.log.info(`call ${shortId(req.callId)} → voicemail of ${callee}: answered`);
    this.send(
      buildResponse(req, 200, {
        toTag,
        headers: [...dialogHeaders(), header('Content-Type', 'application/sdp')],
        body: answer,
      }),
    );
    try {
      await deposit.media.connected(this.o.mediaTimeoutMs ?? 15_000);
    } catch (error) {
      this.o.log.warn(`deposit ${shortId(req.callId)}: ${String(error)}; hanging up`);
      this.bye(deposit, 'media failed');
      return void this.finish(deposit, 'media failed', false);
    }
    await deposit.media.play(this.o.greeting(callee));
    if (this.deposits.get(req.callId) !== deposit) return; // ended during the greeting
    deposit.recording = true;
    const limit = setTimeout(() => {
      this.bye(deposit, 'Maximum message length reached');
      void this.finish(deposit, 'maximum length reached', true);
    }, this.o.maxMs);
    limit.unref();
    deposit.timers.push(limit);
  }

  /** Our BYE (max length, media failure), sent through the proxy along the dialog's route set. */
  private bye(d: Deposit, reason: string): void {
    const req = d.invite;
    const target = req.contacts();
    const remoteTarget = Array.isArray(target) && target[0] ? target[0].uri.raw : req.from.uri.raw;
    const to = req.get('to') ?? '';
    const headers = [
      header('Via', `${this.endpoint.via};branch=z9hG4bK${randomToken(8)}`),
      header('Max-Forwards', '70'),
      ...req.getAll('record-route').map((v) => header('Route', v)),
      header('From', `${to};tag=${d.toTag}`),
      header('To', req.get('from') ?? ''),
      header('Call-ID', req.callId),
      header('CSeq', '1 BYE'),
      header('Reason', `SIP;cause=200;text="${reason}"`),
    ];
    this.send(serialize(`BYE ${remoteTarget} SIP/2.0`, headers));
  }

  private async finish(d: Deposit, why: string, keep: boolean): Promise<void> {
    if (d.state === 'ended') return;
    const wasRecording = d.recording;
    d.state = 'ended';
    d.recording = false;
    for (const t of d.timers) clearTimeout(t);
    if (this.deposits.get(d.invite.callId) === d) this.deposits.delete(d.invite.callId);
    await d.media.close().catch(() => undefined);
    const id = shortId(d.invite.callId);
    const durationMs = d.recorder.durationMs;
    if (!keep || !wasRecording || durationMs < (this.o.minMs ?? 1000)) {
      if (keep) this.counts.dropped++;
      this.o.log.info(`call ${id} → voicemail of ${d.callee}: ${why}, nothing stored (${durationMs} ms)`);
      return;
    }
    const temp = join(this.o.store.dir, `rec-${randomBytes(9).toString('base64url')}.part`);
    try {
      writeFileSync(temp, d.recorder.finish());
      const from = d.invite.from;
      this.o.store.adopt(
        {
          owner: d.callee,
          caller: (from.uri.user ?? from.uri.host).slice(0, 64),
          callerName: (from.displayName ?? '').slice(0, 64),
          callId: d.invite.callId.slice(0, 128),
          durationMs,
          receivedAt: d.receivedAt,
          mediaType: 'audio/ogg',
          source: 'embedded',
        },
        temp,
      );
      this.counts.stored++;
      this.o.log.info(`call ${id} → voicemail of ${d.callee}: ${why}, stored ${durationMs} ms`);
    } catch (error) {
      rmSync(temp, { force: true });
      this.o.log.error(`call ${id}: could not store the voicemail: ${String(error)}`);
    }
  }
}
