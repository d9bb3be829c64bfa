/**
 * The default reachability probe: can a WebSocket to the SIP server be opened? Cheap for both
 * sides (no SIP, closed at once) and works with any RFC 7118 server, unlike an HTTP health URL.
 */
import type { ReachabilityProbe } from './ports';

/** A probe that has not opened by then counts as "not reachable" (ms). */
export const PROBE_TIMEOUT_MS = 2000;

export const webSocketProbe: ReachabilityProbe = (wsUrl) =>
  new Promise<boolean>((resolve) => {
    if (typeof WebSocket === 'undefined') {
      resolve(false);
      return;
    }
    let socket: WebSocket;
    try {
      socket = new WebSocket(wsUrl, 'sip');
    } catch {
      resolve(false);
      return;
    }
    const finish = (reachable: boolean): void => {
      clearTimeout(timer);
      socket.onopen = socket.onerror = socket.onclose = null;
      if (reachable || socket.readyState === WebSocket.CONNECTING) {
        try {
          socket.close(1000);
        } catch {
          // already closing
        }
      }
      resolve(reachable);
    };
    const timer = setTimeout(() => finish(false), PROBE_TIMEOUT_MS);
    socket.onopen = () => finish(true);
    socket.onerror = () => finish(false);
    socket.onclose = () => finish(false);
  });
