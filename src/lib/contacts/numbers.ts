/**
 * Contact phone numbers: typed in any format, stored in E.164 (or as a short extension), shown in
 * the user's national format, and found by any run of digits in any of the usual ways of writing
 * them (`020 7946`, `+44 20 7946`, `0044 20…`, `7946 0123` all find +44 20 7946 0123).
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { normalizeDialTarget } from '../phone-number';

export type NumberResult = { ok: true; value: string } | { ok: false; error: string };

/** A typed phone number as stored: E.164, or an extension as it is. SIP addresses are refused. */
export function parseContactNumber(input: string, region?: CountryCode): NumberResult {
  if (/@|^sips?:/i.test(input.trim())) {
    return { ok: false, error: 'That is a SIP address: put it in the SIP address field.' };
  }
  const target = normalizeDialTarget(input, region);
  if (!target.ok) return target;
  return { ok: true, value: target.value };
}

/** How a stored number is shown: national format at home, international abroad, extensions as they are. */
export function formatNumber(stored: string, region?: CountryCode): string {
  if (!stored.startsWith('+')) return stored;
  const parsed = parsePhoneNumberFromString(stored);
  if (!parsed) return stored;
  return region && parsed.country === region ? parsed.formatNational() : parsed.formatInternational();
}

/**
 * Digit strings a stored number can be searched by, joined by spaces: its international digits
 * (`442079460123`) and its national form with the trunk prefix (`02079460123`).
 */
export function numberSearchKeys(stored: string): string {
  const keys = [stored.replace(/\D/g, '')];
  if (stored.startsWith('+')) {
    const parsed = parsePhoneNumberFromString(stored);
    const national = parsed?.formatNational().replace(/\D/g, '');
    if (national && national !== keys[0]) keys.push(national);
  }
  return keys.join(' ');
}

/** Only digits, `+`, spaces and the usual separators: a query that is a number. */
const NUMBER_QUERY = /^[\d+\s\-.()/]+$/;

/** The digits to look for when a query is a number (international prefixes dropped), else null. */
export function numberQueryDigits(query: string): string | null {
  const trimmed = query.trim();
  if (!NUMBER_QUERY.test(trimmed) || !/\d/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return digits;
  // 00 (most of the world) and 011 (North America) dial out: what follows is the country code.
  if (digits.startsWith('00')) return digits.slice(2);
  return digits;
}

/** Candidate stored forms of a caller's number or user: as it is, and in E.164 when it parses. */
export function lookupForms(remote: string, region?: CountryCode): string[] {
  const user = remote
    .trim()
    .replace(/^(sips?|tel):/i, '')
    .replace(/[@;].*$/, '');
  const forms = new Set<string>([user, user.toLowerCase()]);
  const compact = user.replace(/[\s\-.()]/g, '');
  if (/^\+?\d+$/.test(compact)) {
    forms.add(compact);
    const parsed = parsePhoneNumberFromString(
      compact.startsWith('00') ? `+${compact.slice(2)}` : compact,
      region,
    );
    if (parsed?.isValid()) forms.add(parsed.number);
  }
  return [...forms].filter(Boolean);
}
