/**
 * Password protection for link payloads, WebCrypto only: PBKDF2-SHA256 stretches the password into
 * 36 bytes — a 256-bit AES-GCM key and a 4-byte check value. The check value lets the join page tell
 * "wrong password" (check differs) from "link changed" (check matches, GCM tag fails).
 */

export const SALT_BYTES = 16;
export const IV_BYTES = 12;
export const CHECK_BYTES = 4;
/** OWASP (2023) guidance for PBKDF2-HMAC-SHA256. */
export const DEFAULT_ITERATIONS = 600_000;

export interface DerivedSecrets {
  key: CryptoKey;
  check: Uint8Array<ArrayBuffer>;
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto is not available (a secure origin is needed)');
  return s;
}

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

export async function deriveSecrets(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<DerivedSecrets> {
  const s = subtle();
  const material = await s.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = new Uint8Array(
    await s.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
      material,
      (32 + CHECK_BYTES) * 8,
    ),
  );
  const key = await s.importKey('raw', bits.slice(0, 32), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  return { key, check: bits.slice(32) };
}

export async function seal(
  key: CryptoKey,
  iv: Uint8Array<ArrayBuffer>,
  plaintext: Uint8Array<ArrayBuffer>,
  additionalData: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv, additionalData }, key, plaintext));
}

/** null when the tag does not verify (wrong key, or any byte of ciphertext or header changed). */
export async function open(
  key: CryptoKey,
  iv: Uint8Array<ArrayBuffer>,
  ciphertext: Uint8Array<ArrayBuffer>,
  additionalData: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    return new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv, additionalData }, key, ciphertext));
  } catch {
    return null;
  }
}

/** Constant-time comparison of two short byte strings. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
