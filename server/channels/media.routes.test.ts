/**
 * Files on channels (ADR 0029) through the real server: a customer's image is fetched from the
 * provider's media URL and kept only when its bytes are an image; the agent sends a PDF that leaves as
 * the channel's document message with a URL the provider can fetch; a type the channel does not take is
 * refused with `media_unsupported`; a webhook channel gets the file's link in text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationDetail, ConversationList } from '../../src/api/channels-schemas';
import { startSignedInServer, type SignedInServer } from '../testing/signed-in-server';
import { FAKE_MEDIA } from './fake-provider';
import { DEMO_CHANNEL } from './options';
import { genericInbound, whatsappInbound, type WhatsappMedia } from './testing/sign';

let s: SignedInServer;
let seq = 0;
const streams: AbortController[] = [];

beforeAll(async () => {
  s = await startSignedInServer(['1001', '1002'], {
    channelsDemo: true,
    channelRetryDelaysMs: [5],
    channels: [
      {
        id: 'web',
        kind: 'generic',
        secret: 'generic-secret-123456',
        outboundUrl: '/api/dev/fake-provider/web',
        templates: [],
      },
    ],
  });
  // An open Conversations stream makes 1002 available: new conversations go to them.
  const ctrl = new AbortController();
  const res = await fetch(`${s.server.url}/api/channels/events`, {
    headers: { cookie: s.cookies['1002']! },
    signal: ctrl.signal,
  });
  await res.body!.getReader().read();
  streams.push(ctrl);
});
afterAll(async () => {
  for (const c of streams) c.abort();
  await s.close();
});

const api = async (user: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${s.server.url}${path}`, {
    method,
    headers: {
      cookie: s.cookies[user]!,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, unknown> };
};
const media = (name: string) => `${s.server.url}/api/dev/fake-provider/demo-whatsapp/media/${name}`;

async function postWhatsapp(from: string, text: string, file?: WhatsappMedia) {
  const req = whatsappInbound(DEMO_CHANNEL.secret, {
    id: `wamid.media.${++seq}`,
    from,
    name: 'Wendy',
    text,
    timestampMs: Date.now(),
    ...(file ? { media: file } : {}),
  });
  const res = await fetch(`${s.server.url}/api/channels/demo-whatsapp/inbound`, {
    method: 'POST',
    headers: req.headers,
    body: req.body,
  });
  return res.status;
}

const conversationOf = async (channelId: string) =>
  (
    (await api('1002', 'GET', '/api/channels/conversations')).json as unknown as ConversationList
  ).conversations.find((c) => c.channelId === channelId)!;
const detail = async (id: number) =>
  (await api('1002', 'GET', `/api/channels/conversations/${id}`)).json as unknown as ConversationDetail;
const outbox = async (channel: string) =>
  (
    (await (await fetch(`${s.server.url}/api/dev/fake-provider/${channel}`)).json()) as {
      messages: Array<{ body: Record<string, unknown> }>;
    }
  ).messages.map((m) => m.body);

async function upload(user: string, name: string, bytes: Buffer): Promise<string> {
  const form = new FormData();
  form.append('to', user);
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(`${s.server.url}/api/attachments`, {
    method: 'POST',
    headers: { cookie: s.cookies[user]!, 'X-Openline-Upload': '1' },
    body: form,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('channel media', () => {
  it('keeps a customer image whose bytes are an image and serves it to the agent only', async () => {
    expect(
      await postWhatsapp('447700911001', 'My broken parcel', {
        kind: 'image',
        link: media('photo.png'),
        mimeType: 'image/png',
      }),
    ).toBe(200);
    const c = await conversationOf('447700911001');
    await expect.poll(async () => (await detail(c.id)).messages[0]?.media?.state).toBe('stored');
    const m = (await detail(c.id)).messages[0]!;
    expect(m).toMatchObject({ body: 'My broken parcel', media: { type: 'image/png', link: null } });
    const file = await fetch(`${s.server.url}/api/channels/conversations/${c.id}/media/${m.id}`, {
      headers: { cookie: s.cookies['1002']! },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await file.arrayBuffer()).equals(FAKE_MEDIA['photo.png']!.bytes)).toBe(true);
    // Another agent (not its agent, not in the queue) and no session: nothing.
    const other = await fetch(`${s.server.url}/api/channels/conversations/${c.id}/media/${m.id}`, {
      headers: { cookie: s.cookies['1001']! },
    });
    expect(other.status).toBe(404);
    expect((await fetch(`${s.server.url}/api/channels/conversations/${c.id}/media/${m.id}`)).status).toBe(
      401,
    );
  });

  it('leaves a file whose bytes are not an image or PDF as a link, never kept', async () => {
    await postWhatsapp('447700911002', '', {
      kind: 'image',
      link: media('not-an-image.png'),
      mimeType: 'image/png',
    });
    const c = await conversationOf('447700911002');
    await expect.poll(async () => (await detail(c.id)).messages[0]?.media?.state).toBe('link');
    const m = (await detail(c.id)).messages[0]!;
    expect(m.media).toMatchObject({ link: media('not-an-image.png') });
    expect(c.preview).toBe('image');
    const file = await fetch(`${s.server.url}/api/channels/conversations/${c.id}/media/${m.id}`, {
      headers: { cookie: s.cookies['1002']! },
    });
    expect(file.status).toBe(404);
  });

  it('refuses a media URL that is not http(s) with 400, storing nothing', async () => {
    const status = await postWhatsapp('447700911003', 'x', {
      kind: 'image',
      link: 'javascript:alert(1)',
      mimeType: 'image/png',
    });
    expect(status).toBe(400);
    expect(await conversationOf('447700911003')).toBeUndefined();
  });

  it('sends the agent’s PDF as a WhatsApp document the provider can fetch; refuses a GIF', async () => {
    await postWhatsapp('447700911004', 'Can you send the form?');
    const c = await conversationOf('447700911004');
    const pdf = await upload('1002', 'form.pdf', FAKE_MEDIA['leaflet.pdf']!.bytes);
    const sent = await api('1002', 'POST', `/api/channels/conversations/${c.id}/messages`, {
      attachment: pdf,
      text: 'Here it is',
    });
    expect(sent.status).toBe(200);
    expect(sent.json.message).toMatchObject({
      body: 'Here it is',
      media: { type: 'application/pdf', name: 'form.pdf', state: 'stored' },
    });
    await expect
      .poll(async () => (await outbox('demo-whatsapp')).find((b) => b.to === '447700911004'))
      .toMatchObject({
        type: 'document',
        document: {
          filename: 'form.pdf',
          caption: 'Here it is',
          link: expect.stringContaining('/api/channels/media/'),
        },
      });
    const body = (await outbox('demo-whatsapp')).find((b) => b.to === '447700911004')!;
    const link = (body.document as { link: string }).link;
    const fetched = await fetch(link); // the provider has no session: the unguessable id is the key
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('application/pdf');
    // An attachment that was never sent on a channel is not public.
    const unsent = await upload('1002', 'other.pdf', FAKE_MEDIA['leaflet.pdf']!.bytes);
    expect((await fetch(`${s.server.url}/api/channels/media/${unsent}`)).status).toBe(404);

    const gif = await upload('1002', 'a.gif', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'binary'));
    const refused = await api('1002', 'POST', `/api/channels/conversations/${c.id}/messages`, {
      attachment: gif,
    });
    expect(refused).toMatchObject({ status: 409, json: { error: 'media_unsupported' } });
    // Someone else's upload is not found.
    const theirs = await upload('1001', 'x.pdf', FAKE_MEDIA['leaflet.pdf']!.bytes);
    expect(
      (await api('1002', 'POST', `/api/channels/conversations/${c.id}/messages`, { attachment: theirs }))
        .status,
    ).toBe(404);
  });

  it('writes the file’s link in the text on a webhook channel', async () => {
    const req = genericInbound(
      'generic-secret-123456',
      { id: `g.media.${++seq}`, from: 'web-user-7', text: 'hi' },
      Date.now(),
    );
    await fetch(`${s.server.url}/api/channels/web/inbound`, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
    });
    const c = await conversationOf('web-user-7');
    const png = await upload('1002', 'map.png', FAKE_MEDIA['photo.png']!.bytes);
    expect(
      (
        await api('1002', 'POST', `/api/channels/conversations/${c.id}/messages`, {
          attachment: png,
          text: 'Map',
        })
      ).status,
    ).toBe(200);
    await expect
      .poll(async () => (await outbox('web')).find((b) => b.to === 'web-user-7' && b.type === 'text'))
      .toMatchObject({ text: expect.stringMatching(new RegExp(`^Map\\n.+/api/channels/media/${png}$`)) });
  });
});
