import type { BadgedTab } from '../stores/tab-badges';
import type { IconName } from '../ui/icons';

export interface NavItem {
  path: string;
  label: string;
  icon: IconName;
  /** The tab's count badge, if it has one (see stores/tab-badges). */
  badge?: BadgedTab;
  /** What the count means, for screen readers: "3 missed calls". */
  badgeNoun?: readonly [singular: string, plural: string];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/dialpad', label: 'Dialpad', icon: 'dialpad' },
  {
    path: '/history',
    label: 'History',
    icon: 'history',
    badge: 'history',
    badgeNoun: ['missed call', 'missed calls'],
  },
  { path: '/contacts', label: 'Contacts', icon: 'contacts' },
  {
    path: '/voicemail',
    label: 'Voicemail',
    icon: 'voicemail',
    badge: 'voicemail',
    badgeNoun: ['new voicemail', 'new voicemails'],
  },
  // Chat (issue 14): conversations with other users, badged with unread messages.
  {
    path: '/messages',
    label: 'Chat',
    icon: 'messages',
    badge: 'messages',
    badgeNoun: ['unread message', 'unread messages'],
  },
  { path: '/agent', label: 'Agent', icon: 'agent' },
  { path: '/settings', label: 'Settings', icon: 'settings' },
];
