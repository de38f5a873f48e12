// ESLint for the TypeScript sources and the plain-JavaScript build, test and harness scripts.
// Formatting is Prettier's job (npm run format), so no stylistic rules here.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Every Node built-in, bare (`fs`, `fs/promises`) or with the `node:` prefix.
const NODE_BUILTIN = `^(node:.*|(${builtinModules.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})(/.*)?)$`;

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
    // desktop extension host and the browser alike.
    files: ['src/core/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core must not import vscode: translate in src/vscode/ instead.' }],
          patterns: [{ regex: NODE_BUILTIN, message: 'src/core must not import Node built-ins: reach files through the injected PortfolioFileSystem.' }],
        },
      ],
    },
  },
);
