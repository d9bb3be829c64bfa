import type { I18n } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';

/**
 * The Admin's checks are shared with the server, which has no language: the zod schemas of the
 * webphone configuration (src/api/webphone-schemas.ts, join-widget-schemas.ts, opening-hours.ts,
 * embed-origins.ts), the accounts (account-schemas.ts), the builders (src/actions/builder-schemas.ts,
 * with the runner's `fn` parser and action registry) and the server's refusals
 * (server/agent/admin-routes.ts, server/webphone/custom-css.ts) speak English, and no Lingui macro may
 * reach them. Admin shows them in the admin's language here, at its boundary: each sentence the shared
 * code can say is a key (its values read back by a pattern) mapped to a catalog text with the values kept.
 * `admin-messages.test.ts` reads the shared sources and fails when a sentence has no entry here.
 */
const EXACT: Record<string, MessageDescriptor> = {
  // Builders (src/actions/builder-schemas.ts)
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
  'Write the text to show.': msg`Write the text to show.`,
  'A text block has no value to require.': msg`A text block has no value to require.`,
  'Only a text block has HTML.': msg`Only a text block has HTML.`,
  'Only a list can take several options.': msg`Only a list can take several options.`,
  'Fewest and most choices apply to a list that takes several options.': msg`Fewest and most choices apply to a list that takes several options.`,
  'The fewest choices cannot be more than the most.': msg`The fewest choices cannot be more than the most.`,
  'A whole number from 0 to 100.': msg`A whole number from 0 to 100.`,
  'A whole number from 1 to 100.': msg`A whole number from 1 to 100.`,
  'Sign in first.': msg`Sign in first.`,
  'Only an administrator can do this.': msg`Only an administrator can do this.`,
  // The runner's fn parser and action registry (src/actions/fn-parser.ts, registry.ts)
  'fn is empty.': msg`The fn is empty.`,
  'fn must be a string.': msg`The fn must be text.`,
  "Missing ')' at the end.": msg`Missing ")" at the end.`,
  'the form name must be 1–128 characters.': msg`The form name must be 1–128 characters.`,
  // Webphone configuration (src/api/webphone-schemas.ts)
  'Give the tab a title.': msg`Give the tab a title.`,
  'A whole number.': msg`A whole number.`,
  'From 1.': msg`From 1.`,
  'Use 1–32 of a–z, 0–9 and "-", starting with a letter or digit.': msg`Use 1–32 of a–z, 0–9 and "-", starting with a letter or digit.`,
  'Give the page a title.': msg`Give the page a title.`,
  'Empty pattern.': msg`Empty pattern.`,
  'Opus cannot be removed: it is the one codec every browser supports.': msg`Opus cannot be removed: it is the one codec every browser supports.`,
  'A codec name such as PCMU or opus.': msg`A codec name such as PCMU or opus.`,
  'Give the brand a name.': msg`Give the brand a name.`,
  'A colour as #rrggbb.': msg`A colour as #rrggbb.`,
  'A path on this server ending in .svg, .png or .webp, e.g. /icons/icon.svg.': msg`A path on this server ending in .svg, .png or .webp, e.g. /icons/icon.svg.`,
  'No ".." in the path.': msg`No ".." in the path.`,
  'The username of an existing account.': msg`The username of an existing account.`,
  'Say what a new user should know.': msg`Say what a new user should know.`,
  'Empty company name.': msg`Empty company name.`,
  'An https:// address.': msg`An https:// address.`,
  'An origin is listed twice.': msg`An origin is listed twice.`,
  'Register needs a template customer: the account new accounts copy.': msg`Register needs a template customer: the account new accounts copy.`,
  'Restrict Customer Login needs at least one company (otherwise only admins sign in).': msg`Restrict Customer Login needs at least one company (otherwise only admins sign in).`,
  'Settings cannot be disabled: it holds sign-in and the Support log.': msg`Settings cannot be disabled: it holds sign-in and the Support log.`,
  'Accept Payment needs the https:// address of your payment page.': msg`Accept Payment needs the https:// address of your payment page.`,
  // Embedding (src/api/embed-origins.ts)
  'No wildcards: list each origin exactly, e.g. https://desk.example.com.': msg`No wildcards: list each origin exactly, e.g. https://desk.example.com.`,
  'Not an origin: write the scheme and host, e.g. https://desk.example.com.': msg`Not an origin: write the scheme and host, e.g. https://desk.example.com.`,
  'Only https:// origins.': msg`Only https:// origins.`,
  'Only https:// origins (http:// only for localhost, 127.0.0.1 or [::1]).': msg`Only https:// origins (http:// only for localhost, 127.0.0.1 or [::1]).`,
  'No user name or password in the origin.': msg`No user name or password in the origin.`,
  'Only the origin: no path, query or fragment.': msg`Only the origin: no path, query or fragment.`,
  // Join page widget (src/api/join-widget-schemas.ts, opening-hours.ts)
  'A name of lower-case letters, digits and _, e.g. order_number.': msg`A name of lower-case letters, digits and _, e.g. order_number.`,
  'Give the field a label.': msg`Give the field a label.`,
  'A pre-chat form needs at least one field.': msg`A pre-chat form needs at least one field.`,
  'A field name is used twice.': msg`A field name is used twice.`,
  'A select field needs its options.': msg`A select field needs its options.`,
  'File transfer is not available for webcall rooms yet: leave it off.': msg`File transfer is not available for webcall rooms yet: leave it off.`,
  'A whole number of seconds.': msg`A whole number of seconds.`,
  'A time as HH:MM, from 00:00 to 24:00.': msg`A time as HH:MM, from 00:00 to 24:00.`,
  'Name at least one day.': msg`Name at least one day.`,
  'A period ends after it starts (split one that crosses midnight in two: 22:00–24:00 and 00:00–02:00).': msg`A period ends after it starts (split one that crosses midnight in two: 22:00–24:00 and 00:00–02:00).`,
  'An IANA time zone, e.g. Europe/Madrid or UTC.': msg`An IANA time zone, e.g. Europe/Madrid or UTC.`,
  // Accounts (src/api/account-schemas.ts)
  'Letters, digits, ".", "_" or "-", starting with a letter or digit (it is the SIP user name).': msg`Letters, digits, ".", "_" or "-", starting with a letter or digit (it is the SIP user name).`,
  'Too weak: it contains the username.': msg`Too weak: it contains the username.`,
  'Too weak: use more different characters.': msg`Too weak: use more different characters.`,
  'Too weak: it is a commonly guessed password.': msg`Too weak: it is a commonly guessed password.`,
  'Give a display name.': msg`Give a display name.`,
  'No <, >, " or control characters.': msg`No <, >, " or control characters.`,
  'No control characters.': msg`No control characters.`,
};

/** A pattern's captured values, in order ('' past the last). */
type Values = [string, string, string, string];
type Translate = (i18n: I18n, values: Values) => string;
const PATTERNS: Array<[RegExp, Translate]> = [
  [/^At most (\d+) characters\.$/, (i18n, [n]) => i18n._(msg`At most ${n} characters.`)],
  [/^At least (\d+) characters\.$/, (i18n, [n]) => i18n._(msg`At least ${n} characters.`)],
  [/^At most (\d+) options\.$/, (i18n, [n]) => i18n._(msg`At most ${n} options.`)],
  [/^At most (\d+) fields\.$/, (i18n, [n]) => i18n._(msg`At most ${n} fields.`)],
  [/^At most (\d+) built buttons\.$/, (i18n, [n]) => i18n._(msg`At most ${n} built buttons.`)],
  [/^At most (\d+) built forms\.$/, (i18n, [n]) => i18n._(msg`At most ${n} built forms.`)],
  [/^At most (\d+) origins\.$/, (i18n, [n]) => i18n._(msg`At most ${n} origins.`)],
  [/^At most (\d+) companies\.$/, (i18n, [n]) => i18n._(msg`At most ${n} companies.`)],
  [/^At most (\d+) pages\.$/, (i18n, [n]) => i18n._(msg`At most ${n} pages.`)],
  [/^At most (\d+) days\.$/, (i18n, [n]) => i18n._(msg`At most ${n} days.`)],
  [/^At most (\d+) periods\.$/, (i18n, [n]) => i18n._(msg`At most ${n} periods.`)],
  [/^At least (\d+) seconds\.$/, (i18n, [n]) => i18n._(msg`At least ${n} seconds.`)],
  [/^At most (\d+) seconds\.$/, (i18n, [n]) => i18n._(msg`At most ${n} seconds.`)],
  [/^Up to (\d+)\.$/, (i18n, [n]) => i18n._(msg`Up to ${n}.`)],
  [
    /^Too short: at least (\d+) characters\.$/,
    (i18n, [n]) => i18n._(msg`Too short: at least ${n} characters.`),
  ],
  [/^Too long: at most (\d+) characters\.$/, (i18n, [n]) => i18n._(msg`Too long: at most ${n} characters.`)],
  [
    /^Fewer options \((\d+)\) than the fewest choices\.$/,
    (i18n, [n]) => i18n._(msg`Fewer options (${n}) than the fewest choices.`),
  ],
  [
    /^Another field is already named "(.*)"\.$/s,
    (i18n, [name]) => i18n._(msg`Another field is already named "${name}".`),
  ],
  [/^Another page is already "(.*)"\.$/s, (i18n, [id]) => i18n._(msg`Another page is already "${id}".`)],
  [
    /^Position (\d+) is already taken by (.*)\.$/s,
    (i18n, [position, title]) => i18n._(msg`Position ${position} is already taken by ${title}.`),
  ],
  [
    /^Choose one of the icons the app can draw: (.*)\.$/s,
    (i18n, [icons]) => i18n._(msg`Choose one of the icons the app can draw: ${icons}.`),
  ],
  [
    /^A type the pre-chat form has: (.*)\.$/s,
    (i18n, [types]) => i18n._(msg`A type the pre-chat form has: ${types}.`),
  ],
  [
    /^One of: (.*) \(browser follows the customer's browser\)\.$/s,
    (i18n, [languages]) => i18n._(msg`One of: ${languages} (browser follows the customer's browser).`),
  ],
  [/^Days as (.*)\.$/s, (i18n, [days]) => i18n._(msg`Days as ${days}.`)],
  [
    /^Write it as the browser does: (.*)$/s,
    (i18n, [origin]) => i18n._(msg`Write it as the browser does: ${origin}`),
  ],
  // Server refusals (server/agent/admin-routes.ts)
  [
    /^no server script "(.*)" is loaded\.$/s,
    (i18n, [script]) => i18n._(msg`No server script "${script}" is loaded.`),
  ],
  [/^no form "(.*)" to open\.$/s, (i18n, [form]) => i18n._(msg`No form "${form}" to open.`)],
  [/^no form "(.*)"\.$/s, (i18n, [form]) => i18n._(msg`No form "${form}".`)],
  [/^a button "(.*)" already exists\.$/s, (i18n, [id]) => i18n._(msg`A button "${id}" already exists.`)],
  [/^a form "(.*)" already exists\.$/s, (i18n, [id]) => i18n._(msg`A form "${id}" already exists.`)],
  [/^No button "(.*)"\.$/s, (i18n, [id]) => i18n._(msg`No button "${id}".`)],
  [/^No form "(.*)"\.$/s, (i18n, [id]) => i18n._(msg`No form "${id}".`)],
  [
    /^The button "(.*)" comes with the server and cannot be changed here\.$/s,
    (i18n, [id]) => i18n._(msg`The button "${id}" comes with the server and cannot be changed here.`),
  ],
  [
    /^The form "(.*)" comes with the server and cannot be changed here\.$/s,
    (i18n, [id]) => i18n._(msg`The form "${id}" comes with the server and cannot be changed here.`),
  ],
  [
    /^the address says "(.*)", the body "(.*)"\.$/s,
    (i18n, [address, body]) => i18n._(msg`The address says "${address}", the body "${body}".`),
  ],
  [
    /^The form "(.*)" is opened by: (.*)\.$/s,
    (i18n, [id, users]) => i18n._(msg`The form "${id}" is opened by: ${users}.`),
  ],
  // The runner's fn parser and action registry: positions and names kept, words translated.
  [
    /^Unknown action "(.*)"\. Known: (.*)\.$/s,
    (i18n, [name, known]) => i18n._(msg`Unknown action "${name}". Known: ${known}.`),
  ],
  [
    /^([A-Za-z]+\([^)]*\)) takes (\d+) parameters?, got (\d+)\.$/,
    (i18n, [action, want, got]) => i18n._(msg`${action} takes ${want} parameter(s), got ${got}.`),
  ],
  [
    /^([A-Za-z]+\([^)]*\)) takes (\d+)–(\d+) parameters, got (\d+)\.$/,
    (i18n, [action, min, max, got]) => i18n._(msg`${action} takes ${min} to ${max} parameters, got ${got}.`),
  ],
  [
    /^Expected an action name at column (\d+)\.$/,
    (i18n, [column]) => i18n._(msg`Expected an action name at column ${column}.`),
  ],
  [
    /^Unterminated string starting at column (\d+)\.$/,
    (i18n, [column]) => i18n._(msg`A quoted text starting at column ${column} is not closed.`),
  ],
  [
    /^Unexpected quote at column (\d+)\.$/,
    (i18n, [column]) => i18n._(msg`Unexpected quote at column ${column}.`),
  ],
  [
    /^Parameter (\d+) is empty at column (\d+)\.$/,
    (i18n, [n, column]) => i18n._(msg`Parameter ${n} is empty at column ${column}.`),
  ],
  [
    /^Expected ',' or '\)' at column (\d+)\.$/,
    (i18n, [column]) => i18n._(msg`Expected "," or ")" at column ${column}.`),
  ],
  [
    /^Unexpected "(.*)" at column (\d+)\.$/s,
    (i18n, [text, column]) => i18n._(msg`Unexpected "${text}" at column ${column}.`),
  ],
  [
    /^fn is longer than (\d+) characters\.$/,
    (i18n, [n]) => i18n._(msg`The fn is longer than ${n} characters.`),
  ],
  [
    /^"(.*)" is neither a lead field \((.*)\) nor a number\.$/s,
    (i18n, [text, fields]) => i18n._(msg`"${text}" is neither a lead field (${fields}) nor a number.`),
  ],
  [
    /^"(.*)" is not true\/false or _blank\/_self\.$/s,
    (i18n, [text]) => i18n._(msg`"${text}" is not true/false or _blank/_self.`),
  ],
  [
    /^"(.*)" is not Yes, No or Unknown\.$/s,
    (i18n, [text]) => i18n._(msg`"${text}" is not Yes, No or Unknown.`),
  ],
  // Custom CSS refused by the server (server/webphone/custom-css.ts)
  [
    /^line (\d+): backslash escapes are not allowed \(they can disguise url\(\) and the like\)\.$/,
    (i18n, [line]) =>
      i18n._(msg`Line ${line}: backslash escapes are not allowed (they can disguise url() and the like).`),
  ],
  [
    /^"(.*)" is not allowed: it can run code\.$/s,
    (i18n, [property]) => i18n._(msg`"${property}" is not allowed: it can run code.`),
  ],
  [
    /^(\w+)\(\) is not allowed: custom CSS cannot load anything\.$/,
    (i18n, [fn]) => i18n._(msg`${fn}() is not allowed: custom CSS cannot load anything.`),
  ],
  [
    /^@(\S+) is not allowed: use plain rules, @media, @supports or @keyframes\.$/,
    (i18n, [rule]) => i18n._(msg`@${rule} is not allowed: use plain rules, @media, @supports or @keyframes.`),
  ],
];

/** Where in the custom CSS the server found a problem (`line 2:13: …`, server/webphone/custom-css.ts). */
const CSS_POSITION = /^line (\d+|\?):(\d+|\?): (.+)$/s;

/**
 * An action's own problem with a parameter comes after its signature (`openForm(formName): …`,
 * src/actions/registry.ts): the signature is code and stays as it is.
 */
const SIGNATURE = /^([A-Za-z]+\([^)]*\)): (.+)$/s;

/** One shared (English) message in the admin's language; a sentence not known here is shown as it came. */
export function builderMessage(i18n: I18n, text: string): string {
  const exact = EXACT[text];
  if (exact) return i18n._(exact);
  for (const [re, translate] of PATTERNS) {
    const m = re.exec(text);
    if (m) return translate(i18n, [m[1] ?? '', m[2] ?? '', m[3] ?? '', m[4] ?? '']);
  }
  const signed = SIGNATURE.exec(text);
  if (signed) return `${signed[1]}: ${builderMessage(i18n, signed[2]!)}`;
  const css = CSS_POSITION.exec(text);
  if (css) {
    const [line, column, reason] = [css[1] ?? '?', css[2] ?? '?', css[3] ?? ''];
    // A refusal of ours is worded; the CSS parser's own reason is a library's English: the position says where.
    const problem = isKnownMessage(reason)
      ? builderMessage(i18n, reason)
      : i18n._(msg`This CSS cannot be read here.`);
    return i18n._(msg`line ${line}:${column}: ${problem}`);
  }
  return text;
}

/** Whether `text` is a sentence this module words (tests: every sentence of the shared code is). */
export function isKnownMessage(text: string): boolean {
  if (EXACT[text] || PATTERNS.some(([re]) => re.test(text))) return true;
  const signed = SIGNATURE.exec(text);
  if (signed) return isKnownMessage(signed[2]!);
  return CSS_POSITION.test(text); // the position is worded, the reason too or replaced
}

/**
 * A server refusal in the admin's language: `field: message` (how the server names the field at fault)
 * keeps its field prefix, which the screen uses to mark the field.
 */
export function serverMessage(i18n: I18n, text: string): string {
  const prefixed = /^([A-Za-z_]+(?:\.\d+(?:\.[A-Za-z_]+)?)?): (.+)$/s.exec(text);
  return prefixed ? `${prefixed[1]}: ${builderMessage(i18n, prefixed[2]!)}` : builderMessage(i18n, text);
}

/** Every message of a `{path: message}` map in the admin's language. */
export function builderErrors(i18n: I18n, errors: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, builderMessage(i18n, v)]));
}
