/**
 * Parser for ConnexCS `fn` strings such as `openForm('Feedback Form')`, `makeCall(alt_phone)`,
 * `redirect("https://x.example/a?b=c", true, _blank)`: a name, optionally followed by
 * parenthesised, comma-separated parameters, each quoted ('…' or "…", backslash escapes) or bare.
 * Whitespace is tolerated everywhere; one trailing `;` is allowed. Names are matched
 * case-insensitively later, by the registry. It never throws: errors carry a column.
 */
export interface FnCall {
  /** As written (case preserved). */
  name: string;
  args: string[];
}

export type FnParseResult = { ok: true; call: FnCall } | { ok: false; error: string };

export const MAX_FN_LENGTH = 2000;

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

export function parseFnString(source: string): FnParseResult {
  if (typeof source !== 'string') return { ok: false, error: 'fn must be a string.' };
  if (source.length > MAX_FN_LENGTH)
    return { ok: false, error: `fn is longer than ${MAX_FN_LENGTH} characters.` };
  let i = 0;
  const at = () => `at column ${i + 1}`;
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i]!)) i++;
  };
  const fail = (error: string): FnParseResult => ({ ok: false, error });

  skipSpace();
  if (i >= source.length) return fail('fn is empty.');
  NAME.lastIndex = i;
  const name = NAME.exec(source)?.[0];
  if (!name) return fail(`Expected an action name ${at()}.`);
  i += name.length;
  skipSpace();

  const args: string[] = [];
  if (source[i] === '(') {
    i++;
    skipSpace();
    if (source[i] === ')') {
      i++;
    } else {
      for (;;) {
        skipSpace();
        const start = i;
        const quote = source[i];
        let arg: string;
        if (quote === "'" || quote === '"') {
          i++;
          let text = '';
          let closed = false;
          while (i < source.length) {
            const c = source[i]!;
            if (c === '\\' && i + 1 < source.length) {
              text += source[i + 1];
              i += 2;
            } else if (c === quote) {
              i++;
              closed = true;
              break;
            } else {
              text += c;
              i++;
            }
          }
          if (!closed) return fail(`Unterminated string starting at column ${start + 1}.`);
          arg = text;
        } else {
          while (i < source.length && !/[,()'"]/.test(source[i]!)) i++;
          arg = source.slice(start, i).trim();
          if (arg === '') {
            if (source[i] === "'" || source[i] === '"') return fail(`Unexpected quote ${at()}.`);
            return fail(`Parameter ${args.length + 1} is empty ${at()}.`);
          }
        }
        args.push(arg);
        skipSpace();
        if (source[i] === ',') {
          i++;
          continue;
        }
        if (source[i] === ')') {
          i++;
          break;
        }
        if (i >= source.length) return fail(`Missing ')' at the end.`);
        return fail(`Expected ',' or ')' ${at()}.`);
      }
    }
  }
  skipSpace();
  if (source[i] === ';') i++;
  skipSpace();
  if (i < source.length) return fail(`Unexpected "${source.slice(i, i + 10)}" ${at()}.`);
  return { ok: true, call: { name, args } };
}
