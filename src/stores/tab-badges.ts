import { create } from 'zustand';

/** Tabs that can carry a count badge (missed calls, unheard voicemail, unread chats). */
export type BadgedTab = 'history' | 'contacts' | 'voicemail' | 'agent' | 'messages';

interface TabBadgesState {
  counts: Partial<Record<BadgedTab, number>>;
  /** Sets (or with 0 clears) one tab's count; owners: the call log, voicemail, conversations. */
  setCount(tab: BadgedTab, count: number): void;
}

/**
 * Counts shown on the navigation tabs. Each count has one owner that keeps it true; the shell only
 * renders it (and the app icon badge reads the total).
 */
export const useTabBadges = create<TabBadgesState>()((set) => ({
  counts: {},
  setCount: (tab, count) =>
    set((s) => {
      const next = Math.max(0, Math.floor(count));
      if ((s.counts[tab] ?? 0) === next) return s;
      return { counts: { ...s.counts, [tab]: next } };
    }),
}));

/** Sum of all tab badges (for the Badging API). */
export function totalBadgeCount(counts: Partial<Record<BadgedTab, number>>): number {
  return Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
}
