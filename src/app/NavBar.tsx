import { useEffect, useRef } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { type NavItem } from './nav-items';
import { useMenuItems } from './useBranding';
import { useTabBadges } from '../stores/tab-badges';
import { Icon } from '../ui/icons';

/** Tabs: a bottom bar on phones, a side navigation on wider screens (CSS decides). */
export function NavBar() {
  // Issue 13: titles, icons, order and disabled tabs come from the operator's configuration.
  const items = useMenuItems();
  // On a phone with more tabs than fit, the bar scrolls sideways: keep the current tab in sight.
  const nav = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    const active = nav.current?.querySelector<HTMLElement>('.nav-link.active');
    const bar = nav.current;
    if (!active || !bar || bar.scrollWidth <= bar.clientWidth) return;
    const tab = active.getBoundingClientRect();
    const offset = tab.left - bar.getBoundingClientRect().left + bar.scrollLeft;
    bar.scrollTo({ left: Math.max(0, offset - (bar.clientWidth - tab.width) / 2) });
  }, [pathname, items]);
  return (
    <nav ref={nav} className="nav" aria-label="Main">
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
  return useTabBadges((s) => (item.badge && item.badgeNoun ? (s.counts[item.badge] ?? 0) : 0));
}

/** For screen readers, part of the tab's name: "History (2 missed calls)". */
function BadgeText({ item }: { item: NavItem }) {
  const count = useBadgeCount(item);
  if (count === 0 || !item.badgeNoun) return null;
  const noun = count === 1 ? item.badgeNoun[0] : item.badgeNoun[1];
  return <span className="visually-hidden">{` (${count} ${noun})`}</span>;
}

/** The visible count over the tab's icon. */
function TabBadge({ item }: { item: NavItem }) {
  const count = useBadgeCount(item);
  if (count === 0) return null;
  return (
    <span className="nav-badge" aria-hidden="true">
      {count > 99 ? '99+' : count}
    </span>
  );
}
