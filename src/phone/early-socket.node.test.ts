// @vitest-environment node
/**
 * The engine on real sip.js adopting the SIP WebSocket that index.html's boot script opened, against the
 * in-process registrar: one connection where there would be two, registered either way.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { resetPageStorage, pageStorage } from '../lib/page-storage';
import { BOOT_PLACEHOLDERS, BOOT_REGISTER_KEY, readBootRecord } from './boot-register';
import { EARLY_SOCKET_GLOBAL, takeEarlySocket } from './early-socket';
import { createPhoneEngine } from './index';
import { defaultDeps } from './sipjs';
import { DOMAIN, MiniProxy, stubSdhFactory } from './testing/mini-proxy.node';
import { RegistrationState, type PhoneEngine } from './types';

/** `ws` lacks EventTarget's dispatchEvent, which browsers' WebSocket has (the transport uses it). */
class BrowserLikeSocket extends NodeWebSocket {
  dispatchEvent(event: Event): boolean {
    if (event instanceof MessageEvent) return this.emit('message', Buffer.from(String(event.data)), false);
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
  resetPageStorage();
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

/** What index.html's boot script does with a prepared REGISTER: fill in, send on open, keep what arrives. */
function bootScript(url: string) {
  const record = readBootRecord(pageStorage('session'));
  const message = record!
    .prepared!.message.replace(BOOT_PLACEHOLDERS.branch, 'b00t1')
    .replace(BOOT_PLACEHOLDERS.tag, 'b00t2')
    .replace(BOOT_PLACEHOLDERS.callId, 'boot-call-id');
  const socket = new BrowserLikeSocket(url, 'sip');
  const received: string[] = [];
  scope[EARLY_SOCKET_GLOBAL] = { url, socket, received, bootCallId: 'boot-call-id' };
  socket.once('open', () => socket.send(message));
  socket.on('message', (data) => received.push(String(data)));
  return { socket, received };
}

const contactOf = (raw: string) => /^Contact: (.*)$/m.exec(raw)?.[1];

describe('a reload with the REGISTER kept ready', () => {
  it('binds the same contact before the engine runs; what that binding drew meanwhile reaches sip.js', async () => {
    await startPhone();
    const tab = pageStorage('session');
    const kept = readBootRecord(tab)!;
    expect(kept.prepared?.message).toMatch(/\r\nAuthorization: Digest .*nc=00000002/);
    // The page goes away without unregistering, as a reload's does; its identity is free for the next.
    await phone!.stop();
    phone = null;
    tab.setItem(BOOT_REGISTER_KEY, JSON.stringify({ ...kept, inUse: false }));
    const registers = () => proxy.received.filter((m) => m.method === 'REGISTER');
    const before = registers().length;

    const boot = bootScript(sipUrl());
    await vi.waitFor(() => expect(boot.received.some((m) => m.startsWith('SIP/2.0 200 OK'))).toBe(true));
    const bootRegister = registers()[before]!;
    expect(bootRegister.headers.get('call-id')).toEqual(['boot-call-id']);
    expect(proxy.authenticated.at(-1)).toBe('1001');
    // Someone reaches the fresh binding before the engine has loaded: an OPTIONS (sip.js answers it).
    const prober = new NodeWebSocket(sipUrl(), 'sip');
    await opened(prober);
    const answered = new Promise<string>((resolve) => prober.on('message', (d) => resolve(String(d))));
    prober.send(
      [
        'OPTIONS sip:1001@openline.local SIP/2.0',
        'Via: SIP/2.0/WS prober.invalid;branch=z9hG4bKprobe1',
        'Max-Forwards: 70',
        'To: <sip:1001@openline.local>',
        'From: <sip:prober@openline.local>;tag=p1',
        'Call-ID: probe-1',
        'CSeq: 1 OPTIONS',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
    await vi.waitFor(() => expect(boot.received.some((m) => m.startsWith('OPTIONS '))).toBe(true));

    await startPhone();
    expect((phone as PhoneEngine | null)?.registrationState).toBe(RegistrationState.Registered);
    expect(await answered).toMatch(/^SIP\/2\.0 200 OK\r\n[\s\S]*CSeq: 1 OPTIONS/);
    // The engine's REGISTER refreshes the boot script's binding (same contact), on the same connection.
    const engineRegister = registers().at(-1)!;
    expect(engineRegister.headers.get('call-id')).not.toEqual(['boot-call-id']);
    expect(contactOf(engineRegister.raw)).toBe(contactOf(bootRegister.raw));
    expect(proxy.connections).toBe(3); // the first page's, the boot script's (adopted), the prober's
    // The boot REGISTER's count is spent: the engine answered the nonce with a later one, at once.
    const count = (m: typeof bootRegister) =>
      parseInt(/nc=([0-9a-f]{8})/.exec(m.headers.get('authorization')?.[0] ?? '')?.[1] ?? '0', 16);
    expect(count(bootRegister)).toBe(2);
    expect(count(engineRegister)).toBeGreaterThan(2);
    prober.close();
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
