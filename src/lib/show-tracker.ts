/**
 * Notifications being shown, by key (a call's id or tag), so that a close can wait for its show.
 * Chromium's getNotifications() deletes a notification that is stored but not yet on display, so a close
 * that reads the list during the show loses it for good, and it stays on screen (docs/push.md). A close that
 * ran before the show would leave it on screen too.
 */
export interface ShowTracker {
  /** Records `show` under `key` until it settles; returns it. */
  track(key: string, show: Promise<void>): Promise<void>;
  /** Resolves once the show under `key` (if any) has settled, whether or not it succeeded. */
  settled(key: string): Promise<void>;
}

export function createShowTracker(): ShowTracker {
  const showing = new Map<string, Promise<void>>();
  return {
    track(key, show) {
      const tracked = show.finally(() => {
        if (showing.get(key) === tracked) showing.delete(key);
      });
      showing.set(key, tracked);
      return tracked;
    },
    async settled(key) {
      await showing.get(key)?.catch(() => undefined);
    },
  };
}
