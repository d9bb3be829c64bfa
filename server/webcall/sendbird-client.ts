/**
 * Sendbird Platform API client (server side only: it holds the API token).
 *
 * - Chat API `https://api-<app>.sendbird.com`: `POST /v3/users/{id}/token {expires_at}` (ms) issues a
 *   session token; error 400201 means the user does not exist, so we create it (`POST /v3/users`)
 *   and ask again.
 * - Calls API `https://api-<app>.calls.sendbird.com`: `POST /v1/rooms {type}` → `{room: {room_id}}`.
 * - Errors come as `{error: true, code, message}`; 429 (code 429100) carries `X-RateLimit-RetryAfter`
 *   (seconds), which we honour a bounded number of times.
 * Base URLs are injectable so tests run against a local HTTP stub.
 */
import { errorMessage } from '../../src/lib/errors';
import { z } from 'zod';

const USER_NOT_FOUND = 400201;

export interface SendbirdClientOptions {
  appId: string;
  apiToken: string;
  /** Default `https://api-<appId>.sendbird.com`. */
  apiBase?: string;
  /** Default `https://api-<appId>.calls.sendbird.com`. */
  callsApiBase?: string;
  fetchImpl?: typeof fetch;
  /** How often a 429 is retried before giving up (default 2). */
  maxRateLimitRetries?: number;
  /** Longest Retry-After we are willing to wait (ms, default 10 s); longer ones fail at once. */
  maxRetryAfterMs?: number;
  /** Per-request timeout (ms, default 10 s). */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** A failure talking to Sendbird: `status` 0 when it could not be reached. */
export class SendbirdError extends Error {
  constructor(
    readonly status: number,
    /** Sendbird's numeric error code (0 when there was no envelope). */
    readonly code: number,
    message: string,
    /** Seconds Sendbird asked us to wait (429). */
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
    this.name = 'SendbirdError';
  }
}

const Envelope = z.object({ error: z.literal(true), code: z.number(), message: z.string() });
const TokenResponse = z.object({ token: z.string().min(1), expires_at: z.number() });
const RoomResponse = z.object({ room: z.object({ room_id: z.string().min(1) }).passthrough() });

export interface SessionToken {
  userId: string;
  token: string;
  /** Epoch ms. */
  expiresAt: number;
}

export class SendbirdClient {
  private readonly apiBase: string;
  private readonly callsApiBase: string;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly o: SendbirdClientOptions) {
    this.apiBase = (o.apiBase || `https://api-${o.appId}.sendbird.com`).replace(/\/+$/, '');
    this.callsApiBase = (o.callsApiBase || `https://api-${o.appId}.calls.sendbird.com`).replace(/\/+$/, '');
    this.fetchImpl = o.fetchImpl ?? fetch;
    this.sleep = o.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** A session token for `userId` valid until `expiresAtMs`, creating the user when Sendbird has none. */
  async issueSessionToken(userId: string, expiresAtMs: number, nickname: string): Promise<SessionToken> {
    const path = `/v3/users/${encodeURIComponent(userId)}/token`;
    const body = { expires_at: expiresAtMs };
    let answer: unknown;
    try {
      answer = await this.request(this.apiBase, path, body);
    } catch (error) {
      if (!(error instanceof SendbirdError) || error.code !== USER_NOT_FOUND) throw error;
      await this.request(this.apiBase, '/v3/users', { user_id: userId, nickname, profile_url: '' });
      answer = await this.request(this.apiBase, path, body);
    }
    const parsed = TokenResponse.safeParse(answer);
    if (!parsed.success) throw new SendbirdError(502, 0, 'Sendbird answered the token request oddly');
    return { userId, token: parsed.data.token, expiresAt: parsed.data.expires_at };
  }

  /** A new video room for a few participants; returns its id. */
  async createRoom(): Promise<string> {
    const answer = await this.request(this.callsApiBase, '/v1/rooms', { type: 'small_room_for_video' });
    const parsed = RoomResponse.safeParse(answer);
    if (!parsed.success) throw new SendbirdError(502, 0, 'Sendbird answered the room request oddly');
    return parsed.data.room.room_id;
  }

  private async request(base: string, path: string, body: unknown): Promise<unknown> {
    const maxRetries = this.o.maxRateLimitRetries ?? 2;
    const maxWait = this.o.maxRetryAfterMs ?? 10_000;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(base, path, body);
      } catch (error) {
        const waitMs =
          error instanceof SendbirdError && error.status === 429 ? (error.retryAfterS ?? 1) * 1000 : -1;
        if (waitMs < 0 || attempt >= maxRetries || waitMs > maxWait) throw error;
        await this.sleep(waitMs);
      }
    }
  }

  private async once(base: string, path: string, body: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetchImpl(base + path, {
        method: 'POST',
        headers: {
          'Api-Token': this.o.apiToken,
          'Content-Type': 'application/json; charset=utf8',
          Accept: 'application/json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new SendbirdError(0, 0, `Sendbird is unreachable: ${errorMessage(error)}`);
    }
    const text = await response.text().catch(() => '');
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const envelope = Envelope.safeParse(json);
    if (response.ok && !envelope.success) return json;
    const retryText = response.headers.get('x-ratelimit-retryafter') ?? response.headers.get('retry-after');
    const retryAfterS = retryText !== null && /^\d{1,6}$/.test(retryText.trim()) ? Number(retryText) : null;
    if (envelope.success) {
      throw new SendbirdError(response.status, envelope.data.code, envelope.data.message, retryAfterS);
    }
    throw new SendbirdError(response.status, 0, `Sendbird answered ${response.status}`, retryAfterS);
  }
}
