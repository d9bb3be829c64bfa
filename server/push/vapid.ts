/**
 * The server's VAPID key pair (RFC 8292): generated on first start and kept in the data directory,
 * readable by the server's user only (0600), so browser subscriptions made against the public key stay
 * valid across restarts. Losing the file means every device has to subscribe again.
 */
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import webpush from 'web-push';
import { z } from 'zod';

export const VAPID_KEY_FILE = 'vapid-keys.json';

export interface VapidKeys {
  /** base64url of the uncompressed P-256 public key (65 bytes): the browser's `applicationServerKey`. */
  publicKey: string;
  /** base64url of the 32-byte private scalar. */
  privateKey: string;
}

const KeyFile = z.object({
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{87}$/, 'publicKey must be 65 bytes of base64url'),
  privateKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'privateKey must be 32 bytes of base64url'),
});

/** Loads `<dataDir>/vapid-keys.json`, creating it (mode 0600) on first start. */
export function loadOrCreateVapidKeys(dataDir: string): VapidKeys {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, VAPID_KEY_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const keys = webpush.generateVAPIDKeys();
    try {
      // 'wx': never overwrite keys another process wrote in the meantime.
      writeFileSync(path, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      return { publicKey: keys.publicKey, privateKey: keys.privateKey };
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      text = readFileSync(path, 'utf8');
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(
      `${path} is not JSON: delete it to generate new VAPID keys (devices must subscribe again)`,
    );
  }
  const parsed = KeyFile.safeParse(json);
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues[0]?.message ?? 'invalid VAPID keys'}`);
  return parsed.data;
}
