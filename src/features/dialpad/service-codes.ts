/** Dialpad service codes (issue 13): typed like a number, acted on at once, never dialled. */
export const DEBUG_CODE = '*#0*#';

/** The code the value ends with, and the value without it; null when it ends with none. */
export function takeServiceCode(value: string): { code: typeof DEBUG_CODE; rest: string } | null {
  const compact = value.replace(/\s+/g, '');
  if (!compact.endsWith(DEBUG_CODE)) return null;
  return { code: DEBUG_CODE, rest: compact.slice(0, -DEBUG_CODE.length) };
}
