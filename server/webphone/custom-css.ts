/**
 * The operator's custom CSS (issue 13), made safe to apply: parsed with PostCSS, refused when it could
 * load anything or run anything, and scoped to the app. Served as a same-origin stylesheet
 * (`GET /api/webphone/custom.css`), so the Content-Security-Policy (`style-src 'self'`, no inline
 * styles) needs no exception.
 *
 * Refused, with the line and column: `@import`, `@font-face`, `@namespace` and every other at-rule but
 * `@media`, `@supports` and `@keyframes`; any `url(`, `image-set(`, `image(`, `element(`, `src(`,
 * `expression(` or `paint(` in a value; the legacy script-running properties (`behavior`,
 * `-moz-binding`); backslashes anywhere (escapes can spell any of the above: `u\72l(`).
 *
 * Scoping: every selector is put inside the app's root element, `#root`. A selector that starts with
 * `html`, `body` or `:root` is applied to `#root` itself, so custom properties (`:root { --primary: … }`)
 * reach the whole app.
 */
import postcss, { CssSyntaxError, type AtRule, type Node, type Rule } from 'postcss';

export const CUSTOM_CSS_SCOPE = '#root';

const ALLOWED_AT_RULES = new Set(['media', 'supports', 'keyframes', '-webkit-keyframes']);
const LOADING_FUNCTIONS =
  /(?:^|[^a-z0-9-])(url|image-set|-webkit-image-set|image|element|src|expression|paint)\s*\(/i;
const SCRIPT_PROPERTIES = new Set(['behavior', '-moz-binding']);
const DOCUMENT_ROOT = /^(?:html|body|:root)(?=$|[\s>+~])/i;

export type CustomCssResult = { css: string } | { problem: string };

class Refused extends Error {
  constructor(node: Node, reason: string) {
    const start = node.source?.start;
    super(start ? `line ${start.line}:${start.column}: ${reason}` : reason);
  }
}

/** The stylesheet to serve, or a sentence saying what is refused and where. */
export function sanitizeCustomCss(source: string): CustomCssResult {
  if (source.trim() === '') return { css: '' };
  const backslash = source.indexOf('\\');
  if (backslash >= 0) {
    const line = source.slice(0, backslash).split('\n').length;
    return {
      problem: `line ${line}: backslash escapes are not allowed (they can disguise url() and the like).`,
    };
  }
  try {
    const root = postcss.parse(source);
    root.walk((node) => {
      if (node.type === 'atrule') checkAtRule(node);
      else if (node.type === 'decl') {
        if (SCRIPT_PROPERTIES.has(node.prop.toLowerCase())) {
          throw new Refused(node, `"${node.prop}" is not allowed: it can run code.`);
        }
        const loads = LOADING_FUNCTIONS.exec(node.value);
        if (loads) {
          throw new Refused(
            node,
            `${loads[1]!.toLowerCase()}() is not allowed: custom CSS cannot load anything.`,
          );
        }
      } else if (node.type === 'rule') scope(node);
    });
    return { css: root.toString() };
  } catch (error) {
    if (error instanceof Refused) return { problem: error.message };
    if (error instanceof CssSyntaxError) {
      return { problem: `line ${error.line ?? '?'}:${error.column ?? '?'}: ${error.reason}.` };
    }
    throw error;
  }
}

function checkAtRule(rule: AtRule): void {
  const name = rule.name.toLowerCase();
  if (!ALLOWED_AT_RULES.has(name)) {
    throw new Refused(
      rule,
      `@${rule.name} is not allowed: use plain rules, @media, @supports or @keyframes.`,
    );
  }
  const loads = LOADING_FUNCTIONS.exec(rule.params);
  if (loads)
    throw new Refused(rule, `${loads[1]!.toLowerCase()}() is not allowed: custom CSS cannot load anything.`);
}

/** Rules inside @keyframes have frame selectors (`from`, `50%`), not element selectors. */
function insideKeyframes(rule: Rule): boolean {
  for (let node = rule.parent as Node | undefined; node; node = node.parent as Node | undefined) {
    if (node.type === 'atrule' && (node as AtRule).name.toLowerCase().endsWith('keyframes')) return true;
  }
  return false;
}

function scope(rule: Rule): void {
  if (insideKeyframes(rule)) return;
  rule.selectors = rule.selectors.map((selector) => {
    let rest = selector.trim();
    let atRoot = false;
    for (let m = DOCUMENT_ROOT.exec(rest); m; m = DOCUMENT_ROOT.exec(rest)) {
      atRoot = true;
      rest = rest.slice(m[0].length).trimStart();
    }
    return atRoot && rest === '' ? CUSTOM_CSS_SCOPE : `${CUSTOM_CSS_SCOPE} ${rest}`;
  });
}
