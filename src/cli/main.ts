import { accessSync, constants, existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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
  PortfolioIndex,
  summaryMarkdown,
  gatewayReport,
  hoursReport,
  ksbDataGaps,
  DEFAULT_STANDARDS_API,
  STANDARDS_API_ENV,
  type StandardsFetcher,
  type Catalogue,
  type StandardVersion,
} from '../core';
import { coverageJson, formatCheckGithub, formatCheckText, formatCoverageText, oneLine, toReported, withFolderPrefix, type ReportedDiagnostic } from './format';
import { assertCanInit, planInit, terminalAsk, writePortfolio, type Ask } from './initCommand';
import { formatCheckJunit, type CheckedFile } from './junit';
import { cliLatestToday, cliToday, formatGatewayText, formatHoursText, gatewayJson, hoursJson, runSignoff } from './lifecycleCommands';
import { runDiff } from './diffCommand';
import { describeType, NodeFileSystem, toPosix } from './nodeFileSystem';
import { outputTarget, writeFileSafely } from './safeWrite';
import { formatCheckSarif, type SarifTool } from './sarif';
import { addStandard, formatStandardList, listStandards } from './standardCommand';
import { nodeStandardsFetcher, standardsApiBase, standardsApiTimeout } from './standardsFetch';
import { assertReportRequest, runReport } from './reportCommand';
import { UsageError } from './usageError';

export { UsageError };

const USAGE = `Usage: ksb <command> [options]

Commands:
  check [dir...]         Check the portfolio in each dir (default: .) and list problems
  coverage [dir]         Show which KSBs have evidence and which have none (one portfolio)
  summary [dir]          Coverage and problems in Markdown, for a CI job summary or a PR comment
  report [dir]           The assessor's report: one self-contained HTML file with the KSB mapping
                         matrix (to stdout, or -o FILE); --pdf prints it to PDF with Chromium
  lookup CODE            Show a KSB's text, option and duties
  signoff FILE...        Sign evidence off as --by NAME in --role (apprentice, employer, mentor,
                         tutor), today: writes a sign-off with the digest of its claims and text
  hours [dir]            Off-the-job hours logged against the target, pro rata and by month
  gateway [dir]          The gateway readiness checklist: coverage, sign-off, hours, duration,
                         reviews, requirements, errors (exit 0 ready, 1 not ready)
  diff BASE [HEAD] [dir] What a change did to the portfolio in dir (default: .) between two git
                         revisions (HEAD default: the working tree): coverage, evidence, problems
  init [dir]             Start a portfolio in dir (default: .): portfolio.yaml, evidence/,
                         .gitignore; asks for what is missing when run in a terminal
  standard add REF       Fetch a standard (e.g. ST0116) from the public API into standards/
  standard add FILE.json Add a standard downloaded from the API by hand
  standard list [dir]    List the shipped standards and the portfolio's own

Options:
  --format FORMAT        Output format: text or json (check, coverage, standard list); check also
                         takes github (annotations), sarif (code scanning) and junit (test reports);
                         diff takes text, markdown or json; report takes html (default),
                         markdown or csv (the matrix alone)
  -o, --output FILE      Write the report in --format to FILE and print the text report too
                         (report prints nothing else)
  --pdf                  report: print the HTML to PDF (needs -o FILE.pdf and a local Chromium)
  --version V            Standard version for lookup, init and standard add (default: the
                         portfolio's, or the latest approved)
  --standard REF         Standard for lookup (default: the portfolio's, or ST0792) and init
  --option ID|TITLE      The apprentice's option, for init
  --apprentice NAME      The apprentice's name, for init
  --from FILE.json       init with a standard downloaded from the API by hand
  --ci github            init also writes a GitHub Actions workflow that runs ksb check
  --yes                  init asks nothing: defaults, or an error naming the missing flag
  --dir DIR              The portfolio standard add writes into (default: .)
  --force                standard add replaces a different file of the same name
  --by NAME              Who signs off, for signoff
  --role ROLE            The signer's role, for signoff: apprentice, employer, mentor or tutor
  --api URL              The standards API (default: $${STANDARDS_API_ENV}, else ${DEFAULT_STANDARDS_API})
  -h, --help             Show this help

Paths are relative to dir; with several dirs (and for github), each starts with its dir as
written; sarif and junit paths are relative to the repository's root (the folder holding .git).
A path with a colon, a leading quote or a control character is printed JSON-quoted.
Dates are judged against today's local date; set KSB_TODAY=YYYY-MM-DD to fix it.
Offline, download the standard's JSON in a browser from the API and run ksb standard add FILE.json.
Exit status: 0 no errors, 1 errors found (in any dir), 2 the command could not run and nothing
was checked (a missing dir or portfolio.yaml; coverage of a portfolio.yaml with errors). gateway
exits 0 ready, 1 not ready, 2 when it cannot run. diff
exits 1 when the change introduces errors, 2 when it cannot compare (not a git repository, an
unknown revision; a shallow clone needs its history: fetch-depth: 0).`;

/** The flags each command takes; any other is refused, so a misplaced flag is never silently ignored. */
const COMMAND_FLAGS: Readonly<Record<string, readonly string[]>> = {
  check: ['format', 'output'],
  coverage: ['format', 'output'],
  summary: ['format', 'output'],
  report: ['format', 'output', 'pdf'],
  lookup: ['version', 'standard'],
  signoff: ['by', 'role'],
  hours: ['format', 'output'],
  gateway: ['format', 'output'],
  // diff prints its report; `--output` would be silently ignored, so it is refused.
  diff: ['format'],
  init: ['standard', 'version', 'option', 'apprentice', 'from', 'ci', 'yes', 'api'],
  'standard add': ['version', 'dir', 'force', 'api'],
  'standard list': ['format'],
};

/** What the CLI reaches outside its arguments; tests replace parts of it. */
export interface CliEnvironment {
  readonly env: NodeJS.ProcessEnv;
  readonly fetcher?: StandardsFetcher;
  /** How init asks a question; `undefined` when stdin and stdout are not both terminals. */
  readonly ask?: Ask;
}

/** Runs the CLI with the given arguments; resolves to the exit status. */
export async function run(
  argv: readonly string[],
  write: (text: string) => void = (t) => process.stdout.write(t),
  environment: CliEnvironment = { env: process.env },
): Promise<number> {
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    tokens: true,
    options: {
      format: { type: 'string', default: 'text' },
      output: { type: 'string', short: 'o' },
      pdf: { type: 'boolean' },
      version: { type: 'string' },
      standard: { type: 'string' },
      option: { type: 'string' },
      apprentice: { type: 'string' },
      from: { type: 'string' },
      ci: { type: 'string' },
      yes: { type: 'boolean' },
      dir: { type: 'string' },
      force: { type: 'boolean' },
      api: { type: 'string' },
      by: { type: 'string' },
      role: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    write(`${USAGE}\n`);
    return command === undefined && !values.help ? 2 : 0;
  }
  const commandName = command === 'standard' && rest[0] !== undefined ? `standard ${rest[0]}` : command;
  const allowed = COMMAND_FLAGS[commandName];
  if (allowed) {
    const misplaced = tokens.find((t) => t.kind === 'option' && t.name !== 'help' && !allowed.includes(t.name));
    if (misplaced?.kind === 'option') throw new UsageError(`${commandName} takes no --${misplaced.name} (see ksb --help)`);
  }
  const format = values.format;
  // With --output, the report in --format goes to the file and the text report to the terminal.
  const report = async (formatted: string, asText: () => string) => {
    if (values.output === undefined) return write(formatted);
    await writeFileSafely(outputTarget(values.output), formatted);
    write(format === 'text' ? formatted : asText());
  };
  const today = cliToday(environment.env);
  const latestToday = cliLatestToday(environment.env);
  const days = { today: () => today, latestToday: () => latestToday };
  const loadPortfolio = (dir: string, options: IndexOptions = {}) => loadPortfolioOn(days, dir, options);
  const source = {
    base: () => {
      try {
        return standardsApiBase(values.api, environment.env);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    },
    fetcher: environment.fetcher ?? nodeStandardsFetcher({ timeoutMs: standardsApiTimeout(environment.env) }),
    today,
  };
  switch (command) {
    case 'check': {
      if (!CHECK_FORMATS.includes(format)) throw new UsageError(`unknown --format ${format}: expected ${CHECK_FORMATS.join(', ')}`);
      const dirs = distinctFolders(rest.length > 0 ? rest : ['.']);
      // Every folder is found before any is loaded, so exit 2 never comes with a partial report.
      for (const dir of dirs) assertPortfolioFolder(dir);
      const reported: ReportedDiagnostic[] = [];
      const checked: CheckedFile[] = [];
      let filesChecked = 0;
      for (const dir of dirs) {
        const index = await loadPortfolio(dir, { diagnosticsOnly: true });
        // One folder keeps the documented paths relative to it; several need their folder to stay
        // apart; annotations need a path from the current folder (the repository's root in CI) and
        // code scanning and test reports one from the repository's root.
        const prefix = format === 'sarif' || format === 'junit' ? repositoryPrefix(dir) : dirs.length > 1 || format === 'github' ? folderPrefix(dir) : '';
        for (const d of toReported(levelAll(index), index)) reported.push(withFolderPrefix(d, prefix));
        for (const file of index.allFiles()) checked.push({ file: prefix + file.relativePath, isEvidence: file.isEvidence });
        // Evidence, progress reviews and records are checked; other Markdown files are not.
        filesChecked += index.allFiles().filter((f) => f.role !== 'other').length;
      }
      const asText = () => formatCheckText(reported, filesChecked);
      if (format === 'json') await report(`${JSON.stringify({ diagnostics: reported }, null, 2)}\n`, asText);
      else if (format === 'github') await report(formatCheckGithub(reported), asText);
      else if (format === 'sarif') await report(formatCheckSarif(reported, sarifTool()), asText);
      else if (format === 'junit') await report(formatCheckJunit(reported, checked), asText);
      else await report(asText(), asText);
      return reported.some((d) => d.severity === 'error') ? 1 : 0;
    }
    case 'coverage': {
      if (!['text', 'json'].includes(format)) throw new UsageError(`unknown --format ${format}: expected text or json`);
      if (rest.length > 1) throw new UsageError(`coverage takes one folder, found ${rest.length}: run it once per portfolio`);
      const dir = rest[0] ?? '.';
      assertPortfolioFolder(dir);
      const index = await loadPortfolio(dir);
      const coverage = usableCoverage(index);
      const asText = () => formatCoverageText(coverage, process.stdout.columns || 100);
      await report(format === 'json' ? `${JSON.stringify(coverageJson(coverage), null, 2)}\n` : asText(), asText);
      return 0;
    }
    case 'summary': {
      if (format !== 'text' && format !== 'markdown') throw new UsageError(`unknown --format ${format}: summary writes markdown`);
      if (rest.length > 1) throw new UsageError(`summary takes one folder, found ${rest.length}: run it once per portfolio`);
      const dir = rest[0] ?? '.';
      assertPortfolioFolder(dir);
      const index = await loadPortfolio(dir);
      const problems = toReported(levelAll(index), index).map((d) => ({
        path: d.file,
        line: d.line,
        code: d.code,
        level: LEVEL_OF_SEVERITY[d.severity],
        message: d.message,
      }));
      const markdown = summaryMarkdown({
        coverage: index.coverage(),
        problems,
        evidenceFiles: index.allFiles().filter((f) => f.isEvidence).length,
        folder: repositoryPrefix(dir).replace(/\/$/, ''),
      });
      await report(markdown, () => markdown);
      return 0;
    }
    case 'report': {
      if (rest.length > 1) throw new UsageError(`report takes one folder, found ${rest.length}: run it once per portfolio`);
      // --format defaults to text for the other commands; the report's default is HTML.
      const reportFormat = tokens.some((t) => t.kind === 'option' && t.name === 'format') ? format : 'html';
      const request = { dir: rest[0] ?? '.', format: reportFormat, output: values.output, pdf: values.pdf ?? false, env: environment.env, today };
      await assertReportRequest(request);
      assertPortfolioFolder(request.dir);
      const index = await loadPortfolio(request.dir);
      usableCoverage(index);
      return runReport(index, request, write);
    }
    case 'lookup': {
      if (rest.length !== 1) throw new UsageError('lookup needs one code, e.g. `ksb lookup K24`');
      write(lookup(rest[0], await lookupStandard(values.standard, values.version)));
      return 0;
    }
    case 'init': {
      if (rest.length > 1) throw new UsageError(`init takes one folder, found ${rest.length}`);
      if (values.ci !== undefined && values.ci !== 'github') throw new UsageError(`unknown --ci ${oneLine(values.ci)}: expected github`);
      const dir = rest[0] ?? '.';
      assertCanInit(dir);
      const ask = values.yes ? undefined : environment.ask;
      const plan = await planInit(resolve(dir), values, ask, source);
      write(await writePortfolio(dir, plan, { ci: values.ci === 'github' ? 'github' : undefined, today, cliVersion: version() }));
      return 0;
    }
    case 'standard': {
      const [action, ...args] = rest;
      if (action === 'add') {
        if (args.length !== 1)
          throw new UsageError('standard add needs one reference or file, e.g. `ksb standard add ST0116` or `ksb standard add ST0116_1.1.json`');
        write(await addStandard(args[0], { dir: values.dir ?? '.', version: values.version, force: values.force ?? false, ...source }));
        return 0;
      }
      if (action === 'list') {
        if (!['text', 'json'].includes(format)) throw new UsageError(`unknown --format ${format}: expected text or json`);
        if (args.length > 1) throw new UsageError(`standard list takes one folder, found ${args.length}`);
        const list = await listStandards(args[0] ?? '.');
        write(format === 'json' ? `${JSON.stringify(list, null, 2)}\n` : formatStandardList(list));
        return 0;
      }
      throw new UsageError(`unknown \`standard ${oneLine(action ?? '')}\`: expected standard add or standard list`);
    }
    case 'signoff':
      write(await runSignoff(rest, { by: values.by, role: values.role, today }));
      return 0;
    case 'hours':
    case 'gateway': {
      if (!['text', 'json'].includes(format)) throw new UsageError(`unknown --format ${format}: expected text or json`);
      if (rest.length > 1) throw new UsageError(`${command} takes one folder, found ${rest.length}: run it once per portfolio`);
      const dir = rest[0] ?? '.';
      assertPortfolioFolder(dir);
      const index = await loadPortfolio(dir);
      // A portfolio.yaml with errors (a bad `start`, say) would give wrong hours and checks: refuse, as coverage does.
      usableCoverage(index);
      if (command === 'hours') {
        const hours = hoursReport(index, today);
        const asText = () => formatHoursText(hours, today);
        await report(format === 'json' ? `${JSON.stringify(hoursJson(hours, today), null, 2)}\n` : asText(), asText);
        return 0;
      }
      const gateway = gatewayReport(index, today);
      const asText = () => formatGatewayText(gateway, index, today);
      await report(format === 'json' ? `${JSON.stringify(gatewayJson(gateway), null, 2)}\n` : asText(), asText);
      return gateway.ready ? 0 : 1;
    }
    case 'diff':
      return runDiff(rest, format, write, days);
    default:
      throw new UsageError(
        `unknown command \`${command}\`: expected check, coverage, summary, report, diff, lookup, signoff, hours, gateway, init or standard (see ksb --help)`,
      );
  }
}

/** The core's level for each severity the CLI prints. */
const LEVEL_OF_SEVERITY = { error: 'error', warning: 'warning', info: 'information', hint: 'hint' } as const;

/** The formats `ksb check` writes. */
const CHECK_FORMATS = ['text', 'json', 'github', 'sarif', 'junit'];

/**
 * `dir`'s path from the root of the git repository holding it, with a trailing slash (empty at the
 * root), as code scanning and test reports resolve paths; the current folder's prefix outside git.
 */
function repositoryPrefix(dir: string): string {
  const absolute = resolve(dir);
  for (let folder = absolute; ; folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) {
      const inside = toPosix(relative(folder, absolute));
      return inside === '' ? '' : `${inside}/`;
    }
    if (dirname(folder) === folder) return folderPrefix(dir);
  }
}

/** What SARIF says about the tool: its version and pages, from package.json. */
function sarifTool(): SarifTool {
  const manifest = packageJson();
  const repository = String(manifest.repository?.url ?? '')
    .replace(/^git\+/, '')
    .replace(/\.git$/, '');
  const home = String(manifest.homepage ?? repository).replace(/#.*$/, '');
  return { version: String(manifest.version ?? 'unknown'), informationUri: home, rulesDocumentUri: `${repository || home}/blob/main/README.md` };
}

/**
 * The coverage of a loaded portfolio, or a UsageError: coverage of a config with errors (an
 * unknown option, say) would count the wrong KSBs, so it is refused, as check fails.
 */
function usableCoverage(index: PortfolioIndex) {
  const configPath = `${index.root}/${CONFIG_FILE_NAME}`;
  const configProblems = toReported(new Map([[configPath, applyLevels(index.diagnosticsFor(configPath))]]), index);
  const errors = configProblems.filter((d) => d.severity === 'error');
  const coverage = index.coverage();
  if (!coverage || errors.length > 0) {
    const problems = errors.length > 0 ? errors : configProblems;
    const reasons = problems.filter((p) => p.message.trim() !== '').map((p) => `${p.line}:${p.column} ${p.message}`);
    throw new UsageError(`${CONFIG_FILE_NAME} is not usable: ${oneLine(reasons.join('; ') || 'no standard could be resolved from it')}`);
  }
  return coverage;
}

/** Loads the portfolio in `dir`, which assertPortfolioFolder has found. */
async function loadPortfolioOn(days: Pick<IndexOptions, 'today' | 'latestToday'>, dir: string, options: IndexOptions): Promise<PortfolioIndex> {
  const index = new PortfolioIndex(new NodeFileSystem(), toPosix(resolve(dir)), { ...days, ...options });
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
  // lstat: a symbolic link is never followed, so it is answered the same wherever it leads (the core reports it).
  const config = lstatSync(configPath, { throwIfNoEntry: false });
  if (config?.isSymbolicLink()) return;
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
    if (versions.length === 0) {
      throw new UsageError(
        `unknown standard ${oneLine(ref)}: expected one of ${catalogue.references().join(', ')} (add others with \`ksb standard add REF\` in a portfolio)`,
      );
    }
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
  const lines = [
    `${ksb.code} (${kindTitle(ksb.kind)}, ${standard.label}: ${standard.title})`,
    '',
    ksb.text,
    '',
    `Option: ${standard.optionKnown(ksb) ? standard.optionLabel(ksb) : 'not known (it counts for every option)'}`,
  ];
  if (ksb.duties.length > 0) {
    lines.push('Duties:');
    for (const duty of ksb.duties) lines.push(`  ${duty.number}. ${duty.text}`);
  } else {
    lines.push('Duties: none listed in the standard');
  }
  if (standard.notApprovedForDelivery) lines.push(`Status: ${standard.status}${standard.endDate ? ` (latest start ${standard.endDate})` : ''}`);
  // The same words as hover, from the same notes.
  for (const gap of ksbDataGaps(standard, ksb)) lines.push(`Note: ${gap}`);
  if (standard.standardPageUrl) lines.push(`Standard page: ${standard.standardPageUrl}`);
  // A workspace standard's texts come from a file: keep each on its line.
  return `${lines.map(oneLine).join('\n')}\n`;
}

/** The tool's package.json, next to the bundle's folder; empty when it cannot be read. */
function packageJson(): { version?: string; homepage?: string; repository?: { url?: string } } {
  try {
    return JSON.parse(readFileSync(resolve(__dirname, '..', 'package.json'), 'utf8'));
  } catch {
    return {};
  }
}

function version(): string {
  return packageJson().version ?? 'unknown';
}

if (require.main === module) {
  if (process.argv.includes('--version') && process.argv.length === 3) {
    console.log(version());
  } else {
    const terminal = process.stdin.isTTY && process.stdout.isTTY ? terminalAsk() : undefined;
    run(process.argv.slice(2), undefined, { env: process.env, ask: terminal?.ask })
      .finally(() => terminal?.close())
      .then(
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
