// @vitest-environment node
/**
 * The engine with the REAL sip.js (UserAgent, Registerer, Inviter, Invitation and its
 * WebSocket transport) against a tiny in-process SIP registrar/proxy over WebSocket.
 * Only the media layer is replaced (no RTCPeerConnection in Node): a stub
 * SessionDescriptionHandler returns a fixed SDP. This checks the engine's reading of
 * sip.js APIs and event ordering end to end, without a browser.
 */
import { createHash } from 'node:crypto';
import type { SessionDescriptionHandlerFactory } from 'sip.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { createPhoneEngine } from './index';
import { defaultDeps } from './sipjs';
import { CallState, RegistrationState, type CallSnapshot, type PhoneConfig, type PhoneEngine } from './types';

const DOMAIN = 'openline.local';
const REALM = DOMAIN;
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

interface Parsed {
  raw: string;
  firstLine: string;
  isResponse: boolean;
  method: string;
  ruri: string;
  headers: Map<string, string[]>;
}

function parse(raw: string): Parsed {
  const [head = ''] = raw.split('\r\n\r\n');
  const lines = head.split('\r\n');
  const firstLine = lines[0] ?? '';
  const headers = new Map<string, string[]>();
  for (const line of lines.slice(1)) {
    const at = line.indexOf(':');
    if (at < 0) continue;
    const name = line.slice(0, at).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(at + 1).trim()]);
  }
  const isResponse = firstLine.startsWith('SIP/2.0');
  const [method = '', ruri = ''] = isResponse ? [] : firstLine.split(' ');
  return { raw, firstLine, isResponse, method, ruri, headers };
}

const header = (m: Parsed, name: string) => m.headers.get(name)?.[0] ?? '';
const branchOf = (m: Parsed) => /branch=([^;,\s]+)/.exec(header(m, 'via'))?.[1] ?? '';
const userOf = (uri: string) => /sips?:([^@;>]+)@/.exec(uri)?.[1] ?? '';

/** A minimal registrar + proxy: digest auth on REGISTER, routes by AOR or contact user. */
class MiniProxy {
  private server!: WebSocketServer;
  readonly aors = new Map<string, ServerSocket>();
  private readonly contacts = new Map<string, ServerSocket>();
  private readonly transactions = new Map<string, ServerSocket>();
  readonly received: Parsed[] = [];
  port = 0;
  /** Answer credentials it does not know with a fresh 401 challenge (as Kamailio does for expired ones). */
  challengeUnknownUsers = false;
  /** Digest usernames of REGISTERs that passed authentication, in order. */
  readonly authenticated: string[] = [];
  /** WebSocket connections accepted so far. */
  connections = 0;

  constructor(readonly passwords: Record<string, string>) {}

  async start(port = 0): Promise<void> {
    this.server = new WebSocketServer({ port, handleProtocols: () => 'sip' });
    await new Promise<void>((resolve) => this.server.once('listening', () => resolve()));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    this.server.on('connection', (ws) => {
      this.connections++;
      ws.on('message', (data) => this.onMessage(ws, data.toString()));
    });
  }

  /** Closes every client connection (server "crash") and stops listening. */
  async stop(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.aors.clear();
    this.contacts.clear();
  }

  count(method: string): number {
    return this.received.filter((m) => !m.isResponse && m.method === method).length;
  }

  private onMessage(ws: ServerSocket, raw: string): void {
    if (raw.trim() === '') {
      ws.send('\r\n');
      return;
    }
    const msg = parse(raw);
    this.received.push(msg);
    if (msg.isResponse) {
      this.transactions.get(branchOf(msg))?.send(raw);
      return;
    }
    if (msg.method === 'REGISTER') {
      this.register(ws, msg);
      return;
    }
    if (msg.method !== 'ACK') this.transactions.set(branchOf(msg), ws);
    const user = userOf(msg.ruri);
    const target = this.aors.get(user) ?? this.contacts.get(user);
    if (!target || target.readyState !== NodeWebSocket.OPEN) {
      if (msg.method !== 'ACK') this.reply(ws, msg, 404, 'Not Found');
      return;
    }
    target.send(raw);
  }

  private register(ws: ServerSocket, msg: Parsed): void {
    const authorization = header(msg, 'authorization');
    const claimed = /username="([^"]*)"/.exec(authorization)?.[1];
    const unknown = claimed !== undefined && !(claimed in this.passwords) && this.challengeUnknownUsers;
    if (!authorization || unknown) {
      this.reply(ws, msg, 401, 'Unauthorized', [
        `WWW-Authenticate: Digest realm="${REALM}", nonce="${Math.random().toString(36).slice(2)}", algorithm=MD5, qop="auth"`,
      ]);
      return;
    }
    const param = (name: string) => new RegExp(`${name}="?([^",]+)"?`).exec(authorization)?.[1] ?? '';
    const username = param('username');
    const ha1 = md5(`${username}:${REALM}:${this.passwords[username] ?? '\u0000'}`);
    const ha2 = md5(`REGISTER:${param('uri')}`);
    const expected = md5(`${ha1}:${param('nonce')}:${param('nc')}:${param('cnonce')}:${param('qop')}:${ha2}`);
    if (param('response') !== expected) {
      this.reply(ws, msg, 403, 'Forbidden');
      return;
    }
    this.authenticated.push(username);
    const contact = header(msg, 'contact');
    const contactUri = /<([^>]+)>/.exec(contact)?.[1] ?? '';
    const expires = Number(/;expires=(\d+)/.exec(contact)?.[1] ?? header(msg, 'expires') ?? '300');
    if (expires === 0) {
      this.aors.delete(username);
      this.contacts.delete(userOf(contactUri));
      this.reply(ws, msg, 200, 'OK');
      return;
    }
    this.aors.set(username, ws);
    this.contacts.set(userOf(contactUri), ws);
    this.reply(ws, msg, 200, 'OK', [`Contact: <${contactUri}>;expires=${expires}`]);
  }

  private reply(ws: ServerSocket, msg: Parsed, status: number, reason: string, extra: string[] = []): void {
    const to = header(msg, 'to');
    const lines = [
      `SIP/2.0 ${status} ${reason}`,
      ...(msg.headers.get('via') ?? []).map((v) => `Via: ${v}`),
      `From: ${header(msg, 'from')}`,
      `To: ${/;tag=/.test(to) ? to : `${to};tag=proxy${Math.random().toString(36).slice(2, 8)}`}`,
      `Call-ID: ${header(msg, 'call-id')}`,
      `CSeq: ${header(msg, 'cseq')}`,
      ...extra,
      'Content-Length: 0',
      '',
      '',
    ];
    ws.send(lines.join('\r\n'));
  }
}

const SDP = (hold: boolean) =>
  [
    'v=0',
    `o=- ${Date.now()} 1 IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    'm=audio 40000 RTP/AVP 0 101',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    hold ? 'a=sendonly' : 'a=sendrecv',
    '',
  ].join('\r\n');

/** Stands in for the Web SDH: no media, fixed SDP, remembers the hold option. */
const stubSdhFactory: SessionDescriptionHandlerFactory = () => ({
  getDescription: (options?: object) =>
    Promise.resolve({
      body: SDP(options !== undefined && 'hold' in options && options.hold === true),
      contentType: 'application/sdp',
    }),
  setDescription: () => Promise.resolve(),
  hasDescription: (contentType: string) => contentType === 'application/sdp',
  close: () => {},
  sendDtmf: () => false,
});

const quiet = { warn: () => {}, error: () => {} };

function makePhone() {
  const real = defaultDeps();
  const engine = createPhoneEngine({
    createUserAgent: (options) =>
      real.createUserAgent({
        ...options,
        sessionDescriptionHandlerFactory: stubSdhFactory,
        logBuiltinEnabled: false,
      }),
    getUserMedia: () => Promise.reject(new Error('no media in Node')),
    window: null,
    logger: quiet,
    // Backoff without jitter at its shortest: 800 ms, then 1.6 s …
    random: () => 0,
  });
  const calls: CallSnapshot[] = [];
  const dtmf: string[] = [];
  engine.on('call', (call) => calls.push(call));
  engine.on('dtmf', (_id, tone) => dtmf.push(tone));
  return { engine, calls, dtmf };
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function latest(calls: CallSnapshot[], predicate: (c: CallSnapshot) => boolean = () => true) {
  return [...calls].reverse().find(predicate);
}

let proxy: MiniProxy;
let phones: PhoneEngine[] = [];

function config(username: string, password = 'secret'): PhoneConfig {
  return { username, password, domain: DOMAIN, wsUrl: `ws://127.0.0.1:${proxy.port}/sip`, iceServers: [] };
}

async function registered(username: string) {
  const phone = makePhone();
  phones.push(phone.engine);
  await phone.engine.start(config(username));
  expect(phone.engine.registrationState).toBe(RegistrationState.Registered);
  return phone;
}

beforeEach(async () => {
  vi.stubGlobal('WebSocket', NodeWebSocket);
  proxy = new MiniProxy({ '1001': 'secret', '1002': 'secret', '1003': 'secret' });
  await proxy.start();
});

afterEach(async () => {
  await Promise.all(phones.map((phone) => phone.stop()));
  phones = [];
  await proxy.stop().catch(() => {});
  vi.unstubAllGlobals();
});

describe('engine on real sip.js', () => {
  it('registers with digest auth, and unregisters on stop()', async () => {
    const { engine } = await registered('1001');
    expect(proxy.aors.has('1001')).toBe(true);
    await engine.stop();
    expect(engine.registrationState).toBe(RegistrationState.Unregistered);
    expect(proxy.aors.has('1001')).toBe(false);
  });

  it('a wrong password ends in Failed/auth after one challenge, without retries', async () => {
    const { engine } = makePhone();
    phones.push(engine);
    await engine.start(config('1001', 'wrong'));
    expect(engine.registrationState).toBe(RegistrationState.Failed);
    expect(engine.registrationError).toMatchObject({ kind: 'auth', status: 403 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(proxy.count('REGISTER')).toBe(2);
  });

  it('reconnects and re-registers after the server comes back', async () => {
    const { engine } = await registered('1001');
    const port = proxy.port;
    await proxy.stop();
    await until(() => engine.registrationState === RegistrationState.Reconnecting);
    proxy = new MiniProxy({ '1001': 'secret' });
    await proxy.start(port);
    await until(() => engine.registrationState === RegistrationState.Registered, 5000);
    expect(proxy.aors.has('1001')).toBe(true);
  });

  it('call: ringing, answer, DTMF over INFO, hold, remote hangup', async () => {
    const alice = await registered('1001');
    const bob = await registered('1002');
    const id = await alice.engine.call('1002', { video: false });
    await until(() => latest(alice.calls)?.state === CallState.Ringing);
    await until(() => bob.engine.getCalls().some((c) => c.state === CallState.Incoming));
    const incoming = bob.engine.getCalls()[0]!;
    expect(incoming).toMatchObject({ remoteUser: '1001', direction: 'incoming' });

    await bob.engine.answer(incoming.id, { video: false });
    await until(() => latest(alice.calls)?.state === CallState.Active);
    expect(latest(bob.calls)?.state).toBe(CallState.Active);

    await alice.engine.sendDtmf(id, '4#');
    expect(bob.dtmf).toEqual(['4', '#']);

    await alice.engine.hold(id);
    expect(latest(alice.calls)?.held).toBe(true);
    const reinvite = proxy.received.filter((m) => m.method === 'INVITE').at(-1)!;
    expect(reinvite.raw).toContain('a=sendonly');
    await alice.engine.resume(id);
    expect(latest(alice.calls)?.held).toBe(false);

    await bob.engine.hangup(incoming.id);
    await until(() => latest(alice.calls)?.state === CallState.Ended);
    expect(latest(alice.calls)).toMatchObject({ endReason: 'remote-hangup' });
    expect(latest(bob.calls)).toMatchObject({ endReason: 'local-hangup' });
  });

  it.each([
    [603, 'declined'],
    [486, 'busy'],
  ] as const)('callee declines with %i → caller sees %s', async (status, reason) => {
    const alice = await registered('1001');
    const bob = await registered('1002');
    await alice.engine.call('1002', { video: false });
    await until(() => bob.engine.getCalls().some((c) => c.state === CallState.Incoming));
    await bob.engine.decline(bob.engine.getCalls()[0]!.id, status);
    await until(() => latest(alice.calls)?.state === CallState.Ended);
    expect(latest(alice.calls)).toMatchObject({ endReason: reason, endStatusCode: status });
  });

  it('caller hangs up while ringing → both sides see cancelled', async () => {
    const alice = await registered('1001');
    const bob = await registered('1002');
    const id = await alice.engine.call('1002', { video: false });
    await until(() => latest(alice.calls)?.state === CallState.Ringing);
    await alice.engine.hangup(id);
    await until(() => latest(bob.calls)?.state === CallState.Ended);
    expect(latest(bob.calls)).toMatchObject({ endReason: 'cancelled' });
    expect(latest(alice.calls)).toMatchObject({ endReason: 'cancelled' });
    expect(proxy.count('CANCEL')).toBe(1);
  });

  it('call waiting: answering a second call holds the first (re-INVITE accepted by the peer)', async () => {
    const alice = await registered('1001');
    const bob = await registered('1002');
    const carol = await registered('1003');
    await alice.engine.call('1002', { video: false });
    await until(() => bob.engine.getCalls().some((c) => c.state === CallState.Incoming));
    const first = bob.engine.getCalls()[0]!;
    await bob.engine.answer(first.id, { video: false });
    await until(() => latest(alice.calls)?.state === CallState.Active);

    await carol.engine.call('1002', { video: false });
    await until(() =>
      bob.engine.getCalls().some((c) => c.remoteUser === '1003' && c.state === CallState.Incoming),
    );
    const second = bob.engine.getCalls().find((c) => c.remoteUser === '1003')!;
    expect(latest(bob.calls, (c) => c.id === first.id)?.state).toBe(CallState.Active);

    await bob.engine.answer(second.id, { video: false });
    expect(latest(bob.calls, (c) => c.id === first.id)).toMatchObject({
      state: CallState.Active,
      held: true,
    });
    expect(latest(bob.calls, (c) => c.id === second.id)).toMatchObject({
      state: CallState.Active,
      held: false,
    });
    await until(() => latest(carol.calls)?.state === CallState.Active);
    expect(latest(alice.calls)?.state).toBe(CallState.Active);
  });

  it('stop() during a call hangs up (BYE) and unregisters', async () => {
    const alice = await registered('1001');
    const bob = await registered('1002');
    await alice.engine.call('1002', { video: false });
    await until(() => bob.engine.getCalls().some((c) => c.state === CallState.Incoming));
    await bob.engine.answer(bob.engine.getCalls()[0]!.id, { video: false });
    await until(() => latest(alice.calls)?.state === CallState.Active);
    await alice.engine.stop();
    expect(latest(alice.calls)).toMatchObject({ state: CallState.Ended, endReason: 'local-hangup' });
    await until(() => latest(bob.calls)?.state === CallState.Ended);
    expect(latest(bob.calls)).toMatchObject({ endReason: 'remote-hangup' });
    expect(proxy.aors.has('1001')).toBe(false);
  });

  it('unknown user → not-found', async () => {
    const alice = await registered('1001');
    await alice.engine.call('1099', { video: false });
    await until(() => latest(alice.calls)?.state === CallState.Ended);
    expect(latest(alice.calls)).toMatchObject({ endReason: 'not-found', endStatusCode: 404 });
  });

  it('updateCredentials(): the next REGISTER refresh authenticates with the new credentials, same connection', async () => {
    proxy.challengeUnknownUsers = true;
    proxy.passwords['1000:1001'] = 'first';
    const phone = makePhone();
    phones.push(phone.engine);
    const states: RegistrationState[] = [];
    phone.engine.on('registration', (state) => states.push(state));
    await phone.engine.start({
      ...config('1001', 'first'),
      authorizationUsername: '1000:1001',
      registerExpires: 2,
    });
    expect(phone.engine.registrationState).toBe(RegistrationState.Registered);
    expect(proxy.authenticated).toEqual(['1000:1001']);

    // The first credentials "expire" at the server; fresh ones are handed to the running engine.
    delete proxy.passwords['1000:1001'];
    proxy.passwords['2000:1001'] = 'second';
    phone.engine.updateCredentials({ authorizationUsername: '2000:1001', password: 'second' });

    // sip.js refreshes at 99 % of 2 s: its stale Authorization is challenged, the retry uses the new pair.
    await until(() => proxy.authenticated.includes('2000:1001'), 5000);
    expect(phone.engine.registrationState).toBe(RegistrationState.Registered);
    expect(states).toEqual([RegistrationState.Registering, RegistrationState.Registered]);
    expect(proxy.connections).toBe(1);
  });
});
