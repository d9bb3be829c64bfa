// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CALL_STATE_QUERY, UPDATE_DEFERRED } from '../lib/sw-update-messages';
import { skipWaitingUnlessInCall, type PolicyClient, type UpdatePolicyScope } from './update-policy';

/** A window that answers the worker's call-state question like sw-register.ts does (or stays silent). */
function fakeWindow(answer: boolean | 'silent'): PolicyClient & { received: unknown[] } {
  const received: unknown[] = [];
  return {
    received,
    postMessage(message, transfer) {
      received.push(message);
      const port = transfer?.[0] as MessagePort | undefined;
      const data = message as { type?: string };
      if (data.type === CALL_STATE_QUERY && answer !== 'silent') port?.postMessage({ inCall: answer });
    },
  };
}

function scope(windows: PolicyClient[]): UpdatePolicyScope & { skipped: number } {
  const s = {
    skipped: 0,
    clients: { matchAll: async () => windows },
    skipWaiting: async () => void (s.skipped += 1),
  };
  return s;
}

describe('skipWaitingUnlessInCall', () => {
  it('takes over when no window is in a call', async () => {
    const sw = scope([fakeWindow(false), fakeWindow(false)]);
    expect(await skipWaitingUnlessInCall(sw, null)).toBe('activated');
    expect(sw.skipped).toBe(1);
  });

  it('stays waiting while any window is in a call, and tells the asker', async () => {
    const asker = fakeWindow(false);
    const sw = scope([asker, fakeWindow(true)]);
    expect(await skipWaitingUnlessInCall(sw, asker)).toBe('deferred');
    expect(sw.skipped).toBe(0);
    expect(asker.received).toContainEqual({ type: UPDATE_DEFERRED });
  });

  it('takes a window that never answers (an old build) as not in a call', async () => {
    const sw = scope([fakeWindow('silent')]);
    expect(await skipWaitingUnlessInCall(sw, null, 20)).toBe('activated');
    expect(sw.skipped).toBe(1);
  });
});
