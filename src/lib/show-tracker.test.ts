import { describe, expect, it } from 'vitest';
import { createShowTracker } from './show-tracker';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('createShowTracker', () => {
  it('settled() waits for the show under the key, and only that one', async () => {
    const shows = createShowTracker();
    const a = deferred();
    void shows.track('a', a.promise);
    const order: string[] = [];
    const waitA = shows.settled('a').then(() => order.push('a settled'));
    await shows.settled('b').then(() => order.push('b settled'));
    expect(order).toEqual(['b settled']);
    a.resolve();
    await waitA;
    expect(order).toEqual(['b settled', 'a settled']);
  });

  it('a failed show still lets its close go on; track() passes the failure to the caller', async () => {
    const shows = createShowTracker();
    const a = deferred();
    const tracked = shows.track('a', a.promise);
    a.reject(new Error('permission revoked'));
    await expect(tracked).rejects.toThrow('permission revoked');
    await expect(shows.settled('a')).resolves.toBeUndefined();
  });

  it('a second show under the same key is the one waited for', async () => {
    const shows = createShowTracker();
    const first = deferred();
    const second = deferred();
    void shows.track('a', first.promise);
    void shows.track('a', second.promise);
    first.resolve();
    let done = false;
    const wait = shows.settled('a').then(() => (done = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(done).toBe(false);
    second.resolve();
    await wait;
    expect(done).toBe(true);
  });
});
