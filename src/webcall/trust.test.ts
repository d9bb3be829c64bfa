/**
 * Forged links: a link is accepted only when the serving origin's key verifies its signature and it
 * names only the SIP server, ICE servers and Sendbird app that origin publishes. Each attack below is a
 * link an attacker can build without the server's private key.
 */
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64, toBase64Url } from './base64url';
import type { LinkErrorCode, LinkResult } from './errors';
import { decodeLink, encodeLink, type OpenedLink } from './link';
import { readJoinLink } from './location';
import { FAST_LIMITS, PAGE_HREF, sendbirdPayload, sipPayload, testSigner } from './testing';
import { trustFromConfig } from './trust';

const origin = 'https://calls.example.com';
const server = await testSigner();
const attacker = await testSigner();
const options = { trust: server.trust(), pageHref: PAGE_HREF, limits: FAST_LIMITS };
const fragmentOf = (url: string) => url.slice(url.indexOf('#'));

async function outcome(result: LinkResult<OpenedLink>, password = 'pw'): Promise<LinkErrorCode | 'ok'> {
  if (!result.ok) return result.error.code;
  if (result.value.kind === 'open') return 'ok';
  const unlocked = await result.value.unlock(password);
  return unlocked.ok ? 'ok' : unlocked.error.code;
}
const open = (url: string) => decodeLink(fragmentOf(url), options);

describe('signed links', () => {
  it('accepts the serving origin’s own links, open and protected', async () => {
    const signed = await server.sign(sipPayload());
    expect(await outcome(await open(await encodeLink(signed, { origin })))).toBe('ok');
    const protectedUrl = await encodeLink(signed, { origin, password: 'pw', iterations: 2000 });
    expect(await outcome(await open(protectedUrl))).toBe('ok');
  });

  it('refuses a link signed with another key (wrong key), open or protected', async () => {
    const signed = await attacker.sign(sipPayload());
    expect(await outcome(await open(await encodeLink(signed, { origin })))).toBe('forged');
    const protectedUrl = await encodeLink(signed, { origin, password: 'pw', iterations: 2000 });
    expect(await outcome(await open(protectedUrl))).toBe('forged');
  });

  it('refuses an open link whose payload was changed after signing (tampered)', async () => {
    const signed = await server.sign(sipPayload());
    const json = new TextDecoder().decode(fromBase64Url(signed.payload)!);
    const forged = json.replace('wss://calls.example.com/sip', 'wss://evil.example.net/sip');
    expect(forged).not.toBe(json);
    const url = await encodeLink(
      { payload: toBase64Url(new TextEncoder().encode(forged)), signature: signed.signature },
      { origin },
    );
    expect(await outcome(await open(url))).toBe('forged');
  });

  it('refuses unsigned format-1 links with their own sentence', async () => {
    const body = [0, ...new TextEncoder().encode(JSON.stringify(sipPayload()))];
    expect(await outcome(await open(`${origin}/join#1.${toBase64Url(Uint8Array.from(body))}`))).toBe(
      'unsigned',
    );
  });

  it('refuses a signed link naming a foreign SIP WebSocket, ICE server or Sendbird app', async () => {
    const foreignWs = sipPayload({
      sip: { ...sipPayload().sip, wsUrl: 'wss://evil.example.net/sip' },
    });
    const foreignIce = sipPayload({
      sip: {
        ...sipPayload().sip,
        iceServers: [{ urls: ['turn:turn.example.com:3478', 'turn:evil.example.net'] }],
      },
    });
    const foreignApp = sendbirdPayload({
      sendbird: { ...sendbirdPayload().sendbird, appId: 'EVIL-APP' },
    });
    for (const payload of [foreignWs, foreignIce, foreignApp]) {
      const signed = await server.sign(payload);
      expect(await outcome(await open(await encodeLink(signed, { origin })))).toBe('foreign-server');
      const locked = await encodeLink(signed, { origin, password: 'pw', iterations: 2000 });
      expect(await outcome(await open(locked))).toBe('foreign-server');
    }
  });

  it('accepts published ICE servers and resolves a relative /sip against the page', async () => {
    const payload = sipPayload({
      sip: { ...sipPayload().sip, wsUrl: '/sip', iceServers: [{ urls: 'turn:turn.example.com:3478' }] },
    });
    const result = await open(await encodeLink(await server.sign(payload), { origin }));
    expect(result.ok && result.value.kind === 'open' && result.value.payload.provider === 'sip').toBe(true);
    if (result.ok && result.value.kind === 'open' && result.value.payload.provider === 'sip')
      expect(result.value.payload.sip.wsUrl).toBe('wss://calls.example.com/sip');
    // The same relative path served from another origin is that origin's own server, not ours.
    const elsewhere = await decodeLink(fragmentOf(await encodeLink(await server.sign(payload), { origin })), {
      ...options,
      pageHref: 'https://other.example.org/join',
    });
    expect(await outcome(elsewhere)).toBe('foreign-server');
  });

  it('accepts legacy ?data= links only for the Sendbird app the origin publishes', async () => {
    const legacy = (appId: string) =>
      '?data=' +
      toBase64(
        new TextEncoder().encode(
          JSON.stringify({
            service_user_id: 'service_user_T42',
            room_id: 'room-1',
            app_id: appId,
            creds: { token: 'tok', expires_at: Date.now() + 3_600_000 },
          }),
        ),
      );
    const read = (search: string) => readJoinLink({ pathname: '/join', search, hash: '' }, options);
    expect(await outcome(await read(legacy('APP-1')))).toBe('ok');
    expect(await outcome(await read(legacy('EVIL-APP')))).toBe('foreign-server');
    const noSendbird = { ...options, trust: server.trust({ sendbirdAppId: null }) };
    const result = await readJoinLink({ pathname: '/join', search: legacy('APP-1'), hash: '' }, noSendbird);
    expect(await outcome(result)).toBe('foreign-server');
  });
});

describe('trust from /api/config', () => {
  it('reads the key, resolves /sip and collects ICE URLs; no key means the link cannot be checked', () => {
    const config = {
      wsUrl: '/sip',
      iceServers: [{ urls: ['stun:stun.example.com', 'turn:turn.example.com'] }],
      webcall: { signingKey: toBase64Url(server.publicKey), sendbirdAppId: 'APP-1' },
    };
    const trust = trustFromConfig(config, 'http://127.0.0.1:8080/join');
    expect(trust.ok && trust.value.wsUrl).toBe('ws://127.0.0.1:8080/sip');
    expect(trust.ok && [...trust.value.iceUrls]).toEqual(['stun:stun.example.com', 'turn:turn.example.com']);
    const bad = trustFromConfig({ ...config, webcall: undefined }, PAGE_HREF);
    expect(bad.ok ? 'ok' : bad.error.code).toBe('unverifiable');
    const short = trustFromConfig({ ...config, webcall: { signingKey: 'AAAA' } }, PAGE_HREF);
    expect(short.ok ? 'ok' : short.error.code).toBe('unverifiable');
  });
});
