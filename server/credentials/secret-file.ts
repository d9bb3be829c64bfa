/**
 * The ephemeral-credential secret, kept in DATA_DIR when EPHEMERAL_SECRET is not set, so webcall links and
 * minted SIP credentials survive a restart (issue 16.2). Generated once, readable by the server's user only.
 * Rotation: stop the server, delete the file (or set EPHEMERAL_SECRET), start again; see docs/operations.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_FILE = 'ephemeral-secret';

export function persistentSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, SECRET_FILE);
  try {
    const existing = readFileSync(path, 'utf8').trim();
    if (existing.length >= 32) {
      // Tighten a file copied in with looser permissions.
      if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
      return existing;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('base64url');
  // `wx`: never overwrite a secret another process wrote meanwhile; then read back the winner.
  try {
    writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(path, 'utf8').trim();
  }
  return secret;
}
