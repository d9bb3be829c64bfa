import { describe, expect, it } from 'vitest';
import { FAKE_MEDIA } from './fake-provider';
import { fetchMedia } from './media';

const serve = (status: number, bytes: Buffer | string, headers: Record<string, string> = {}) =>
  (async () =>
    new Response(typeof bytes === 'string' ? bytes : new Uint8Array(bytes), {
      status,
      headers,
    })) as typeof fetch;

describe('fetching a customer’s file', () => {
  it('keeps bytes that are an image or PDF, typed by the bytes not the header', async () => {
    const png = await fetchMedia('https://p.test/a', {
      maxBytes: 1000,
      fetchImpl: serve(200, FAKE_MEDIA['photo.png']!.bytes, { 'content-type': 'application/pdf' }),
    });
    expect(png).toMatchObject({ ok: true, type: 'image/png' });
  });

  it('refuses HTML named .png, an empty body, a redirect, a non-200 and anything over the limit', async () => {
    const o = (fetchImpl: typeof fetch, maxBytes = 1000) =>
      fetchMedia('https://p.test/a', { maxBytes, fetchImpl });
    expect(await o(serve(200, FAKE_MEDIA['not-an-image.png']!.bytes))).toMatchObject({
      ok: false,
      reason: /not an image/,
    });
    expect(await o(serve(200, ''))).toMatchObject({ ok: false, reason: 'empty' });
    expect(await o(serve(302, '', { location: 'http://169.254.169.254/' }))).toMatchObject({
      ok: false,
      reason: /302/,
    });
    expect(await o(serve(404, 'nope'))).toMatchObject({ ok: false, reason: /404/ });
    expect(await o(serve(200, FAKE_MEDIA['photo.png']!.bytes), 50)).toMatchObject({
      ok: false,
      reason: /too large/,
    });
    expect(
      await o(serve(200, FAKE_MEDIA['photo.png']!.bytes, { 'content-length': '999999' }), 50),
    ).toMatchObject({ ok: false, reason: /too large/ });
    const down = (async () => {
      throw new Error('ECONNREFUSED');
    }) as typeof fetch;
    expect(await o(down)).toMatchObject({ ok: false, reason: /unreachable/ });
  });

  it('asks not to follow redirects', async () => {
    let redirect: RequestRedirect | undefined;
    const spy = (async (_url: string, init: RequestInit) => {
      redirect = init.redirect;
      return new Response('x', { status: 200 });
    }) as typeof fetch;
    await fetchMedia('https://p.test/a', { maxBytes: 10, fetchImpl: spy });
    expect(redirect).toBe('manual');
  });

  it('keeps a voice note, a video or a sticker by its bytes, each within its own limit (ADR 0036)', async () => {
    const voice = FAKE_MEDIA['voice.ogg']!.bytes;
    const o = (bytes: Buffer, maxBytes: number, playableMaxBytes?: number) =>
      fetchMedia('https://p.test/a', {
        maxBytes,
        ...(playableMaxBytes !== undefined ? { playableMaxBytes } : {}),
        fetchImpl: serve(200, bytes, { 'content-type': 'application/octet-stream' }),
      });
    expect(await o(voice, 100_000)).toMatchObject({ ok: true, type: 'audio/ogg' });
    expect(await o(FAKE_MEDIA['sticker.webp']!.bytes, 1000)).toMatchObject({ ok: true, type: 'image/webp' });
    // Audio may be larger than an image: the playable limit applies to it…
    expect(await o(voice, 100, 100_000)).toMatchObject({ ok: true, type: 'audio/ogg' });
    expect(await o(voice, 100_000, 100)).toMatchObject({ ok: false, reason: /too large for audio\/ogg/ });
    // …but not to an image that arrives where audio was announced.
    const png = FAKE_MEDIA['photo.png']!.bytes;
    expect(await o(png, 50, 10_000)).toMatchObject({ ok: false, reason: /too large for image\/png/ });
    const mp4 = Buffer.concat([
      Buffer.from('00000018667479706d7034320000000069736f6d6d703432', 'hex'),
      Buffer.alloc(100),
    ]);
    expect(await o(mp4, 1000)).toMatchObject({ ok: true, type: 'video/mp4' });
  });

  it('asks for audio and video too', async () => {
    let accept: string | null = null;
    const spy = (async (_url: string, init: RequestInit) => {
      accept = new Headers(init.headers).get('accept');
      return new Response('x', { status: 200 });
    }) as typeof fetch;
    await fetchMedia('https://p.test/a', { maxBytes: 10, fetchImpl: spy });
    expect(accept).toMatch(/audio\/\*.*video\/\*/);
  });
});
