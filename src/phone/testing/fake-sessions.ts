/**
 * Fake sip.js sessions (Inviter, Invitation) with sip.js's ordering quirks, e.g. an Inviter
 * reaches `Terminated` before `requestDelegate.onReject` sees the final response.
 */
import { SessionState, type URI } from 'sip.js';
import type {
  InfoLike,
  InvitationLike,
  InviteOptionsLike,
  InviterLike,
  NameAddrLike,
  NotificationLike,
  RequestDelegateLike,
  RequestOptionsLike,
  SessionDelegateLike,
  SessionLike,
} from '../ports';
import { FakeEmitter, message, response } from './fake-basics';
import { FakeSdh } from './fake-media';

type InfoRecord = { body?: string; contentType?: string; requestDelegate?: RequestDelegateLike };
type ReferRecord = {
  referTo: string;
  requestDelegate?: RequestDelegateLike;
  onNotify?(notification: NotificationLike): void;
};

abstract class FakeSession {
  state: SessionState = SessionState.Initial;
  readonly stateChange = new FakeEmitter<SessionState>();
  delegate: SessionDelegateLike | undefined;
  assertedIdentity: NameAddrLike | undefined;
  sessionDescriptionHandler: FakeSdh | undefined;
  byeCount = 0;
  infos: InfoRecord[] = [];
  reinvites: InviteOptionsLike[] = [];
  /** Final status for re-INVITEs, in order; 200 when empty. */
  reinviteAnswers: number[] = [];
  /** Retry-After header sent with failed re-INVITE answers. */
  reinviteRetryAfter: string | undefined;
  infoAnswer = 200;
  refers: ReferRecord[] = [];
  /** Status the other side answers our REFER with (202 Accepted by default). */
  referAnswer = 202;
  readonly dialog = { callId: `dialog-${Math.random()}`, localTag: 'localtag', remoteTag: 'remotetag' };

  constructor(
    readonly id: string,
    readonly remoteIdentity: NameAddrLike,
  ) {}

  transition(state: SessionState): void {
    if (this.state === state) return;
    this.state = state;
    this.stateChange.emit(state);
  }

  bye(): Promise<unknown> {
    if (this.state !== SessionState.Established) throw new Error(`Invalid session state ${this.state}`);
    this.byeCount++;
    this.transition(SessionState.Terminated);
    return Promise.resolve({});
  }

  info(options?: {
    requestDelegate?: RequestDelegateLike;
    requestOptions?: RequestOptionsLike;
  }): Promise<unknown> {
    if (this.state !== SessionState.Established) return Promise.reject(new Error('Invalid session state'));
    const body = options?.requestOptions?.body;
    this.infos.push({
      body: body?.content,
      contentType: body?.contentType,
      requestDelegate: options?.requestDelegate,
    });
    const status = this.infoAnswer;
    queueMicrotask(() => {
      if (status < 300) options?.requestDelegate?.onAccept?.(response(status));
      else options?.requestDelegate?.onReject?.(response(status));
    });
    return Promise.resolve({});
  }

  refer(
    referTo: URI,
    options?: { requestDelegate?: RequestDelegateLike; onNotify?(notification: NotificationLike): void },
  ): Promise<unknown> {
    if (this.state !== SessionState.Established) return Promise.reject(new Error('Invalid session state'));
    this.refers.push({ referTo: referTo.toString(), ...options });
    const status = this.referAnswer;
    queueMicrotask(() => {
      if (status < 300) options?.requestDelegate?.onAccept?.(response(status));
      else options?.requestDelegate?.onReject?.(response(status));
    });
    return Promise.resolve({});
  }

  /** The transferee reports progress of our last REFER; resolves with our answer's status. */
  notifyRefer(body: string): Promise<number> {
    const onNotify = this.refers.at(-1)?.onNotify;
    if (!onNotify) return Promise.reject(new Error('No REFER to notify about'));
    return new Promise((resolve) => {
      onNotify({
        request: message({ Event: 'refer', 'Content-Type': 'message/sipfrag' }, body),
        accept: () => {
          resolve(200);
          return Promise.resolve();
        },
        reject: (options) => {
          resolve(options?.statusCode ?? 400);
          return Promise.resolve();
        },
      });
    });
  }

  /** Re-INVITE (Inviter overrides for the initial INVITE). */
  invite(options?: InviteOptionsLike): Promise<unknown> {
    return this.reinvite(options);
  }

  protected reinvite(options?: InviteOptionsLike): Promise<unknown> {
    if (this.state !== SessionState.Established) return Promise.reject(new Error('Invalid session state'));
    this.reinvites.push(options ?? {});
    const status = this.reinviteAnswers.shift() ?? 200;
    const headers: Record<string, string> = this.reinviteRetryAfter
      ? { 'Retry-After': this.reinviteRetryAfter }
      : {};
    queueMicrotask(() => {
      if (status < 300) options?.requestDelegate?.onAccept?.(response(status));
      else options?.requestDelegate?.onReject?.(response(status, '', headers));
    });
    return Promise.resolve({});
  }

  /** The other side hangs up. */
  remoteBye(): void {
    this.delegate?.onBye?.({ request: message(), accept: () => Promise.resolve() });
    this.transition(SessionState.Terminated);
  }

  /** The other side sends INFO; resolves with our answer. */
  remoteInfo(contentType: string | undefined, body: string): Promise<{ status: number; headers?: string[] }> {
    return new Promise((resolve) => {
      const info: InfoLike = {
        request: message(contentType ? { 'Content-Type': contentType } : {}, body),
        accept: () => {
          resolve({ status: 200 });
          return Promise.resolve();
        },
        reject: (options) => {
          resolve({ status: options?.statusCode ?? 480, headers: options?.extraHeaders });
          return Promise.resolve();
        },
      };
      this.delegate?.onInfo?.(info);
    });
  }

  protected createSdh(constraints: MediaStreamConstraints | undefined, remoteVideo: boolean): FakeSdh {
    const sdh = new FakeSdh();
    this.sessionDescriptionHandler = sdh;
    this.delegate?.onSessionDescriptionHandler?.(sdh, false);
    sdh.setUpMedia(constraints, remoteVideo);
    return sdh;
  }
}

export class FakeInviter extends FakeSession implements InviterLike {
  requestDelegate: RequestDelegateLike | undefined;
  cancelled = false;
  /** Make the initial INVITE fail (e.g. getUserMedia denied). */
  failWith: Error | null = null;

  constructor(
    readonly target: URI,
    readonly options: { sessionDescriptionHandlerOptions?: { constraints?: MediaStreamConstraints } },
  ) {
    super(`inviter-${Math.random()}`, { uri: target, displayName: '' });
  }

  override invite(options?: InviteOptionsLike): Promise<unknown> {
    if (this.state !== SessionState.Initial) return this.reinvite(options);
    if (this.failWith) {
      this.transition(SessionState.Terminated);
      return Promise.reject(this.failWith);
    }
    this.requestDelegate = options?.requestDelegate;
    this.createSdh(this.options.sessionDescriptionHandlerOptions?.constraints, false);
    this.transition(SessionState.Establishing);
    return Promise.resolve({});
  }

  cancel(): Promise<void> {
    if (this.state !== SessionState.Initial && this.state !== SessionState.Establishing) {
      return Promise.reject(new Error(`Invalid session state ${this.state}`));
    }
    this.cancelled = true;
    this.transition(SessionState.Terminating);
    return Promise.resolve();
  }

  readonly request = { callId: `out-${Math.random().toString(36).slice(2)}@fake` };

  progress(status = 180): void {
    this.requestDelegate?.onProgress?.(response(status));
  }

  answer(): void {
    this.transition(SessionState.Established);
    this.requestDelegate?.onAccept?.(response(200));
  }

  /** Final non-2xx: like sip.js, the state changes before onReject is called. */
  rejectWith(status: number, reason = ''): void {
    this.transition(SessionState.Terminated);
    this.requestDelegate?.onReject?.(response(status, reason));
  }
}

export class FakeInvitation extends FakeSession implements InvitationLike {
  accepted: Parameters<InvitationLike['accept']>[0][] = [];
  /** Provisional responses we sent (180 Ringing). */
  progressed: number[] = [];
  rejected: Parameters<InvitationLike['reject']>[0][] = [];
  failAcceptWith: Error | null = null;
  /** The session an INVITE with Replaces matched (set by the test, as sip.js would). */
  replacee: SessionLike | undefined;
  /** The caller ACKs our 2xx as soon as we send it; false: not until the test calls `ack()`. */
  ackOnAccept = true;

  constructor(
    readonly from: { user: string; displayName?: string; host?: string },
    readonly body: string | undefined,
  ) {
    const uri = `sip:${from.user}@${from.host ?? 'example.com'}`;
    super(`invitation-${Math.random()}`, {
      uri: { user: from.user, toString: () => uri },
      displayName: from.displayName ?? '',
    });
  }

  /** The Call-ID of the INVITE that rang us. */
  readonly callId = `in-${Math.random().toString(36).slice(2)}@fake`;

  get request() {
    return { ...message({ 'Content-Type': 'application/sdp' }, this.body ?? ''), callId: this.callId };
  }

  async accept(options?: Parameters<InvitationLike['accept']>[0]): Promise<void> {
    if (this.state !== SessionState.Initial) throw new Error(`Invalid session state ${this.state}`);
    this.accepted.push(options);
    this.transition(SessionState.Establishing);
    await Promise.resolve();
    if (this.failAcceptWith) {
      this.transition(SessionState.Terminated);
      throw this.failAcceptWith;
    }
    if ((this.state as SessionState) !== SessionState.Establishing) return;
    this.createSdh(
      options?.sessionDescriptionHandlerOptions?.constraints,
      /m=video [1-9]/.test(this.body ?? ''),
    );
    this.transition(SessionState.Established);
    if (this.ackOnAccept) this.ack();
  }

  /** The caller's ACK for our 2xx arrives (sip.js tells the delegate while Established). */
  ack(): void {
    if (this.state === SessionState.Established) this.delegate?.onAck?.({ request: message({}) });
  }

  progress(options?: { statusCode?: number }): Promise<unknown> {
    if (this.state !== SessionState.Initial)
      return Promise.reject(new Error(`Invalid session state ${this.state}`));
    this.progressed.push(options?.statusCode ?? 180);
    return Promise.resolve({});
  }

  reject(options?: Parameters<InvitationLike['reject']>[0]): Promise<void> {
    if (this.state !== SessionState.Initial && this.state !== SessionState.Establishing) {
      return Promise.reject(new Error(`Invalid session state ${this.state}`));
    }
    this.rejected.push(options);
    this.transition(SessionState.Terminated);
    return Promise.resolve();
  }

  /** The caller gives up (CANCEL), optionally with a Reason header. */
  remoteCancel(reason?: string): void {
    this.delegate?.onCancel?.({ request: message(reason ? { Reason: reason } : {}) });
    this.transition(SessionState.Terminated);
  }
}
