/**
 * The tabs as the operator configured them (issue 13): titles, icons, order (position 1 first), and
 * disabled tabs left out (their routes too, see App.tsx). The Admin tab follows the role, not the menu.
 * A title the operator left at its default is shown in the user's language; a title the operator chose
 * is the operator's wording and is shown as it is.
 */
import { i18n, type MessageDescriptor } from '@lingui/core';
import type { MenuIcon, Role, TabId, WebphoneConfig } from '../api/webphone-schemas';
import { DEFAULT_WEBPHONE_CONFIG, TAB_IDS } from '../stores/webphone-config';
import type { IconName } from '../ui/icons';
import { ADMIN_TAB, NAV_TABS, type NavItem } from './nav-items';

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

const tabOf = (item: { path: string }) => item.path.slice(1) as TabId;

type Translate = (descriptor: MessageDescriptor) => string;
const activeLanguage: Translate = (descriptor) => i18n._(descriptor);

/** The tabs enabled by the configuration. */
export function enabledTabs(config: WebphoneConfig): Set<TabId> {
  return new Set(TAB_IDS.filter((id) => !config.menu[id].disabled));
}

export function menuItems(
  config: WebphoneConfig,
  role: Role | null,
  translate: Translate = activeLanguage,
): NavItem[] {
  const tabs = NAV_TABS.filter((tab) => !config.menu[tabOf(tab)].disabled).map(({ defaultLabel, ...tab }) => {
    const id = tabOf(tab);
    const menu = config.menu[id];
    const isDefault = menu.title === DEFAULT_WEBPHONE_CONFIG.menu[id].title;
    const label = isDefault ? translate(defaultLabel) : menu.title;
    return { item: { ...tab, label, icon: ICONS[menu.icon] }, position: menu.position };
  });
  // Extra pages from templates (ADR 0022) take their place among the tabs by position; their titles are
  // the operator's wording.
  const pages = config.pages
    .filter((page) => !page.disabled)
    .map((page) => ({
      item: { path: pagePath(page.id), label: page.title, icon: ICONS[page.icon] },
      position: page.position,
    }));
  const items = [...tabs, ...pages].sort((a, b) => a.position - b.position).map(({ item }) => item);
  if (role !== 'admin') return items;
  const { defaultLabel, ...admin } = ADMIN_TAB;
  return [...items, { ...admin, label: translate(defaultLabel) }];
}
