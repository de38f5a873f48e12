// ESLint for the TypeScript sources and the plain-JavaScript build, test and harness scripts.
// Formatting is Prettier's job (npm run format), so no stylistic rules here.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Every Node built-in, bare (`fs`, `fs/promises`) or with the `node:` prefix.
const NODE_BUILTIN = `^(node:.*|(${builtinModules.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})(/.*)?)$`;

// The core's layers, lowest first (CONTRIBUTING.md draws them): a file imports only from its own
// layer and the ones before it.
const CORE_LAYERS = [
  'base',
  'model',
  'catalogue',
  'read',
  'rules',
  'edits',
  'coverage',
  'portfolio',
  'lifecycle',
  'report',
  'compare',
  'cohort',
  'render',
  'pack',
  'languageFeatures',
];

// What keeps the core pure TypeScript, part of every core block (a later block's options replace an earlier one's).
const CORE_PURITY = {
  paths: [{ name: 'vscode', message: 'src/core must not import vscode: translate in src/vscode/ instead.' }],
  patterns: [{ regex: NODE_BUILTIN, message: 'src/core must not import Node built-ins: reach files through the injected PortfolioFileSystem.' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', '.vscode-test/**', '.cache/**', 'test/fixtures/**', 'examples/**', 'schemas/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused names are errors, except a leading underscore marking a parameter a signature needs.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The no-unsafe-* family flags every use of JSON.parse (package.json, CLI output in tests); casting each is churn, not safety.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Async methods implement Promise-returning interfaces (PortfolioFileSystem, Memento) without awaiting anything.
      '@typescript-eslint/require-await': 'off',
      // Numbers, buffers and unknowns interpolated into test and error messages read fine.
      '@typescript-eslint/restrict-template-expressions': 'off',
      // String() is applied to YAML scalar values already checked to be non-objects.
      '@typescript-eslint/no-base-to-string': 'off',
      // `'a' | 'b' | string` documents the known values while accepting any.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      // Flags defensive defaults (`let exitCode = 1` before a try that sets it on every path), which we keep on purpose.
      'no-useless-assignment': 'off',
    },
  },
  {
    // Plain JavaScript: no type information (tsconfig.scripts.json type-checks the .mjs files instead).
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { ...globals.node } },
  },
  {
    // Extensions loaded by VS Code, which are CommonJS.
    files: ['test/integration/runner-extension/**/*.js', 'test/integration/electron-index.js', 'bench/editor/probe/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Functions passed to page.evaluate() run in the workbench page.
    files: ['scripts/harness/ui-checks.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // The core is pure TypeScript: the host hands it a file system, so it runs in the CLI, the
    // desktop extension host and the browser alike. Its entry file (src/core/index.ts) is the only
    // file at its root; every other file is in a layer folder (below).
    files: ['src/core/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', CORE_PURITY] },
  },
  // One block per layer: a file may import from its own layer and the layers before it, never from a
  // later one, the entry file or outside the core. Type-only imports count (a circle of types is a
  // runtime cycle after one refactor); test/unit/importCycles.test.ts checks for cycles within a layer.
  ...CORE_LAYERS.map((layer, index) => ({
    files: [`src/core/${layer}/**`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          ...CORE_PURITY,
          patterns: [
            ...CORE_PURITY.patterns,
            ...(index < CORE_LAYERS.length - 1
              ? [
                  {
                    regex: `^\\.\\./(${CORE_LAYERS.slice(index + 1).join('|')})(/|$)`,
                    message: `src/core/${layer}/ must not import from a later layer (${CORE_LAYERS.slice(index + 1).join(', ')}): move what both need down to ${layer}/ or below.`,
                  },
                ]
              : []),
            {
              regex: '^\\.\\.(/index)?$|^\\.\\./\\.\\.(/|$)',
              message: `src/core/${layer}/ must not import the core's entry file (the adapters' door) or anything outside the core: import the module itself.`,
            },
          ],
        },
      ],
    },
  })),
);
