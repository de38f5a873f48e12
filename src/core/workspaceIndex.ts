import { analyzeBytes, analyzeText, type FileAnalysis } from './analysis';
import { builtinCatalogue } from './catalogue/builtin';
import { parseStandardFile, type Catalogue } from './catalogue/catalogue';
import { CONFIG_FILE_NAME, parseConfig, resolveConfig, type Portfolio } from './config';
import { computeCoverage, type Coverage, type EvidenceReference } from './coverage';
import { DiagnosticCode, FILE_START, type PortfolioDiagnostic } from './diagnostics';
import { DATA_FILE_READ_LIMIT, describeReadError, formatBytes, MARKDOWN_READ_LIMIT } from './fileLimits';
import type { DirectoryEntry, FileStat, PortfolioFileSystem } from './fileSystem';
import type { Claim } from './frontMatter';
import { basename, dirname, joinPath, relativePath } from './paths';
import { checkFile } from './rules/checkFile';
import { unreadableFile, unreadableEntry } from './rules/fileRules';
import { decodeText } from './text';

/** Folders never walked: dependencies and version-control internals hold no evidence. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

/** Where extra standard data files are looked for, next to the config. */
export const STANDARDS_FOLDER = 'standards';

/** Files read at once while loading; enough to keep the disk busy without flooding memory. */
const READ_CONCURRENCY = 64;

/** Options of an index. */
export interface IndexOptions {
  /** The shipped standards; extra ones from the workspace are added to a copy. */
  readonly catalogue?: Catalogue;
  /** Paths (relative to the root) the host excludes, such as VS Code's `files.exclude`. */
  readonly isExcluded?: (relativePath: string) => boolean;
  /**
   * For a one-shot check (the CLI's `check`): each file is read, checked and forgotten but for
   * its diagnostics, so memory holds no parse, claim or link of it (a twelfth of the memory at
   * 20 000 files). Coverage, evidence look-ups and incremental updates are not for such an index.
   */
  readonly diagnosticsOnly?: boolean;
  /** Today's local date, `YYYY-MM-DD`, for the rules about dates; without it they do not run (the core has no clock). */
  readonly today?: () => string;
}

/** What a diagnostics-only index keeps of a file's parse: nothing. */
const FORGOTTEN_ANALYSIS: FileAnalysis = { frontMatter: undefined, links: [], diagnostics: [], unreadable: false };

/** One Markdown file as the index knows it. */
export interface IndexedFile {
  readonly path: string;
  readonly relativePath: string;
  readonly analysis: FileAnalysis;
  /** Whether the file is evidence: matched by the config's globs, or claiming via `ksbs:`. */
  readonly isEvidence: boolean;
  readonly validClaims: readonly Claim[];
  /** Every finding for the file, attachments included. */
  readonly diagnostics: readonly PortfolioDiagnostic[];
}

/** What an index change touched: some files, or everything (config or standards changed). */
export interface IndexChange {
  readonly all: boolean;
  /** Files whose diagnostics or claims may have changed. */
  readonly paths: readonly string[];
}

interface CacheEntry {
  readonly mtime: number;
  readonly size: number;
  readonly analysis: FileAnalysis;
}

/**
 * The portfolio in one folder: its config, every Markdown file's analysis, the diagnostics of
 * each and the coverage. Parses are cached on path, mtime and size; a change to one file
 * updates that file's contribution only.
 */
export class PortfolioIndex {
  private catalogue: Catalogue;
  private portfolioValue: Portfolio | undefined;
  private readonly configPath: string;
  /** Analyses from disk, keyed by absolute path. */
  private readonly cache = new Map<string, CacheEntry>();
  /** Unsaved editor texts, which win over disk. */
  private readonly overlays = new Map<string, FileAnalysis>();
  /** Evaluated files (analysis + config), rebuilt lazily. */
  private readonly files = new Map<string, IndexedFile>();
  /** Every file the walk saw, for attachment checks without a stat per link. */
  private readonly knownPaths = new Set<string>();
  /** Every folder the walk saw; links may point at folders too. */
  private readonly knownFolders = new Set<string>();
  /** Whether link targets outside the walked tree exist, from one stat each. */
  private readonly outsideTargets = new Map<string, boolean>();
  /** Which files link to each target path, so a file appearing rechecks only those. */
  private readonly linksByTarget = new Map<string, Set<string>>();
  private readonly claimsByCode = new Map<string, Map<string, EvidenceReference>>();
  /** Diagnostics of non-Markdown files: the config and extra standard data. */
  private readonly otherDiagnostics = new Map<string, PortfolioDiagnostic[]>();
  /**
   * What the walk could not read, by path: unreadable folders, symbolic links (never followed),
   * pipes and devices named like Markdown, names that are not UTF-8. Reported so nothing is
   * dropped without a word.
   */
  private readonly treeDiagnostics = new Map<string, PortfolioDiagnostic[]>();
  /** Symbolic links to folders found by the walk: not walked, but links through them are stat-ed. */
  private readonly linkedFolders = new Set<string>();
  /** The `standards:` paths of the config as last read, resolved or not. */
  private configuredStandards: readonly string[] = [];
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
    this.catalogue = options.catalogue ?? builtinCatalogue();
    this.configPath = joinPath(root, CONFIG_FILE_NAME);
  }

  /** The resolved config, or `undefined` when it is missing or unusable. */
  get portfolio(): Portfolio | undefined {
    return this.portfolioValue;
  }

  /** The catalogue in force here: shipped standards plus the workspace's own. */
  get standards(): Catalogue {
    return this.catalogue;
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
      try {
        await this.loadConfig();
      } finally {
        // Even a config that failed to load counts: callers waiting on it must not hang.
        this.markConfigured();
      }
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
      await this.loadConfig();
    } finally {
      this.markConfigured();
    }
  }

  private async loadFiles(): Promise<void> {
    this.knownPaths.clear();
    this.knownFolders.clear();
    this.outsideTargets.clear();
    this.treeDiagnostics.clear();
    this.linkedFolders.clear();
    const markdownFiles: string[] = [];
    await this.walk(this.root, markdownFiles);
    const live = new Set(markdownFiles);
    for (const path of [...this.cache.keys()]) if (!live.has(path)) this.cache.delete(path);
    if (this.options.diagnosticsOnly) {
      await this.checkAndForget(markdownFiles);
      return;
    }
    for (let i = 0; i < markdownFiles.length; i += READ_CONCURRENCY) {
      await Promise.all(markdownFiles.slice(i, i + READ_CONCURRENCY).map((path) => this.readIntoCache(path)));
    }
    // Unsaved texts too: their links may differ from the disk's.
    await this.statOutsideTargets([...new Set([...this.cache.keys(), ...this.overlays.keys()])]);
    this.reevaluateAll();
  }

  /**
   * Brings one path up to date after it was created, changed or deleted on disk. The config and
   * standard data files trigger a full re-evaluation; a Markdown file updates only itself; a
   * folder, or a nested `portfolio.yaml`, is read again below it.
   */
  async refresh(path: string): Promise<void> {
    if (path === this.root || path === this.configPath || this.isStandardDataPath(path)) {
      await this.load();
      return;
    }
    if (!this.contains(path)) return;
    if (this.isOutsideWalk(path)) {
      await this.restatOutsideTargetsAround(path);
      if (this.changedPaths.size > 0) this.fire();
      return;
    }
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
    const changesParent = basename(path) === CONFIG_FILE_NAME ? !(isFile && this.knownPaths.has(path)) : isFile && this.knownFolders.has(path);
    if (changesParent) {
      await this.rescan(dirname(path));
    } else if (!isFile) {
      await this.rescan(path);
    } else {
      const wasKnown = this.knownPaths.has(path);
      this.knownPaths.add(path);
      if (isMarkdown(path) && !this.isInNestedPortfolio(path)) {
        await this.readIntoCache(path, stat);
        await this.statOutsideTargets([path]);
        this.evaluate(path);
      }
      // A file appearing can fix other files' attachment links.
      if (!wasKnown) this.recheckLinksTo(path);
    }
    this.fire();
  }

  /** A link, pipe or device appeared at `path`: known to exist, reported, never read. */
  private async refreshUnreadEntry(path: string, stat: FileStat): Promise<void> {
    const flag = stat.symbolicLink ? 'symbolic-link' : undefined;
    if (stat.type === 'directory' && flag) this.linkedFolders.add(path);
    else this.knownPaths.add(path);
    if (this.cache.delete(path)) this.evaluate(path);
    if (stat.type === 'directory' || isMarkdown(path)) this.treeDiagnostics.set(path, [unreadableEntry(stat.type, flag)]);
    this.changedPaths.add(path);
    this.recheckLinksTo(path);
    this.fire();
  }

  /** Forgets a deleted file or everything under a deleted folder. */
  async remove(path: string): Promise<void> {
    if (path === this.root || path === this.configPath || this.isStandardDataPath(path)) {
      await this.load();
      return;
    }
    if (!this.contains(path)) return;
    if (this.isOutsideWalk(path)) {
      await this.restatOutsideTargetsAround(path);
      if (this.changedPaths.size > 0) this.fire();
      return;
    }
    if (this.treeDiagnostics.delete(path)) this.changedPaths.add(path);
    if (this.linkedFolders.delete(path)) this.recheckLinksUnder(path);
    // The events for the folders that held it may never have come.
    await this.learnFoldersAbove(path, false);
    if (this.knownFolders.has(path)) {
      await this.rescan(path);
    } else if (this.knownPaths.delete(path) && basename(path) === CONFIG_FILE_NAME) {
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
    this.overlays.set(path, analyzeText(text));
    await this.statOutsideTargets([path]);
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

  /** Every indexed Markdown file, in path order. */
  allFiles(): IndexedFile[] {
    return [...this.files.values()].sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  }

  /** Every diagnostic, keyed by absolute path, including the config's and standard files'. */
  allDiagnostics(): Map<string, readonly PortfolioDiagnostic[]> {
    const result = new Map<string, readonly PortfolioDiagnostic[]>();
    for (const [path, diagnostics] of this.otherDiagnostics) if (diagnostics.length > 0) result.set(path, diagnostics);
    for (const [path, diagnostics] of this.treeDiagnostics) if (diagnostics.length > 0) result.set(path, diagnostics);
    for (const file of this.files.values()) if (file.diagnostics.length > 0) result.set(file.path, file.diagnostics);
    return result;
  }

  /** Diagnostics for one path (Markdown, config or standard data file). */
  diagnosticsFor(path: string): readonly PortfolioDiagnostic[] {
    return this.files.get(path)?.diagnostics ?? this.otherDiagnostics.get(path) ?? this.treeDiagnostics.get(path) ?? [];
  }

  /** Coverage of the configured standard and option; `undefined` without a usable config. */
  coverage(): Coverage | undefined {
    return this.portfolioValue && computeCoverage(this.portfolioValue, this.claimsByCode);
  }

  /** The evidence files that validly claim `code`. */
  evidenceFor(code: string): EvidenceReference[] {
    return [...(this.claimsByCode.get(code)?.values() ?? [])];
  }

  /** Whether `path` lies inside this portfolio's root. */
  contains(path: string): boolean {
    return relativePath(this.root, path) !== undefined;
  }

  private async loadConfig(): Promise<void> {
    this.otherDiagnostics.clear();
    this.configuredStandards = [];
    this.catalogue = this.options.catalogue ?? builtinCatalogue();
    const text = await this.readText(this.configPath, DiagnosticCode.InvalidConfig);
    if (text === undefined) {
      this.portfolioValue = undefined;
      return;
    }
    const parsed = parseConfig(text);
    // Remembered even when the config does not resolve: creating a named file must reload it.
    this.configuredStandards = parsed.config?.standards ?? [];
    const missing = parsed.config ? await this.loadStandards(parsed.config.standards ?? []) : [];
    const { portfolio, diagnostics } = resolveConfig(parsed, this.catalogue);
    this.portfolioValue = portfolio;
    for (const path of missing) {
      diagnostics.push({
        code: DiagnosticCode.InvalidConfig,
        message: `Expected a standard data file or folder at \`${path}\`, found none`,
        range: parsed.rangeOf('standards'),
      });
    }
    // Problems found while loading the standards it names come after the config's own.
    this.otherDiagnostics.set(this.configPath, [...diagnostics, ...(this.otherDiagnostics.get(this.configPath) ?? [])]);
  }

  /**
   * Adds the workspace's standard data files (the `standards/` folder and configured paths);
   * returns the configured paths that do not exist.
   */
  private async loadStandards(configured: readonly string[]): Promise<string[]> {
    const candidates = [joinPath(this.root, STANDARDS_FOLDER), ...configured.map((p) => joinPath(this.root, p))];
    const files: string[] = [];
    const missing: string[] = [];
    for (const [index, candidate] of candidates.entries()) {
      const written = index > 0 ? configured[index - 1] : undefined;
      if (written?.startsWith('/')) {
        this.addConfigProblem(`Expected a path relative to ${CONFIG_FILE_NAME} in \`standards\`, found the absolute path \`${written}\`: files outside the portfolio are never read`);
        continue;
      }
      if (written !== undefined && relativePath(this.root, candidate) === undefined) {
        this.addConfigProblem(`Expected a standard data file or folder inside the portfolio, found \`${written}\`, which is outside it: files outside the portfolio are never read`);
        continue;
      }
      const stat = await this.fs.stat(candidate);
      if (stat?.symbolicLink || (stat && written !== undefined && (await this.linkOnTheWay(candidate)))) {
        this.addConfigProblem(`Expected a standard data file or folder, found a symbolic link at \`${written ?? STANDARDS_FOLDER}\`: links are never followed, so it was not read`);
      } else if (stat?.type === 'file') files.push(candidate);
      else if (stat?.type === 'directory') {
        let entries: readonly DirectoryEntry[];
        try {
          entries = await this.fs.readDirectory(candidate);
        } catch (error) {
          this.addConfigProblem(`Expected a readable folder of standard data at \`${written ?? STANDARDS_FOLDER}\`, found an error: ${describeReadError(error)}`);
          continue;
        }
        for (const [name, type, flag] of entries) {
          if (!/\.(ya?ml|json)$/i.test(name)) continue;
          if (type === 'file' && flag === undefined) files.push(joinPath(candidate, name));
          else this.otherDiagnostics.set(joinPath(candidate, name), [unreadableEntry(type, flag)]);
        }
      } else if (stat?.type === 'other') {
        this.addConfigProblem(`Expected a standard data file or folder at \`${written ?? STANDARDS_FOLDER}\`, found a named pipe, socket or device: it was not read`);
      } else if (written !== undefined) {
        missing.push(written);
      }
    }
    if (files.length === 0) return missing;
    const catalogue = this.catalogue.clone();
    for (const file of files.sort()) {
      const text = await this.readText(file, DiagnosticCode.InvalidStandard);
      if (text === undefined) continue;
      const result = parseStandardFile(text, relativePath(this.root, file) ?? basename(file));
      if (result.ok) catalogue.add(result.standard);
      else {
        this.otherDiagnostics.set(
          file,
          result.problems.map((problem) => ({ code: DiagnosticCode.InvalidStandard, message: problem.message, range: problem.range })),
        );
      }
    }
    this.catalogue = catalogue;
    return missing;
  }

  /** Whether `path` is, holds or lies below a place standard data is loaded from. */
  private isStandardDataPath(path: string): boolean {
    if (!this.contains(path)) return false;
    const places = [STANDARDS_FOLDER, ...this.configuredStandards].map((place) => joinPath(this.root, place));
    return places.some((place) => place === path || place.startsWith(`${path}/`) || path.startsWith(`${place}/`));
  }

  /**
   * Collects the Markdown files below `folder` and records every path seen. A subfolder with its
   * own `portfolio.yaml` is another portfolio: its files are known (links to them resolve) but
   * not indexed here.
   */
  private async walk(folder: string, markdownFiles: string[], collect = true): Promise<void> {
    let entries: readonly DirectoryEntry[];
    try {
      entries = await this.fs.readDirectory(folder);
    } catch (error) {
      // The folder exists (its parent listed it) but holds files we cannot check: say so.
      // A folder that is gone (a rescan after a delete) is simply not there; only one still there is reported.
      if (collect && (await this.fs.stat(folder))?.type === 'directory') {
        const message = `Expected a folder that can be read, found an error: ${describeReadError(error)}: the files in it were not checked`;
        this.treeDiagnostics.set(folder, [unreadableFile(message)]);
      }
      return;
    }
    this.knownFolders.add(folder);
    const nestedPortfolio = folder !== this.root && entries.some(([name, type, flag]) => name === CONFIG_FILE_NAME && type === 'file' && flag !== 'undecodable-name');
    const collectHere = collect && !nestedPortfolio;
    const subfolders: string[] = [];
    for (const [name, type, flag] of entries) {
      const path = joinPath(folder, name);
      const relative = relativePath(this.root, path) ?? name;
      if (type === 'directory' ? SKIPPED_FOLDERS.has(name) || this.options.isExcluded?.(relative) : this.options.isExcluded?.(relative)) continue;
      if (flag === 'undecodable-name') {
        if (collectHere && (type === 'directory' || isMarkdown(name))) this.treeDiagnostics.set(path, [unreadableEntry(type, flag)]);
      } else if (flag === 'symbolic-link') {
        // Links are never followed (they may lead out of the portfolio, or round in a loop), but
        // what they point at exists, so links through them in Markdown still resolve.
        if (type === 'directory') this.linkedFolders.add(path);
        else this.knownPaths.add(path);
        if (collectHere && (type === 'directory' || isMarkdown(name))) this.treeDiagnostics.set(path, [unreadableEntry(type, flag)]);
      } else if (type === 'directory') {
        subfolders.push(path);
      } else {
        this.knownPaths.add(path);
        if (!collectHere || !isMarkdown(name)) continue;
        if (type === 'file') markdownFiles.push(path);
        else this.treeDiagnostics.set(path, [unreadableEntry(type, flag)]);
      }
    }
    await Promise.all(subfolders.map((sub) => this.walk(sub, markdownFiles, collectHere)));
  }

  /** Reads and analyses a file unless the cache has it at this mtime and size; `known` spares a second stat. */
  private async readIntoCache(path: string, known?: FileStat): Promise<void> {
    const stat = known ?? (await this.fs.stat(path));
    if (stat?.type !== 'file') {
      this.cache.delete(path);
      return;
    }
    const cached = this.cache.get(path);
    if (cached && cached.mtime === stat.mtime && cached.size === stat.size) return;
    let analysis: FileAnalysis;
    try {
      analysis = analyzeBytes(await this.fs.readFile(path, MARKDOWN_READ_LIMIT), stat.size);
    } catch (error) {
      analysis = {
        frontMatter: undefined,
        links: [],
        unreadable: true,
        diagnostics: [unreadableFile(`Expected a readable file, found an error: ${describeReadError(error)}`)],
      };
    }
    this.cache.set(path, { mtime: stat.mtime, size: stat.size, analysis });
  }

  /**
   * The text of the config or a standard data file, or `undefined` with a diagnostic (of `code`)
   * saying why it was not read. A missing file is no problem here: the caller knows what that means.
   */
  private async readText(path: string, code: DiagnosticCode): Promise<string | undefined> {
    const name = relativePath(this.root, path) ?? basename(path);
    const refuse = (found: string) => {
      this.otherDiagnostics.set(path, [{ code, message: `Expected \`${name}\` to be a readable text file, found ${found}`, range: FILE_START }]);
      return undefined;
    };
    const stat = await this.fs.stat(path);
    if (!stat) return undefined;
    if (stat.symbolicLink) return refuse('a symbolic link: links are never followed, so it was not read');
    if (stat.type === 'directory') return refuse('a folder');
    if (stat.type === 'other') return refuse('a named pipe, socket or device: it was not read');
    if (stat.size > DATA_FILE_READ_LIMIT) return refuse(`${formatBytes(stat.size)}, over the ${formatBytes(DATA_FILE_READ_LIMIT)} limit: it was not read`);
    let bytes: Uint8Array;
    try {
      bytes = await this.fs.readFile(path, DATA_FILE_READ_LIMIT);
    } catch (error) {
      return refuse(`an error: ${describeReadError(error)}`);
    }
    const decoded = decodeText(bytes);
    if (!decoded.ok) {
      this.otherDiagnostics.set(path, [{ code, message: decoded.reason, range: FILE_START }]);
      return undefined;
    }
    return decoded.text;
  }

  private addConfigProblem(message: string): void {
    let diagnostics = this.otherDiagnostics.get(this.configPath);
    if (!diagnostics) this.otherDiagnostics.set(this.configPath, (diagnostics = []));
    diagnostics.push({ code: DiagnosticCode.InvalidConfig, message, range: FILE_START });
  }

  /** Whether a folder between the root and `path` (both excluded) is a symbolic link. */
  private async linkOnTheWay(path: string): Promise<boolean> {
    for (let folder = dirname(path); folder !== this.root && relativePath(this.root, folder) !== undefined; folder = dirname(folder)) {
      if ((await this.fs.stat(folder))?.symbolicLink) return true;
    }
    return false;
  }


  /** Reads, checks and forgets the files a few at a time, keeping only their diagnostics. */
  private async checkAndForget(markdownFiles: readonly string[]): Promise<void> {
    this.changedEverything = true;
    this.files.clear();
    this.claimsByCode.clear();
    this.linksByTarget.clear();
    for (let i = 0; i < markdownFiles.length; i += READ_CONCURRENCY) {
      const chunk = markdownFiles.slice(i, i + READ_CONCURRENCY);
      await Promise.all(chunk.map((path) => this.readIntoCache(path)));
      await this.statOutsideTargets(chunk);
      for (const path of chunk) {
        this.evaluate(path);
        this.cache.delete(path);
        const file = this.files.get(path);
        if (!file) continue;
        for (const claim of file.validClaims) this.claimsByCode.get(claim.code)?.delete(file.relativePath);
        for (const link of file.analysis.links) this.linksByTarget.get(this.linkTarget(path, link.target))?.delete(path);
        this.files.set(path, { ...file, analysis: FORGOTTEN_ANALYSIS, validClaims: [] });
      }
    }
    this.fire();
  }

  private reevaluateAll(): void {
    this.changedEverything = true;
    this.files.clear();
    this.claimsByCode.clear();
    this.linksByTarget.clear();
    for (const path of new Set([...this.cache.keys(), ...this.overlays.keys()])) this.evaluate(path);
    this.fire();
  }

  /** Re-evaluates the files that link to `target`. */
  private recheckLinksTo(target: string): void {
    for (const source of [...(this.linksByTarget.get(target) ?? [])]) this.evaluate(source);
  }

  /** Re-evaluates the files that link to `folder` or anything below it. */
  private recheckLinksUnder(folder: string): void {
    const prefix = `${folder}/`;
    for (const target of [...this.linksByTarget.keys()]) if (target === folder || target.startsWith(prefix)) this.recheckLinksTo(target);
  }

  /**
   * Reads `folder` again: what is gone below it is forgotten, what is there is read, and the files
   * linking into it are checked again. A folder that is gone ends up forgotten with all below it.
   * Costs one pass over the index, as forgetting a folder always did.
   */
  private async rescan(folder: string): Promise<void> {
    const prefix = `${folder}/`;
    const isBelow = (path: string) => path === folder || path.startsWith(prefix);
    for (const known of [...this.knownPaths]) if (isBelow(known)) this.knownPaths.delete(known);
    for (const known of [...this.knownFolders]) if (isBelow(known)) this.knownFolders.delete(known);
    for (const linked of [...this.linkedFolders]) if (isBelow(linked)) this.linkedFolders.delete(linked);
    for (const reported of [...this.treeDiagnostics.keys()]) if (isBelow(reported) && this.treeDiagnostics.delete(reported)) this.changedPaths.add(reported);
    const found: string[] = [];
    await this.walk(folder, found, !this.isInNestedPortfolio(folder));
    const live = new Set(found);
    for (const cached of [...this.cache.keys()]) if (isBelow(cached) && !live.has(cached)) this.cache.delete(cached);
    for (let i = 0; i < found.length; i += READ_CONCURRENCY) {
      await Promise.all(found.slice(i, i + READ_CONCURRENCY).map((file) => this.readIntoCache(file)));
    }
    await this.statOutsideTargets(found);
    for (const path of new Set([...this.files.keys(), ...this.cache.keys(), ...this.overlays.keys()])) if (isBelow(path)) this.evaluate(path);
    this.recheckLinksUnder(folder);
    await this.restatOutsideTargetsAround(folder);
  }

  /**
   * Knows the folders above `path` that the walk never saw (a watcher may report a new file but
   * not the folders made for it), and rechecks the files linking to them. A known folder's
   * parents are known, so the climb stops at the first. When `path` is gone its folders may be
   * too, so those are statted, deepest first, until one exists (and with it all above).
   */
  private async learnFoldersAbove(path: string, pathExists: boolean): Promise<void> {
    let exists = pathExists;
    for (let folder = dirname(path); folder !== this.root && this.contains(folder) && !this.knownFolders.has(folder); folder = dirname(folder)) {
      exists ||= (await this.fs.stat(folder))?.type === 'directory';
      if (!exists) continue;
      this.knownFolders.add(folder);
      this.recheckLinksTo(folder);
    }
  }

  /** Whether `path` lies below a folder (other than the root) holding its own `portfolio.yaml`. */
  private isInNestedPortfolio(path: string): boolean {
    for (let folder = dirname(path); folder !== this.root && this.contains(folder); folder = dirname(folder)) {
      if (this.knownPaths.has(`${folder}/${CONFIG_FILE_NAME}`)) return true;
    }
    return false;
  }

  /**
   * Stats again the link targets outside the walk that an event at `path` can have changed: the
   * path itself, what lies below it and the folders above it.
   */
  private async restatOutsideTargetsAround(path: string): Promise<void> {
    if (this.outsideTargets.size === 0) return;
    const prefix = `${path}/`;
    const affected: string[] = [];
    for (const target of this.outsideTargets.keys()) if (target === path || target.startsWith(prefix) || path.startsWith(`${target}/`)) affected.push(target);
    await Promise.all(affected.map(async (target) => this.outsideTargets.set(target, (await this.fs.stat(target).catch(() => undefined)) !== undefined)));
    for (const target of affected) this.recheckLinksTo(target);
  }

  /** Stats the link targets of `paths` that lie outside the walked tree, once each. */
  private async statOutsideTargets(paths: readonly string[]): Promise<void> {
    const targets = new Set<string>();
    for (const path of paths) {
      const analysis = this.overlays.get(path) ?? this.cache.get(path)?.analysis;
      for (const link of analysis?.links ?? []) {
        const target = this.linkTarget(path, link.target);
        if (this.isOutsideWalk(target) && !this.outsideTargets.has(target)) targets.add(target);
      }
    }
    await Promise.all([...targets].map(async (target) => this.outsideTargets.set(target, (await this.fs.stat(target).catch(() => undefined)) !== undefined)));
  }

  private linkTarget(fromFile: string, target: string): string {
    return target.startsWith('/') ? joinPath(this.root, target) : joinPath(dirname(fromFile), target);
  }

  /** Whether the walk never reaches `target`: outside the root, or at or below a skipped or excluded path. */
  private isOutsideWalk(target: string): boolean {
    const relative = relativePath(this.root, target);
    if (relative === undefined) return true;
    if (relative === '') return false;
    if (isInsideSkippedFolder(relative) || this.isInsideLinkedFolder(target)) return true;
    const isExcluded = this.options.isExcluded;
    if (!isExcluded) return false;
    // The walk leaves out an excluded folder whole, so each folder above counts, not only the path.
    for (let end = relative.indexOf('/'); end !== -1; end = relative.indexOf('/', end + 1)) if (isExcluded(relative.slice(0, end))) return true;
    return isExcluded(relative);
  }

  /** Whether `path` lies below a symbolic link to a folder, which the walk does not follow. */
  private isInsideLinkedFolder(path: string): boolean {
    if (this.linkedFolders.size === 0) return false;
    for (let folder = dirname(path); relativePath(this.root, folder) !== undefined && folder !== this.root; folder = dirname(folder)) {
      if (this.linkedFolders.has(folder)) return true;
    }
    return false;
  }

  /** Recomputes one file's diagnostics and its contribution to coverage. */
  private evaluate(path: string): void {
    this.changedPaths.add(path);
    const relative = relativePath(this.root, path);
    const previous = this.files.get(path);
    if (previous) {
      for (const claim of previous.validClaims) this.claimsByCode.get(claim.code)?.delete(previous.relativePath);
      for (const link of previous.analysis.links) this.linksByTarget.get(this.linkTarget(path, link.target))?.delete(path);
      this.files.delete(path);
    }
    const analysis = this.overlays.get(path) ?? this.cache.get(path)?.analysis;
    if (!analysis || relative === undefined) return;
    // The walk vouches for what it read; an editor's text counts only where the walk would index it.
    if (!this.cache.has(path) && (this.isOutsideWalk(path) || this.isInNestedPortfolio(path))) return;

    const portfolio = this.portfolioValue;
    const frontMatter = analysis.frontMatter;
    const matchedByGlobs = portfolio?.matchesEvidenceGlobs?.(relative);
    // Without globs, a Markdown file is evidence when it says so with a `ksbs:` key.
    const isEvidence = matchedByGlobs ?? frontMatter?.hasKsbsKey === true;
    const considered = matchedByGlobs ?? true;
    if (!considered) return;

    const { diagnostics, validClaims, evidenceChecked } = checkFile(
      { path, analysis, isEvidence },
      { portfolio, catalogue: this.catalogue, linkTargetExists: (link) => this.exists(this.linkTarget(path, link.target)), today: this.options.today?.() },
    );
    if (evidenceChecked) {
      for (const link of analysis.links) {
        const target = this.linkTarget(path, link.target);
        let sources = this.linksByTarget.get(target);
        if (!sources) this.linksByTarget.set(target, (sources = new Set()));
        sources.add(path);
      }
    }
    const indexed: IndexedFile = { path, relativePath: relative, analysis, isEvidence, validClaims, diagnostics };
    this.files.set(path, indexed);
    for (const claim of validClaims) {
      let byFile = this.claimsByCode.get(claim.code);
      if (!byFile) this.claimsByCode.set(claim.code, (byFile = new Map()));
      byFile.set(relative, { relativePath: relative, title: frontMatter?.title, range: claim.range });
    }
  }

  private exists(target: string): boolean {
    return this.knownPaths.has(target) || this.knownFolders.has(target) || this.outsideTargets.get(target) === true;
  }

  private fire(): void {
    const change: IndexChange = { all: this.changedEverything, paths: [...this.changedPaths] };
    this.changedPaths.clear();
    this.changedEverything = false;
    for (const listener of this.listeners) listener(change);
  }
}

function isMarkdown(path: string): boolean {
  return /\.(md|markdown)$/i.test(path);
}

function isInsideSkippedFolder(relative: string): boolean {
  return relative.split('/').some((segment) => SKIPPED_FOLDERS.has(segment));
}
