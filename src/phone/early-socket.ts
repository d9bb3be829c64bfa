/**
 * The SIP WebSocket that index.html's boot script opened for a saved sign-in before the app's scripts
 * had loaded (docs/performance.md, "boot scripts"). The first transport that connects to that same URL
 * adopts it instead of opening its own, so the WebSocket handshake overlaps the download and start-up
 * of the app rather than following them on the way to REGISTER 200.
 */
import { callIdOf } from './sip-text';
import { EARLY_SOCKET_GLOBAL } from './boot-slot';

export { EARLY_SOCKET_GLOBAL };

interface EarlySocketSlot {
  url: string;
  socket: WebSocket;
  /**
   * What arrived on the socket before it was adopted (the boot script's REGISTER answered, and whatever
   * its binding drew: an INVITE, a MESSAGE). The boot script stops adding to it once it is taken.
   */
  received?: unknown[] | null;
  /** The Call-ID of the REGISTER the boot script sent on it (boot-register.ts), if it sent one. */
  bootCallId?: string;
}

export interface EarlySocket {
  socket: WebSocket;
  /** Messages that arrived before adoption, for sip.js, in order (the boot REGISTER's answers left out). */
  received: string[];
}

type Scope = Record<string, unknown>;

function isSlot(value: unknown): value is EarlySocketSlot {
  if (typeof value !== 'object' || value === null) return false;
  const slot = value as Partial<EarlySocketSlot>;
  return typeof slot.url === 'string' && typeof WebSocket !== 'undefined' && slot.socket instanceof WebSocket;
}

/** The slot's buffered messages that sip.js should see: text only, without answers to the boot REGISTER. */
function forSipJs(slot: EarlySocketSlot): string[] {
  const received = Array.isArray(slot.received) ? slot.received : [];
  slot.received = null;
  const boot = typeof slot.bootCallId === 'string' ? slot.bootCallId : null;
  return received.filter(
    (data): data is string =>
      typeof data === 'string' && !(boot !== null && data.startsWith('SIP/2.0 ') && callIdOf(data) === boot),
  );
}

/**
 * The boot script's socket when it was opened to `url` and is still connecting or open; null otherwise.
 * Either way the slot is emptied, and a socket that is not handed out is closed (nothing else uses it).
 */
export function takeEarlySocket(
  url: string,
  scope: Scope = globalThis as unknown as Scope,
): EarlySocket | null {
  const slot = scope[EARLY_SOCKET_GLOBAL];
  if (slot === undefined) return null;
  delete scope[EARLY_SOCKET_GLOBAL];
  if (!isSlot(slot)) return null;
  const received = forSipJs(slot);
  if (slot.url === url && slot.socket.readyState <= WebSocket.OPEN) return { socket: slot.socket, received };
  slot.socket.close();
  return null;
}
