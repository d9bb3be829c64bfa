/**
 * Typed client for the platform API (same origin; the session cookie rides along). Every call
 * validates the answer with the shared zod schema and fails with an {@link ApiClientError} whose
 * message can be shown to the user as it is.
 */
import { safeParse } from 'zod/mini';
import type { $ZodType, output } from 'zod/v4/core';
import { errorMessage } from '../lib/errors';
import { ApiError } from './schemas';

export class ApiClientError extends Error {
  constructor(
    message: string,
    /** HTTP status, or null when the server could not be reached. */
    readonly status: number | null,
    /** The server's machine-readable error code, when it sent one. */
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'ApiClientError';
  }
}

export interface RequestOptions {
  body?: unknown;
  /** Extra request headers, e.g. If-None-Match. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

export async function requestJson<S extends $ZodType>(
  method: Method,
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<output<S>> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const label = `${method} ${path}`;
  let response: Response;
  try {
    response = await fetchImpl(path, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...options.headers,
        ...(options.body !== undefined && !(options.body instanceof FormData)
          ? { 'Content-Type': 'application/json' }
          : {}),
      },
      // FormData (an upload) goes as multipart, with the boundary the browser writes.
      body:
        options.body instanceof FormData
          ? options.body
          : options.body !== undefined
            ? JSON.stringify(options.body)
            : undefined,
      signal: options.signal,
    });
  } catch (e) {
    throw new ApiClientError(`Cannot reach the server: ${errorMessage(e)}`, null);
  }
  let body: unknown = undefined;
  // 304 Not Modified (a conditional request) has no body: the schema sees undefined.
  if (response.status !== 204 && response.status !== 304) {
    try {
      body = await response.json();
    } catch {
      throw new ApiClientError(`${label} did not return JSON (${response.status})`, response.status);
    }
  }
  if (!response.ok && response.status !== 304) {
    const error = ApiError.safeParse(body);
    if (error.success) throw new ApiClientError(error.data.message, response.status, error.data.error);
    throw new ApiClientError(`${label} failed with ${response.status}`, response.status);
  }
  const parsed = safeParse(schema, body);
  if (!parsed.success) throw new ApiClientError(`${label} returned an unexpected shape`, response.status);
  return parsed.data;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpOptions {
  fetchImpl?: typeof fetch;
  /**
   * Called when a request is refused with 401 (the server restarted or the session expired):
   * signs in again and resolves true when the request is worth repeating. Shared by concurrent
   * requests is the caller's business (the session service runs one sign-in at a time).
   */
  reauthenticate?: () => Promise<boolean>;
  /**
   * Resolves once a sign-in in progress has its API session (at once when none is): requests that need
   * the session wait for it instead of going out first and coming back 401 (a console error, a
   * repeated request). Not awaited by the sign-in endpoints themselves (`reauthenticate: false`).
   */
  sessionReady?: () => Promise<void>;
}

export interface HttpRequest {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** False for the sign-in endpoints themselves: their 401 means a wrong password. */
  reauthenticate?: boolean;
}

/** The transport every endpoint function goes through. */
export interface Http {
  request<S extends $ZodType>(
    method: Method,
    path: string,
    schema: S,
    request?: HttpRequest,
  ): Promise<output<S>>;
}

/** A 401 is repaired once: sign in again, then repeat the request; a second 401 is the answer. */
export function createHttp(options: HttpOptions = {}): Http {
  return {
    async request(method, path, schema, request = {}) {
      const send = () =>
        requestJson(method, path, schema, {
          body: request.body,
          headers: request.headers,
          signal: request.signal,
          fetchImpl: options.fetchImpl,
        });
      if (request.reauthenticate !== false && options.sessionReady) await options.sessionReady();
      try {
        return await send();
      } catch (error) {
        const retry =
          error instanceof ApiClientError &&
          error.status === 401 &&
          request.reauthenticate !== false &&
          options.reauthenticate !== undefined &&
          (await options.reauthenticate().catch(() => false));
        if (!retry) throw error;
        return send();
      }
    },
  };
}
