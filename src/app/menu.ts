/**
 * The tabs as the operator configured them (issue 13): titles, icons, order (position 1 first), and
 * disabled tabs left out (their routes too, see App.tsx). The Admin tab follows the role, not the menu.
 */
import type { MenuIcon, Role, TabId, WebphoneConfig } from '../api/webphone-schemas';
import { TAB_IDS } from '../stores/webphone-config';
import type { IconName } from '../ui/icons';
import { NAV_ITEMS, type NavItem } from './nav-items';

/** Material Symbols names → the app's own drawings (no icon font). */
const ICONS: Record<MenuIcon, IconName> = {
  dialpad: 'dialpad',
  history: 'history',
  contacts: 'contacts',
  voicemail: 'voicemail',
  chat: 'messages',
  support_agent: 'agent',
  settings: 'settings',
  call: 'phone',
  person: 'person',
  search: 'search',
  star: 'star',
  info: 'info',
  description: 'doc',
  keyboard: 'keyboard',
  mic: 'mic',
  videocam: 'video-call',
};

/** Where an extra menu page lives. */
export const pagePath = (id: string) => `/page/${id}`;

export const ADMIN_ITEM: NavItem = { path: '/admin', label: 'Admin', icon: 'admin' };

const tabOf = (item: NavItem) => item.path.slice(1) as TabId;

/** The tabs enabled by the configuration. */
export function enabledTabs(config: WebphoneConfig): Set<TabId> {
  return new Set(TAB_IDS.filter((id) => !config.menu[id].disabled));
}

export function menuItems(config: WebphoneConfig, role: Role | null): NavItem[] {
  const tabs = NAV_ITEMS.filter((item) => !config.menu[tabOf(item)].disabled).map((item) => {
    const menu = config.menu[tabOf(item)];
    return { item: { ...item, label: menu.title, icon: ICONS[menu.icon] }, position: menu.position };
  });
  // Extra pages from templates (ADR 0022) take their place among the tabs by position.
  const pages = config.pages
    .filter((page) => !page.disabled)
    .map((page) => ({
      item: { path: pagePath(page.id), label: page.title, icon: ICONS[page.icon] },
      position: page.position,
    }));
  const items = [...tabs, ...pages].sort((a, b) => a.position - b.position).map(({ item }) => item);
  return role === 'admin' ? [...items, ADMIN_ITEM] : items;
}
