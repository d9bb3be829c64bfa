import { messages as join } from '../locales/en/join.po';
import { messages as ui } from '../locales/en/ui.po';
import { i18n } from '@lingui/core';
import { activateLocale, preloadCatalog } from './catalogs';
import { pickLocale } from './locales';

/**
 * The customer's join page follows the customer's browser languages (a customer has no Settings); the
 * operator's widget configuration may name a language instead (`activateLocale` again once it is known).
 */
export function startJoinI18n(): Promise<void> {
  preloadCatalog('en', 'ui', ui);
  preloadCatalog('en', 'join', join);
  i18n.activate('en'); // at once, so code that runs before the first render never finds no language
  return activateLocale(pickLocale(navigator.languages));
}
