/**
 * The SIP WebSocket that index.html's boot script opened for a saved sign-in before the app's scripts
 * had loaded (docs/performance.md, "boot scripts"). The first transport that connects to that same URL
 * adopts it instead of opening its own, so the WebSocket handshake overlaps the download and start-up
 * of the app rather than following them on the way to REGISTER 200.
 */
import { TransportState, Web } from 'sip.js';

/** Where the boot script leaves its socket (a property of `window`; taken at most once). */
export const EARLY_SOCKET_GLOBAL = 'openlineEarlySipSocket';

interface EarlySocketSlot {
  url: string;
  socket: WebSocket;
}

type Scope = Record<string, unknown>;

function isSlot(value: unknown): value is EarlySocketSlot {
  if (typeof value !== 'object' || value === null) return false;
  const slot = value as Partial<EarlySocketSlot>;
  return typeof slot.url === 'string' && typeof WebSocket !== 'undefined' && slot.socket instanceof WebSocket;
}

/**
 * The boot script's socket when it was opened to `url` and is still connecting or open; null otherwise.
 * Either way the slot is emptied, and a socket that is not handed out is closed (nothing else uses it).
 */
export function takeEarlySocket(
  url: string,
  scope: Scope = globalThis as unknown as Scope,
): WebSocket | null {
  const slot = scope[EARLY_SOCKET_GLOBAL];
  if (slot === undefined) return null;
  delete scope[EARLY_SOCKET_GLOBAL];
  if (!isSlot(slot)) return null;
  if (slot.url === url && slot.socket.readyState <= WebSocket.OPEN) return slot.socket;
  slot.socket.close();
  return null;
}

/**
 * sip.js's WebSocket transport, which adopts the boot script's socket on its first connect. sip.js
 * constructs its socket with the global `WebSocket` inside `connect()` and has no way to be given one:
 * for that one synchronous call the global constructor hands out the early socket, and is restored
 * before anything else runs.
 */
export class EarlySocketTransport extends Web.Transport {
  override connect(): Promise<void> {
    const early = this.state === TransportState.Disconnected ? takeEarlySocket(this.server) : null;
    if (!early) return super.connect();
    const native = globalThis.WebSocket;
    const server = this.server;
    let handedOut = false;
    // Any other socket made meanwhile (none is expected) is a real one.
    const adopt = function AdoptEarlySocket(url: string | URL, protocols?: string | string[]) {
      if (handedOut || String(url) !== server) return new native(url, protocols);
      handedOut = true;
      return early;
    } as unknown as typeof WebSocket;
    let connecting: Promise<void>;
    globalThis.WebSocket = adopt;
    try {
      connecting = super.connect();
    } finally {
      globalThis.WebSocket = native;
    }
    // Already open: its 'open' event fired before sip.js listened, so tell sip.js now.
    if (early.readyState === native.OPEN) early.dispatchEvent(new Event('open'));
    return connecting;
  }
}
