import { t } from '@lingui/core/macro';
import { parsePhoneNumberFromString, type CountryCode, getCountries } from 'libphonenumber-js';

/** What a dial string turned out to be. */
export type DialTargetKind = 'e164' | 'extension' | 'sip';

export type DialTargetResult =
  { ok: true; value: string; kind: DialTargetKind } | { ok: false; error: string };

const SIP_URI = /^sips?:[^\s@:;]+(?::[^\s@;]*)?@[a-z0-9.-]+(?::\d{1,5})?(?:;[^\s]*)?$/i;
const USER_AT_HOST =
  /^[^\s@:;<>"]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/i;
/** Short internal numbers and feature codes: 2–6 of digits, `*` and `#` with at least one digit. */
const EXTENSION = /^(?=.*\d)[0-9*#]{2,6}$/;
/** Characters people use to format phone numbers: spaces, dashes, dots, brackets, slashes. */
const FORMATTING = /[\s\-.()/\u00a0\u2010-\u2015]/g;

const COUNTRIES = new Set<string>(getCountries());

/** A two-letter region libphonenumber-js has metadata for (validates stored or chosen codes). */
export function isKnownRegion(code: string | null | undefined): code is CountryCode {
  return typeof code === 'string' && COUNTRIES.has(code);
}

/** Best-effort default region from BCP 47 locales, e.g. `en-GB` → `GB`. */
export function regionFromLocales(locales: readonly string[] | undefined): CountryCode | undefined {
  for (const locale of locales ?? []) {
    const match = /[-_]([A-Za-z]{2})(?:[-_]|$)/.exec(locale);
    const region = match?.[1]?.toUpperCase();
    if (region && COUNTRIES.has(region)) return region as CountryCode;
  }
  return undefined;
}

/** The region of the browser's preferred language, if it names one. */
export function defaultRegion(): CountryCode | undefined {
  if (typeof navigator === 'undefined') return undefined;
  return regionFromLocales(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

function isSipLike(text: string): boolean {
  return /^sips?:/i.test(text) || text.includes('@');
}

/**
 * Clean text pasted into the dial field: SIP addresses are only trimmed; anything else keeps
 * digits, `+`, `*` and `#` (so "+1 (415) 555-2671" becomes "+14155552671").
 */
export function stripFormatting(text: string): string {
  let value = text.trim();
  if (/^tel:/i.test(value)) value = value.slice(4).split(';')[0] ?? '';
  if (isSipLike(value)) return value;
  const plus = value.trimStart().startsWith('+');
  const kept = value.replace(/[^0-9*#]/g, '');
  return plus ? `+${kept}` : kept;
}

/**
 * Turn what the user typed into a call target.
 * - `sip:`/`sips:` URIs and `user@host` are accepted as they are;
 * - 2–6 digit extensions (and feature codes such as `*97`) are accepted as they are;
 * - anything else must parse as a valid phone number (using `region` for national numbers)
 *   and is returned in E.164.
 */
export function normalizeDialTarget(input: string, region?: CountryCode): DialTargetResult {
  let text = input.trim();
  if (text === '') return { ok: false, error: 'Enter a number or SIP address.' };

  if (/^tel:/i.test(text)) text = (text.slice(4).split(';')[0] ?? '').trim();

  if (/^sips?:/i.test(text)) {
    return SIP_URI.test(text)
      ? { ok: true, value: text, kind: 'sip' }
      : { ok: false, error: `“${input.trim()}” is not a valid SIP address (use sip:user@host).` };
  }
  if (text.includes('@')) {
    return USER_AT_HOST.test(text)
      ? { ok: true, value: text, kind: 'sip' }
      : { ok: false, error: `“${input.trim()}” is not a valid SIP address (use user@host).` };
  }

  const compact = text.replace(FORMATTING, '');
  if (EXTENSION.test(compact)) return { ok: true, value: compact, kind: 'extension' };

  if (!/^\+?[0-9]+$/.test(compact)) {
    return { ok: false, error: `“${input.trim()}” is not a phone number, extension or SIP address.` };
  }
  const digits = compact.replace('+', '');
  if (digits.length < 2) return { ok: false, error: t`That number is too short.` };
  if (digits.length > 15) return { ok: false, error: t`That number is too long.` };

  const parsed = parsePhoneNumberFromString(compact, region);
  if (parsed?.isValid()) return { ok: true, value: parsed.number, kind: 'e164' };
  if (!compact.startsWith('+') && !region) {
    return { ok: false, error: `“${input.trim()}” is not a valid number. Add the country code, e.g. +44…` };
  }
  return { ok: false, error: `“${input.trim()}” is not a valid phone number.` };
}
