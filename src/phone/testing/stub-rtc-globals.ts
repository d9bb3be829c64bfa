/**
 * Test-only: the browser globals sip.js's Web SDH touches, stubbed for a whole test file (with fake
 * timers, so ICE's grace period is under the test's control), and ICE completed on demand.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { FakeStream } from './fakes';
import { StubAnswerPeerConnection } from './stub-answer-pc';

class StubTrackEvent extends Event {
  constructor(
    type: string,
    readonly init: { track: unknown },
  ) {
    super(type);
  }
}

/** Call at a test file's top level: every test gets fresh stub peer connections and fake timers. */
export function stubRtcGlobalsForEachTest(): void {
  beforeEach(() => {
    StubAnswerPeerConnection.all = [];
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.stubGlobal('RTCPeerConnection', StubAnswerPeerConnection);
    vi.stubGlobal('MediaStream', FakeStream);
    vi.stubGlobal('MediaStreamTrackEvent', StubTrackEvent);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });
}

/**
 * After something started a peer connection: lets it run, then gives the newest one a host candidate
 * and waits out the 50 ms grace, so ICE gathering counts as done. Returns that connection.
 */
export async function completeIce(): Promise<StubAnswerPeerConnection> {
  await vi.advanceTimersByTimeAsync(1);
  const pc = StubAnswerPeerConnection.all.at(-1)!;
  pc.hostCandidate();
  await vi.advanceTimersByTimeAsync(60);
  return pc;
}
