/**
 * The SIP user a webcall customer registers as: `webcall.<roomId>.<agent>`. The name carries the guest's
 * scope (one room, one agent it may call), so the server mints and checks it without state and the
 * agent's app recognises its room's caller by it. Server and browser both import this module.
 */
const GUEST = /^webcall\.([0-9a-f]{16})\.([A-Za-z0-9._~-]{1,64})$/;

/** The guest user for a room (16 hex digits) and an agent; throws when either does not fit the format. */
export function guestUser(roomId: string, agent: string): string {
  const user = `webcall.${roomId}.${agent}`;
  if (!GUEST.test(user)) throw new Error(`cannot make a guest user for room ${roomId} and agent ${agent}`);
  return user;
}

/** The room and agent a guest user stands for, or null when `user` is not a guest user. */
export function parseGuestUser(user: string): { roomId: string; agent: string } | null {
  const m = GUEST.exec(user);
  return m ? { roomId: m[1]!, agent: m[2]! } : null;
}

/** True when `user` is the guest of this room (whichever agent it calls). */
export function isGuestOfRoom(user: string, roomId: string): boolean {
  return parseGuestUser(user)?.roomId === roomId;
}
