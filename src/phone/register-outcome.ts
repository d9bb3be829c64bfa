/** How one REGISTER ended, and the sip.js plumbing that sends one and waits for that answer. */
import { RequestPendingError } from 'sip.js';
import type { RegistererLike, ResponseLike } from './ports';
import { errorMessage } from '../lib/errors';
import { callAsync, type Clock } from './util';

/** Longer than sip.js's non-INVITE transaction timeout (Timer F, 32 s). */
export const REGISTER_TIMEOUT_MS = 40_000;
/** Upper bound on a server's Retry-After we are willing to honour (ms). */
export const MAX_RETRY_AFTER_MS = 300_000;

export type Outcome =
  | { kind: 'ok' }
  | { kind: 'auth'; status: number }
  | { kind: 'final'; status: number; reason: string }
  | { kind: 'transient'; status: number; reason: string; retryAfterMs: number; suspectConnection: boolean }
  | { kind: 'transport'; message: string }
  /** The page's security policy refused the SIP WebSocket: retrying cannot help. */
  | { kind: 'blocked'; url: string }
  | { kind: 'pending' };

export function isRequestPending(error: unknown): boolean {
  return error instanceof RequestPendingError || /already in progress/i.test(errorMessage(error));
}

export function classifyRegisterResponse(response: ResponseLike): Outcome {
  const status = response.message.statusCode ?? 0;
  const reason = response.message.reasonPhrase ?? '';
  if (status >= 200 && status < 300) return { kind: 'ok' };
  if (status === 401 || status === 403 || status === 407) return { kind: 'auth', status };
  if (status === 408 || status === 480 || (status >= 500 && status < 600)) {
    const retryAfter = Number.parseInt(response.message.getHeader('retry-after') ?? '', 10);
    return {
      kind: 'transient',
      status,
      reason,
      retryAfterMs:
        Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS) : 0,
      // 408: no answer at all; 503 is also what sip.js reports for a failed send.
      suspectConnection: status === 408 || status === 503,
    };
  }
  return { kind: 'final', status, reason };
}

/**
 * Sends one REGISTER and resolves with how it ended (bounded by REGISTER_TIMEOUT_MS).
 * `track(finish, true)` hands the caller a way to settle it early (e.g. when the Registerer is
 * dropped); `track(finish, false)` says that this `finish` is spent.
 */
export function sendRegister(
  registerer: RegistererLike,
  clock: Clock,
  track: (finish: (outcome: Outcome) => void, live: boolean) => void,
): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    let done = false;
    const finish = (outcome: Outcome): void => {
      if (done) return;
      done = true;
      clock.clearTimeout(guard);
      track(finish, false);
      resolve(outcome);
    };
    const guard = clock.setTimeout(
      () =>
        finish({
          kind: 'transient',
          status: 408,
          reason: 'Request Timeout',
          retryAfterMs: 0,
          suspectConnection: true,
        }),
      REGISTER_TIMEOUT_MS,
    );
    track(finish, true);
    callAsync(() =>
      registerer.register({
        requestDelegate: {
          onAccept: () => finish({ kind: 'ok' }),
          onReject: (response) => finish(classifyRegisterResponse(response)),
          onRedirect: (response) =>
            finish({
              kind: 'final',
              status: response.message.statusCode ?? 0,
              reason: response.message.reasonPhrase ?? 'Redirect',
            }),
        },
      }),
    ).catch((error) =>
      finish(
        isRequestPending(error) ? { kind: 'pending' } : { kind: 'transport', message: errorMessage(error) },
      ),
    );
  });
}

/** Un-REGISTER; resolves however it ends (never rejects). */
export function sendUnregister(registerer: RegistererLike): Promise<void> {
  return new Promise<void>((resolve) => {
    callAsync(() =>
      registerer.unregister({
        requestDelegate: {
          onAccept: () => resolve(),
          onReject: () => resolve(),
          onRedirect: () => resolve(),
        },
      }),
    ).catch(() => resolve());
  });
}
