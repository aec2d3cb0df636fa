// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// A file's folder says what it may import (the VS Code layering idea): these rules enforce it.
const noElectron = { name: 'electron', message: 'Only src/main and src/preload may import electron.' };
const nodeBuiltins = { group: ['node:*'], message: 'Node built-ins are for the main process and tooling only.' };
const rendererPaths = [noElectron];
const rendererPatterns = [
  nodeBuiltins,
  { group: ['**/main/**', '**/preload/**'], message: 'The renderer talks to main only through the platform layer.' },
];
const noReact = 'matrix/, calls/, platform/ and storage/ are plain TypeScript: React lives in app/, features/ and ui/.';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            noElectron,
            { name: 'react', message: 'src/shared is pure: no React.' },
            { name: 'matrix-js-sdk', message: 'src/shared is pure.' },
          ],
          patterns: [
            nodeBuiltins,
            { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared imports only src/shared.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: rendererPaths, patterns: rendererPatterns }],
    },
  },
  {
    // The renderer's non-UI layers (the repeated renderer entries are needed: a later block replaces
    // the rule's options for the files it matches).
    files: ['src/renderer/matrix/**', 'src/renderer/calls/**', 'src/renderer/platform/**', 'src/renderer/storage/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...rendererPaths,
            { name: 'react', message: noReact },
            { name: 'react-dom', message: noReact },
            { name: 'react-i18next', message: noReact },
          ],
          patterns: [...rendererPatterns, { group: ['react/*', 'react-dom/*', '**/*.tsx'], message: noReact }],
        },
      ],
    },
  },
  {
    // ui/ holds generic components; app/ (contexts, routing) composes them, never the other way round.
    files: ['src/renderer/ui/**'],
    // Known exception: LanguageSwitcher reads the user-settings context of app/, so it is really a
    // feature component (to move to features/settings/ once the component tests being written
    // against its current path have landed).
    ignores: ['src/renderer/ui/LanguageSwitcher.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: rendererPaths,
          patterns: [...rendererPatterns, { group: ['**/app/**'], message: 'ui/ does not import app/.' }],
        },
      ],
    },
  },
  {
    files: ['src/main/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'react', message: 'No React in the main process.' }],
          patterns: [{ group: ['**/renderer/**', '**/preload/**'], message: 'main imports only main and shared.' }],
        },
      ],
    },
  },
  {
    // Electron is imported only by thin wiring files named *.main.ts in src/main, so that every other
    // module stays pure and unit-testable. (A second rule name, so it adds to the layer rules above
    // instead of replacing their options.) Explicit exceptions: src/main/main.ts, the process entry
    // point the build names, and src/preload/preload.ts, the preload's contextBridge entry point.
    files: ['src/**'],
    ignores: ['src/main/**/*.main.ts', 'src/main/main.ts', 'src/preload/preload.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only src/main/**/*.main.ts files (and the two entry points) import electron.' }],
          patterns: [
            { group: ['electron/*'], message: 'Only src/main/**/*.main.ts files (and the two entry points) import electron.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'react', message: 'No React in the preload.' }],
          patterns: [nodeBuiltins, { group: ['**/main/**', '**/renderer/**'], message: 'The preload imports only shared.' }],
        },
      ],
    },
  },
  {
    // The SFU is deployed on its own: it shares only the call protocol (src/shared/call, with the
    // typed-error base in src/shared/errors it builds on) with the app.
    files: ['sfu/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'react', message: 'No React in the SFU.' }],
          patterns: [
            {
              group: ['**/src/main/**', '**/src/renderer/**', '**/src/preload/**', '**/test/**', '**/scripts/**'],
              message: 'The SFU imports only its own modules and src/shared/call.',
            },
            {
              regex: '/src/shared/(?!call/|errors/)',
              message: 'The SFU is deployed with src/shared/call and src/shared/errors only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**', 'scripts/**', '*.config.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-empty-pattern': 'off',
    },
  },
);
