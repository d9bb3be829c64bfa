/**
 * Reads a Vite build's manifest (dist/.vite/manifest.json) as an import graph: what a page loads before
 * anything is clicked (its entry plus every static import, recursively), and what each dynamic import
 * adds on top. Used by bench:bundle and by the join-page e2e (which chunks may not be requested).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type BuildManifest = Record<string, ManifestChunk>;

/** `name`: `manifest.json` (the app) or `join-manifest.json` (the join page's own build). */
export function readBuildManifest(dist: string, name = 'manifest.json'): BuildManifest {
  const path = join(dist, '.vite', name);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as BuildManifest;
  } catch (error) {
    throw new Error(`cannot read ${path} (run \`npm run build\` first): ${String(error)}`, { cause: error });
  }
}

/** Manifest keys loaded with `key` before any dynamic import runs: key and its static imports. */
export function staticClosure(manifest: BuildManifest, key: string): Set<string> {
  const seen = new Set<string>();
  const visit = (k: string) => {
    if (seen.has(k)) return;
    if (!manifest[k]) throw new Error(`the build manifest has no chunk "${k}"`);
    seen.add(k);
    for (const next of manifest[k].imports ?? []) visit(next);
  };
  visit(key);
  return seen;
}

/** Output files (JS) of a set of manifest keys. */
export function filesOf(manifest: BuildManifest, keys: Iterable<string>): string[] {
  return [...keys].map((k) => manifest[k]!.file);
}

/** Output files (CSS) of a set of manifest keys. */
export function cssOf(manifest: BuildManifest, keys: Iterable<string>): string[] {
  return [...new Set([...keys].flatMap((k) => manifest[k]!.css ?? []))];
}

/** Every dynamic import reachable from `key` (through static and dynamic edges), by manifest key. */
export function dynamicImportsFrom(manifest: BuildManifest, key: string): string[] {
  const found = new Set<string>();
  const walked = new Set<string>();
  const walk = (k: string) => {
    if (walked.has(k)) return;
    walked.add(k);
    for (const s of staticClosure(manifest, k)) {
      for (const d of manifest[s]!.dynamicImports ?? []) {
        found.add(d);
        walk(d);
      }
    }
  };
  walk(key);
  return [...found];
}

/**
 * Files a dynamic import adds to a page that already has `loaded`: the chunks the page must not
 * request before the import runs.
 */
export function addedBy(manifest: BuildManifest, dynamicKey: string, loaded: ReadonlySet<string>): string[] {
  return filesOf(
    manifest,
    [...staticClosure(manifest, dynamicKey)].filter((k) => !loaded.has(k)),
  );
}
