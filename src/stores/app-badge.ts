/**
 * The app icon badge (Badging API): missed calls + new voicemails (+ unread chats), i.e. the sum of
 * the tab badges. Feature-detected: browsers without `setAppBadge` get nothing.
 */
import { totalBadgeCount, useTabBadges } from './tab-badges';

/** The part of `Navigator` used here (a fake in tests). */
export interface BadgeNavigator {
  setAppBadge?(contents?: number): Promise<void>;
  clearAppBadge?(): Promise<void>;
}

export function bindAppBadge(nav: BadgeNavigator, badges: typeof useTabBadges = useTabBadges): () => void {
  if (typeof nav.setAppBadge !== 'function' || typeof nav.clearAppBadge !== 'function') return () => {};
  let shown: number | null = null;

  const sync = () => {
    const total = totalBadgeCount(badges.getState().counts);
    if (total === shown) return;
    shown = total;
    // Rejected when the app is not installed or the permission is missing: the badge is a nicety.
    const update = total > 0 ? nav.setAppBadge?.(total) : nav.clearAppBadge?.();
    void Promise.resolve(update).catch(() => undefined);
  };

  sync();
  return badges.subscribe(sync);
}
