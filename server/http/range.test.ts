import { describe, expect, it } from 'vitest';
import { parseRange } from './range';

describe('parseRange (one byte range per request)', () => {
  it('answers the whole file without a Range, with another unit, or with several ranges', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'full' });
    expect(parseRange('', 100)).toEqual({ kind: 'full' });
    expect(parseRange('items=0-1', 100)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'full' });
  });

  it('reads closed, open-ended and suffix ranges, clamping the end to the file', () => {
    expect(parseRange('bytes=0-0', 100)).toEqual({ kind: 'partial', start: 0, end: 0 });
    expect(parseRange('bytes=10-19', 100)).toEqual({ kind: 'partial', start: 10, end: 19 });
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseRange('bytes=90-500', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseRange('Bytes=5-6', 100)).toEqual({ kind: 'partial', start: 5, end: 6 });
  });

  it('refuses ranges that cannot be satisfied or are malformed', () => {
    for (const bad of [
      'bytes=100-',
      'bytes=100-200',
      'bytes=20-10',
      'bytes=-0',
      'bytes=-',
      'bytes=a-b',
      'bytes=1-2-3',
    ]) {
      expect(parseRange(bad, 100), bad).toEqual({ kind: 'unsatisfiable' });
    }
    expect(parseRange('bytes=-5', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});
