import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Layering from DESIGN.md: features → stores → phone | webcall | actions | storage | api → lib.
// Lower layers may not import React, stores or features; features may not import each other.
const noUi = [
  {
    group: ['react', 'react-dom', 'react-dom/*', 'react-router-dom', 'zustand', 'zustand/*'],
    message: 'Engine layers stay UI-free (DESIGN.md layering).',
  },
  {
    group: ['**/stores', '**/stores/**', '**/features/**', '**/app/**'],
    message: 'Lower layers must not import stores, features or the app shell.',
  },
];
const featureNames = ['dialpad', 'history', 'contacts', 'voicemail', 'agent', 'settings', 'call', 'join'];

export default tseslint.config(
  { ignores: ['dist', 'dev-dist', 'node_modules', 'test-results', 'playwright-report', 'data', 'public'] },
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
    files: ['src/stores/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/features/**', '**/app/**'],
              message: 'Stores sit below features and the app shell.',
            },
          ],
        },
      ],
    },
  },
  ...featureNames.map((name) => ({
    files: [`src/features/${name}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: featureNames
                .filter((n) => n !== name)
                .flatMap((n) => [`**/features/${n}`, `**/features/${n}/**`, `../${n}`, `../${n}/**`]),
              message: 'Features never import each other; compose them in src/app.',
            },
            { group: ['**/app/**'], message: 'Features must not import the app shell.' },
          ],
        },
      ],
    },
  })),
);
