import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { layersPlugin, valueZones, zones } from './lint/layers.js';

// Layering (docs/architecture.md): app → features → ui | stores → phone | webcall | actions | storage | api → lib.
// The zones themselves, one line each, are in lint/layers.js. Package imports are fenced here: the layers
// below the stores stay free of React and zustand.
const noUi = [
  {
    group: ['react', 'react-dom', 'react-dom/*', 'react-router-dom', 'zustand', 'zustand/*'],
    message: 'Engine layers stay UI-free (docs/architecture.md).',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dev-dist',
      'node_modules',
      'test-results',
      'playwright-report',
      'data',
      'public',
      'lint/fixtures',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'react/no-danger': 'off',
    },
  },
  {
    files: [
      'src/phone/**',
      'src/webcall/**/*.ts',
      'src/actions/**',
      'src/storage/**',
      'src/api/**',
      'src/lib/**',
    ],
    rules: { 'no-restricted-imports': ['error', { patterns: noUi }] },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX, layers: layersPlugin },
    settings: {
      // Without these, import-x reads only .js files and no-cycle never looks inside a .ts module.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', 'tsconfig.node.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'layers/no-restricted-value-imports': ['error', { zones: valueZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
);
