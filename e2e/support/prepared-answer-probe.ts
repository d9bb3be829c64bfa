/**
 * Issue 10, prepared answer (docs/calls.md): what a test reads to prove the consent rule. The app
 * prepares the answer to a ringing call (a peer connection holding an answer) but opens no device
 * before Answer, and closes that peer connection when the call is cancelled or declined.
 */
import type { Page } from '@playwright/test';

type Probed = { __rtcProbe: RTCPeerConnection[]; __gumCalls: number };

/** Counts getUserMedia calls from page load on (before the app's own scripts run). */
export async function countGetUserMedia(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as Probed;
    w.__gumCalls = 0;
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    devices.getUserMedia = (constraints) => {
      w.__gumCalls++;
      return original(constraints);
    };
  });
}

export const getUserMediaCalls = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as Probed).__gumCalls);

/** Peer connections holding an answer (local description) that are not closed. */
export const preparedAnswers = (page: Page): Promise<number> =>
  page.evaluate(
    () =>
      (window as unknown as Probed).__rtcProbe.filter(
        (pc) => pc.signalingState !== 'closed' && pc.localDescription?.type === 'answer',
      ).length,
  );

/** Peer connections not closed (the ICE warm-up's is closed once it has learnt). */
export const openPeerConnections = (page: Page): Promise<number> =>
  page.evaluate(
    () => (window as unknown as Probed).__rtcProbe.filter((pc) => pc.signalingState !== 'closed').length,
  );
