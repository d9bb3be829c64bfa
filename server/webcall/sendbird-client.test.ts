import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SendbirdClient, SendbirdError } from './sendbird-client';
import { startSendbirdStub, type SendbirdStub } from './testing/sendbird-stub';

let stub: SendbirdStub;
const sleeps: number[] = [];

beforeAll(async () => {
  stub = await startSendbirdStub('tok');
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.requests.length = 0;
  stub.users.clear();
  sleeps.length = 0;
});

function client(overrides: Partial<ConstructorParameters<typeof SendbirdClient>[0]> = {}) {
  return new SendbirdClient({
    appId: 'APP',
    apiToken: 'tok',
    apiBase: stub.url,
    callsApiBase: stub.url,
    sleep: async (ms) => void sleeps.push(ms),
    ...overrides,
  });
}

describe('Sendbird Platform API client', () => {
  it('creates a missing user after 400201 and retries the token request', async () => {
    const expiresAt = Date.now() + 3_600_000;
    const token = await client().issueSessionToken('service_user_T1', expiresAt, 'Chris');
    expect(token).toEqual({
      userId: 'service_user_T1',
      token: expect.stringMatching(/^session-/),
      expiresAt,
    });
    expect(stub.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v3/users/service_user_T1/token',
      'POST /v3/users',
      'POST /v3/users/service_user_T1/token',
    ]);
    expect(stub.requests[0]!.body).toEqual({ expires_at: expiresAt });
    expect(stub.requests[1]!.body).toEqual({
      user_id: 'service_user_T1',
      nickname: 'Chris',
      profile_url: '',
    });
    expect(stub.requests.every((r) => r.apiToken === 'tok')).toBe(true);
  });

  it('asks once when the user exists', async () => {
    stub.users.add('agent_1001');
    await client().issueSessionToken('agent_1001', Date.now() + 60_000, 'Ada');
    expect(stub.requests).toHaveLength(1);
  });

  it('creates a small video room on the Calls API', async () => {
    expect(await client().createRoom()).toMatch(/^room-\d+$/);
    expect(stub.requests[0]).toMatchObject({ path: '/v1/rooms', body: { type: 'small_room_for_video' } });
  });

  it('waits X-RateLimit-RetryAfter on 429 and retries', async () => {
    stub.rateLimit(2, 3);
    expect(await client().createRoom()).toMatch(/^room-/);
    expect(sleeps).toEqual([3000, 3000]);
    expect(stub.requests).toHaveLength(3);
  });

  it('gives up on 429 after the retry budget, or at once when the wait is too long', async () => {
    stub.rateLimit(5, 1);
    const error = await client({ maxRateLimitRetries: 1 })
      .createRoom()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendbirdError);
    expect(error).toMatchObject({ status: 429, code: 429100, retryAfterS: 1 });
    stub.rateLimit(1, 120);
    const long = await client()
      .createRoom()
      .catch((e: unknown) => e);
    expect(long).toMatchObject({ status: 429, retryAfterS: 120 });
    expect(sleeps).toEqual([1000]);
    stub.rateLimit(0, 0);
  });

  it('maps 4xx and 5xx envelopes, and non-JSON errors, to SendbirdError', async () => {
    stub.failNext(400, { error: true, code: 400111, message: 'Invalid value: "type".' });
    await expect(client().createRoom()).rejects.toMatchObject({
      status: 400,
      code: 400111,
      message: 'Invalid value: "type".',
    });
    stub.failNext(500, { error: true, code: 500901, message: 'Unexpected internal error.' });
    await expect(client().createRoom()).rejects.toMatchObject({ status: 500, code: 500901 });
    stub.failNext(503, '<html>Service Unavailable</html>');
    await expect(client().createRoom()).rejects.toMatchObject({ status: 503, code: 0 });
    await expect(client({ apiToken: 'wrong' }).createRoom()).rejects.toMatchObject({
      status: 401,
      code: 400401,
    });
  });

  it('reports an unreachable service with status 0', async () => {
    const error = await client({ apiBase: 'http://127.0.0.1:1', callsApiBase: 'http://127.0.0.1:1' })
      .createRoom()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0 });
    expect((error as Error).message).toMatch(/unreachable/);
  });
});
