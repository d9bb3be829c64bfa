/**
 * Can this page alert the user to an incoming call right now? A page that cannot must not
 * answer 180 Ringing: the caller would hear ringing that nobody hears. It cannot when it is
 * frozen (Page Lifecycle `freeze`, until `resume`), or hidden without permission to show a
 * notification (a hidden tab's ringer is not reliably audible and nothing is on screen).
 */
import type { PageLike } from './ports';

export class Alerting {
  private frozen = false;

  constructor(
    private readonly page: PageLike | null,
    private readonly notificationPermission: () => NotificationPermission | 'unsupported',
  ) {
    page?.addEventListener('freeze', this.onFreeze);
    page?.addEventListener('resume', this.onResume);
  }

  canAlert(): boolean {
    if (!this.page) return true; // not a browser page (tests on Node, workers): nothing to decide
    if (this.frozen) return false;
    return this.page.visibilityState === 'visible' || this.notificationPermission() === 'granted';
  }

  dispose(): void {
    this.page?.removeEventListener('freeze', this.onFreeze);
    this.page?.removeEventListener('resume', this.onResume);
  }

  private readonly onFreeze = (): void => {
    this.frozen = true;
  };

  private readonly onResume = (): void => {
    this.frozen = false;
  };
}
