/** A suggested link password: 10 characters without look-alikes (about 50 bits), easy to read out. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function suggestPassword(length = 10): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length * 2));
  let out = '';
  for (const b of bytes) {
    // Rejection sampling keeps every character equally likely.
    if (b >= 256 - (256 % ALPHABET.length)) continue;
    out += ALPHABET[b % ALPHABET.length];
    if (out.length === length) break;
  }
  return out.length === length ? out : suggestPassword(length);
}
