import { i18n, type Messages } from '@lingui/core';
import { directionOf, type AppLocale } from './locales';

/**
 * Message catalogs, one per area and language (src/locales/<locale>/<area>.po, compiled by
 * @lingui/vite-plugin). An area's catalog loads with its code: the shell at start, a tab's when the tab
 * opens, so no screen carries another's strings. Switching language reloads every area loaded so far in
 * the new language, then activates it, so nothing on screen is left in the old one.
 */
type CatalogModule = { messages: Messages };

// Every catalog is its own small chunk, except those an entry also imports statically to have them at
// first paint (start-app.ts, start-join.ts): for those the bundler hands back the entry's own copy.
const loaders = import.meta.glob<CatalogModule>('../locales/*/*.po');

const inUse = new Set<string>();
const loading = new Map<string, Promise<void>>();
/** The language being switched to, while its catalogs load (activateLocale). */
let switchingTo: AppLocale | null = null;

/** Record catalogs that were bundled with the entry, so no request is made for them. */
export function preloadCatalog(locale: AppLocale, area: string, messages: Messages): void {
  i18n.load(locale, messages);
  inUse.add(area);
  loading.set(`${locale}/${area}`, Promise.resolve());
}

function loadCatalog(locale: AppLocale, area: string): Promise<void> {
  const key = `${locale}/${area}`;
  let pending = loading.get(key);
  if (!pending) {
    const loader = loaders[`../locales/${key}.po`];
    pending = loader
      ? loader().then((module) => i18n.load(locale, module.messages))
      : Promise.reject(new Error(`Openline has no "${area}" texts in "${locale}"`));
    // A failed chunk (offline before it was cached) may be retried on the next visit of the screen.
    pending.catch(() => loading.delete(key));
    loading.set(key, pending);
  }
  return pending;
}

function currentLocale(): AppLocale {
  return (i18n.locale || 'en') as AppLocale;
}

/**
 * Load the texts of these areas in the current language (a tab calls this before it renders), and in the
 * language being switched to, if any: a tab loaded while the start's language loads (main.tsx loads the
 * sign-in form's ahead of the first render) renders in that language, not the one it replaces.
 */
export function ensureAreas(...areas: string[]): Promise<void> {
  for (const area of areas) inUse.add(area);
  const current = currentLocale();
  const locales = switchingTo && switchingTo !== current ? [current, switchingTo] : [current];
  return Promise.all(areas.flatMap((area) => locales.map((locale) => loadCatalog(locale, area)))).then(
    () => undefined,
  );
}

/** Load every area in use in `locale`, then switch the UI (and the document's lang and dir) to it. */
export async function activateLocale(locale: AppLocale, areas: readonly string[] = []): Promise<void> {
  for (const area of areas) inUse.add(area);
  switchingTo = locale;
  try {
    await Promise.all([...inUse].map((area) => loadCatalog(locale, area)));
  } finally {
    if (switchingTo === locale) switchingTo = null;
  }
  // Lingui re-renders every text on `activate`, even of the language already shown (the join page asks for
  // the operator's language before its first render and again from the page); loading a catalog already
  // re-renders by itself.
  if (i18n.locale !== locale) i18n.activate(locale);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale;
    document.documentElement.dir = directionOf(locale);
  }
}
