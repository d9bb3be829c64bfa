/**
 * Every country libphonenumber-js knows, named in the user's language (Intl.DisplayNames), sorted
 * by name: the choices for "the country of numbers typed without a country code".
 */
import { getCountries, type CountryCode } from 'libphonenumber-js';

export interface RegionChoice {
  code: CountryCode;
  name: string;
}

/** The region's name in `locales` (falls back to the code where the browser has no name). */
export function regionName(code: CountryCode, locales?: readonly string[]): string {
  try {
    return new Intl.DisplayNames(locales ? [...locales] : undefined, { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function regionChoices(locales?: readonly string[]): RegionChoice[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames(locales ? [...locales] : undefined, { type: 'region' });
  } catch {
    names = null;
  }
  const collator = new Intl.Collator(locales ? [...locales] : undefined);
  return getCountries()
    .map((code) => ({ code, name: names?.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
