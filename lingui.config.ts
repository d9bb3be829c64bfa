import { defineConfig } from '@lingui/cli';
import { formatter } from '@lingui/format-po';

/**
 * Issue 13: every user-visible string goes through Lingui (docs/i18n.md). One catalog per area and
 * language, all under src/locales/<locale>/<area>.po, so each area's strings load with its code (the
 * shell stays within its bundle budget) and people working on different features never edit the same
 * catalog. English is the source language: its catalogs are written by `npm run i18n:extract`.
 */
export default defineConfig({
  sourceLocale: 'en',
  locales: ['en', 'es', 'ar'],
  fallbackLocales: { default: 'en' },
  catalogs: [
    {
      // The app shell, the stores and the engine layers (their messages are `msg` descriptors shown by screens).
      path: '<rootDir>/src/locales/{locale}/shell',
      include: [
        '<rootDir>/src/app',
        '<rootDir>/src/stores',
        '<rootDir>/src/lib',
        '<rootDir>/src/embed',
        '<rootDir>/src/phone',
        '<rootDir>/src/actions',
        '<rootDir>/src/storage',
        '<rootDir>/src/api',
      ],
      exclude: ['**/*.test.*', '**/testing/**', '<rootDir>/src/stores/action-wording.ts'],
    },
    {
      // Building blocks shared by the softphone and the customer's join page, and the webcall codec's messages.
      path: '<rootDir>/src/locales/{locale}/ui',
      // action-wording.ts: form validation, also on the join page's pre-chat form, which loads only ui + join.
      include: ['<rootDir>/src/ui', '<rootDir>/src/webcall', '<rootDir>/src/stores/action-wording.ts'],
      exclude: ['**/*.test.*'],
    },
    {
      // One catalog per feature folder (dialpad, call, history, contacts, voicemail, chat, agent, settings, admin, join).
      path: '<rootDir>/src/locales/{locale}/{name}',
      include: ['<rootDir>/src/features/{name}'],
      exclude: ['**/*.test.*'],
    },
  ],
  format: formatter({ lineNumbers: false }),
});
