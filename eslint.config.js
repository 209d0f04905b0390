import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Storage on the device belongs to src/client (ARCHITECTURE.md "Client storage"): its
// repositories own every IndexedDB store and localStorage key, and the app's stores and the
// worker use those. Nothing else names the database library or the storage globals.
const storageMessage = 'Device storage belongs to src/client: use (or add) a repository there.';
const storageNames = ['indexedDB', 'localStorage', 'sessionStorage'];
const storageGlobals = storageNames.map((name) => ({ name, message: storageMessage }));
const storageImports = { group: ['idb', 'idb/*'], message: storageMessage };
const dbDoor = {
  group: ['**/client/db'],
  allowTypeImports: true,
  message: 'Only store.ts opens the device database; take a repository of src/client instead.',
};
const areasDoor = {
  group: ['**/areas/**'],
  message: 'Reach a lazy area only through import() (views/AreaRoutes.tsx).',
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'build/',
      'data/',
      'node_modules/',
      'bench/results/',
      'public/',
      '.tmp/',
      'test-results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'sw/**/*.ts'],
    ignores: ['src/client/**'],
    rules: {
      'no-restricted-globals': ['error', ...storageGlobals],
      'no-restricted-properties': [
        'error',
        ...['window', 'self', 'globalThis'].flatMap((object) =>
          storageNames.map((property) => ({ object, property, message: storageMessage })),
        ),
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'process', ...storageGlobals],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'preact*', '../server/*', '../client/*', '../app/*'] },
            storageImports,
          ],
        },
      ],
    },
  },
  // The parts' boundaries (ARCHITECTURE.md "Layout"): the device never reaches into the server,
  // the server never into the device, and the worker never into the app's views and stores.
  {
    files: ['src/client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/server/**'], message: 'The device never imports the server.' }],
        },
      ],
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**'], message: 'The device never imports the server.' },
            storageImports,
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/**', '**/client/**', 'preact*', 'idb'],
              message: 'The server never imports the device.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['sw/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/**', '**/server/**'],
              message: 'The worker never imports the app or the server.',
            },
            storageImports,
          ],
        },
      ],
    },
  },
  // The lazy areas are reached only through import() (scripts/areas.mjs): a static import from
  // the shell would put an area into the learner's first screen. Only store.ts opens the device
  // database; every other module of the app reaches storage through a repository of src/client.
  {
    files: ['src/app/**/*.{ts,tsx}'],
    ignores: ['src/app/areas/**', 'src/app/store.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [areasDoor, dbDoor] }],
    },
  },
  {
    files: ['src/app/store.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [areasDoor] }] },
  },
  {
    files: ['src/app/areas/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [dbDoor] }] },
  },
);
