// `ksb import [dir]`: claims found in the forms apprentices already use (codes tagged in the body,
// a mapping table, a CSV, file names starting with a code), planned per file and, with --write,
// written into each file's front matter, one write per file, body untouched.
import { relative, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import {
  applyPlannedFile,
  DATA_FILE_READ_LIMIT,
  decodeText,
  MARKDOWN_READ_LIMIT,
  planImport,
  plural,
  type ImportFile,
  type ImportPlan,
  type ImportSources,
  type PortfolioIndex,
} from '../../core';
import { assertFormat } from '../formats';
import { formatJson, JSON_FORMAT } from '../formats/json';
import { TEXT_FORMAT } from '../formats/text';
import { toPosix } from '../nodeFileSystem';
import { loadUsablePortfolio } from '../portfolioFolder';
import { oneLine } from '../printable';
import { writeFileSafely } from '../safeWrite';
import { encodeText, hasUtf8Bom, readInputBytes, readInputText } from '../textFile';
import { UsageError } from '../usageError';
import type { Command } from './command';

const FORMATS = [TEXT_FORMAT.name, JSON_FORMAT.name];

/** `ksb import`. */
export const importCommand: Command = {
  name: 'import',
  usage: [
    {
      term: 'import [dir]',
      help: [
        'Plan claims from codes tagged in the text ([K2, S6], a **KSBs:** line),',
        'file names starting with a code, --table FILE.md or --csv FILE; --write',
        "adds them to each file's front matter",
      ],
    },
  ],
  flags: ['table', 'csv', 'write', 'format'],
  formats: FORMATS,
  async run({ args, flags, format, write, loadPortfolio }) {
    assertFormat(format, FORMATS);
    const { index } = await loadUsablePortfolio('import', args, loadPortfolio);
    const root = index.root;
    const sources: { table?: ImportSources['table']; csv?: ImportSources['csv'] } = {};
    if (flags.table !== undefined)
      sources.table = {
        path: insideRoot(root, flags.table, '--table'),
        text: readInputText(resolve(flags.table), `--table ${oneLine(flags.table)}`, MARKDOWN_READ_LIMIT),
      };
    if (flags.csv !== undefined) sources.csv = { path: insideRoot(root, flags.csv, '--csv'), rows: readCsv(flags.csv) };
    const { files, read } = readPortfolioFiles(index, sources.table?.path);
    const plan = planImport(files, index.portfolio!.standard, sources);
    const written: string[] = [];
    if (flags.write) {
      // Every file's new text is made before any is written, so a file that cannot take its claims leaves all untouched.
      const changes = [];
      for (const planned of plan.files) {
        if (planned.claims.length === 0) continue;
        const file = read.get(planned.path)!;
        const applied = applyPlannedFile(file.text, planned);
        if (!applied.ok) throw new UsageError(`cannot import into ${oneLine(planned.path)}: ${applied.reason}`);
        if (applied.text !== undefined) changes.push({ path: planned.path, bytes: encodeText(applied.text, file.bom) });
      }
      for (const change of changes) {
        await writeFileSafely({ root, path: `${root}/${change.path}`, label: oneLine(change.path) }, change.bytes);
        written.push(change.path);
      }
    }
    write(format === 'json' ? formatJson({ ...plan, written }) : importPlanText(plan, files.length, flags.write === true ? written : undefined));
    return 0;
  },
};

/** `file`'s path from the portfolio root; a UsageError for a file outside it. */
function insideRoot(root: string, file: string, flag: string): string {
  const path = toPosix(relative(root, toPosix(resolve(file))));
  if (path === '' || path.startsWith('../') || path === '..' || /^[a-z]:/i.test(path) || path.startsWith('/'))
    throw new UsageError(`${flag} ${oneLine(file)} is outside the portfolio: put it in the portfolio folder, where its links lead from`);
  return path;
}

/** The rows of a CSV file (header first), in UTF-8 with or without a BOM, CRLF or LF. */
function readCsv(file: string): string[][] {
  const label = `--csv ${oneLine(file)}`;
  const text = readInputText(resolve(file), label, DATA_FILE_READ_LIMIT);
  try {
    const rows: string[][] = parseCsv(text, { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true });
    return rows;
  } catch (error) {
    throw new UsageError(`cannot read ${label}: ${oneLine((error as Error).message)}`);
  }
}

/** Every Markdown file of the portfolio with its text and whether it had a BOM; files that cannot be read are left out (ksb check names them). */
function readPortfolioFiles(index: PortfolioIndex, tablePath: string | undefined) {
  const files: ImportFile[] = [];
  const read = new Map<string, { text: string; bom: boolean }>();
  for (const file of index.allFiles()) {
    if (file.analysis.unreadable) continue;
    let bytes: Uint8Array;
    try {
      bytes = readInputBytes(file.path, file.relativePath, MARKDOWN_READ_LIMIT);
    } catch {
      continue;
    }
    const decoded = decodeText(bytes);
    if (!decoded.ok) continue;
    read.set(file.relativePath, { text: decoded.text, bom: hasUtf8Bom(bytes) });
    files.push({
      path: file.relativePath,
      text: decoded.text,
      evidence: (file.role === 'evidence' || file.role === 'other') && file.relativePath !== tablePath,
    });
  }
  return { files, read };
}

/** The plan as text: per file the claims and justifications, then what was not mapped, then what to do next. */
function importPlanText(plan: ImportPlan, scanned: number, written: readonly string[] | undefined): string {
  const lines: string[] = [];
  const claims = plan.files.reduce((sum, file) => sum + file.claims.length, 0);
  const gaining = plan.files.filter((file) => file.claims.length > 0).length;
  for (const file of plan.files) {
    lines.push(oneLine(file.path));
    for (const claim of file.claims)
      lines.push(`  + ${claim.code}${claim.justification ? `: ${oneLine(claim.justification)}` : ''} (from the ${SOURCE_WORDS[claim.source]})`);
    if (file.alreadyClaimed.length > 0) lines.push(`  = already claims ${file.alreadyClaimed.join(', ')}`);
    for (const item of file.notMapped) lines.push(`  ! not mapped: ${oneLine(item.reason)} (${oneLine(item.where)})`);
    lines.push('');
  }
  if (plan.notMapped.length > 0) {
    lines.push('Not mapped:');
    for (const item of plan.notMapped) lines.push(`  ! ${oneLine(item.where)}: ${oneLine(item.reason)}`);
    lines.push('');
  }
  if (claims === 0)
    lines.push(
      `Nothing to claim: no new codes found in ${plural(scanned, 'Markdown file')} (tags such as [K2, S6], a **KSBs:** line, file names such as K7-evidence.md, --table or --csv)`,
    );
  else if (written === undefined) lines.push(`${plural(claims, 'claim')} to add to ${plural(gaining, 'file')}: run again with --write to add them`);
  else lines.push(`Added ${plural(claims, 'claim')} to ${plural(written.length, 'file')}: run ksb check to see the portfolio`);
  return `${lines.join('\n')}\n`;
}

const SOURCE_WORDS = { tag: 'text', table: 'table', csv: 'CSV', 'file-name': 'file name' } as const;
