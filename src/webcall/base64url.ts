/** Strict base64url (RFC 4648 §5, no padding) and standard base64 for bytes; no DOM, no Node. */

const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const STD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function lookup(alphabet: string): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}
const URL_TABLE = lookup(URL_ALPHABET);
const STD_TABLE = lookup(STD_ALPHABET);

function encode(bytes: Uint8Array, alphabet: string): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]!;
  }
  return out;
}

/** Decodes unpadded text over `table`; null on any character outside it or an impossible length. */
function decode(text: string, table: Int16Array): Uint8Array<ArrayBuffer> | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? table[code]! : -1;
    if (v < 0) return null;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >>> bits) & 0xff;
    }
  }
  // Leftover bits must be zero (canonical encoding): otherwise two texts would decode alike.
  if ((value & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  return encode(bytes, URL_ALPHABET);
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  return decode(text, URL_TABLE);
}

/** Standard base64 with or without `=` padding (legacy links). */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  const stripped = text.replace(/=+$/, '');
  if (text.length - stripped.length > 2) return null;
  return decode(stripped, STD_TABLE);
}

export function toBase64(bytes: Uint8Array): string {
  const body = encode(bytes, STD_ALPHABET);
  return body + '='.repeat((4 - (body.length % 4)) % 4);
}
