/**
 * What sip.js's WebSocket transport cannot see for itself when the browser refuses a SIP WebSocket.
 *
 * A page's Content-Security-Policy (`connect-src`) that does not list the SIP server makes Chromium fail
 * the socket with an `error` event and no `close` event. sip.js settles its connect only on `close`, so
 * sign-in waited for ever at "Registering…". A socket that errs while already closed, and has no `close`
 * of its own shortly after, is given one here; and a refusal by the page's policy is remembered, so the
 * user is told why instead of being retried in a loop that cannot succeed.
 */

/** Thrown by the transport's connect when the page's security policy refused the SIP WebSocket. */
export class SocketBlockedError extends Error {
  constructor(readonly url: string) {
    super(`The page's Content-Security-Policy does not allow a WebSocket to ${url}`);
    this.name = 'SocketBlockedError';
  }
}

/** How long a socket that erred while closed may take to fire its own `close` (browsers do at once). */
export const MISSING_CLOSE_MS = 50;

interface ViolationLike {
  effectiveDirective?: string;
  violatedDirective?: string;
  blockedURI?: string;
}

/** Whether a `securitypolicyviolation` event is the refusal of a connection to `url`. */
export function isConnectRefusal(event: ViolationLike, url: string): boolean {
  const directive = event.effectiveDirective || event.violatedDirective || '';
  if (!directive.startsWith('connect-src') && !directive.startsWith('default-src')) return false;
  const blocked = event.blockedURI ?? '';
  if (blocked === '') return false;
  if (blocked === url) return true;
  // Some browsers report only the origin of a cross-origin URL.
  try {
    return new URL(blocked).origin === new URL(url).origin;
  } catch {
    return false;
  }
}

export interface GuardScope {
  document?: Pick<Document, 'addEventListener' | 'removeEventListener'> | undefined;
  setTimeout(handler: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const defaultScope = (): GuardScope => ({
  document: typeof document === 'undefined' ? undefined : document,
  setTimeout: (handler, ms) => setTimeout(handler, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});

/**
 * Watches one socket from its construction. Returns whether the page's policy refused it (asked after
 * the socket has closed). Listens only until the socket opens or closes.
 */
export function guardSocket(ws: WebSocket, url: string, scope: GuardScope = defaultScope()): () => boolean {
  let blocked = false;
  let closed = false;
  let timer: unknown = null;
  const onViolation = (event: Event) => {
    if (isConnectRefusal(event as unknown as ViolationLike, url)) blocked = true;
  };
  const done = () => {
    scope.document?.removeEventListener('securitypolicyviolation', onViolation);
    ws.removeEventListener('open', done);
    ws.removeEventListener('error', onError);
    ws.removeEventListener('close', onClose);
    if (timer !== null) scope.clearTimeout(timer);
    timer = null;
  };
  const onClose = () => {
    closed = true;
    done();
  };
  function onError() {
    // 3: CLOSED (not `WebSocket.CLOSED`: the transport also runs on Node's `ws`, where no global exists).
    if (ws.readyState !== 3 || closed || timer !== null) return;
    timer = scope.setTimeout(() => {
      timer = null;
      if (closed) return;
      closed = true;
      done();
      // Abnormal closure (RFC 6455 §7.4.1): no close frame was ever received.
      const close =
        typeof CloseEvent === 'function'
          ? new CloseEvent('close', { code: 1006, wasClean: false })
          : Object.assign(new Event('close'), { code: 1006, wasClean: false });
      if (typeof ws.dispatchEvent === 'function') ws.dispatchEvent(close);
    }, MISSING_CLOSE_MS);
  }
  scope.document?.addEventListener('securitypolicyviolation', onViolation);
  ws.addEventListener('open', done);
  ws.addEventListener('error', onError);
  ws.addEventListener('close', onClose);
  return () => blocked;
}
