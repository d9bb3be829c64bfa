import { plural } from '@lingui/core/macro';
import { useLingui as useLinguiContext } from '@lingui/react';
import { useLingui } from '@lingui/react/macro';
import { useEffect, useRef } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { type NavItem } from './nav-items';
import { useMenuItems } from './useBranding';
import { useTabBadges } from '../stores/tab-badges';
import { Icon } from '../ui/icons';
import { formatCount } from '../i18n';
import { afterNextPaint } from '../lib/after-paint';

/** Tabs: a bottom bar on phones, a side navigation on wider screens (CSS decides). */
export function NavBar() {
  // Issue 13: titles, icons, order and disabled tabs come from the operator's configuration.
  const items = useMenuItems();
  // On a phone with more tabs than fit, the bar scrolls sideways: keep the current tab in sight.
  const nav = useRef<HTMLElement>(null);
  const { t } = useLingui();
  const { pathname } = useLocation();
  // Measured once the frame is painted, so it never forces the page's layout inside the commit.
  useEffect(
    () =>
      afterNextPaint(() => {
        const active = nav.current?.querySelector<HTMLElement>('.nav-link.active');
        const bar = nav.current;
        if (!active || !bar || bar.scrollWidth <= bar.clientWidth) return;
        const tab = active.getBoundingClientRect();
        const offset = tab.left - bar.getBoundingClientRect().left + bar.scrollLeft;
        // Right to left, scrollLeft runs from -(scrollWidth - clientWidth) to 0 (Arabic: the bar starts at the right).
        const max = bar.scrollWidth - bar.clientWidth;
        const wanted = offset - (bar.clientWidth - tab.width) / 2;
        const rtl = getComputedStyle(bar).direction === 'rtl';
        bar.scrollTo({
          left: rtl ? Math.min(0, Math.max(-max, wanted)) : Math.max(0, Math.min(max, wanted)),
        });
      }),
    [pathname, items],
  );
  return (
    <nav ref={nav} className="nav" aria-label={t({ message: 'Main', context: 'navigation' })}>
      <ul className="nav-list">
        {items.map((item) => (
          <li key={item.path}>
            <NavLink to={item.path} className="nav-link">
              <Icon name={item.icon} className="nav-icon" />
              <span className="nav-label">
                {item.label}
                <BadgeText item={item} />
              </span>
              <TabBadge item={item} />
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function useBadgeCount(item: NavItem): number {
  return useTabBadges((s) => (item.badge ? (s.counts[item.badge] ?? 0) : 0));
}

/** What a tab's count means, in the user's language with its plural forms: "2 missed calls". */
function badgeMeaning(badge: NonNullable<NavItem['badge']>, count: number): string | null {
  switch (badge) {
    case 'history':
      return plural(count, { one: '# missed call', other: '# missed calls' });
    case 'voicemail':
      return plural(count, { one: '# new voicemail', other: '# new voicemails' });
    case 'messages':
      return plural(count, { one: '# unread message', other: '# unread messages' });
    default:
      return null; // no tab shows these counts
  }
}

/** For screen readers, part of the tab's name: "History (2 missed calls)". */
function BadgeText({ item }: { item: NavItem }) {
  const count = useBadgeCount(item);
  useLinguiContext(); // re-render with a new language
  const meaning = item.badge && count > 0 ? badgeMeaning(item.badge, count) : null;
  if (!meaning) return null;
  return <span className="visually-hidden">{` (${meaning})`}</span>;
}

/** The visible count over the tab's icon. */
function TabBadge({ item }: { item: NavItem }) {
  const count = useBadgeCount(item);
  if (count === 0) return null;
  return (
    <span className="nav-badge" aria-hidden="true">
      {count > 99 ? `${formatCount(99)}+` : formatCount(count)}
    </span>
  );
}
