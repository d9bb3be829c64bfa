import { describe, expect, it } from 'vitest';
import { byteRange } from './byte-range';

describe('byteRange', () => {
  it('reads a single range: from–to, open-ended, a suffix, clamped to the file', () => {
    expect(byteRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(byteRange('bytes=500-', 1000)).toEqual({ start: 500, end: 999 });
    expect(byteRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(byteRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
    expect(byteRange('bytes=990-2000', 1000)).toEqual({ start: 990, end: 999 });
    expect(byteRange(' bytes=0-0 ', 1000)).toEqual({ start: 0, end: 0 });
  });

  it('answers the whole file without a header, for several ranges, another unit or garbage', () => {
    for (const h of [
      undefined,
      'bytes=0-1,5-6',
      'items=0-1',
      'bytes=',
      'bytes=-',
      'bytes=9-3',
      'bytes=a-b',
      'nonsense',
    ])
      expect(byteRange(h, 1000)).toBe('whole');
    expect(byteRange('bytes=99999999999999999999-', 1000)).toBe('whole');
  });

  it('refuses a range past the end or an empty suffix (416)', () => {
    expect(byteRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(byteRange('bytes=2000-3000', 1000)).toBe('unsatisfiable');
    expect(byteRange('bytes=-0', 1000)).toBe('unsatisfiable');
  });
});
