import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

// An import circle, even of types only, is a runtime cycle after one refactor: this scanner reads
// every relative import and export of src/ (type-only ones included) and Tarjan's algorithm finds
// the strongly connected components; any with two files or more, or a file importing itself, is a cycle.

const SOURCE_ROOT = path.resolve(process.cwd(), 'src');

/** Every module specifier a TypeScript text names: static imports and exports, type-only or not, side-effect imports and `import()`. */
function specifiersOf(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]);
  return found;
}

/** The import graph of `files` (path to text, paths with `/`): each file to the files it imports by a relative path. */
function importGraph(files: ReadonlyMap<string, string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [file, text] of files) {
    const targets = new Set<string>();
    for (const specifier of specifiersOf(text)) {
      if (!specifier.startsWith('.')) continue;
      const base = path.posix.join(path.posix.dirname(file), specifier);
      const target = [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => files.has(candidate));
      if (target) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** The import cycles of `graph`: its strongly connected components that loop (Tarjan), each sorted, largest first. */
function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const order = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    order.set(file, counter);
    lowest.set(file, counter);
    counter++;
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!order.has(next)) {
        visit(next);
        lowest.set(file, Math.min(lowest.get(file)!, lowest.get(next)!));
      } else if (onStack.has(next)) {
        lowest.set(file, Math.min(lowest.get(file)!, order.get(next)!));
      }
    }
    if (lowest.get(file) !== order.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) cycles.push(component.sort());
  };
  for (const file of graph.keys()) if (!order.has(file)) visit(file);
  return cycles.sort((a, b) => b.length - a.length);
}

/** Every `.ts` file under `folder`, by its path relative to `root` with `/`, and its text. */
function sourceFiles(root: string, folder = root, files = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) sourceFiles(root, full, files);
    else if (entry.name.endsWith('.ts')) files.set(path.relative(root, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
  }
  return files;
}

describe('Import cycles', () => {
  it('Should find no import cycle in src/, type-only imports included', () => {
    const files = sourceFiles(SOURCE_ROOT);
    assert.ok(files.size > 100, `expected the whole source tree, found ${files.size} files`);
    assert.deepEqual(cyclesOf(importGraph(files)), []);
  });

  it('Should find a cycle closed by a type-only import, and name only the files in it', () => {
    const files = new Map([
      ['core/base/text.ts', 'export const FILE_START = 0;\n'],
      ['core/model/codes.ts', "import { FILE_START } from '../base/text';\nimport type {\n  Catalogue,\n} from '../catalogue/catalogue';\n"],
      ['core/catalogue/catalogue.ts', "import { kindOf } from '../model/codes';\nexport type { Catalogue } from './types';\n"],
      ['core/catalogue/types.ts', 'export interface Catalogue {}\n'],
      ['core/index.ts', "export * from './catalogue/catalogue';\n"],
    ]);
    assert.deepEqual(cyclesOf(importGraph(files)), [['core/catalogue/catalogue.ts', 'core/model/codes.ts']]);
  });

  it('Should find a cycle through a folder entry file, a side-effect import and import()', () => {
    const files = new Map([
      ['report/index.ts', "export * from './model';\n"],
      ['report/model.ts', "import '../render';\n"],
      ['render.ts', "const later = () => import('./report');\n"],
    ]);
    assert.deepEqual(cyclesOf(importGraph(files)), [['render.ts', 'report/index.ts', 'report/model.ts']]);
  });

  it('Should report a file that imports itself', () => {
    assert.deepEqual(cyclesOf(importGraph(new Map([['a.ts', "import type { A } from './a';\n"]]))), [['a.ts']]);
  });
});
