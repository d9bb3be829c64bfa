import { ClientConfig } from './schemas';

export class ApiClientError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'ApiClientError';
  }
}

/** `GET /api/config`: what the serving backend suggests for Settings. Throws {@link ApiClientError}. */
export async function fetchClientConfig(
  fetchImpl: typeof fetch = fetch,
  signal?: AbortSignal,
): Promise<ClientConfig> {
  let response: Response;
  try {
    response = await fetchImpl('/api/config', { headers: { Accept: 'application/json' }, signal });
  } catch (e) {
    throw new ApiClientError(`Cannot reach the server: ${e instanceof Error ? e.message : String(e)}`, null);
  }
  if (!response.ok)
    throw new ApiClientError(`GET /api/config failed with ${response.status}`, response.status);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiClientError('GET /api/config did not return JSON', response.status);
  }
  const parsed = ClientConfig.safeParse(body);
  if (!parsed.success)
    throw new ApiClientError('GET /api/config returned an unexpected shape', response.status);
  return parsed.data;
}
