// `ksb init [dir]`: a new portfolio (portfolio.yaml, evidence/ with a first file, .gitignore and,
// with --ci github, a workflow). What is missing is asked for in a terminal, through an injected
// `ask` so tests can answer; elsewhere a missing value with no sensible default is a one-line error.
import { existsSync, lstatSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  compareVersions,
  CONFIG_FILE_NAME,
  configTemplate,
  evidenceFileName,
  evidenceTemplate,
  CI_SETUPS,
  gitignoreTemplate,
  normalizeReference,
  relativePath,
  STANDARDS_FOLDER,
  writeRootFor,
  type CiService,
  type Catalogue,
  type StandardDownload,
  type StandardOption,
  type StandardVersion,
} from '../../core';
import type { Ask } from '../ask';
import { toPosix } from '../nodeFileSystem';
import { cliVersion } from '../packageInfo';
import { oneLine } from '../printable';
import { checkWritable, writeFileSafely } from '../safeWrite';
import type { StandardSourceOptions } from '../standardsFetch';
import { UsageError } from '../usageError';
import type { Command } from './command';

/** Whether `name` is a CI service `--ci` can write a set-up for. */
function isCiService(name: string): name is CiService {
  return Object.hasOwn(CI_SETUPS, name);
}
import { describeStandard, fetchStandard, planStandardWrite, readDownloadedStandard, readStandardsFolder, writeStandardFile } from './standard';

/** `ksb init`. */
export const initCommand: Command = {
  name: 'init',
  usage: [
    {
      term: 'init [dir]',
      help: ['Start a portfolio in dir (default: .): portfolio.yaml, evidence/,', '.gitignore; asks for what is missing when run in a terminal'],
    },
  ],
  flags: ['standard', 'version', 'option', 'apprentice', 'from', 'ci', 'yes', 'api'],
  formats: [],
  async run({ args, flags, write, ask, today, source }) {
    if (args.length > 1) throw new UsageError(`init takes one folder, found ${args.length}`);
    if (flags.ci !== undefined && !isCiService(flags.ci)) throw new UsageError(`unknown --ci ${oneLine(flags.ci)}: expected github, gitlab or azure`);
    const dir = args[0] ?? '.';
    assertCanInit(dir);
    const plan = await planInit(resolve(dir), flags, flags.yes ? undefined : ask, source);
    write(await writePortfolio(dir, plan, { ci: flags.ci !== undefined && isCiService(flags.ci) ? flags.ci : undefined, today, cliVersion: cliVersion() }));
    return 0;
  },
};

/** The flags of `ksb init`; each one left out is asked for (in a terminal) or defaulted. */
export interface InitFlags {
  readonly standard?: string;
  readonly version?: string;
  readonly option?: string;
  readonly apprentice?: string;
  readonly from?: string;
  readonly ci?: string;
}

/** What a new portfolio is for, once every question is answered. */
export interface InitPlan {
  readonly standard: StandardVersion;
  /** The standard file to write into `standards/`, when the standard is not shipped or already there. */
  readonly download?: StandardDownload;
  readonly option?: StandardOption;
  readonly apprentice?: string;
}

/** How many times a question is asked again after an answer it cannot use. */
const ATTEMPTS = 3;

/** The title of the first evidence file; its body says what to write. */
const FIRST_EVIDENCE_TITLE = 'My first piece of evidence';

/**
 * Settles what the portfolio is for: the standard (from --from, the flags, the folder's
 * `standards/`, the shipped ones or the API), its version, the option and the apprentice.
 * `ask` is undefined when nothing may be asked (no terminal, or --yes).
 */
export async function planInit(root: string, flags: InitFlags, ask: Ask | undefined, source: StandardSourceOptions): Promise<InitPlan> {
  if (flags.from !== undefined) {
    const download = await readDownloadedStandard(flags.from, flags.version, source.today);
    const wanted = flags.standard === undefined ? undefined : normalizeReference(flags.standard);
    if (flags.standard !== undefined && wanted !== download.standard.reference) {
      throw new UsageError(`--standard ${oneLine(flags.standard)} and --from ${oneLine(flags.from)} disagree: the file holds ${download.standard.label}`);
    }
    return finishPlan(download.standard, download, flags, ask);
  }
  const catalogue = await readStandardsFolder(root);
  const reference = await chooseReference(flags.standard, catalogue, ask);
  const known = catalogue.versions(reference);
  const version = flags.version ?? (await chooseVersion(reference, known, ask));
  const local = catalogue.get(reference, version ?? latestApproved(known)?.version);
  if (local && (version === undefined || local.version === version)) return finishPlan(local, undefined, flags, ask);
  const download = await fetchStandard(reference, version, source);
  return finishPlan(download.standard, download, flags, ask);
}

async function finishPlan(standard: StandardVersion, download: StandardDownload | undefined, flags: InitFlags, ask: Ask | undefined): Promise<InitPlan> {
  const option = await chooseOption(standard, flags.option, ask);
  const apprentice = flags.apprentice ?? (ask ? (await ask('Apprentice name (blank to leave it out): ')).trim() : undefined);
  return { standard, download, option, apprentice: apprentice || undefined };
}

/** The standard's reference: the flag, an answer, or the one standard a folder's `standards/` holds. */
async function chooseReference(flag: string | undefined, catalogue: Catalogue, ask: Ask | undefined): Promise<string> {
  if (flag !== undefined) {
    const reference = normalizeReference(flag);
    if (!reference) throw new UsageError(`Expected --standard to be a reference such as ST0116, found \`${oneLine(flag)}\``);
    return reference;
  }
  const workspace = catalogue.all().filter((s) => s.origin.startsWith(`${STANDARDS_FOLDER}/`));
  const workspaceReferences = [...new Set(workspace.map((s) => s.reference))];
  if (!ask) {
    // One standard added beforehand (`ksb standard add` needs a portfolio, but a file copied in counts) is an unambiguous choice.
    if (workspaceReferences.length === 1) return workspaceReferences[0];
    throw new UsageError('missing --standard REF (e.g. --standard ST0116) or --from FILE.json: nothing is asked when stdin is not a terminal');
  }
  const fallback = workspaceReferences.length === 1 ? workspaceReferences[0] : undefined;
  const known = catalogue.references().join(', ');
  return askUntil(ask, `Standard reference, e.g. ST0116 (here already: ${known})${fallback ? ` [${fallback}]` : ''}: `, (answer) => {
    if (answer === '' && fallback) return fallback;
    return normalizeReference(answer) ?? new Error(`Expected a reference such as ST0116, found \`${answer}\``);
  });
}

/** The version: asked with the known versions numbered (the latest approved as the default), else left to the API's latest. */
async function chooseVersion(reference: string, known: readonly StandardVersion[], ask: Ask | undefined): Promise<string | undefined> {
  if (!ask) return undefined;
  if (known.length === 0) {
    const answer = await askUntil(ask, `Version of ${reference} (blank for the latest approved one): `, (text) =>
      text === '' || /^\d+(\.\d+)*$/.test(text) ? text : new Error(`Expected a version such as 1.1, found \`${text}\``),
    );
    return answer || undefined;
  }
  const fallback = latestApproved(known);
  const menu = known.map((s, i) => `  ${i + 1}) ${s.version}${s.status ? ` (${s.status})` : ''}`).join('\n');
  return askUntil(ask, oneLineEach(`Versions of ${reference}:\n${menu}\nVersion [${fallback?.version}]: `), (answer) => {
    if (answer === '' && fallback) return fallback.version;
    const byNumber = /^\d+$/.test(answer) ? known[Number(answer) - 1] : undefined;
    const chosen = byNumber ?? known.find((s) => s.version === answer);
    // A version the folder does not hold may still be in the API: take it as typed. With a dot:
    // a bare number here picks from the menu.
    if (!chosen && /^\d+(\.\d+)+$/.test(answer)) return answer;
    return chosen?.version ?? new Error(`Expected a number from 1 to ${known.length} or a version such as ${known[0].version}, found \`${answer}\``);
  });
}

/** The option: the flag (id or title), an answer by number, or a one-line error naming the choices. */
async function chooseOption(standard: StandardVersion, flag: string | undefined, ask: Ask | undefined): Promise<StandardOption | undefined> {
  const choices = standard.options.map((o) => `${o.id} (${o.title})`).join(', ');
  if (flag !== undefined) {
    if (standard.options.length === 0) throw new UsageError(`${standard.label} has no options: leave out --option`);
    const option = standard.findOption(flag) ?? (/^\d+$/.test(flag) ? standard.options[Number(flag) - 1] : undefined);
    if (!option) throw new UsageError(oneLine(`Unexpected option \`${flag}\` for ${standard.label}: expected one of ${choices}`));
    return option;
  }
  if (standard.options.length === 0) return undefined;
  if (!ask) throw new UsageError(oneLine(`missing --option: ${standard.label} has options ${choices}`));
  if (standard.options.length === 1) return standard.options[0];
  const menu = standard.options.map((o, i) => `  ${i + 1}) ${o.title}`).join('\n');
  return askUntil(ask, oneLineEach(`Options of ${standard.label}:\n${menu}\nOption (number): `), (answer) => {
    const option = (/^\d+$/.test(answer) ? standard.options[Number(answer) - 1] : undefined) ?? standard.findOption(answer);
    return option ?? new Error(`Expected a number from 1 to ${standard.options.length}, found \`${answer}\``);
  });
}

/** Asks until `accept` returns a value rather than an Error; after ATTEMPTS unusable answers, gives up with the last reason. */
async function askUntil<T>(ask: Ask, question: string, accept: (answer: string) => T | Error): Promise<T> {
  let last: Error | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const result = accept((await ask(last ? `${oneLine(last.message)}\n${question}` : question)).trim());
    if (!(result instanceof Error)) return result;
    last = result;
  }
  throw new UsageError(`${oneLine(last!.message)}: nothing was written`);
}

function latestApproved(versions: readonly StandardVersion[]): StandardVersion | undefined {
  const sorted = [...versions].sort((a, b) => compareVersions(a.version, b.version));
  const approved = sorted.filter((s) => !s.notApprovedForDelivery);
  return (approved.length > 0 ? approved : sorted).at(-1);
}

/** Each line of a multi-line prompt kept safe on its own (titles come from the API). */
function oneLineEach(text: string): string {
  return text.split('\n').map(oneLine).join('\n');
}

/** Refuses, before anything is asked or fetched, a folder that cannot take a new portfolio. */
export function assertCanInit(dir: string): void {
  const root = resolve(dir);
  const stats = lstatSync(root, { throwIfNoEntry: false });
  if (stats && !stats.isDirectory()) throw new UsageError(`not a directory: ${oneLine(dir)}`);
  if (lstatSync(join(root, CONFIG_FILE_NAME), { throwIfNoEntry: false })) {
    throw new UsageError(`${oneLine(dir)} already has a ${CONFIG_FILE_NAME}: nothing was written (edit it, or init another folder)`);
  }
}

/**
 * Writes the portfolio. Every target is checked first, so a link at any of them (or on the way to
 * them) stops init with nothing written; then the standard file, the others, and `portfolio.yaml`
 * last, so a failure on the way leaves no config and `ksb init` can simply be run again. Existing
 * files other than the config are kept.
 */
export async function writePortfolio(
  dir: string,
  plan: InitPlan,
  options: { readonly ci?: CiService; readonly today: string; readonly cliVersion: string },
): Promise<string> {
  const root = resolve(dir);
  // From the working folder when the portfolio lies in it, so a linked folder on the way counts too.
  const inWorkingFolder = relativePath(toPosix(process.cwd()), toPosix(root)) !== undefined;
  const walkFrom = inWorkingFolder ? process.cwd() : writeRootFor(toPosix(root), []);
  const target = (file: string) => ({ root: walkFrom, path: join(root, file), label: oneLine(toPosix(join(dir, file))) });
  const files: Array<[string, string]> = [
    [join('evidence', evidenceFileName(options.today, FIRST_EVIDENCE_TITLE)), evidenceTemplate(FIRST_EVIDENCE_TITLE, options.today, [])],
    ['.gitignore', gitignoreTemplate()],
  ];
  const ci = options.ci && CI_SETUPS[options.ci];
  if (ci) files.push([join(...ci.file.split('/')), ci.template(options.cliVersion)]);
  const checked = await nothingWrittenUnless(async () => {
    const standard = plan.download && (await planStandardWrite(root, plan.download, false, walkFrom));
    const planned = [];
    for (const [file, text] of files) planned.push({ file, text, target: await checkWritable(target(file)) });
    return { standard, files: planned, config: await checkWritable(target(CONFIG_FILE_NAME)) };
  });

  const lines: string[] = [`  ${CONFIG_FILE_NAME}`];
  if (checked.standard) {
    await writeStandardFile(checked.standard);
    lines.push(`  ${STANDARDS_FOLDER}/${plan.download!.fileName}${checked.standard.outcome === 'unchanged' ? ' (kept)' : ''}`);
  }
  for (const { file, text, target: checkedTarget } of checked.files) {
    const shown = toPosix(file);
    if (checkedTarget.existing) {
      lines.push(`  ${shown} (already there, kept)`);
      continue;
    }
    await writeFileSafely(checkedTarget, text, { exclusive: true });
    lines.push(`  ${shown}`);
  }
  const repository = ci && gitRootAbove(root);
  if (ci && repository) {
    const moved = options.ci === 'github' ? `its \`path: .\` to \`path: ${relative(repository, root)}\`` : `its \`.\` to \`${relative(repository, root)}\``;
    lines.push(
      oneLine(
        `  note: ${root} is inside the git repository at ${repository}; ${ci.service} reads ${join(repository, ...ci.file.split('/'))} only, so move the file there and change ${moved}`,
      ),
    );
  }
  await writeFileSafely(checked.config, configTemplate(plan.standard, plan.option?.id, plan.apprentice), { exclusive: true });
  const { standard, option } = plan;
  const header = oneLine(`Created a portfolio for ${standard.label}, ${standard.title}${option ? `, ${option.title} option` : ''} in ${dir}:`);
  const about = plan.download ? describeStandard(standard) : [];
  const check = dir === '.' ? 'ksb check' : oneLine(`ksb check ${dir}`);
  return `${[header, ...lines, ...about, `Next: write evidence in evidence/, then run \`${check}\`.`].join('\n')}\n`;
}

/** Runs the checks before init's first write; a refusal says that nothing was written. */
async function nothingWrittenUnless<T>(checks: () => Promise<T>): Promise<T> {
  try {
    return await checks();
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${error.message}; nothing was written`);
    throw error;
  }
}

/** The nearest folder above `root` (not `root` itself) holding `.git`, if any. */
function gitRootAbove(root: string): string | undefined {
  if (existsSync(join(root, '.git'))) return undefined;
  for (let folder = dirname(root); ; folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) return folder;
    if (folder === dirname(folder)) return undefined;
  }
}
