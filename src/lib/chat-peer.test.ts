import { describe, expect, it } from 'vitest';
import { chatPeer, peerUser } from './chat-peer';

describe('chatPeer', () => {
  it.each([
    ['1002', 'sip:1002@openline.local'],
    [' (020) 7946-0000 ', 'sip:02079460000@openline.local'],
    ['+44 1234', 'sip:+441234@openline.local'],
    ['bob@Example.COM', 'sip:bob@example.com'],
    ['sip:1002@openline.local;transport=ws', 'sip:1002@openline.local'],
    ['sip:1003', 'sip:1003@openline.local'],
    ['tel:+441234', 'sip:+441234@openline.local'],
  ])('%s → %s', (input, expected) => expect(chatPeer(input, 'openline.local')).toBe(expected));

  it.each(['', 'a b', '<script>', 'x@', '@host', 'a'.repeat(300)])('refuses %j', (input) =>
    expect(chatPeer(input, 'openline.local')).toBeNull(),
  );

  it('reads the user back', () => expect(peerUser('sip:1002@x')).toBe('1002'));
});
