/**
 * Customers' voice notes, audio, video and stickers (ADR 0036) through the real server: a WhatsApp voice
 * note is fetched from the provider's media URL, kept as audio/ogg when its bytes are Ogg/Opus, and
 * served to the agent with the sandboxed headers and byte ranges (what <audio> needs to seek); a sticker
 * is kept as an image; audio over CHANNELS_MEDIA_MAX_BYTES stays a link; chat uploads still refuse audio.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationDetail, ConversationList } from '../../src/api/channels-schemas';
import { startSignedInServer, type SignedInServer } from '../testing/signed-in-server';
import { oggTone } from '../voicemail/testing/fixtures';
import { FAKE_MEDIA } from './fake-provider';
import { DEMO_CHANNEL } from './options';
import { whatsappInbound, type WhatsappMedia } from './testing/sign';

let s: SignedInServer;
let provider: Server;
let providerUrl = '';
let seq = 0;
const streams: AbortController[] = [];
/** A 6-second voice note (about 47 KB), over the 30,000-byte audio limit this server runs with. */
const LONG_VOICE = oggTone(6000);

beforeAll(async () => {
  s = await startSignedInServer(['1002'], { channelsDemo: true, channelMediaMaxBytes: 30_000 });
  const ctrl = new AbortController();
  const res = await fetch(`${s.server.url}/api/channels/events`, {
    headers: { cookie: s.cookies['1002']! },
    signal: ctrl.signal,
  });
  await res.body!.getReader().read();
  streams.push(ctrl);
  provider = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'audio/ogg' }).end(LONG_VOICE));
  await new Promise<void>((done) => provider.listen(0, '127.0.0.1', done));
  providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const c of streams) c.abort();
  await new Promise((done) => provider.close(done));
  await s.close();
});

const asAgent = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${s.server.url}${path}`, { headers: { cookie: s.cookies['1002']!, ...headers } });
const media = (name: string) => `${s.server.url}/api/dev/fake-provider/demo-whatsapp/media/${name}`;

async function postWhatsapp(from: string, file: WhatsappMedia) {
  const req = whatsappInbound(DEMO_CHANNEL.secret, {
    id: `wamid.play.${++seq}`,
    from,
    name: 'Wendy',
    text: '',
    timestampMs: Date.now(),
    media: file,
  });
  const res = await fetch(`${s.server.url}/api/channels/demo-whatsapp/inbound`, {
    method: 'POST',
    headers: req.headers,
    body: req.body,
  });
  expect(res.status).toBe(200);
}

async function keptMessage(from: string, state: 'stored' | 'link') {
  const list = (await (await asAgent('/api/channels/conversations')).json()) as ConversationList;
  const c = list.conversations.find((x) => x.channelId === from)!;
  const detail = async () =>
    ((await (await asAgent(`/api/channels/conversations/${c.id}`)).json()) as ConversationDetail).messages[0];
  await expect.poll(async () => (await detail())?.media?.state).toBe(state);
  return { c, m: (await detail())! };
}

describe('voice notes, audio, video and stickers from customers', () => {
  it('keeps a WhatsApp voice note as audio/ogg and serves it inline, sandboxed, with byte ranges', async () => {
    await postWhatsapp('447700922001', {
      kind: 'audio',
      voice: true,
      link: media('voice.ogg'),
      mimeType: 'audio/ogg; codecs=opus',
    });
    const { c, m } = await keptMessage('447700922001', 'stored');
    expect(m.media).toMatchObject({ type: 'audio/ogg', kind: 'voice', name: 'audio', link: null });
    const path = `/api/channels/conversations/${c.id}/media/${m.id}`;
    const bytes = FAKE_MEDIA['voice.ogg']!.bytes;

    const whole = await asAgent(path);
    expect(whole.status).toBe(200);
    expect(Object.fromEntries(whole.headers)).toMatchObject({
      'content-type': 'audio/ogg',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'accept-ranges': 'bytes',
      'content-disposition': expect.stringMatching(/^inline; filename="audio"/),
    });
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);

    const part = await asAgent(path, { range: 'bytes=0-99' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-99/${bytes.length}`);
    expect(part.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(0, 100))).toBe(true);

    const tail = await asAgent(path, { range: 'bytes=-50' });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 50))).toBe(true);

    const past = await asAgent(path, { range: `bytes=${bytes.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    // No session, no file (ranges or not).
    expect((await fetch(`${s.server.url}${path}`, { headers: { range: 'bytes=0-1' } })).status).toBe(401);
  });

  it('keeps a WhatsApp sticker as an image', async () => {
    await postWhatsapp('447700922002', {
      kind: 'sticker',
      link: media('sticker.webp'),
      mimeType: 'image/webp',
    });
    const { m } = await keptMessage('447700922002', 'stored');
    expect(m.media).toMatchObject({ type: 'image/webp', kind: 'sticker' });
  });

  it('leaves audio over CHANNELS_MEDIA_MAX_BYTES as a link to the provider, and HTML named .ogg too', async () => {
    await postWhatsapp('447700922003', {
      kind: 'audio',
      voice: true,
      link: `${providerUrl}/long.ogg`,
      mimeType: 'audio/ogg',
    });
    const long = await keptMessage('447700922003', 'link');
    expect(long.m.media).toMatchObject({ kind: 'voice', link: `${providerUrl}/long.ogg` });
    await postWhatsapp('447700922004', {
      kind: 'audio',
      link: media('not-an-image.png'),
      mimeType: 'audio/ogg',
    });
    expect((await keptMessage('447700922004', 'link')).m.media).toMatchObject({
      kind: 'voice',
      state: 'link',
    });
  });

  it('still refuses audio as a chat upload (only channel media widen the types)', async () => {
    const form = new FormData();
    form.append('to', '1002');
    form.append('file', new Blob([new Uint8Array(FAKE_MEDIA['voice.ogg']!.bytes)]), 'voice.ogg');
    const res = await fetch(`${s.server.url}/api/attachments`, {
      method: 'POST',
      headers: { cookie: s.cookies['1002']!, 'X-Openline-Upload': '1' },
      body: form,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
  });
});
