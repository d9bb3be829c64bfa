import { messages as shell } from '../locales/en/shell.po';
import { messages as ui } from '../locales/en/ui.po';
import { i18n } from '@lingui/core';
import { activateLocale, preloadCatalog } from './catalogs';
import { pickLocale } from './locales';
import { storedLocaleChoice } from './preference';

/**
 * The softphone's language at start: English texts of the areas on screen from the first paint (the shell
 * and shared UI) come with the entry, so an English start makes no request; another language loads its two
 * small catalogs first. The call view's texts load with its chunk (features/call/call-views-loader.ts).
 */
export function startAppI18n(): Promise<void> {
  preloadCatalog('en', 'shell', shell);
  preloadCatalog('en', 'ui', ui);
  i18n.activate('en'); // at once, so code that runs before the first render never finds no language
  return activateLocale(pickLocale(navigator.languages, storedLocaleChoice()));
}
