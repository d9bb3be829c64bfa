import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_JOIN_WIDGET } from '../api/join-widget-defaults';
import { fetchJoinWidget } from '../api/join-widget';
import { createJoinWidget, TEXT_SCALES } from './join-widget';

const answer = (status: number, body: unknown) =>
  vi.fn<typeof fetch>(() =>
    Promise.resolve(
      new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }),
    ),
  );

describe('fetchJoinWidget', () => {
  it('answers the validated widget', async () => {
    const { openingHours: _, ...widget } = { ...DEFAULT_JOIN_WIDGET, title: 'Acme', transcript: false };
    expect(await fetchJoinWidget(answer(200, { widget }))).toEqual(widget);
    // The opening hours are the server's (ADR 0026): the page keeps nothing of them if sent.
    const read = await fetchJoinWidget(answer(200, { widget: { ...widget, openingHours: {} } }));
    expect('openingHours' in read).toBe(false);
  });

  it('refuses what the server should not send, with a sentence', async () => {
    await expect(
      fetchJoinWidget(answer(200, { widget: { ...DEFAULT_JOIN_WIDGET, fileTransfer: 'yes' } })),
    ).rejects.toThrow(/fileTransfer/);
    await expect(
      fetchJoinWidget(answer(200, { widget: { ...DEFAULT_JOIN_WIDGET, themeColor: 'red;}' } })),
    ).rejects.toThrow(/themeColor/);
    await expect(fetchJoinWidget(answer(404, {}))).rejects.toThrow('GET /api/webcall/widget answered 404');
    await expect(fetchJoinWidget(() => Promise.reject(new TypeError('offline')))).rejects.toThrow('offline');
  });
});

describe('join widget store', () => {
  it('shows the defaults until the settings arrive, and keeps them when they cannot', async () => {
    const failing = createJoinWidget(() => Promise.reject(new Error('GET /api/webcall/widget answered 500')));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await failing.load();
    expect(failing.useStore.getState()).toMatchObject({
      widget: DEFAULT_JOIN_WIDGET,
      loaded: false,
      settled: true,
    });
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();

    const widget = { ...DEFAULT_JOIN_WIDGET, title: 'Acme support' };
    const fetchWidget = vi.fn(() => Promise.resolve(widget));
    const store = createJoinWidget(fetchWidget);
    expect(store.useStore.getState()).toMatchObject({ widget: DEFAULT_JOIN_WIDGET, settled: false });
    await Promise.all([store.load(), store.load()]);
    expect(fetchWidget).toHaveBeenCalledOnce();
    expect(store.useStore.getState()).toMatchObject({ widget, loaded: true, settled: true });
  });

  it('steps the text size within its range, and not at all when resizing is off', async () => {
    const store = createJoinWidget(() => Promise.resolve(DEFAULT_JOIN_WIDGET));
    await store.load();
    const scale = () => TEXT_SCALES[store.useStore.getState().textScale];
    expect(scale()).toBe(1);
    for (let i = 0; i < 10; i++) store.resizeText(1);
    expect(scale()).toBe(1.5);
    for (let i = 0; i < 10; i++) store.resizeText(-1);
    expect(scale()).toBe(0.875);

    const fixed = createJoinWidget(() => Promise.resolve({ ...DEFAULT_JOIN_WIDGET, fontResize: false }));
    fixed.resizeText(1);
    expect(TEXT_SCALES[fixed.useStore.getState().textScale]).toBe(1.125);
    await fixed.load();
    // Switched off by the operator: back to the browser's size, and it stays there.
    expect(TEXT_SCALES[fixed.useStore.getState().textScale]).toBe(1);
    fixed.resizeText(1);
    expect(TEXT_SCALES[fixed.useStore.getState().textScale]).toBe(1);
  });
});
