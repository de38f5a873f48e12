import type { KsbKind } from '../model/codes';
import type { Coverage } from '../coverage/coverage';

/** A problem as reports show it: paths relative to the portfolio, 1-based positions (the shape of `ksb check --format json`). */
export interface DiffProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly message: string;
}

/** One Markdown file of a portfolio at one revision, as far as a diff cares. */
export interface SnapshotFile {
  /** Path relative to the portfolio root, `/`-separated. */
  readonly relativePath: string;
  readonly title: string | undefined;
  readonly isEvidence: boolean;
  /** The codes it validly claims, as written. */
  readonly claims: readonly string[];
  /** Its sign-offs that no check rejects, and whether each still holds. */
  readonly signoffs?: readonly SnapshotSignoff[];
}

/** One sign-off of a file at one revision. */
export interface SnapshotSignoff {
  readonly by: string;
  readonly role: string;
  readonly date: string;
  readonly digest: string;
  /** Not changed since it was signed (no `signoff.stale`). */
  readonly current: boolean;
}

/** A sign-off that a change added, renewed, removed or made stale: where, who, as what and when (the head's date; the base's for one removed). */
export interface SignoffChange {
  readonly file: string;
  readonly by: string;
  readonly role: string;
  readonly date: string;
}

/** What a portfolio is at one revision: its coverage (none without a usable config), files and problems. */
export interface PortfolioSnapshot {
  readonly coverage: Coverage | undefined;
  readonly files: readonly SnapshotFile[];
  readonly problems: readonly DiffProblem[];
}

/** What version control says changed between the two revisions, in paths relative to the portfolio root. */
export interface FileChanges {
  /** Base path to head path, for each file renamed (with or without edits). */
  readonly renamed: ReadonlyMap<string, string>;
  /** Head paths whose content differs from the base's (edited, renamed with edits, added, type changed). */
  readonly changed: ReadonlySet<string>;
}

/** A KSB that became covered or stopped being covered, with the evidence on the side where it is covered. */
export interface KsbChange {
  readonly code: string;
  readonly kind: KsbKind;
  readonly text: string;
  /** Head evidence for a newly covered KSB; the base evidence that covered a KSB no longer covered. */
  readonly evidence: readonly string[];
}

/** An evidence file that is new or gone, with its claims. */
export interface EvidenceEntry {
  readonly file: string;
  readonly title: string | null;
  readonly claims: readonly string[];
}

/** An evidence file on both sides that was edited or renamed. */
export interface ChangedEvidence {
  readonly file: string;
  /** The base path when the file was renamed; `null` otherwise. */
  readonly previousFile: string | null;
  readonly title: string | null;
  readonly claimsAdded: readonly string[];
  readonly claimsDropped: readonly string[];
}

/** Coverage at one side, for the before/after figures. */
export interface CoverageFigures {
  readonly standard: string;
  readonly version: string;
  readonly option: string | null;
  readonly covered: number;
  readonly total: number;
  readonly byKind: Readonly<Record<KsbKind, { readonly covered: number; readonly total: number }>>;
}

/** What a change did to a portfolio. */
export interface PortfolioDiff {
  readonly newlyCovered: readonly KsbChange[];
  readonly noLongerCovered: readonly KsbChange[];
  readonly evidence: {
    readonly added: readonly EvidenceEntry[];
    readonly removed: readonly EvidenceEntry[];
    readonly changed: readonly ChangedEvidence[];
  };
  readonly problems: {
    readonly introduced: readonly DiffProblem[];
    /** Problems of the base that are gone; their `file` is the base path. */
    readonly fixed: readonly DiffProblem[];
  };
  readonly coverage: { readonly before: CoverageFigures | null; readonly after: CoverageFigures | null };
  /** Sign-offs added, renewed (a new date or digest), removed, and gone stale (signed the same, the evidence changed since). */
  readonly signoffs: {
    readonly added: readonly SignoffChange[];
    readonly renewed: readonly SignoffChange[];
    readonly removed: readonly SignoffChange[];
    readonly stale: readonly SignoffChange[];
  };
}

/**
 * Compares a portfolio at two revisions. Files are paired through `changes.renamed`; problems
 * are paired by file (after renaming), code and message with its line numbers taken out, in
 * order of position, so a problem that only moved is neither fixed nor introduced.
 */
export function diffPortfolios(base: PortfolioSnapshot, head: PortfolioSnapshot, changes: FileChanges): PortfolioDiff {
  const headPathOf = (basePath: string) => changes.renamed.get(basePath) ?? basePath;
  const basePathOf = new Map([...changes.renamed].map(([from, to]) => [to, from]));
  const baseEvidence = new Map(base.files.filter((f) => f.isEvidence).map((f) => [headPathOf(f.relativePath), f]));
  const headEvidence = new Map(head.files.filter((f) => f.isEvidence).map((f) => [f.relativePath, f]));

  const added: EvidenceEntry[] = [];
  const changed: ChangedEvidence[] = [];
  for (const [path, file] of headEvidence) {
    const before = baseEvidence.get(path);
    if (!before) {
      added.push({ file: path, title: file.title ?? null, claims: distinct(file.claims) });
      continue;
    }
    const previousFile = basePathOf.get(path) ?? null;
    const claimsAdded = without(file.claims, before.claims);
    const claimsDropped = without(before.claims, file.claims);
    if (previousFile !== null || changes.changed.has(path) || claimsAdded.length > 0 || claimsDropped.length > 0) {
      changed.push({ file: path, previousFile, title: file.title ?? null, claimsAdded, claimsDropped });
    }
  }
  const removed: EvidenceEntry[] = [];
  for (const [path, file] of baseEvidence) {
    if (!headEvidence.has(path)) removed.push({ file: file.relativePath, title: file.title ?? null, claims: distinct(file.claims) });
  }

  const { newlyCovered, noLongerCovered } = coverageChanges(base.coverage, head.coverage);
  return {
    newlyCovered,
    noLongerCovered,
    evidence: { added: byFile(added), removed: byFile(removed), changed: byFile(changed) },
    problems: matchProblems(base.problems, head.problems, headPathOf),
    coverage: { before: figures(base.coverage), after: figures(head.coverage) },
    signoffs: signoffChanges(base.files, head.files, headPathOf),
  };
}

/** The sign-offs of both sides paired by file (the base's renamed to the head's), signer (case aside) and role. */
function signoffChanges(base: readonly SnapshotFile[], head: readonly SnapshotFile[], headPathOf: (basePath: string) => string): PortfolioDiff['signoffs'] {
  const key = (file: string, signoff: SnapshotSignoff) => `${file}\u0000${signoff.by.toLowerCase()}\u0000${signoff.role}`;
  const before = new Map<string, SnapshotSignoff>();
  for (const file of base) for (const signoff of file.signoffs ?? []) before.set(key(headPathOf(file.relativePath), signoff), signoff);
  const baseFileOf = new Map(base.map((file) => [headPathOf(file.relativePath), file.relativePath]));
  const added: SignoffChange[] = [];
  const renewed: SignoffChange[] = [];
  const stale: SignoffChange[] = [];
  const seen = new Set<string>();
  for (const file of head) {
    for (const signoff of file.signoffs ?? []) {
      const id = key(file.relativePath, signoff);
      seen.add(id);
      const change = { file: file.relativePath, by: signoff.by, role: signoff.role, date: signoff.date };
      const earlier = before.get(id);
      if (!earlier) added.push(change);
      else if (earlier.date !== signoff.date || earlier.digest !== signoff.digest) renewed.push(change);
      else if (earlier.current && !signoff.current) stale.push(change);
    }
  }
  const removed: SignoffChange[] = [];
  for (const [id, signoff] of before) {
    if (seen.has(id)) continue;
    const file = id.slice(0, id.indexOf('\u0000'));
    removed.push({ file: baseFileOf.get(file) ?? file, by: signoff.by, role: signoff.role, date: signoff.date });
  }
  return { added: byFile(added), renewed: byFile(renewed), removed: byFile(removed), stale: byFile(stale) };
}

/** Whether the change brings in a problem of error severity: what makes `ksb diff` fail. */
export function introducesErrors(diff: PortfolioDiff): boolean {
  return diff.problems.introduced.some((p) => p.severity === 'error');
}

/** Whether the diff has nothing to say: no evidence, coverage or problem changed. */
export function isEmptyDiff(diff: PortfolioDiff): boolean {
  const { before, after } = diff.coverage;
  const sameFigures = JSON.stringify(before) === JSON.stringify(after);
  return (
    sameFigures &&
    diff.newlyCovered.length === 0 &&
    diff.noLongerCovered.length === 0 &&
    diff.evidence.added.length + diff.evidence.removed.length + diff.evidence.changed.length === 0 &&
    diff.problems.introduced.length + diff.problems.fixed.length === 0 &&
    diff.signoffs.added.length + diff.signoffs.renewed.length + diff.signoffs.removed.length + diff.signoffs.stale.length === 0
  );
}

function coverageChanges(before: Coverage | undefined, after: Coverage | undefined): { newlyCovered: KsbChange[]; noLongerCovered: KsbChange[] } {
  const coveredBefore = new Map((before?.entries ?? []).filter((e) => e.evidenceCount > 0).map((e) => [e.ksb.code, e]));
  const coveredAfter = new Map((after?.entries ?? []).filter((e) => e.evidenceCount > 0).map((e) => [e.ksb.code, e]));
  const change = (entry: NonNullable<Coverage>['entries'][number]): KsbChange => ({
    code: entry.ksb.code,
    kind: entry.ksb.kind,
    text: entry.ksb.text,
    evidence: entry.evidence.map((e) => e.relativePath),
  });
  return {
    newlyCovered: [...coveredAfter].filter(([code]) => !coveredBefore.has(code)).map(([, entry]) => change(entry)),
    noLongerCovered: [...coveredBefore].filter(([code]) => !coveredAfter.has(code)).map(([, entry]) => change(entry)),
  };
}

function figures(coverage: Coverage | undefined): CoverageFigures | null {
  if (!coverage) return null;
  const { standard, option } = coverage.portfolio;
  return {
    standard: standard.reference,
    version: standard.version,
    option: option?.id ?? null,
    covered: coverage.summary.covered,
    total: coverage.summary.total,
    byKind: coverage.byKind,
  };
}

/**
 * Pairs the problems of both sides. A problem's identity is its file (the base's renamed to the
 * head's), code and message with line and column numbers replaced, so a message that quotes a
 * line still matches after lines moved. Within one identity, problems pair in order, nearest
 * line to nearest line: of two equal problems, the one whose line went is the one fixed.
 */
function matchProblems(
  base: readonly DiffProblem[],
  head: readonly DiffProblem[],
  headPathOf: (basePath: string) => string,
): { introduced: DiffProblem[]; fixed: DiffProblem[] } {
  const groups = new Map<string, { base: DiffProblem[]; head: DiffProblem[] }>();
  const group = (key: string) => groups.get(key) ?? groups.set(key, { base: [], head: [] }).get(key)!;
  for (const problem of sortByPosition(base)) group(problemKey(headPathOf(problem.file), problem)).base.push(problem);
  for (const problem of sortByPosition(head)) group(problemKey(problem.file, problem)).head.push(problem);
  const introduced: DiffProblem[] = [];
  const fixed: DiffProblem[] = [];
  for (const { base: before, head: after } of groups.values()) {
    if (before.length > after.length) fixed.push(...unpaired(before, after));
    else introduced.push(...unpaired(after, before));
  }
  return { introduced: sortByPosition(introduced), fixed: sortByPosition(fixed) };
}

/** Groups this large pair by rank: the nearest-line pairing costs their product in time. */
const MAX_ALIGNED_PAIRS = 250_000;

/**
 * The problems of `longer` left over when each of `shorter` is paired, in order, with one of
 * `longer` so that the lines are as near as they can be (summed distance). Both are sorted by position.
 */
function unpaired(longer: readonly DiffProblem[], shorter: readonly DiffProblem[]): DiffProblem[] {
  const skip = longer.length - shorter.length;
  if (skip === 0) return [];
  if (shorter.length === 0) return [...longer];
  if (longer.length * shorter.length > MAX_ALIGNED_PAIRS) return longer.slice(shorter.length);
  // cost[i][j]: the least distance pairing the first j of `shorter` within the first i of `longer`.
  const rows = longer.length + 1;
  const columns = shorter.length + 1;
  const cost = new Float64Array(rows * columns).fill(Infinity);
  cost[0] = 0;
  for (let i = 1; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      const skipped = cost[(i - 1) * columns + j];
      const paired = j > 0 ? cost[(i - 1) * columns + j - 1] + Math.abs(longer[i - 1].line - shorter[j - 1].line) : Infinity;
      cost[i * columns + j] = Math.min(skipped, paired);
    }
  }
  const left: DiffProblem[] = [];
  for (let i = longer.length, j = shorter.length; i > 0; i--) {
    const paired = j > 0 ? cost[(i - 1) * columns + j - 1] + Math.abs(longer[i - 1].line - shorter[j - 1].line) : Infinity;
    if (j > 0 && paired === cost[i * columns + j]) j--;
    else left.push(longer[i - 1]);
  }
  return left.reverse();
}

function problemKey(file: string, problem: DiffProblem): string {
  return `${file}\u0000${problem.code}\u0000${problem.severity}\u0000${withoutLineNumbers(problem.message)}`;
}

/** A message with the line and column numbers it quotes replaced, so moving lines does not change it. */
export function withoutLineNumbers(message: string): string {
  return message.replace(/\b(lines?|columns?|col)( )\d+/gi, '$1$2#').replace(/:\d+(:\d+)?\b/g, ':#');
}

function sortByPosition(problems: readonly DiffProblem[]): DiffProblem[] {
  return [...problems].sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.code, b.code));
}

function byFile<T extends { readonly file: string }>(entries: T[]): T[] {
  return entries.sort((a, b) => compareText(a.file, b.file));
}

/** Code-unit order: the same on every machine, unlike a locale's. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function distinct(codes: readonly string[]): string[] {
  return [...new Set(codes)];
}

function without(codes: readonly string[], removed: readonly string[]): string[] {
  const gone = new Set(removed);
  return distinct(codes).filter((code) => !gone.has(code));
}
