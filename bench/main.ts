// `npm run bench`: generates the synthetic portfolios, measures the core, the CLI, the baselines,
// memory and bundle sizes in one run, prints a table and writes bench-results/latest.json.
// `node out/bench/bench.js --child MODE ROOT` is the same file run as a measured child process;
// `node out/bench/bench.js --diff-only` measures only the `ksb diff` rows, `--report-only` the `ksb report` ones, `--export-only` the `ksb export` ones,
// `--signoff-only` the sign-off verification row, `--cohort-only [200|500]` the `ksb cohort` ones, `--cold-only` the bundle sizes and the core's cold loads up to 10 000 files (to compare two builds quickly).
import { spawn, spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { NodeFileSystem } from '../src/cli/nodeFileSystem';
import { findChromium } from '../src/cli/reportPdf';
import { launchChromium } from './launchChromium';
import { builtinCatalogue, PortfolioIndex, type StandardVersion } from '../src/core';
import { forgetNaiveCache, naiveScan, readFloor } from './baselines';
import { measureActivation } from './editor';
import { DIFF_CHANGES, ensureDiffRepository, type DiffRepository } from './diffRepository';
import { ensureSignoffRepository, SIGNED_FILES, type SignoffRepository } from './signoffRepository';
import { ensurePortfolio, GENERATOR_VERSION, PROBLEM_KINDS, type GeneratedPortfolio } from './generate';
import { completeAt, hoverAt, LANGUAGE_FEATURES_SOURCE, openDocument } from './languageFeatures';
import { collectGarbage, median, p95, sample, timed } from './measure';
import { formatMarkdown, formatTable, writeResults, type BenchResults, type Row } from './report';

const repoRoot = resolve(__dirname, '..', '..');
const cacheDir = join(repoRoot, '.cache', 'bench');
const resultsPath = join(repoRoot, 'bench-results', 'latest.json');
const SEED = Number(process.env.KSB_BENCH_SEED ?? 20260101);
const OPTION = 'production-coordinator';

/** Portfolio sizes; the largest is only loaded in child processes, for cold load and memory. */
const SIZES = [100, 1_000, 10_000, 50_000] as const;
/** Repetitions of each cold load per size: enough for a stable median within the time budget. */
const COLD_RUNS: Record<number, number> = { 100: 15, 1_000: 9, 10_000: 5, 50_000: 2 };
const CLI_RUNS: Record<number, number> = { 100: 7, 1_000: 5, 10_000: 3, 50_000: 1 };
/** Rounds of `ksb check`, `ksb diff` of two revisions and `ksb diff` against the working tree, interleaved. */
const DIFF_RUNS = 5;
const INCREMENTAL_RUNS = 41;
const NAIVE_RESCAN_RUNS = 5;
const FEATURE_RUNS = 3_000;

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** The core's cold load: a new index over the folder, every diagnostic and the coverage. */
async function coreColdLoad(root: string) {
  const index = new PortfolioIndex(new NodeFileSystem(), root);
  await index.load();
  const diagnostics = index.allDiagnostics();
  const coverage = index.coverage();
  return { index, diagnostics, coverage };
}

// ---------------------------------------------------------------------------------------------
// Child mode: one measurement in a fresh process, reporting its time and peak RSS as JSON.

async function runChild(mode: string, root: string): Promise<void> {
  const catalogue = builtinCatalogue();
  const standard = catalogue.get('ST0792', '1.2')!;
  const { value, ms } = await timed(async () => {
    if (mode === 'core') {
      const { index, diagnostics, coverage } = await coreColdLoad(root);
      // A function, so counting the files (allFiles() sorts them) stays out of the timing.
      return () => ({ files: index.allFiles().length, diagnosticFiles: diagnostics.size, covered: coverage?.summary.covered });
    }
    if (mode === 'check') {
      // What `ksb check` keeps: diagnostics only, each file forgotten once checked.
      const index = new PortfolioIndex(new NodeFileSystem(), root, { diagnosticsOnly: true });
      await index.load();
      const diagnostics = index.allDiagnostics();
      return () => ({ files: index.allFiles().length, diagnosticFiles: diagnostics.size });
    }
    if (mode === 'naive') return naiveScan(root, standard, OPTION, true);
    if (mode === 'floor') return readFloor(root);
    return {}; // idle: what node and the bench bundle take on their own
  });
  const maxRssKB = process.resourceUsage().maxRSS;
  process.stdout.write(JSON.stringify({ ms, maxRssKB, result: typeof value === 'function' ? value() : value }));
}

function spawnChild(mode: string, root: string): Promise<{ ms: number; maxRssKB: number; result: Record<string, unknown> }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [__filename, '--child', mode, root], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => (status === 0 ? resolvePromise(JSON.parse(out)) : reject(new Error(`child ${mode} exited with ${status}`))));
  });
}

/** Runs `node dist/cli.js check --format json DIR` and times it from spawn to exit. */
async function runCli(root: string): Promise<{ ms: number; outputBytes: number }> {
  // 1 means "errors found", which the planted problems guarantee; 2 means the CLI failed.
  const { ms, output } = await timeCli(['check', '--format', 'json', root], 1);
  return { ms, outputBytes: output.length };
}

/** Runs `node dist/cli.js ARGS`, timed from spawn to exit, and rejects unless it exits with `expectedStatus`. */
function timeCli(args: readonly string[], expectedStatus: number, cwd?: string): Promise<{ ms: number; output: Buffer }> {
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [join(repoRoot, 'dist', 'cli.js'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      const ms = performance.now() - start;
      if (status !== expectedStatus) reject(new Error(`ksb ${args[0]} exited with ${status}: ${errors.trim()}`));
      else resolvePromise({ ms, output: Buffer.concat(chunks) });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The cohort: many small portfolios against one large one of the same number of files.

/** The cohorts measured: portfolios × files, and the single portfolio of as many files each is compared with. */
const COHORTS = [
  { portfolios: 200, files: 50 },
  { portfolios: 500, files: 100 },
] as const;
const COHORT_ROUNDS: Record<number, number> = { 200: 3, 500: 1 };
/** The most memory the 500-portfolio run may take. */
const COHORT_RSS_LIMIT_MB = 500;

/** A folder of `portfolios` copies of one generated portfolio of `files` files, made once under the cache. */
function ensureCohort(portfolios: number, files: number): string {
  const root = join(cacheDir, `cohort-v${GENERATOR_VERSION}-seed${SEED}-${portfolios}x${files}`);
  const marker = join(root, '.complete');
  if (existsSync(marker)) return root;
  rmSync(root, { recursive: true, force: true });
  const one = ensurePortfolio(cacheDir, files, SEED, log);
  for (let i = 0; i < portfolios; i++) cpSync(one.root, join(root, `apprentice-${String(i).padStart(3, '0')}`), { recursive: true });
  writeFileSync(marker, '');
  log(`made a cohort of ${portfolios} × ${files} files in ${root}`);
  return root;
}

/**
 * The cohort's files as one portfolio: every apprentice's folder under one `portfolio.yaml`, theirs
 * removed. The cohort is timed against a check of this, so that both read the same bytes (each
 * generated apprentice carries a 300 KB file, which a generated 10 000-file portfolio has once) and
 * the ratio is what a cohort costs over its files: a config, a standard and an index per portfolio.
 */
function ensureCohortAsOne(cohort: string, portfolios: number, files: number): string {
  const root = `${cohort}-as-one`;
  const marker = join(root, '.complete');
  if (existsSync(marker)) return root;
  rmSync(root, { recursive: true, force: true });
  cpSync(cohort, root, { recursive: true });
  for (const apprentice of readdirSync(root)) if (apprentice.startsWith('apprentice-')) rmSync(join(root, apprentice, 'portfolio.yaml'));
  rmSync(join(root, '.complete'), { force: true });
  writeFileSync(
    join(root, 'portfolio.yaml'),
    `# ${portfolios} apprentices' ${files}-file portfolios as one, for bench/main.ts; do not edit.\nstandard: ST0792\nversion: "1.2"\noption: production-coordinator\napprentice: Bench Apprentice\nevidence: ["apprentice-*/evidence/**/*.md"]\n`,
  );
  writeFileSync(marker, '');
  log(`made the cohort of ${portfolios} × ${files} files as one portfolio in ${root}`);
  return root;
}

/** `command` under `/usr/bin/time`, for the whole process's peak memory (worker threads included), in MB. */
function peakRssMb(args: readonly string[]): number | undefined {
  const result = spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, join(repoRoot, 'dist', 'cli.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const kb = /maxrss=(\d+)/.exec(result.stderr ?? '')?.[1];
  return kb === undefined ? undefined : Number(kb) / 1024;
}

/**
 * `ksb cohort` of each cohort against one cold `ksb check` of a portfolio of the same number of files,
 * alternating in each round so that a busy machine slows both alike; and the larger run's peak memory.
 */
async function cohortRuns(figures: Figures, which: readonly (typeof COHORTS)[number][] = COHORTS): Promise<void> {
  for (const { portfolios, files } of which) {
    const cohort = ensureCohort(portfolios, files);
    const single = ensureCohortAsOne(cohort, portfolios, files);
    const against = portfolios * files;
    const rounds = COHORT_ROUNDS[portfolios];
    log(`ksb cohort of ${portfolios} × ${files} against ksb check of ${against} files: ${rounds} round${rounds === 1 ? '' : 's'}`);
    const check: number[] = [];
    const run: number[] = [];
    for (let i = 0; i < rounds; i++) {
      check.push((await timeCli(['check', '--format', 'json', single], 1)).ms);
      run.push((await timeCli(['cohort', '--format', 'json', cohort], 0)).ms);
    }
    figures.samples[`cohort.${portfolios}x${files}`] = { cohort: run, check };
    const ratio = median(run) / median(check);
    figures.rows.push({
      id: `cohort.${portfolios}x${files}`,
      figure: `ksb cohort, ${portfolios} portfolios × ${files} files`,
      value: ratio,
      unit: 'x',
      note: `${(median(run) / 1000).toFixed(1)} s against ${(median(check) / 1000).toFixed(1)} s for ksb check of the same ${n(against)} files as one portfolio; ${rounds} round${rounds === 1 ? '' : 's'}`,
      target: '≤ 1.3× one check',
      pass: ratio <= 1.3,
    });
    if (portfolios === 500) {
      const rss = peakRssMb(['cohort', '--format', 'json', cohort]);
      figures.rows.push({
        id: 'rss.cohort.500',
        figure: `peak RSS, ksb cohort of ${portfolios} portfolios`,
        value: rss,
        unit: 'MB',
        note: 'the whole process, worker threads included (/usr/bin/time)',
        target: `≤ ${COHORT_RSS_LIMIT_MB} MB`,
        pass: rss === undefined ? undefined : rss <= COHORT_RSS_LIMIT_MB,
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Correctness: the benchmark must time the right work, so check what the core found.

function checkCoreResult(portfolio: GeneratedPortfolio, index: PortfolioIndex): string[] {
  const problems: string[] = [];
  const files = index.allFiles();
  // Notes and READMEs outside the evidence globs are read but not indexed.
  if (files.length !== portfolio.evidenceCount + 1) problems.push(`indexed ${files.length} Markdown files, expected ${portfolio.evidenceCount + 1}`);
  if (files.some((f) => f.path.includes('/node_modules/'))) problems.push('indexed a file inside node_modules/');
  const evidence = files.filter((f) => f.isEvidence).length;
  if (evidence !== portfolio.evidenceCount + 1) problems.push(`found ${evidence} evidence files, expected ${portfolio.evidenceCount + 1}`);
  for (const kind of PROBLEM_KINDS) {
    for (const relative of portfolio.problems[kind]) {
      const codes = index.diagnosticsFor(join(portfolio.root, relative)).map((d) => d.code as string);
      if (!codes.includes(kind)) problems.push(`${relative}: expected ${kind}, found ${codes.join(', ') || 'nothing'}`);
    }
  }
  const large = index.diagnosticsFor(join(portfolio.root, portfolio.largeFile));
  if (large.length > 0) problems.push(`${portfolio.largeFile}: expected no problems, found ${large.map((d) => d.code).join(', ')}`);
  return problems;
}

// ---------------------------------------------------------------------------------------------

interface Figures {
  rows: Row[];
  samples: Record<string, unknown>;
}

async function coldLoads(
  portfolios: Map<number, GeneratedPortfolio>,
  standard: StandardVersion,
  figures: Figures,
  sizes: readonly number[] = SIZES,
): Promise<Map<number, { core: number; floor: number }>> {
  const medians = new Map<number, { core: number; floor: number }>();
  // Warm the JIT on a small portfolio so the first timed size is not charged for compiling the core.
  for (let i = 0; i < 3; i++) await coreColdLoad(portfolios.get(100)!.root);
  for (const size of sizes) {
    const portfolio = portfolios.get(size)!;
    const runs = COLD_RUNS[size];
    log(`cold load, ${size} files: ${runs} rounds of floor, core, naive peer${size === 50_000 ? ' (core and peer in child processes)' : ''}`);
    const floor: number[] = [];
    const floorWays: Array<{ sync: number; async: number }> = [];
    const core: number[] = [];
    const coreCpu: number[] = [];
    const naive: number[] = [];
    const rss: number[] = [];
    // Interleaved rounds, so a noisy moment hits every contender rather than one.
    for (let round = 0; round < runs; round++) {
      collectGarbage();
      const read = await readFloor(portfolio.root);
      floor.push(Math.min(read.syncMs, read.asyncMs));
      floorWays.push({ sync: read.syncMs, async: read.asyncMs });
      if (size === 50_000) {
        const child = await spawnChild('core', portfolio.root);
        core.push(child.ms);
        rss.push(child.maxRssKB);
        if (round === 0) naive.push((await spawnChild('naive', portfolio.root)).ms);
      } else {
        collectGarbage();
        const cpuBefore = process.cpuUsage();
        const { value, ms } = await timed(() => coreColdLoad(portfolio.root));
        const cpuUsed = process.cpuUsage(cpuBefore);
        core.push(ms);
        // CPU time (all threads, user + system) moves less than wall time when others load the machine.
        coreCpu.push((cpuUsed.user + cpuUsed.system) / 1000);
        if (round === 0) {
          const problems = checkCoreResult(portfolio, value.index);
          if (problems.length > 0) throw new Error(`the core's result for ${size} files is wrong:\n  ${problems.slice(0, 10).join('\n  ')}`);
        }
        collectGarbage();
        naive.push((await timed(() => naiveScan(portfolio.root, standard, OPTION, true))).ms);
        forgetNaiveCache();
      }
    }
    const m = { core: median(core), floor: median(floor), naive: median(naive) };
    medians.set(size, m);
    log(`  medians: floor ${m.floor.toFixed(1)} ms, core ${m.core.toFixed(1)} ms, naive ${m.naive.toFixed(1)} ms`);
    figures.samples[`cold-load.core.${size}`] = core;
    figures.samples[`cold-load.floor.${size}`] = floor;
    figures.samples[`cold-load.floor-ways.${size}`] = floorWays;
    if (coreCpu.length > 0) figures.samples[`cold-load.core-cpu.${size}`] = coreCpu;
    figures.samples[`cold-load.naive.${size}`] = naive;
    if (rss.length > 0) figures.samples[`rss.core.${size}.children`] = rss;
    const ratio = m.core / m.floor;
    const is10k = size === 10_000;
    figures.rows.push({
      id: `cold-load.core.${size}`,
      figure: `cold load, core, ${n(size)} files`,
      value: m.core,
      unit: 'ms',
      note: `${ratio.toFixed(1)}× floor (${m.floor.toFixed(0)} ms); naive peer ${m.naive.toFixed(0)} ms${coreCpu.length > 0 ? `; CPU ${median(coreCpu).toFixed(0)} ms` : '; child process'}; ${runs} run${runs === 1 ? '' : 's'}`,
      ...(is10k ? { target: '≤ 1 000 ms and ≤ 3× floor', pass: m.core <= 1000 && ratio <= 3 } : {}),
    });
  }
  return medians;
}

/** The public API snapshot beside the repository (its README there); the row is skipped without it. */
const SNAPSHOT_DIR = resolve(repoRoot, '..', 'shared', 'standards-api');
const SNAPSHOT_RUNS = 3;

/**
 * A portfolio whose `standards/` folder holds the whole API snapshot (1,793 files): how long the
 * config and every standard take to load, in-process, as `ksb standard list` and each check pay.
 */
async function standardsSnapshot(figures: Figures): Promise<void> {
  const id = 'standards.snapshot-folder';
  const figure = 'config load, a standards/ folder of the whole API snapshot';
  if (!existsSync(SNAPSHOT_DIR)) {
    log(`standards snapshot: ${SNAPSHOT_DIR} not found, skipped`);
    figures.rows.push({ id, figure, value: undefined, unit: 'ms', note: `skipped: no snapshot at ${SNAPSHOT_DIR}` });
    return;
  }
  const root = join(cacheDir, 'standards-snapshot');
  const standards = join(root, 'standards');
  const wanted = readdirSync(SNAPSHOT_DIR).filter((name) => name.endsWith('.json')).length;
  if (!existsSync(standards) || readdirSync(standards).length !== wanted) {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    cpSync(SNAPSHOT_DIR, standards, { recursive: true, filter: (source) => !source.endsWith('README.md') });
  }
  writeFileSync(join(root, 'portfolio.yaml'), 'standard: ST0116\nversion: "1.1"\n');
  log(`standards snapshot: ${wanted} files, ${SNAPSHOT_RUNS} runs`);
  const times: number[] = [];
  let loaded = 0;
  for (let i = 0; i < SNAPSHOT_RUNS; i++) {
    collectGarbage();
    const { value, ms } = await timed(async () => {
      const index = new PortfolioIndex(new NodeFileSystem(), root);
      await index.loadConfiguration();
      return index.standards.all().length;
    });
    times.push(ms);
    loaded = value;
  }
  figures.samples[id] = times;
  figures.rows.push({
    id,
    figure,
    value: median(times),
    unit: 'ms',
    note: `${wanted} files, ${loaded} versions loaded; ${SNAPSHOT_RUNS} runs`,
    target: '≤ 5 000 ms',
    pass: median(times) <= 5_000,
  });
}

async function cliLoads(portfolios: Map<number, GeneratedPortfolio>, figures: Figures, coreMedians: Map<number, { core: number }>): Promise<void> {
  for (const size of SIZES) {
    const runs = CLI_RUNS[size];
    log(`CLI check --format json, ${size} files: ${runs} runs`);
    const times: number[] = [];
    let outputBytes = 0;
    for (let i = 0; i < runs; i++) {
      const result = await runCli(portfolios.get(size)!.root);
      times.push(result.ms);
      outputBytes = result.outputBytes;
    }
    figures.samples[`cold-load.cli.${size}`] = times;
    const m = median(times);
    figures.rows.push({
      id: `cold-load.cli.${size}`,
      figure: `cold load, CLI, ${n(size)} files`,
      value: m,
      unit: 'ms',
      note: `node start + load + JSON (${(outputBytes / 1024).toFixed(0)} KB); core alone ${coreMedians.get(size)!.core.toFixed(0)} ms; ${runs} run${runs === 1 ? '' : 's'}`,
    });
  }
}

/** Rounds of the sign-off verification row: a check with and one without verify-signoffs each. */
const SIGNOFF_RUNS = 5;

/**
 * `ksb check` of 1 000 files signed off in git under `verify-signoffs: commits` (each sign-off
 * traced through one walk of the history) against one cold check of the same files with `off`, in
 * the same round.
 */
async function signoffRuns(repository: SignoffRepository, figures: Figures): Promise<void> {
  log(`ksb check, ${SIGNED_FILES} signed files verified by git: ${SIGNOFF_RUNS} rounds`);
  const plain: number[] = [];
  const verified: number[] = [];
  for (let round = 0; round < SIGNOFF_RUNS; round++) {
    plain.push((await timeCli(['check', '--format', 'json', '.'], 0, repository.plain)).ms);
    const result = await timeCli(['check', '--format', 'json', '.'], 0, repository.verified);
    verified.push(result.ms);
    // Every sign-off verified: an error would mean the row timed a failure, not the work.
    if (round === 0 && result.output.toString('utf8').includes('signoff.unverified')) throw new Error('the benchmark sign-offs did not verify');
  }
  figures.samples['signoff.verify.1000'] = verified;
  const ratio = median(verified.map((ms, i) => ms / plain[i]));
  figures.rows.push({
    id: 'signoff.verify.1000',
    figure: `ksb check verifying ${n(SIGNED_FILES)} signed files by git (verify-signoffs: commits)`,
    value: median(verified),
    unit: 'ms',
    note: `${ratio.toFixed(2)}× one cold ksb check of them with verify-signoffs off (median ${median(plain).toFixed(0)} ms, same rounds); ${SIGNOFF_RUNS} runs`,
    target: '≤ 2× one cold ksb check',
    pass: ratio <= 2,
  });
}

/**
 * `ksb diff` of two revisions 50 evidence files apart (in the checkout of the head, which reads
 * the head from disk, and in one of the base, which reads it from git's objects) and of the base
 * against the working tree, each against one cold `ksb check` of the same folder in the same round.
 */
async function diffRuns(repository: DiffRepository, figures: Figures): Promise<void> {
  log(`ksb diff, ${repository.changedFiles} files changed in 10 000: ${DIFF_RUNS} rounds of check and three kinds of diff`);
  const check: number[] = [];
  const revisions: number[] = [];
  const workingTree: number[] = [];
  const fromObjects: number[] = [];
  const diffArgs = ['diff', repository.base, repository.head, '.', '--format', 'json'];
  for (let round = 0; round < DIFF_RUNS; round++) {
    check.push((await timeCli(['check', '--format', 'json', '.'], 1, repository.root)).ms);
    const diff = await timeCli(diffArgs, 0, repository.root);
    revisions.push(diff.ms);
    workingTree.push((await timeCli(['diff', repository.base, '--format', 'json'], 0, repository.root)).ms);
    const objects = await timeCli(diffArgs, 0, repository.baseCheckout);
    fromObjects.push(objects.ms);
    if (round === 0) {
      checkDiffResult(JSON.parse(diff.output.toString('utf8')));
      checkDiffResult(JSON.parse(objects.output.toString('utf8')));
    }
  }
  figures.samples['diff.check.10000'] = check;
  figures.samples['diff.revisions.10000'] = revisions;
  figures.samples['diff.working-tree.10000'] = workingTree;
  figures.samples['diff.revisions-from-objects.10000'] = fromObjects;
  // Each round's ratio, so a busy moment slows both sides of it rather than one figure.
  const ratio = (times: number[]) => median(times.map((ms, i) => ms / check[i]));
  for (const [id, what, times] of [
    ['diff.revisions.10000', 'two revisions, head checked out', revisions],
    ['diff.working-tree.10000', 'base against the working tree', workingTree],
    ['diff.revisions-from-objects.10000', "two revisions, head read from git's objects", fromObjects],
  ] as const) {
    figures.rows.push({
      id,
      figure: `ksb diff, ${what}, 10 000 files, ${repository.changedFiles} changed`,
      value: median(times),
      unit: 'ms',
      note: `${ratio(times).toFixed(2)}× one cold ksb check (median ${median(check).toFixed(0)} ms, same rounds); ${DIFF_RUNS} runs`,
      target: '≤ 2× one cold ksb check',
      pass: ratio(times) <= 2,
    });
  }
}

/**
 * The largest HTML report of a 10 000-file portfolio: 2.5 KB an evidence file (its matrix row,
 * printed parts, KSB list entries and index row). Past this, the page costs the browser more than
 * its size says; below it, the open time is what any page of that size costs (measured below).
 */
const REPORT_SIZE_LIMIT_MB = 25;

/**
 * `ksb report` of the 10 000-file portfolio to a file, against one cold `ksb check` of it in the
 * same round; the HTML's size; and, when Chromium is here, how long it takes to open the report
 * of 1 000 files, and that of 10 000 against a plain page of the same size.
 */
async function reportRuns(portfolios: ReadonlyMap<number, GeneratedPortfolio>, figures: Figures): Promise<void> {
  const portfolio = portfolios.get(10_000)!;
  log(`ksb report, 10 000 files: ${DIFF_RUNS} rounds of check and report`);
  const out = join(cacheDir, 'report-10000.html');
  const check: number[] = [];
  const report: number[] = [];
  for (let round = 0; round < DIFF_RUNS; round++) {
    check.push((await timeCli(['check', '--format', 'json', portfolio.root], 1)).ms);
    report.push((await timeCli(['report', portfolio.root, '-o', out], 0)).ms);
  }
  const html = readFileSync(out, 'utf8');
  const rows = (
    html
      .slice(html.indexOf('id="mapping-matrix"'))
      .split('</table>')[0]
      .match(/<tr><th scope="row">/g) ?? []
  ).length;
  // The generator's count leaves out its one large evidence file.
  if (rows < portfolio.evidenceCount) throw new Error(`expected at least ${portfolio.evidenceCount} matrix rows in the report, found ${rows}`);
  figures.samples['report.check.10000'] = check;
  figures.samples['report.html.10000'] = report;
  const ratio = median(report.map((ms, i) => ms / check[i]));
  figures.rows.push({
    id: 'report.html.10000',
    figure: 'ksb report (HTML to a file), 10 000 files',
    value: median(report),
    unit: 'ms',
    note: `${ratio.toFixed(2)}× one cold ksb check (median ${median(check).toFixed(0)} ms, same rounds); ${DIFF_RUNS} runs`,
    target: '≤ 2× one cold ksb check',
    pass: ratio <= 2,
  });
  const bytes = statSync(out).size;
  figures.rows.push({
    id: 'report.size.10000',
    figure: 'report size, HTML, 10 000 files',
    value: bytes / 2 ** 20,
    unit: 'MB',
    note: `${rows} matrix rows, ${(bytes / rows / 1024).toFixed(2)} KB a file; gzip ${(gzipSync(html).length / 2 ** 20).toFixed(1)} MB`,
    target: `≤ ${REPORT_SIZE_LIMIT_MB} MB`,
    pass: bytes / 2 ** 20 <= REPORT_SIZE_LIMIT_MB,
  });
  const small = join(cacheDir, 'report-1000.html');
  await timeCli(['report', portfolios.get(1_000)!.root, '-o', small], 0);
  figures.rows.push(...(await browserOpen(small, out, bytes)));
}

/**
 * `ksb export` against one cold `ksb check` of the same portfolio, round by round: the sample
 * (11 evidence files with attachments) and the generated 1 000-file portfolio.
 */
async function exportRuns(portfolio1k: GeneratedPortfolio, figures: Figures): Promise<void> {
  const sample = join(repoRoot, 'examples', 'sample-portfolio');
  for (const [id, label, root] of [
    ['export.sample', 'the sample portfolio', sample],
    ['export.1000', '1 000 files', portfolio1k.root],
  ] as const) {
    log(`ksb export, ${label}: ${DIFF_RUNS} rounds of check and export`);
    const out = join(cacheDir, `${id}.zip`);
    const check: number[] = [];
    const pack: number[] = [];
    for (let round = 0; round < DIFF_RUNS; round++) {
      check.push((await timeCli(['check', '--format', 'json', root], 1)).ms);
      pack.push((await timeCli(['export', root, '-o', out], 0)).ms);
    }
    figures.samples[`${id}.check`] = check;
    figures.samples[id] = pack;
    const ratio = median(pack.map((ms, i) => ms / check[i]));
    figures.rows.push({
      id,
      figure: `ksb export (the submission pack), ${label}`,
      value: median(pack),
      unit: 'ms',
      note: `${ratio.toFixed(2)}× one cold ksb check (median ${median(check).toFixed(0)} ms, same rounds); ZIP ${(statSync(out).size / 2 ** 20).toFixed(1)} MB; ${DIFF_RUNS} runs`,
      target: '≤ 3× one cold ksb check',
      pass: ratio <= 3,
    });
  }
}

/** Chromium's time to open a report (navigation, load event, a full layout), median of 3. */
async function openTime(browser: Awaited<ReturnType<typeof launchChromium>>, file: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const page = await browser.newPage();
    const start = performance.now();
    await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 300_000 });
    await page.evaluate(() => (globalThis as unknown as { document: { body: { scrollHeight: number } } }).document.body.scrollHeight);
    times.push(performance.now() - start);
    await page.close();
  }
  return median(times);
}

/** The open times: the 1 000-file report, and the 10 000-file one against a plain page of its size. */
async function browserOpen(small: string, large: string, largeBytes: number): Promise<Row[]> {
  const rows = [
    { id: 'report.browser-open.1000', figure: 'report opened in Chromium, 1 000 files', unit: 'ms', target: '≤ 3 000 ms' },
    { id: 'report.browser-open.10000', figure: 'report opened in Chromium, 10 000 files', unit: 'x', target: '≤ 1.5× a plain page its size' },
  ] as const;
  if (!findChromium()) return rows.map((row) => ({ ...row, value: undefined, note: 'Chromium not found' }));
  // A page of paragraphs as large as the report: what any page of that size costs this machine.
  const plain = join(cacheDir, 'plain-page.html');
  const line = '<p>A line of plain text, as long as a row of the report, to weigh the page.</p>\n';
  writeFileSync(plain, `<!DOCTYPE html><body>${line.repeat(Math.ceil(largeBytes / line.length))}`);
  const browser = await launchChromium();
  try {
    const smallMs = await openTime(browser, small);
    const largeMs = await openTime(browser, large);
    const plainMs = await openTime(browser, plain);
    return [
      {
        ...rows[0],
        value: smallMs,
        note: `${(statSync(small).size / 1024).toFixed(0)} KB; navigation to load event and a full layout; 3 runs`,
        pass: smallMs <= 3_000,
      },
      {
        ...rows[1],
        value: largeMs / plainMs,
        note: `${largeMs.toFixed(0)} ms against ${plainMs.toFixed(0)} ms for the plain page; 3 runs each`,
        pass: largeMs / plainMs <= 1.5,
      },
    ];
  } finally {
    await browser.close();
  }
}

/** The diff must report the planted changes, or the benchmark times the wrong work. */
function checkDiffResult(report: {
  evidence: { added: unknown[]; removed: unknown[]; changed: Array<{ previousFile: string | null }> };
  problems: { introduced: unknown[]; fixed: unknown[] };
}): void {
  const { added, removed, changed } = report.evidence;
  const renamed = changed.filter((c) => c.previousFile !== null).length;
  const found = {
    added: added.length,
    removed: removed.length,
    renamed,
    changed: changed.length,
    problems: report.problems.introduced.length + report.problems.fixed.length,
  };
  const expected = {
    added: DIFF_CHANGES.added,
    removed: DIFF_CHANGES.removed,
    renamed: DIFF_CHANGES.renamedUnchanged + DIFF_CHANGES.renamedEdited,
    changed: DIFF_CHANGES.claimsEdited + DIFF_CHANGES.renamedUnchanged + DIFF_CHANGES.renamedEdited,
    problems: 0,
  };
  if (JSON.stringify(found) !== JSON.stringify(expected)) throw new Error(`ksb diff found ${JSON.stringify(found)}, expected ${JSON.stringify(expected)}`);
}

async function incremental(portfolio: GeneratedPortfolio, standard: StandardVersion, figures: Figures): Promise<PortfolioIndex> {
  log(
    `incremental update in ${portfolio.evidenceCount} files: ${INCREMENTAL_RUNS} saved edits, ${INCREMENTAL_RUNS} unsaved edits, ${NAIVE_RESCAN_RUNS} naive re-scans`,
  );
  const { index } = await coreColdLoad(portfolio.root);
  const path = join(portfolio.root, portfolio.editFile);
  const original = readFileSync(path, 'utf8');
  const originalStat = statSync(path);
  // The edit changes the claims, so both the file's diagnostics and the coverage must move.
  const edited = original.replace(/^ksbs:[\s\S]*?(?=^---)/m, 'ksbs: [K1, S1, B1, K24]\n');
  if (edited === original) throw new Error(`could not edit the claims of ${portfolio.editFile}`);
  const versions = [edited, original];
  const expectClaims = (text: string) => (text === edited ? 3 : undefined);
  const saved: number[] = [];
  /** The share of `saved` spent in coverage(), to tell the two costs apart. */
  const savedCoverage: number[] = [];
  const unsaved: number[] = [];
  try {
    for (let i = 0; i < INCREMENTAL_RUNS + 2; i++) {
      const text = versions[i % 2];
      writeFileSync(path, text);
      const mtime = new Date(originalStat.mtimeMs + (i + 1) * 1000);
      utimesSync(path, mtime, mtime);
      await pause();
      const update = await timed(async () => {
        await index.refresh(path);
        return index.diagnosticsFor(path);
      });
      const coverage = await timed(() => index.coverage());
      if (i >= 2) {
        // the first two warm the refresh path
        saved.push(update.ms + coverage.ms);
        savedCoverage.push(coverage.ms);
      }
      const expected = expectClaims(text);
      if (expected !== undefined && index.file(path)?.validClaims.length !== expected) throw new Error('refresh did not pick up the edit');
    }
    for (let i = 0; i < INCREMENTAL_RUNS + 2; i++) {
      const text = versions[i % 2];
      await pause();
      const { ms } = await timed(async () => {
        await index.setDocument(path, text);
        index.diagnosticsFor(path);
        return index.coverage();
      });
      if (i >= 2) unsaved.push(ms);
    }
    index.clearDocument(path);
  } finally {
    writeFileSync(path, original);
    utimesSync(path, originalStat.atime, originalStat.mtime);
  }
  // The naive peer has no state: every change costs it a full re-scan. gray-matter's own content
  // cache is left on, as the common way uses it, so unchanged files are not parsed again.
  await naiveScan(portfolio.root, standard, OPTION, true);
  const rescans: number[] = [];
  for (let i = 0; i < NAIVE_RESCAN_RUNS; i++) {
    writeFileSync(path, versions[i % 2]);
    collectGarbage();
    rescans.push((await timed(() => naiveScan(portfolio.root, standard, OPTION, false))).ms);
  }
  writeFileSync(path, original);
  utimesSync(path, originalStat.atime, originalStat.mtime);
  forgetNaiveCache();

  figures.samples['incremental.saved.10000'] = saved;
  figures.samples['incremental.saved.coverage-share.10000'] = savedCoverage;
  figures.samples['incremental.unsaved.10000'] = unsaved;
  figures.samples['incremental.naive-rescan.10000'] = rescans;
  const m = median(saved);
  const peer = median(rescans);
  figures.rows.push(
    {
      id: 'incremental.saved.10000',
      figure: `incremental update, file saved, ${n(portfolio.evidenceCount)} files`,
      value: m,
      unit: 'ms',
      note: `p95 ${p95(saved).toFixed(2)} ms, of which coverage() ${median(savedCoverage).toFixed(2)} ms; naive re-scan ${peer.toFixed(0)} ms = ${(peer / m).toFixed(0)}× slower`,
      target: '≤ 5 ms and ≥ 100× faster than re-scan',
      pass: m <= 5 && peer / m >= 100,
    },
    {
      id: 'incremental.unsaved.10000',
      figure: `incremental update, unsaved text, ${n(portfolio.evidenceCount)} files`,
      value: median(unsaved),
      unit: 'ms',
      note: `p95 ${p95(unsaved).toFixed(2)} ms (setDocument; the editor's path while typing)`,
    },
  );
  return index;
}

/**
 * The gap between two timed edits, as between keystrokes or saves. No forced collection here: a
 * full collection just before a millisecond-sized sample leaves sweeping work that the sample
 * then pays for, which no real edit does.
 */
function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}

async function editorFeatures(portfolio: GeneratedPortfolio, index: PortfolioIndex, figures: Figures): Promise<void> {
  log(`completion and hover in ${portfolio.largeFile}, ${portfolio.evidenceCount} files indexed: ${FEATURE_RUNS} requests each`);
  const path = join(portfolio.root, portfolio.largeFile);
  const document = openDocument(readFileSync(path, 'utf8'));
  const fenceLine = document.lines.indexOf('---', 1);
  // Hover on the 20th claimed code; complete on a new `  K` line typed at the end of the claims.
  const claimLines = document.lines.map((line, number) => (/^ {2}[KSB]\d+:/.test(line) ? number : -1)).filter((n) => n >= 0);
  const hoverPosition = { line: claimLines[19], character: 3 };
  const typed = openDocument([...document.lines.slice(0, fenceLine), '  K', ...document.lines.slice(fenceLine)].join('\n'));
  const completionPosition = { line: fenceLine, character: 3 };
  const hover = hoverAt(index, document, hoverPosition);
  if (!hover?.markdown.includes('evidence files claim')) throw new Error(`hover found no evidence at line ${hoverPosition.line + 1}: ${hover?.markdown}`);
  const completion = completeAt(index, path, typed, completionPosition);
  if (!completion || completion.items.length === 0) throw new Error('completion offered nothing in ksbs');
  const hovers = await sample(FEATURE_RUNS, () => hoverAt(index, document, hoverPosition), 300, false);
  const completions = await sample(FEATURE_RUNS, () => completeAt(index, path, typed, completionPosition), 300, false);
  figures.samples['completion.large-file'] = summary(completions);
  figures.samples['hover.large-file'] = summary(hovers);
  const where = `${document.lines.length} lines, ${claimLines.length} claims`;
  const evidence = /(\d+) evidence files claim/.exec(hover.markdown)?.[1];
  for (const [id, note, times] of [
    ['completion', `${where}; ${completion.items.length} items`, completions],
    ['hover', `${where}; lists 10 of ${evidence} evidence files`, hovers],
  ] as const) {
    figures.rows.push({
      id: `${id}.large-file.p95`,
      figure: `${id} latency, p95 (median ${median(times).toFixed(3)} ms)`,
      value: p95(times),
      unit: 'ms',
      note,
      target: '≤ 1 ms',
      pass: p95(times) <= 1,
    });
  }
}

async function memory(portfolios: Map<number, GeneratedPortfolio>, figures: Figures, rss50k: number[]): Promise<void> {
  log('peak RSS: child processes for the core at 10 000 and 50 000 files, ksb check, the naive peer and an idle node');
  const idle = await spawnChild('idle', portfolios.get(100)!.root);
  const core10k = await spawnChild('core', portfolios.get(10_000)!.root);
  const core50k = rss50k.length > 0 ? Math.max(...rss50k) : (await spawnChild('core', portfolios.get(50_000)!.root)).maxRssKB;
  const naive50k = await spawnChild('naive', portfolios.get(50_000)!.root);
  const check50k = await spawnChild('check', portfolios.get(50_000)!.root);
  const mb = (kb: number) => kb / 1024;
  figures.samples.rss = {
    idleKB: idle.maxRssKB,
    core10kKB: core10k.maxRssKB,
    core50kKB: core50k,
    naive50kKB: naive50k.maxRssKB,
    check50kKB: check50k.maxRssKB,
  };
  figures.rows.push(
    {
      id: 'rss.core.10000',
      figure: 'peak RSS, core, 10 000 files',
      value: mb(core10k.maxRssKB),
      unit: 'MB',
      note: `idle node ${mb(idle.maxRssKB).toFixed(0)} MB`,
    },
    {
      id: 'rss.core.50000',
      figure: 'peak RSS, core, 50 000 files',
      value: mb(core50k),
      unit: 'MB',
      note: `naive peer ${mb(naive50k.maxRssKB).toFixed(0)} MB`,
      target: '≤ 400 MB',
      pass: mb(core50k) <= 400,
    },
    {
      id: 'rss.check.50000',
      figure: 'peak RSS, `ksb check` (diagnostics only), 50 000 files',
      value: mb(check50k.maxRssKB),
      unit: 'MB',
      note: `${Math.round((100 * check50k.maxRssKB) / core50k)}% of the full index's peak`,
      // The point of the mode: well under the full index, which keeps every claim for coverage.
      target: '≤ 60% of the full index',
      pass: check50k.maxRssKB <= 0.6 * core50k,
    },
  );
}

function bundleSizes(figures: Figures): void {
  const bundles = join(repoRoot, 'out', 'bench', 'bundles');
  for (const [id, name, file, target] of [
    ['extension', 'extension', 'extension.js', 600],
    // Loaded by Export Submission Pack when it runs, not at activation.
    ['pack', 'submission pack (loaded on export)', 'pack.js', undefined],
    ['cli', 'CLI', 'cli.js', undefined],
  ] as const) {
    const bytes = readFileSync(join(bundles, file));
    const kb = bytes.length / 1024;
    figures.rows.push({
      id: `bundle.${id}`,
      figure: `bundle, ${name}, minified`,
      value: kb,
      unit: 'KB',
      note: `${(gzipSync(bytes).length / 1024).toFixed(0)} KB gzipped`,
      ...(target !== undefined ? { target: `≤ ${target} KB`, pass: kb <= target } : {}),
    });
  }
}

function summary(times: readonly number[]) {
  return { runs: times.length, median: median(times), p95: p95(times), max: Math.max(...times) };
}

function n(size: number): string {
  return size.toLocaleString('en-GB').replace(/,/g, ' ');
}

function machine(): Record<string, string | number> {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    nproc: cpus().length,
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = loadavg()[0];
  if (!(globalThis as { gc?: unknown }).gc) log('run with node --expose-gc for level starts between runs (npm run bench does)');
  if (process.argv.includes('--diff-only')) {
    // The ksb diff rows alone (a minute, no editor), printed and not written over the full results.
    const figures: Figures = { rows: [], samples: {} };
    await diffRuns(ensureDiffRepository(cacheDir, ensurePortfolio(cacheDir, 10_000, SEED, log), log), figures);
    process.stdout.write(`\n${formatTable(figures.rows)}\n\n${JSON.stringify(figures.samples)}\n`);
    return;
  }
  if (process.argv.includes('--signoff-only')) {
    // The sign-off verification row alone, printed and not written over the full results.
    const figures: Figures = { rows: [], samples: {} };
    await signoffRuns(ensureSignoffRepository(cacheDir, log), figures);
    process.stdout.write(`\n${formatTable(figures.rows)}\n\n${JSON.stringify(figures.samples)}\n`);
    return;
  }
  if (process.argv.includes('--cohort-only')) {
    // The cohort rows alone (`--cohort-only 200` for the smaller cohort only), printed and not written over the full results.
    const figures: Figures = { rows: [], samples: {} };
    const only = Number(process.argv[process.argv.indexOf('--cohort-only') + 1]);
    await cohortRuns(
      figures,
      COHORTS.filter((c) => Number.isNaN(only) || c.portfolios === only),
    );
    process.stdout.write(`\n${formatTable(figures.rows)}\n\n${JSON.stringify(figures.samples)}\n`);
    return;
  }
  if (process.argv.includes('--report-only')) {
    // The ksb report rows alone, printed and not written over the full results.
    const figures: Figures = { rows: [], samples: {} };
    await reportRuns(new Map([1_000, 10_000].map((size) => [size, ensurePortfolio(cacheDir, size, SEED, log)])), figures);
    process.stdout.write(`\n${formatTable(figures.rows)}\n\n${JSON.stringify(figures.samples)}\n`);
    return;
  }
  if (process.argv.includes('--cold-only')) {
    // The bundle sizes and the core's cold loads up to 10 000 files (in this process: no child, no
    // editor), printed and not written over the full results.
    const sizes = SIZES.filter((size) => size <= 10_000);
    const figures: Figures = { rows: [], samples: {} };
    bundleSizes(figures);
    const portfolios = new Map(sizes.map((size) => [size, ensurePortfolio(cacheDir, size, SEED, log)] as const));
    await coldLoads(portfolios, builtinCatalogue().get('ST0792', '1.2')!, figures, sizes);
    process.stdout.write(`\n${formatTable(figures.rows)}\n\n${JSON.stringify(figures.samples)}\n`);
    return;
  }
  if (process.argv.includes('--export-only')) {
    // The ksb export rows alone, printed and not written over the full results.
    const figures: Figures = { rows: [], samples: {} };
    await exportRuns(ensurePortfolio(cacheDir, 1_000, SEED, log), figures);
    process.stdout.write(`\n${formatTable(figures.rows)}\n\n${JSON.stringify(figures.samples)}\n`);
    return;
  }
  const portfolios = new Map<number, GeneratedPortfolio>();
  for (const size of SIZES) portfolios.set(size, ensurePortfolio(cacheDir, size, SEED, log));
  const standard = builtinCatalogue().get('ST0792', '1.2')!;
  const figures: Figures = { rows: [], samples: {} };

  bundleSizes(figures);
  const cold = await coldLoads(portfolios, standard, figures);
  const scaling = cold.get(10_000)!.core / cold.get(1_000)!.core;
  figures.rows.push({
    id: 'scaling.10000-vs-1000',
    figure: 'scaling, cold load 10 000 vs 1 000 files',
    value: scaling,
    unit: 'x',
    note: `floor scales ${(cold.get(10_000)!.floor / cold.get(1_000)!.floor).toFixed(1)}×`,
    target: '≤ 12× (linear)',
    pass: scaling <= 12,
  });
  await cliLoads(portfolios, figures, cold);
  await standardsSnapshot(figures);
  await diffRuns(ensureDiffRepository(cacheDir, portfolios.get(10_000)!, log), figures);
  await signoffRuns(ensureSignoffRepository(cacheDir, log), figures);
  await reportRuns(portfolios, figures);
  await cohortRuns(figures);
  await exportRuns(portfolios.get(1_000)!, figures);
  const index10k = await incremental(portfolios.get(10_000)!, standard, figures);
  await editorFeatures(portfolios.get(10_000)!, index10k, figures);
  const rss50k = (figures.samples['rss.core.50000.children'] as number[] | undefined) ?? [];
  await memory(portfolios, figures, rss50k);
  const p10k = portfolios.get(10_000)!;
  const activation = await measureActivation(repoRoot, p10k.root, join(p10k.root, p10k.editFile), log);
  figures.samples['activation.editor'] = activation.samples;
  figures.rows.push({
    id: 'activation.editor',
    figure: 'activation to first hover answer, editor, 10 000 files',
    value: activation.ms,
    unit: 'ms',
    note: activation.note,
    target: '≤ 50 ms',
    pass: activation.ms === undefined ? undefined : activation.ms <= 50,
  });

  const order = [
    'cold-load.core',
    'cold-load.cli',
    'diff',
    'cohort',
    'report',
    'standards',
    'scaling',
    'incremental',
    'completion',
    'hover',
    'rss',
    'activation',
    'bundle',
  ];
  const rows = [...figures.rows].sort((a, b) => order.findIndex((p) => a.id.startsWith(p)) - order.findIndex((p) => b.id.startsWith(p)));
  const results: BenchResults = {
    date: new Date().toISOString(),
    // Other work on the machine slows every figure; the 1-minute load average says how much there was.
    machine: { ...machine(), loadAverageAtStart: +loadAtStart.toFixed(2), loadAverageAtEnd: +loadavg()[0].toFixed(2) },
    settings: {
      seed: SEED,
      sizes: SIZES,
      coldRuns: COLD_RUNS,
      cliRuns: CLI_RUNS,
      diffRuns: DIFF_RUNS,
      incrementalRuns: INCREMENTAL_RUNS,
      featureRuns: FEATURE_RUNS,
      languageFeatures: LANGUAGE_FEATURES_SOURCE,
      portfolios: Object.fromEntries(
        [...portfolios].map(([size, p]) => [
          size,
          {
            root: p.root,
            markdownFiles: p.markdownCount,
            ignoredMarkdownFiles: p.ignoredMarkdownCount,
            attachments: p.attachmentCount,
            megabytes: +(p.totalBytes / 2 ** 20).toFixed(1),
          },
        ]),
      ),
    },
    rows,
    samples: figures.samples,
    durationSeconds: Math.round((Date.now() - started) / 1000),
  };
  writeResults(resultsPath, results);
  const m0 = results.machine;
  writeFileSync(
    resultsPath.replace(/\.json$/, '.md'),
    `${results.date}: ${m0.cpu}, ${m0.nproc} CPUs, ${m0.memoryGB} GB, node ${m0.node}, load average ${m0.loadAverageAtStart} at start and ${m0.loadAverageAtEnd} at end; ${results.durationSeconds} s\n\n${formatMarkdown(rows)}\n`,
  );
  const m = results.machine;
  process.stdout.write(
    `\nKSB portfolio benchmark, ${results.date}\n${m.cpu}, ${m.nproc} CPUs, ${m.memoryGB} GB, node ${m.node}; load average ${m.loadAverageAtStart} at start, ${m.loadAverageAtEnd} at end\n\n${formatTable(rows)}\n\n`,
  );
  process.stdout.write(`completion/hover: ${LANGUAGE_FEATURES_SOURCE}\n`);
  process.stdout.write(`wrote ${resultsPath} (and the table as Markdown next to it) in ${results.durationSeconds} s\n`);
  const missed = rows.filter((r) => r.pass === false);
  if (missed.length > 0) process.stdout.write(`missed targets: ${missed.map((r) => r.figure).join('; ')}\n`);
}

if (process.argv[2] === '--child') {
  runChild(process.argv[3], process.argv[4]).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`[bench] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
}
