import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration';

describe('formatDuration', () => {
  it.each([
    [0, '00:00'],
    [999, '00:00'],
    [7_000, '00:07'],
    [754_000, '12:34'],
    [3_723_000, '1:02:03'],
    [-5, '00:00'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatDuration in another language', () => {
  it("uses the language's digits: Arabic-Indic for Egyptian Arabic, Latin for Spanish", () => {
    expect(formatDuration(65_000, 'ar-EG')).toBe('٠١:٠٥');
    expect(formatDuration(3_723_000, 'es')).toBe('1:02:03');
  });
});
