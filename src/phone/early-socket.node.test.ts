// @vitest-environment node
/**
 * The engine on real sip.js adopting the SIP WebSocket that index.html's boot script opened, against the
 * in-process registrar: one connection where there would be two, registered either way.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { EARLY_SOCKET_GLOBAL, takeEarlySocket } from './early-socket';
import { createPhoneEngine } from './index';
import { defaultDeps } from './sipjs';
import { DOMAIN, MiniProxy, stubSdhFactory } from './testing/mini-proxy.node';
import { RegistrationState, type PhoneEngine } from './types';

/** `ws` lacks EventTarget's dispatchEvent, which browsers' WebSocket has (the transport uses it). */
class BrowserLikeSocket extends NodeWebSocket {
  dispatchEvent(event: Event): boolean {
    return this.emit(event.type);
  }
}

const scope = globalThis as unknown as Record<string, unknown>;
let proxy: MiniProxy;
let phone: PhoneEngine | null = null;

const sipUrl = () => `ws://127.0.0.1:${proxy.port}/sip`;

function startPhone(wsUrl = sipUrl()) {
  const real = defaultDeps();
  phone = createPhoneEngine({
    createUserAgent: (options) =>
      real.createUserAgent({ ...options, sessionDescriptionHandlerFactory: stubSdhFactory }),
    getUserMedia: () => Promise.reject(new Error('no media in Node')),
    window: null,
    logger: { warn: () => {}, error: () => {} },
  });
  return phone.start({ username: '1001', password: 'secret', domain: DOMAIN, wsUrl, iceServers: [] });
}

function earlySocket(url: string): BrowserLikeSocket {
  const socket = new BrowserLikeSocket(url, 'sip');
  scope[EARLY_SOCKET_GLOBAL] = { url, socket };
  return socket;
}

const opened = (socket: NodeWebSocket) => new Promise((resolve) => socket.once('open', resolve));
const closed = (socket: NodeWebSocket) =>
  socket.readyState === NodeWebSocket.CLOSED
    ? Promise.resolve()
    : new Promise((r) => socket.once('close', r));

beforeEach(async () => {
  vi.stubGlobal('WebSocket', BrowserLikeSocket);
  proxy = new MiniProxy({ '1001': 'secret' });
  await proxy.start();
});

afterEach(async () => {
  await phone?.stop();
  phone = null;
  delete scope[EARLY_SOCKET_GLOBAL];
  await proxy.stop().catch(() => {});
  vi.unstubAllGlobals();
});

describe('the early SIP WebSocket', () => {
  it('already open when the engine starts: adopted, the REGISTER goes on it, no second connection', async () => {
    const socket = earlySocket(sipUrl());
    await opened(socket);
    await startPhone();
    expect(phone?.registrationState).toBe(RegistrationState.Registered);
    expect(proxy.connections).toBe(1);
    expect(proxy.count('REGISTER')).toBe(2); // challenged, then authenticated
    expect(EARLY_SOCKET_GLOBAL in scope).toBe(false);
    expect(socket.readyState).toBe(NodeWebSocket.OPEN);
  });

  it('still connecting when the engine starts: adopted, its own open event carries on', async () => {
    earlySocket(sipUrl());
    await startPhone();
    expect(phone?.registrationState).toBe(RegistrationState.Registered);
    expect(proxy.connections).toBe(1);
  });

  it('opened to another URL (the settings changed): closed, and the engine opens its own', async () => {
    const stale = earlySocket(`${sipUrl()}?old`);
    await opened(stale);
    await startPhone();
    expect(phone?.registrationState).toBe(RegistrationState.Registered);
    await closed(stale);
    expect(proxy.connections).toBe(2);
  });

  it('already closed (the server went away meanwhile): not adopted', async () => {
    const socket = earlySocket(sipUrl());
    await opened(socket);
    socket.close();
    await closed(socket);
    await startPhone();
    expect(phone?.registrationState).toBe(RegistrationState.Registered);
    expect(proxy.connections).toBe(2);
  });
});

describe('takeEarlySocket', () => {
  it('empties the slot once; anything but a {url, socket} there is ignored', () => {
    const own: Record<string, unknown> = {
      [EARLY_SOCKET_GLOBAL]: { url: 'ws://x/sip', socket: 'not a socket' },
    };
    expect(takeEarlySocket('ws://x/sip', own)).toBeNull();
    expect(EARLY_SOCKET_GLOBAL in own).toBe(false);
    expect(takeEarlySocket('ws://x/sip', own)).toBeNull();
  });
});
