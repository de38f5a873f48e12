import { analyzeText, attachmentTargetsOf, digestFieldsOf, type FileAnalysis } from '../read/analysis';
import { ATTACHMENT_HASH_LIMIT, attachmentDigest, DIGEST_V2_PREFIX, evidenceDigestV2, evidenceFieldsHash } from '../base/digest';
import type { Catalogue } from '../catalogue/catalogue';
import { CONFIG_FILE_NAME } from '../model/configFileName';
import type { Portfolio } from '../read/config';
import type { Coverage, EvidenceReference } from '../coverage/coverage';
import { isRejected, type PortfolioDiagnostic } from '../model/diagnostics';
import type { FileStat, PortfolioFileSystem } from '../base/fileSystem';
import type { Claim } from '../read/frontMatter';
import { basename, dirname, relativePath } from '../base/paths';
import { checkFile } from '../rules/checkFile';
import type { EvidenceContext } from '../rules/rule';
import { unreadableEntry } from '../read/unreadable';
import { diagnosticOf } from '../rules/readFindings';
import { AnalysisCache, type BatchAnalyzer, READ_CONCURRENCY } from './analysisCache';
import { ClaimIndex } from './claimIndex';
import { ConfigLoader } from './configLoader';
import { parseInterval } from '../base/dates';
import { fileRole, type FileRole } from '../read/fileRole';
import { checkNoEvidence, type CountedFile } from '../rules/portfolioNoEvidence';
import { overfullDays, overfullPeriods, type DayEntry, type PeriodEntry } from '../rules/otjInvalid';
import { DEFAULT_REVIEW_INTERVAL } from '../model/lifecycleTerms';
import { overdueReviews, type ReviewFact } from '../rules/reviewOverdue';
import { FILE_START, type Range } from '../base/text';
import { LinkTargets } from './linkTargets';
import type { CommitSignature, FileHistory, SignoffHistoryRequest, SignoffHistorySource } from '../base/gitHistory';
import { isMarkdown, walkTree, type TreeWalkContext } from './treeWalk';

/** Options of an index. */
export interface IndexOptions {
  /** The shipped standards; extra ones from the workspace are added to a copy. */
  readonly catalogue?: Catalogue;
  /** Paths (relative to the root) the host excludes, such as VS Code's `files.exclude`. */
  readonly isExcluded?: (relativePath: string) => boolean;
  /**
   * For a one-shot check (the CLI's `check`): each file is read, checked and forgotten but for
   * its diagnostics, so memory holds no parse, claim or link of it (0.42 GB at 200 000 files
   * against 1.16 GB). Coverage, evidence look-ups and incremental updates are not for such an index.
   */
  readonly diagnosticsOnly?: boolean;
  /** Today's local date, `YYYY-MM-DD`, for the rules about dates; without it they do not run (the core has no clock). */
  readonly today?: () => string;
  /** The latest day begun anywhere on Earth (`latestDayOnEarth`), after which a date is in the future; default `today`. */
  readonly latestToday?: () => string;
  /**
   * Where git's facts about signed files come from, for `verify-signoffs: commits|signatures`;
   * without it every sign-off is "not checked" (the core runs no git).
   */
  readonly signoffHistory?: SignoffHistorySource;
  /** Analyses files in batches elsewhere (the CLI's worker threads); it must give what the index would. */
  readonly batchAnalyzer?: BatchAnalyzer;
}

/** Files a diagnostics-only load hands a batch analyser at once: enough to keep every thread busy, few enough to hold in memory. */
const BATCH_CHUNK = 4096;

/** What a diagnostics-only index keeps of a file's parse: nothing. */
const FORGOTTEN_ANALYSIS: FileAnalysis = { frontMatter: undefined, links: [], findings: [], unreadable: false };

/** One Markdown file as the index knows it. */
export interface IndexedFile {
  readonly path: string;
  readonly relativePath: string;
  readonly analysis: FileAnalysis;
  /** Whether the file is evidence: matched by the config's globs, or claiming via `ksbs:`. */
  readonly isEvidence: boolean;
  /** Evidence, a progress review, a record (hours log, certificate), or another Markdown file of the portfolio. */
  readonly role: FileRole;
  readonly validClaims: readonly Claim[];
  /** Evidence marked `draft: true`: checked, but its claims count for nothing until it is undrafted. */
  readonly isDraft: boolean;
  /** Every finding for the file, attachments included. */
  readonly diagnostics: readonly PortfolioDiagnostic[];
}

/** What an index change touched: some files, or everything (config or standards changed). */
export interface IndexChange {
  readonly all: boolean;
  /** Files whose diagnostics or claims may have changed. */
  readonly paths: readonly string[];
}

/**
 * The portfolio in one folder: its config, every Markdown file's analysis, the diagnostics of
 * each and the coverage. Parses are cached on path, mtime and size; a change to one file
 * updates that file's contribution only.
 */
export class PortfolioIndex {
  /** The config and the standards it brings, with their diagnostics. */
  private readonly config: ConfigLoader;
  /** Analyses from disk, keyed by absolute path. */
  private readonly cache: AnalysisCache;
  /** Unsaved editor texts, which win over disk. */
  private readonly overlays = new Map<string, FileAnalysis>();
  /** Evaluated files (analysis + config), rebuilt lazily. */
  private readonly files = new Map<string, IndexedFile>();
  /** What exists for links to point at, and which files link where. */
  private readonly links: LinkTargets;
  private readonly claims = new ClaimIndex();
  /** The progress reviews, whose dates `review.overdue` judges together. */
  private readonly reviews = new Map<string, ReviewFact>();
  /** Each file's dated off-the-job entries that its own checks let through, which `otj.invalid` sums by day across files. */
  private readonly otjDays = new Map<string, DayEntry[]>();
  private readonly otjPeriods = new Map<string, PeriodEntry[]>();
  /** What `portfolio.no-evidence` counts of each file, kept apart because a check forgets the analyses as it goes. */
  private readonly counted = new Map<string, CountedFile>();
  /** Findings over several files (`review.overdue`, the 24-hour day), by path, recomputed on every change. */
  private portfolioFindings = new Map<string, PortfolioDiagnostic[]>();
  /** What git said of each signed file, and of the signatures of the commits that wrote them (verify-signoffs). */
  private readonly signoffHistory = new Map<string, FileHistory>();
  private readonly signatures = new Map<string, CommitSignature>();
  /** The digest of each file a version-2 sign-off covers (base/digest.ts attachmentDigest), by absolute path; `undefined` when unreadable. */
  private readonly attachmentHashes = new Map<string, string | undefined>();
  /**
   * What the walk could not read, by path: unreadable folders, symbolic links (never followed),
   * pipes and devices named like Markdown, names that are not UTF-8. Reported so nothing is
   * dropped without a word.
   */
  private readonly treeDiagnostics = new Map<string, PortfolioDiagnostic[]>();
  /** The walk records straight into the link targets and the tree diagnostics. */
  private readonly walkContext: TreeWalkContext;
  private readonly listeners = new Set<(change: IndexChange) => void>();
  /** Paths re-evaluated since the last change event, so listeners update only those. */
  private readonly changedPaths = new Set<string>();
  private changedEverything = false;
  private loads = 0;
  private markConfigured!: () => void;

  /**
   * Resolves once the first `load()` has read the config: enough to describe KSBs and offer codes,
   * long before a large portfolio's files are all read.
   */
  readonly configured = new Promise<void>((resolve) => (this.markConfigured = resolve));

  constructor(
    private readonly fs: PortfolioFileSystem,
    /** The portfolio's root folder: where `portfolio.yaml` lives. */
    readonly root: string,
    private readonly options: IndexOptions = {},
  ) {
    this.config = new ConfigLoader(fs, root, options.catalogue);
    this.cache = new AnalysisCache(fs, options.batchAnalyzer);
    this.links = new LinkTargets(fs, root, options.isExcluded);
    const { knownPaths, knownFolders, symbolicLinks } = this.links;
    this.walkContext = { fs, root, isExcluded: options.isExcluded, record: { knownPaths, knownFolders, symbolicLinks, unread: this.treeDiagnostics } };
  }

  /** The resolved config, or `undefined` when it is missing or unusable. */
  get portfolio(): Portfolio | undefined {
    return this.config.portfolio;
  }

  /** The catalogue in force here: shipped standards plus the workspace's own. */
  get standards(): Catalogue {
    return this.config.catalogue;
  }

  /** Calls `listener` after every change to the index; returns a function that stops it. */
  onDidChange(listener: (change: IndexChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether a `load()` is under way, so evidence counts are not final yet. */
  get isLoading(): boolean {
    return this.loads > 0;
  }

  /** Reads the config and every Markdown file below the root. Call again to rescan. */
  async load(): Promise<void> {
    this.loads++;
    try {
      await this.loadConfiguration();
      await this.loadFiles();
    } finally {
      this.loads--;
    }
  }

  /**
   * Reads the config and the standards it names, but no Markdown file: enough to look a KSB up
   * without the cost of the whole portfolio.
   */
  async loadConfiguration(): Promise<void> {
    try {
      await this.config.load();
    } finally {
      // Even a config that failed to load counts: callers waiting on it must not hang.
      this.markConfigured();
    }
  }

  private async loadFiles(): Promise<void> {
    this.links.forgetWalk();
    this.treeDiagnostics.clear();
    // git can read its history while the files are walked and read: it is asked about them after.
    if ((this.config.portfolio?.config['verify-signoffs'] ?? 'off') !== 'off') this.options.signoffHistory?.prepare?.();
    const markdownFiles: string[] = [];
    await walkTree(this.walkContext, this.root, markdownFiles);
    const live = new Set(markdownFiles);
    for (const path of [...this.cache.paths()]) if (!live.has(path)) this.cache.delete(path);
    // Other placeholders in portfolio.yaml than before: every file is read again to find them.
    this.cache.setPlaceholders(this.config.portfolio?.config.placeholders);
    if (this.options.diagnosticsOnly) {
      await this.checkAndForget(markdownFiles);
      return;
    }
    await this.cache.readAll(markdownFiles);
    // Unsaved texts too: their links may differ from the disk's.
    await this.statUnwalkedTargets([...new Set([...this.cache.paths(), ...this.overlays.keys()])]);
    this.signoffHistory.clear();
    this.attachmentHashes.clear();
    await this.traceSignoffs(markdownFiles);
    await this.hashAttachments(markdownFiles);
    this.reevaluateAll();
  }

  /**
   * Brings one path up to date after it was created, changed or deleted on disk. The config and
   * standard data files trigger a full re-evaluation; a Markdown file updates only itself; a
   * folder, or a nested `portfolio.yaml`, is read again below it.
   */
  async refresh(path: string): Promise<void> {
    if (await this.handledWithoutTheTree(path)) return;
    const stat = await this.fs.stat(path);
    if (!stat) {
      await this.remove(path);
      return;
    }
    if (stat.symbolicLink || stat.type === 'other') {
      await this.refreshUnreadEntry(path, stat);
      return;
    }
    this.treeDiagnostics.delete(path);
    await this.learnFoldersAbove(path, true);
    const isFile = stat.type === 'file';
    // A nested config appearing hands its folder's files to another portfolio, and a file standing
    // where a folder was replaces what was below it: either way the parent is read again.
    const changesParent = basename(path) === CONFIG_FILE_NAME ? !(isFile && this.links.knownPaths.has(path)) : isFile && this.links.knownFolders.has(path);
    if (changesParent) {
      await this.rescan(dirname(path));
    } else if (!isFile) {
      await this.rescan(path);
    } else {
      const wasKnown = this.links.knownPaths.has(path);
      this.links.knownPaths.add(path);
      if (isMarkdown(path) && !this.isInNestedPortfolio(path)) {
        await this.cache.read(path, stat);
        await this.statUnwalkedTargets([path]);
        await this.traceSignoffs([path]);
        await this.hashAttachments([path]);
        this.evaluate(path);
      }
      // A file appearing can fix other files' attachment links; a signed attachment changing makes its sign-offs stale.
      if (this.attachmentHashes.has(path)) {
        this.attachmentHashes.set(path, await this.hashOf(path));
        this.recheckLinksTo(path);
      } else if (!wasKnown) this.recheckLinksTo(path);
    }
    this.fire();
  }

  /**
   * The events refresh and remove answer alike, whatever happened at `path`: the root, config or
   * standard data reload everything; a path outside the portfolio is none of its business; one the
   * walk never reaches (skipped, excluded, below a symbolic link) only has the skipped link targets
   * around it looked at again. True when the event is dealt with.
   */
  private async handledWithoutTheTree(path: string): Promise<boolean> {
    if (path === this.root || path === this.config.configPath || this.config.isStandardDataPath(path)) {
      await this.load();
      return true;
    }
    if (!this.contains(path)) return true;
    if (this.links.isOutsideWalk(path)) {
      await this.restatUnwalkedTargetsAround(path);
      if (this.changedPaths.size > 0) this.fire();
      return true;
    }
    return false;
  }

  /** A symbolic link, pipe or device appeared at `path`: reported as the walk reports it, never read. */
  private async refreshUnreadEntry(path: string, stat: FileStat): Promise<void> {
    const reported = !this.isInNestedPortfolio(path);
    if (stat.symbolicLink) {
      // As the walk: a link is never followed, whatever type the host gives it.
      this.links.symbolicLinks.add(path);
      this.links.knownPaths.delete(path);
      if (reported) this.treeDiagnostics.set(path, [diagnosticOf(unreadableEntry(stat.type, 'symbolic-link'))]);
    } else {
      this.links.knownPaths.add(path);
      if (reported && isMarkdown(path)) this.treeDiagnostics.set(path, [diagnosticOf(unreadableEntry(stat.type, undefined))]);
    }
    if (this.cache.delete(path)) this.evaluate(path);
    this.changedPaths.add(path);
    this.recheckLinksUnder(path);
    this.fire();
  }

  /** Forgets a deleted file or everything under a deleted folder. */
  async remove(path: string): Promise<void> {
    if (await this.handledWithoutTheTree(path)) return;
    if (this.treeDiagnostics.delete(path)) this.changedPaths.add(path);
    if (this.links.symbolicLinks.delete(path)) this.recheckLinksUnder(path);
    // The events for the folders that held it may never have come.
    await this.learnFoldersAbove(path, false);
    if (this.links.knownFolders.has(path)) {
      await this.rescan(path);
    } else if (this.links.knownPaths.delete(path) && basename(path) === CONFIG_FILE_NAME) {
      // A nested portfolio's config is gone: its folder's files are this portfolio's again.
      await this.rescan(dirname(path));
    } else {
      // A single file: no pass over the whole index, so a burst of deletions stays linear.
      if (this.cache.delete(path)) this.evaluate(path);
      this.recheckLinksTo(path);
    }
    this.fire();
  }

  /** Uses an editor's unsaved text for a file instead of its bytes on disk. */
  async setDocument(path: string, text: string): Promise<void> {
    this.overlays.set(path, analyzeText(text, this.cache.analysisOptions));
    await this.statUnwalkedTargets([path]);
    await this.hashAttachments([path]);
    this.evaluate(path);
    this.fire();
  }

  /** Goes back to the disk version of a file once its editor closes. */
  clearDocument(path: string): void {
    if (this.overlays.delete(path)) {
      this.evaluate(path);
      this.fire();
    }
  }

  /** The indexed Markdown file at `path`, if it is in this portfolio. */
  file(path: string): IndexedFile | undefined {
    return this.files.get(path);
  }

  /** Evidence files marked `draft: true`, in path order: they count for nothing until undrafted. */
  drafts(): IndexedFile[] {
    return this.allFiles().filter((file) => file.isDraft);
  }

  /** Every indexed Markdown file, in path order. */
  allFiles(): IndexedFile[] {
    return [...this.files.values()].sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  }

  /** Every diagnostic, keyed by absolute path, including the config's and standard files'. */
  allDiagnostics(): Map<string, readonly PortfolioDiagnostic[]> {
    const result = new Map<string, readonly PortfolioDiagnostic[]>();
    for (const [path, diagnostics] of this.config.diagnostics) if (diagnostics.length > 0) result.set(path, diagnostics);
    for (const [path, diagnostics] of this.treeDiagnostics) if (diagnostics.length > 0) result.set(path, diagnostics);
    for (const file of this.files.values()) if (file.diagnostics.length > 0) result.set(file.path, file.diagnostics);
    for (const [path, findings] of this.portfolioFindings) result.set(path, [...(result.get(path) ?? []), ...findings]);
    return result;
  }

  /** Diagnostics for one path (Markdown, config or standard data file). */
  diagnosticsFor(path: string): readonly PortfolioDiagnostic[] {
    const own = this.files.get(path)?.diagnostics ?? this.config.diagnostics.get(path) ?? this.treeDiagnostics.get(path) ?? [];
    const findings = this.portfolioFindings.get(path);
    return findings ? [...own, ...findings] : own;
  }

  /** Where a field of `portfolio.yaml` is written, so findings about it can point there. */
  configRangeOf(field: keyof Portfolio['config']): Range {
    return this.config.rangeOf(field);
  }

  /** The config's file, for findings about the portfolio as a whole. */
  get configPath(): string {
    return this.config.configPath;
  }

  /** Coverage of the configured standard and option; `undefined` without a usable config. */
  coverage(): Coverage | undefined {
    const portfolio = this.config.portfolio;
    return portfolio && this.claims.coverage(portfolio);
  }

  /** The evidence files that validly claim `code`. */
  evidenceFor(code: string): EvidenceReference[] {
    return this.claims.evidenceFor(code);
  }

  /** Whether `path` lies inside this portfolio's root. */
  contains(path: string): boolean {
    return relativePath(this.root, path) !== undefined;
  }

  /** Reads, checks and forgets the files a few at a time, keeping only their diagnostics. */
  private async checkAndForget(markdownFiles: readonly string[]): Promise<void> {
    this.forgetEvaluations();
    const chunkSize = this.cache.analyzesInBatches ? BATCH_CHUNK : READ_CONCURRENCY;
    for (let i = 0; i < markdownFiles.length; i += chunkSize) {
      const chunk = markdownFiles.slice(i, i + chunkSize);
      await this.cache.readAll(chunk);
      await this.statUnwalkedTargets(chunk);
      await this.traceSignoffs(chunk);
      await this.hashAttachments(chunk);
      for (const path of chunk) {
        this.evaluate(path);
        this.cache.delete(path);
        const file = this.files.get(path);
        if (!file) continue;
        this.claims.remove(file.relativePath, file.validClaims);
        this.links.removeLinks(path, file.analysis.links);
        this.files.set(path, { ...file, analysis: FORGOTTEN_ANALYSIS, validClaims: [] });
      }
    }
    this.fire();
  }

  /** Forgets every file's evaluation (and what the files together add up to) before all are evaluated again. */
  private forgetEvaluations(): void {
    this.changedEverything = true;
    this.files.clear();
    this.reviews.clear();
    this.otjDays.clear();
    this.counted.clear();
    this.claims.clear();
    this.links.forgetLinks();
  }

  private reevaluateAll(): void {
    this.forgetEvaluations();
    for (const path of new Set([...this.cache.paths(), ...this.overlays.keys()])) this.evaluate(path);
    this.fire();
  }

  /** Re-evaluates the files that link to `target`. */
  private recheckLinksTo(target: string): void {
    for (const source of this.links.sourcesLinkingTo(target)) this.evaluate(source);
  }

  /** Re-evaluates the files that link to `folder` or anything below it. */
  private recheckLinksUnder(folder: string): void {
    for (const target of this.links.targetsAtOrBelow(folder)) this.recheckLinksTo(target);
  }

  /**
   * Reads `folder` again: what is gone below it is forgotten, what is there is read, and the files
   * linking into it are checked again. A folder that is gone ends up forgotten with all below it.
   * Costs one pass over the index, as forgetting a folder always did.
   */
  private async rescan(folder: string): Promise<void> {
    const prefix = `${folder}/`;
    const isBelow = (path: string) => path === folder || path.startsWith(prefix);
    this.links.forgetWalkBelow(folder);
    for (const reported of [...this.treeDiagnostics.keys()]) if (isBelow(reported) && this.treeDiagnostics.delete(reported)) this.changedPaths.add(reported);
    const found: string[] = [];
    const collect = !this.isInNestedPortfolio(folder);
    // A folder replaced by a symbolic link before its event came: listing it would follow the link.
    if (folder !== this.root && (await this.fs.stat(folder))?.symbolicLink) {
      this.links.symbolicLinks.add(folder);
      if (collect) this.treeDiagnostics.set(folder, [diagnosticOf(unreadableEntry('other', 'symbolic-link'))]);
      this.changedPaths.add(folder);
    } else {
      await walkTree(this.walkContext, folder, found, collect);
    }
    const live = new Set(found);
    for (const cached of [...this.cache.paths()]) if (isBelow(cached) && !live.has(cached)) this.cache.delete(cached);
    await this.cache.readAll(found);
    await this.statUnwalkedTargets(found);
    for (const path of new Set([...this.files.keys(), ...this.cache.paths(), ...this.overlays.keys()])) if (isBelow(path)) this.evaluate(path);
    this.recheckLinksUnder(folder);
    await this.restatUnwalkedTargetsAround(folder);
  }

  /**
   * Knows the folders above `path` that the walk never saw (a watcher may report a new file but
   * not the folders made for it), and rechecks the files linking to them. A known folder's
   * parents are known, so the climb stops at the first. When `path` is gone its folders may be
   * too, so those are statted, deepest first, until one exists (and with it all above).
   */
  private async learnFoldersAbove(path: string, pathExists: boolean): Promise<void> {
    let exists = pathExists;
    for (let folder = dirname(path); folder !== this.root && this.contains(folder) && !this.links.knownFolders.has(folder); folder = dirname(folder)) {
      exists ||= (await this.fs.stat(folder))?.type === 'directory';
      if (!exists) continue;
      this.links.knownFolders.add(folder);
      this.recheckLinksTo(folder);
    }
  }

  /** Whether `path` lies below a folder (other than the root) holding its own `portfolio.yaml`. */
  private isInNestedPortfolio(path: string): boolean {
    for (let folder = dirname(path); folder !== this.root && this.contains(folder); folder = dirname(folder)) {
      if (this.links.knownPaths.has(`${folder}/${CONFIG_FILE_NAME}`)) return true;
    }
    return false;
  }

  /**
   * Looks again at the skipped link targets that an event at `path` can have changed (the path
   * itself, what lies below it and the folders above it), and rechecks the files linking to them.
   */
  private async restatUnwalkedTargetsAround(path: string): Promise<void> {
    for (const target of await this.links.restatUnwalkedTargetsAround(path)) this.recheckLinksTo(target);
  }

  /** Looks once at the link targets of `paths` inside the root that the walk skips; no other target is ever looked at. */
  private async statUnwalkedTargets(paths: readonly string[]): Promise<void> {
    await this.links.statUnwalkedTargets(paths, (path) => (this.overlays.get(path) ?? this.cache.get(path))?.links);
  }

  /** Recomputes one file's diagnostics and its contribution to coverage. */
  private evaluate(path: string): void {
    this.changedPaths.add(path);
    const relative = relativePath(this.root, path);
    const previous = this.files.get(path);
    if (previous) {
      this.claims.remove(previous.relativePath, previous.validClaims);
      this.links.removeLinks(path, previous.analysis.links);
      this.files.delete(path);
    }
    this.reviews.delete(path);
    this.otjDays.delete(path);
    this.otjPeriods.delete(path);
    this.counted.delete(path);
    const analysis = this.overlays.get(path) ?? this.cache.get(path);
    if (!analysis || relative === undefined) return;
    // The walk vouches for what it read; an editor's text counts only where the walk would index it.
    if (!this.cache.has(path) && (this.links.isOutsideWalk(path) || this.isInNestedPortfolio(path))) return;

    const portfolio = this.config.portfolio;
    const frontMatter = analysis.frontMatter;
    const role = fileRole(frontMatter, portfolio?.matchesEvidenceGlobs?.(relative));
    // A changed `site-root:` is a changed config, after which every file is evaluated again.
    this.links.setSiteRoot(portfolio?.config['site-root']);
    if (role === undefined) return;
    const isEvidence = role === 'evidence';
    if (role === 'review')
      this.reviews.set(path, { path, date: frontMatter?.date?.slice(0, 10), range: frontMatter?.dateRange ?? frontMatter?.lifecycle?.typeRange ?? FILE_START });

    const { diagnostics, validClaims, evidenceChecked } = checkFile(
      { path, analysis, isEvidence },
      {
        portfolio,
        catalogue: this.config.catalogue,
        linkTarget: (link) => this.links.linkState(path, link.target),
        today: this.options.today?.(),
        latestToday: this.options.latestToday?.(),
        signoffTrace: this.signoffTraceOf(path),
        digestV2: this.digestV2Of(path, analysis),
      },
    );
    if (portfolio !== undefined) this.recordOtjDays(path, relative, frontMatter, diagnostics);
    if (evidenceChecked) this.links.addLinks(path, analysis.links);
    this.counted.set(path, {
      role,
      hasKsbsKey: frontMatter?.hasKsbsKey === true,
      unknown: analysis.unreadable || frontMatter?.valid === false,
      mentionsCodes: analysis.mentionsCodes === true,
    });
    // A draft is checked like any evidence, but covers nothing until it is undrafted.
    const isDraft = isEvidence && frontMatter?.draft === true;
    const counted = isDraft ? [] : validClaims;
    const indexed: IndexedFile = { path, relativePath: relative, analysis, isEvidence, role, validClaims: counted, isDraft, diagnostics };
    this.files.set(path, indexed);
    this.claims.add(relative, frontMatter?.title, counted);
  }

  /**
   * Asks the host what git says of the sign-offs of `paths` (as read from disk), under
   * `verify-signoffs: commits|signatures`: one request for them all, so the host can batch.
   */
  private async traceSignoffs(paths: readonly string[]): Promise<void> {
    const source = this.options.signoffHistory;
    const mode = this.config.portfolio?.config['verify-signoffs'] ?? 'off';
    if (!source || mode === 'off') return;
    const requests: SignoffHistoryRequest[] = [];
    for (const path of paths) {
      this.signoffHistory.delete(path);
      const signoffs = this.cache.get(path)?.frontMatter?.lifecycle?.signoffs ?? [];
      const lines = signoffs.filter((s) => s.complete).flatMap((s) => range(s.range.start.line, s.range.end.line));
      if (lines.length > 0) requests.push({ path, lines });
    }
    if (requests.length === 0) return;
    let history;
    try {
      history = await source.history(requests, mode === 'signatures');
    } catch (error) {
      const reason = `git could not be asked: ${error instanceof Error ? error.message : String(error)}`;
      for (const { path } of requests) this.signoffHistory.set(path, { kind: 'unavailable', reason });
      return;
    }
    for (const [path, file] of history.files) this.signoffHistory.set(path, file);
    for (const [commit, signature] of history.signatures) this.signatures.set(commit, signature);
  }

  /**
   * Digests the linked files of each of `paths` that has a version-2 sign-off, so the rules can tell
   * whether they changed since (signoff.stale). Files already digested are not read again.
   */
  private async hashAttachments(paths: readonly string[]): Promise<void> {
    for (const path of paths) {
      const analysis = this.overlays.get(path) ?? this.cache.get(path);
      if (!analysis?.attachmentTargets?.length || !analysis.frontMatter?.lifecycle?.signoffs.some((s) => s.digest?.startsWith(DIGEST_V2_PREFIX))) continue;
      for (const target of analysis.attachmentTargets) {
        const absolute = this.links.linkTarget(path, target);
        if (this.attachmentHashes.has(absolute) || this.links.stateOf(absolute).kind !== 'found') continue;
        this.attachmentHashes.set(absolute, await this.hashOf(absolute));
      }
    }
  }

  /** The digest of one linked file's bytes, `undefined` when it cannot be read as a file. */
  private async hashOf(path: string): Promise<string | undefined> {
    try {
      const stat = await this.fs.stat(path);
      if (!stat || stat.type !== 'file' || stat.symbolicLink) return undefined;
      return attachmentDigest(await this.fs.readFile(path, ATTACHMENT_HASH_LIMIT), stat.size);
    } catch {
      return undefined;
    }
  }

  /**
   * The version-2 digest a sign-off of the file at `path` holds when nothing changed since: of its
   * fields and body as `analysis` read them, and of the linked files as last read (`undefined` for
   * one missing). `undefined` when the file has no sign-offs.
   */
  private digestV2Of(path: string, analysis: FileAnalysis): string | undefined {
    if (analysis.fieldsHash === undefined) return undefined;
    const attachments = new Map<string, string | undefined>();
    for (const target of analysis.attachmentTargets ?? []) {
      const absolute = this.links.linkTarget(path, target);
      attachments.set(target, this.links.stateOf(absolute).kind === 'found' ? this.attachmentHashes.get(absolute) : undefined);
    }
    return evidenceDigestV2(analysis.fieldsHash, attachments);
  }

  /**
   * The version-2 digest a new sign-off of the file at `path` would hold, its text being `text`
   * (an editor's unsaved text, or the disk's): its linked files are read now, through the index's file system.
   */
  async signoffDigestOf(path: string, text: string): Promise<string | undefined> {
    const analysis = analyzeText(text);
    if (!analysis.frontMatter) return undefined;
    const body = text.slice(analysis.frontMatter.bodyStart);
    const fieldsHash = evidenceFieldsHash(digestFieldsOf(analysis.frontMatter, body));
    const attachments = new Map<string, string | undefined>();
    for (const target of attachmentTargetsOf(analysis.links)) {
      const absolute = this.links.linkTarget(path, target);
      const inside = this.contains(absolute) && this.links.stateOf(absolute).kind === 'found';
      attachments.set(target, inside ? await this.hashOf(absolute) : undefined);
    }
    return evidenceDigestV2(fieldsHash, attachments);
  }

  /** Asks git again about every signed file (after a commit, a checkout or a pull) and checks them again. */
  async retraceSignoffs(): Promise<void> {
    const paths = [...this.cache.paths()];
    this.signoffHistory.clear();
    this.signatures.clear();
    await this.traceSignoffs(paths);
    for (const path of paths) if (this.cache.get(path)?.frontMatter?.lifecycle?.signoffs.length) this.evaluate(path);
    this.fire();
  }

  /** What git said of the sign-offs of the file at `path`, as the rules were handed it (for views of the proofs). */
  signoffTraceOf(path: string): EvidenceContext['signoffTrace'] {
    // An editor's unsaved text is not what git blamed unless its sign-offs are where and what they are on disk.
    const overlay = this.overlays.get(path);
    const file = overlay && !sameSignoffs(overlay, this.cache.get(path)) ? undefined : this.signoffHistory.get(path);
    return { file, signature: (commit) => this.signatures.get(commit) };
  }

  /** Keeps the file's dated off-the-job entries and periods that its own checks did not reject, for the 24-hour day across the portfolio. */
  private recordOtjDays(path: string, relative: string, frontMatter: FileAnalysis['frontMatter'], diagnostics: readonly PortfolioDiagnostic[]): void {
    const otj = frontMatter?.lifecycle?.otj ?? [];
    const entries: DayEntry[] = [];
    const periods: PeriodEntry[] = [];
    for (const entry of otj) {
      const day = entry.date ?? frontMatter?.date?.slice(0, 10);
      if (day === undefined || isRejected(diagnostics, 'otj', entry.index)) continue;
      const where = { path, relativePath: relative, index: entry.index, hours: entry.hours, range: entry.hoursRange };
      if (entry.to === undefined) entries.push({ ...where, day });
      else periods.push({ ...where, from: day, to: entry.to });
    }
    if (entries.length > 0) this.otjDays.set(path, entries);
    if (periods.length > 0) this.otjPeriods.set(path, periods);
  }

  /** Judges what spans files again (review dates, hours a day); a path whose findings changed counts as changed. */
  private updatePortfolioFindings(): void {
    const portfolio = this.config.portfolio;
    const config = portfolio?.config;
    const interval = (config?.gateway?.['review-interval'] && parseInterval(config.gateway['review-interval'])) || DEFAULT_REVIEW_INTERVAL;
    const findings = portfolio
      ? overdueReviews([...this.reviews.values()], {
          interval,
          start: config?.start,
          end: config?.end,
          today: this.options.today?.(),
          configPath: this.config.configPath,
          startRange: this.config.rangeOf('start'),
        })
      : new Map<string, PortfolioDiagnostic[]>();
    if (portfolio) {
      const days = [...this.otjDays.values()].flat();
      for (const [path, found] of [...overfullDays(days), ...overfullPeriods([...this.otjPeriods.values()].flat(), days)])
        findings.set(path, [...(findings.get(path) ?? []), ...found]);
    }
    const noEvidence = portfolio && checkNoEvidence(this.counted.values(), this.config.rangeOf('evidence'));
    if (noEvidence) findings.set(this.config.configPath, [...(findings.get(this.config.configPath) ?? []), noEvidence]);
    for (const path of new Set([...findings.keys(), ...this.portfolioFindings.keys()])) {
      if (JSON.stringify(findings.get(path)) !== JSON.stringify(this.portfolioFindings.get(path))) this.changedPaths.add(path);
    }
    this.portfolioFindings = findings;
  }

  private fire(): void {
    this.updatePortfolioFindings();
    const change: IndexChange = { all: this.changedEverything, paths: [...this.changedPaths] };
    this.changedPaths.clear();
    this.changedEverything = false;
    for (const listener of this.listeners) listener(change);
  }
}

/** The numbers from `first` to `last`, both included. */
function range(first: number, last: number): number[] {
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}

/** Whether two analyses of one file hold the same sign-offs on the same lines. */
function sameSignoffs(a: FileAnalysis, b: FileAnalysis | undefined): boolean {
  const shape = (analysis: FileAnalysis | undefined) =>
    JSON.stringify((analysis?.frontMatter?.lifecycle?.signoffs ?? []).map((s) => [s.range, s.by, s.role, s.date, s.digest]));
  return b !== undefined && shape(a) === shape(b);
}
