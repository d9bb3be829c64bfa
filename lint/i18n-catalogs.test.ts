// Issue 13: every text is in every language. For each area's English catalog (written by `npm run
// i18n:extract` from the code), the Spanish and Arabic catalogs have the same messages, each translated,
// with the same placeholders. `npm run lint` also re-extracts and fails when the catalogs are stale.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatter } from '@lingui/format-po';
import { describe, expect, it } from 'vitest';

const root = new URL('../src/locales/', import.meta.url).pathname;
const po = formatter({ lineNumbers: false });
const areas = readdirSync(join(root, 'en')).filter((file) => file.endsWith('.po'));

async function read(locale: string, file: string) {
  const content = readFileSync(join(root, locale, file), 'utf8');
  return po.parse(content, { locale, sourceLocale: 'en', filename: file });
}

/** `{name}`, `{0}`, `<0>` and `</0>`: what the code fills in, which a translation must keep. */
function placeholders(text: string): string[] {
  const names = [...text.matchAll(/\{\s*([\w]+)\s*[,}]/g)].map((m) => `{${m[1]}}`);
  const tags = [...text.matchAll(/<\/?\d+\/?>/g)].map((m) => m[0]);
  return [...names, ...tags].sort();
}

describe.each(['es', 'ar'])('the %s catalogs', (locale) => {
  it.each(areas)('translate every message of %s, keeping its placeholders', async (file) => {
    const english = await read('en', file);
    const other = await read(locale, file);
    expect(Object.keys(other).sort()).toEqual(Object.keys(english).sort());
    const untranslated = Object.entries(other)
      .filter(([, entry]) => !entry.translation?.trim())
      .map(([id, entry]) => entry.message ?? id);
    expect(untranslated).toEqual([]);
    for (const [id, entry] of Object.entries(english)) {
      const source = entry.message ?? entry.translation ?? id;
      expect(placeholders(other[id]?.translation ?? ''), `${file}: "${source}"`).toEqual(
        placeholders(source),
      );
    }
  });
});
