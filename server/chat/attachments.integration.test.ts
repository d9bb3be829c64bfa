/**
 * Chat attachments over HTTP on a real server (ADR 0024): upload with sniffed types and limits, and
 * who may fetch what. Limits are lowered through the environment so that "too big", the quota and the
 * hourly rate can be reached with small files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UploadedAttachment } from '../../src/api/attachment-schemas';
import { startSignedInServer, type SignedInServer } from '../testing/signed-in-server';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 7),
]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]);

let s: SignedInServer;
const saved: Record<string, string | undefined> = {};
const ENV = { ATTACHMENTS_MAX_BYTES: '700000', ATTACHMENTS_QUOTA_MB: '1', ATTACHMENTS_PER_HOUR: '8' };

beforeAll(async () => {
  for (const [k, v] of Object.entries(ENV)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  s = await startSignedInServer(['1001', '1002', '1003'], {}, 'openline-attach-');
});
afterAll(async () => {
  await s.close();
  for (const k of Object.keys(ENV)) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

async function upload(
  user: string | null,
  file: { bytes: Buffer; name: string; type?: string },
  to = 'sip:1002@openline.local',
  headers: Record<string, string> = { 'X-Openline-Upload': '1' },
) {
  const form = new FormData();
  form.append('to', to);
  form.append(
    'file',
    new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }),
    file.name,
  );
  const res = await fetch(`${s.server.url}/api/attachments`, {
    method: 'POST',
    headers: { ...headers, ...(user ? { Cookie: s.cookies[user]! } : {}) },
    body: form,
  });
  return { status: res.status, json: (await res.json()) as unknown, headers: res.headers };
}
const message = (json: unknown) => (json as { message: string }).message;
const fetchAs = (user: string | null, url: string) =>
  fetch(`${s.server.url}${url}`, { headers: user ? { Cookie: s.cookies[user]! } : {} });

describe('POST /api/attachments', () => {
  it('stores a PNG for 1001 → 1002 and serves it to both, with safe headers', async () => {
    const res = await upload('1001', { bytes: PNG, name: '../../photo.png', type: 'text/html' });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const a = UploadedAttachment.parse(res.json);
    expect(a).toMatchObject({ type: 'image/png', name: 'photo.png', size: PNG.length });
    for (const user of ['1001', '1002']) {
      const got = await fetchAs(user, a.url);
      expect(got.status, user).toBe(200);
      expect(got.headers.get('content-type')).toBe('image/png');
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect(got.headers.get('content-security-policy')).toBe('sandbox');
      expect(got.headers.get('content-disposition')).toBe(
        `inline; filename="photo.png"; filename*=UTF-8''photo.png`,
      );
      expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true);
    }
  });

  it('refuses everyone else: signed out 401, another user and unknown ids 404', async () => {
    const a = UploadedAttachment.parse((await upload('1001', { bytes: PNG, name: 'p.png' })).json);
    expect((await fetchAs(null, a.url)).status).toBe(401);
    expect((await fetchAs('1003', a.url)).status).toBe(404);
    expect((await fetchAs('1002', `/api/attachments/${'x'.repeat(32)}`)).status).toBe(404);
    expect((await fetchAs('1002', '/api/attachments/..%2F..%2Fopenline.db')).status).toBe(404);
  });

  it('sends a PDF as a download', async () => {
    const a = UploadedAttachment.parse((await upload('1001', { bytes: PDF, name: 'Offer «2026».pdf' })).json);
    expect(a.type).toBe('application/pdf');
    const got = await fetchAs('1002', a.url);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="Offer _2026_.pdf"; filename*=UTF-8''Offer%20%C2%AB2026%C2%BB.pdf`,
    );
  });

  it('judges the type by the bytes, not the name or declared type', async () => {
    const exe = await upload('1001', { bytes: EXE, name: 'cat.png', type: 'image/png' });
    expect(exe.status).toBe(415);
    expect(message(exe.json)).toBe(
      'cat.png cannot be sent: only images (PNG, JPEG, WebP, GIF) and PDFs can.',
    );
    const svg = await upload('1001', { bytes: Buffer.from('<svg onload="alert(1)"/>'), name: 'x.svg' });
    expect(svg.status).toBe(415);
  });

  it('refuses a file over the limit, an empty file, a bad recipient, a missing header or session', async () => {
    const big = await upload('1001', { bytes: Buffer.concat([PNG, Buffer.alloc(700_000)]), name: 'big.png' });
    expect(big.status).toBe(413);
    expect(message(big.json)).toBe('The file is too big: files can be at most 700 KB.');
    const empty = await upload('1001', { bytes: Buffer.alloc(0), name: 'e.png' });
    expect(empty.status).toBe(400);
    expect(message(empty.json)).toBe('e.png is empty.');
    expect(
      message((await upload('1001', { bytes: PNG, name: 'p.png' }, 'sip:9999@openline.local')).json),
    ).toBe('to: sip:9999@openline.local is not an account here.');
    expect((await upload('1001', { bytes: PNG, name: 'p.png' }, 'sip:1002@elsewhere.example')).status).toBe(
      400,
    );
    expect((await upload('1001', { bytes: PNG, name: 'p.png' }, undefined, {})).status).toBe(403);
    expect((await upload(null, { bytes: PNG, name: 'p.png' })).status).toBe(401);
  });

  it('keeps to the quota of stored bytes per user', async () => {
    const part = Buffer.concat([PNG, Buffer.alloc(600_000)]);
    expect((await upload('1002', { bytes: part, name: 'a.png' }, '1001')).status).toBe(201);
    const over = await upload('1002', { bytes: part, name: 'b.png' }, '1001');
    expect(over.status).toBe(413);
    expect(message(over.json)).toMatch(/^Your files take more than 1 MB/);
  });

  it('limits uploads per hour per user, with Retry-After', async () => {
    for (let i = 0; i < 8; i++)
      expect((await upload('1003', { bytes: PNG, name: `${i}.png` })).status).toBe(201);
    const ninth = await upload('1003', { bytes: PNG, name: '9.png' });
    expect(ninth.status).toBe(429);
    expect(Number(ninth.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect((await upload('1001', { bytes: PNG, name: 'other-user.png' })).status).toBe(201);
  });
});
