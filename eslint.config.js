import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/.data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Layers: arrows point down only. api, server and config never reach up into the UI or the CLI.
    files: ['src/api/**', 'src/config/**', 'src/core/**', 'src/server/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/ui/**', '**/cli/**', 'ink', 'react', 'ink-*'], message: 'Lower layers must not import the UI or the CLI.' },
      ] }],
    },
  },
  {
    files: ['src/api/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/ui/**', '**/cli/**', '**/server/**', 'ink', 'react', 'ink-*'], message: 'The API client must not depend on the server, the CLI or the UI.' },
      ] }],
    },
  },
);
