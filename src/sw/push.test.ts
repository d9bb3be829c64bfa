/** The service worker's push handling, driven through a fake service-worker scope. */
import { describe, expect, it } from 'vitest';
import type { PushMessage } from '../lib/push-payload';
import { handlePushNotificationClick, onPush, PUSH_CALL_KIND, type PushScope } from './push';

interface Shown {
  title: string;
  options: { tag?: string; body?: string; data?: unknown; actions?: { action: string }[] };
  closed: boolean;
}

function fakeScope() {
  const shown: Shown[] = [];
  const opened: string[] = [];
  const navigated: string[] = [];
  const fetched: Array<{ url: string; body: unknown }> = [];
  const windows: Array<{ focus(): Promise<unknown>; navigate(url: string): Promise<unknown> }> = [];
  const scope: PushScope = {
    registration: {
      showNotification: async (title, options) => {
        for (const s of shown) if (s.options.tag === options.tag) s.closed = true;
        shown.push({ title, options, closed: false });
      },
      getNotifications: async ({ tag }) =>
        shown
          .filter((s) => !s.closed && s.options.tag === tag)
          .map((s) => ({ close: () => void (s.closed = true) })),
    },
    clients: {
      matchAll: async () => windows,
      openWindow: async (url) => void opened.push(url),
    },
    fetch: async (url, init) => {
      fetched.push({ url, body: JSON.parse(String(init.body)) });
      return new Response(null, { status: 204 });
    },
    addEventListener: () => undefined,
  };
  const waits: Promise<unknown>[] = [];
  const push = (message: PushMessage | string) =>
    onPush(scope, {
      data: { json: () => (typeof message === 'string' ? JSON.parse(message) : message) },
      waitUntil: (p) => waits.push(p),
    });
  const click = async (notification: Shown, action: string, now?: number) => {
    const handled = handlePushNotificationClick(
      scope,
      {
        action,
        notification: { data: notification.options.data, close: () => void (notification.closed = true) },
        waitUntil: (p) => waits.push(p),
      },
      now,
    );
    await Promise.all(waits);
    return handled;
  };
  const addWindow = () =>
    windows.push({ focus: async () => undefined, navigate: async (url) => void navigated.push(url) });
  return { scope, shown, opened, navigated, fetched, push, click, addWindow };
}

const CALL: PushMessage = {
  type: 'call',
  callId: 'abc@host',
  caller: { name: 'Alice', number: '1001' },
  declineToken: 'T'.repeat(43),
  expiresAt: Date.now() + 30_000,
};

describe('service worker: pushed calls', () => {
  it('shows the caller with Answer and Decline, tagged by call id', async () => {
    const sw = fakeScope();
    await sw.push(CALL);
    expect(sw.shown).toHaveLength(1);
    expect(sw.shown[0]).toMatchObject({
      title: 'Incoming call',
      options: { body: 'Alice (1001)', tag: 'openline-push-abc@host', data: { kind: PUSH_CALL_KIND } },
    });
    expect(sw.shown[0]!.options.actions?.map((a) => a.action)).toEqual(['answer', 'decline']);
  });

  it('Answer opens the app at /?answer=<Call-ID>; a body tap or a late Answer opens it without answering', async () => {
    const sw = fakeScope();
    await sw.push(CALL);
    expect(await sw.click(sw.shown[0]!, 'answer')).toBe(true);
    expect(sw.opened).toEqual(['/?answer=abc%40host']);
    expect(sw.shown[0]!.closed).toBe(true);

    await sw.push(CALL);
    await sw.click(sw.shown[1]!, '');
    await sw.push(CALL);
    await sw.click(sw.shown[2]!, 'answer', CALL.expiresAt + 1);
    expect(sw.opened).toEqual(['/?answer=abc%40host', '/', '/']);
  });

  it('Answer navigates and focuses an open window instead of opening another', async () => {
    const sw = fakeScope();
    sw.addWindow();
    await sw.push(CALL);
    await sw.click(sw.shown[0]!, 'answer');
    expect(sw.navigated).toEqual(['/?answer=abc%40host']);
    expect(sw.opened).toEqual([]);
  });

  it('Decline posts the one-time token for the call and opens nothing', async () => {
    const sw = fakeScope();
    await sw.push(CALL);
    await sw.click(sw.shown[0]!, 'decline');
    expect(sw.fetched).toEqual([
      { url: '/api/push/decline', body: { callId: 'abc@host', token: 'T'.repeat(43) } },
    ]);
    expect(sw.opened).toEqual([]);
  });

  it('a call-ended push closes the notification; a missed call stays visible as such', async () => {
    const sw = fakeScope();
    await sw.push(CALL);
    await sw.push({ type: 'call-ended', callId: 'abc@host', reason: 'delivered' });
    expect(sw.shown.map((s) => s.closed)).toEqual([true]);

    await sw.push(CALL);
    await sw.push({ type: 'call-ended', callId: 'abc@host', reason: 'cancelled', caller: CALL.caller });
    expect(sw.shown.filter((s) => !s.closed).map((s) => [s.title, s.options.body])).toEqual([
      ['Missed call', 'Alice (1001)'],
    ]);
  });

  it('a cancelled or timed-out call is missed even when its ringing notification is no longer listed', async () => {
    const sw = fakeScope();
    // The user swiped the ringing notification away (or the platform's list missed it).
    await sw.push(CALL);
    sw.shown[0]!.closed = true;
    await sw.push({ type: 'call-ended', callId: 'abc@host', reason: 'timeout', caller: CALL.caller });
    expect(sw.shown.filter((s) => !s.closed).map((s) => s.title)).toEqual(['Missed call']);

    // A pushed call declined from its notification is not missed, and nothing is left on screen.
    const declined = fakeScope();
    await declined.push(CALL);
    await declined.click(declined.shown[0]!, 'decline');
    await declined.push({ type: 'call-ended', callId: 'abc@host', reason: 'declined', caller: CALL.caller });
    expect(declined.shown.filter((s) => !s.closed)).toEqual([]);
  });

  it('a call answered elsewhere while its notification is still being shown leaves nothing on screen', async () => {
    // As Chromium: a notification is stored at once and displayed later; a read of the list in between
    // deletes it from the list (it stays on screen, out of reach of any close).
    const onScreen = new Set<string>();
    const listed = new Set<string>();
    const displays: (() => void)[] = [];
    const scope: PushScope = {
      ...fakeScope().scope,
      registration: {
        showNotification: (_title, options) =>
          new Promise<void>((resolve) => {
            const tag = options.tag ?? '';
            listed.add(tag);
            displays.push(() => {
              onScreen.add(tag);
              resolve();
            });
          }),
        getNotifications: async ({ tag }) => {
          if (!onScreen.has(tag)) listed.delete(tag);
          return listed.has(tag) ? [{ close: () => void (onScreen.delete(tag), listed.delete(tag)) }] : [];
        },
      },
    };
    const push = (message: PushMessage) =>
      onPush(scope, { data: { json: () => message }, waitUntil: () => undefined });
    const ringing = push(CALL);
    const ended = push({ type: 'call-ended', callId: 'abc@host', reason: 'delivered' });
    await new Promise((r) => setTimeout(r, 0));
    displays.shift()?.();
    await Promise.all([ringing, ended]);
    expect([...onScreen]).toEqual([]);
  });

  it('ignores pushes and clicks that are not its own', async () => {
    const sw = fakeScope();
    await sw.push('{"type":"call","callId":"x"}');
    await sw.push('"hello"');
    expect(sw.shown).toEqual([]);
    const other: Shown = { title: 'Incoming call', options: { data: { callId: 'x' } }, closed: false };
    expect(await sw.click(other, 'answer')).toBe(false);
    expect(other.closed).toBe(false);
  });
});
