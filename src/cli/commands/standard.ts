// `ksb standard add` and `ksb standard list`: standards from the public API, kept in a portfolio's
// `standards/` folder so it works offline afterwards. Fetching, choosing a version and preparing the
// file are the core's (catalogue/standardsApi.ts); reading the user's file safely and writing ours are here.
import { lstatSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  addStandardFile,
  API_SOURCE_KEY,
  builtinCatalogue,
  Catalogue,
  CONFIG_FILE_NAME,
  DATA_FILE_READ_LIMIT,
  formatBytes,
  decodeText,
  describeReadError,
  downloadStandard,
  isStandardFileName,
  normalizeReference,
  parseStandardFile,
  PortfolioIndex,
  plural,
  STANDARDS_FOLDER,
  type StandardDownload,
  type StandardVersion,
} from '../../core';
import { assertFormat } from '../formats';
import { formatJson, JSON_FORMAT } from '../formats/json';
import { formatStandardList, TEXT_FORMAT, type ListedStandard } from '../formats/text';
import { describeType, NodeFileSystem, toPosix } from '../nodeFileSystem';
import { oneLine } from '../printable';
import { checkWritable, writeFileSafely, type WriteTarget } from '../safeWrite';
import { STANDARDS_API_MAX_BYTES, type StandardSourceOptions } from '../standardsFetch';
import { UsageError } from '../usageError';
import type { Command } from './command';

/** `ksb standard add`. */
export const standardAddCommand: Command = {
  name: 'standard add',
  usage: [
    { term: 'standard add REF', help: ['Fetch a standard (e.g. ST0116) from the public API into standards/'] },
    { term: 'standard add FILE.json', help: ['Add a standard downloaded from the API by hand'] },
  ],
  flags: ['version', 'dir', 'force', 'api'],
  formats: [],
  async run({ args, flags, write, source }) {
    if (args.length !== 1)
      throw new UsageError('standard add needs one reference or file, e.g. `ksb standard add ST0116` or `ksb standard add ST0116_1.1.json`');
    write(await addStandard(args[0], { dir: flags.dir ?? '.', version: flags.version, force: flags.force ?? false, ...source }));
    return 0;
  },
};

const LIST_FORMATS = [TEXT_FORMAT.name, JSON_FORMAT.name];

/** `ksb standard list`. */
export const standardListCommand: Command = {
  name: 'standard list',
  usage: [{ term: 'standard list [dir]', help: ["List the shipped standards and the portfolio's own"] }],
  flags: ['format'],
  formats: LIST_FORMATS,
  async run({ args, format, write }) {
    assertFormat(format, LIST_FORMATS);
    if (args.length > 1) throw new UsageError(`standard list takes one folder, found ${args.length}`);
    const list = await listStandards(args[0] ?? '.');
    write(format === 'json' ? formatJson(list) : formatStandardList(list));
    return 0;
  },
};

/** Whether an argument names a standard (`ST0116`, any case) rather than a file; `./ST0116` is a file. */
export function isStandardReference(argument: string): boolean {
  return normalizeReference(argument) !== undefined && argument.trim() === argument;
}

/** Fetches `reference` from the API; a failure is a one-line UsageError that says how to get the file by hand. */
export async function fetchStandard(reference: string, version: string | undefined, source: StandardSourceOptions): Promise<StandardDownload> {
  const result = await downloadStandard(source.fetcher, source.base(), reference, version, source.today);
  if (!result.ok) throw new UsageError(oneLine(result.message));
  return result;
}

/** Reads a standard file the user downloaded, refusing folders, pipes, huge and binary files with one line. */
export function readDownloadedStandard(file: string, version: string | undefined, today: string): Promise<StandardDownload> {
  return readUserFile(file, 'a JSON file from the standards API').then((text) => {
    const result = addStandardFile(text, basename(file), today);
    if (!result.ok) throw new UsageError(oneLine(result.message));
    if (version !== undefined && result.standard.version !== version) {
      throw new UsageError(
        `Expected version ${version} in \`${oneLine(file)}\`, found ${result.standard.label}: download that version, or leave out --version`,
      );
    }
    return result;
  });
}

/** The text of a file the user named: a regular file under the size limit, decoded as text, or a one-line UsageError. */
async function readUserFile(file: string, expected: string): Promise<string> {
  const shown = oneLine(file);
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats) throw new UsageError(`no such file: ${shown}`);
  if (!stats.isFile()) throw new UsageError(`${shown} is not a file: expected ${expected}, found ${describeType(stats)}`);
  if (stats.size > STANDARDS_API_MAX_BYTES) {
    throw new UsageError(`${shown} is ${formatBytes(stats.size)}, over the ${formatBytes(STANDARDS_API_MAX_BYTES)} limit: expected ${expected}`);
  }
  let bytes: Uint8Array;
  try {
    // Non-blocking and type-checked on the open file: a pipe swapped in after the stat is still refused.
    bytes = await new NodeFileSystem().readFile(file, STANDARDS_API_MAX_BYTES + 1);
  } catch (error) {
    throw new UsageError(`cannot read ${shown}: ${oneLine(describeReadError(error))}`);
  }
  if (bytes.length > STANDARDS_API_MAX_BYTES) throw new UsageError(`${shown} grew past the ${formatBytes(STANDARDS_API_MAX_BYTES)} limit while being read`);
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new UsageError(`${shown}: ${decoded.reason}: expected ${expected}`);
  return decoded.text;
}

/** What writing a standard file did. */
export type WriteOutcome = 'written' | 'replaced' | 'unchanged';

/** A standard file checked and ready to be written (or left, when `unchanged`). */
export interface StandardWrite {
  readonly outcome: WriteOutcome;
  readonly target: WriteTarget;
  readonly contents: string;
}

/**
 * Checks writing a prepared standard into `root/standards/`, writing nothing: no link on the way
 * from `walkFrom` (default `root`). An existing file with the same standard data (only `$source`
 * differing) is `unchanged`; a different one is replaced only with `force`.
 */
export async function planStandardWrite(root: string, download: StandardDownload, force: boolean, walkFrom = root): Promise<StandardWrite> {
  // The core names the file from checked data; checked again here, where a path would do harm.
  if (!isStandardFileName(download.fileName)) throw new UsageError(`refusing to write a standard file named ${JSON.stringify(download.fileName)}`);
  const shown = `${STANDARDS_FOLDER}/${download.fileName}`;
  const target = await checkWritable({ root: walkFrom, path: join(root, STANDARDS_FOLDER, download.fileName), label: shown });
  if (download.contents.length > DATA_FILE_READ_LIMIT) {
    throw new UsageError(
      `${download.standard.label} is ${formatBytes(download.contents.length)}, over the ${formatBytes(DATA_FILE_READ_LIMIT)} a portfolio reads`,
    );
  }
  if (target.existing === undefined) return { outcome: 'written', target, contents: download.contents };
  const text = await readUserFile(target.path, 'a standard file').catch(() => undefined);
  if (text !== undefined && sameStandardData(text, download.contents)) return { outcome: 'unchanged', target, contents: download.contents };
  if (!force) throw new UsageError(`${shown} already exists with different contents: pass --force to replace it`);
  return { outcome: 'replaced', target, contents: download.contents };
}

/** Writes a checked standard file (written beside the target and renamed, so no half file is ever loaded). */
export async function writeStandardFile(write: StandardWrite): Promise<void> {
  if (write.outcome !== 'unchanged') await writeFileSafely(write.target, write.contents);
}

/** Whether two API files hold the same standard: everything but the `$source` record is equal. */
function sameStandardData(a: string, b: string): boolean {
  const withoutSource = (text: string) => {
    try {
      const json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Record<string, unknown>;
      delete json[API_SOURCE_KEY];
      return JSON.stringify(json);
    } catch {
      return undefined;
    }
  };
  const left = withoutSource(a);
  return left !== undefined && left === withoutSource(b);
}

/** The lines `ksb standard add` prints about a standard: what it is, its KSBs and options, where it came from and its gaps. */
export function describeStandard(standard: StandardVersion): string[] {
  const count = (kind: 'knowledge' | 'skill' | 'behaviour') => standard.ksbs.filter((k) => k.kind === kind).length;
  const status = standard.status
    ? `${standard.status}${standard.notApprovedForDelivery && standard.endDate ? ` (latest start ${standard.endDate})` : ''}`
    : 'not given';
  const options = standard.options.length > 0 ? standard.options.map((o) => `${o.id} (${o.title})`).join(', ') : 'none';
  const lines = [
    `  status: ${status}`,
    `  KSBs: ${count('knowledge')} knowledge, ${plural(count('skill'), 'skill')}, ${plural(count('behaviour'), 'behaviour')}`,
    `  options: ${options}`,
  ];
  const source = standard.sources[0];
  if (source?.url || source?.retrieved) lines.push(`  source: ${[source.url, source.retrieved && `retrieved ${source.retrieved}`].filter(Boolean).join(', ')}`);
  for (const note of standard.notes) lines.push(`  note: ${note.text}`);
  return lines.map(oneLine);
}

/** `ksb standard add REF|FILE.json`: fetches or reads the standard and writes it into the portfolio in `dir`. */
export async function addStandard(
  argument: string,
  options: { readonly dir: string; readonly version?: string; readonly force: boolean } & StandardSourceOptions,
): Promise<string> {
  const root = resolve(options.dir);
  const folder = statSync(root, { throwIfNoEntry: false });
  if (!folder?.isDirectory()) throw new UsageError(folder ? `not a directory: ${oneLine(options.dir)}` : `no such directory: ${oneLine(options.dir)}`);
  // The standards/ folder is only read next to a portfolio.yaml: one written anywhere else would quietly do nothing.
  if (!statSync(join(root, CONFIG_FILE_NAME), { throwIfNoEntry: false })) {
    throw new UsageError(
      `no ${CONFIG_FILE_NAME} in ${oneLine(options.dir)}: run \`ksb init ${isStandardReference(argument) ? `--standard ${argument}` : `--from ${oneLine(argument)}`}\` to start a portfolio with it, or pass --dir`,
    );
  }
  const download = isStandardReference(argument)
    ? await fetchStandard(argument, options.version, options)
    : await readDownloadedStandard(argument, options.version, options.today);
  const write = await planStandardWrite(root, download, options.force);
  await writeStandardFile(write);
  const { outcome } = write;
  const { standard } = download;
  const verb = { written: 'Wrote', replaced: 'Replaced', unchanged: 'Kept (same standard data)' }[outcome];
  const lines = [oneLine(`${verb} ${STANDARDS_FOLDER}/${download.fileName}: ${standard.label}, ${standard.title}`), ...describeStandard(standard)];
  lines.push(...(await usageHint(root, download)));
  return `${lines.join('\n')}\n`;
}

/** Whether the portfolio uses the added standard, and if not how to; a workspace file that shadows the new one is named. */
async function usageHint(root: string, { standard: added, fileName }: StandardDownload): Promise<string[]> {
  const index = new PortfolioIndex(new NodeFileSystem(), toPosix(root));
  await index.loadConfiguration();
  const loaded = index.standards.get(added.reference, added.version);
  const lines: string[] = [];
  // Files load in name order and a later one of the same version wins: say so rather than leave the user puzzled.
  if (loaded && loaded.origin !== `${STANDARDS_FOLDER}/${fileName}`) {
    lines.push(oneLine(`warning: ${loaded.origin} also holds ${added.label} and is the one the portfolio uses`));
  }
  const current = index.portfolio?.standard;
  if (current?.reference !== added.reference || current.version !== added.version) {
    lines.push(`To use it, set \`standard: ${added.reference}\` and \`version: "${added.version}"\` in ${CONFIG_FILE_NAME}.`);
  }
  return lines;
}

/** `ksb standard list [dir]`: the shipped standards and, when `dir` holds a portfolio, its own. */
export async function listStandards(dir: string): Promise<{ standards: ListedStandard[]; problems: string[] }> {
  const root = resolve(dir);
  const folder = statSync(root, { throwIfNoEntry: false });
  if (!folder?.isDirectory()) throw new UsageError(folder ? `not a directory: ${oneLine(dir)}` : `no such directory: ${oneLine(dir)}`);
  let catalogue: Catalogue = builtinCatalogue();
  const problems: string[] = [];
  if (statSync(join(root, CONFIG_FILE_NAME), { throwIfNoEntry: false })) {
    const index = new PortfolioIndex(new NodeFileSystem(), toPosix(root));
    await index.loadConfiguration();
    catalogue = index.standards;
    for (const [path, diagnostics] of index.allDiagnostics()) {
      if (path.endsWith(`/${CONFIG_FILE_NAME}`)) continue;
      const relative = path.startsWith(`${index.root}/`) ? path.slice(index.root.length + 1) : path;
      for (const d of diagnostics) problems.push(oneLine(`${relative}: not loaded: ${d.message}`));
    }
  } else {
    // Without a config the loader reads nothing, but standards added for a coming `ksb init` are worth showing.
    catalogue = await readStandardsFolder(root, problems);
  }
  const shipped = new Set(builtinCatalogue().all());
  const standards = catalogue
    .all()
    .sort((a, b) => a.reference.localeCompare(b.reference))
    .map((s) => ({ reference: s.reference, version: s.version, title: s.title, status: s.status ?? null, from: shipped.has(s) ? 'shipped' : s.origin }));
  return { standards, problems };
}

/** The shipped standards plus the readable standard files in `root/standards/`, for a folder with no portfolio.yaml yet. */
export async function readStandardsFolder(root: string, problems: string[] = []): Promise<Catalogue> {
  const catalogue = builtinCatalogue().clone();
  const folder = join(root, STANDARDS_FOLDER);
  const stats = lstatSync(folder, { throwIfNoEntry: false });
  if (!stats?.isDirectory()) return catalogue;
  const fs = new NodeFileSystem();
  const entries = await fs.readDirectory(toPosix(folder));
  for (const [name, type, flag] of entries.sort(([a], [b]) => a.localeCompare(b))) {
    if (!/\.(ya?ml|json)$/i.test(name) || type !== 'file' || flag !== undefined) continue;
    const relative = `${STANDARDS_FOLDER}/${name}`;
    try {
      const text = await readUserFile(join(folder, name), 'a standard file');
      const parsed = parseStandardFile(text, relative);
      if (parsed.ok) catalogue.add(parsed.standard);
      else problems.push(oneLine(`${relative}: not loaded: ${parsed.problems[0].message}`));
    } catch (error) {
      problems.push(oneLine(`${relative}: not loaded: ${error instanceof Error ? error.message : String(error)}`));
    }
  }
  return catalogue;
}
