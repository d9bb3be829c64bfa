/**
 * Webcall guests on SIP: the customer's browser authenticates with ephemeral (TURN REST) credentials
 * for the user `webcall.<roomId>.<agent>` and may call only `<agent>`. The names carry the scope, so
 * checking it needs no state: the embedded proxy does it here, and Kamailio can do the same with
 * auth_ephemeral plus a regex on the From user (docs/webcall.md).
 */
import { ephemeralPassword, mintEphemeralCredentials, verifyEphemeral } from '../credentials/ephemeral';
import { computeHa1 } from '../sip/digest';
import type { SipGuestPolicy } from '../sip/guests';
import { guestUser, parseGuestUser } from '../../src/lib/guest-name';

export function mintGuestCredentials(o: {
  secret: string;
  roomId: string;
  agent: string;
  expiresAtMs: number;
  now?: number;
}): { username: string; password: string; user: string } {
  const now = o.now ?? Date.now();
  const user = guestUser(o.roomId, o.agent);
  const ttlSeconds = Math.max(1, Math.ceil((o.expiresAtMs - now) / 1000));
  const creds = mintEphemeralCredentials({ secret: o.secret, user, ttlSeconds, now });
  return { username: creds.username, password: creds.password, user };
}

export function createGuestPolicy(o: {
  secret: string;
  /** Whether a room may still be joined (exists, not expired, not closed); absent: names decide. */
  rooms?: { isOpen(roomId: string, now: number): boolean };
  now?: () => number;
}): SipGuestPolicy {
  const now = o.now ?? Date.now;
  const roomOpen = (user: string) => {
    const guest = parseGuestUser(user);
    return guest !== null && (o.rooms?.isOpen(guest.roomId, now()) ?? true);
  };
  const guestOf = (digestUsername: string) => {
    const colon = digestUsername.indexOf(':');
    const user = colon > 0 ? digestUsername.slice(colon + 1) : '';
    return parseGuestUser(user) ? user : undefined;
  };
  return {
    ha1(digestUsername, realm) {
      const user = guestOf(digestUsername);
      if (user === undefined || !roomOpen(user)) return undefined;
      const password = ephemeralPassword(o.secret, digestUsername);
      // Expired or malformed credentials have no HA1: the digest check then fails like an unknown user.
      if (!verifyEphemeral(o.secret, digestUsername, password, now()).ok) return undefined;
      return computeHa1(digestUsername, realm, password);
    },
    userOf: guestOf,
    allowedTarget: (user) => parseGuestUser(user)?.agent,
    isActive: roomOpen,
  };
}
