/** Choosing the response a forked request ends with (RFC 3261 §16.7 step 6). */
import { describe, expect, it } from 'vitest';
import { chooseBest } from './forwarding';

const best = (...statuses: number[]) =>
  chooseBest(statuses.map((status) => ({ status, reason: String(status) }))).status;

describe('chooseBest', () => {
  it.each([
    [[486, 480], 486],
    [[480, 407], 407],
    [[487, 404], 404],
    [[603, 486], 603],
    [[500, 404], 404],
    // A 482 Loop Detected says nothing about the callee: any other branch's answer wins.
    [[482, 487], 487],
    [[482, 480], 480],
    [[408, 482], 408],
    [[482, 503], 503],
    [[482], 482],
  ])('%j → %i', (statuses, expected) => {
    expect(best(...statuses)).toBe(expected);
  });
});
