/**
 * Webcall links for e2e specs: real ones made by the server under test (through its API, as the Agent
 * tab makes them), and forged ones an attacker could build.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebcallRoom } from '../../src/api/schemas';
import type { JoinPayload } from '../../src/webcall/payload';
import { signerFromKey, SIGNING_KEY_FILE } from '../../server/webcall/signing';
import { DEMO_PASSWORD } from './ports';

/** A room created by agent `user` on the server at `baseURL`; answers its link payload, signed. */
export async function serverRoom(baseURL: string, user = '1002'): Promise<WebcallRoom> {
  const session = await fetch(`${baseURL}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: user, password: DEMO_PASSWORD }),
  });
  if (!session.ok) throw new Error(`sign-in as ${user} failed: ${session.status}`);
  const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0]!;
  const res = await fetch(`${baseURL}/api/webcall/rooms`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/json' },
    body: JSON.stringify({ customerName: 'Chris Customer', expiresInS: 3600 }),
  });
  if (!res.ok) throw new Error(`room creation failed: ${res.status}`);
  return WebcallRoom.parse(await res.json());
}

/**
 * Signs a payload with the key of the server whose data directory is `dataDir`: what a link would look
 * like if the server itself had been tricked into naming a foreign SIP server.
 */
export function signWithServerKey(dataDir: string, payload: JoinPayload) {
  const key = createPrivateKey(readFileSync(join(dataDir, SIGNING_KEY_FILE)));
  return signerFromKey(key).sign(JSON.stringify(payload));
}
