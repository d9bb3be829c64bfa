// @vitest-environment node
/**
 * The app shell's first load (issue 10: ≤ 150 kB gzip; `npm run bench:bundle` measures it) must not
 * statically reach the phone engine with sip.js or libphonenumber-js's metadata: those are `import()`ed
 * after first paint (stores/phone-bridge-instance.ts, stores/caller-name-instance.ts). This walks the
 * static imports from src/main.tsx with the TypeScript compiler, so a stray `import` that would pull
 * them back into the first chunk fails here rather than only in the benchmark.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ENTRY = fileURLToPath(new URL('../main.tsx', import.meta.url));
const OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.ReactJSX,
  allowImportingTsExtensions: true,
};

/** Specifiers a module imports for its values (type-only imports are erased by the build). */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const named = clause?.namedBindings;
      const onlyTypes =
        clause?.isTypeOnly ||
        (clause &&
          !clause.name &&
          named &&
          ts.isNamedImports(named) &&
          named.elements.every((e) => e.isTypeOnly));
      if (!onlyTypes) out.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      out.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return out;
}

/** Every file (source and package) the entry loads before any dynamic `import()` runs. */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (file.includes('/node_modules/')) return; // a package: its name is enough
    for (const specifier of valueImports(file)) {
      if (specifier.endsWith('.css') || specifier.endsWith('.po')) continue; // styles, message catalogs
      const resolved = ts.resolveModuleName(specifier, file, OPTIONS, ts.sys).resolvedModule;
      if (!resolved) throw new Error(`cannot resolve ${specifier} from ${file}`);
      visit(resolved.resolvedFileName);
    }
  };
  visit(entry);
  return seen;
}

const graph = [...staticGraph(ENTRY)];
const src = dirname(ENTRY);
const has = (part: string) => graph.some((file) => file.includes(part));

describe('app shell first load', () => {
  it('walks the real graph (the checks below are not vacuous)', () => {
    expect(graph).toContain(`${src}/app/App.tsx`);
    expect(graph).toContain(`${src}/stores/phone-bridge-instance.ts`);
    expect(has('/react-dom/')).toBe(true); // its .d.ts: TypeScript resolves packages to their types
  });

  it('leaves the phone engine and sip.js to a dynamic import', () => {
    expect(graph).not.toContain(`${src}/phone/engine.ts`);
    expect(graph).not.toContain(`${src}/phone/index.ts`);
    expect(has('/node_modules/sip.js/')).toBe(false);
  });

  it('leaves the call view, its dialogs and its texts to the call views chunk (loaded after first paint)', () => {
    expect(graph).toContain(`${src}/features/call/CallLayer.tsx`); // the always-on part: audio, ringtone, keys
    for (const file of [
      'CallViews',
      'CallScreen',
      'IncomingCallSheet',
      'ConferencePanel',
      'LineList',
      'TransferDialog',
    ])
      expect(graph).not.toContain(`${src}/features/call/${file}.tsx`);
    expect(readFileSync(`${src}/i18n/start-app.ts`, 'utf8')).not.toMatch(/locales\/en\/call\.po/);
  });

  it('leaves libphonenumber-js and the contacts index to a dynamic import', () => {
    expect(has('/node_modules/libphonenumber-js/')).toBe(false);
    expect(graph).not.toContain(`${src}/stores/contacts-instance.ts`);
    expect(graph).not.toContain(`${src}/lib/contacts/search-index.ts`);
  });

  it('validates with zod/mini, not zod classic (about 11 kB gzip more; docs/performance.md)', () => {
    expect(has('/node_modules/zod/mini/')).toBe(true); // the check below is not vacuous
    expect(graph.filter((file) => /\/node_modules\/zod\/index\.d\.c?ts$/.test(file))).toEqual([]);
  });
});
