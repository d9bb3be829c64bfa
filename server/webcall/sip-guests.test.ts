import { describe, expect, it } from 'vitest';
import { computeHa1 } from '../sip/digest';
import { guestUser } from '../../src/lib/guest-name';
import { createGuestPolicy, mintGuestCredentials } from './sip-guests';

const secret = 'guest-test-secret';
const now = Date.UTC(2030, 0, 1);

describe('webcall SIP guests', () => {
  it('vouches for minted credentials until they expire, and for nothing else', () => {
    const creds = mintGuestCredentials({
      secret,
      roomId: '0123456789abcdef',
      agent: '1001',
      expiresAtMs: now + 3_600_000,
      now,
    });
    expect(creds.username).toBe(`${now / 1000 + 3600}:webcall.0123456789abcdef.1001`);
    let clock = now;
    const policy = createGuestPolicy({ secret, now: () => clock });
    expect(policy.ha1(creds.username, 'openline.local')).toBe(
      computeHa1(creds.username, 'openline.local', creds.password),
    );
    expect(policy.userOf(creds.username)).toBe('webcall.0123456789abcdef.1001');
    expect(policy.allowedTarget('webcall.0123456789abcdef.1001')).toBe('1001');
    expect(policy.allowedTarget('1002')).toBeUndefined();
    expect(policy.userOf('1700000000:1001')).toBeUndefined(); // an agent's ephemeral credentials are no guest
    expect(policy.ha1('1700000000:1001', 'openline.local')).toBeUndefined();
    clock = now + 3_601_000;
    expect(policy.ha1(creds.username, 'openline.local')).toBeUndefined();
  });
});

describe('webcall guests and their room', () => {
  it('stop being served when the room expires or closes, though their credentials have not', () => {
    const roomId = '0123456789abcdef';
    const user = guestUser(roomId, '1001');
    const creds = mintGuestCredentials({ secret, roomId, agent: '1001', expiresAtMs: now + 3_600_000, now });
    let clock = now;
    let closed = false;
    const policy = createGuestPolicy({
      secret,
      now: () => clock,
      rooms: { isOpen: (id, at) => id === roomId && !closed && at < now + 600_000 },
    });
    expect(policy.isActive(user)).toBe(true);
    expect(policy.ha1(creds.username, 'openline.local')).toBeDefined();
    clock = now + 600_000; // the room's link expired
    expect(policy.isActive(user)).toBe(false);
    expect(policy.ha1(creds.username, 'openline.local')).toBeUndefined();
    clock = now;
    closed = true; // the agent closed the room
    expect(policy.isActive(user)).toBe(false);
    expect(policy.ha1(creds.username, 'openline.local')).toBeUndefined();
    expect(policy.isActive(guestUser('ffffffffffffffff', '1001'))).toBe(false); // an unknown room
  });
});
