/**
 * A conversation's key: the peer's SIP address as `sip:user@host` (host lower-cased, no parameters),
 * from what a user typed or a link carried. Mirrors the phone engine's target rules (extension,
 * number with separators, `user@host`, `sip:`/`tel:`) without loading sip.js into the shell.
 */
const USER = /^[A-Za-z0-9+*#][A-Za-z0-9._~!$&'*+=#-]{0,63}$/;
const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})(:\d{1,5})?$/;

export function chatPeer(input: string, domain: string): string | null {
  let raw = input.trim();
  if (raw === '' || raw.length > 256) return null;
  const scheme = /^(sips?|tel):/i.exec(raw);
  if (scheme) raw = raw.slice(scheme[0].length);
  raw = raw.split(';')[0]!.split('?')[0]!;
  const at = raw.lastIndexOf('@');
  let user = at >= 0 ? raw.slice(0, at) : raw;
  const host = (at >= 0 ? raw.slice(at + 1) : domain.trim()).toLowerCase();
  if (/^\+?[\d\s().*#-]+$/.test(user)) user = user.replace(/[\s().-]/g, '');
  if (!USER.test(user) || !HOST.test(host)) return null;
  return `sip:${user}@${host}`;
}

/** The user part of a peer address (`1002` of `sip:1002@example.com`). */
export function peerUser(peer: string): string {
  return peer.replace(/^sips?:/, '').split('@')[0] ?? peer;
}
