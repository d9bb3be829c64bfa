import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ENTRY_PLACEHOLDER,
  PRERENDERED_PLACEHOLDER,
  entryToBootScript,
  withPrerenderedMarkup,
} from './prerender-sign-in';

const built = (boot: string) => `<head><script>${boot}</script>
    <script type="module" crossorigin src="/assets/index-AbC.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/react-X.js">
</head><body><div id="root"></div></body>`;

describe('entryToBootScript', () => {
  it('takes the entry out of the page and hands its URL to the boot script', () => {
    const html = entryToBootScript(built(`var entry = ${ENTRY_PLACEHOLDER};`));
    expect(html).toContain('var entry = "/assets/index-AbC.js";');
    expect(html).not.toContain('<script type="module"');
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/react-X.js">');
  });

  it('refuses a page without the entry or without the boot script’s placeholder', () => {
    expect(() => entryToBootScript('<head></head>')).toThrow(/no entry/);
    expect(() => entryToBootScript(built('var entry;'))).toThrow(/ENTRY/);
  });
});

describe('withPrerenderedMarkup', () => {
  it('draws the markup in #root, wrapped, and tells the boot script', () => {
    const html = withPrerenderedMarkup(built(`var p = ${PRERENDERED_PLACEHOLDER};`), '<main>form</main>');
    expect(html).toContain('<div id="root"><div data-prerendered=""><main>form</main></div></div>');
    expect(html).toContain('var p = /* PRERENDERED */ true;');
  });

  it('refuses a page whose boot script does not know about it', () => {
    expect(() => withPrerenderedMarkup(built('var p;'), 'x')).toThrow(/PRERENDERED/);
  });
});

describe('index.html', () => {
  it('holds both placeholders in its boot script, which the build fills', () => {
    const page = readFileSync(new URL('../index.html', import.meta.url), 'utf8');
    expect(page).toContain(ENTRY_PLACEHOLDER);
    expect(page).toContain(PRERENDERED_PLACEHOLDER);
  });
});
