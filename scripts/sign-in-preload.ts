/**
 * Issue 10 (a first visit on a phone): someone with no saved sign-in lands on Settings' sign-in form,
 * whose chunk the router asks for only after the entry has run: a second network round trip before the
 * form can paint. This build step gives index.html's boot script the form's files (the screen's chunk,
 * the chunks it imports that the entry does not, its stylesheet, and the English `settings` and `ui`
 * texts), which it asks for as `modulepreload`/`preload` when nobody is signed in: fetched beside the
 * entry, and run only when the route imports them.
 *
 * The boot script holds `/* SIGN_IN_ASSETS *\/ []`; the build writes the list there. In development
 * the placeholder stays empty and nothing is preloaded.
 */
import type { IndexHtmlTransformContext, Plugin } from 'vite';

/** The build's output as Vite hands it to `transformIndexHtml` (Rolldown's types, not Rollup's). */
export type OutputBundle = NonNullable<IndexHtmlTransformContext['bundle']>;
type OutputChunk = Extract<OutputBundle[string], { type: 'chunk' }>;

export const SIGN_IN_PLACEHOLDER = '/* SIGN_IN_ASSETS */ []';

const SCREEN = 'src/features/settings/SettingsScreen.tsx';
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

/** The sign-in form's files the entry does not already load: `/assets/...` paths, scripts then styles. */
export function signInAssets(bundle: OutputBundle, base = '/'): string[] {
  const entry = Object.values(bundle).find(
    (item): item is OutputChunk => item.type === 'chunk' && item.isEntry && item.name === 'index',
  );
  const screen = chunkOf(bundle, SCREEN);
  if (!entry || !screen)
    throw new Error(`sign-in preload: no ${entry ? SCREEN : 'index'} chunk in the build`);
  const loaded = staticGraph(bundle, entry.fileName);
  const scripts = [...staticGraph(bundle, screen.fileName)].filter((file) => !loaded.has(file));
  for (const text of TEXTS) {
    const chunk = chunkOf(bundle, text);
    if (!chunk) throw new Error(`sign-in preload: no chunk for ${text}`);
    scripts.push(chunk.fileName);
  }
  const styles = [...(screen.viteMetadata?.importedCss ?? [])];
  return [...scripts, ...styles].map((file) => `${base}${file}`);
}

export function signInPreload(): Plugin {
  return {
    name: 'openline-sign-in-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle || !ctx.filename.endsWith('index.html')) return html;
        if (!html.includes(SIGN_IN_PLACEHOLDER))
          throw new Error('sign-in preload: index.html lost its placeholder');
        return html.replace(SIGN_IN_PLACEHOLDER, JSON.stringify(signInAssets(ctx.bundle)));
      },
    },
  };
}
