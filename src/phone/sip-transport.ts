/**
 * sip.js's WebSocket transport, with two things sip.js cannot do itself:
 * - on its first connect it adopts the SIP WebSocket that index.html's boot script opened (early-socket.ts);
 * - every socket it makes is watched (socket-guard.ts), so a socket the browser refuses without a `close`
 *   still ends the connect, and a refusal by the page's security policy rejects with SocketBlockedError.
 *
 * sip.js constructs its socket with the global `WebSocket` inside `connect()` and has no way to be given
 * one: for that one synchronous call the global constructor is ours, and is restored before anything else
 * runs.
 */
import { TransportState, Web } from 'sip.js';
import { takeEarlySocket } from './early-socket';
import { guardSocket, SocketBlockedError } from './socket-guard';

export class OpenlineTransport extends Web.Transport {
  override connect(): Promise<void> {
    const taken = this.state === TransportState.Disconnected ? takeEarlySocket(this.server) : null;
    const early = taken?.socket ?? null;
    const native = globalThis.WebSocket;
    const server = this.server;
    let handedOut = false;
    let blocked: (() => boolean) | null = null;
    const make = function OpenlineSipSocket(url: string | URL, protocols?: string | string[]) {
      if (early && !handedOut && String(url) === server) {
        handedOut = true;
        return early;
      }
      const socket = new native(url, protocols);
      blocked = guardSocket(socket, String(url));
      return socket;
    } as unknown as typeof WebSocket;
    let connecting: Promise<void>;
    globalThis.WebSocket = make;
    try {
      connecting = super.connect();
    } finally {
      globalThis.WebSocket = native;
    }
    if (early && taken) {
      // Already open: its 'open' event fired before sip.js listened, so tell sip.js now.
      if (early.readyState === native.OPEN) early.dispatchEvent(new Event('open'));
      // Then what arrived before, as if it arrived now: a task after the user agent has started on this
      // connection, so it takes an early INVITE or MESSAGE as it takes any.
      if (taken.received.length > 0) {
        connecting.then(
          () =>
            setTimeout(() => {
              for (const data of taken.received) early.dispatchEvent(new MessageEvent('message', { data }));
            }, 0),
          () => undefined,
        );
      }
    }
    return connecting.catch((error: unknown) => {
      throw blocked?.() ? new SocketBlockedError(server) : error;
    });
  }
}
