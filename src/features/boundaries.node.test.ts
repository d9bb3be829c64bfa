// @vitest-environment node
/**
 * Features meet only in the shell (issue 8): no stylesheet names a class that only another feature
 * (or the shell) renders, and no feature portals into document.body to reach outside its own tree.
 * Classes are read from the source: a class "belongs" to the folders whose TSX renders it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path, ext);
    return ext.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** `features/agent/...` → `agent`; `app/...` → `app`; `ui/...` → `ui`. */
function owner(path: string): string {
  const [top, name] = relative(SRC, path).split('/');
  return top === 'features' ? name! : top!;
}

/** Class tokens in string literals of TSX (`className="a b"`, template parts, class maps). */
function renderedClasses(source: string): Set<string> {
  const out = new Set<string>();
  for (const m of source.matchAll(/['"`]([^'"`\n]*)['"`]/g)) {
    for (const token of m[1]!.split(/[\s${}]+/)) if (/^[a-z][\w-]*$/.test(token)) out.add(token);
  }
  return out;
}

/** Class names used in selectors (declaration blocks and comments removed). */
function selectorClasses(css: string): Set<string> {
  const selectors = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\{[^{}]*\}/g, '{}');
  return new Set([...selectors.matchAll(/\.([a-zA-Z][\w-]*)/g)].map((m) => m[1]!));
}

const tsx = files(SRC, /\.tsx$/);
const css = files(SRC, /\.css$/);
const rendered = new Map<string, Set<string>>();
for (const path of tsx) {
  const set = rendered.get(owner(path)) ?? new Set<string>();
  for (const c of renderedClasses(readFileSync(path, 'utf8'))) set.add(c);
  rendered.set(owner(path), set);
}
const sharedCss = new Set(
  css.filter((p) => owner(p) === 'ui').flatMap((p) => [...selectorClasses(readFileSync(p, 'utf8'))]),
);

describe('feature boundaries', () => {
  it('reads real classes (the check below is not vacuous)', () => {
    expect(rendered.get('call')?.has('call-screen')).toBe(true);
    expect(rendered.get('agent')?.has('agent-dock')).toBe(true);
    expect(selectorClasses('.a .b:has(.c) { color: red; }')).toEqual(new Set(['a', 'b', 'c']));
  });

  for (const path of css) {
    const me = owner(path);
    if (me === 'ui') continue;
    it(`${relative(SRC, path)} styles only its own markup and shared UI`, () => {
      const foreign = [...selectorClasses(readFileSync(path, 'utf8'))].filter((c) => {
        if (rendered.get(me)?.has(c) || sharedCss.has(c)) return false;
        return [...rendered].some(([other, set]) => other !== me && set.has(c));
      });
      expect(foreign).toEqual([]);
    });
  }

  it('no feature portals into document.body', () => {
    const offenders = tsx.filter(
      (p) => relative(SRC, p).startsWith('features/') && /document\.body/.test(readFileSync(p, 'utf8')),
    );
    expect(offenders.map((p) => relative(SRC, p))).toEqual([]);
  });
});
