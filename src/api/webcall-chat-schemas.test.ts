import { describe, expect, it } from 'vitest';
import { ChatGuestRequest, ChatSendRequest, describeChatIssue } from './webcall-chat-schemas';

describe('webcall chat schemas', () => {
  it('accepts a message up to 2000 characters with a client id', () => {
    expect(ChatSendRequest.safeParse({ clientId: 'abcdefgh', text: 'x'.repeat(2000) }).success).toBe(true);
    expect(ChatSendRequest.safeParse({ clientId: 'abcdefgh', text: ' <b>hi</b> ' }).data?.text).toBe(
      ' <b>hi</b> ',
    );
  });

  it('refuses blank, too long, bad client ids and wrong types with a path', () => {
    const problem = (v: unknown) => {
      const r = ChatSendRequest.safeParse(v);
      return r.success ? null : describeChatIssue(r.error);
    };
    expect(problem({ clientId: 'abcdefgh', text: ' \n ' })).toBe('text: must not be empty');
    expect(problem({ clientId: 'abcdefgh', text: 'x'.repeat(2001) })).toBe(
      'text: must be at most 2000 characters',
    );
    expect(problem({ clientId: 'short', text: 'hi' })).toMatch(/^clientId: /);
    expect(problem({ clientId: 'abcdefgh/../', text: 'hi' })).toMatch(/^clientId: /);
    expect(problem({ clientId: 'abcdefgh', text: 5 })).toMatch(/^text: /);
    expect(problem(null)).not.toBeNull();
  });

  it('takes a guest id only in the server’s format', () => {
    expect(ChatGuestRequest.safeParse({ key: 'k'.repeat(43), guestId: 'g0123456789abcdef' }).success).toBe(
      true,
    );
    expect(ChatGuestRequest.safeParse({ key: 'k'.repeat(43), guestId: 'g0123' }).success).toBe(false);
    expect(ChatGuestRequest.safeParse({ key: 'short' }).success).toBe(false);
  });
});
