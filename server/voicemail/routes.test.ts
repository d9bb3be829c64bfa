import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VoicemailList } from '../../src/api/voicemail-schemas';
import type { RunningServer } from '../app';
import { startSignedInServer, type SignedInServer } from '../testing/signed-in-server';
import { ingest, oggTone, wavFile, webmHeader } from './testing/fixtures';

const KEY = 'k'.repeat(40);
let running: SignedInServer;
let server: RunningServer;
let dataDir: string;
let ogg: Buffer;
let cookies: Record<string, string>;

beforeAll(async () => {
  ogg = oggTone(1200);
  running = await startSignedInServer(
    ['1001', '1002'],
    { voicemailIngestKey: KEY, voicemailMaxBytes: 64 * 1024 },
    'openline-vm-',
  );
  ({ server, dataDir, cookies } = running);
});
afterAll(() => running.close());

const get = (path: string, user: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers: { cookie: cookies[user] ?? '', ...headers } });
const send = (method: string, path: string, user: string) =>
  fetch(`${server.url}${path}`, { method, headers: { cookie: cookies[user] ?? '' } });

async function deposit(mailbox: string, caller: string, receivedAt?: number): Promise<string> {
  const fields: Record<string, string> = {
    mailbox,
    caller,
    callerName: `Caller ${caller}`,
    callId: `cid-${caller}`,
  };
  if (receivedAt) fields.receivedAt = String(receivedAt);
  const res = await ingest(server.url, { key: KEY, fields, file: { bytes: ogg, type: 'audio/ogg' } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return (res.json as { id: string }).id;
}

async function list(user: string, query = ''): Promise<VoicemailList> {
  const res = await get(`/api/voicemail${query}`, user);
  expect(res.status).toBe(200);
  return VoicemailList.parse(await res.json());
}

describe('voicemail API', () => {
  it("lists only the signed-in user's messages, newest first, page by page", async () => {
    const base = Date.now() - 100_000;
    for (let i = 0; i < 5; i++) await deposit('1001', `+4420794600${i}`, base + i * 1000);
    await deposit('1002', '1003');
    const first = await list('1001', '?limit=2');
    expect(first.messages.map((m) => m.caller)).toEqual(['+44207946004', '+44207946003']);
    expect(first.counts).toEqual({ unheard: 5, heard: 0 });
    expect(first.messages[0]).toMatchObject({
      callerName: 'Caller +44207946004',
      callId: 'cid-+44207946004',
      heard: false,
      mediaType: 'audio/ogg',
      sizeBytes: ogg.length,
    });
    expect(first.messages[0]!.durationMs).toBeGreaterThan(1150);
    const second = await list('1001', `?limit=2&cursor=${encodeURIComponent(first.next!)}`);
    const third = await list('1001', `?limit=2&cursor=${encodeURIComponent(second.next!)}`);
    expect([...second.messages, ...third.messages].map((m) => m.caller)).toEqual([
      '+44207946002',
      '+44207946001',
      '+44207946000',
    ]);
    expect(third.next).toBeNull();
    expect((await list('1002')).messages.map((m) => m.caller)).toEqual(['1003']);
    expect((await get('/api/voicemail?limit=0', '1001')).status).toBe(400);
    expect((await get('/api/voicemail?cursor=1.%27%20OR%201', '1001')).status).toBe(400);
    expect((await fetch(`${server.url}/api/voicemail`)).status).toBe(401);
  });

  it('streams with Range: 206 with Content-Range, 416 for a range past the end, whole file without', async () => {
    const id = await deposit('1001', '2000');
    const full = await get(`/api/voicemail/${id}/audio`, '1001');
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('audio/ogg');
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await full.arrayBuffer()).equals(ogg)).toBe(true);

    const part = await get(`/api/voicemail/${id}/audio`, '1001', { Range: 'bytes=4-99' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 4-99/${ogg.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(ogg.subarray(4, 100))).toBe(true);

    const tail = await get(`/api/voicemail/${id}/audio`, '1001', { Range: 'bytes=-10' });
    expect(tail.headers.get('content-range')).toBe(
      `bytes ${ogg.length - 10}-${ogg.length - 1}/${ogg.length}`,
    );
    expect(Buffer.from(await tail.arrayBuffer()).equals(ogg.subarray(-10))).toBe(true);

    const past = await get(`/api/voicemail/${id}/audio`, '1001', { Range: `bytes=${ogg.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${ogg.length}`);

    const download = await get(`/api/voicemail/${id}/download`, '1001');
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(
      /^attachment; filename="voicemail-2000-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.ogg"$/,
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(ogg)).toBe(true);
  });

  it("never lets one user reach another user's message, whatever the id", async () => {
    const id = await deposit('1002', '1001');
    const attempts: Array<[string, string]> = [
      ['GET', `/api/voicemail/${id}/audio`],
      ['GET', `/api/voicemail/${id}/download`],
      ['POST', `/api/voicemail/${id}/heard`],
      ['DELETE', `/api/voicemail/${id}`],
      // Guessed and malformed ids, incl. path tricks, answer the same 404.
      ['GET', `/api/voicemail/${'A'.repeat(22)}/audio`],
      ['GET', '/api/voicemail/1/audio'],
      ['GET', '/api/voicemail/..%2F..%2Fopenline.db/audio'],
      ['DELETE', `/api/voicemail/${id.slice(0, 21)}x`],
    ];
    for (const [method, path] of attempts) {
      const res = await send(method, path, '1001');
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(await res.json()).toEqual({ error: 'not_found', message: 'No such voicemail message.' });
    }
    // Still there, unheard, for its owner.
    const mine = await list('1002');
    expect(mine.messages.find((m) => m.id === id)).toMatchObject({ heard: false });
    for (const path of [`/api/voicemail/${id}/audio`, `/api/voicemail`]) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(401);
    }
  });

  it('marks heard once and deletes row and file, answering the new counts', async () => {
    const before = (await list('1002')).counts;
    const id = await deposit('1002', '1003');
    const heard = await send('POST', `/api/voicemail/${id}/heard`, '1002');
    expect(await heard.json()).toEqual({ unheard: before.unheard, heard: before.heard + 1 });
    expect(await (await send('POST', `/api/voicemail/${id}/heard`, '1002')).json()).toEqual({
      unheard: before.unheard,
      heard: before.heard + 1,
    });
    const filesBefore = readdirSync(join(dataDir, 'voicemail')).length;
    const deleted = await send('DELETE', `/api/voicemail/${id}`, '1002');
    expect(await deleted.json()).toEqual(before);
    expect(readdirSync(join(dataDir, 'voicemail'))).toHaveLength(filesBefore - 1);
    expect((await get(`/api/voicemail/${id}/audio`, '1002')).status).toBe(404);
  });
});

describe('POST /api/voicemail (ingest from other PBXs)', () => {
  const fields = { mailbox: '1003', caller: '+442079460123' };
  const file = () => ({ bytes: ogg, type: 'audio/ogg' });

  it('requires the server-to-server key, not a user session', async () => {
    expect((await ingest(server.url, { fields, file: file() })).status).toBe(401);
    expect((await ingest(server.url, { key: 'k'.repeat(39), fields, file: file() })).status).toBe(401);
    const withCookie = await fetch(`${server.url}/api/voicemail`, {
      method: 'POST',
      headers: { cookie: cookies['1001']! },
    });
    expect(withCookie.status).toBe(401);
  });

  it('refuses bad files and metadata with specific errors', async () => {
    const cases: Array<[Parameters<typeof ingest>[1], number, RegExp]> = [
      [
        { key: KEY, fields, file: { bytes: Buffer.from('<svg onload=alert(1)>'), type: 'audio/ogg' } },
        415,
        /not Ogg\/Opus, WebM\/Opus or WAV/,
      ],
      [
        { key: KEY, fields, file: { bytes: wavFile(300), type: 'audio/ogg' } },
        415,
        /declared as audio\/ogg but the bytes are audio\/wav/,
      ],
      [{ key: KEY, fields, file: { bytes: webmHeader(), type: 'audio/webm' } }, 400, /durationMs: required/],
      [{ key: KEY, fields: { ...fields, mailbox: '9999' }, file: file() }, 404, /mailbox: no user 9999/],
      [
        { key: KEY, fields: { ...fields, mailbox: '../1001' }, file: file() },
        400,
        /mailbox: must be a local username/,
      ],
      [{ key: KEY, fields }, 400, /audio: the file is missing/],
      [
        {
          key: KEY,
          fields,
          file: { bytes: Buffer.concat([ogg, Buffer.alloc(64 * 1024)]), type: 'audio/ogg' },
        },
        413,
        /larger than 65536 bytes/,
      ],
    ];
    for (const [request, status, message] of cases) {
      const res = await ingest(server.url, request);
      expect(res.status, JSON.stringify(res.json)).toBe(status);
      expect((res.json as { message: string }).message).toMatch(message);
    }
    const json = await fetch(`${server.url}/api/voicemail`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
  });

  it('stores WAV and WebM with the metadata given', async () => {
    const wav = await ingest(server.url, {
      key: KEY,
      fields: { ...fields, callId: 'ast-1' },
      file: { bytes: wavFile(2000), type: 'audio/x-wav' },
    });
    expect(wav).toMatchObject({ status: 201, json: { durationMs: 2000 } });
    const webm = await ingest(server.url, {
      key: KEY,
      fields: { ...fields, durationMs: '4321' },
      file: { bytes: webmHeader(), type: 'audio/webm' },
    });
    expect(webm).toMatchObject({ status: 201, json: { durationMs: 4321 } });
  });
});
