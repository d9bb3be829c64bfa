/**
 * One `Range: bytes=…` request header against a file of `size` bytes (RFC 9110 §14), so media elements
 * can seek and read a file's end (a browser reads an Ogg file's last page for its duration).
 * Only a single range is served; several ranges, another unit or a malformed header are answered with
 * the whole file (what a server that ignores Range does, and allowed by the RFC); a range that starts
 * past the end is `unsatisfiable` (416).
 */
export type ByteRange = { start: number; end: number } | 'whole' | 'unsatisfiable';

const SINGLE = /^bytes=(\d*)-(\d*)$/;

export function byteRange(header: string | undefined, size: number): ByteRange {
  if (header === undefined) return 'whole';
  const m = SINGLE.exec(header.trim());
  if (!m) return 'whole';
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return 'whole';
  if (first === '') {
    // A suffix: the last N bytes.
    const n = Number(last);
    if (n === 0) return 'unsatisfiable';
    return size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.MAX_SAFE_INTEGER : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return 'whole';
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(end, size - 1) };
}
