import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Inside the UI, arrows point down too: app (the shell: App, frame, header, footer, mount) picks
// the features; a feature (its screen, parts, hook) uses the kit (shared pieces) and the bottom
// folders (state, keys, format, theme, terminal), never another feature; the kit and the bottom
// folders use neither.
const features = ['files', 'help', 'job-detail', 'jobs', 'models', 'new-batch', 'profiles', 'results'];
const uiLayers = [
  {
    files: [
      'src/ui/kit/**',
      'src/ui/state/**',
      'src/ui/keys/**',
      'src/ui/format/**',
      'src/ui/theme/**',
      'src/ui/terminal/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/features/**', '**/app/**', '**/cli/**'],
              message: 'Shared UI pieces must not import a feature or the app shell.',
            },
          ],
        },
      ],
    },
  },
  ...features.map((feature) => ({
    files: [`src/ui/features/${feature}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/app/**',
                '**/cli/**',
                ...features.filter((other) => other !== feature).map((other) => `**/features/${other}/**`),
                ...features.filter((other) => other !== feature).map((other) => `../${other}/**`),
              ],
              message:
                'A feature uses the kit and the bottom folders, not another feature or the app shell; move what two features share into the kit or format.',
            },
          ],
        },
      ],
    },
  })),
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/.data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
      },
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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/ui/**', '**/cli/**', 'ink', 'react', 'ink-*'],
              message: 'Lower layers must not import the UI or the CLI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/ui/**', '**/cli/**', '**/server/**', 'ink', 'react', 'ink-*'],
              message: 'The API client must not depend on the server, the CLI or the UI.',
            },
          ],
        },
      ],
    },
  },
  ...uiLayers,
  // Hooks are called the same way on every render, with every value their effects read.
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
