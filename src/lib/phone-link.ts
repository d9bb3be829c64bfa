/**
 * Parse what a `tel:` or `sip:` link handed to the app (`/dialpad?to=%s`, see manifest
 * `protocol_handlers` and Settings → Phone links) into text for the dial field. The result only
 * fills the dialpad: a link never places a call by itself.
 *
 * - `tel:` (RFC 3966): visual separators (`-`, `.`, `(`, `)`, spaces) are removed; parameters such as
 *   `;ext=`, `;isub=`, `;phone-context=` are dropped (the dialpad dials one number).
 * - `sip:`/`sips:` (RFC 3261): URI parameters (`;transport=…`) and headers (`?subject=…`) are dropped,
 *   so a link cannot add SIP headers or steer the transport; a password in the user part is refused.
 * - Anything without a scheme is taken as typed text (the in-app `?to=` use).
 */

export type PhoneLinkResult =
  { ok: true; target: string; kind: 'tel' | 'sip' | 'text' } | { ok: false; error: string };

/** Longer than any real number or address: refuse instead of filling the field with a blob. */
export const MAX_LINK_LENGTH = 512;

const TEL_SEPARATORS = /[-.()\s]/g;
/** Global (`+…`) or local numbers; `*`, `#` and A–D appear in service codes. */
const TEL_NUMBER = /^\+?[0-9*#A-D]{1,32}$/i;
/** RFC 3261 user: unreserved, escaped and user-unreserved characters (no `:` = no password). */
const SIP_USER = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+$/;
const SIP_HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function shown(raw: string): string {
  return raw.length > 60 ? `${raw.slice(0, 57)}…` : raw;
}

function parseTel(raw: string, rest: string): PhoneLinkResult {
  const number = safeDecode(rest.split(';')[0] ?? '');
  const compact = number?.replace(TEL_SEPARATORS, '') ?? '';
  if (!TEL_NUMBER.test(compact)) {
    return { ok: false, error: `The phone link “${shown(raw)}” has no valid number in it.` };
  }
  return { ok: true, target: compact, kind: 'tel' };
}

function parseSip(raw: string, scheme: 'sip' | 'sips', rest: string): PhoneLinkResult {
  // Headers start at the first `?`, parameters at the first `;` after the host.
  const withoutHeaders = rest.split('?')[0] ?? '';
  const at = withoutHeaders.lastIndexOf('@');
  if (at <= 0) {
    return { ok: false, error: `The SIP link “${shown(raw)}” names no one to call (use sip:user@host).` };
  }
  const userPart = withoutHeaders.slice(0, at);
  const host = (withoutHeaders.slice(at + 1).split(';')[0] ?? '').toLowerCase();
  if (userPart.includes(':')) {
    return { ok: false, error: 'SIP links with a password in them are not accepted.' };
  }
  if (!SIP_USER.test(userPart) || !SIP_HOST.test(host)) {
    return { ok: false, error: `“${shown(raw)}” is not a valid SIP address (use sip:user@host).` };
  }
  return { ok: true, target: `${scheme}:${userPart}@${host}`, kind: 'sip' };
}

export function parsePhoneLink(input: string): PhoneLinkResult {
  const raw = input.trim();
  if (raw === '') return { ok: false, error: 'The link has no number or address in it.' };
  if (raw.length > MAX_LINK_LENGTH) return { ok: false, error: 'The link is too long to be a phone number.' };

  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1]?.toLowerCase();
  const rest = scheme ? raw.slice(scheme.length + 1).replace(/^\/\//, '') : raw;
  if (scheme === 'tel') return parseTel(raw, rest);
  if (scheme === 'sip' || scheme === 'sips') return parseSip(raw, scheme, rest);
  if (scheme) return { ok: false, error: `Openline opens tel: and sip: links, not ${scheme}: links.` };
  return { ok: true, target: raw, kind: 'text' };
}
