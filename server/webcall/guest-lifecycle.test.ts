/**
 * A webcall guest's access ends with its room (issue 15.12): when the agent closes the room, the
 * guest's live socket is closed (and with it its registration), and its credentials no longer
 * authenticate even though they have not expired yet.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebcallRoom } from '../../src/api/schemas';
import { startServer, type RunningServer } from '../app';
import { GUEST_EXPIRED_CLOSE } from '../sip';
import { TestPhone } from '../sip/testing';

const dir = mkdtempSync(join(tmpdir(), 'openline-guest-life-'));
let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  server = await startServer({
    port: 0,
    dataDir: dir,
    staticDir: join(dir, 'none'),
    logLevel: 'silent',
    ephemeralSecret: 'guest-lifecycle-secret',
  });
  const res = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: '1001', password: 'openline' }),
  });
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (path: string, body: unknown = {}, who = cookie) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { Cookie: who, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

/** REGISTERs the guest with its link's credentials; answers the final status. */
async function registerGuest(guest: TestPhone, room: Extract<WebcallRoom, { provider: 'sip' }>) {
  const res = await guest.register({ username: room.sip.username, password: room.sip.password });
  return res.statusCode;
}

describe('closing a webcall room', () => {
  it('closes the guest’s socket and refuses its still-unexpired credentials', async () => {
    const room = WebcallRoom.parse(await (await post('/api/webcall/rooms', { expiresInS: 600 })).json());
    if (room.provider !== 'sip') throw new Error('sip expected');
    const guestUser = room.sip.username.slice(room.sip.username.indexOf(':') + 1);
    const guest = await TestPhone.connect(server.url, guestUser, { password: room.sip.password });
    expect(await registerGuest(guest, room)).toBe(200);
    const closed = new Promise<number>((resolve) => guest.ws.once('close', (code) => resolve(code)));

    // Only the room's agent may close it.
    const res2 = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: '1002', password: 'openline' }),
    });
    const other = (res2.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await post(`/api/webcall/rooms/${room.roomId}/close`, {}, other)).status).toBe(404);
    expect(guest.closed).toBe(false);

    const res = await post(`/api/webcall/rooms/${room.roomId}/close`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ closed: true });
    expect(await closed).toBe(GUEST_EXPIRED_CLOSE);

    const again = await TestPhone.connect(server.url, guestUser, { password: room.sip.password });
    try {
      expect(await registerGuest(again, room)).toBe(401);
    } finally {
      await again.close();
    }
  });
});
