import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { applyLevels, builtinCatalogue, canonicalCode, CONFIG_FILE_NAME, nearestCodes, PortfolioIndex, type Catalogue, type StandardVersion } from '../core';
import { coverageJson, formatCheckGithub, formatCheckText, formatCoverageText, toReported } from './format';
import { NodeFileSystem } from './nodeFileSystem';

const USAGE = `Usage: ksb <command> [options]

Commands:
  check [dir]            Check the portfolio in dir (default: .) and list problems
  coverage [dir]         Show which KSBs have evidence and which have none
  lookup CODE            Show a KSB's text, option and duties

Options:
  --format text|json     Output format for check and coverage (check also takes github)
  --version V            Standard version for lookup (default: the portfolio's, or the latest)
  --standard REF         Standard for lookup (default: the portfolio's, or ST0792)
  -h, --help             Show this help

Exit status: 0 no errors, 1 errors found, 2 the command could not run.`;

/** A failure the user can act on: printed as one line, never with a stack trace. */
class UsageError extends Error {}

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
      const dir = rest[0] ?? '.';
      const index = await loadPortfolio(dir);
      const reported = toReported(levelAll(index), index);
      if (format === 'json') write(`${JSON.stringify({ diagnostics: reported }, null, 2)}\n`);
      else if (format === 'github') write(formatCheckGithub(reported, dir));
      else write(formatCheckText(reported, index.allFiles().filter((f) => f.isEvidence).length));
      return reported.some((d) => d.severity === 'error') ? 1 : 0;
    }
    case 'coverage': {
      if (!['text', 'json'].includes(format)) throw new UsageError(`unknown --format ${format}: expected text or json`);
      const index = await loadPortfolio(rest[0] ?? '.');
      const coverage = index.coverage();
      if (!coverage) {
        const problems = toReported(levelAll(index), index).filter((d) => d.file === CONFIG_FILE_NAME);
        throw new UsageError(`${CONFIG_FILE_NAME} is not usable: ${problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('; ')}`);
      }
      write(format === 'json' ? `${JSON.stringify(coverageJson(coverage), null, 2)}\n` : formatCoverageText(coverage, process.stdout.columns || 100));
      return 0;
    }
    case 'lookup': {
      if (rest.length !== 1) throw new UsageError('lookup needs one code, e.g. `ksb lookup K24`');
      write(lookup(rest[0], await lookupStandard(values.standard, values.version)));
      return 0;
    }
    default:
      throw new UsageError(`unknown command \`${command}\`: expected check, coverage or lookup (see ksb --help)`);
  }
}

/** Finds and loads the portfolio in `dir`, or explains in one line why it cannot. */
async function loadPortfolio(dir: string): Promise<PortfolioIndex> {
  const absolute = resolve(dir);
  if (!existsSync(absolute)) throw new UsageError(`no such directory: ${dir}`);
  if (!statSync(absolute).isDirectory()) throw new UsageError(`not a directory: ${dir}`);
  if (!existsSync(resolve(absolute, CONFIG_FILE_NAME))) {
    throw new UsageError(`no ${CONFIG_FILE_NAME} in ${dir}: create one with \`standard: ST0792\` and \`option: production-coordinator\` (or post-production-coordinator)`);
  }
  const index = new PortfolioIndex(new NodeFileSystem(), toPosix(absolute));
  await index.load();
  return index;
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
  const ref = reference ?? configured?.standard ?? catalogue.references()[0];
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
  const kind = ksb.kind[0].toUpperCase() + ksb.kind.slice(1);
  const lines = [`${ksb.code} (${kind}, ${standard.label}: ${standard.title})`, '', ksb.text, '', `Option: ${standard.optionLabel(ksb)}`];
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
        const message = error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
        process.stderr.write(`ksb: ${message}\n`);
        process.exitCode = 2;
      },
    );
  }
}
