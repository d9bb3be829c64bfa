// @vitest-environment node
/**
 * The engine with the REAL sip.js (UserAgent, Registerer, Inviter, Invitation and its
 * WebSocket transport) against a tiny in-process SIP registrar/proxy over WebSocket.
 * Only the media layer is replaced (no RTCPeerConnection in Node): a stub
 * SessionDescriptionHandler returns a fixed SDP. This checks the engine's reading of
 * sip.js APIs and event ordering end to end, without a browser.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { createPhoneEngine } from './index';
import { defaultDeps } from './sipjs';
import { DOMAIN, MiniProxy, stubSdhFactory } from './testing/mini-proxy.node';
import { CallState, RegistrationState, type CallSnapshot, type PhoneConfig, type PhoneEngine } from './types';

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
