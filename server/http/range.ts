/**
 * HTTP Range (RFC 9110 §14) for streaming a voicemail or a customer's voice note or video (ADR 0036):
 * one byte range per request, which is what `<audio>` and `<video>` elements ask for. Several ranges in one header are answered with the whole file (allowed:
 * a server may ignore Range), so nobody needs multipart/byteranges.
 */

export type RangeVerdict =
  { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

const SINGLE = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i;

/** Reads a `Range` header against a file of `size` bytes (`end` is inclusive). */
export function parseRange(header: string | undefined, size: number): RangeVerdict {
  if (header === undefined || header.trim() === '') return { kind: 'full' };
  if (!/^bytes=/i.test(header.trim())) return { kind: 'full' }; // unknown unit: ignore (RFC 9110 §14.2)
  if (header.includes(',')) return { kind: 'full' };
  const m = SINGLE.exec(header.trim());
  if (!m) return { kind: 'unsatisfiable' };
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return { kind: 'unsatisfiable' };
  if (first === '') {
    // Suffix range: the last N bytes.
    const n = Number(last);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || (last !== '' && Number(last) < start)) {
    return { kind: 'unsatisfiable' };
  }
  return { kind: 'partial', start, end };
}
