import { describe, expect, it } from 'vitest';
import { ChatApiError, chatProblemOf, roomChatApi } from './webcall-chat';

const refusing =
  (status: number, body: unknown, headers: Record<string, string> = {}): typeof fetch =>
  () =>
    Promise.resolve(
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json', ...headers },
      }),
    );

async function refusal(fetchImpl: typeof fetch): Promise<ChatApiError> {
  const error: unknown = await roomChatApi('r1', () => ({}), fetchImpl)
    .send({ clientId: 'c1', text: 'hi' })
    .then(
      () => null,
      (e: unknown) => e,
    );
  if (!(error instanceof ChatApiError)) throw new Error('the send was not refused');
  return error;
}

describe('roomChatApi refusals', () => {
  it('keeps the server’s code and its Retry-After seconds', async () => {
    const error = await refusal(
      refusing(
        429,
        { error: 'too_many_messages', message: 'Too many messages at once. Wait 3 s.' },
        {
          'Retry-After': '3',
        },
      ),
    );
    expect(error).toMatchObject({ status: 429, code: 'too_many_messages', retryAfterS: 3 });
  });

  it('has no wait without a usable Retry-After, and a code of its own without the server’s', async () => {
    const closed = await refusal(refusing(410, { error: 'closed', message: 'ended' }));
    expect(closed).toMatchObject({ code: 'closed', retryAfterS: null });
    const odd = await refusal(
      refusing(429, { error: 'too_many_messages', message: 'x' }, { 'Retry-After': 'soon' }),
    );
    expect(odd.retryAfterS).toBeNull();
    const bare = await refusal(() => Promise.resolve(new Response('oops', { status: 502 })));
    expect(bare).toMatchObject({ status: 502, code: 'http_error' });
  });
});

describe('chatProblemOf', () => {
  it('keeps the code and the wait of a refusal, and nothing of its English', () => {
    expect(chatProblemOf(new ChatApiError(429, 'too_many_messages', 'Wait 4 s', 4))).toEqual({
      code: 'too_many_messages',
      waitS: 4,
    });
    expect(chatProblemOf(new ChatApiError(410, 'expired', 'This call link has expired.'))).toEqual({
      code: 'expired',
    });
    expect(chatProblemOf(new Error('boom'))).toEqual({ code: 'failed' });
  });
});
