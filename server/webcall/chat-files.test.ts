/**
 * ADR 0030 through a real server: typing events reach the other side's stream only and are never
 * stored; files in a room conversation are refused while the widget's fileTransfer is off, typed by
 * their bytes, bound to the room (another room's token: 403; another room's file: 404; another agent:
 * 404), idempotent per client id, and purged with the messages when the link expires.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebcallRoom } from '../../src/api/schemas';
import { ChatGuestSession, ChatHistory, ChatMessage } from '../../src/api/webcall-chat-schemas';
import { WebphoneConfigResponse } from '../../src/api/webphone-schemas';
import { JoinPayload } from '../../src/webcall/payload';
import { openDatabase } from '../db';
import { startSignedInServer, type SignedInServer } from '../testing/signed-in-server';
import { ChatFileDir } from './chat-files';
import { WebcallChatStore } from './chat-store';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 7),
]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

let s: SignedInServer;
beforeAll(async () => {
  s = await startSignedInServer(
    ['1001', '1002'],
    { ephemeralSecret: 'files-test-secret' },
    'openline-roomfiles-',
  );
});
afterAll(() => s.close());

const agent = (user = '1001') => ({ Cookie: s.cookies[user]! });
const as = (g: ChatGuestSession) => ({ Authorization: `Guest ${g.token}` });

async function json(path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${s.server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

async function room(user = '1001'): Promise<{ roomId: string; guest: ChatGuestSession }> {
  const res = await json('/api/webcall/rooms', agent(user), { expiresInS: 3600 });
  expect(res.status).toBe(200);
  const created = WebcallRoom.parse(res.json);
  const payload = JoinPayload.parse(
    JSON.parse(Buffer.from(created.link.payload, 'base64url').toString('utf8')),
  );
  const opened = await json(`/api/webcall/rooms/${created.roomId}/chat/guest`, {}, { key: payload.chatKey });
  expect(opened.status).toBe(200);
  return { roomId: created.roomId, guest: ChatGuestSession.parse(opened.json) };
}

async function setFileTransfer(on: boolean) {
  const headers = { ...agent(), 'Content-Type': 'application/json' };
  const { config } = WebphoneConfigResponse.parse(
    await (await fetch(`${s.server.url}/api/webphone/config`, { headers })).json(),
  );
  const put = await fetch(`${s.server.url}/api/webphone/config`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ ...config, joinWidget: { ...config.joinWidget, fileTransfer: on } }),
  });
  expect(put.status).toBe(200);
}

async function upload(
  roomId: string,
  headers: Record<string, string>,
  file: { bytes: Buffer; name: string; type?: string },
  clientId = `file-${Math.random().toString(36).slice(2, 12)}`,
  uploadHeader = true,
) {
  const form = new FormData();
  form.append('clientId', clientId);
  form.append(
    'file',
    new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }),
    file.name,
  );
  const res = await fetch(`${s.server.url}/api/webcall/rooms/${roomId}/chat/files`, {
    method: 'POST',
    headers: { ...headers, ...(uploadHeader ? { 'X-Openline-Upload': '1' } : {}) },
    body: form,
  });
  return { status: res.status, json: (await res.json()) as { error?: string } };
}

/** Reads a stream until `needle` shows, then stops it; answers what came. */
async function readStream(
  roomId: string,
  headers: Record<string, string>,
  needle: string,
  during?: () => Promise<void>,
) {
  const controller = new AbortController();
  const res = await fetch(`${s.server.url}/api/webcall/rooms/${roomId}/chat/stream`, {
    headers,
    signal: controller.signal,
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes(': open')) text += decoder.decode((await reader.read()).value, { stream: true });
  await during?.();
  while (!text.includes(needle)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before ${needle}`);
    text += decoder.decode(value, { stream: true });
  }
  controller.abort();
  return text;
}

describe('typing in a room conversation', () => {
  it('reaches the other side’s stream only, live, and is not stored', async () => {
    const { roomId, guest } = await room();
    // The guest types: the agent's stream hears it; then the agent types, the guest's stream hears it.
    const agentSaw = await readStream(roomId, agent(), 'event: typing', async () => {
      expect(
        (await json(`/api/webcall/rooms/${roomId}/chat/typing`, as(guest), { state: 'active' })).status,
      ).toBe(200);
    });
    expect(agentSaw).toContain('data: {"sender":"guest","state":"active"}');
    const guestSaw = await readStream(roomId, as(guest), 'event: typing', async () => {
      // The guest's own typing does not come back to it; the agent's does.
      await json(`/api/webcall/rooms/${roomId}/chat/typing`, as(guest), { state: 'idle' });
      await json(`/api/webcall/rooms/${roomId}/chat/typing`, agent(), { state: 'active' });
    });
    expect(guestSaw).toContain('data: {"sender":"agent","state":"active"}');
    expect(guestSaw).not.toContain('"sender":"guest"');
    const history = ChatHistory.parse(
      (await json(`/api/webcall/rooms/${roomId}/chat/messages`, agent())).json,
    );
    expect(history.messages).toEqual([]);
    // A resumed stream does not replay typing.
    const replay = await readStream(roomId, agent(), 'event: room');
    expect(replay).not.toContain('event: typing');
  });

  it('refuses bad states, another room’s guest, and strangers', async () => {
    const a = await room();
    const b = await room();
    expect(
      (await json(`/api/webcall/rooms/${a.roomId}/chat/typing`, as(a.guest), { state: 'typing' })).status,
    ).toBe(400);
    expect(
      (await json(`/api/webcall/rooms/${a.roomId}/chat/typing`, as(b.guest), { state: 'active' })).status,
    ).toBe(403);
    expect((await json(`/api/webcall/rooms/${a.roomId}/chat/typing`, {}, { state: 'active' })).status).toBe(
      401,
    );
    expect(
      (await json(`/api/webcall/rooms/${a.roomId}/chat/typing`, agent('1002'), { state: 'active' })).status,
    ).toBe(404);
  });
});

describe('files in a room conversation', () => {
  it('are refused with file_transfer_off while the setting is off, and the stream says so', async () => {
    await setFileTransfer(false);
    const { roomId, guest } = await room();
    const refused = await upload(roomId, as(guest), { bytes: PNG, name: 'photo.png' });
    expect(refused).toMatchObject({ status: 403, json: { error: 'file_transfer_off' } });
    expect((await upload(roomId, agent(), { bytes: PDF, name: 'a.pdf' })).status).toBe(403);
    const first = await readStream(roomId, as(guest), 'event: room');
    expect(first).toContain('data: {"fileTransfer":false}');
  });

  it('carry an image from the guest and a PDF from the agent, readable by that room only', async () => {
    await setFileTransfer(true);
    const { roomId, guest } = await room();
    const other = await room();
    const fromGuest = await upload(
      roomId,
      as(guest),
      { bytes: PNG, name: '../photo.png', type: 'text/html' },
      'guest-file-01',
    );
    expect(fromGuest.status, JSON.stringify(fromGuest.json)).toBe(201);
    const image = ChatMessage.parse(fromGuest.json);
    expect(image).toMatchObject({
      sender: 'guest',
      text: '',
      file: { type: 'image/png', name: 'photo.png', size: PNG.length },
    });
    const fromAgent = ChatMessage.parse(
      (await upload(roomId, agent(), { bytes: PDF, name: 'invoice.pdf' })).json,
    );
    expect(fromAgent.file).toMatchObject({ type: 'application/pdf', name: 'invoice.pdf' });
    const history = ChatHistory.parse(
      (await json(`/api/webcall/rooms/${roomId}/chat/messages`, as(guest))).json,
    );
    expect(history.messages.map((m) => m.file?.name)).toEqual(['photo.png', 'invoice.pdf']);

    const get = (id: string, headers: Record<string, string>, inRoom = roomId) =>
      fetch(`${s.server.url}/api/webcall/rooms/${inRoom}/chat/files/${id}`, { headers });
    for (const headers of [as(guest), agent()]) {
      const res = await get(image.file!.id, headers);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBe('sandbox');
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    }
    const pdf = await get(fromAgent.file!.id, as(guest));
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename="invoice.pdf"/);
    // Another room's guest: 403 on this room; on its own room the file does not exist (404).
    expect((await get(image.file!.id, as(other.guest))).status).toBe(403);
    expect((await get(image.file!.id, as(other.guest), other.roomId)).status).toBe(404);
    expect((await get(image.file!.id, agent('1002'))).status).toBe(404);
    expect((await get(image.file!.id, {})).status).toBe(401);
    // Another room's guest cannot upload into this room.
    expect(await upload(roomId, as(other.guest), { bytes: PNG, name: 'x.png' })).toMatchObject({
      status: 403,
      json: { error: 'forbidden' },
    });
  });

  it('are typed by their bytes and bounded, and a retried upload stores once', async () => {
    await setFileTransfer(true);
    const { roomId, guest } = await room();
    const refusals: Array<[{ bytes: Buffer; name: string; type?: string }, number, string]> = [
      [{ bytes: EXE, name: 'photo.png', type: 'image/png' }, 415, 'unsupported_media_type'],
      [{ bytes: SVG, name: 'logo.svg', type: 'image/svg+xml' }, 415, 'unsupported_media_type'],
      [{ bytes: Buffer.from('hello'), name: 'notes.pdf' }, 415, 'unsupported_media_type'],
      [{ bytes: Buffer.alloc(0), name: 'empty.png' }, 400, 'invalid_request'],
      [{ bytes: Buffer.concat([PNG, Buffer.alloc(5_000_000)]), name: 'big.png' }, 413, 'too_large'],
    ];
    for (const [file, status, error] of refusals) {
      expect(await upload(roomId, as(guest), file), file.name).toMatchObject({ status, json: { error } });
    }
    expect(
      await upload(roomId, as(guest), { bytes: PNG, name: 'a.png' }, 'no-header-01', false),
    ).toMatchObject({
      status: 403,
      json: { error: 'forbidden' },
    });
    const once = ChatMessage.parse(
      (await upload(roomId, as(guest), { bytes: PNG, name: 'a.png' }, 'same-file-01')).json,
    );
    const again = await upload(roomId, as(guest), { bytes: PDF, name: 'b.pdf' }, 'same-file-01');
    expect(again.status).toBe(200);
    expect(ChatMessage.parse(again.json)).toEqual(once);
    const history = ChatHistory.parse(
      (await json(`/api/webcall/rooms/${roomId}/chat/messages`, agent())).json,
    );
    expect(history.messages).toHaveLength(1);
  });

  it('stop being accepted from the guest once the agent stops the room', async () => {
    await setFileTransfer(true);
    const { roomId, guest } = await room();
    expect((await json(`/api/webcall/rooms/${roomId}/close`, agent(), {})).status).toBe(200);
    expect(await upload(roomId, as(guest), { bytes: PNG, name: 'a.png' })).toMatchObject({
      status: 410,
      json: { error: 'closed' },
    });
  });
});

describe('WebcallChatStore files', () => {
  it('purges a room’s files, rows and bytes, with its messages at link expiry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openline-roomfiles-store-'));
    const db = openDatabase(dir);
    try {
      const files = new ChatFileDir(join(dir, 'webcall-files'));
      const store = new WebcallChatStore(db, files);
      const add = (roomId: string, expiresAt: number) => {
        const id = ChatFileDir.newId();
        files.write(id, PNG);
        const file = {
          id,
          roomId,
          sender: 'guest' as const,
          author: 'g0123456789abcdef',
          type: 'image/png' as const,
          name: 'p.png',
          size: PNG.length,
        };
        store.addFile(file, 1000, expiresAt);
        store.add({
          roomId,
          sender: 'guest',
          author: file.author,
          clientId: `c-${id.slice(0, 10)}`,
          text: '',
          at: 1000,
          expiresAt,
          fileId: id,
        });
        return id;
      };
      const gone = add('room-a', 5000);
      const kept = add('room-b', 9000);
      expect(store.list('room-a')[0]?.file).toMatchObject({ id: gone, type: 'image/png' });
      expect(store.purgeExpired(6000)).toBe(1);
      expect(store.fileOf('room-a', gone, 0)).toBeUndefined();
      expect(store.fileOf('room-b', kept, 0)).toBeDefined();
      expect(store.fileOf('room-a', kept, 0)).toBeUndefined();
      expect(readdirSync(join(dir, 'webcall-files'))).toEqual([kept]);
      expect(existsSync(join(dir, 'webcall-files', gone))).toBe(false);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
