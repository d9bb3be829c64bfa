import type { I18n } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';

/**
 * The builders' checks (src/actions/builder-schemas.ts) and the server's refusals
 * (server/agent/admin-routes.ts) are shared with the server, which has no language: they speak English.
 * Admin shows them in the admin's language: each known sentence maps to a catalog text with its values
 * kept; a sentence not known here (e.g. the `fn` parser's own words) is shown as it came.
 */
const EXACT: Record<string, MessageDescriptor> = {
  'Use 1–40 of a–z, 0–9, "-" and "_", starting with a letter or digit.': msg`Use 1–40 of a–z, 0–9, "-" and "_", starting with a letter or digit.`,
  'A label is required.': msg`A label is required.`,
  'An icon name is lower-case letters, digits, "-" or "_".': msg`An icon name is lower-case letters, digits, "-" or "_".`,
  'A whole number from 0 to 9999.': msg`A whole number from 0 to 9999.`,
  'Choose a loaded server script.': msg`Choose a loaded server script.`,
  'A button needs something to do: an fn, a form or a server script.': msg`A button needs something to do: an fn, a form or a server script.`,
  'Not a valid regular expression.': msg`Not a valid regular expression.`,
  'A name is 1–40 of letters, digits and "_", not starting with a digit.': msg`A name is 1–40 of letters, digits and "_", not starting with a digit.`,
  '1 to 12 columns.': msg`1 to 12 columns.`,
  'An option needs a label.': msg`An option needs a label.`,
  'A list needs at least one option.': msg`A list needs at least one option.`,
  'A name is required.': msg`A name is required.`,
  'A form needs a field.': msg`A form needs a field.`,
  'The Agent tab cannot show this field.': msg`The Agent tab cannot show this field.`,
  'Sign in first.': msg`Sign in first.`,
  'Only an administrator can do this.': msg`Only an administrator can do this.`,
};

type Pattern = [RegExp, (i18n: I18n, first: string, second: string) => string];
const PATTERNS: Pattern[] = [
  [/^At most (\d+) characters\.$/, (i18n, n) => i18n._(msg`At most ${n} characters.`)],
  [/^At most (\d+) options\.$/, (i18n, n) => i18n._(msg`At most ${n} options.`)],
  [/^At most (\d+) fields\.$/, (i18n, n) => i18n._(msg`At most ${n} fields.`)],
  [/^At most (\d+) built buttons\.$/, (i18n, n) => i18n._(msg`At most ${n} built buttons.`)],
  [/^At most (\d+) built forms\.$/, (i18n, n) => i18n._(msg`At most ${n} built forms.`)],
  [
    /^Another field is already named "(.*)"\.$/s,
    (i18n, name) => i18n._(msg`Another field is already named "${name}".`),
  ],
  [
    /^no server script "(.*)" is loaded\.$/s,
    (i18n, script) => i18n._(msg`No server script "${script}" is loaded.`),
  ],
  [/^no form "(.*)" to open\.$/s, (i18n, form) => i18n._(msg`No form "${form}" to open.`)],
  [/^no form "(.*)"\.$/s, (i18n, form) => i18n._(msg`No form "${form}".`)],
  [/^a button "(.*)" already exists\.$/s, (i18n, id) => i18n._(msg`A button "${id}" already exists.`)],
  [/^a form "(.*)" already exists\.$/s, (i18n, id) => i18n._(msg`A form "${id}" already exists.`)],
  [/^No button "(.*)"\.$/s, (i18n, id) => i18n._(msg`No button "${id}".`)],
  [/^No form "(.*)"\.$/s, (i18n, id) => i18n._(msg`No form "${id}".`)],
  [
    /^The button "(.*)" comes with the server and cannot be changed here\.$/s,
    (i18n, id) => i18n._(msg`The button "${id}" comes with the server and cannot be changed here.`),
  ],
  [
    /^The form "(.*)" comes with the server and cannot be changed here\.$/s,
    (i18n, id) => i18n._(msg`The form "${id}" comes with the server and cannot be changed here.`),
  ],
  [
    /^The form "(.*)" is opened by: (.*)\.$/s,
    (i18n, id, users) => i18n._(msg`The form "${id}" is opened by: ${users}.`),
  ],
];

/** One builder or server message in the admin's language (unknown ones as they are). */
export function builderMessage(i18n: I18n, text: string): string {
  const exact = EXACT[text];
  if (exact) return i18n._(exact);
  for (const [re, translate] of PATTERNS) {
    const m = re.exec(text);
    if (m) return translate(i18n, m[1] ?? '', m[2] ?? '');
  }
  return text;
}

/**
 * A server refusal in the admin's language: `field: message` (how the server names the field at fault)
 * keeps its field prefix, which the screen uses to mark the field.
 */
export function serverMessage(i18n: I18n, text: string): string {
  const prefixed = /^([a-z_]+(?:\.\d+(?:\.[a-z_]+)?)?): (.+)$/s.exec(text);
  return prefixed ? `${prefixed[1]}: ${builderMessage(i18n, prefixed[2]!)}` : builderMessage(i18n, text);
}

/** Every message of a `{path: message}` map in the admin's language. */
export function builderErrors(i18n: I18n, errors: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, builderMessage(i18n, v)]));
}
