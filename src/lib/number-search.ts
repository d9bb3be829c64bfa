import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Matching numbers typed in any format: "020 7946", "+44 20 7946" and "2079460" all find
 * `+442079460123`. A number is indexed by its digits as stored, and (when it parses as a phone
 * number) its E.164 and national-format digits; a query matches when its digits are a substring.
 */
export function numberSearchKeys(value: string, region?: CountryCode): string[] {
  const digits = value.replace(/\D/g, '');
  const keys = digits ? [digits] : [];
  // Extensions and SIP user names are not phone numbers: parsing them would only cost time.
  if (digits.length < 7) return keys;
  const parsed = parsePhoneNumberFromString(value, region);
  if (parsed?.isPossible()) {
    keys.push(parsed.number.slice(1), parsed.formatNational().replace(/\D/g, ''));
  }
  return [...new Set(keys)];
}

/** The digits of a query when it looks like a number (two digits or more), else null. */
export function queryDigits(query: string): string | null {
  const digits = query.replace(/\D/g, '');
  return digits.length >= 2 && !/[a-z]/i.test(query.replace(/^sips?:/i, '')) ? digits : null;
}
