import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VoicemailSettings } from '../../src/api/voicemail-schemas';
import type { RunningServer } from '../app';
import { startSignedInServer, type SignedInServer } from '../testing/signed-in-server';
import { oggTone, uploadGreeting, wavFile } from './testing/fixtures';

let running: SignedInServer;
let server: RunningServer;
let dataDir: string;
let cookies: Record<string, string>;

beforeAll(async () => {
  running = await startSignedInServer(
    ['1001', '1002'],
    { voicemailNoAnswerMs: 15_000 },
    'openline-vm-settings-',
  );
  ({ server, dataDir, cookies } = running);
});
afterAll(() => running.close());

const call = (method: string, path: string, user: string, body?: unknown, type = 'application/json') =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { cookie: cookies[user] ?? '', ...(body !== undefined ? { 'Content-Type': type } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });

async function settingsOf(user: string): Promise<VoicemailSettings> {
  const res = await call('GET', '/api/voicemail/settings', user);
  expect(res.status).toBe(200);
  return VoicemailSettings.parse(await res.json());
}

const put = (user: string, body: unknown, type?: string) =>
  call('PUT', '/api/voicemail/settings', user, body, type);

describe('voicemail settings API', () => {
  it('starts from the server defaults', async () => {
    expect(await settingsOf('1001')).toEqual({
      enabled: true,
      noAnswerS: null,
      defaultNoAnswerMs: 15_000,
      greeting: 'default',
    });
  });

  it('needs a session for every route', async () => {
    for (const [method, path] of [
      ['GET', '/api/voicemail/settings'],
      ['PUT', '/api/voicemail/settings'],
      ['GET', '/api/voicemail/greeting'],
      ['DELETE', '/api/voicemail/greeting'],
    ] as const) {
      expect((await call(method, path, 'nobody')).status, `${method} ${path}`).toBe(401);
    }
    const upload = await uploadGreeting(server.url, '', { bytes: oggTone(400), type: 'audio/ogg' });
    expect(upload.status).toBe(401);
  });

  it('validates the JSON with a specific message', async () => {
    const cases: Array<[unknown, string]> = [
      [{ enabled: true, noAnswerS: 4 }, 'noAnswerS: must be at least 5 seconds'],
      [{ enabled: true, noAnswerS: 121 }, 'noAnswerS: must be at most 120 seconds'],
      [{ enabled: true, noAnswerS: 7.5 }, 'noAnswerS: must be a whole number of seconds'],
      [{ enabled: true, noAnswerS: '10' }, 'noAnswerS: must be a number of seconds'],
      [{ noAnswerS: 10 }, 'enabled: must be true or false'],
      [{ enabled: true, noAnswerS: 10, owner: '1002' }, 'owner'],
    ];
    for (const [body, message] of cases) {
      const res = await put('1001', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain(message);
    }
    expect((await put('1001', 'enabled=false', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await settingsOf('1001')).noAnswerS).toBeNull();
  });

  it("changes only the signed-in user's own settings", async () => {
    const res = await put('1001', { enabled: true, noAnswerS: 8 });
    expect(res.status).toBe(200);
    expect(VoicemailSettings.parse(await res.json())).toMatchObject({ enabled: true, noAnswerS: 8 });
    expect((await put('1002', { enabled: false, noAnswerS: null })).status).toBe(200);
    expect(await settingsOf('1001')).toMatchObject({ enabled: true, noAnswerS: 8 });
    expect(await settingsOf('1002')).toMatchObject({ enabled: false, noAnswerS: null });
    await put('1002', { enabled: true, noAnswerS: null });
  });
});

describe('voicemail greeting upload', () => {
  const upload = (bytes: Buffer, type = 'audio/ogg', user = '1001') =>
    uploadGreeting(server.url, cookies[user]!, { bytes, type });
  const problem = (json: unknown) => (json as { message: string }).message;

  it('keeps an Ogg/Opus greeting for its owner only, plays it back and reverts on delete', async () => {
    const defaultGreeting = Buffer.from(
      await (await call('GET', '/api/voicemail/greeting', '1001')).arrayBuffer(),
    );
    expect(defaultGreeting.toString('latin1', 0, 4)).toBe('OggS');
    const mine = oggTone(1500);
    const res = await upload(mine, 'audio/ogg');
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(VoicemailSettings.parse(res.json).greeting).toBe('custom');
    expect(readFileSync(join(dataDir, 'voicemail', 'greetings', '1001.ogg')).equals(mine)).toBe(true);
    const back = await call('GET', '/api/voicemail/greeting', '1001');
    expect(back.headers.get('content-type')).toBe('audio/ogg');
    expect(Buffer.from(await back.arrayBuffer()).equals(mine)).toBe(true);
    // 1002 still has (and hears) the default.
    expect((await settingsOf('1002')).greeting).toBe('default');
    const theirs = Buffer.from(await (await call('GET', '/api/voicemail/greeting', '1002')).arrayBuffer());
    expect(theirs.equals(defaultGreeting)).toBe(true);
    // 1002 deleting "the" greeting deletes only their own (none).
    await call('DELETE', '/api/voicemail/greeting', '1002');
    expect((await settingsOf('1001')).greeting).toBe('custom');
    const deleted = await call('DELETE', '/api/voicemail/greeting', '1001');
    expect(VoicemailSettings.parse(await deleted.json()).greeting).toBe('default');
    expect(Buffer.from(await (await call('GET', '/api/voicemail/greeting', '1001')).arrayBuffer())).toEqual(
      defaultGreeting,
    );
  });

  it('refuses other types, Ogg without Opus, files over 1 MiB and greetings over 30 s', async () => {
    const wav = await upload(wavFile(500), 'audio/wav');
    expect(wav.status).toBe(415);
    expect(problem(wav.json)).toContain('Use an Ogg Opus file (.ogg/.opus), up to 30 s');

    const vorbis = Buffer.alloc(200);
    vorbis.write('OggS', 0, 'latin1');
    vorbis.write('\x01vorbis', 28, 'latin1');
    const notOpus = await upload(vorbis);
    expect(notOpus.status).toBe(415);
    expect(problem(notOpus.json)).toContain('not Ogg Opus');

    const big = Buffer.alloc(1024 * 1024 + 1);
    big.write('OggS', 0, 'latin1');
    const tooBig = await upload(big);
    expect(tooBig.status).toBe(413);

    const long = await upload(oggTone(31_000));
    expect(long.status).toBe(415);
    expect(problem(long.json)).toContain('this one is 31 s long');

    const truncated = await upload(oggTone(1000).subarray(0, 300));
    expect(truncated.status).toBe(415);
    expect(problem(truncated.json)).toContain('cut short');

    const mislabelled = await upload(oggTone(500), 'audio/wav');
    expect(mislabelled.status).toBe(415);

    const wrongField = await uploadGreeting(
      server.url,
      cookies['1001']!,
      { bytes: oggTone(500), type: 'audio/ogg' },
      'audio',
    );
    expect(wrongField.status).toBe(400);
    expect((await settingsOf('1001')).greeting).toBe('default');
  });
});
