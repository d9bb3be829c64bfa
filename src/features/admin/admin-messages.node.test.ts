// @vitest-environment node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { I18n, MessageDescriptor } from '@lingui/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBPHONE_CONFIG } from '../../stores/webphone-config';
import { configErrors } from '../../stores/webphone-validation';
import { builderErrors, builderMessage, isKnownMessage, serverMessage } from './builder-messages';

/**
 * Issue 13: the Spanish and Arabic Admin shows no English validation message. The shared (server-safe)
 * code says its sentences in English; builder-messages.ts words each one at the Admin's boundary. This
 * reads the shared sources and fails when a sentence they can say has no wording there.
 */
const SHARED = [
  'src/api/webphone-schemas.ts',
  'src/api/join-widget-schemas.ts',
  'src/api/opening-hours.ts',
  'src/api/embed-origins.ts',
  'src/api/account-schemas.ts',
  'src/actions/builder-schemas.ts',
  'src/actions/fn-parser.ts',
  'src/actions/registry.ts',
  'server/agent/admin-routes.ts',
  'server/webphone/custom-css.ts',
];
/** Sentences of those files that are not refusals an admin meets in Admin. */
const NOT_ADMIN_REFUSALS = new Set([
  // The default success text of self sign-up: the operator's own wording, edited in Admin.
  'Your account is ready. Sign in with your username and password.',
  // Run-time results of makeCall in the Agent tab (worded by the runner's result), not builder checks.
  'There is no lead to take 7 from.',
  'The lead has no usable 7.',
]);

/** A value for a `${…}` placeholder that reads like what the code puts there. */
function sample(expression: string): string {
  if (/kind/.test(expression)) return 'form';
  if (expression === 'at()') return 'at column 7';
  if (expression === 'field') return 'sandbox_id';
  if (/want/.test(expression)) return '1 parameter';
  if (/signature/.test(expression)) return 'openForm(formName)';
  return '7';
}

/** Every sentence-like string and template literal of a source file, placeholders filled in. */
function sentences(file: string): string[] {
  const source = readFileSync(fileURLToPath(new URL(`../../../${file}`, import.meta.url)), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const literal = /'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g;
  const found: string[] = [];
  for (const m of source.matchAll(literal)) {
    const text = (m[1] ?? m[2] ?? '').replace(/\$\{([^}]*(?:\}[^}$`]*)?)\}/g, (_, e: string) => sample(e));
    if (/\s/.test(text) && text.trim().endsWith('.')) found.push(text.replace(/\\'/g, "'"));
  }
  return found;
}

const marking = {
  _: (d: MessageDescriptor) =>
    `«${(d.message ?? d.id).replace(/\{(\w+)\}/g, (_, k: string) => String(d.values?.[k] ?? `{${k}}`))}»`,
} as unknown as I18n;

describe('Admin wording of the shared checks', () => {
  it.each(SHARED)('words every sentence of %s', (file) => {
    const list = sentences(file).filter((s) => !NOT_ADMIN_REFUSALS.has(s));
    expect(list.length).toBeGreaterThan(0);
    // A server refusal may name its field first (`fn: no form "x" to open.`).
    const unknown = list.filter((s) => !isKnownMessage(s) && !isKnownMessage(s.replace(/^[A-Za-z_]+: /, '')));
    expect(unknown).toEqual([]);
  });

  it('words a refused configuration field by field, values kept', () => {
    const errors = configErrors({
      ...DEFAULT_WEBPHONE_CONFIG,
      brand: { ...DEFAULT_WEBPHONE_CONFIG.brand, name: ' ', themeColor: 'red' },
      codecs: { remove: ['opus'], priority: [] },
      menu: {
        ...DEFAULT_WEBPHONE_CONFIG.menu,
        agent: { ...DEFAULT_WEBPHONE_CONFIG.menu.agent, position: 1 },
      },
      embed: { allowedOrigins: ['https://*.example.com'] },
    });
    const worded = builderErrors(marking, errors ?? {});
    expect(Object.keys(worded).length).toBeGreaterThanOrEqual(5);
    for (const text of Object.values(worded)) expect(text).toMatch(/^«.*»$/s);
    expect(worded['menu.agent.position']).toBe('«Position 1 is already taken by Dialpad.»');
  });

  it('words the runner’s fn problems, keeping action signatures and positions', () => {
    // As src/actions/fn-parser.ts and registry.ts say them (their sentences are all checked above).
    const problems = [
      'Unknown action "dance". Known: answerCall, endCall, makeCall.',
      'makeCall(alt_phone|phone_code|phone|number) takes 1 parameter, got 0.',
      'redirect(url[, isExternalLink][, target]) takes 1–3 parameters, got 4.',
      "Expected ',' or ')' at column 10.",
      'Unterminated string starting at column 10.',
    ];
    for (const problem of problems) expect(builderMessage(marking, problem)).toMatch(/^[^«]*«.*»$/s);
    expect(builderMessage(marking, 'save(Yes|No|Unknown): "Maybe" is not Yes, No or Unknown.')).toBe(
      'save(Yes|No|Unknown): «"Maybe" is not Yes, No or Unknown.»',
    );
  });

  it('words the server’s CSS refusal after its field', () => {
    expect(
      serverMessage(
        marking,
        'customCss: @import is not allowed: use plain rules, @media, @supports or @keyframes.',
      ),
    ).toBe('customCss: «@import is not allowed: use plain rules, @media, @supports or @keyframes.»');
    expect(
      serverMessage(marking, 'customCss: line 2:13: url() is not allowed: custom CSS cannot load anything.'),
    ).toBe('customCss: «line 2:13: «url() is not allowed: custom CSS cannot load anything.»»');
    // The CSS parser's own (English) reason is replaced; its position stays.
    expect(serverMessage(marking, 'customCss: line 2:5: Unclosed block.')).toBe(
      'customCss: «line 2:5: «This CSS cannot be read here.»»',
    );
  });
});
