/**
 * The server's webcall link signing key (Ed25519). Generated on first start and kept in the data
 * directory, readable by the server's user only (0600), so links stay valid across restarts; the
 * public half is published in `/api/config` for the join page (src/webcall/signature.ts).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signedMessage } from '../../src/webcall/signature';

export const SIGNING_KEY_FILE = 'webcall-signing-key.pem';

export interface LinkSigner {
  /** base64url of the raw 32-byte public key. */
  readonly publicKey: string;
  /** Signs a payload's JSON bytes; answers both as base64url, as the link codec takes them. */
  sign(payloadJson: string): { payload: string; signature: string };
}

export function signerFromKey(privateKey: KeyObject): LinkSigner {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('the link signing key is not an Ed25519 key');
  return {
    publicKey: jwk.x,
    sign(payloadJson) {
      const bytes = Buffer.from(payloadJson, 'utf8');
      return {
        payload: bytes.toString('base64url'),
        signature: sign(null, signedMessage(bytes), privateKey).toString('base64url'),
      };
    },
  };
}

/** Loads `<dataDir>/webcall-signing-key.pem`, creating it (mode 0600) on first start. */
export function loadOrCreateSigner(dataDir: string): LinkSigner {
  const path = join(dataDir, SIGNING_KEY_FILE);
  if (!existsSync(path)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    // 'wx': never overwrite a key another process wrote in the meantime.
    writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  } else if ((statSync(path).mode & 0o077) !== 0) {
    chmodSync(path, 0o600);
  }
  const key = createPrivateKey(readFileSync(path));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${path} is not an Ed25519 private key`);
  return signerFromKey(key);
}
