import { percentOf } from '../base/percent';
import { KIND_TITLES, shortenText } from '../coverage/ksbLabels';
import type { CoverageFigures, DiffProblem, EvidenceEntry, ChangedEvidence, KsbChange, PortfolioDiff } from '../compare/portfolioDiff';
import { introducesErrors, isEmptyDiff } from '../compare/portfolioDiff';

/** What the Markdown says the two sides are: revisions as the user named them, and the portfolio's folder. */
export interface DiffLabels {
  readonly base: string;
  /** `undefined` for the working tree. */
  readonly head: string | undefined;
  /** The portfolio's folder from the repository root, `''` at the root. */
  readonly folder: string;
}

/**
 * The largest report, in UTF-8 bytes: GitHub refuses comments over 65 536 characters, and a
 * byte count bounds the character count however GitHub counts them. Room is left for the
 * caller's own heading or footer.
 */
export const MARKDOWN_DIFF_LIMIT = 50_000;

/** A marker a CI job can look for to update its earlier comment instead of adding another. */
export const MARKDOWN_DIFF_MARKER = '<!-- ksb-diff -->';

/** Rows of one table before the rest are counted in an "and N more" line. */
const ROWS_PER_TABLE = 100;

/**
 * The diff as Markdown for a pull request comment. Every text from the portfolio (titles, paths,
 * messages, a workspace standard's KSB texts) is escaped so it cannot add markup, HTML, mentions
 * or issue references, and the whole stays under MARKDOWN_DIFF_LIMIT bytes.
 */
export function portfolioDiffMarkdown(diff: PortfolioDiff, labels: DiffLabels): string {
  const budget = new Budget(MARKDOWN_DIFF_LIMIT);
  const where = labels.folder === '' ? '' : ` in ${code(labels.folder)}`;
  budget.add(
    MARKDOWN_DIFF_MARKER,
    `### KSB portfolio${where}: ${code(labels.base)} → ${labels.head === undefined ? 'the working tree' : code(labels.head)}`,
    '',
  );
  budget.add(`**Coverage:** ${coverageLine(diff.coverage.before, diff.coverage.after)}  `);
  const { introduced, fixed } = diff.problems;
  const errors = introduced.filter((p) => p.severity === 'error').length;
  budget.add(`**Problems:** ${introduced.length} introduced${errors > 0 ? ` (${errors} ${errors === 1 ? 'error' : 'errors'})` : ''}, ${fixed.length} fixed`);
  if (isEmptyDiff(diff)) {
    budget.add('', 'No change to the evidence, the sign-offs, the coverage or the problems.');
    return budget.text();
  }
  ksbTable(budget, 'Newly covered', diff.newlyCovered, 'Evidence');
  ksbTable(budget, 'No longer covered', diff.noLongerCovered, 'Was covered by');
  evidenceTable(budget, diff.evidence);
  signoffTable(budget, diff.signoffs);
  problemTable(budget, 'Problems introduced', introduced);
  problemTable(budget, 'Problems fixed', fixed);
  if (introducesErrors(diff)) budget.add('', '**This change introduces errors.**');
  return budget.text();
}

function coverageLine(before: CoverageFigures | null, after: CoverageFigures | null): string {
  const describe = (f: CoverageFigures | null) => (f ? `${f.covered}/${f.total} (${percent(f)}%)` : 'none (no usable portfolio.yaml)');
  const delta = before && after ? after.covered - before.covered : 0;
  const change = delta === 0 ? '' : `, ${delta > 0 ? '+' : '−'}${Math.abs(delta)}`;
  const standardChanged =
    before && after && (before.standard !== after.standard || before.version !== after.version || before.option !== after.option)
      ? ` (standard or option changed: ${standardName(before)} → ${standardName(after)})`
      : '';
  return `${describe(before)} → ${describe(after)}${change}${standardChanged}`;
}

function standardName(f: CoverageFigures): string {
  return text(`${f.standard} v${f.version}${f.option ? ` ${f.option}` : ''}`);
}

function percent(f: { covered: number; total: number }): number {
  return percentOf(f.covered, f.total);
}

function ksbTable(budget: Budget, heading: string, changes: readonly KsbChange[], evidenceHeading: string): void {
  if (changes.length === 0) return;
  budget.add('', `#### ${heading} (${changes.length})`, '', `| KSB | ${evidenceHeading} |`, '| --- | --- |');
  budget.rows(
    changes.map((c) => {
      const shown = c.evidence.slice(0, 3).map(code);
      if (c.evidence.length > 3) shown.push(`and ${c.evidence.length - 3} more`);
      return `| **${text(c.code)}** ${KIND_TITLES[c.kind]}: ${text(shortenText(c.text, 120))} | ${shown.join(', ')} |`;
    }),
    2,
  );
}

function evidenceTable(budget: Budget, evidence: PortfolioDiff['evidence']): void {
  const rows = [
    ...evidence.added.map((e) =>
      entryRow(
        'added',
        e,
        e.claims.map((c) => `+${c}`),
      ),
    ),
    ...evidence.removed.map((e) =>
      entryRow(
        'removed',
        e,
        e.claims.map((c) => `−${c}`),
      ),
    ),
    ...evidence.changed.map((e) => changedRow(e)),
  ];
  if (rows.length === 0) return;
  const { added, removed, changed } = evidence;
  budget.add(
    '',
    `#### Evidence (${added.length} added, ${removed.length} removed, ${changed.length} changed)`,
    '',
    '| | File | Claims |',
    '| --- | --- | --- |',
  );
  budget.rows(rows, 2);
}

function signoffTable(budget: Budget, signoffs: PortfolioDiff['signoffs']): void {
  const { added, renewed, removed, stale } = signoffs;
  const rows = (
    [
      ['added', added],
      ['renewed', renewed],
      ['removed', removed],
      ['gone stale', stale],
    ] as const
  ).flatMap(([what, list]) => list.map((s) => `| ${what} | ${code(s.file)} | ${text(s.by)} | ${s.role} | ${s.date} |`));
  if (rows.length === 0) return;
  budget.add(
    '',
    `#### Sign-offs (${added.length} added, ${renewed.length} renewed, ${removed.length} removed, ${stale.length} gone stale)`,
    '',
    '| | File | Signed by | As | On |',
    '| --- | --- | --- | --- | --- |',
  );
  budget.rows(rows, 2);
}

function entryRow(what: string, entry: EvidenceEntry, claims: string[]): string {
  return `| ${what} | ${fileCell(entry.file, entry.title)} | ${claimList(claims)} |`;
}

function changedRow(entry: ChangedEvidence): string {
  const what = entry.previousFile === null ? 'changed' : 'renamed';
  const from = entry.previousFile === null ? '' : ` (from ${code(entry.previousFile)})`;
  const claims = [...entry.claimsAdded.map((c) => `+${c}`), ...entry.claimsDropped.map((c) => `−${c}`)];
  return `| ${what} | ${fileCell(entry.file, entry.title)}${from} | ${claimList(claims)} |`;
}

function fileCell(file: string, title: string | null): string {
  return title ? `${code(file)} ${text(shortenText(title, 100))}` : code(file);
}

function claimList(claims: readonly string[]): string {
  if (claims.length === 0) return 'no change';
  const shown = claims.slice(0, 20).map(text);
  return claims.length > 20 ? `${shown.join(' ')} and ${claims.length - 20} more` : shown.join(' ');
}

function problemTable(budget: Budget, heading: string, problems: readonly DiffProblem[]): void {
  if (problems.length === 0) return;
  budget.add('', `#### ${heading} (${problems.length})`, '', '| File | Severity | Code | Message |', '| --- | --- | --- | --- |');
  budget.rows(
    problems.map((p) => `| ${code(`${p.file}:${p.line}:${p.column}`)} | ${p.severity} | ${code(p.code)} | ${text(shortenText(p.message, 300))} |`),
    4,
  );
}

/**
 * Lines of Markdown kept within a byte limit. Tables stop at ROWS_PER_TABLE rows, or earlier when
 * the budget runs out, and end with a row saying how many were left out.
 */
class Budget {
  private readonly lines: string[] = [];
  private used = 0;
  /** Kept back so the "and N more" rows and the closing line always fit. */
  private static readonly RESERVE = 2_000;

  constructor(private readonly limit: number) {}

  add(...lines: string[]): void {
    for (const line of lines) {
      this.lines.push(line);
      this.used += utf8Length(line) + 1;
    }
  }

  rows(rows: readonly string[], columns: number): void {
    let shown = 0;
    for (const row of rows) {
      const size = utf8Length(row) + 1;
      if (shown >= ROWS_PER_TABLE || this.used + size > this.limit - Budget.RESERVE) break;
      this.add(row);
      shown++;
    }
    if (shown < rows.length) this.add(`| and ${rows.length - shown} more (see \`ksb diff --format json\`)${' |'.repeat(columns)}`);
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Characters that end or disguise a line: controls, line and paragraph separators, bidirectional controls. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * User text as inert Markdown on one line: each character that can start markup, HTML, an entity
 * or math backslash-escaped (CommonMark makes an escaped punctuation character literal, `|`
 * included inside a table), a zero-width space after `@`, `#` and the `GH-` of `GH-12` so GitHub
 * links no mention or issue or autolink a URL, and control characters shown as `\uXXXX`. Nothing in it can start a line, so `-`, `+`
 * and `1.` need no escape.
 */
export function markdownText(value: string): string {
  return (
    value
      .replace(UNSAFE_CHARACTERS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .replace(/[\\`*_{}[\]<>()!|~&#@$]/g, (char) => `\\${char}`)
      .replace(/([@#])/g, '$1\u200b')
      // GitHub reads `GH-12` (any case) as issue 12, as it reads `#12`.
      .replace(/(gh-)(?=\d)/gi, '$1\u200b')
      // GitHub links bare URLs and `www.` names by itself: a zero-width space keeps them text.
      .replace(/:\/\//g, ':\u200b//')
      .replace(/\b(www)\./gi, '$1\u200b.')
  );
}

const text = markdownText;

/**
 * A path or code as a code span, where Markdown, HTML, mentions and links are not interpreted: the
 * fence is longer than any run of backticks inside, pipes are escaped for tables (GFM splits cells
 * before it reads spans) and control characters are shown as `\uXXXX`.
 */
export function markdownCode(value: string): string {
  const safe = value.replace(UNSAFE_CHARACTERS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(safe.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // A space on each side is stripped by the parser, and keeps a leading or trailing backtick apart from the fence.
  return `${fence} ${safe} ${fence}`;
}

const code = markdownCode;
