import { builtinCatalogue } from '../catalogue/builtin';
import { parseStandardFile, type Catalogue } from '../catalogue/catalogue';
import { CONFIG_FILE_NAME } from '../model/configFileName';
import { parseConfig, resolveConfig, type ParsedConfig, type Portfolio, type PortfolioConfig } from '../read/config';
import { DiagnosticCode } from '../model/diagnosticCodes';
import { type PortfolioDiagnostic } from '../model/diagnostics';
import { DATA_FILE_READ_LIMIT, describeReadError, formatBytes } from '../base/fileLimits';
import type { DirectoryEntry, PortfolioFileSystem } from '../base/fileSystem';
import { statInsideRoot } from '../base/insideRoot';
import { basename, joinPath, relativePath } from '../base/paths';
import { unreadableEntry } from '../read/unreadable';
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
    const text = await this.readText(this.configPath, DiagnosticCode.InvalidConfig);
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
    const { portfolio, diagnostics } = resolveConfig(parsed, catalogue);
    this.portfolioValue = portfolio;
    for (const message of standardsProblems) diagnostics.push({ code: DiagnosticCode.InvalidConfig, message, range: parsed.rangeOf('standards') });
    this.diagnostics.set(this.configPath, diagnostics);
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
  private async loadStandards(shipped: Catalogue, configured: readonly string[]): Promise<{ catalogue: Catalogue; problems: string[] }> {
    const candidates = [joinPath(this.root, STANDARDS_FOLDER), ...configured.map((p) => joinPath(this.root, p))];
    const files: string[] = [];
    const problems: string[] = [];
    for (const [index, candidate] of candidates.entries()) {
      const written = index > 0 ? configured[index - 1] : undefined;
      if (written?.startsWith('/')) {
        problems.push(
          `Expected a path relative to ${CONFIG_FILE_NAME} in \`standards\`, found the absolute path \`${written}\`: files outside the portfolio are never read`,
        );
        continue;
      }
      if (written !== undefined && relativePath(this.root, candidate) === undefined) {
        problems.push(
          `Expected a standard data file or folder inside the portfolio, found \`${written}\`, which is outside it: files outside the portfolio are never read`,
        );
        continue;
      }
      // From the root down, never through a link: the answer must not depend on what a link leads to.
      const inside = await statInsideRoot(this.fs, this.root, candidate);
      const stat = inside.kind === 'found' ? inside.stat : undefined;
      if (inside.kind === 'symbolic-link') {
        const shown = written ?? STANDARDS_FOLDER;
        const where = inside.link === candidate ? `at \`${shown}\`` : `at \`${relativePath(this.root, inside.link)}\` on the way to \`${shown}\``;
        problems.push(`Expected a standard data file or folder, found a symbolic link ${where}: links are never followed, so it was not read`);
      } else if (stat?.type === 'file') files.push(candidate);
      else if (stat?.type === 'directory') {
        let entries: readonly DirectoryEntry[];
        try {
          entries = await this.fs.readDirectory(candidate);
        } catch (error) {
          problems.push(`Expected a readable folder of standard data at \`${written ?? STANDARDS_FOLDER}\`, found an error: ${describeReadError(error)}`);
          continue;
        }
        for (const [name, type, flag] of entries) {
          if (!/\.(ya?ml|json)$/i.test(name)) continue;
          if (type === 'file' && flag === undefined) files.push(joinPath(candidate, name));
          else this.diagnostics.set(joinPath(candidate, name), [unreadableEntry(type, flag)]);
        }
      } else if (stat?.type === 'other') {
        problems.push(`Expected a standard data file or folder at \`${written ?? STANDARDS_FOLDER}\`, found a named pipe, socket or device: it was not read`);
      } else if (written !== undefined) {
        problems.push(`Expected a standard data file or folder at \`${written}\`, found none`);
      }
    }
    if (files.length === 0) return { catalogue: shipped, problems };
    const catalogue = shipped.clone();
    for (const file of files.sort()) {
      const text = await this.readText(file, DiagnosticCode.InvalidStandard);
      if (text === undefined) continue;
      const result = parseStandardFile(text, relativePath(this.root, file) ?? basename(file));
      if (result.ok) catalogue.add(result.standard);
      else {
        this.diagnostics.set(
          file,
          result.problems.map((problem) => ({ code: DiagnosticCode.InvalidStandard, message: problem.message, range: problem.range })),
        );
      }
    }
    return { catalogue, problems };
  }

  /**
   * The text of the config or a standard data file, or `undefined` with a diagnostic (of `code`)
   * saying why it was not read. A missing file is no problem here: the caller knows what that means.
   */
  private async readText(path: string, code: DiagnosticCode): Promise<string | undefined> {
    const name = relativePath(this.root, path) ?? basename(path);
    const refuse = (found: string) => {
      this.diagnostics.set(path, [{ code, message: `Expected \`${name}\` to be a readable text file, found ${found}`, range: FILE_START }]);
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
      this.diagnostics.set(path, [{ code, message: decoded.reason, range: FILE_START }]);
      return undefined;
    }
    return decoded.text;
  }
}
