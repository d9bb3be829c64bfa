import type { IconName } from '../ui/icons';

export interface NavItem {
  path: string;
  label: string;
  icon: IconName;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/dialpad', label: 'Dialpad', icon: 'dialpad' },
  { path: '/history', label: 'History', icon: 'history' },
  { path: '/contacts', label: 'Contacts', icon: 'contacts' },
  { path: '/voicemail', label: 'Voicemail', icon: 'voicemail' },
  { path: '/agent', label: 'Agent', icon: 'agent' },
  { path: '/settings', label: 'Settings', icon: 'settings' },
];
