/**
 * Answer from a push notification: the app was opened by the service worker for one held call, so the
 * INVITE with exactly that SIP Call-ID is answered when it arrives, once, and only for a short while.
 * Any other INVITE rings as usual (never auto-answered on the strength of a push).
 */
export class PushAnswer {
  private expected: { sipCallId: string; until: number } | null = null;

  expect(sipCallId: string, until: number): void {
    this.expected = { sipCallId, until };
  }

  /** True (once) when `sipCallId` is the call the user answered from the notification. */
  take(sipCallId: string | undefined, now: number): boolean {
    const e = this.expected;
    if (!e || sipCallId === undefined || e.sipCallId !== sipCallId) return false;
    this.expected = null;
    return now <= e.until;
  }
}
