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
});
