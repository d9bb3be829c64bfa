import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SseHub } from './sse-hub';

/** The part of a ServerResponse the hub uses, recording what was written. */
class FakeResponse extends EventEmitter {
  status = 0;
  headers: Record<string, string> = {};
  written = '';
  ended = false;
  writeHead(status: number, headers: Record<string, string>) {
    this.status = status;
    this.headers = headers;
    return this;
  }
  write(chunk: string) {
    this.written += chunk;
    return true;
  }
  end() {
    this.ended = true;
    this.emit('close');
    return this;
  }
  /** The client goes away. */
  gone() {
    this.emit('close');
  }
}

const asRes = (r: FakeResponse) => r as unknown as ServerResponse;

interface Meta {
  user: string;
  role: 'agent' | 'guest';
}

const hub = () =>
  new SseHub<Meta>({
    limits: { perKey: 2, total: 3, maxAgeMs: 60_000, heartbeatMs: 1_000 },
    key: (m) => m.user,
    refusals: { total: 'server full', perKey: 'user full' },
  });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SseHub', () => {
  it('subscribe: takes over the response with event-stream headers and the first frame', () => {
    const h = hub();
    const res = new FakeResponse();
    h.open({ user: 'a', role: 'agent' }, asRes(res), 'retry: 5000\nevent: ready\ndata: {}\n\n');
    expect(res.status).toBe(200);
    expect(res.headers['Content-Type']).toBe('text/event-stream; charset=utf-8');
    expect(res.headers['Cache-Control']).toBe('no-store');
    expect(res.written).toBe('retry: 5000\nevent: ready\ndata: {}\n\n');
    expect(h.size).toBe(1);
  });

  it('publish: writes a frame to every stream, or only to those picked', () => {
    const h = hub();
    const a = new FakeResponse();
    const b = new FakeResponse();
    h.open({ user: 'a', role: 'agent' }, asRes(a), '');
    h.open({ user: 'b', role: 'guest' }, asRes(b), '');
    h.publish('event: x\ndata: 1\n\n');
    h.publish('event: y\ndata: 2\n\n', (m) => m.role === 'agent');
    expect(a.written).toBe('event: x\ndata: 1\n\nevent: y\ndata: 2\n\n');
    expect(b.written).toBe('event: x\ndata: 1\n\n');
    expect(h.count((m) => m.user === 'a')).toBe(1);
  });

  it('client gone: the stream is dropped and gets no more frames or pings', () => {
    const h = hub();
    const a = new FakeResponse();
    h.open({ user: 'a', role: 'agent' }, asRes(a), 'first\n\n');
    a.gone();
    expect(h.size).toBe(0);
    h.publish('event: x\ndata: 1\n\n');
    vi.advanceTimersByTime(5_000);
    expect(a.written).toBe('first\n\n');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keep-alive: a comment line every heartbeat period, and the end after maxAgeMs', () => {
    const h = hub();
    const a = new FakeResponse();
    h.open({ user: 'a', role: 'agent' }, asRes(a), '');
    vi.advanceTimersByTime(999);
    expect(a.written).toBe('');
    vi.advanceTimersByTime(1);
    expect(a.written).toBe(': ping\n\n');
    vi.advanceTimersByTime(1_000);
    expect(a.written).toBe(': ping\n\n: ping\n\n');
    expect(a.ended).toBe(false);
    vi.advanceTimersByTime(58_000);
    expect(a.ended).toBe(true);
    expect(h.size).toBe(0);
  });

  it('ends sooner when the stream is given an earlier end', () => {
    const h = hub();
    const a = new FakeResponse();
    h.open({ user: 'a', role: 'agent' }, asRes(a), '', 1_500);
    vi.advanceTimersByTime(1_499);
    expect(a.ended).toBe(false);
    vi.advanceTimersByTime(1);
    expect(a.ended).toBe(true);
  });

  it('refuses past the per-key and the total caps', () => {
    const h = hub();
    h.open({ user: 'a', role: 'agent' }, asRes(new FakeResponse()), '');
    expect(h.refusal('a')).toBeNull();
    h.open({ user: 'a', role: 'agent' }, asRes(new FakeResponse()), '');
    expect(h.refusal('a')).toBe('user full');
    expect(h.refusal('b')).toBeNull();
    h.open({ user: 'b', role: 'agent' }, asRes(new FakeResponse()), '');
    expect(h.refusal('c')).toBe('server full');
  });

  it('close: ends every stream and stops its timers', () => {
    const h = hub();
    const a = new FakeResponse();
    const b = new FakeResponse();
    h.open({ user: 'a', role: 'agent' }, asRes(a), '');
    h.open({ user: 'b', role: 'agent' }, asRes(b), '');
    h.close();
    expect(a.ended && b.ended).toBe(true);
    expect(h.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
