/**
 * Typed client for the platform API (same origin; the session cookie rides along). Every call
 * validates the answer with the shared zod schema and fails with an {@link ApiClientError} whose
 * message can be shown to the user as it is.
 */
import { z } from 'zod';
import { ApiError, ClientConfig, SessionInfo, SipCredentials } from './schemas';
import { errorMessage } from '../lib/errors';

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
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

export async function requestJson<S extends z.ZodType>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const label = `${method} ${path}`;
  let response: Response;
  try {
    response = await fetchImpl(path, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (e) {
    throw new ApiClientError(`Cannot reach the server: ${errorMessage(e)}`, null);
  }
  let body: unknown = undefined;
  if (response.status !== 204) {
    try {
      body = await response.json();
    } catch {
      throw new ApiClientError(`${label} did not return JSON (${response.status})`, response.status);
    }
  }
  if (!response.ok) {
    const error = ApiError.safeParse(body);
    if (error.success) throw new ApiClientError(error.data.message, response.status, error.data.error);
    throw new ApiClientError(`${label} failed with ${response.status}`, response.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiClientError(`${label} returned an unexpected shape`, response.status);
  return parsed.data;
}

/** `GET /api/config`: what the serving backend suggests for Settings. */
export function fetchClientConfig(
  fetchImpl: typeof fetch = fetch,
  signal?: AbortSignal,
): Promise<ClientConfig> {
  return requestJson('GET', '/api/config', ClientConfig, { fetchImpl, signal });
}

/** `POST /api/session`: signs in to the platform API with the SIP account's credentials. */
export function createApiSession(
  username: string,
  password: string,
  fetchImpl?: typeof fetch,
): Promise<SessionInfo> {
  return requestJson('POST', '/api/session', SessionInfo, { body: { username, password }, fetchImpl });
}

export async function deleteApiSession(fetchImpl?: typeof fetch): Promise<void> {
  await requestJson('DELETE', '/api/session', z.undefined(), { fetchImpl });
}

/** `POST /api/sip/credentials` (signed in): ephemeral SIP credentials and ICE servers (TURN). */
export function fetchSipCredentials(fetchImpl?: typeof fetch): Promise<SipCredentials> {
  return requestJson('POST', '/api/sip/credentials', SipCredentials, { fetchImpl });
}
