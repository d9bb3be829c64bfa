/**
 * Signature checks for inbound channel webhooks: HMAC-SHA256 over the RAW request body (the bytes as
 * received, never a re-serialised JSON), compared in constant time, plus the replay window.
 *
 * - WhatsApp Cloud API: `X-Hub-Signature-256: sha256=<hex>`, keyed with the app secret.
 * - Viber: `X-Viber-Content-Signature: <hex>`, keyed with the bot's auth token.
 * - Generic (and our own outbound posts): `X-Openline-Signature: t=<unix s>,v1=<hex>` over `<t>.<body>`
 *   (the timestamp is signed too, so it cannot be moved into the window).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Messages older (or further in the future) than this are refused as replays. */
export const REPLAY_WINDOW_MS = 5 * 60_000;

export function hmacHex(secret: string, data: Buffer | string): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

/** Constant-time comparison of two hex digests (false on any length or format mismatch). */
export function hexEqual(expected: string, given: string): boolean {
  if (!/^[0-9a-f]+$/i.test(given) || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given.toLowerCase(), 'hex'));
}

/** `sha256=<hex>` (WhatsApp / Meta). */
export function verifyHubSignature(secret: string, raw: Buffer, header: string | undefined): boolean {
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  return m !== null && hexEqual(hmacHex(secret, raw), m[1]!);
}

/** Bare hex (Viber). */
export function verifyViberSignature(secret: string, raw: Buffer, header: string | undefined): boolean {
  const given = header?.trim() ?? '';
  return /^[0-9a-f]{64}$/i.test(given) && hexEqual(hmacHex(secret, raw), given);
}

export function openlineSignature(secret: string, raw: Buffer | string, unixS: number): string {
  return `t=${unixS},v1=${hmacHex(secret, Buffer.concat([Buffer.from(`${unixS}.`), Buffer.from(raw)]))}`;
}

/** `t=<unix s>,v1=<hex>`: the signed timestamp in ms when the signature matches, else null. */
export function verifyOpenlineSignature(
  secret: string,
  raw: Buffer,
  header: string | undefined,
): number | null {
  const parts = new Map(
    (header ?? '').split(',').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const;
    }),
  );
  const t = parts.get('t') ?? '';
  const v1 = parts.get('v1') ?? '';
  if (!/^\d{1,12}$/.test(t)) return null;
  const expected = hmacHex(secret, Buffer.concat([Buffer.from(`${t}.`), raw]));
  return hexEqual(expected, v1) ? Number(t) * 1000 : null;
}

/** Why a message timestamp (ms) is outside the replay window, or null when it is inside. */
export function replayProblem(
  timestampMs: number,
  nowMs: number,
  windowMs = REPLAY_WINDOW_MS,
): string | null {
  if (!Number.isFinite(timestampMs)) return 'the message has no valid timestamp';
  if (nowMs - timestampMs > windowMs) return 'the message is older than the 5-minute replay window';
  if (timestampMs - nowMs > windowMs) return 'the message timestamp is in the future';
  return null;
}
