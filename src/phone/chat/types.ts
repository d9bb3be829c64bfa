/** What the engine's chat (SIP MESSAGE) part exchanges with the rest of the app. */

/** A peer's address as a conversation key: `sip:user@host` (no parameters, user as sent). */
export type PeerAddress = string;

/** A text message that arrived; the sink must store it before the engine answers 200 OK. */
export interface IncomingChatMessage {
  /** The sender's Message-ID header, or the MESSAGE's Call-ID when it has none. */
  id: string;
  peer: PeerAddress;
  /** The From display name ('' when none). */
  peerName: string;
  body: string;
  receivedAt: number;
  /** The sender asked for a `displayed` receipt (IMDN) once the user has seen it. */
  wantsDisplayed: boolean;
}

/** Stores an incoming message durably; rejects when it could not (the engine then answers 500). */
export type ChatSink = (message: IncomingChatMessage) => Promise<void>;

export type SendOutcome = { ok: true; status: number } | { ok: false; status: number | null; reason: string };

export interface ChatEvents {
  /** The peer started (active) or stopped typing; `holdMs` bounds how long `active` lasts without a refresh. */
  chatComposing: (peer: PeerAddress, active: boolean, holdMs: number) => void;
  /** An IMDN receipt for one of our messages. */
  chatReceipt: (peer: PeerAddress, messageId: string, status: 'delivered' | 'displayed') => void;
}

export interface ChatEngine {
  /** Where incoming text messages go; without a sink the engine answers 480 (nothing is shown). */
  setChatSink(sink: ChatSink | null): void;
  /** Sends a text MESSAGE with this id (reuse the id for a retry, so the peer shows it once). */
  sendMessage(peer: PeerAddress, id: string, body: string): Promise<SendOutcome>;
  /** The user is typing to `peer` (call on each edit); the engine throttles `active` and goes idle by itself. */
  composing(peer: PeerAddress): void;
  /** The user stopped (sent, cleared or left the conversation): `idle` if `active` was sent. */
  composingStopped(peer: PeerAddress): void;
  /** Tells the peer these messages were displayed (IMDN). */
  sendDisplayed(peer: PeerAddress, messageIds: readonly string[]): void;
}
