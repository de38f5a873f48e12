// The two baselines that turn timings into ratios: the floor (read the bytes, parse nothing) and a
// naive peer built the common way (fast-glob + gray-matter, re-scanning everything on each change).
import fg from 'fast-glob';
import matter from 'gray-matter';
import { promises as fs, readdir, readdirSync, readFile, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { StandardVersion } from '../src/core';

/** Folders the floor skips, as the index does. */
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);
const MARKDOWN = /\.(md|markdown)$/i;

/** Files read at once by the floor: enough to keep the disk and libuv's pool busy. */
const FLOOR_CONCURRENCY = 64;

/**
 * The floor: walks the tree (skipping node_modules) and reads every Markdown file's bytes, with
 * no decoding and no parsing. Nothing that checks these files can be faster on this machine. It is
 * measured two ways, synchronous reads in a loop and a pool of asynchronous reads, and the faster
 * counts: which one wins depends on the machine's system call cost and its disk.
 */
export async function readFloor(root: string): Promise<{ files: number; bytes: number; syncMs: number; asyncMs: number }> {
  let start = performance.now();
  const sync = readFloorSync(root);
  const syncMs = performance.now() - start;
  start = performance.now();
  const pooled = await readFloorAsync(root);
  const asyncMs = performance.now() - start;
  if (sync.bytes !== pooled.bytes) throw new Error(`the floor read ${sync.bytes} bytes one way and ${pooled.bytes} the other`);
  return { ...sync, syncMs, asyncMs };
}

function readFloorSync(root: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) walk(join(folder, entry.name));
      } else if (MARKDOWN.test(entry.name)) {
        bytes += readFileSync(join(folder, entry.name)).length;
        files++;
      }
    }
  };
  walk(root);
  return { files, bytes };
}

async function readFloorAsync(root: string): Promise<{ files: number; bytes: number }> {
  const files: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries = await promisify(readdir)(folder, { withFileTypes: true });
    const subfolders: Promise<void>[] = [];
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) subfolders.push(walk(join(folder, entry.name)));
      } else if (MARKDOWN.test(entry.name)) files.push(join(folder, entry.name));
    }
    await Promise.all(subfolders);
  };
  await walk(root);
  let bytes = 0;
  let next = 0;
  const read = promisify(readFile);
  const worker = async () => {
    while (next < files.length) {
      const data = await read(files[next++]);
      bytes += data.length;
    }
  };
  await Promise.all(Array.from({ length: FLOOR_CONCURRENCY }, worker));
  return { files: files.length, bytes };
}

/**
 * Drops gray-matter's cache of every text it parsed, so the peer's leftovers do not sit in the
 * heap (and in every later garbage collection) while the core is being timed.
 */
export function forgetNaiveCache(): void {
  // clearCache exists at run time but is missing from gray-matter's type declarations.
  (matter as unknown as { clearCache(): void }).clearCache();
}

/** What the naive peer found. */
export interface NaiveResult {
  readonly files: number;
  readonly problems: number;
  readonly covered: number;
}

/**
 * The naive peer: globs the evidence, reads every file, parses it with gray-matter, checks the
 * claimed codes and the attachment links (one stat per link) and counts coverage. It keeps no
 * state, so each change costs a full re-scan.
 *
 * gray-matter keeps every text it has parsed in a cache keyed by content, so a re-scan after an
 * edit re-parses only the edited file; `freshParse` clears that cache first, as after a restart.
 */
export async function naiveScan(root: string, standard: StandardVersion, optionId: string, freshParse: boolean): Promise<NaiveResult> {
  if (freshParse) forgetNaiveCache();
  const files = await fg(['evidence/**/*.md'], { cwd: root, absolute: true, ignore: ['**/node_modules/**'] });
  // Read in chunks: one Promise.all over 50 000 files runs out of file descriptors (EMFILE).
  const texts: string[] = [];
  for (let i = 0; i < files.length; i += 256) texts.push(...(await Promise.all(files.slice(i, i + 256).map((file) => fs.readFile(file, 'utf8')))));
  const applicable = new Set(standard.applicableKsbs(optionId).map((ksb) => ksb.code));
  const coverage = new Map<string, string[]>();
  let problems = 0;
  for (let i = 0; i < files.length; i++) {
    let parsed: matter.GrayMatterFile<string>;
    try {
      parsed = matter(texts[i]);
    } catch {
      problems++; // YAML error
      continue;
    }
    const ksbs: unknown = parsed.data.ksbs;
    const codes = Array.isArray(ksbs) ? ksbs.map(String) : ksbs && typeof ksbs === 'object' ? Object.keys(ksbs) : [];
    if (codes.length === 0) problems++;
    const seen = new Set<string>();
    for (const code of codes) {
      if (seen.has(code) || !applicable.has(code)) problems++;
      else {
        seen.add(code);
        let list = coverage.get(code);
        if (!list) coverage.set(code, (list = []));
        list.push(files[i]);
      }
    }
    for (const match of parsed.content.matchAll(/!?\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)) {
      const url = match[1];
      if (/^[a-z][a-z0-9+.-]*:|^#|^\/\//i.test(url)) continue;
      const exists = await fs.stat(resolve(dirname(files[i]), decodeURIComponent(url.replace(/[?#].*$/, '')))).then(
        () => true,
        () => false,
      );
      if (!exists) problems++;
    }
  }
  return { files: files.length, problems, covered: coverage.size };
}
