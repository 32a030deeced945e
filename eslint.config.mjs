// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'tls',
  'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

export default tseslint.config(
  // *.generated.js: ajv's standalone validators (scripts/compose-validators.ts), deeply nested code that ESLint takes minutes over.
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '*.vsix', '.tmp*/**', '**/*.generated.js'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', {
        // node:test's describe/it return promises that the runner itself awaits.
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }],
      }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // The analysis core must run anywhere (language server, CLI, a browser worker):
    // no editor or LSP runtime, no Node built-ins. File access comes through `FileAccess`.
    files: ['server/src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'The core must not depend on the editor API.' },
          ...nodeBuiltins.map((name) => ({ name, message: 'The core must not use Node built-ins; go through FileAccess.' })),
        ],
        patterns: [
          { group: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-protocol', 'vscode-languageserver-textdocument', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'Only the server adapter speaks LSP.' },
          { group: ['vscode-languageserver-types'], allowTypeImports: true, message: 'Type-only imports from vscode-languageserver-types are allowed in the core.' },
          { group: ['node:*'], message: 'The core must not use Node built-ins; go through FileAccess.' },
        ],
      }],
    },
  },
  {
    // The server answers initialize without evaluating the core: its values come
    // through load-analysis.ts (bundled apart), types and a few small modules directly.
    files: ['server/src/*.ts', 'server/src/node/*.ts'],
    ignores: ['server/src/analysis.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{
          regex: '^\\.\\.?/(?:\\.\\./)*core(?:/(?!(?:document-kind|semantic-tokens|rules/rule|files)$).*)?$',
          allowTypeImports: true,
          message: 'Load the core on first use: add what you need to analysis.ts and call loadAnalysis() from load-analysis.ts.',
        }],
      }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node }, sourceType: 'module' },
  },
);
