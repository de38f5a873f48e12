import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import {
  applyLevels,
  describeReadError,
  builtinCatalogue,
  type IndexOptions,
  canonicalCode,
  CONFIG_FILE_NAME,
  defaultStandard,
  kindTitle,
  nearestCodes,
  today,
  PortfolioIndex,
  type Catalogue,
  type StandardVersion,
} from '../core';
import { coverageJson, formatCheckGithub, formatCheckText, formatCoverageText, oneLine, toReported, type ReportedDiagnostic } from './format';
import { describeType, NodeFileSystem } from './nodeFileSystem';
import { DiffUsageError, runDiff } from './diffCommand';

const USAGE = `Usage: ksb <command> [options]

Commands:
  check [dir...]         Check the portfolio in each dir (default: .) and list problems
  coverage [dir]         Show which KSBs have evidence and which have none (one portfolio)
  lookup CODE            Show a KSB's text, option and duties
  diff BASE [HEAD] [dir] What a change did to the portfolio in dir (default: .) between two git
                         revisions (HEAD default: the working tree): coverage, evidence, problems

Options:
  --format text|json     Output format for check and coverage (check also takes github, diff
                         takes text, markdown or json)
  --version V            Standard version for lookup (default: the portfolio's, or the latest)
  --standard REF         Standard for lookup (default: the portfolio's, or ST0792)
  -h, --help             Show this help

Paths are relative to dir; with several dirs (and for github), each starts with its dir as
written. A path with a colon, a leading quote or a control character is printed JSON-quoted.
Exit status: 0 no errors, 1 errors found (in any dir), 2 the command could not run and nothing
was checked (a missing dir or portfolio.yaml; coverage of a portfolio.yaml with errors). diff
exits 1 when the change introduces errors, 2 when it cannot compare (not a git repository, an
unknown revision; a shallow clone needs its history: fetch-depth: 0).`;

/** A failure the user can act on: printed as one line, never with a stack trace. */
export class UsageError extends Error {}

/** Runs the CLI with the given arguments; resolves to the exit status. */
export async function run(argv: readonly string[], write: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      version: { type: 'string' },
      standard: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    write(`${USAGE}\n`);
    return command === undefined && !values.help ? 2 : 0;
  }
  const format = values.format;
  switch (command) {
    case 'check': {
      if (!['text', 'json', 'github'].includes(format)) throw new UsageError(`unknown --format ${format}: expected text, json or github`);
      const dirs = distinctFolders(rest.length > 0 ? rest : ['.']);
      // Every folder is found before any is loaded, so exit 2 never comes with a partial report.
      for (const dir of dirs) assertPortfolioFolder(dir);
      const reported: ReportedDiagnostic[] = [];
      let filesChecked = 0;
      for (const dir of dirs) {
        const index = await loadPortfolio(dir, { diagnosticsOnly: true });
        // One folder keeps the documented paths relative to it; several need their folder to stay
        // apart, and annotations need a path from the current folder (the repository's root in CI).
        const prefix = dirs.length > 1 || format === 'github' ? folderPrefix(dir) : '';
        for (const d of toReported(levelAll(index), index)) reported.push(prefix ? { ...d, file: prefix + d.file } : d);
        filesChecked += index.allFiles().filter((f) => f.isEvidence).length;
      }
      if (format === 'json') write(`${JSON.stringify({ diagnostics: reported }, null, 2)}\n`);
      else if (format === 'github') write(formatCheckGithub(reported));
      else write(formatCheckText(reported, filesChecked));
      return reported.some((d) => d.severity === 'error') ? 1 : 0;
    }
    case 'coverage': {
      if (!['text', 'json'].includes(format)) throw new UsageError(`unknown --format ${format}: expected text or json`);
      if (rest.length > 1) throw new UsageError(`coverage takes one folder, found ${rest.length}: run it once per portfolio`);
      const dir = rest[0] ?? '.';
      assertPortfolioFolder(dir);
      const index = await loadPortfolio(dir);
      // Coverage of a config with errors (an unknown option, say) would count the wrong KSBs: refuse, as check fails.
      const configPath = `${index.root}/${CONFIG_FILE_NAME}`;
      const configProblems = toReported(new Map([[configPath, applyLevels(index.diagnosticsFor(configPath))]]), index);
      const errors = configProblems.filter((d) => d.severity === 'error');
      const coverage = index.coverage();
      if (!coverage || errors.length > 0) {
        const problems = errors.length > 0 ? errors : configProblems;
        const reasons = problems.filter((p) => p.message.trim() !== '').map((p) => `${p.line}:${p.column} ${p.message}`);
        throw new UsageError(`${CONFIG_FILE_NAME} is not usable: ${oneLine(reasons.join('; ') || 'no standard could be resolved from it')}`);
      }
      write(format === 'json' ? `${JSON.stringify(coverageJson(coverage), null, 2)}\n` : formatCoverageText(coverage, process.stdout.columns || 100));
      return 0;
    }
    case 'lookup': {
      if (rest.length !== 1) throw new UsageError('lookup needs one code, e.g. `ksb lookup K24`');
      write(lookup(rest[0], await lookupStandard(values.standard, values.version)));
      return 0;
    }
    case 'diff':
      try {
        return await runDiff(rest, format, write);
      } catch (error) {
        throw error instanceof DiffUsageError ? new UsageError(error.message) : error;
      }
    default:
      throw new UsageError(`unknown command \`${command}\`: expected check, coverage, lookup or diff (see ksb --help)`);
  }
}

/** Loads the portfolio in `dir`, which assertPortfolioFolder has found. */
async function loadPortfolio(dir: string, options: IndexOptions = {}): Promise<PortfolioIndex> {
  const index = new PortfolioIndex(new NodeFileSystem(), toPosix(resolve(dir)), { today: () => today(), ...options });
  await index.load();
  return index;
}

/** Throws a one-line UsageError unless `dir` is a folder with a readable `portfolio.yaml` file. */
function assertPortfolioFolder(dir: string): void {
  const absolute = resolve(dir);
  const folder = statSync(absolute, { throwIfNoEntry: false });
  if (!folder) throw new UsageError(`no such directory: ${dir}`);
  if (!folder.isDirectory()) throw new UsageError(`not a directory: ${dir}`);
  const configPath = resolve(absolute, CONFIG_FILE_NAME);
  const config = statSync(configPath, { throwIfNoEntry: false });
  if (!config) {
    throw new UsageError(
      `no ${CONFIG_FILE_NAME} in ${dir}: create one with \`standard: ST0792\` and \`option: production-coordinator\` (or post-production-coordinator)`,
    );
  }
  // A folder, FIFO or device named portfolio.yaml is no config: reading it would find nothing, block or never end.
  if (!config.isFile()) throw new UsageError(`${CONFIG_FILE_NAME} in ${dir} is not a file: expected a YAML file, found ${describeType(config)}`);
  try {
    accessSync(configPath, constants.R_OK);
  } catch (error) {
    throw new UsageError(`cannot read ${CONFIG_FILE_NAME} in ${dir}: ${describeReadError(error)}`);
  }
}

/** The folders as written, each once: `a` and `./a/` name one portfolio, checked (and reported) once. */
function distinctFolders(dirs: readonly string[]): string[] {
  const seen = new Set<string>();
  return dirs.filter((dir) => {
    const absolute = resolve(dir);
    if (seen.has(absolute)) return false;
    seen.add(absolute);
    return true;
  });
}

/** `dir` as written, with `/` separators and one trailing slash; `.` adds nothing. */
function folderPrefix(dir: string): string {
  const posix = toPosix(dir);
  const trimmed = posix.replace(/\/+$/, '');
  if (trimmed === '.' || (trimmed === '' && posix === '')) return '';
  return `${trimmed}/`;
}

function levelAll(index: PortfolioIndex) {
  const result = new Map<string, ReturnType<typeof applyLevels>>();
  for (const [path, diagnostics] of index.allDiagnostics()) {
    const leveled = applyLevels(diagnostics);
    if (leveled.length > 0) result.set(path, leveled);
  }
  return result;
}

/** The standard version lookup reads: flags first, then ./portfolio.yaml, then the latest shipped. */
async function lookupStandard(reference: string | undefined, version: string | undefined): Promise<StandardVersion> {
  let catalogue: Catalogue = builtinCatalogue();
  let configured: { standard: string; version?: string } | undefined;
  if (existsSync(CONFIG_FILE_NAME)) {
    // The config and its standards only: a lookup needs no evidence file.
    const index = new PortfolioIndex(new NodeFileSystem(), toPosix(resolve('.')));
    await index.loadConfiguration();
    catalogue = index.standards;
    if (index.portfolio) configured = { standard: index.portfolio.standard.reference, version: index.portfolio.standard.version };
  }
  const ref = reference ?? configured?.standard ?? defaultStandard(catalogue)?.reference ?? '';
  const wantedVersion = version ?? (reference === undefined ? configured?.version : undefined);
  const standard = catalogue.get(ref, wantedVersion);
  if (!standard) {
    const versions = catalogue.versions(ref);
    if (versions.length === 0) throw new UsageError(`unknown standard ${ref}: expected one of ${catalogue.references().join(', ')}`);
    throw new UsageError(`unknown version ${wantedVersion} of ${ref}: expected one of ${versions.map((v) => v.version).join(', ')}`);
  }
  return standard;
}

function lookup(written: string, standard: StandardVersion): string {
  const code = canonicalCode(written) ?? written;
  const ksb = standard.ksb(code);
  if (!ksb) {
    const nearest = nearestCodes(standard, written).map((k) => k.code);
    const hint = nearest.length > 0 ? `; nearest: ${nearest.join(', ')}` : '';
    throw new UsageError(`${standard.label} has no ${code} (it has ${standard.codeRanges()})${hint}`);
  }
  const lines = [`${ksb.code} (${kindTitle(ksb.kind)}, ${standard.label}: ${standard.title})`, '', ksb.text, '', `Option: ${standard.optionLabel(ksb)}`];
  if (ksb.duties.length > 0) {
    lines.push('Duties:');
    for (const duty of ksb.duties) lines.push(`  ${duty.number}. ${duty.text}`);
  } else {
    lines.push('Duties: none listed in the standard');
  }
  return `${lines.join('\n')}\n`;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function version(): string {
  try {
    return JSON.parse(readFileSync(resolve(__dirname, '..', 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

if (require.main === module) {
  if (process.argv.includes('--version') && process.argv.length === 3) {
    console.log(version());
  } else {
    run(process.argv.slice(2)).then(
      (status) => (process.exitCode = status),
      (error: unknown) => {
        const message =
          error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
            ? error.message
            : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
        process.stderr.write(`ksb: ${message}\n`);
        process.exitCode = 2;
      },
    );
  }
}
