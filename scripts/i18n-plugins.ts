/**
 * Lingui in every Vite build (the app, the join page, Vitest): the macro transform (`t`, `<Trans>`,
 * `msg`, `plural` become catalog lookups; in production the English text is stripped from the code and
 * comes from src/locales/en) and the catalog compiler that turns an imported `.po` file into a module.
 * Babel runs only on files that import a Lingui macro; everything else stays on the fast path.
 */
import babel, { defineRolldownBabelPreset } from '@rolldown/plugin-babel';
import { lingui } from '@lingui/vite-plugin';
import type { PluginOption } from 'vite';

const linguiMacroPreset = defineRolldownBabelPreset({
  preset: () => ({ plugins: ['@lingui/babel-plugin-lingui-macro'] }),
  rolldown: { filter: { code: /@lingui\/(?:core|react)\/macro/ } },
});

export function i18nPlugins(): PluginOption[] {
  return [babel({ presets: [linguiMacroPreset] }), lingui()];
}
