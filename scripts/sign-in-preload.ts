/**
 * Issue 10: files a start needs that the entry asks for only after it has run, a second network round
 * trip on a phone. This build step gives index.html's boot script two lists, which it asks for as
 * `modulepreload`/`preload` (fetched beside the entry, run only when the app imports them):
 * - with no saved sign-in, the start lands on Settings' sign-in form: the screen's chunk, the chunks it
 *   imports that the entry does not, its stylesheet, and the English `settings` and `ui` texts;
 * - with one, the app registers at once: the phone engine's chunk (sip.js) and what it imports that the
 *   entry does not, which the REGISTER waits for.
 *
 * The boot script holds `/* SIGN_IN_ASSETS *\/ []` and `/* ENGINE_ASSETS *\/ []`; the build writes the
 * lists there. In development the placeholders stay empty and nothing is preloaded.
 */
import type { IndexHtmlTransformContext, Plugin } from 'vite';

/** The build's output as Vite hands it to `transformIndexHtml` (Rolldown's types, not Rollup's). */
export type OutputBundle = NonNullable<IndexHtmlTransformContext['bundle']>;
type OutputChunk = Extract<OutputBundle[string], { type: 'chunk' }>;

export const SIGN_IN_PLACEHOLDER = '/* SIGN_IN_ASSETS */ []';
export const ENGINE_PLACEHOLDER = '/* ENGINE_ASSETS */ []';

const SCREEN = 'src/features/settings/SettingsScreen.tsx';
const ENGINE = 'src/phone/index.ts';
const TEXTS = ['src/locales/en/settings.po', 'src/locales/en/ui.po'];

/** Every chunk `from` imports statically (itself included), by file name. */
function staticGraph(bundle: OutputBundle, from: string): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string) => {
    const chunk = bundle[file];
    if (seen.has(file) || chunk?.type !== 'chunk') return;
    seen.add(file);
    chunk.imports.forEach(walk);
  };
  walk(from);
  return seen;
}

const chunkOf = (bundle: OutputBundle, moduleId: string) =>
  Object.values(bundle).find(
    (item): item is OutputChunk => item.type === 'chunk' && (item.facadeModuleId ?? '').endsWith(moduleId),
  );

/** `moduleId`'s chunk and every chunk it imports statically that the app's entry does not load. */
function beyondEntry(bundle: OutputBundle, moduleId: string): { chunk: OutputChunk; files: string[] } {
  const entry = Object.values(bundle).find(
    (item): item is OutputChunk => item.type === 'chunk' && item.isEntry && item.name === 'index',
  );
  const chunk = chunkOf(bundle, moduleId);
  if (!entry || !chunk) throw new Error(`boot preload: no ${entry ? moduleId : 'index'} chunk in the build`);
  const loaded = staticGraph(bundle, entry.fileName);
  return { chunk, files: [...staticGraph(bundle, chunk.fileName)].filter((file) => !loaded.has(file)) };
}

/** The sign-in form's files the entry does not already load: `/assets/...` paths, scripts then styles. */
export function signInAssets(bundle: OutputBundle, base = '/'): string[] {
  const { chunk: screen, files: scripts } = beyondEntry(bundle, SCREEN);
  for (const text of TEXTS) {
    const chunk = chunkOf(bundle, text);
    if (!chunk) throw new Error(`sign-in preload: no chunk for ${text}`);
    scripts.push(chunk.fileName);
  }
  const styles = [...(screen.viteMetadata?.importedCss ?? [])];
  return [...scripts, ...styles].map((file) => `${base}${file}`);
}

/** The phone engine's scripts the entry does not already load, as `/assets/...` paths. */
export function engineAssets(bundle: OutputBundle, base = '/'): string[] {
  return beyondEntry(bundle, ENGINE).files.map((file) => `${base}${file}`);
}

export function signInPreload(): Plugin {
  return {
    name: 'openline-boot-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle || !ctx.filename.endsWith('index.html')) return html;
        if (!html.includes(SIGN_IN_PLACEHOLDER) || !html.includes(ENGINE_PLACEHOLDER))
          throw new Error('boot preload: index.html lost a placeholder');
        return html
          .replace(SIGN_IN_PLACEHOLDER, JSON.stringify(signInAssets(ctx.bundle)))
          .replace(ENGINE_PLACEHOLDER, JSON.stringify(engineAssets(ctx.bundle)));
      },
    },
  };
}
