import { describe, expect, it } from 'vitest';
import { guestUser, isGuestOfRoom, parseGuestUser } from './guest-name';

describe('guest user names', () => {
  it('round-trips room and agent', () => {
    const user = guestUser('0123456789abcdef', '1001');
    expect(user).toBe('webcall.0123456789abcdef.1001');
    expect(parseGuestUser(user)).toEqual({ roomId: '0123456789abcdef', agent: '1001' });
  });

  it('refuses names outside the format', () => {
    expect(() => guestUser('xyz', '1001')).toThrow(/cannot make a guest user/);
    expect(() => guestUser('0123456789abcdef', 'a b')).toThrow(/cannot make a guest user/);
    expect(parseGuestUser('webcall.xyz.1001')).toBeNull();
    expect(parseGuestUser('1001')).toBeNull();
  });

  it('recognises the guest of one room only', () => {
    expect(isGuestOfRoom('webcall.0123456789abcdef.1001', '0123456789abcdef')).toBe(true);
    expect(isGuestOfRoom('webcall.ffffffffffffffff.1001', '0123456789abcdef')).toBe(false);
    expect(isGuestOfRoom('webcall.0123456789abcdef', '0123456789abcdef')).toBe(false);
    expect(isGuestOfRoom('1002', '0123456789abcdef')).toBe(false);
  });
});
