/**
 * When a new service worker may take over: never while any window of the app is in a call. A new
 * worker activating mid-call would drop the old build's precache, so the in-call tab could no longer
 * load its lazy chunks, and a tab that applied the update would reload. The page asks with
 * SKIP_WAITING (the update prompt, disabled during its own calls); this worker first asks every window
 * whether it is in a call and, if one is, stays waiting and tells the asker.
 */
import { CALL_STATE_QUERY, isCallStateAnswer, UPDATE_DEFERRED } from '../lib/sw-update-messages';

/** A window that does not answer in time (an old build, a join page) is taken as not in a call. */
export const CALL_STATE_ANSWER_MS = 1000;

export interface PolicyClient {
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

export interface UpdatePolicyScope {
  clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly PolicyClient[]>;
  };
  skipWaiting(): Promise<void>;
}

function askInCall(client: PolicyClient, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => finish(false), timeoutMs);
    function finish(inCall: boolean) {
      clearTimeout(timer);
      channel.port1.close();
      resolve(inCall);
    }
    channel.port1.onmessage = (event) => finish(isCallStateAnswer(event.data) && event.data.inCall);
    try {
      client.postMessage({ type: CALL_STATE_QUERY }, [channel.port2]);
    } catch {
      finish(false);
    }
  });
}

export async function anyWindowInCall(
  scope: UpdatePolicyScope,
  timeoutMs = CALL_STATE_ANSWER_MS,
): Promise<boolean> {
  const windows = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const answers = await Promise.all(windows.map((client) => askInCall(client, timeoutMs)));
  return answers.includes(true);
}

/**
 * Handle SKIP_WAITING: take over when no window is in a call; otherwise stay waiting and tell the
 * asker (`reply`: the event's MessagePort if it sent one, else its window). Resolves with what it did.
 */
export async function skipWaitingUnlessInCall(
  scope: UpdatePolicyScope,
  reply: PolicyClient | null,
  timeoutMs = CALL_STATE_ANSWER_MS,
): Promise<'activated' | 'deferred'> {
  if (await anyWindowInCall(scope, timeoutMs)) {
    reply?.postMessage({ type: UPDATE_DEFERRED });
    return 'deferred';
  }
  await scope.skipWaiting();
  return 'activated';
}
