import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiClientError, requestJson } from './client';

const json = (status: number, body: unknown) =>
  (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

describe('requestJson', () => {
  const Thing = z.object({ id: z.number() });

  it('returns the validated body and sends JSON', async () => {
    let seen: RequestInit | undefined;
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      seen = init;
      return new Response('{"id":7}', { status: 200 });
    }) as unknown as typeof fetch;
    await expect(requestJson('POST', '/api/x', Thing, { body: { a: 1 }, fetchImpl })).resolves.toEqual({
      id: 7,
    });
    expect(seen?.body).toBe('{"a":1}');
    expect((seen?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('surfaces the server message and code of an error envelope', async () => {
    const err = await requestJson('GET', '/api/x', Thing, {
      fetchImpl: json(401, { error: 'invalid_credentials', message: 'Wrong username or password.' }),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiClientError);
    expect(err).toMatchObject({
      message: 'Wrong username or password.',
      status: 401,
      code: 'invalid_credentials',
    });
  });

  it('explains unreachable servers, non-JSON answers and unexpected shapes', async () => {
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(requestJson('GET', '/api/x', Thing, { fetchImpl: down })).rejects.toThrow(
      'Cannot reach the server: Failed to fetch',
    );
    const html = (async () => new Response('<html>', { status: 502 })) as unknown as typeof fetch;
    await expect(requestJson('GET', '/api/x', Thing, { fetchImpl: html })).rejects.toThrow(
      'GET /api/x did not return JSON (502)',
    );
    await expect(requestJson('GET', '/api/x', Thing, { fetchImpl: json(200, { id: 'x' }) })).rejects.toThrow(
      'GET /api/x returned an unexpected shape',
    );
    await expect(requestJson('GET', '/api/x', Thing, { fetchImpl: json(500, { oops: 1 }) })).rejects.toThrow(
      'GET /api/x failed with 500',
    );
  });
});
