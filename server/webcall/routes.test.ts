/**
 * `/api/webcall/*` through a real server: provider choice, audit rows, the channel webhook, and the
 * SIP guest scope enforced by the embedded proxy (a guest may call its agent and no one else).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebcallRoom } from '../../src/api/schemas';
import { startServer, type RunningServer } from '../app';
import { openDatabase } from '../db';
import { TestPhone, digestAuthorization, isRequest, rand } from '../sip/testing';
import { WebcallAudit } from './audit';
import { startSendbirdStub, type SendbirdStub } from './testing/sendbird-stub';
import { sessionCookie } from '../testing/signed-in-server';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'openline-webcall-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function api(server: RunningServer, cookie: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Cookie: cookie, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

describe('webcall rooms on the self-hosted SIP path', () => {
  let server: RunningServer;
  let dir: string;
  let cookie: string;
  let webhook: Server;
  const posted: unknown[] = [];

  beforeAll(async () => {
    webhook = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        posted.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
    dir = dataDir();
    server = await startServer({
      port: 0,
      dataDir: dir,
      staticDir: join(dir, 'none'),
      logLevel: 'silent',
      ephemeralSecret: 'webcall-test-secret',
      webcallWebhookUrl: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`,
    });
    cookie = await sessionCookie(server.url, '1001', 'openline');
  });
  afterAll(async () => {
    await server.close();
    await new Promise<void>((r) => webhook.close(() => r()));
  });

  it('needs a signed-in agent', async () => {
    expect((await api(server, '', '/api/webcall/rooms', { expiresInS: 3600 })).status).toBe(401);
    expect((await api(server, '', '/api/webcall/config')).status).toBe(401);
  });

  it('answers SIP join parameters scoped to the agent and writes an audit row', async () => {
    expect((await api(server, cookie, '/api/webcall/config')).json).toEqual({
      provider: 'sip',
      channel: true,
    });
    const before = Date.now();
    const res = await api(server, cookie, '/api/webcall/rooms', {
      customerName: 'Chris',
      ticket: 'T-42',
      expiresInS: 3600,
    });
    expect(res.status).toBe(200);
    const room = WebcallRoom.parse(res.json);
    if (room.provider !== 'sip') throw new Error('sip expected');
    expect(room.roomId).toMatch(/^[0-9a-f]{16}$/);
    expect(room.sip).toMatchObject({
      wsUrl: '/sip',
      domain: 'openline.local',
      target: 'sip:1001@openline.local',
    });
    expect(room.sip.username).toMatch(new RegExp(`^\\d+:webcall\\.${room.roomId}\\.1001$`));
    expect(room.expiresAt).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(JSON.stringify(res.json)).not.toContain('webcall-test-secret');
  });

  it('signs the call media into the link: audio when asked, no field for video (old pages read it as video)', async () => {
    const payloadOf = (room: WebcallRoom) =>
      JSON.parse(Buffer.from(room.link.payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const audio = WebcallRoom.parse(
      (await api(server, cookie, '/api/webcall/rooms', { expiresInS: 3600, media: 'audio' })).json,
    );
    expect(audio.media).toBe('audio');
    expect(payloadOf(audio).media).toBe('audio');
    for (const body of [{ expiresInS: 3600, media: 'video' }, { expiresInS: 3600 }]) {
      const video = WebcallRoom.parse((await api(server, cookie, '/api/webcall/rooms', body)).json);
      expect(video.media).toBe('video');
      expect('media' in payloadOf(video)).toBe(false);
    }
    expect(
      (await api(server, cookie, '/api/webcall/rooms', { expiresInS: 3600, media: 'screen' })).status,
    ).toBe(400);
  });

  it('rejects bad requests', async () => {
    expect((await api(server, cookie, '/api/webcall/rooms', { expiresInS: 10 })).status).toBe(400);
    expect(
      (await api(server, cookie, '/api/webcall/rooms', { expiresInS: 3600, ticket: 'a b' })).status,
    ).toBe(400);
  });

  it('posts the link to the channel webhook in the conversation-initiation shape', async () => {
    const room = WebcallRoom.parse(
      (await api(server, cookie, '/api/webcall/rooms', { customerName: 'Chris', expiresInS: 600 })).json,
    );
    const res = await api(server, cookie, `/api/webcall/rooms/${room.roomId}/send`, {
      channel: 'whatsapp',
      channelId: '+49 151 2345-678',
      message: 'Join: https://x/join#1.abc',
    });
    expect(res).toEqual({ status: 200, json: { delivered: true, status: 202 } });
    expect(posted.at(-1)).toMatchObject({
      systemId: 'openline',
      channel: 'whatsapp',
      channelId: '+491512345678',
      action: 'initiateConversation',
      agentId: '1001',
      contactName: 'Chris',
      roomId: room.roomId,
      message: { type: 'text', text: 'Join: https://x/join#1.abc' },
    });
    const other = await sessionCookie(server.url, '1002', 'openline');
    expect(
      (
        await api(server, other, `/api/webcall/rooms/${room.roomId}/send`, {
          channel: 'sms',
          channelId: '+4912345',
          message: 'x',
        })
      ).status,
    ).toBe(404);
  });

  it('lets the guest register and call its agent, and nobody else (403)', async () => {
    const room = WebcallRoom.parse(
      (await api(server, cookie, '/api/webcall/rooms', { expiresInS: 600 })).json,
    );
    if (room.provider !== 'sip') throw new Error('sip expected');
    const guestUser = room.sip.username.slice(room.sip.username.indexOf(':') + 1);
    const agent = await TestPhone.connect(server.url, '1001');
    const bystander = await TestPhone.connect(server.url, '1002');
    const guest = await TestPhone.connect(server.url, guestUser, { password: room.sip.password });
    try {
      expect((await agent.register()).statusCode).toBe(200);
      expect((await bystander.register()).statusCode).toBe(200);
      expect((await guest.register({ username: room.sip.username })).statusCode).toBe(200);

      guest.send(guest.outOfDialog('INVITE', 'sip:1002@openline.local', { body: 'v=0\r\n' }).text);
      const refused = await guest.final('INVITE');
      expect(refused.statusCode).toBe(403);
      await bystander.nothing((m) => isRequest(m, 'INVITE'));

      // Dressed up as an in-dialog request (To tag), still refused.
      guest.send(
        guest
          .outOfDialog('INVITE', 'sip:1002@openline.local', { body: 'v=0\r\n' })
          .text.replace('<sip:1002@openline.local>\r\n', '<sip:1002@openline.local>;tag=abc\r\n'),
      );
      expect((await guest.final('INVITE')).statusCode).toBe(403);
      await bystander.nothing((m) => isRequest(m, 'INVITE'));

      guest.send(guest.outOfDialog('INVITE', 'sip:1001@openline.local', { body: 'v=0\r\n' }).text);
      const reached = await agent.request('INVITE');
      expect(reached.getHeader('from')).toContain(guestUser);

      // A wrong password for the guest identity is refused like any other.
      const forger = await TestPhone.connect(server.url, guestUser, { password: 'forged' });
      forger.send(forger.registerText({ callId: `reg-${rand()}` }));
      const www = (await forger.final('REGISTER')).getHeader('www-authenticate') ?? '';
      forger.send(
        forger.registerText({
          authorization: digestAuthorization(www, {
            username: room.sip.username,
            password: 'forged',
            method: 'REGISTER',
            uri: 'sip:openline.local',
          }),
        }),
      );
      expect((await forger.final('REGISTER')).statusCode).toBe(401);
      await forger.close();
    } finally {
      await Promise.all([agent.close(), bystander.close(), guest.close()]);
    }
  });

  it('keeps one audit row per room', () => {
    const db = openDatabase(dir);
    try {
      const count = db.prepare('SELECT COUNT(*) AS n FROM webcall_rooms').get() as { n: number };
      expect(count.n).toBeGreaterThanOrEqual(3);
      const first = db.prepare("SELECT room_id FROM webcall_rooms WHERE ticket = 'T-42'").get() as {
        room_id: string;
      };
      expect(new WebcallAudit(db).get(first.room_id)).toMatchObject({
        provider: 'sip',
        agent: '1001',
        customerName: 'Chris',
      });
    } finally {
      db.close();
    }
  });
});

describe('webcall rooms on Sendbird', () => {
  let stub: SendbirdStub;
  let server: RunningServer;

  beforeAll(async () => {
    stub = await startSendbirdStub('sb-token');
    const dir = dataDir();
    server = await startServer({
      port: 0,
      dataDir: dir,
      staticDir: join(dir, 'none'),
      logLevel: 'silent',
      sendbirdAppId: 'APP-1',
      sendbirdApiToken: 'sb-token',
      sendbirdApiBase: stub.url,
      sendbirdCallsApiBase: stub.url,
    });
  });
  afterAll(async () => {
    await server.close();
    await stub.close();
  });

  it('creates service user, agent user and room, and never shows the API token', async () => {
    const cookie = await sessionCookie(server.url, '1001', 'openline');
    expect((await api(server, cookie, '/api/webcall/config')).json).toEqual({
      provider: 'sendbird',
      channel: false,
    });
    const res = await api(server, cookie, '/api/webcall/rooms', { ticket: 'T-7', expiresInS: 3600 });
    expect(res.status).toBe(200);
    const room = WebcallRoom.parse(res.json);
    expect(room).toMatchObject({
      provider: 'sendbird',
      roomId: 'room-1',
      sendbird: { appId: 'APP-1', customer: { userId: 'service_user_T-7' }, agent: { userId: 'agent_1001' } },
    });
    expect(JSON.stringify(res.json)).not.toContain('sb-token');
    const tokenBody = stub.requests.find((r) => r.path === '/v3/users/service_user_T-7/token')!.body as {
      expires_at: number;
    };
    expect(tokenBody.expires_at).toBe(room.expiresAt);
  });

  it('maps Sendbird failures to clear API errors', async () => {
    const cookie = await sessionCookie(server.url, '1001', 'openline');
    stub.failNext(500, { error: true, code: 500901, message: 'Unexpected internal error.' });
    const res = await api(server, cookie, '/api/webcall/rooms', { ticket: 'T-8', expiresInS: 3600 });
    expect(res.status).toBe(502);
    expect(res.json).toMatchObject({ error: 'provider_error' });
    stub.rateLimit(5, 60);
    const busy = await api(server, cookie, '/api/webcall/rooms', { ticket: 'T-8', expiresInS: 3600 });
    expect(busy).toMatchObject({ status: 503, json: { error: 'provider_busy' } });
    stub.rateLimit(0, 0);
  });
});
