/**
 * The join page's widget configuration constants and today's defaults, without zod: the app shell's
 * webphone defaults include them at first paint (the schema is join-widget-schemas.ts).
 */
import type { JoinWidget } from './join-widget-config';
import type { PreChat } from './join-widget-schemas';

/** Languages the join page can be shown in; `browser` follows the customer's browser. */
export const JOIN_LANGUAGES = ['browser', 'en', 'es', 'ar'] as const;
export type JoinLanguage = (typeof JOIN_LANGUAGES)[number];

export const MIN_RECONNECT_SECONDS = 2;
export const MAX_RECONNECT_SECONDS = 300;

/** Field types a pre-chat form may use (a subset of the ConnexCS form schema's). */
export const PRECHAT_FIELD_TYPES = ['text', 'email', 'tel', 'textarea', 'select', 'checkbox'] as const;
export const MAX_PRECHAT_FIELDS = 12;
/** Longest answer, in UTF-16 code units. */
export const MAX_PRECHAT_ANSWER = 1000;

/** Name, e-mail and reason; off until the operator turns it on. */
export const DEFAULT_PRECHAT: PreChat = {
  enabled: false,
  fields: [
    { name: 'name', label: 'Name', type: 'text', required: true },
    { name: 'email', label: 'E-mail', type: 'email', required: true },
    { name: 'reason', label: 'Reason for the call', type: 'textarea', required: false },
  ],
};

/** Today's join page: what a configuration saved before the widget settings existed gets. */
export const DEFAULT_JOIN_WIDGET: JoinWidget = {
  title: 'Openline video call',
  themeColor: '#0b57d0',
  language: 'browser',
  emoji: true,
  fileTransfer: false,
  fontResize: true,
  transcript: true,
  reconnectSeconds: 15,
  preChat: DEFAULT_PRECHAT,
  openingHours: { timeZone: 'UTC', periods: [] },
};
