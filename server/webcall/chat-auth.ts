/**
 * Who may use a room's conversation. The customer is no registered user: their link carries the room's
 * chat key (an HMAC of the room id, signed into the payload with everything else), which they trade for
 * a guest id and a guest token bound to that room and guest. The agent uses the session cookie and must
 * own the room. Both are stateless checks against the server secret; nothing here is stored.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_CONTEXT = 'openline-webcall-chat-key\0';
const GUEST_CONTEXT = 'openline-webcall-chat-guest\0';

function mac(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The key a room's link carries (`chatKey` in the payload). */
export function chatKeyFor(secret: string, roomId: string): string {
  return mac(secret, `${KEY_CONTEXT}${roomId}`);
}

export function isChatKey(secret: string, roomId: string, key: string): boolean {
  return same(chatKeyFor(secret, roomId), key);
}

export function newGuestId(): string {
  return `g${randomBytes(8).toString('hex')}`;
}

/** `<guestId>.<mac>`: only this room's conversation, only as this guest. */
export function guestTokenFor(secret: string, roomId: string, guestId: string): string {
  return `${guestId}.${mac(secret, `${GUEST_CONTEXT}${roomId}\0${guestId}`)}`;
}

/** The guest id a token proves for `roomId`, or null (forged, or another room's). */
export function guestOfToken(secret: string, roomId: string, token: string): string | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 200) return null;
  const guestId = token.slice(0, dot);
  return same(guestTokenFor(secret, roomId, guestId), token) ? guestId : null;
}
