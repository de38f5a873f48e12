import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const BOUNDARY_RULE = '@typescript-eslint/no-restricted-imports';

// The repository's eslint.config.mjs, with only the boundary rule and without type information
// (the linted files are virtual, so no tsconfig knows them).
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: { files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: false, project: false } } },
  ruleFilter: ({ ruleId }) => ruleId === BOUNDARY_RULE,
});

/** The import sources the boundary rule reports in `text` linted as the file at `filePath`. */
async function refusedImports(text: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath });
  assert.equal(result.fatalErrorCount, 0, result.messages.map((m) => m.message).join('\n'));
  return result.messages.filter((m) => m.ruleId === BOUNDARY_RULE).map((m) => text.split('\n')[m.line - 1]);
}

describe('Lint configuration', () => {
  it('Should refuse vscode and Node built-ins in src/core, bare or with node:', async () => {
    const imports = [
      "import * as vscode from 'vscode';",
      "import { readFileSync } from 'node:fs';",
      "import type { Stats } from 'fs';",
      "import { readFile } from 'fs/promises';",
      "import * as path from 'path';",
      "export { spawn } from 'child_process';",
    ];
    assert.deepEqual(await refusedImports(imports.join('\n') + '\n', 'src/core/x.ts'), imports);
  });

  it('Should let src/core import its own modules and packages whose names resemble built-ins', async () => {
    const text = [
      "import { parse } from 'yaml';",
      "import { z } from 'zod';",
      "import type { PortfolioFileSystem } from './fileSystem';",
      "import { joinPath } from './paths';",
      "import { x } from './index/path';",
      '',
    ].join('\n');
    assert.deepEqual(await refusedImports(text, 'src/core/index/x.ts'), []);
  });

  it('Should let the adapters import vscode and Node built-ins', async () => {
    const text = "import * as vscode from 'vscode';\nimport { readFileSync } from 'node:fs';\n";
    assert.deepEqual(await refusedImports(text, 'src/vscode/x.ts'), []);
    assert.deepEqual(await refusedImports(text, 'src/cli/x.ts'), []);
  });
});
