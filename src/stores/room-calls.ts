/**
 * Rooms this page opened as the agent. A SIP-bridged room reaches the agent's phone as a call from
 * the room's guest (`webcall.<roomId>.<agent>`); History records the room once, as a room, so the
 * call recorder leaves out calls from the guests of these rooms. Room ids are random and never
 * reused, so a room stays in the set for the page's life (a handful per shift).
 */
import { parseGuestUser } from '../lib/guest-name';

const opened = new Set<string>();

export function noteRoomOpened(roomId: string): void {
  opened.add(roomId);
}

/** The call comes from the guest of a room this page opened (its room entry covers it). */
export function isOpenedRoomGuest(remoteUser: string): boolean {
  const guest = parseGuestUser(remoteUser);
  return guest !== null && opened.has(guest.roomId);
}
