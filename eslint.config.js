import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
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
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'process',
        'localStorage',
        'indexedDB',
      ],
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'preact*', 'idb', '../server/*', '../client/*', '../app/*'] },
      ],
    },
  },
  {
    // The lazy areas are reached only through import() (scripts/areas.mjs): a static import from
    // the shell would put an area into the learner's first screen.
    files: ['src/app/**/*.{ts,tsx}'],
    ignores: ['src/app/areas/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/areas/**'],
              message: 'Reach a lazy area only through import() (views/AreaRoutes.tsx).',
            },
          ],
        },
      ],
    },
  },
);
