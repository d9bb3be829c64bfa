/** Generated passwords (a new account without one, a reset): shown once, never stored in clear. */
import { randomBytes } from 'node:crypto';
import { passwordProblem } from '../../src/api/account-schemas';

/** 16 characters from 96 random bits, without look-alikes (0/O, 1/l/I) so it can be read aloud. */
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function generatePassword(length = 16): string {
  for (;;) {
    const bytes = randomBytes(length * 2);
    let out = '';
    for (const b of bytes) {
      // 228 = 4 × 57: rejecting larger bytes keeps every character equally likely.
      if (b < 228) out += ALPHABET[b % ALPHABET.length];
      if (out.length === length) break;
    }
    if (out.length === length && passwordProblem(out) === null) return out;
  }
}
