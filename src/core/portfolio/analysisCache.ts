import { analyzeBytes, type AnalysisOptions, type FileAnalysis } from '../read/analysis';
import { DEFAULT_PLACEHOLDERS, placeholderPattern } from '../read/placeholders';
import { describeReadError, MARKDOWN_READ_LIMIT } from '../base/fileLimits';
import type { FileStat, PortfolioFileSystem } from '../base/fileSystem';
import { FILE_START } from '../base/text';

/** Files read at once while loading; enough to keep the disk busy without flooding memory. */
export const READ_CONCURRENCY = 64;

/** A file to analyse: its path and the size its stat gave. */
export interface FileToAnalyze {
  readonly path: string;
  readonly size: number;
}

/**
 * A host's way to analyse many files at once (the CLI: on worker threads). It must give, in
 * order, exactly what `analyzeFile` gives for each file: the index cannot tell the two apart.
 */
export type BatchAnalyzer = (files: readonly FileToAnalyze[], options: AnalysisOptions) => Promise<readonly FileAnalysis[]>;

/** Reads and analyses one file as the index does: at most MARKDOWN_READ_LIMIT bytes, a read error a finding. */
export async function analyzeFile(fs: PortfolioFileSystem, path: string, size: number, options: AnalysisOptions = {}): Promise<FileAnalysis> {
  try {
    return analyzeBytes(await fs.readFile(path, MARKDOWN_READ_LIMIT), size, options);
  } catch (error) {
    return {
      frontMatter: undefined,
      links: [],
      unreadable: true,
      findings: [{ kind: 'file-read-error', error: describeReadError(error), range: FILE_START }],
    };
  }
}

interface CacheEntry {
  readonly mtime: number;
  readonly size: number;
  readonly analysis: FileAnalysis;
}

/** Analyses of Markdown files from disk, keyed by absolute path and kept while mtime and size stay. */
export class AnalysisCache {
  private readonly entries = new Map<string, CacheEntry>();
  private placeholdersWritten: string | undefined = JSON.stringify(DEFAULT_PLACEHOLDERS);
  private options: AnalysisOptions = {};

  constructor(
    private readonly fs: PortfolioFileSystem,
    /** Analyses batches elsewhere (other threads); without it every file is analysed here. */
    private readonly batchAnalyzer?: BatchAnalyzer,
  ) {}

  /** Whether batches go to a host's analyser, so that callers hand over larger batches. */
  get analyzesInBatches(): boolean {
    return this.batchAnalyzer !== undefined;
  }

  /**
   * The placeholders to look for (`placeholders:` of portfolio.yaml; `undefined` for the defaults).
   * Other ones than before forget every analysis, so the next read finds them in every file.
   */
  setPlaceholders(phrases: readonly string[] | undefined): void {
    const written = JSON.stringify(phrases ?? DEFAULT_PLACEHOLDERS);
    if (written === this.placeholdersWritten) return;
    this.placeholdersWritten = written;
    this.options = phrases === undefined ? {} : { placeholders: placeholderPattern(phrases) };
    this.entries.clear();
  }

  /** How files are analysed now, for texts analysed outside the cache (an editor's unsaved text). */
  get analysisOptions(): AnalysisOptions {
    return this.options;
  }

  /** The cached analysis of `path`, if it was read. */
  get(path: string): FileAnalysis | undefined {
    return this.entries.get(path)?.analysis;
  }

  /** Whether `path` was read (the walk vouches for it). */
  has(path: string): boolean {
    return this.entries.has(path);
  }

  /** Forgets `path`; whether it was cached. */
  delete(path: string): boolean {
    return this.entries.delete(path);
  }

  /** The paths cached. */
  paths(): IterableIterator<string> {
    return this.entries.keys();
  }

  /** Reads and analyses a file unless the cache has it at this mtime and size; `known` spares a second stat. */
  async read(path: string, known?: FileStat): Promise<void> {
    const stat = known ?? (await this.fs.stat(path));
    if (stat?.type !== 'file') {
      this.entries.delete(path);
      return;
    }
    const cached = this.entries.get(path);
    if (cached && cached.mtime === stat.mtime && cached.size === stat.size) return;
    this.entries.set(path, { mtime: stat.mtime, size: stat.size, analysis: await analyzeFile(this.fs, path, stat.size, this.options) });
  }

  /** Reads `paths` as `read` does, READ_CONCURRENCY at a time, or (with a batch analyser) statted here and analysed in one batch. */
  async readAll(paths: readonly string[]): Promise<void> {
    if (this.batchAnalyzer) return this.readBatch(paths, this.batchAnalyzer);
    for (let i = 0; i < paths.length; i += READ_CONCURRENCY) {
      await Promise.all(paths.slice(i, i + READ_CONCURRENCY).map((path) => this.read(path)));
    }
  }

  private async readBatch(paths: readonly string[], analyze: BatchAnalyzer): Promise<void> {
    const stale: { path: string; stat: FileStat }[] = [];
    for (let i = 0; i < paths.length; i += READ_CONCURRENCY) {
      const chunk = paths.slice(i, i + READ_CONCURRENCY);
      const stats = await Promise.all(chunk.map((path) => this.fs.stat(path)));
      chunk.forEach((path, j) => {
        const stat = stats[j];
        if (stat?.type !== 'file') {
          this.entries.delete(path);
          return;
        }
        const cached = this.entries.get(path);
        if (!cached || cached.mtime !== stat.mtime || cached.size !== stat.size) stale.push({ path, stat });
      });
    }
    const analyses = await analyze(
      stale.map(({ path, stat }) => ({ path, size: stat.size })),
      this.options,
    );
    stale.forEach(({ path, stat }, i) => this.entries.set(path, { mtime: stat.mtime, size: stat.size, analysis: analyses[i] }));
  }
}
