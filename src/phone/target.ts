import { Grammar, URI } from 'sip.js';

/**
 * Turns what a user typed (or a `tel:`/`sip:` link) into the SIP URI to call.
 *
 * - `1002`, `*97`, `+44 1234 567890`, `(020) 7946-0000` → `sip:<digits>@<domain>` (visual separators dropped)
 * - `bob` → `sip:bob@<domain>`
 * - `bob@example.com` → `sip:bob@example.com`
 * - `sip:bob@example.com`, `sips:…` → as given (validated); `sip:1002` → `sip:1002@<domain>`
 * - `tel:+441234567890` → `sip:+441234567890@<domain>`
 *
 * Anything else throws an `Error` whose message can be shown to the user.
 */
export function normalizeTarget(input: string, domain: string): URI {
  const raw = input.trim();
  if (raw === '') throw new Error('Enter a number or SIP address to call');
  if (raw.length > 256) throw new Error('That number or address is too long');
  const host = domain.trim();

  const schemeMatch = /^(sips?|tel):/i.exec(raw);
  if (schemeMatch) {
    const scheme = schemeMatch[1]!.toLowerCase();
    const rest = raw.slice(schemeMatch[0].length);
    if (scheme === 'tel') {
      const number = phoneDigits(rest.split(';')[0] ?? '');
      if (!number) throw invalid(input);
      return onDomain(number, host, input);
    }
    if (rest.includes('@')) return parseSipUri(`${scheme}:${rest}`, input);
    const user = plainUser(rest);
    if (!user) throw invalid(input);
    return onDomain(user, host, input, scheme);
  }

  if (raw.includes('@')) return parseSipUri(`sip:${raw}`, input);

  const user = plainUser(raw);
  if (!user) throw invalid(input);
  return onDomain(user, host, input);
}

function plainUser(text: string): string | null {
  return phoneDigits(text) ?? (/^[A-Za-z0-9][A-Za-z0-9._~!$&'*+=-]*$/.test(text) ? text : null);
}

/** Digits, `*`, `#` and a leading `+`, with spaces, dots, dashes and parentheses removed. */
function phoneDigits(text: string): string | null {
  if (!/^[+\d\s().*#-]+$/.test(text)) return null;
  const compact = text.replace(/[\s().-]/g, '');
  return /^\+?[\d*#]+$/.test(compact) ? compact : null;
}

function onDomain(user: string, domain: string, input: string, scheme = 'sip'): URI {
  if (!domain) throw new Error('No SIP domain is configured, so a plain number cannot be called');
  const uri = new URI(scheme, user, domain);
  // Round-trip through the parser so a bad domain is caught here, not when the INVITE is built.
  return parseSipUri(uri.toString(), input);
}

function parseSipUri(text: string, input: string): URI {
  const uri = Grammar.URIParse(text);
  if (!uri || !uri.host) throw invalid(input);
  return uri;
}

function invalid(input: string): Error {
  return new Error(`"${input.trim()}" is not a valid number or SIP address`);
}
