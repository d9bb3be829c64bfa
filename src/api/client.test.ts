import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiClientError, createHttp, requestJson } from './client';
import { sessionApi } from './session';

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

  it('sends FormData as it is (multipart with the browser’s boundary), not as JSON', async () => {
    let seen: RequestInit | undefined;
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      seen = init;
      return new Response('{"id":8}', { status: 200 });
    }) as unknown as typeof fetch;
    const form = new FormData();
    form.append('greeting', new Blob(['OggS']), 'g.ogg');
    await expect(requestJson('PUT', '/api/x', Thing, { body: form, fetchImpl })).resolves.toEqual({ id: 8 });
    expect(seen?.body).toBe(form);
    expect((seen?.headers as Record<string, string>)['Content-Type']).toBeUndefined();
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

describe('createHttp: recovering from a lost session', () => {
  const Thing = z.object({ id: z.number() });
  const unauthorized = () =>
    new Response(JSON.stringify({ error: 'unauthenticated', message: 'Sign in first.' }), { status: 401 });

  /** A server that forgot its sessions: 401 until someone signs in again. */
  function restartedServer() {
    const log: string[] = [];
    let signedIn = false;
    const fetchImpl = (async (url: string, init: RequestInit) => {
      log.push(`${init.method} ${url}`);
      if (url === '/api/session') {
        signedIn = true;
        return new Response('{"username":"1001","displayName":"Agent","expiresAt":1}', { status: 200 });
      }
      return signedIn ? new Response('{"id":7}', { status: 200 }) : unauthorized();
    }) as unknown as typeof fetch;
    return { log, fetchImpl };
  }

  it('signs in again and repeats the request once', async () => {
    const server = restartedServer();
    let reauths = 0;
    const http = createHttp({
      fetchImpl: server.fetchImpl,
      reauthenticate: async () => {
        reauths++;
        await sessionApi(http).open('1001', 'secret');
        return true;
      },
    });
    await expect(http.request('GET', '/api/x', Thing)).resolves.toEqual({ id: 7 });
    expect(reauths).toBe(1);
    expect(server.log).toEqual(['GET /api/x', 'POST /api/session', 'GET /api/x']);
  });

  it('gives up after one repeat, and when signing in again is not possible', async () => {
    const always401 = (async () => unauthorized()) as unknown as typeof fetch;
    let reauths = 0;
    const http = createHttp({ fetchImpl: always401, reauthenticate: async () => (reauths++, true) });
    await expect(http.request('GET', '/api/x', Thing)).rejects.toMatchObject({ status: 401 });
    expect(reauths).toBe(1);

    const server = restartedServer();
    const refused = createHttp({ fetchImpl: server.fetchImpl, reauthenticate: async () => false });
    await expect(refused.request('GET', '/api/x', Thing)).rejects.toThrow('Sign in first.');
    expect(server.log).toEqual(['GET /api/x']);
  });

  it('waits for a sign-in in progress instead of going out first and coming back 401', async () => {
    const server = restartedServer();
    let opened: () => void = () => undefined;
    const opening = new Promise<void>((resolve) => (opened = resolve));
    const http = createHttp({
      fetchImpl: server.fetchImpl,
      reauthenticate: async () => false,
      sessionReady: () => opening,
    });
    const answer = http.request('GET', '/api/x', Thing);
    // The sign-in's own request does not wait for itself.
    await sessionApi(http).open('1001', 'secret');
    expect(server.log).toEqual(['POST /api/session']);
    opened();
    await expect(answer).resolves.toEqual({ id: 7 });
    expect(server.log).toEqual(['POST /api/session', 'GET /api/x']);
  });

  it('never re-authenticates for the sign-in routes themselves (their 401 is a wrong password)', async () => {
    const always401 = (async () => unauthorized()) as unknown as typeof fetch;
    let reauths = 0;
    const http = createHttp({ fetchImpl: always401, reauthenticate: async () => (reauths++, true) });
    await expect(sessionApi(http).open('1001', 'wrong')).rejects.toMatchObject({ status: 401 });
    expect(reauths).toBe(0);
  });
});
