/**
 * The slice of sip.js the engine talks to, as structural interfaces.
 *
 * Each `…Like` type is a subset of the real sip.js class (checked at compile time in
 * `sipjs.ts`, where the defaults return real instances), so unit tests can inject
 * hand-written fakes through `EngineDeps` while production uses sip.js unchanged.
 * Method syntax is used on purpose (bivariant parameters) so the real classes, whose
 * callbacks take richer types, remain assignable.
 */
import type { AudioContextLike, StreamOf } from './conference-mix';
import type {
  InviterOptions,
  RegistererOptions,
  RegistererState,
  SessionDescriptionHandlerModifier,
  SessionState,
  SubscriberOptions,
  SubscriptionState,
  URI,
  UserAgentOptions,
} from 'sip.js';
import type { Clock, Logger } from './util';

export interface EmitterLike<T> {
  addListener(listener: (data: T) => void): void;
  removeListener(listener: (data: T) => void): void;
}

export interface IncomingMessageLike {
  readonly body: string;
  getHeader(name: string): string | undefined;
}

export interface ResponseLike {
  readonly message: IncomingMessageLike & {
    readonly statusCode: number | undefined;
    readonly reasonPhrase: string | undefined;
  };
}

export interface RequestDelegateLike {
  onAccept?(response: ResponseLike): void;
  onProgress?(response: ResponseLike): void;
  onRedirect?(response: ResponseLike): void;
  onReject?(response: ResponseLike): void;
  onTrying?(response: ResponseLike): void;
}

export interface BodyLike {
  contentDisposition: string;
  contentType: string;
  content: string;
}

export interface RequestOptionsLike {
  extraHeaders?: string[];
  body?: BodyLike;
}

/** Web SessionDescriptionHandlerOptions subset (constraints, hold, ICE restart, per-call ICE timeout). */
export interface SdhOptionsLike {
  constraints?: MediaStreamConstraints;
  hold?: boolean;
  /** `{ iceRestart: true }` makes the next offer restart ICE. */
  offerOptions?: RTCOfferOptions;
  iceGatheringTimeout?: number;
}

export interface InviteOptionsLike {
  requestDelegate?: RequestDelegateLike;
  sessionDescriptionHandlerOptions?: SdhOptionsLike;
  sessionDescriptionHandlerModifiers?: SessionDescriptionHandlerModifier[];
}

export interface InfoLike {
  readonly request: IncomingMessageLike;
  accept(): Promise<void>;
  reject(options?: { statusCode: number; extraHeaders?: string[] }): Promise<void>;
}

/** An in-dialog NOTIFY (here: progress of a REFER we sent). */
export interface NotificationLike {
  readonly request: IncomingMessageLike;
  accept(): Promise<void>;
  reject(options?: { statusCode?: number; reasonPhrase?: string }): Promise<void>;
}

/** An incoming REFER (sip.js `Referral`): where to call, and the INVITE that follows it. */
export interface ReferralLike {
  readonly referTo: { readonly uri: URI };
  readonly request: IncomingMessageLike;
  accept(): Promise<void>;
  reject(options?: { statusCode?: number; reasonPhrase?: string }): Promise<void>;
  /** The Inviter for the referred call, linked so that sip.js NOTIFYs its progress to the referrer. */
  makeInviter(options?: InviterOptions): InviterLike;
}

export interface SessionDelegateLike {
  /** The other party asks us to call someone else (REFER). */
  onRefer?(referral: ReferralLike): void;
  onBye?(bye: { readonly request: IncomingMessageLike; accept(): Promise<void> }): void;
  onCancel?(cancel: { readonly request: IncomingMessageLike }): void;
  /** An ACK arrived: for the 2xx we answered their INVITE with, or one of their re-INVITEs. */
  onAck?(ack: { readonly request: IncomingMessageLike }): void;
  onInfo?(info: InfoLike): void;
  /** A re-INVITE from the other side was answered with `statusCode`. */
  onInvite?(request: IncomingMessageLike, response: string, statusCode: number): void;
  onSessionDescriptionHandler?(sessionDescriptionHandler: object, provisional: boolean): void;
}

export interface NameAddrLike {
  readonly uri: { readonly user: string | undefined; toString(): string };
  readonly displayName: string;
}

export interface SessionLike {
  readonly id: string;
  readonly state: SessionState;
  readonly stateChange: EmitterLike<SessionState>;
  delegate: SessionDelegateLike | undefined;
  readonly remoteIdentity: NameAddrLike;
  readonly assertedIdentity: NameAddrLike | undefined;
  /** A `Web.SessionDescriptionHandler` in production (see `media.ts#asWebSdh`). */
  readonly sessionDescriptionHandler: object | undefined;
  bye(options?: { requestDelegate?: RequestDelegateLike }): Promise<unknown>;
  info(options?: {
    requestDelegate?: RequestDelegateLike;
    requestOptions?: RequestOptionsLike;
  }): Promise<unknown>;
  /** Re-INVITE (for an Inviter before the first INVITE: the initial INVITE). */
  invite(options?: InviteOptionsLike): Promise<unknown>;
  /**
   * The confirmed dialog (ids for a Replaces header; the remote target is the far end's Contact, e.g.
   * the voicemail agent); undefined before it is confirmed.
   */
  readonly dialog:
    | {
        readonly callId: string;
        readonly localTag: string;
        readonly remoteTag: string;
        readonly remoteTarget?: { readonly user?: string };
      }
    | undefined;
  /** REFER (RFC 3515); `onNotify` gets the transferee's progress NOTIFYs. */
  refer(
    referTo: URI,
    options?: { requestDelegate?: RequestDelegateLike; onNotify?(notification: NotificationLike): void },
  ): Promise<unknown>;
}

export interface InviterLike extends SessionLike {
  /** The initial INVITE we send (its Call-ID is fixed when the Inviter is created). */
  readonly request: { readonly callId: string };
  cancel(options?: { statusCode?: number; reasonPhrase?: string; extraHeaders?: string[] }): Promise<void>;
}

export interface InvitationLike extends SessionLike {
  /** The initial INVITE. */
  readonly request: IncomingMessageLike & { readonly callId: string };
  /** Body of the initial INVITE (the SDP offer). */
  readonly body: string | undefined;
  accept(options?: {
    extraHeaders?: string[];
    sessionDescriptionHandlerOptions?: SdhOptionsLike;
    sessionDescriptionHandlerModifiers?: SessionDescriptionHandlerModifier[];
  }): Promise<void>;
  reject(options?: { statusCode?: number; reasonPhrase?: string; extraHeaders?: string[] }): Promise<void>;
  /** The session an INVITE with Replaces (RFC 3891) matched; sip.js BYEs it once this one is accepted. */
  readonly replacee: SessionLike | undefined;
  /** 18x (180 Ringing by default); the UserAgent is told not to send one by itself. */
  progress(options?: { statusCode?: number }): Promise<unknown>;
}

export interface RegistererLike {
  readonly state: RegistererState;
  readonly stateChange: EmitterLike<RegistererState>;
  register(options?: { requestDelegate?: RequestDelegateLike }): Promise<unknown>;
  unregister(options?: { requestDelegate?: RequestDelegateLike }): Promise<unknown>;
  dispose(): Promise<void>;
}

export interface UserAgentDelegateLike {
  onConnect?(): void;
  onDisconnect?(error?: Error): void;
  onInvite?(invitation: InvitationLike): void;
  /** An out-of-dialog MESSAGE (chat: ./chat/messaging.ts). */
  onMessage?(message: MessageLike): void;
}

/** sip.js `Message`: an incoming MESSAGE request, answered once. */
export interface MessageLike {
  readonly request: IncomingMessageLike & {
    readonly callId: string;
    readonly from: {
      readonly uri: { readonly user?: string; readonly host: string };
      readonly displayName?: string;
    };
  };
  accept(): Promise<void>;
  reject(options?: { statusCode?: number; reasonPhrase?: string; extraHeaders?: string[] }): Promise<void>;
}

/** sip.js `Messager`: sends one MESSAGE. */
export interface MessagerLike {
  message(options?: { requestDelegate?: RequestDelegateLike }): Promise<void>;
}

/**
 * The UserAgent's live options (`UserAgent.configuration` is the options object itself). sip.js reads
 * the authorization credentials from it whenever a request is challenged, and the SDH factory options
 * whenever a session is created, so replacing them affects only what happens next.
 */
export interface UserAgentConfigurationLike {
  authorizationUsername: string;
  authorizationPassword: string;
  sessionDescriptionHandlerFactoryOptions: object;
}

export interface UserAgentLike {
  delegate: UserAgentDelegateLike | undefined;
  readonly configuration: UserAgentConfigurationLike;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Reconnects the transport (resolves once connected). */
  reconnect(): Promise<void>;
  isConnected(): boolean;
  readonly transport: { disconnect(): Promise<void> };
}

/** `UserAgentOptions` with the delegate typed against the `…Like` interfaces. */
export type UserAgentInit = Omit<UserAgentOptions, 'delegate'> & { delegate: UserAgentDelegateLike };

export interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** The browser `document`: visibility and the Page Lifecycle `freeze`/`resume` events. */
export interface PageLike extends EventTargetLike {
  readonly visibilityState: DocumentVisibilityState;
}

/** Whether the SIP server answers at all (a cheap probe, e.g. a WebSocket open); never rejects. */
export type ReachabilityProbe = (wsUrl: string) => Promise<boolean>;

/**
 * Everything the engine needs from the outside world. `createPhoneEngine(deps)` fills
 * missing entries with the real implementations (`sipjs.ts`).
 */
/** sip.js `Subscriber` subset (MWI: ./mwi.ts). */
export interface SubscriberLike {
  delegate:
    | { onNotify?(notification: { readonly request: IncomingMessageLike; accept(): Promise<void> }): void }
    | undefined;
  readonly stateChange: EmitterLike<SubscriptionState>;
  subscribe(): Promise<void>;
  dispose(): Promise<void>;
}

export interface EngineDeps extends Clock {
  createUserAgent(options: UserAgentInit): UserAgentLike;
  createRegisterer(userAgent: UserAgentLike, options: RegistererOptions): RegistererLike;
  createInviter(userAgent: UserAgentLike, target: URI, options: InviterOptions): InviterLike;
  /** Event subscriptions (MWI); absent: the engine does not subscribe. */
  createSubscriber?(
    userAgent: UserAgentLike,
    target: URI,
    event: string,
    options: SubscriberOptions,
  ): SubscriberLike;
  /** Out-of-dialog MESSAGE (chat); absent: the engine cannot send messages. */
  createMessager?(
    userAgent: UserAgentLike,
    target: URI,
    content: string,
    contentType: string,
    options: { extraHeaders: string[] },
  ): MessagerLike;
  /** Media acquisition (also used by the SDH factory for call media). */
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  /** [0, 1): backoff jitter, ids, glare back-off. */
  random(): number;
  /** Source of `online`/`offline`/`pagehide` events (the browser `window`); null when there is none. */
  window: EventTargetLike | null;
  /** The browser `document` (visibility, freeze/resume); null when there is none (never "hidden"). */
  page: PageLike | null;
  /** `navigator.connection` (`change` when the network path changes); null when unsupported. */
  connection: EventTargetLike | null;
  /** `Notification.permission`, or 'unsupported'. */
  notificationPermission(): NotificationPermission | 'unsupported';
  /**
   * Whether the microphone (and for `video` the camera) open without a prompt (prepared-offer.ts);
   * absent: the Permissions API.
   */
  mediaGranted?(video: boolean): Promise<boolean>;
  probe: ReachabilityProbe;
  logger: Logger;
  /** Conference mixing (issue 11): `new AudioContext()` and `new MediaStream(tracks)`. */
  createAudioContext(): AudioContextLike;
  streamOf: StreamOf;
}
