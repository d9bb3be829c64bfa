/**
 * The webphone configuration's constants and today's defaults, without zod: the app shell needs these
 * at first paint, the schema (webphone-schemas.ts) only when it validates (kept out of the first load).
 */
import { DEFAULT_JOIN_WIDGET } from './join-widget-defaults';
import type { WebphoneConfig } from './webphone-schemas';

/** The tabs an operator can title, place, or disable. Admin is not configurable: it follows the role. */
export const TAB_IDS = [
  'dialpad',
  'history',
  'contacts',
  'voicemail',
  'messages',
  'agent',
  'settings',
] as const;
export type TabId = (typeof TAB_IDS)[number];

/**
 * Material Symbols names the app can draw. Icons are inline SVG drawings (src/ui/icons.tsx), never a
 * web font from a CDN, so only names that have a drawing are accepted.
 */
export const MENU_ICONS = [
  'dialpad',
  'history',
  'contacts',
  'voicemail',
  'chat',
  'support_agent',
  'settings',
  'call',
  'person',
  'search',
  'star',
  'info',
  'description',
  'keyboard',
  'mic',
  'videocam',
] as const;

/** Today's behaviour: what a fresh server seeds and what the app uses before it has heard otherwise. */
export const DEFAULT_WEBPHONE_CONFIG: WebphoneConfig = {
  brand: { name: 'Openline', themeColor: '#0b57d0', logo: '/icons/icon.svg' },
  menu: {
    dialpad: { title: 'Dialpad', icon: 'dialpad', position: 1, disabled: false },
    history: { title: 'History', icon: 'history', position: 2, disabled: false },
    contacts: { title: 'Contacts', icon: 'contacts', position: 3, disabled: false },
    voicemail: { title: 'Voicemail', icon: 'voicemail', position: 4, disabled: false },
    messages: { title: 'Chat', icon: 'chat', position: 5, disabled: false },
    agent: { title: 'Agent', icon: 'support_agent', position: 6, disabled: false },
    settings: { title: 'Settings', icon: 'settings', position: 7, disabled: false },
  },
  flags: {
    hideUuid: false,
    menuRight: false,
    editSettings: true,
    usernameAsTitle: false,
    autoAnswer: false,
    acceptPayment: false,
    displayBalance: false,
    register: false,
    restrictLogin: false,
  },
  paymentUrl: '',
  codecs: { remove: [], priority: [] },
  customCss: '',
  registration: {
    templateUsername: '',
    successMessage: 'Your account is ready. Sign in with your username and password.',
  },
  allowedCompanies: [],
  embed: { allowedOrigins: [] },
  pages: [],
  joinWidget: DEFAULT_JOIN_WIDGET,
};
