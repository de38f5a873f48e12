// A model-based test of the editor's incremental index: random sequences of file and folder
// events, announced the way the editor's watcher announces them, must leave the index exactly
// where a fresh full scan of the same files would be.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { builtinCatalogue, CONFIG_FILE_NAME, parseStandardFile, PortfolioIndex, type IndexOptions } from '../../src/core';
import { ROOT, tinyStandard } from './inlinePortfolio';
import { MemoryFileSystem } from './memoryFileSystem';

const at = (relative: string) => (relative === '' ? ROOT : `${ROOT}/${relative}`);

/** Folders the sequences play in; `drafts` is excluded by the host, `sub2` often a nested portfolio. */
const FOLDERS = ['evidence', 'evidence/sub', 'evidence/sub/deep', 'evidence/drafts', 'notes', 'sub2', 'sub2/in', 'drafts'];
const FILE_NAMES = ['a.md', 'c.md', 'moved.md', 'att.txt', CONFIG_FILE_NAME];
/** Every file path a sequence may write: the names in every folder, plus two at the root. */
const FILES = [...FOLDERS.flatMap((folder) => FILE_NAMES.map((name) => `${folder}/${name}`)), 'a.md', 'att.txt'];
const PATHS = [...FOLDERS, ...FILES];
const MARKDOWN_FILES = FILES.filter((path) => path.endsWith('.md'));

/** Codes of both standards in play, plus ones neither has. */
const CODES = ['K1', 'K2', 'S1', 'B1', 'K17', 'K24', 'K30', 'k2'];
/** Link targets relative to the linking file, root-absolute, into folders, and outside the root. */
const LINK_TARGETS = [
  'att.txt',
  'sub',
  'sub/c.md',
  'sub/deep',
  'in/moved.md',
  '../notes/a.md',
  '../evidence/sub',
  '../sub2',
  '/evidence/att.txt',
  '/sub2/a.md',
  'drafts/a.md',
  '../../outside.txt',
];

const ROOT_CONFIGS = [
  'standard: ST0792\nversion: "1.2"\noption: post-production-coordinator\nevidence: ["evidence/**/*.md", "sub2/**/*.md"]\n',
  'standard: ST0792\nversion: "1.2"\noption: production-coordinator\n',
  'standard: ST9999\n',
  'standard: ST9999\nevidence: ["**/*.md"]\n',
  'standard: [unclosed\n',
];
const NESTED_CONFIG = 'standard: ST0792\noption: production-coordinator\n';

/**
 * The shipped standards plus the tiny one, parsed once: a `standards/` file would be validated
 * again by every fresh scan (7 ms each), and changing one only reloads everything anyway.
 */
function catalogueWithTinyStandard() {
  const catalogue = builtinCatalogue().clone();
  const parsed = parseStandardFile(tinyStandard(), 'ST9999-1.0.yaml');
  if (!parsed.ok) throw new Error('the tiny standard should be valid');
  catalogue.add(parsed.standard);
  return catalogue;
}

/** The host's exclusion: a folder named `drafts` (its files are not matched on their own). */
const OPTIONS: IndexOptions = { catalogue: catalogueWithTinyStandard(), isExcluded: (relative) => relative === 'drafts' || relative.endsWith('/drafts') };

interface MarkdownSpec {
  readonly frontMatter: 'claims' | 'none' | 'broken' | 'untitled';
  readonly codes: readonly string[];
  readonly links: readonly string[];
}

const markdownSpec: fc.Arbitrary<MarkdownSpec> = fc.record({
  frontMatter: fc.constantFrom('claims', 'claims', 'claims', 'none', 'broken', 'untitled'),
  codes: fc.array(fc.constantFrom(...CODES), { maxLength: 3 }),
  links: fc.array(fc.constantFrom(...LINK_TARGETS), { maxLength: 3 }),
});

function markdown(spec: MarkdownSpec): string {
  const body = `Body.\n${spec.links.map((target) => `See [it](${target}).\n`).join('')}`;
  switch (spec.frontMatter) {
    case 'claims':
      return `---\ntitle: Work\nksbs: [${spec.codes.join(', ')}]\n---\n\n${body}`;
    case 'untitled':
      return `---\ndate: 2026-01-02\n---\n${body}`;
    case 'broken':
      return `---\nksbs: [${spec.codes.join(', ')}\n---\n${body}`;
    default:
      return body;
  }
}

/** The content a file gets, by its name: evidence, an attachment or a nested config. */
function contentFor(path: string, spec: MarkdownSpec): string {
  if (path.endsWith('.md')) return markdown(spec);
  if (path.endsWith(CONFIG_FILE_NAME)) return NESTED_CONFIG;
  return `attachment with ${spec.codes.length} lines\n`;
}

type Operation =
  | { readonly kind: 'write'; readonly path: string; readonly spec: MarkdownSpec; readonly announceFolders: boolean }
  | { readonly kind: 'mkdir'; readonly path: string; readonly announceFolders: boolean }
  | { readonly kind: 'delete'; readonly path: string }
  | { readonly kind: 'rename'; readonly from: string; readonly to: string; readonly announceFolders: boolean }
  | { readonly kind: 'moveIn'; readonly path: string; readonly files: ReadonlyArray<readonly [string, MarkdownSpec]>; readonly announceFolders: boolean }
  | { readonly kind: 'rootConfig'; readonly variant: number }
  | { readonly kind: 'open'; readonly path: string; readonly spec: MarkdownSpec }
  | { readonly kind: 'close'; readonly path: string };

/** One step: an operation, and whether the watcher's burst is flushed to the index after it. */
interface Step {
  readonly operation: Operation;
  readonly flush: boolean;
}

const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('write' as const), path: fc.constantFrom(...FILES), spec: markdownSpec, announceFolders: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('mkdir' as const), path: fc.constantFrom(...FOLDERS), announceFolders: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...PATHS) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('rename' as const),
      from: fc.constantFrom(...PATHS),
      to: fc.constantFrom(...PATHS),
      announceFolders: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('moveIn' as const),
      path: fc.constantFrom(...FOLDERS),
      files: fc.array(fc.tuple(fc.constantFrom('moved.md', 'att.txt', 'in/moved.md', CONFIG_FILE_NAME), markdownSpec), { minLength: 1, maxLength: 3 }),
      announceFolders: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rootConfig' as const), variant: fc.integer({ min: -1, max: ROOT_CONFIGS.length - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('open' as const), path: fc.constantFrom(...MARKDOWN_FILES), spec: markdownSpec }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), path: fc.constantFrom(...MARKDOWN_FILES) }) },
);

const step: fc.Arbitrary<Step> = fc.record({ operation, flush: fc.boolean() });

/** A starting portfolio: the root config and a few files. */
const initialFiles = fc.record({
  config: fc.integer({ min: 0, max: ROOT_CONFIGS.length - 1 }),
  files: fc.array(fc.tuple(fc.constantFrom(...FILES), markdownSpec), { maxLength: 6 }),
});

/**
 * The editor's side, as `PortfolioWorkspace` does it: file events gathered into a burst (one
 * entry per path, the last kind winning, in order of first arrival), then every portfolio
 * holding a path hears of it; unsaved texts reach the deepest portfolio holding the file.
 */
class Editor {
  private readonly pending = new Map<string, 'changed' | 'deleted'>();
  /** The unsaved texts the outer index holds, for the fresh scan to hold too. */
  readonly documents = new Map<string, string>();

  constructor(
    private readonly fs: MemoryFileSystem,
    private readonly index: PortfolioIndex,
  ) {}

  announce(path: string, kind: 'changed' | 'deleted'): void {
    this.pending.set(path, kind);
  }

  async flush(): Promise<void> {
    const batch = [...this.pending];
    this.pending.clear();
    for (const [path, kind] of batch) {
      if (kind === 'deleted') {
        this.documents.delete(path);
        this.index.clearDocument(path);
        await this.index.remove(path);
      } else {
        await this.index.refresh(path);
      }
    }
  }

  async open(path: string, text: string): Promise<void> {
    await this.flush();
    // A nested portfolio (open since its config appeared) takes the document instead.
    if (await insideNestedPortfolio(this.fs, path)) return;
    this.documents.set(path, text);
    await this.index.setDocument(path, text);
  }

  async close(path: string): Promise<void> {
    await this.flush();
    this.documents.delete(path);
    this.index.clearDocument(path);
  }
}

async function insideNestedPortfolio(fs: MemoryFileSystem, path: string): Promise<boolean> {
  for (let folder = parentOf(path); folder.startsWith(`${ROOT}/`); folder = parentOf(folder)) {
    if ((await fs.stat(`${folder}/${CONFIG_FILE_NAME}`))?.type === 'file') return true;
  }
  return false;
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

/** The folders above `path` (inside the root) that do not exist yet, outermost first. */
async function missingFolders(fs: MemoryFileSystem, path: string): Promise<string[] | undefined> {
  const missing: string[] = [];
  for (let folder = parentOf(path); folder.startsWith(`${ROOT}/`); folder = parentOf(folder)) {
    const stat = await fs.stat(folder);
    if (stat?.type === 'file') return undefined; // A file stands where a folder would have to be.
    if (!stat) missing.unshift(folder);
  }
  return missing;
}

/** What a move takes along: every file below `path` with its text, and every folder (ending in `/`); or just the file at `path`. */
async function filesBelow(fs: MemoryFileSystem, path: string): Promise<Array<[string, string]>> {
  const stat = await fs.stat(path);
  if (stat?.type === 'file') return [[path, fs.text(path)]];
  if (!stat) return [];
  const found: Array<[string, string]> = [[`${path}/`, '']];
  for (const [name] of await fs.readDirectory(path)) found.push(...(await filesBelow(fs, `${path}/${name}`)));
  return found;
}

/** Applies one operation to the files and announces it as the watcher would. */
async function apply(fs: MemoryFileSystem, editor: Editor, op: Operation): Promise<void> {
  const announceCreated = async (path: string, announceFolders: boolean, create: () => void): Promise<boolean> => {
    const missing = await missingFolders(fs, path);
    if (!missing) return false;
    create();
    if (announceFolders) for (const folder of missing) editor.announce(folder, 'changed');
    editor.announce(path, 'changed');
    return true;
  };
  switch (op.kind) {
    case 'write': {
      const path = at(op.path);
      if ((await fs.stat(path))?.type === 'directory') return;
      await announceCreated(path, op.announceFolders, () => fs.write(path, contentFor(path, op.spec)));
      return;
    }
    case 'mkdir': {
      const path = at(op.path);
      if (await fs.stat(path)) return;
      await announceCreated(path, op.announceFolders, () => fs.mkdir(path));
      return;
    }
    case 'delete': {
      const path = at(op.path);
      if (!(await fs.stat(path))) return;
      fs.delete(path);
      editor.announce(path, 'deleted');
      return;
    }
    case 'rename': {
      const from = at(op.from);
      const to = at(op.to);
      if (!(await fs.stat(from)) || (await fs.stat(to)) || to.startsWith(`${from}/`)) return;
      const moving = await filesBelow(fs, from);
      const moved = await announceCreated(to, op.announceFolders, () => {
        fs.delete(from);
        for (const [path, text] of moving) {
          const target = to + path.slice(from.length);
          if (target.endsWith('/')) fs.mkdir(target.slice(0, -1));
          else fs.write(target, text);
        }
      });
      // A rename reaches the watcher as a deletion of the old path and a creation of the new.
      if (moved) editor.announce(from, 'deleted');
      return;
    }
    case 'moveIn': {
      // A folder moved in from outside the workspace: one creation event for the folder.
      const path = at(op.path);
      if (await fs.stat(path)) return;
      await announceCreated(path, op.announceFolders, () => {
        fs.mkdir(path);
        for (const [name, spec] of op.files) fs.write(`${path}/${name}`, contentFor(name, spec));
      });
      return;
    }
    case 'rootConfig': {
      const path = at(CONFIG_FILE_NAME);
      if (op.variant < 0) {
        if (!(await fs.stat(path))) return;
        fs.delete(path);
        editor.announce(path, 'deleted');
      } else {
        fs.write(path, ROOT_CONFIGS[op.variant]);
        editor.announce(path, 'changed');
      }
      return;
    }
    case 'open':
      await editor.open(at(op.path), markdown(op.spec));
      return;
    case 'close':
      await editor.close(at(op.path));
      return;
  }
}

/** Everything a user sees of an index: files, diagnostics, coverage and evidence per code. */
function snapshot(index: PortfolioIndex) {
  const references = (code: string) =>
    index
      .evidenceFor(code)
      .map((e) => ({ relativePath: e.relativePath, title: e.title, range: e.range }))
      .sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  const coverage = index.coverage();
  return {
    standard: index.portfolio && `${index.portfolio.standard.label} ${index.portfolio.option?.id ?? ''}`,
    files: index.allFiles().map((f) => ({ path: f.relativePath, isEvidence: f.isEvidence, claims: f.validClaims.map((c) => c.code) })),
    diagnostics: [...index.allDiagnostics()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, list]) => ({ path, diagnostics: list.map((d) => ({ code: d.code, range: d.range, message: d.message })) })),
    coverage: coverage && { summary: coverage.summary, covered: coverage.entries.filter((e) => e.evidenceCount > 0).map((e) => e.ksb.code) },
    evidence: CODES.map((code) => ({ code, references: references(code) })),
  };
}

async function freshScan(fs: MemoryFileSystem, documents: ReadonlyMap<string, string>): Promise<PortfolioIndex> {
  const index = new PortfolioIndex(fs, ROOT, OPTIONS);
  for (const [path, text] of documents) await index.setDocument(path, text);
  await index.load();
  return index;
}

describe('The incremental index against a fresh scan', () => {
  it('Should agree with a fresh scan after any sequence of file, folder and config events', async function () {
    this.timeout(60_000);
    await fc.assert(
      fc.asyncProperty(initialFiles, fc.array(step, { minLength: 1, maxLength: 14 }), async (initial, steps) => {
        const fs = new MemoryFileSystem({ [at(CONFIG_FILE_NAME)]: ROOT_CONFIGS[initial.config], '/outside.txt': 'outside' });
        for (const [path, spec] of initial.files) if (await missingFolders(fs, at(path))) fs.write(at(path), contentFor(path, spec));
        const index = new PortfolioIndex(fs, ROOT, OPTIONS);
        await index.load();
        const editor = new Editor(fs, index);
        for (const [number, { operation: op, flush }] of steps.entries()) {
          await apply(fs, editor, op);
          if (!flush && number < steps.length - 1) continue;
          await editor.flush();
          assert.deepEqual(snapshot(index), snapshot(await freshScan(fs, editor.documents)), `after step ${number + 1}`);
        }
      }),
      { seed: 20260914, numRuns: 300 },
    );
  });
});
