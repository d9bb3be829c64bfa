/**
 * Link signatures: the server that mints a link's credentials signs the payload's exact JSON bytes with
 * Ed25519 (its key lives in its data directory); the join page verifies them with the public key the
 * serving origin publishes in `/api/config`. WebCrypto only. Encryption (password) and signature
 * (origin) are separate: a protected link carries the signature inside the ciphertext, next to the
 * payload, and its clear-text expiry must equal the signed one.
 */

export const SIGNATURE_BYTES = 64;
export const PUBLIC_KEY_BYTES = 32;
/** Domain separation: a signature over a link payload can never be replayed as anything else. */
const CONTEXT = new TextEncoder().encode('openline-webcall-link\0');

/** The bytes that are signed: a fixed context label followed by the payload's JSON bytes. */
export function signedMessage(payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const message = new Uint8Array(CONTEXT.length + payload.length);
  message.set(CONTEXT);
  message.set(payload, CONTEXT.length);
  return message;
}

/** false for a bad key, a bad signature or a browser without Ed25519 (never throws). */
export async function verifySignature(
  publicKey: Uint8Array,
  payload: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (publicKey.length !== PUBLIC_KEY_BYTES || signature.length !== SIGNATURE_BYTES) return false;
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return false;
  try {
    const key = await subtle.importKey('raw', new Uint8Array(publicKey), { name: 'Ed25519' }, false, [
      'verify',
    ]);
    return await subtle.verify({ name: 'Ed25519' }, key, new Uint8Array(signature), signedMessage(payload));
  } catch {
    return false;
  }
}
