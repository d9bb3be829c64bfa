import { describe, expect, it } from 'vitest';
import { deliver } from './outbound';
import { verifyOpenlineSignature } from './signature';

function fakeFetch(statuses: Array<number | 'down'>) {
  const calls: Array<{ body: string; signature: string }> = [];
  const impl = (async (_url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    calls.push({ body: String(init.body), signature: headers['X-Openline-Signature'] ?? '' });
    const next = statuses[calls.length - 1] ?? 200;
    if (next === 'down') throw new Error('connect ECONNREFUSED');
    return new Response('{}', { status: next });
  }) as typeof fetch;
  return { impl, calls };
}

const target = { url: 'http://provider.test/out', secret: 'outbound-secret-1234', body: { text: 'hi' } };
const noSleep = async () => undefined;

describe('outbound delivery', () => {
  it('signs the exact body it posts', async () => {
    const f = fakeFetch([200]);
    const outcome = await deliver(target, {
      fetchImpl: f.impl,
      retryDelaysMs: [1, 1],
      sleep: noSleep,
      now: () => 1_800_000_000_000,
    });
    expect(outcome).toEqual({ ok: true, attempts: 1, reason: null, code: null });
    expect(verifyOpenlineSignature(target.secret, Buffer.from(f.calls[0]!.body), f.calls[0]!.signature)).toBe(
      1_800_000_000_000,
    );
  });

  it('retries 5xx and unreachable, then succeeds', async () => {
    const f = fakeFetch([503, 'down', 200]);
    const waits: number[] = [];
    const outcome = await deliver(target, {
      fetchImpl: f.impl,
      retryDelaysMs: [10, 40],
      sleep: async (ms) => void waits.push(ms),
    });
    expect(outcome).toEqual({ ok: true, attempts: 3, reason: null, code: null });
    expect(waits).toEqual([10, 40]);
  });

  it('dead-letters after the last attempt with the last reason', async () => {
    const f = fakeFetch([503, 503, 'down']);
    const outcome = await deliver(target, { fetchImpl: f.impl, retryDelaysMs: [1, 1], sleep: noSleep });
    expect(outcome.ok).toBe(false);
    expect(outcome.attempts).toBe(3);
    expect(outcome.reason).toMatch(/unreachable: connect ECONNREFUSED/);
    expect(outcome.code).toBe('unreachable');
  });

  it('names a timeout as its own code', async () => {
    const impl = (async () => {
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    }) as typeof fetch;
    const outcome = await deliver(target, { fetchImpl: impl, retryDelaysMs: [], sleep: noSleep });
    expect(outcome).toMatchObject({ ok: false, attempts: 1, code: 'timeout' });
  });

  it('does not retry a 4xx refusal (the same body cannot succeed)', async () => {
    const f = fakeFetch([400, 200]);
    const outcome = await deliver(target, { fetchImpl: f.impl, retryDelaysMs: [1, 1], sleep: noSleep });
    expect(outcome).toEqual({
      ok: false,
      attempts: 1,
      reason: 'The provider answered 400.',
      code: 'status:400',
    });
    expect(f.calls).toHaveLength(1);
  });
});
