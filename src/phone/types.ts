import type { ChatEngine, ChatEvents } from './chat/types';
/**
 * Public contract of the phone engine. Everything outside src/phone depends on
 * this file only (plus the `createPhoneEngine` factory), never on sip.js.
 */
import type { MessageSummary } from './message-summary';

export type { MessageSummary };

/**
 * Registration state machine.
 *
 * ```
 *                start()              2xx
 *  Unregistered ─────────► Registering ─────► Registered ◄─────────────────┐
 *       ▲                    │      │             │                        │ 2xx
 *       │                    │      │ 401/403/407 │ WebSocket lost,        │
 *       │                    │      │ other 4xx,  │ `offline`,             │
 *       │                    │      │ 6xx         │ refresh failed         │
 *       │                    │      ▼             ▼                        │
 *       │                    │    Failed ◄──── Reconnecting ───────────────┘
 *       │                    │     401/403/407,   ▲   │ retry: backoff 1 s → 30 s (±20 %),
 *       │                    │     other 4xx, 6xx │   │ at once on `online`, page shown, probe ok
 *       │                    └────────────────────┘◄──┘ (still failing)
 *       │               cannot connect, no answer,
 *       │               408/480/5xx
 *       │
 *       └──── Unregistered ◄── Unregistering ◄── stop() from Registered
 *                              (stop() from any other state goes straight to Unregistered)
 * ```
 * - Bad settings make start() go straight to `Failed` (kind `config`).
 * - `Failed` is terminal until the user changes credentials and calls start() again
 *   (a wrong password must not hammer the server): no retries, even if the WebSocket drops.
 * - `Reconnecting` retries with exponential backoff (1 s doubling to 30 s, ±20 % jitter,
 *   a server's Retry-After honoured) and immediately on the browser `online` event
 *   (on a fresh WebSocket after `offline`); each retry reconnects if needed and
 *   re-registers. The state stays `Reconnecting` until a retry succeeds (no flicker
 *   through `Registering`). Its error is `transport`, or `rejected` with the status for
 *   408/480/5xx answers.
 * - While `Reconnecting` after a transport failure, a cheap reachability probe (a WebSocket
 *   open to the SIP server, every 0.75–1.5 s with jitter) cuts the backoff short as soon as
 *   the server answers; so do `online` and the page becoming visible. Clients therefore come
 *   back within ~2 s of the server, spread over the probe jitter instead of all at once.
 * - A `Registered` binding is refreshed by sip.js at 50–80 % (jittered) of the granted expiry.
 */
export enum RegistrationState {
  Unregistered = 'unregistered',
  Registering = 'registering',
  Registered = 'registered',
  Reconnecting = 'reconnecting',
  Unregistering = 'unregistering',
  Failed = 'failed',
}

/** Why registration failed, specific enough for the UI to say what to do. */
export type RegistrationError =
  | { kind: 'auth'; status: number; message: string } // wrong username/password (401/403 after we answered the challenge)
  | { kind: 'rejected'; status: number; message: string } // other final failure response to REGISTER
  | { kind: 'transport'; message: string } // WebSocket could not be opened / was dropped
  // The page's Content-Security-Policy refused a WebSocket to `url` (not retried: it cannot succeed).
  | { kind: 'blocked'; url: string; message: string }
  | { kind: 'config'; message: string } // invalid settings (bad URI, bad WebSocket URL)
  // Ephemeral credentials (issued by the platform API) refused by the SIP server: 401 = expired or
  // signed with another secret, 403 = issued for another user. Set by the store bridge, not the engine.
  | { kind: 'credentials'; status: number; message: string };

/**
 * Call state machine (one per call).
 *
 * ```
 *  outgoing:  Dialing ──18x──► Ringing ──2xx──► Active ──BYE (either side)──► Ended
 *                │  └────────── 2xx ────────────▲ │
 *                └──── 3xx-6xx / hangup (CANCEL) ─┼─┴──────────────────────────► Ended
 *  incoming:  Incoming ──answer()──► Connecting ──┘  (media/answer failure → Ended)
 *                └── decline()/hangup() (486/603), CANCEL, no answer ──────────► Ended
 * ```
 * Hold is not a state: it is the `held` flag on an Active call (re-INVITE sendonly/inactive).
 * An Active call also ends (`connection-lost`, with `endMessage`) when its media dies: ICE
 * `failed`, or no inbound RTP for `mediaTimeoutMs` while both directions are negotiated and we
 * do not hold (a held or one-way call expects no RTP). ICE `disconnected` for a few seconds, the
 * browser's `online` event or a `navigator.connection` change first try an ICE restart (re-INVITE).
 * A hang-up while the SIP connection is down ends the call at once; its BYE is sent after the
 * next successful REGISTER, or given up after `BYE_RETRY_LIMIT_MS` (a `warning` event says so).
 * Leaving the page (`pagehide`) hangs up every call (BYE, CANCEL, or 486 while ringing).
 * Local actions (hangup, decline) end the call at once; ended calls leave `getCalls()`
 * after their final `call` event.
 */
export enum CallState {
  Dialing = 'dialing',
  Ringing = 'ringing',
  Incoming = 'incoming',
  Connecting = 'connecting',
  Active = 'active',
  Ended = 'ended',
}

export type CallDirection = 'outgoing' | 'incoming';

/** Why a call ended, mapped from SIP status codes / who hung up. */
export type CallEndReason =
  | 'local-hangup' // we sent BYE
  | 'remote-hangup' // they sent BYE
  | 'cancelled' // caller gave up before answer (either side sees this)
  | 'declined' // 603 Decline (or 486 Busy Here sent by the callee's Decline button)
  | 'busy' // 486/600 Busy
  | 'unavailable' // 480 Temporarily Unavailable: user exists but is not registered
  | 'not-found' // 404 Not Found
  | 'no-answer' // 408 / no answer timeout
  | 'answered-elsewhere' // another fork of the call was answered (CANCEL with Reason 200)
  | 'connection-lost' // media watchdog: ICE failed, or no RTP from the other side for `mediaTimeoutMs`
  | 'failed'; // anything else (network, media, 5xx)

export type DtmfTone =
  '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#' | 'A' | 'B' | 'C' | 'D';

/** How DTMF is sent: RFC 4733 via RTCDTMFSender when the remote SDP offers telephone-event, otherwise SIP INFO. */
export type DtmfMethod = 'auto' | 'rfc4733' | 'info';

/** Codec order/removal applied to SDP by munging. Names are case-insensitive (`opus`, `PCMU`, `VP8`, `H264`). */
export interface CodecPreferences {
  /** Moved to the front of each m-line, in this order. */
  prefer?: string[];
  /**
   * Removed by name or anchored, case-insensitive regular expression (`PC.*`), with their companions;
   * Opus is never removed and an m-line is never left without codecs.
   */
  remove?: string[];
}

export interface CallSnapshot {
  readonly id: string;
  /** The SIP Call-ID of the initial INVITE (the same on both ends of a call through a proxy). */
  readonly sipCallId: string;
  readonly direction: CallDirection;
  readonly state: CallState;
  /** `sip:` URI of the other party. */
  readonly remoteUri: string;
  /** The user part of `remoteUri` (extension or number). */
  readonly remoteUser: string;
  readonly remoteDisplayName: string | null;
  /** Call was offered/placed with video. */
  readonly video: boolean;
  readonly muted: boolean;
  readonly cameraOff: boolean;
  /** We put the call on hold. */
  readonly held: boolean;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly answeredAt: number | null;
  readonly endedAt: number | null;
  readonly endReason: CallEndReason | null;
  /** Final SIP status that ended the call, when there was one. */
  readonly endStatusCode: number | null;
  /** A sentence for the user when the end needs explaining (e.g. `connection-lost`). */
  readonly endMessage?: string | null;
}

export interface PhoneConfig {
  /** SIP user part, e.g. `1001`. */
  username: string;
  password: string;
  /**
   * Digest username when it differs from `username`, e.g. ephemeral (TURN REST) credentials
   * `"<unix-expiry>:1001"` for Kamailio's auth_ephemeral. Defaults to `username`.
   */
  authorizationUsername?: string;
  /** SIP domain, e.g. `openline.local`. */
  domain: string;
  /** `ws://` or `wss://` URL of the SIP WebSocket server (RFC 7118). */
  wsUrl: string;
  displayName?: string;
  /** Explicit ICE servers; an empty list means host candidates only (no public STUN default). */
  iceServers: RTCIceServer[];
  /** Force media through TURN relays. */
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** Answer incoming calls automatically (audio/video as offered) when no other call is up. */
  autoAnswer?: boolean;
  dtmfMethod?: DtmfMethod;
  /** Upper bound on waiting for ICE candidates before sending an offer/answer (ms). */
  iceGatheringMaxMs?: number;
  /** REGISTER expiry requested from the server (s). */
  registerExpires?: number;
  /**
   * Media watchdog: an active, unheld two-way call that receives no RTP for this long (ms) ends
   * as `connection-lost`. Default 15 000; 0 switches the RTP check off (ICE `failed` still ends it).
   */
  mediaTimeoutMs?: number;
  /** Preferred microphone/camera device ids. */
  audioInputId?: string;
  videoInputId?: string;
  /** Optional codec priority/removal (SDP munging). */
  codecs?: CodecPreferences;
}

/**
 * New credentials for the running engine (ephemeral credentials refreshed before they expire). They
 * apply to the next request the server challenges (REGISTER refresh, new call, re-INVITE) and the
 * next call's ICE servers; the registration, the WebSocket and calls in progress are untouched.
 */
export interface CredentialsUpdate {
  /** Digest username; `username` of the running config when omitted. */
  authorizationUsername?: string;
  password: string;
  /** Replaces the ICE servers for calls started from now on (e.g. TURN with fresh credentials). */
  iceServers?: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
}

/** Settings that take effect at once, without re-registering (they are read when a call needs them). */
export type LivePreferences = Pick<
  PhoneConfig,
  'autoAnswer' | 'dtmfMethod' | 'audioInputId' | 'videoInputId' | 'codecs'
>;

export interface CallOptions {
  video: boolean;
}

export interface AnswerOptions {
  video: boolean;
}

export interface CallMedia {
  readonly local: MediaStream | null;
  readonly remote: MediaStream | null;
}

export interface PhoneEvents extends ChatEvents {
  registration: (state: RegistrationState, error: RegistrationError | null) => void;
  /** A new incoming call (state Incoming). Also delivered through `call`. */
  incoming: (call: CallSnapshot) => void;
  /** Any change to any call, including its creation and its end (state Ended). */
  call: (call: CallSnapshot) => void;
  /** Local/remote media streams changed for a call (tracks added, camera toggled). */
  media: (callId: string, media: CallMedia) => void;
  /** DTMF received from the remote side via SIP INFO. */
  dtmf: (callId: string, tone: DtmfTone) => void;
  /** Something the user should know that is not a state (e.g. a hang-up that never reached the server). */
  warning: (warning: PhoneWarning) => void;
  /** MWI: the server's message summary for our mailbox (RFC 3842), at subscribe time and on change. */
  messageSummary: (summary: MessageSummary) => void;
  /** Progress of a transfer we started (from the REFER's NOTIFYs) or that the other side asked of us. */
  transfer: (status: TransferStatus) => void;
  /** The conference started, changed (mute) or ended (null). */
  conference: (conference: ConferenceSnapshot | null) => void;
}

/**
 * A transfer we started, as the transferee reports it (RFC 3515 NOTIFY, message/sipfrag).
 *
 * ```
 *  transfer()/completeTransfer() ──► transferring ──NOTIFY 2xx──► transferred (the call is hung up)
 *        (call put on hold)               │
 *                                         └── REFER refused, NOTIFY 3xx-6xx, no final NOTIFY in
 *                                             TRANSFER_TIMEOUT_MS, call ended ──► failed (call resumed)
 * ```
 *
 * The transferee (we got the REFER) reports its side with the same phases: `transferring` on the
 * original call once the REFER is accepted and on the referred call once placed, `transferred` on the
 * referred call when it connects (the original is hung up), `failed` on the original when the referred
 * call does not connect (the transferor resumes the original). `consultCallId` and `progress` stay null.
 */
export interface TransferStatus {
  /** The call being transferred (the customer's). */
  readonly callId: string;
  /** `attended`: with Replaces, to the party of `consultCallId`. */
  readonly kind: 'blind' | 'attended';
  readonly consultCallId: string | null;
  /** Where the call goes: the `sip:` URI of the target. */
  readonly target: string;
  readonly phase: 'transferring' | 'transferred' | 'failed';
  /** The last status line the transferee reported, e.g. `180 Ringing`. */
  readonly progress: string | null;
  /** For `failed`: a sentence for the user, e.g. "Transfer failed: busy". */
  readonly message: string | null;
}

/** A three-way conference (issue 11): two calls mixed in the browser (conference-mix.ts). */
export interface ConferenceSnapshot {
  readonly callIds: readonly [string, string];
  /** The user's microphone is silent in both mixes (the calls' own `muted` flags do not apply). */
  readonly muted: boolean;
  /** What the user hears: both calls' audio, for the call layer's one audio element. */
  readonly audio: MediaStream;
}

/** How the host leaves a conference: hang up both calls, or join the other two (REFER with Replaces). */
export type ConferenceLeave = 'end' | 'connect';

export type PhoneWarning = {
  kind: 'hangup-undelivered';
  callId: string;
  /** E.g. "Could not tell the other side that you hung up: no connection to the server". */
  message: string;
};

export interface PhoneEngine {
  /** Chat: SIP MESSAGE with typing and receipts (./chat). */
  readonly chat: ChatEngine;
  readonly registrationState: RegistrationState;
  readonly registrationError: RegistrationError | null;
  on<E extends keyof PhoneEvents>(event: E, handler: PhoneEvents[E]): () => void;
  /** Connect and register; resolves once the first attempt settles (registered or failed). */
  start(config: PhoneConfig): Promise<void>;
  /** Apply settings that need no re-registration (auto-answer, DTMF method, devices) to the running engine. */
  updatePreferences(preferences: Partial<LivePreferences>): void;
  /** Swap the credentials (and ICE servers) without re-creating the UserAgent or touching calls; no-op when stopped. */
  updateCredentials(credentials: CredentialsUpdate): void;
  /** Unregister and disconnect; ends active calls. */
  stop(): Promise<void>;
  /** Answer from a push: the INVITE with this SIP Call-ID is answered on arrival (until `untilMs`). */
  expectAnswer(sipCallId: string, untilMs: number): void;
  /**
   * The user is about to place an audio (or `video`) call (typing a number, a call button focused or
   * pointed at): make its offer now, with no device opened, so the click sends the INVITE at once.
   * Best effort; never throws.
   */
  prepareCall(video?: boolean): void;
  /** Place a call to an extension, number or `sip:` URI; resolves with the call id once INVITE is sent. */
  call(target: string, options: CallOptions): Promise<string>;
  answer(callId: string, options: AnswerOptions): Promise<void>;
  /** Reject an incoming call: 486 Busy Here by default, 603 Decline on request. */
  decline(callId: string, status?: 486 | 603): Promise<void>;
  /** Cancel (before answer) or BYE (after answer). */
  hangup(callId: string): Promise<void>;
  setMuted(callId: string, muted: boolean): void;
  setCameraOff(callId: string, off: boolean): Promise<void>;
  hold(callId: string): Promise<void>;
  resume(callId: string): Promise<void>;
  sendDtmf(callId: string, tones: string): Promise<void>;
  /**
   * Blind transfer (REFER, RFC 3515): holds the call and asks its other party to call `target`;
   * `transfer` events report progress. Rejects at once when the call cannot be transferred.
   */
  transfer(callId: string, target: string): Promise<void>;
  /** Attended transfer: refers the party of `callId` to the party of `consultCallId`, with Replaces (RFC 3891). */
  completeTransfer(callId: string, consultCallId: string): Promise<void>;
  getCalls(): CallSnapshot[];
  getMedia(callId: string): CallMedia;
  /**
   * Use this microphone/camera (undefined: the default) for calls from now on, and switch the live
   * calls to it with a fresh track (`replaceTrack`, no renegotiation).
   */
  useInputDevice(kind: 'audio' | 'video', deviceId: string | undefined): Promise<void>;
  /**
   * Conference (issue 11): resumes the held one of two connected calls and mixes them in the browser;
   * each party hears the user and the other party. Mute (`setMuted` on either call) mutes the user in both.
   */
  merge(callId: string, otherCallId: string): Promise<void>;
  /** Ends the mix: `keepCallId` talks on its own, the other call goes on hold. */
  split(keepCallId: string): Promise<void>;
  /** The host leaves: `end` hangs up both calls; `connect` joins the other two (REFER with Replaces). */
  leaveConference(how: ConferenceLeave): Promise<void>;
  /** The call's `RTCPeerConnection.getStats()`, or null before it has a connection (call quality). */
  getStats(callId: string): Promise<RTCStatsReport | null>;
  /** True while no audio from the far side is expected: it holds the call, or voicemail answered. */
  expectsNoAudio(callId: string): boolean;
}
