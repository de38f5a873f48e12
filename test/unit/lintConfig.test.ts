import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { readdirSync } from 'node:fs';

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

  it('Should let a core layer import its own layer, the layers before it and packages whose names resemble built-ins', async () => {
    const text = [
      "import { parse } from 'yaml';",
      "import { z } from 'zod';",
      "import { walkTree } from './treeWalk';",
      "import type { PortfolioFileSystem } from '../base/fileSystem';",
      "import { DiagnosticCode } from '../model/diagnosticCodes';",
      "import { analyzeText } from '../read/analysis';",
      "import { checkFile } from '../rules/checkFile';",
      "import { computeCoverage } from '../coverage/coverage';",
      '',
    ].join('\n');
    assert.deepEqual(await refusedImports(text, 'src/core/portfolio/x.ts'), []);
  });

  it('Should refuse an import from a later core layer, type-only and re-exports included', async () => {
    const imports = [
      "import { PortfolioIndex } from '../portfolio/portfolioIndex';",
      "import type { Portfolio } from '../read/config';",
      "export { provideHover } from '../languageFeatures/hover';",
      "import type { Coverage } from '../coverage';",
    ];
    assert.deepEqual(await refusedImports(imports.join('\n') + '\n', 'src/core/model/x.ts'), imports);
    assert.deepEqual(await refusedImports("import { configFieldEdit } from '../edits/configEdits';\n", 'src/core/rules/x.ts'), [
      "import { configFieldEdit } from '../edits/configEdits';",
    ]);
  });

  it('Should refuse a core layer the entry file and anything outside the core, but keep refusing vscode there', async () => {
    const imports = [
      "import { RULES } from '..';",
      "import type { FileCheck } from '../index';",
      "import { main } from '../../cli/main';",
      "import * as vscode from 'vscode';",
      "import { readFile } from 'node:fs/promises';",
    ];
    assert.deepEqual(await refusedImports(imports.join('\n') + '\n', 'src/core/languageFeatures/x.ts'), imports);
  });

  it('Should give every folder of src/core a layer, and keep only the entry file at its root', async () => {
    const entries = readdirSync('src/core', { withFileTypes: true });
    assert.deepEqual(
      entries.filter((entry) => !entry.isDirectory()).map((entry) => entry.name),
      ['index.ts'],
    );
    for (const folder of entries.filter((entry) => entry.isDirectory())) {
      const refused = await refusedImports("import { x } from '../../cli/main';\n", `src/core/${folder.name}/x.ts`);
      assert.equal(refused.length, 1, `src/core/${folder.name}/ has no layer block in eslint.config.mjs (CORE_LAYERS)`);
    }
  });

  it('Should let the adapters import vscode and Node built-ins', async () => {
    const text = "import * as vscode from 'vscode';\nimport { readFileSync } from 'node:fs';\n";
    assert.deepEqual(await refusedImports(text, 'src/vscode/x.ts'), []);
    assert.deepEqual(await refusedImports(text, 'src/cli/x.ts'), []);
  });
});
