import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64, toBase64Url } from './base64url';
import type { LinkErrorCode, LinkResult } from './errors';
import { describeLinkError } from './link-error-text';
import { decodeLegacyData, legacyDataParam } from './legacy';
import { decodeLink, encodeLink, type OpenedLink } from './link';
import { readJoinLink, stripJoinSecrets } from './location';
import { callMediaOf, JoinPayload as JoinPayloadSchema, type JoinPayload } from './payload';
import { FAST_LIMITS, PAGE_HREF, sendbirdPayload, sipPayload, testSigner } from './testing';

const origin = 'https://calls.example.com';
const fragmentOf = (url: string) => url.slice(url.indexOf('#'));
const signer = await testSigner();
const trusted = { trust: signer.trust(), pageHref: PAGE_HREF };
const fast = { ...trusted, limits: FAST_LIMITS };
const encode = async (payload: JoinPayload, options: { password?: string; iterations?: number } = {}) =>
  encodeLink(await signer.sign(payload), { origin, ...options });

function opened(result: LinkResult<OpenedLink>): OpenedLink {
  if (!result.ok) throw new Error(`expected a link, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}
function errorCode<T>(result: LinkResult<T>): LinkErrorCode | 'ok' {
  return result.ok ? 'ok' : result.error.code;
}
async function unlock(url: string, password: string): Promise<LinkResult<JoinPayload>> {
  const link = opened(await decodeLink(fragmentOf(url), fast));
  if (link.kind !== 'protected') throw new Error('expected a protected link');
  return link.unlock(password);
}

describe('base64url', () => {
  it('round-trips every length and rejects non-canonical text', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
    expect(fromBase64Url('A')).toBeNull();
    expect(fromBase64Url('AA')).not.toBeNull();
    expect(fromBase64Url('AB')).toBeNull(); // leftover bits set
    expect(fromBase64Url('AF')).toBeNull(); // leftover bits set
    expect(fromBase64Url('a+b/')).toBeNull();
  });
});

describe('link codec', () => {
  it('carries an audio-only call in the signed payload; links without the field stay video (ADR 0026)', async () => {
    const audio = sipPayload({ media: 'audio' });
    const link = opened(await decodeLink(fragmentOf(await encode(audio)), trusted));
    if (link.kind !== 'open') throw new Error('expected an open link');
    expect(link.payload.media).toBe('audio');
    expect(callMediaOf(link.payload)).toBe('audio');
    const protectedUrl = await encode(sendbirdPayload({ media: 'audio' }), {
      password: 'pw',
      iterations: 2000,
    });
    const unlocked = await unlock(protectedUrl, 'pw');
    expect(unlocked.ok && unlocked.value.media).toBe('audio');
    // A link made before the choice existed has no field: a video call, as before.
    const old = opened(await decodeLink(fragmentOf(await encode(sipPayload())), trusted));
    if (old.kind !== 'open') throw new Error('expected an open link');
    expect('media' in old.payload).toBe(false);
    expect(callMediaOf(old.payload)).toBe('video');
    expect(callMediaOf(sipPayload({ media: 'video' }))).toBe('video');
  });

  it('refuses a payload naming an unknown call media', () => {
    for (const media of ['screen', '', 'AUDIO', 1, null]) {
      expect(JoinPayloadSchema.safeParse({ ...sipPayload(), media }).success).toBe(false);
    }
    expect(JoinPayloadSchema.safeParse({ ...sipPayload(), media: 'audio' }).success).toBe(true);
  });

  it('round-trips an open SIP link and a Sendbird link', async () => {
    for (const payload of [sipPayload(), sendbirdPayload()]) {
      const url = await encode(payload);
      expect(url).toMatch(/^https:\/\/calls\.example\.com\/join#2\.[A-Za-z0-9_-]+$/);
      const link = opened(await decodeLink(fragmentOf(url), trusted));
      expect(link).toEqual({ kind: 'open', payload });
    }
  });

  it('round-trips a password-protected link; the password never appears in it', async () => {
    const payload = sipPayload();
    const url = await encode(payload, { password: 'blue-kite-42', iterations: 2000 });
    expect(url).not.toContain('blue-kite');
    const link = opened(await decodeLink(fragmentOf(url), fast));
    expect(link.kind).toBe('protected');
    if (link.kind !== 'protected') return;
    expect(link.expiresAt.getTime()).toBe(payload.exp * 1000);
    expect(await link.unlock('blue-kite-42')).toEqual({ ok: true, value: payload });
  });

  it('says "wrong-password" for a wrong password and lets the same link be unlocked again', async () => {
    const url = await encode(sipPayload(), { password: 'right', iterations: 2000 });
    const link = opened(await decodeLink(fragmentOf(url), fast));
    if (link.kind !== 'protected') throw new Error('protected expected');
    expect(errorCode(await link.unlock('wrong'))).toBe('wrong-password');
    expect(errorCode(await link.unlock('right'))).toBe('ok');
  });

  it('says "tampered" when ciphertext or authenticated header bytes change', async () => {
    const url = await encode(sipPayload(), { password: 'pw', iterations: 2000 });
    const body = fromBase64Url(url.split('#2.')[1]!)!;
    for (const index of [body.length - 1, body.length - 20, 50, 2 /* expiry byte */]) {
      const copy = body.slice();
      copy[index] = copy[index]! ^ 0x01;
      const tampered = `${origin}/join#2.${toBase64Url(copy)}`;
      const link = await decodeLink(fragmentOf(tampered), fast);
      // A changed expiry may make the link look expired already; otherwise the tag catches it.
      if (!link.ok) {
        expect(link.error.code).toBe('expired');
        continue;
      }
      expect(errorCode(await unlock(tampered, 'pw'))).toBe('tampered');
    }
  });

  it('checks expiry before asking for a password, and for open links', async () => {
    const exp = Math.floor(Date.now() / 1000) - 60;
    for (const password of [undefined, 'pw']) {
      const url = await encode(sipPayload({ exp }), { password, iterations: 2000 });
      const result = await decodeLink(fragmentOf(url), fast);
      expect(errorCode(result)).toBe('expired');
      if (!result.ok) {
        expect(result.error.expiredAt?.getTime()).toBe(exp * 1000);
        expect(describeLinkError(result.error, (d) => d.toISOString())).toContain('expired at');
      }
    }
  });

  it('reports malformed links, unknown versions and unsupported providers', async () => {
    /** A correctly signed open link around any JSON (the server never signs these; the checks still hold). */
    const json = async (value: Record<string, unknown> | unknown[]) => {
      const signed = await signer.sign(value as Record<string, unknown>);
      const body = [...fromBase64Url(signed.signature)!, ...fromBase64Url(signed.payload)!];
      return '2.' + toBase64Url(Uint8Array.from([0, ...body]));
    };
    const cases: Array<[string, LinkErrorCode]> = [
      ['', 'malformed'],
      ['#', 'malformed'],
      ['#2', 'malformed'],
      ['#2.', 'malformed'],
      ['#x.abc', 'malformed'],
      ['#2.!!!!', 'malformed'],
      ['#3.AAAA', 'unknown-version'],
      ['#17.whatever', 'unknown-version'],
      [`#2.${toBase64Url(Uint8Array.from([9, 1, 2]))}`, 'malformed'],
      [`#2.${toBase64Url(Uint8Array.from([1, 0, 0, 0, 1]))}`, 'malformed'],
      [`#2.${toBase64Url(Uint8Array.from([0, 1, 2, 3]))}`, 'malformed'],
      [await json({ provider: 'zoom', exp: 1 }), 'unsupported-provider'],
      [await json({ provider: 'sip' }), 'malformed'],
      [await json([1, 2]), 'malformed'],
      [
        await json({ ...sipPayload(), sip: { ...sipPayload().sip, wsUrl: 'javascript:alert(1)' } }),
        'malformed',
      ],
      ['#2.' + 'A'.repeat(9000), 'malformed'],
    ];
    for (const [fragment, code] of cases)
      expect([fragment, errorCode(await decodeLink(fragment, trusted))]).toEqual([fragment, code]);
  });

  it('refuses iteration counts outside the limits (a forged link cannot freeze the page)', async () => {
    const url = await encode(sipPayload(), { password: 'pw', iterations: 2000 });
    expect(errorCode(await decodeLink(fragmentOf(url), trusted))).toBe('malformed');
  });

  it('has a sentence for every error code', async () => {
    const codes: LinkErrorCode[] = [
      'malformed',
      'unknown-version',
      'wrong-password',
      'tampered',
      'expired',
      'unsupported-provider',
      'unsigned',
      'forged',
      'foreign-server',
      'unverifiable',
    ];
    const sentences = new Set<string>();
    for (const code of codes) {
      const result = await decodeLink('#2.x', trusted);
      if (result.ok) throw new Error('unreachable');
      const error = Object.assign(result.error, { code });
      expect(describeLinkError(error, String).length).toBeGreaterThan(20);
      sentences.add(describeLinkError(error, String));
    }
    expect(sentences.size).toBe(codes.length);
  });
});

describe('legacy ?data= links', () => {
  const legacy = {
    service_user_id: 'service_user_T42',
    room_id: 'f7a9c3e0-room',
    app_id: 'A1B2C3D4-APP',
    creds: { token: 'abc+def/ghi==', expires_at: Date.now() + 3_600_000 },
  };
  // Pick a document whose base64 contains "+" so the space substitution is exercised.
  const encoded = (() => {
    for (let i = 0; i < 200; i++) {
      const doc = { ...legacy, service_user_id: `service_user_${'>'.repeat(i % 7)}${i}` };
      const b64 = toBase64(new TextEncoder().encode(JSON.stringify(doc)));
      if (b64.includes('+')) return { doc, b64 };
    }
    throw new Error('no base64 with "+" found');
  })();

  it('decodes the sample format into a Sendbird payload', () => {
    const result = decodeLegacyData(encodeURIComponent(encoded.b64));
    expect(result).toEqual({
      ok: true,
      value: {
        provider: 'sendbird',
        exp: Math.floor(legacy.creds.expires_at / 1000),
        roomId: legacy.room_id,
        sendbird: {
          appId: legacy.app_id,
          userId: encoded.doc.service_user_id,
          accessToken: legacy.creds.token,
        },
      },
    });
  });

  it('accepts "+" that arrived as a space, raw or as %20, and unpadded text', () => {
    const spaced = encoded.b64.replace(/\+/g, ' ');
    expect(spaced).toContain(' ');
    expect(decodeLegacyData(spaced).ok).toBe(true);
    expect(decodeLegacyData(encodeURIComponent(spaced)).ok).toBe(true);
    expect(decodeLegacyData(encoded.b64.replace(/=+$/, '')).ok).toBe(true);
  });

  it('finds the raw parameter and rejects broken or expired data', () => {
    expect(legacyDataParam('?x=1&data=ab+c%2B&y')).toBe('ab+c%2B');
    expect(legacyDataParam('?datax=1')).toBeNull();
    expect(errorCode(decodeLegacyData('%E0%A4%A'))).toBe('malformed');
    expect(errorCode(decodeLegacyData('bm90IGpzb24='))).toBe('malformed');
    expect(errorCode(decodeLegacyData(toBase64(new TextEncoder().encode('{"room_id":"x"}'))))).toBe(
      'malformed',
    );
    const old = { ...legacy, creds: { token: 't', expires_at: 1_000_000_000 } };
    expect(errorCode(decodeLegacyData(toBase64(new TextEncoder().encode(JSON.stringify(old)))))).toBe(
      'expired',
    );
  });
});

describe('reading the address', () => {
  it('prefers the fragment, falls back to ?data=, and strips both from the address bar', async () => {
    const url = new URL(await encode(sipPayload()));
    const read = (hash: string) => readJoinLink({ pathname: '/join', search: '', hash }, trusted);
    expect(opened(await read(url.hash)).kind).toBe('open');
    expect(errorCode(await read(''))).toBe('malformed');

    const calls: Array<string | URL | null | undefined> = [];
    const history = {
      state: { a: 1 },
      replaceState: (_d: unknown, _u: string, next?: string | URL | null) => calls.push(next),
    };
    stripJoinSecrets({ pathname: '/join', search: '', hash: url.hash }, history);
    stripJoinSecrets({ pathname: '/join', search: '?data=abc', hash: '' }, history);
    stripJoinSecrets({ pathname: '/join', search: '', hash: '' }, history);
    expect(calls).toEqual(['/join', '/join']);
  });
});
