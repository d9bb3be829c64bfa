import { describe, expect, it } from 'vitest';
import { engineAssets, signInAssets, type OutputBundle } from './sign-in-preload';

type OutputChunk = Extract<OutputBundle[string], { type: 'chunk' }>;

function chunk(fileName: string, fields: Partial<OutputChunk> & { css?: string[] } = {}): OutputChunk {
  const { css = [], ...rest } = fields;
  return {
    type: 'chunk',
    fileName,
    name: fileName.replace(/-.*$/, ''),
    isEntry: false,
    facadeModuleId: null,
    imports: [],
    viteMetadata: { importedCss: new Set(css), importedAssets: new Set() },
    ...rest,
  } as unknown as OutputChunk;
}

function bundleOf(...chunks: OutputChunk[]): OutputBundle {
  return Object.fromEntries(chunks.map((c) => [c.fileName, c])) as OutputBundle;
}

const texts = [
  chunk('assets/settings-T.js', { facadeModuleId: '/repo/src/locales/en/settings.po' }),
  chunk('assets/ui-U.js', { facadeModuleId: '/repo/src/locales/en/ui.po' }),
];

describe('signInAssets', () => {
  it('lists the screen, what it imports that the entry does not, the English texts, then its stylesheet', () => {
    const bundle = bundleOf(
      chunk('assets/index-E.js', { isEntry: true, name: 'index', imports: ['assets/react-R.js'] }),
      chunk('assets/react-R.js'),
      chunk('assets/SettingsScreen-S.js', {
        facadeModuleId: '/repo/src/features/settings/SettingsScreen.tsx',
        imports: ['assets/react-R.js', 'assets/Screen-C.js'],
        css: ['assets/SettingsScreen-S.css'],
      }),
      chunk('assets/Screen-C.js', { imports: ['assets/react-R.js', 'assets/util-V.js'] }),
      chunk('assets/util-V.js'),
      ...texts,
    );
    expect(signInAssets(bundle)).toEqual([
      '/assets/SettingsScreen-S.js',
      '/assets/Screen-C.js',
      '/assets/util-V.js',
      '/assets/settings-T.js',
      '/assets/ui-U.js',
      '/assets/SettingsScreen-S.css',
    ]);
  });

  it('fails the build when the screen or a catalog is gone, rather than preloading nothing', () => {
    const entry = chunk('assets/index-E.js', { isEntry: true, name: 'index' });
    expect(() => signInAssets(bundleOf(entry, ...texts))).toThrow(/SettingsScreen\.tsx/);
    const screen = chunk('assets/SettingsScreen-S.js', {
      facadeModuleId: '/repo/src/features/settings/SettingsScreen.tsx',
    });
    expect(() => signInAssets(bundleOf(entry, screen))).toThrow(/settings\.po/);
  });
});

describe('engineAssets', () => {
  it('lists the engine chunk and what it imports that the entry does not', () => {
    const bundle = bundleOf(
      chunk('assets/index-E.js', { isEntry: true, name: 'index', imports: ['assets/types-T.js'] }),
      chunk('assets/types-T.js'),
      chunk('assets/phone-P.js', {
        facadeModuleId: '/repo/src/phone/index.ts',
        imports: ['assets/index-E.js', 'assets/types-T.js', 'assets/sip-trace-S.js'],
      }),
      chunk('assets/sip-trace-S.js', { imports: ['assets/emitter-M.js'] }),
      chunk('assets/emitter-M.js'),
    );
    expect(engineAssets(bundle)).toEqual([
      '/assets/phone-P.js',
      '/assets/sip-trace-S.js',
      '/assets/emitter-M.js',
    ]);
  });

  it('fails the build when the engine chunk is gone', () => {
    const entry = chunk('assets/index-E.js', { isEntry: true, name: 'index' });
    expect(() => engineAssets(bundleOf(entry))).toThrow(/src\/phone\/index\.ts/);
  });
});
