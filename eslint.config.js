// Lint rules the project enforces beyond the recommended sets:
//  - no default exports outside config files (named exports only, see docs/architecture.md);
//  - @kyc-kit/core imports no react, react-dom or node: modules and touches no DOM globals;
//  - browser packages (hooks, react, elements) import no server package (proxy, sandbox) nor
//    server-only module, tests included (they reach the sandbox through @kyc-kit/testing/server);
//  - nothing that ships imports @kyc-kit/testing (test support lives in that private package).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const domGlobals = Object.keys(globals.browser).filter((name) => !(name in globals.es2021));

// no-restricted-imports settings do not merge across config objects: each file group below gets one full list.
const browserPackages = ['packages/hooks', 'packages/react', 'packages/elements'];
const testFiles = ['**/*.test.{ts,tsx}', '**/*.stories.tsx'];
const noTestSupport = {
  group: ['@kyc-kit/testing', '@kyc-kit/testing/*'],
  message: 'Test support never ships: @kyc-kit/testing is for tests and stories only.',
};
const noServerPackages = {
  group: ['@kyc-kit/proxy', '@kyc-kit/proxy/*', '@kyc-kit/sandbox', '@kyc-kit/sandbox/*'],
  message: 'Browser packages never import server packages (tests: use @kyc-kit/testing/server).',
};
const noServerModules = {
  group: [
    '@kyc-kit/core/server',
    '@kyc-kit/testing/server',
    'better-sqlite3',
    'hono',
    'hono/*',
    '@hono/*',
    'pino',
    'jose',
  ],
  message: 'Browser packages never import server-only code.',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/storybook-static/**',
      'test-results/**',
      'playwright-report/**',
      'reports/**',
      '.packs/**',
      'examples/*/.next/**',
      'examples/*/next-env.d.ts',
      'examples/plain-html/public/kyc-kit/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportDefaultDeclaration',
          message: 'Use named exports (default exports only in config files).',
        },
        { selector: 'ExportSpecifier[exported.name="default"]', message: 'Use named exports.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.tsx', 'packages/hooks/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noTestSupport,
            {
              group: ['react', 'react/*', 'react-dom', 'react-dom/*'],
              message: '@kyc-kit/core is framework-free.',
            },
            {
              group: ['node:*', 'fs', 'path', 'http', 'https', 'crypto', 'os', 'url', 'stream', 'buffer'],
              message: '@kyc-kit/core runs in browsers too: no Node modules.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...domGlobals.map((name) => ({ name, message: '@kyc-kit/core must not touch DOM globals.' })),
        { name: 'process', message: '@kyc-kit/core must not touch Node globals.' },
        { name: 'Buffer', message: '@kyc-kit/core must not touch Node globals.' },
      ],
    },
  },
  {
    files: ['packages/proxy/src/**/*.ts', 'packages/sandbox/src/**/*.ts'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [noTestSupport] }] },
  },
  {
    files: browserPackages.map((folder) => `${folder}/**/*.{ts,tsx}`),
    // A package's build config (packages/elements/vite.config.ts) runs in Node, not in a browser.
    ignores: [...testFiles, '**/*.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noTestSupport,
            noServerPackages,
            noServerModules,
            { group: ['node:*'], message: 'Browser packages never import Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: browserPackages.flatMap((folder) => testFiles.map((pattern) => `${folder}/${pattern}`)),
    rules: { 'no-restricted-imports': ['error', { patterns: [noServerPackages] }] },
  },
  {
    // Next.js finds pages, layouts and route modules by their default export.
    files: ['examples/nextjs/app/**/{page,layout}.tsx'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.config.{ts,js,mjs}', '.storybook/**', '**/*.stories.tsx'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
