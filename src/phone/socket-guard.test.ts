import { describe, expect, it } from 'vitest';
import { guardSocket, isConnectRefusal, MISSING_CLOSE_MS, type GuardScope } from './socket-guard';

const URL_ = 'wss://pbx.example.com:8089/ws';

/** A socket as the browser drives it: the test fires its events and sets its readyState. */
class FakeSocket extends EventTarget {
  readyState = 0;
  closes: { code: number | undefined }[] = [];
  constructor() {
    super();
    this.addEventListener('close', (event) => this.closes.push({ code: (event as CloseEvent).code }));
  }
  fire(type: 'open' | 'error' | 'close', readyState: number) {
    this.readyState = readyState;
    this.dispatchEvent(type === 'close' ? new CloseEvent('close', { code: 1006 }) : new Event(type));
  }
}

function world() {
  const page = new EventTarget();
  const timers: { at: number; run: () => void; id: number }[] = [];
  let now = 0;
  let next = 0;
  const scope: GuardScope = {
    document: page as unknown as Document,
    setTimeout: (run, ms) => {
      const id = ++next;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.run();
    }
  };
  const violate = (init: { effectiveDirective?: string; blockedURI?: string }) =>
    page.dispatchEvent(Object.assign(new Event('securitypolicyviolation'), init));
  return { scope, advance, violate, pending: () => timers.length };
}

describe('guardSocket', () => {
  it("closes a socket the page's policy refused with an error and no close (Chromium), and says why", () => {
    const { scope, advance, violate } = world();
    const ws = new FakeSocket();
    const blocked = guardSocket(ws as unknown as WebSocket, URL_, scope);
    violate({ effectiveDirective: 'connect-src', blockedURI: URL_ });
    ws.fire('error', 3);
    expect(ws.closes).toEqual([]);
    advance(MISSING_CLOSE_MS - 1);
    expect(ws.closes).toEqual([]);
    advance(1);
    expect(ws.closes).toEqual([{ code: 1006 }]);
    expect(blocked()).toBe(true);
    advance(1000);
    expect(ws.closes).toHaveLength(1);
  });

  it('adds nothing when the browser closes the socket itself, and a plain failure is not a refusal', () => {
    const { scope, advance, pending } = world();
    const ws = new FakeSocket();
    const blocked = guardSocket(ws as unknown as WebSocket, URL_, scope);
    ws.fire('error', 3);
    ws.fire('close', 3);
    expect(pending()).toBe(0);
    advance(1000);
    expect(ws.closes).toEqual([{ code: 1006 }]);
    expect(blocked()).toBe(false);
  });

  it('waits for the close of a socket that errs while still closing', () => {
    const { scope, pending } = world();
    const ws = new FakeSocket();
    guardSocket(ws as unknown as WebSocket, URL_, scope);
    ws.fire('error', 2);
    expect(pending()).toBe(0);
  });

  it('stops listening once the socket is open: a later refusal of something else is not its own', () => {
    const { scope, advance, violate } = world();
    const ws = new FakeSocket();
    const blocked = guardSocket(ws as unknown as WebSocket, URL_, scope);
    ws.fire('open', 1);
    violate({ effectiveDirective: 'connect-src', blockedURI: URL_ });
    ws.fire('error', 3);
    advance(1000);
    expect(ws.closes).toEqual([]);
    expect(blocked()).toBe(false);
  });

  it('counts only a refusal of its own URL', () => {
    const { scope, violate } = world();
    const ws = new FakeSocket();
    const blocked = guardSocket(ws as unknown as WebSocket, URL_, scope);
    violate({ effectiveDirective: 'connect-src', blockedURI: 'wss://other.example.com/ws' });
    violate({ effectiveDirective: 'img-src', blockedURI: URL_ });
    expect(blocked()).toBe(false);
  });

  it('works without a document (Node), where only the missing close matters', () => {
    const { scope, advance } = world();
    const ws = new FakeSocket();
    const blocked = guardSocket(ws as unknown as WebSocket, URL_, { ...scope, document: undefined });
    ws.fire('error', 3);
    advance(MISSING_CLOSE_MS);
    expect(ws.closes).toEqual([{ code: 1006 }]);
    expect(blocked()).toBe(false);
  });
});

describe('isConnectRefusal', () => {
  it.each([
    [{ effectiveDirective: 'connect-src', blockedURI: URL_ }, true],
    // Reported as the origin only (cross-origin URLs may be shortened).
    [{ effectiveDirective: 'connect-src', blockedURI: 'wss://pbx.example.com:8089' }, true],
    // No connect-src: default-src governs connections.
    [{ effectiveDirective: 'default-src', blockedURI: URL_ }, true],
    [{ violatedDirective: 'connect-src', blockedURI: URL_ }, true],
    [{ effectiveDirective: 'connect-src', blockedURI: 'wss://pbx.example.com:8090/ws' }, false],
    [{ effectiveDirective: 'script-src', blockedURI: URL_ }, false],
    [{ effectiveDirective: 'connect-src', blockedURI: '' }, false],
    [{ effectiveDirective: 'connect-src', blockedURI: 'inline' }, false],
    [{}, false],
  ])('%o → %s', (event, expected) => {
    expect(isConnectRefusal(event, URL_)).toBe(expected);
  });
});
