// @vitest-environment-options {"settings": {"disableIframePageLoading": true}}
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Openline, OpenlineError, type OpenlineEmbed } from './openline-embed';

const APP = 'https://phone.example.com';
let phone: OpenlineEmbed | null = null;
afterEach(() => {
  phone?.destroy();
  phone = null;
});

function mount(timeoutMs = 200) {
  const container = document.createElement('div');
  document.body.append(container);
  phone = Openline.mount(container, { url: `${APP}/`, timeoutMs });
  const sent: unknown[] = [];
  // A stand-in for the app's window (happy-dom loads no iframe page here).
  const frameWindow = { postMessage: (message: unknown, origin: unknown) => sent.push({ message, origin }) };
  Object.defineProperty(phone.iframe, 'contentWindow', { get: () => frameWindow });
  phone.iframe.dispatchEvent(new Event('load'));
  const fromApp = (data: unknown, origin = APP, source: unknown = frameWindow) =>
    window.dispatchEvent(new MessageEvent('message', { data, origin, source: source as Window }));
  return { phone, sent, fromApp };
}

describe('embed SDK', () => {
  it('creates the iframe with media permissions and says hello to the app origin only', () => {
    const { phone, sent } = mount();
    expect(phone.iframe.allow).toContain('microphone');
    expect(phone.iframe.allow).toContain('camera');
    expect(phone.iframe.title).toBe('Openline phone');
    expect(sent[0]).toMatchObject({ message: { openline: 1, type: 'hello' }, origin: APP });
  });

  it('ignores messages from another origin or another window', async () => {
    const { phone, sent, fromApp } = mount();
    const helloId = (sent[0] as { message: { id: string } }).message.id;
    const ready = { openline: 1, type: 'ready', id: helloId, registration: 'registered' };
    fromApp(ready, 'https://evil.example.com');
    fromApp(ready, APP, window);
    const state = await Promise.race([
      phone.ready.then(() => 'ready'),
      new Promise((r) => setTimeout(() => r('pending'), 50)),
    ]);
    expect(state).toBe('pending');
    fromApp(ready);
    await expect(phone.ready).resolves.toEqual({ registration: 'registered' });
  });

  it('resolves and rejects commands by request id, with the app error code', async () => {
    const { phone, sent, fromApp } = mount(1000);
    const helloId = (sent[0] as { message: { id: string } }).message.id;
    fromApp({ openline: 1, type: 'ready', id: helloId, registration: 'registered' });
    await phone.ready;
    const call = phone.makeCall('1002');
    await vi.waitFor(() => expect(sent.length).toBeGreaterThan(1));
    const command = (sent.at(-1) as { message: { id: string; command: string; number: string } }).message;
    expect(command).toMatchObject({ type: 'command', command: 'makeCall', number: '1002' });
    fromApp({
      openline: 1,
      type: 'result',
      id: command.id,
      ok: false,
      error: { code: 'busy', message: 'In a call.' },
    });
    await expect(call).rejects.toMatchObject({ code: 'busy', message: 'In a call.' });
  });

  it('times out when the app never answers (not signed in)', async () => {
    const { phone } = mount(50);
    const error = await phone.hangup().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenlineError);
    expect(error).toMatchObject({ code: 'timeout' });
  });

  it('delivers events to listeners and rejects ready with origin_not_allowed', async () => {
    const { phone, sent, fromApp } = mount();
    const seen: unknown[] = [];
    phone.on('answered', (call) => seen.push(call));
    fromApp({ openline: 1, type: 'event', event: 'answered', data: { callId: 'c1' } });
    fromApp({ openline: 1, type: 'event', event: 'nonsense', data: {} });
    expect(seen).toEqual([{ callId: 'c1' }]);
    const helloId = (sent[0] as { message: { id: string } }).message.id;
    fromApp({
      openline: 1,
      type: 'result',
      id: helloId,
      ok: false,
      error: { code: 'origin_not_allowed', message: 'no' },
    });
    await expect(phone.ready).rejects.toMatchObject({ code: 'origin_not_allowed' });
  });
});
