import { messages as shell } from '../locales/en/shell.po';
import { i18n } from '@lingui/core';
import { activateLocale, preloadCatalog } from './catalogs';
import { pickLocale } from './locales';
import { storedLocaleChoice } from './preference';

/**
 * The softphone's language at start: the English texts of the shell (header, tabs, sign-in, the stores'
 * messages) come with the entry, so an English start makes no request; another language loads its shell
 * catalog first. Shared UI texts (`ui`) load with the first tab, a tab's own with the tab. The call view's texts load with its chunk (features/call/call-views-loader.ts).
 */
export function startAppI18n(): Promise<void> {
  preloadCatalog('en', 'shell', shell);
  i18n.activate('en'); // at once, so code that runs before the first render never finds no language
  return activateLocale(pickLocale(navigator.languages, storedLocaleChoice()));
}
