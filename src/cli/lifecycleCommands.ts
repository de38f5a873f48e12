// `ksb signoff`, `ksb hours` and `ksb gateway`: the apprenticeship around the evidence.
import { lstatSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  applyTextEdit,
  CONFIG_FILE_NAME,
  decodeText,
  describeReadError,
  DAY_RANGE,
  formatBytes,
  formatHours,
  isDayInRange,
  isIsoDay,
  isSignoffRole,
  MARKDOWN_READ_LIMIT,
  relativePath,
  SIGNOFF_ROLES,
  signoffEdit,
  latestDayOnEarth,
  today as localToday,
  type GatewayReport,
  type HoursReport,
  type PortfolioIndex,
} from '../core';
import { oneLine } from './format';
import { describeType, toPosix } from './nodeFileSystem';
import { checkWritable, writeFileSafely, type WriteTarget } from './safeWrite';
import { UsageError } from './usageError';

/** The environment variable that fixes "today" (YYYY-MM-DD) for every date rule, for reproducible runs and tests. */
export const TODAY_ENV = 'KSB_TODAY';

/** Today as the CLI's rules see it: `$KSB_TODAY` when set, else the local date. */
export function cliToday(env: NodeJS.ProcessEnv): string {
  const fixed = env[TODAY_ENV];
  if (fixed === undefined || fixed === '') return localToday();
  if (!isIsoDay(fixed) || !isDayInRange(fixed))
    throw new UsageError(
      `${TODAY_ENV} must be a date such as 2026-03-14 (${DAY_RANGE.first.slice(0, 4)} to ${DAY_RANGE.last.slice(0, 4)}), found ${oneLine(fixed)}`,
    );
  return fixed;
}

/**
 * The latest day begun anywhere on Earth, after which a date is in the future: `$KSB_TODAY` when
 * set (a fixed day is the same everywhere), else the day in UTC+14, whatever this machine's zone.
 */
export function cliLatestToday(env: NodeJS.ProcessEnv): string {
  return env[TODAY_ENV] ? cliToday(env) : latestDayOnEarth(new Date());
}

/** What `ksb signoff` was asked. */
export interface SignoffOptions {
  readonly by: string | undefined;
  readonly role: string | undefined;
  readonly today: string;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Signs off each file as `--by` in `--role`, today: every file is checked, read and its edit made
 * before any is written, so one bad file leaves all untouched. Renews an earlier sign-off of the
 * same person and role rather than adding a second.
 */
export async function runSignoff(files: readonly string[], options: SignoffOptions): Promise<string> {
  if (files.length === 0)
    throw new UsageError('signoff needs the evidence files to sign off, e.g. `ksb signoff evidence/call-sheet.md --by "Priya Shah" --role employer`');
  if (options.by === undefined || options.by.trim() === '') throw new UsageError('signoff needs --by NAME: who signs the evidence off');
  if (/[\r\n\u2028\u2029\u0085]/.test(options.by)) throw new UsageError('--by must be a name on one line');
  if (options.role === undefined) throw new UsageError(`signoff needs --role: one of ${SIGNOFF_ROLES.join(', ')}`);
  const role = options.role.toLowerCase();
  if (!isSignoffRole(role)) throw new UsageError(`unknown --role ${oneLine(options.role)}: expected one of ${SIGNOFF_ROLES.join(', ')}`);
  const planned = [];
  for (const file of files) {
    const { target, text, bom } = await readEvidence(file);
    const result = signoffEdit(text, { by: options.by, role, date: options.today });
    if (!result.ok) throw new UsageError(`cannot sign off ${file}: ${result.reason}`);
    planned.push({ file, target, bytes: encode(applyTextEdit(text, result.edit), bom), replaced: result.replaced, digest: result.digest });
  }
  const lines: string[] = [];
  for (const { file, target, bytes, replaced, digest } of planned) {
    await writeFileSafely(target, bytes);
    lines.push(
      `${replaced ? 'Signed off again' : 'Signed off'} ${oneLine(file)} as ${oneLine(options.by.trim())} (${role}) on ${options.today}, digest ${digest}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A file's text for signing off, and where writing it goes: a regular file in a portfolio, reached
 * through no link, within the read limit, in UTF-8.
 */
async function readEvidence(file: string): Promise<{ target: WriteTarget; text: string; bom: boolean }> {
  const path = resolve(file);
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`no such file: ${file}`);
  if (stat.isSymbolicLink()) throw new UsageError(`cannot sign off ${file}: it is a symbolic link; sign off the file it points to`);
  if (!stat.isFile()) throw new UsageError(`cannot sign off ${file}: expected a Markdown file, found ${describeType(stat)}`);
  const root = portfolioRootOf(path);
  if (root === undefined)
    throw new UsageError(`cannot sign off ${oneLine(file)}: it is in no portfolio (no ${CONFIG_FILE_NAME} above it); a sign-off is for portfolio evidence`);
  // From the working folder when the portfolio lies in it, so a linked folder on the way there counts too.
  const walkFrom = relativePath(toPosix(process.cwd()), toPosix(root)) === undefined ? root : process.cwd();
  const target = await checkWritable({ root: walkFrom, path, label: oneLine(file) });
  if (stat.size > MARKDOWN_READ_LIMIT)
    throw new UsageError(`cannot sign off ${file}: expected a file under ${formatBytes(MARKDOWN_READ_LIMIT)}, found ${formatBytes(stat.size)}`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${describeReadError(error)}`);
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new UsageError(`cannot sign off ${file}: ${decoded.reason}`);
  return { target, text: decoded.text, bom: UTF8_BOM.every((byte, i) => bytes[i] === byte) };
}

/** The nearest folder above `path` holding a `portfolio.yaml` file: the portfolio the file belongs to. */
function portfolioRootOf(path: string): string | undefined {
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    if (lstatSync(join(folder, CONFIG_FILE_NAME), { throwIfNoEntry: false })?.isFile()) return folder;
    if (dirname(folder) === folder) return undefined;
  }
}

function encode(text: string, bom: boolean): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const bytes = new Uint8Array(body.length + 3);
  bytes.set(UTF8_BOM, 0);
  bytes.set(body, 3);
  return bytes;
}

/** `ksb hours --format json`. */
export function hoursJson(report: HoursReport, today: string): object {
  return {
    today,
    total: report.total,
    target: report.target ?? null,
    targetFrom: report.targetSource?.from ?? null,
    targetRule: report.targetSource?.rule ?? null,
    expectedByToday: report.expectedByToday ?? null,
    onTrack: report.onTrack ?? null,
    entries: report.entries,
    excluded: report.excluded,
    perMonth: report.perMonth,
  };
}

/** `ksb hours` as text: the total, the pace and a bar per month. */
export function formatHoursText(report: HoursReport, today: string): string {
  const lines: string[] = [];
  const target = report.targetSource;
  if (target) {
    const share = target.hours > 0 ? ` (${Math.floor((report.total / target.hours) * 100)}%)` : '';
    lines.push(`Off-the-job hours: ${formatHours(report.total)} of ${formatHours(target.hours)}${share}`);
    lines.push(`Target: ${target.rule}`);
    if (report.expectedByToday !== undefined) {
      const gap = Math.round((report.total - report.expectedByToday) * 10) / 10;
      lines.push(
        `Expected by today (${today}), pro rata: ${formatHours(report.expectedByToday)}: ${gap >= 0 ? `on track${gap > 0 ? `, ${formatHours(gap)} ahead` : ''}` : `behind by ${formatHours(-gap)}`}`,
      );
    }
  } else {
    lines.push(`Off-the-job hours: ${formatHours(report.total)}, against no target`);
    lines.push('Target: none; set `otj-target`, or `start`, `end` and `weekly-hours` in portfolio.yaml');
  }
  lines.push(`Entries: ${report.entries}`);
  if (report.perMonth.length > 0) {
    lines.push('', 'By month:');
    const most = Math.max(...report.perMonth.map((m) => m.hours), 1);
    for (const { month, hours } of report.perMonth) {
      lines.push(`  ${month}  ${String(Math.round(hours * 10) / 10).padStart(6)}  ${'#'.repeat(Math.round((hours / most) * 30))}`);
    }
  }
  if (report.excluded > 0)
    lines.push(
      '',
      `${report.excluded} ${report.excluded === 1 ? 'entry is' : 'entries are'} not counted (otj.invalid: undated, before start, after today or over 24 hours a day): ksb check names them`,
    );
  return `${lines.join('\n')}\n`;
}

/** `ksb gateway --format json`: exactly `{ready, checks: [{id, ok, detail}]}`. */
export function gatewayJson(report: GatewayReport): object {
  return { ready: report.ready, checks: report.checks.map(({ id, ok, detail }) => ({ id, ok, detail })) };
}

/** `ksb gateway` as text: a line per check, said in words (not only a symbol). */
export function formatGatewayText(report: GatewayReport, index: PortfolioIndex, today: string): string {
  const portfolio = index.portfolio;
  const who = portfolio?.config.apprentice ? `${oneLine(portfolio.config.apprentice)}'s portfolio` : 'The portfolio';
  const standard = portfolio ? ` (${portfolio.standard.label}${portfolio.option ? `, ${portfolio.option.title}` : ''})` : '';
  const width = Math.max(...report.checks.map((check) => check.id.length));
  const lines = [`Gateway readiness of ${who}${standard} on ${today}: ${report.ready ? 'READY' : 'NOT READY'}`, ''];
  for (const check of report.checks) lines.push(`  ${check.ok ? 'PASS' : 'FAIL'}  ${check.id.padEnd(width)}  ${oneLine(check.detail)}`);
  const failing = report.checks.filter((check) => !check.ok).length;
  lines.push('', report.ready ? 'Every check passes.' : `${failing} of ${report.checks.length} checks fail.`);
  return `${lines.join('\n')}\n`;
}
