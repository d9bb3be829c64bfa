import { msg } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';
import type { BadgedTab } from '../stores/tab-badges';
import type { IconName } from '../ui/icons';

/** A tab as the menu shows it: its label is already in the user's language (or the operator's own title). */
export interface NavItem {
  path: string;
  label: string;
  icon: IconName;
  /** The tab's count badge, if it has one (see stores/tab-badges). */
  badge?: BadgedTab;
}

/** A tab before configuration: its default title, translated when the menu is made (issue 13). */
export interface NavTab extends Omit<NavItem, 'label'> {
  defaultLabel: MessageDescriptor;
}

export const NAV_TABS: readonly NavTab[] = [
  { path: '/dialpad', defaultLabel: msg({ message: 'Dialpad', context: 'tab' }), icon: 'dialpad' },
  {
    path: '/history',
    defaultLabel: msg({ message: 'History', context: 'tab' }),
    icon: 'history',
    badge: 'history',
  },
  { path: '/contacts', defaultLabel: msg({ message: 'Contacts', context: 'tab' }), icon: 'contacts' },
  {
    path: '/voicemail',
    defaultLabel: msg({ message: 'Voicemail', context: 'tab' }),
    icon: 'voicemail',
    badge: 'voicemail',
  },
  // Chat (issue 14): conversations with other users, badged with unread messages.
  {
    path: '/messages',
    defaultLabel: msg({ message: 'Chat', context: 'tab' }),
    icon: 'messages',
    badge: 'messages',
  },
  { path: '/agent', defaultLabel: msg({ message: 'Agent', context: 'tab' }), icon: 'agent' },
  { path: '/settings', defaultLabel: msg({ message: 'Settings', context: 'tab' }), icon: 'settings' },
];

export const ADMIN_TAB: NavTab = {
  path: '/admin',
  defaultLabel: msg({ message: 'Admin', context: 'tab' }),
  icon: 'admin',
};
