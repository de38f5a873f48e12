import * as vscode from 'vscode';
import { GitExtensionSignoffHistory } from './gitSignoffHistory';
import { gitRepositoryFor } from './gitExtension';
import { basename, compileGlob, CONFIG_FILE_NAME, dirname, latestDayOnEarth, PortfolioIndex, today, type IndexChange } from '../core';
import { ContextKeys } from './constants';
import { readSettings } from './settings';
import { uriExists, VscodeFileSystem } from './vscodeFileSystem';

/** How long the repository must be still before sign-offs are traced again: a commit fires several changes. */
const RETRACE_DELAY_MS = 500;

/** One portfolio of the workspace: a folder with a `portfolio.yaml` and its index. */
export interface OpenPortfolio {
  readonly rootUri: vscode.Uri;
  readonly index: PortfolioIndex;
  readonly fs: VscodeFileSystem;
}

/** A change in one portfolio, as the adapters receive it. */
export interface PortfolioChange {
  readonly portfolio: OpenPortfolio;
  readonly change: IndexChange;
}

/** Folders whose file events never concern a portfolio. */
const IGNORED_SEGMENT = /(^|\/)(node_modules|\.git)(\/|$)/;

/**
 * Every portfolio in the workspace (one per `portfolio.yaml`, so multi-root and nested
 * portfolios work), kept current from file events and unsaved editor text.
 */
export class PortfolioWorkspace implements vscode.Disposable {
  private readonly portfolios = new Map<string, OpenPortfolio>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<PortfolioChange>();
  private readonly pendingDocuments = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly pendingPaths = new Map<string, 'changed' | 'deleted'>();
  private flushScheduled: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** Resolves once every portfolio found at start has been loaded. */
  readonly ready: Promise<void>;
  private markDiscovered!: () => void;
  /** Resolves once the portfolios found at start are open; their files may still be loading. */
  private readonly discovered = new Promise<void>((resolve) => (this.markDiscovered = resolve));

  private readonly portfoliosEmitter = new vscode.EventEmitter<void>();

  /** Fires after any portfolio's index changed. */
  readonly onDidChange = this.changeEmitter.event;

  /** Fires after portfolios were opened or closed (a `portfolio.yaml` appeared or vanished). */
  readonly onDidChangePortfolios = this.portfoliosEmitter.event;

  constructor() {
    this.disposables.push(this.changeEmitter, this.portfoliosEmitter);
    this.ready = this.start();
  }

  /** Every open portfolio, in root order. */
  all(): OpenPortfolio[] {
    return [...this.portfolios.values()].sort((a, b) => a.rootUri.path.localeCompare(b.rootUri.path));
  }

  /** The portfolio a file belongs to: the one with the deepest root above it. */
  portfolioFor(uri: vscode.Uri): OpenPortfolio | undefined {
    let best: OpenPortfolio | undefined;
    for (const portfolio of this.portfoliosHolding(uri)) {
      if (!best || portfolio.rootUri.path.length > best.rootUri.path.length) best = portfolio;
    }
    return best;
  }

  /** Every portfolio whose root lies above `uri`: the deepest owns the file, the outer ones know it exists. */
  private portfoliosHolding(uri: vscode.Uri): OpenPortfolio[] {
    return [...this.portfolios.values()].filter(
      (portfolio) => portfolio.rootUri.scheme === uri.scheme && portfolio.rootUri.authority === uri.authority && portfolio.index.contains(uri.path),
    );
  }

  /**
   * The portfolio a file belongs to, once its config has been read: what hover, completion and
   * colour need. Does not wait for the files of a large portfolio to load.
   */
  async configuredPortfolioFor(uri: vscode.Uri): Promise<OpenPortfolio | undefined> {
    await this.discovered;
    const portfolio = this.portfolioFor(uri);
    await portfolio?.index.configured;
    return portfolio;
  }

  /** The portfolio of the active editor, or the first one. */
  active(): OpenPortfolio | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return (uri && this.portfolioFor(uri)) ?? this.all()[0];
  }

  /** Waits until pending file events and edits have reached the indexes. */
  async settled(): Promise<void> {
    await this.ready;
    await this.flushing;
  }

  /** Rescans every portfolio from disk. */
  async reload(): Promise<void> {
    await Promise.all(this.all().map((p) => p.index.load()));
  }

  dispose(): void {
    for (const timer of this.pendingDocuments.values()) clearTimeout(timer);
    if (this.flushScheduled) clearTimeout(this.flushScheduled);
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private async start(): Promise<void> {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.queue(uri, 'changed')),
      watcher.onDidChange((uri) => this.queue(uri, 'changed')),
      watcher.onDidDelete((uri) => this.queue(uri, 'deleted')),
      vscode.workspace.onDidOpenTextDocument((document) => this.scheduleDocument(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.scheduleDocument(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.closeDocument(document)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.discover()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('files.exclude')) void this.rebuild();
      }),
    );
    try {
      await this.discover();
    } finally {
      // discover() marks it as soon as the portfolios are open; this covers a discovery that threw.
      this.markDiscovered();
    }
    for (const document of vscode.workspace.textDocuments) this.scheduleDocument(document, 0);
  }

  /** Finds every `portfolio.yaml` and opens the portfolios not yet open. */
  private async discover(): Promise<void> {
    const configs = await vscode.workspace.findFiles(`**/${CONFIG_FILE_NAME}`, '**/{node_modules,.git}/**');
    const wanted = new Set(configs.map((uri) => uri.with({ path: dirname(uri.path) }).toString()));
    const before = [...this.portfolios.keys()].sort().join('\n');
    for (const key of [...this.portfolios.keys()]) if (!wanted.has(key)) this.portfolios.delete(key);
    const opened: OpenPortfolio[] = [];
    for (const config of configs) {
      const rootUri = config.with({ path: dirname(config.path) });
      if (this.portfolios.has(rootUri.toString())) continue;
      opened.push(this.open(rootUri));
    }
    const loaded = Promise.all(opened.map((portfolio) => portfolio.index.load()));
    // Open, not loaded: providers then wait for one portfolio's config, not every file.
    this.markDiscovered();
    await loaded;
    await vscode.commands.executeCommand('setContext', ContextKeys.hasPortfolio, this.portfolios.size > 0);
    if ([...this.portfolios.keys()].sort().join('\n') !== before) this.portfoliosEmitter.fire();
  }

  /**
   * Opens the portfolio whose config a watcher just reported. No workspace search: the event names
   * the folder, and on a busy machine the search can lag behind the file system.
   */
  private async openFound(rootUri: vscode.Uri): Promise<void> {
    const portfolio = this.open(rootUri);
    await portfolio.index.load();
    void this.retraceOnCommits(portfolio);
    await vscode.commands.executeCommand('setContext', ContextKeys.hasPortfolio, true);
    this.portfoliosEmitter.fire();
  }

  private open(rootUri: vscode.Uri): OpenPortfolio {
    const fs = new VscodeFileSystem(rootUri);
    const index = new PortfolioIndex(fs, rootUri.path, {
      isExcluded: excludedMatcher(rootUri),
      today: () => today(),
      latestToday: () => latestDayOnEarth(new Date()),
      // Asked only under `verify-signoffs` in portfolio.yaml.
      signoffHistory: new GitExtensionSignoffHistory(rootUri),
    });
    const portfolio: OpenPortfolio = { rootUri, index, fs };
    index.onDidChange((change) => this.changeEmitter.fire({ portfolio, change }));
    this.portfolios.set(rootUri.toString(), portfolio);
    return portfolio;
  }

  /**
   * Under `verify-signoffs`, asks git again about the sign-offs when the repository changes (a
   * commit, a checkout, a pull): a commit changes no file, yet it can prove a sign-off.
   */
  private async retraceOnCommits(portfolio: OpenPortfolio): Promise<void> {
    if ((portfolio.index.portfolio?.config['verify-signoffs'] ?? 'off') === 'off' || portfolio.rootUri.scheme !== 'file') return;
    const repository = await gitRepositoryFor(portfolio.rootUri);
    if ('problem' in repository || !repository.state.onDidChange) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    this.disposables.push(
      repository.state.onDidChange(() => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          if (this.portfolios.get(portfolio.rootUri.toString()) === portfolio) void portfolio.index.retraceSignoffs();
        }, RETRACE_DELAY_MS);
      }),
      { dispose: () => clearTimeout(timer) },
    );
  }

  private async rebuild(): Promise<void> {
    this.portfolios.clear();
    await this.discover();
  }

  /**
   * Hears of a file the extension itself wrote, as the watcher would: the commands that create
   * files call it, so what they made shows at once even when the watcher is slow to report it.
   */
  wrote(uri: vscode.Uri): void {
    this.queue(uri, 'changed');
  }

  private queue(uri: vscode.Uri, kind: 'changed' | 'deleted'): void {
    if (IGNORED_SEGMENT.test(uri.path)) return;
    this.pendingPaths.set(uri.toString(), kind);
    // File events come in bursts (a git checkout, a save); gather one burst into one update.
    if (!this.flushScheduled) this.flushScheduled = setTimeout(() => this.flush(), 50);
  }

  private flush(): void {
    this.flushScheduled = undefined;
    const batch = [...this.pendingPaths];
    this.pendingPaths.clear();
    this.flushing = this.flushing.then(async () => {
      for (const [key, kind] of batch) {
        const uri = vscode.Uri.parse(key);
        const configFolder = basename(uri.path) === CONFIG_FILE_NAME ? uri.with({ path: dirname(uri.path) }).toString() : undefined;
        const opens = configFolder !== undefined && !this.portfolios.has(configFolder);
        if (opens && kind === 'deleted') continue; // The config of a portfolio never opened: nothing to close.
        if (opens && !(await uriExists(uri))) continue; // Gone again before we got to it.
        if (opens) await this.openFound(uri.with({ path: dirname(uri.path) }));
        // Every portfolio holding the path hears of it, not only the deepest: an outer one keeps its
        // links into a nested one current, and hands a folder over when a config appears in it.
        for (const portfolio of this.portfoliosHolding(uri)) {
          if (opens && portfolio.rootUri.toString() === configFolder) continue; // openFound() just loaded it.
          if (kind === 'deleted') {
            // The file is gone: an editor's copy of it no longer counts as evidence.
            portfolio.index.clearDocument(uri.path);
            await portfolio.index.remove(uri.path);
          } else {
            await portfolio.index.refresh(uri.path);
          }
        }
        if (opens) continue;
        // Deleting a config, or a folder holding one, closes that portfolio.
        const closes =
          basename(uri.path) === CONFIG_FILE_NAME || this.all().some((p) => p.rootUri.path === uri.path || p.rootUri.path.startsWith(`${uri.path}/`));
        if (kind === 'deleted' && closes) await this.discover();
      }
    });
  }

  private scheduleDocument(document: vscode.TextDocument, delay = readSettings(document.uri).debounceMs): void {
    if (document.languageId !== 'markdown') return;
    const portfolio = this.portfolioFor(document.uri);
    if (!portfolio) return;
    const key = document.uri.toString();
    clearTimeout(this.pendingDocuments.get(key));
    const update = () => {
      this.pendingDocuments.delete(key);
      // Read the text when the queue gets here, and not at all once the editor has closed:
      // a close queued meanwhile must not be undone by an older edit.
      this.flushing = this.flushing.then(() => (document.isClosed ? undefined : portfolio.index.setDocument(document.uri.path, document.getText())));
    };
    if (delay === 0) update();
    else this.pendingDocuments.set(key, setTimeout(update, delay));
  }

  private closeDocument(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pendingDocuments.get(key));
    this.pendingDocuments.delete(key);
    // Every portfolio holding it: the one that took the text may since have become an outer one.
    for (const portfolio of this.portfoliosHolding(document.uri)) this.flushing = this.flushing.then(() => portfolio.index.clearDocument(document.uri.path));
  }
}

/** Files hidden by the user's `files.exclude` are not part of the portfolio either. */
export function excludedMatcher(rootUri: vscode.Uri): (relativePath: string) => boolean {
  const excludes = vscode.workspace.getConfiguration('files', rootUri).get<Record<string, boolean>>('exclude') ?? {};
  const matchers = Object.entries(excludes)
    .filter(([, on]) => on === true)
    .flatMap(([glob]) => {
      // A pattern that is not a glob we read hides nothing rather than failing the whole scan.
      const compiled = compileGlob(glob.replace(/^\*\*\//, '{,**/}'));
      return compiled.ok ? [compiled.matches] : [];
    });
  return (relativePath) => matchers.some((matches) => matches(relativePath));
}
