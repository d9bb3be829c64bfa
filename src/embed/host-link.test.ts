import { describe, expect, it, vi } from 'vitest';
import { createHostLink, type HostLinkDeps } from './host-link';
import type { AppMessage } from './protocol';

const HOST = 'https://desk.example.com';

function setup(overrides: Partial<HostLinkDeps> = {}) {
  const sent: Array<{ message: AppMessage; origin: string }> = [];
  const parent = { postMessage: (message: AppMessage, origin: string) => sent.push({ message, origin }) };
  let listener: ((event: MessageEvent) => void) | null = null;
  const target = {
    addEventListener: (_: string, l: (event: MessageEvent) => void) => (listener = l),
    removeEventListener: () => (listener = null),
  } as unknown as HostLinkDeps['target'];
  let allowed: string[] | null = [HOST];
  const deps: HostLinkDeps = {
    parent,
    target,
    allowedOrigins: () => allowed,
    registrationState: () => 'registered',
    registered: () => true,
    role: () => 'agent',
    liveCalls: () => [],
    dial: vi.fn(async () => 'call-1'),
    lastCallError: () => null,
    hangup: vi.fn(async () => undefined),
    createWebcallLink: vi.fn(async () => ({ url: 'https://app/join#1.x', expiresAt: 1 })),
    ...overrides,
  };
  const link = createHostLink(deps);
  const post = (data: unknown, origin = HOST, source: unknown = parent) =>
    listener?.({ data, origin, source } as MessageEvent);
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { deps, link, sent, post, settle, setAllowed: (list: string[] | null) => (allowed = list) };
}

const hello = { openline: 1, type: 'hello', id: 'h1' };
const call = (number: string) => ({ openline: 1, type: 'command', id: 'c1', command: 'makeCall', number });

describe('host link: origins', () => {
  it('answers hello from an allowed parent, to that exact origin', () => {
    const t = setup();
    t.post(hello);
    expect(t.sent).toEqual([
      { message: { openline: 1, type: 'ready', id: 'h1', registration: 'registered' }, origin: HOST },
      {
        message: { openline: 1, type: 'event', event: 'registration', data: { state: 'registered' } },
        origin: HOST,
      },
    ]);
  });

  it('answers nothing and queues nothing before it knows the allow-list', async () => {
    const t = setup();
    t.setAllowed(null);
    t.post(hello);
    t.post(call('1002'));
    t.setAllowed([HOST]);
    await t.settle();
    expect(t.sent).toEqual([]);
    expect(t.deps.dial).not.toHaveBeenCalled();
  });

  it('tells a parent that is not on the list origin_not_allowed, and does not dial', async () => {
    const t = setup();
    t.post(call('1002'), 'https://evil.example.com');
    await t.settle();
    expect(t.deps.dial).not.toHaveBeenCalled();
    expect(t.sent).toEqual([
      {
        origin: 'https://evil.example.com',
        message: expect.objectContaining({
          ok: false,
          error: expect.objectContaining({ code: 'origin_not_allowed' }),
        }),
      },
    ]);
  });

  it('ignores other windows even on an allowed origin, and opaque origins', async () => {
    const t = setup();
    t.post(call('1002'), HOST, { some: 'other window' });
    t.post(call('1002'), 'null');
    await t.settle();
    expect(t.sent).toEqual([]);
    expect(t.deps.dial).not.toHaveBeenCalled();
  });

  it('sends events only after hello, and stops when the origin leaves the list', () => {
    const t = setup();
    t.link.emit('registration', { state: 'registered' });
    expect(t.sent).toEqual([]);
    t.post(hello);
    t.link.emit('answered', { callId: 'x' });
    expect(t.sent[2]).toEqual({
      message: { openline: 1, type: 'event', event: 'answered', data: { callId: 'x' } },
      origin: HOST,
    });
    t.setAllowed([]);
    t.link.emit('ended', { callId: 'x' });
    expect(t.sent).toHaveLength(3);
  });
});

describe('host link: commands', () => {
  const result = async (t: ReturnType<typeof setup>, data: unknown) => {
    t.post(data);
    await t.settle();
    return t.sent.at(-1)?.message;
  };

  it('dials a valid number through the bridge', async () => {
    const t = setup();
    expect(await result(t, call('+1 (555) 010-9999'))).toEqual({
      openline: 1,
      type: 'result',
      id: 'c1',
      ok: true,
      value: { callId: 'call-1' },
    });
    expect(t.deps.dial).toHaveBeenCalledWith('+15550109999');
  });

  it.each([
    ['invalid_number', {}, call('sip:evil')],
    ['not_signed_in', { registered: () => false }, call('1002')],
    ['busy', { liveCalls: () => [{ id: 'a' }] }, call('1002')],
    [
      'failed',
      { dial: async () => null, lastCallError: () => 'Could not start the call: 404' },
      call('1002'),
    ],
    ['no_call', {}, { openline: 1, type: 'command', id: 'c1', command: 'hangup' }],
    [
      'forbidden',
      { role: () => 'user' },
      { openline: 1, type: 'command', id: 'c1', command: 'sendWebcallLink', ticket: 'T', name: 'Ann' },
    ],
    [
      'bad_request',
      {},
      { openline: 1, type: 'command', id: 'c1', command: 'sendWebcallLink', ticket: 'T', name: ' ' },
    ],
    ['bad_request', {}, { openline: 1, type: 'command', id: 'c1', command: 'makeCall' }],
    ['unsupported_version', {}, { openline: 9, type: 'hello', id: 'c1' }],
  ] as const)('fails with %s', async (code, overrides, data) => {
    const t = setup(overrides as Partial<HostLinkDeps>);
    expect(await result(t, data)).toMatchObject({ type: 'result', id: 'c1', ok: false, error: { code } });
  });

  it('hangs up the latest live call', async () => {
    const t = setup({ liveCalls: () => [{ id: 'a' }, { id: 'b' }] });
    expect(await result(t, { openline: 1, type: 'command', id: 'c1', command: 'hangup' })).toMatchObject({
      ok: true,
      value: { callId: 'b' },
    });
    expect(t.deps.hangup).toHaveBeenCalledWith('b');
  });

  it('creates a webcall link for agents', async () => {
    const t = setup();
    const message = {
      openline: 1,
      type: 'command',
      id: 'c1',
      command: 'sendWebcallLink',
      ticket: 'T-9',
      name: 'Ann',
    };
    expect(await result(t, message)).toMatchObject({ ok: true, value: { url: 'https://app/join#1.x' } });
    expect(t.deps.createWebcallLink).toHaveBeenCalledWith('T-9', 'Ann');
  });
});
