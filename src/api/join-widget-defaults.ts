/**
 * The join page's widget configuration constants and today's defaults, without zod: the app shell's
 * webphone defaults include them at first paint (the schema is join-widget-schemas.ts).
 */
import type { JoinWidget } from './join-widget-schemas';

/** Languages the join page can be shown in; `browser` follows the customer's browser. */
export const JOIN_LANGUAGES = ['browser', 'en', 'es', 'ar'] as const;
export type JoinLanguage = (typeof JOIN_LANGUAGES)[number];

export const MIN_RECONNECT_SECONDS = 2;
export const MAX_RECONNECT_SECONDS = 300;

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
};
