/**
 * Opaque tokens the proxy hands to clients and gets back: the user part of our Record-Route (which
 * connections and users a dialog joins). Sealed with AES-256-GCM under a per-process key, so a
 * client can neither read the connection ids inside nor forge a token naming someone else's.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Longest token we try to open (a Route header is attacker-controlled). */
const MAX_TOKEN_CHARS = 1024;

export class TokenSealer {
  private readonly key: Buffer;

  constructor(key: Buffer = randomBytes(32)) {
    if (key.length !== 32) throw new Error('TokenSealer needs a 32-byte key');
    this.key = key;
  }

  seal(fields: readonly string[]): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(fields), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  /** The fields sealed in `token`, or undefined when it is not a token we issued (or was altered). */
  open(token: string): string[] | undefined {
    if (token.length > MAX_TOKEN_CHARS || !/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length <= IV_BYTES + TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      const text = Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
      const fields: unknown = JSON.parse(text);
      if (!Array.isArray(fields) || !fields.every((f): f is string => typeof f === 'string'))
        return undefined;
      return fields;
    } catch {
      return undefined;
    }
  }
}
