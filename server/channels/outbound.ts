/**
 * The outbound adapter: posts a reply to the channel's outbound URL, signed with
 * `X-Openline-Signature: t=<unix s>,v1=<hex HMAC of "<t>.<body>">`, retrying with backoff; after the
 * last attempt the message is a dead letter (status failed, with the reason), shown in the timeline.
 * A 4xx other than 408/429 is final (retrying the same body cannot help).
 */
import { errorMessage } from '../../src/lib/errors';
import { openlineSignature } from './signature';

export interface DeliveryTarget {
  url: string;
  secret: string;
  body: unknown;
}

export interface DeliveryOutcome {
  ok: boolean;
  attempts: number;
  /** Why the last attempt failed (dead-letter reason, English for logs) when not ok. */
  reason: string | null;
  /** The same as a code the app words (src/api/channels-schemas.ts DeadLetterCode). */
  code: string | null;
}

export interface DeliveryDeps {
  fetchImpl?: typeof fetch;
  /** Delays before attempt 2, 3...: `[1000, 4000]` → 3 attempts. */
  retryDelaysMs: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  timeoutMs?: number;
  /** Called after each failed attempt that will be retried. */
  onAttempt?: (attempt: number, reason: string) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function deliver(target: DeliveryTarget, deps: DeliveryDeps): Promise<DeliveryOutcome> {
  const fetchImpl = deps.fetchImpl ?? fetch;
  const sleep = deps.sleep ?? defaultSleep;
  const raw = JSON.stringify(target.body);
  const maxAttempts = deps.retryDelaysMs.length + 1;
  let reason = '';
  let code = '';
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const unixS = Math.floor((deps.now?.() ?? Date.now()) / 1000);
    let retryable = true;
    try {
      const response = await fetchImpl(target.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'X-Openline-Signature': openlineSignature(target.secret, raw, unixS),
        },
        body: raw,
        signal: AbortSignal.timeout(deps.timeoutMs ?? 8000),
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.ok) return { ok: true, attempts: attempt, reason: null, code: null };
      reason = `The provider answered ${response.status}.`;
      code = `status:${String(response.status).padStart(3, '0').slice(-3)}`;
      retryable = response.status >= 500 || response.status === 408 || response.status === 429;
    } catch (error) {
      const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
      reason = timedOut
        ? 'The provider did not answer in time.'
        : `The provider is unreachable: ${errorMessage(error)}`;
      code = timedOut ? 'timeout' : 'unreachable';
    }
    if (!retryable || attempt === maxAttempts) return { ok: false, attempts: attempt, reason, code };
    deps.onAttempt?.(attempt, reason);
    await sleep(deps.retryDelaysMs[attempt - 1]!);
  }
  return { ok: false, attempts: maxAttempts, reason, code };
}
