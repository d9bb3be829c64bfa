/**
 * Property test: mutated and random links must each end in a payload, a password step, or a typed
 * LinkError — never an exception, never a hang.
 */
import { describe, expect, it } from 'vitest';
import { toBase64, toBase64Url } from './base64url';
import { LinkError, type LinkResult } from './errors';
import { decodeLegacyData } from './legacy';
import { decodeLink, encodeLink } from './link';
import { FAST_LIMITS, PAGE_HREF, sendbirdPayload, sipPayload, testSigner } from './testing';
import { prng } from '../lib/testing/prng';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.#%+/= \u00e9\u{1F600}';

function mutate(text: string, rnd: () => number): string {
  const chars = [...text];
  const edits = 1 + Math.floor(rnd() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rnd() * (chars.length + 1));
    const ch = ALPHABET[Math.floor(rnd() * ALPHABET.length)] ?? 'A';
    const op = Math.floor(rnd() * 5);
    if (op === 0) chars.splice(at, 1);
    else if (op === 1) chars.splice(at, 0, ch);
    else if (op === 2) chars[at] = ch;
    else if (op === 3) chars.splice(at, Math.floor(rnd() * 20));
    else chars.splice(at, 0, ...chars.slice(0, Math.floor(rnd() * 10)));
  }
  return chars.join('');
}

function randomText(rnd: () => number): string {
  const n = Math.floor(rnd() * 120);
  let out = rnd() < 0.5 ? '2.' : '';
  for (let i = 0; i < n; i++) out += ALPHABET[Math.floor(rnd() * ALPHABET.length)];
  return out;
}

function randomBody(rnd: () => number): string {
  const bytes = Uint8Array.from({ length: Math.floor(rnd() * 120) }, () => Math.floor(rnd() * 256));
  if (bytes.length > 0 && rnd() < 0.6) bytes[0] = rnd() < 0.5 ? 0 : 1;
  if (rnd() < 0.3 && bytes.length > 9)
    new DataView(bytes.buffer).setUint32(5, 1000 + Math.floor(rnd() * 2000));
  if (rnd() < 0.3 && bytes.length > 5) new DataView(bytes.buffer).setUint32(1, 4_000_000_000);
  return `2.${toBase64Url(bytes)}`;
}

function expectTyped<T>(result: LinkResult<T>, input: string): void {
  if (!result.ok && !(result.error instanceof LinkError)) throw new Error(`untyped failure for ${input}`);
}

describe('link decoding under fuzzing', () => {
  it('handles 12,000 mutated and random links with typed outcomes only', async () => {
    const rnd = prng(0x5eed);
    const signer = await testSigner();
    const options = { trust: signer.trust(), pageHref: PAGE_HREF, limits: FAST_LIMITS };
    const sip = await signer.sign(sipPayload());
    const sendbird = await signer.sign(sendbirdPayload());
    const seeds = [
      await encodeLink(sip, { origin: 'https://x.test' }),
      await encodeLink(sendbird, { origin: 'https://x.test' }),
      await encodeLink(sip, { origin: 'https://x.test', password: 'pw', iterations: 1000 }),
      await encodeLink(sendbird, { origin: 'https://x.test', password: 'pw', iterations: 1000 }),
      // An unsigned format-1 link, so mutations also reach the "unsigned" branch.
      `#1.${toBase64Url(Uint8Array.from([0, ...new TextEncoder().encode(JSON.stringify(sipPayload()))]))}`,
    ].map((url) => url.slice(url.indexOf('#')));
    const tally = { payload: 0, locked: 0, unlocked: 0, errors: new Map<string, number>() };
    const count = (code: string) => tally.errors.set(code, (tally.errors.get(code) ?? 0) + 1);
    let unlockBudget = 1500; // PBKDF2 runs are the slow part; unlock a sample of the protected ones.

    for (let i = 0; i < 12_000; i++) {
      const r = rnd();
      const input =
        r < 0.6 ? mutate(seeds[i % seeds.length]!, rnd) : r < 0.8 ? randomBody(rnd) : randomText(rnd);
      let result;
      try {
        result = await decodeLink(input, options);
      } catch (error) {
        throw new Error(`decodeLink threw for ${JSON.stringify(input)}: ${String(error)}`);
      }
      expectTyped(result, input);
      if (!result.ok) {
        count(result.error.code);
        continue;
      }
      if (result.value.kind === 'open') {
        tally.payload++;
        continue;
      }
      tally.locked++;
      if (unlockBudget-- <= 0) continue;
      const unlocked = await result.value.unlock(rnd() < 0.5 ? 'pw' : 'nope').catch((error: unknown) => {
        throw new Error(`unlock threw for ${JSON.stringify(input)}: ${String(error)}`);
      });
      expectTyped(unlocked, input);
      if (unlocked.ok) tally.unlocked++;
      else count(unlocked.error.code);
    }
    // The run must have exercised every branch, not just "malformed".
    expect(tally.payload).toBeGreaterThan(0);
    expect(tally.locked).toBeGreaterThan(0);
    for (const code of [
      'malformed',
      'unknown-version',
      'wrong-password',
      'tampered',
      'expired',
      'forged',
      'unsigned',
    ]) {
      expect([code, tally.errors.get(code) ?? 0]).not.toEqual([code, 0]);
    }
  }, 60_000);

  it('handles 3,000 mutated legacy ?data= values', () => {
    const rnd = prng(42);
    const doc = JSON.stringify({
      service_user_id: 'u',
      room_id: 'r',
      app_id: 'a',
      creds: { token: 't', expires_at: Date.now() + 60_000 },
    });
    const seed = toBase64(new TextEncoder().encode(doc));
    let ok = 0;
    for (let i = 0; i < 3000; i++) {
      const input = i === 0 ? seed : mutate(seed, rnd);
      const result = decodeLegacyData(input);
      expectTyped(result, input);
      if (result.ok) ok++;
    }
    expect(ok).toBeGreaterThan(0);
  });
});
