import { builtinCatalogue } from '../catalogue/builtin';
import { parseStandardFile, type Catalogue } from '../catalogue/catalogue';
import { CONFIG_FILE_NAME } from '../model/configFileName';
import { parseConfig, resolveConfig, type ParsedConfig, type Portfolio, type PortfolioConfig } from '../read/config';
import { type PortfolioDiagnostic } from '../model/diagnostics';
import { DATA_FILE_READ_LIMIT, describeReadError } from '../base/fileLimits';
import type { DirectoryEntry, PortfolioFileSystem } from '../base/fileSystem';
import { statInsideRoot } from '../base/insideRoot';
import { basename, joinPath, relativePath } from '../base/paths';
import { unreadableEntry } from '../read/unreadable';
import { diagnosticOf, diagnosticsOf } from '../rules/readFindings';
import type { DataFileRefusal, ReadFinding, StandardsSourceProblem } from '../read/findings';
import { FILE_START, decodeText, type Range } from '../base/text';

/** Where extra standard data files are looked for, next to the config. */
export const STANDARDS_FOLDER = 'standards';

/**
 * A portfolio's `portfolio.yaml` and the standard data files it brings (the `standards/` folder
 * and the config's `standards:` paths): what they resolve to, and what is wrong with them. Only
 * files inside the portfolio are read, never through a symbolic link, and none past the data file limit.
 */
export class ConfigLoader {
  /** Where the config lives: `portfolio.yaml` in the root. */
  readonly configPath: string;
  private catalogueValue: Catalogue;
  private portfolioValue: Portfolio | undefined;
  /** The `standards:` paths of the config as last read, resolved or not. */
  private configuredStandards: readonly string[] = [];
  /** Diagnostics of the config and of the standard data files, by path. */
  readonly diagnostics = new Map<string, PortfolioDiagnostic[]>();
  private fieldRanges: ParsedConfig['rangeOf'] = () => FILE_START;

  constructor(
    private readonly fs: PortfolioFileSystem,
    /** The portfolio's root folder: where `portfolio.yaml` lives. */
    private readonly root: string,
    /** The shipped standards; extra ones from the workspace are added to a copy. */
    private readonly shippedCatalogue?: Catalogue,
  ) {
    this.catalogueValue = shippedCatalogue ?? builtinCatalogue();
    this.configPath = joinPath(root, CONFIG_FILE_NAME);
  }

  /** The resolved config, or `undefined` when it is missing or unusable. */
  get portfolio(): Portfolio | undefined {
    return this.portfolioValue;
  }

  /** The catalogue in force: shipped standards plus the workspace's own. */
  get catalogue(): Catalogue {
    return this.catalogueValue;
  }

  /** Reads the config and the standard data it names again, forgetting what the last read found. */
  async load(): Promise<void> {
    this.diagnostics.clear();
    this.configuredStandards = [];
    // The catalogue in force stays until the new one is read: completion and hover in
    // portfolio.yaml, asked during a reload, would otherwise miss the workspace's standards.
    const shipped = this.shippedCatalogue ?? builtinCatalogue();
    const text = await this.readText(this.configPath, 'config-unread');
    if (text === undefined) {
      this.catalogueValue = shipped;
      this.portfolioValue = undefined;
      return;
    }
    const parsed = parseConfig(text);
    this.fieldRanges = (field) => parsed.rangeOf(field);
    // Remembered even when the config does not resolve: creating a named file must reload it.
    this.configuredStandards = parsed.config?.standards ?? [];
    const { catalogue, problems: standardsProblems } = parsed.config
      ? await this.loadStandards(shipped, parsed.config.standards ?? [])
      : { catalogue: shipped, problems: [] };
    this.catalogueValue = catalogue;
    const { portfolio, findings } = resolveConfig(parsed, catalogue);
    this.portfolioValue = portfolio;
    const range = parsed.rangeOf('standards');
    for (const problem of standardsProblems) findings.push({ kind: 'config-standards-source', ...problem, range });
    this.diagnostics.set(this.configPath, diagnosticsOf(findings));
  }

  /** Where a field of the config is written (the file start when it is not). */
  rangeOf(field: keyof PortfolioConfig): Range {
    return this.fieldRanges(field);
  }

  /** Whether `path` is, holds or lies below a place standard data is loaded from. */
  isStandardDataPath(path: string): boolean {
    if (relativePath(this.root, path) === undefined) return false;
    const places = [STANDARDS_FOLDER, ...this.configuredStandards].map((place) => joinPath(this.root, place));
    return places.some((place) => place === path || place.startsWith(`${path}/`) || path.startsWith(`${place}/`));
  }

  /**
   * Adds the workspace's standard data files (the `standards/` folder and configured paths);
   * returns what is wrong with the configured places (missing, outside, a link...), for the config.
   */
  private async loadStandards(shipped: Catalogue, configured: readonly string[]): Promise<{ catalogue: Catalogue; problems: StandardsSourceProblem[] }> {
    const candidates = [joinPath(this.root, STANDARDS_FOLDER), ...configured.map((p) => joinPath(this.root, p))];
    const files: string[] = [];
    const problems: StandardsSourceProblem[] = [];
    for (const [index, candidate] of candidates.entries()) {
      const written = index > 0 ? configured[index - 1] : undefined;
      if (written?.startsWith('/')) {
        problems.push({ problem: 'absolute', written });
        continue;
      }
      if (written !== undefined && relativePath(this.root, candidate) === undefined) {
        problems.push({ problem: 'outside', written });
        continue;
      }
      // From the root down, never through a link: the answer must not depend on what a link leads to.
      const inside = await statInsideRoot(this.fs, this.root, candidate);
      const stat = inside.kind === 'found' ? inside.stat : undefined;
      if (inside.kind === 'symbolic-link') {
        const shown = written ?? STANDARDS_FOLDER;
        problems.push(
          inside.link === candidate
            ? { problem: 'symbolic-link', written: shown }
            : { problem: 'symbolic-link', written: shown, link: relativePath(this.root, inside.link) ?? inside.link },
        );
      } else if (stat?.type === 'file') files.push(candidate);
      else if (stat?.type === 'directory') {
        let entries: readonly DirectoryEntry[];
        try {
          entries = await this.fs.readDirectory(candidate);
        } catch (error) {
          problems.push({ problem: 'folder-unreadable', written: written ?? STANDARDS_FOLDER, error: describeReadError(error) });
          continue;
        }
        for (const [name, type, flag] of entries) {
          if (!/\.(ya?ml|json)$/i.test(name)) continue;
          if (type === 'file' && flag === undefined) files.push(joinPath(candidate, name));
          else this.diagnostics.set(joinPath(candidate, name), [diagnosticOf(unreadableEntry(type, flag))]);
        }
      } else if (stat?.type === 'other') {
        problems.push({ problem: 'special-file', written: written ?? STANDARDS_FOLDER });
      } else if (written !== undefined) {
        problems.push({ problem: 'missing', written });
      }
    }
    if (files.length === 0) return { catalogue: shipped, problems };
    const catalogue = shipped.clone();
    for (const file of files.sort()) {
      const text = await this.readText(file, 'standard-file-unread');
      if (text === undefined) continue;
      const result = parseStandardFile(text, relativePath(this.root, file) ?? basename(file));
      if (result.ok) catalogue.add(result.standard);
      else {
        this.diagnostics.set(
          file,
          result.problems.map((problem) => diagnosticOf({ kind: 'standard-file-invalid', detail: problem.message, range: problem.range })),
        );
      }
    }
    return { catalogue, problems };
  }

  /**
   * The text of the config or a standard data file, or `undefined` with a diagnostic (of the
   * finding `kind`) saying why it was not read. A missing file is no problem here: the caller knows what that means.
   */
  private async readText(path: string, kind: 'config-unread' | 'standard-file-unread'): Promise<string | undefined> {
    const name = relativePath(this.root, path) ?? basename(path);
    const refuse = (refusal: DataFileRefusal) => {
      const finding: ReadFinding = { kind, name, refusal, range: FILE_START };
      this.diagnostics.set(path, [diagnosticOf(finding)]);
      return undefined;
    };
    const stat = await this.fs.stat(path);
    if (!stat) return undefined;
    if (stat.symbolicLink) return refuse({ found: 'symbolic-link' });
    if (stat.type === 'directory') return refuse({ found: 'folder' });
    if (stat.type === 'other') return refuse({ found: 'special-file' });
    if (stat.size > DATA_FILE_READ_LIMIT) return refuse({ found: 'too-large', size: stat.size, limit: DATA_FILE_READ_LIMIT });
    let bytes: Uint8Array;
    try {
      bytes = await this.fs.readFile(path, DATA_FILE_READ_LIMIT);
    } catch (error) {
      return refuse({ found: 'read-error', error: describeReadError(error) });
    }
    const decoded = decodeText(bytes);
    if (!decoded.ok) return refuse({ found: 'undecodable', reason: decoded.reason });
    return decoded.text;
  }
}
