// The import zones of src/: who may import whom. eslint.config.js turns these into rules, and
// lint/zones.test.ts proves each rule still fires on a fixture under lint/fixtures/.
//
//   app → features → ui | stores → phone | webcall | actions | storage | api → lib
//
// A zone reads: files under `target` may not import files under `from` (paths from the repository root).
import { readdirSync } from 'node:fs';
import importX from 'eslint-plugin-import-x';

/** The layers below the stores: the engine, the webcall codec and rooms, actions, storage, HTTP. */
export const engineLayers = ['src/phone', 'src/webcall', 'src/actions', 'src/storage', 'src/api'];

/** Every feature folder, read from disk so that a new feature is fenced in without editing this file. */
export const featureNames = readdirSync(new URL('../src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Zones that hold for every import, type-only ones included. */
export const zones = [
  ...featureNames.map((name) => ({
    target: `src/features/${name}`,
    from: 'src/features',
    except: [`./${name}`],
    message: 'Features never import each other; compose them in src/app (or share code through src/ui).',
  })),
  {
    target: ['src/features', 'src/ui', 'src/stores', ...engineLayers, 'src/lib'],
    from: 'src/app',
    message: 'Only main.tsx imports the app shell.',
  },
  {
    target: ['src/ui', 'src/stores', ...engineLayers, 'src/lib'],
    from: 'src/features',
    message: 'Only the app shell imports features.',
  },
  {
    target: ['src/ui', ...engineLayers, 'src/lib'],
    from: 'src/stores',
    message: 'Stores sit above the engine layers and beside src/ui; only features and the shell use them.',
  },
  {
    target: ['src/stores', ...engineLayers, 'src/lib'],
    from: 'src/ui',
    message: 'src/ui is React building blocks for features; lower layers never import it.',
  },
  {
    target: 'src/lib',
    from: 'src',
    except: ['./lib'],
    message: 'src/lib is the bottom layer: it imports nothing but src/lib.',
  },
];

/**
 * Zones that forbid values but let types through: a screen may name the engine's types
 * (`import type { CallSnapshot }`), but it reaches the engine, the rooms, the action runner, storage
 * and HTTP only through a store.
 */
export const valueZones = [
  {
    target: ['src/features', 'src/ui', 'src/app'],
    from: engineLayers,
    message: 'Screens import stores, src/ui, src/lib and types only; reach this layer through a store.',
  },
];

/** True when the import or re-export that owns this `source` literal brings in types only. */
function isTypeOnly(source) {
  const owner = source.parent;
  if (!owner) return false;
  if (owner.importKind === 'type' || owner.exportKind === 'type') return true;
  const specifiers = owner.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

const restrictedPaths = importX.rules['no-restricted-paths'];

/** import-x/no-restricted-paths, but silent about type-only imports and re-exports. */
const noRestrictedValueImports = {
  meta: { ...restrictedPaths.meta, docs: { description: 'no-restricted-paths for value imports only' } },
  create(context) {
    const report = (descriptor) => {
      if (!('node' in descriptor) || !isTypeOnly(descriptor.node)) context.report(descriptor);
    };
    return restrictedPaths.create(Object.create(context, { report: { value: report } }));
  },
};

/** The local plugin that carries the value-only rule: `layers/no-restricted-value-imports`. */
export const layersPlugin = { rules: { 'no-restricted-value-imports': noRestrictedValueImports } };
