import * as vscode from 'vscode';
import {
  applyLevels,
  basename,
  claimsNoCode,
  CONFIG_FILE_NAME,
  coverageByDuty,
  coverageByKind,
  describeKsb,
  escapeMarkdown,
  fileSignoffs,
  proofWords,
  type SignoffProof,
  formatCount,
  type OtherMethodEntry,
  gatewayReport,
  isCovered,
  joinPath,
  KIND_TITLES,
  ksbLabel,
  plural,
  portfolioDescription,
  shortenText,
  today,
  type Coverage,
  type CoverageCount,
  type CoverageEntry,
  type Duty,
  type EvidenceReference,
  type FileSignoffs,
  type GatewayCheck,
  type GatewayReport,
  type IndexedFile,
  type KsbKind,
  type LeveledDiagnostic,
  type Range,
} from '../core';
import { Commands } from './constants';
import { portfolioLabel } from './labels';
import type { OpenPortfolio, PortfolioWorkspace } from './portfolioWorkspace';
import { readSettings } from './settings';

/** How the tree arranges KSBs; both flags are remembered per workspace by the view. */
export interface CoverageTreeOptions {
  /** Group KSBs under the duties of the option instead of Knowledge / Skills / Behaviours. */
  readonly groupByDuty: boolean;
  /** Leave out KSBs that have evidence. */
  readonly onlyUncovered: boolean;
}

/** What every node knows: its id (stable across refreshes, so expansion survives), parent and portfolio. */
interface NodeBase {
  readonly id: string;
  readonly parent: CoverageNode | undefined;
  readonly portfolio: OpenPortfolio;
}

/** A node of the coverage tree. Children are built only when VS Code asks for them. */
export type CoverageNode =
  | (NodeBase & { readonly type: 'portfolio' })
  | (NodeBase & { readonly type: 'kind'; readonly kind: KsbKind; readonly entries: readonly CoverageEntry[]; readonly count: CoverageCount })
  | (NodeBase & { readonly type: 'duty'; readonly duty: Duty | undefined; readonly entries: readonly CoverageEntry[]; readonly count: CoverageCount })
  | (NodeBase & { readonly type: 'otherMethods'; readonly entries: readonly OtherMethodEntry[]; readonly method: string })
  | (NodeBase & { readonly type: 'ksb'; readonly entry: CoverageEntry | OtherMethodEntry })
  | (NodeBase & { readonly type: 'evidence'; readonly entry: CoverageEntry; readonly reference: EvidenceReference })
  | (NodeBase & { readonly type: 'unclaimed'; readonly files: readonly IndexedFile[] })
  | (NodeBase & { readonly type: 'problems'; readonly files: readonly ProblemFile[] })
  | (NodeBase & { readonly type: 'unclaimedFile'; readonly file: IndexedFile })
  | (NodeBase & { readonly type: 'drafts'; readonly files: readonly IndexedFile[] })
  | (NodeBase & { readonly type: 'draftFile'; readonly file: IndexedFile })
  | (NodeBase & { readonly type: 'problemFile'; readonly file: ProblemFile })
  | (NodeBase & { readonly type: 'brokenConfig' })
  | (NodeBase & { readonly type: 'gateway'; readonly report: GatewayReport })
  | (NodeBase & { readonly type: 'gatewayCheck'; readonly check: GatewayCheck });

/** A file with at least one diagnostic that is not set to `ignore`. */
export interface ProblemFile {
  readonly path: string;
  readonly relativePath: string;
  readonly diagnostics: readonly LeveledDiagnostic[];
}

/** What one portfolio shows, computed at most once per refresh and only the parts that are asked for. */
class Snapshot {
  private coverageValue: Coverage | undefined | null = null;
  private unclaimedValue: IndexedFile[] | undefined;
  private problemsValue: ProblemFile[] | undefined;
  private gatewayValue: GatewayReport | undefined;
  private readonly signoffsValue = new Map<string, FileSignoffs | undefined>();

  constructor(private readonly portfolio: OpenPortfolio) {}

  /** The gateway checklist on the host's today, at the user's rule levels. */
  get gateway(): GatewayReport {
    this.gatewayValue ??= gatewayReport(this.portfolio.index, today(), readSettings(this.portfolio.rootUri).ruleLevels);
    return this.gatewayValue;
  }

  /** The sign-offs of an evidence file, by its path relative to the root. */
  signoffsOf(relativePath: string): FileSignoffs | undefined {
    if (!this.signoffsValue.has(relativePath)) {
      const file = this.portfolio.index.file(joinPath(this.portfolio.index.root, relativePath));
      this.signoffsValue.set(relativePath, file && fileSignoffs(file, this.portfolio.index));
    }
    return this.signoffsValue.get(relativePath);
  }

  get coverage(): Coverage | undefined {
    if (this.coverageValue === null) this.coverageValue = this.portfolio.index.coverage();
    return this.coverageValue;
  }

  /** Evidence files whose front matter claims no code at all (not even a wrong one). */
  get unclaimed(): IndexedFile[] {
    this.unclaimedValue ??= this.portfolio.index
      .allFiles()
      .filter(
        (file) =>
          file.isEvidence &&
          !file.isDraft &&
          !file.analysis.unreadable &&
          file.analysis.frontMatter?.valid !== false &&
          claimsNoCode(file.analysis.frontMatter),
      );
    return this.unclaimedValue;
  }

  /** Files with diagnostics at the user's levels, the config and standard data files included. */
  get problems(): ProblemFile[] {
    if (!this.problemsValue) {
      const levels = readSettings(this.portfolio.rootUri).ruleLevels;
      const root = this.portfolio.index.root;
      const found: ProblemFile[] = [];
      for (const [path, diagnostics] of this.portfolio.index.allDiagnostics()) {
        const leveled = applyLevels(diagnostics, levels);
        if (leveled.length > 0) found.push({ path, relativePath: path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path, diagnostics: leveled });
      }
      this.problemsValue = found.sort((a, b) => a.relativePath.localeCompare(b.relativePath));
    }
    return this.problemsValue;
  }
}

/** Milliseconds to gather index changes into one refresh: typing must not rebuild the tree per keystroke. */
export const REFRESH_DEBOUNCE_MS = 200;

const KIND_ICONS: Readonly<Record<KsbKind, string>> = { knowledge: 'book', skill: 'tools', behaviour: 'person' };

/**
 * The coverage tree: per portfolio (top-level nodes only when the workspace has several),
 * Knowledge / Skills / Behaviours or duties with covered/total, each KSB with its evidence and the
 * evidence's sign-off state, the Gateway checklist, then evidence that claims nothing and files
 * with problems. Refreshes are debounced and children
 * are built lazily from a per-refresh snapshot of each index.
 */
export class CoverageTreeProvider implements vscode.TreeDataProvider<CoverageNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<CoverageNode | undefined>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  private snapshots = new Map<OpenPortfolio, Snapshot>();
  private pending: ReturnType<typeof setTimeout> | undefined;

  /** Fires after the tree changed; `undefined` means the whole tree. */
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(
    private readonly workspace: PortfolioWorkspace,
    private optionsValue: CoverageTreeOptions,
  ) {
    this.disposables.push(
      workspace.onDidChange(() => this.scheduleRefresh()),
      // A portfolio that closes fires no index change of its own: without this the tree kept
      // showing it when the refresh of its last change ran before the workspace let it go.
      workspace.onDidChangePortfolios(() => this.scheduleRefresh()),
    );
  }

  /** The current grouping and filter. */
  get options(): CoverageTreeOptions {
    return this.optionsValue;
  }

  /** Changes grouping or filter and redraws at once. */
  setOptions(options: Partial<CoverageTreeOptions>): void {
    this.optionsValue = { ...this.optionsValue, ...options };
    this.refresh();
  }

  /** Redraws after `REFRESH_DEBOUNCE_MS` of quiet, so a burst of edits or file events costs one rebuild. */
  scheduleRefresh(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => this.refresh(), REFRESH_DEBOUNCE_MS);
  }

  /** Forgets every snapshot and redraws the whole tree now. */
  refresh(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
    this.snapshots = new Map();
    this.changeEmitter.fire(undefined);
  }

  /** The coverage a portfolio shows now (from this refresh's snapshot). */
  coverageOf(portfolio: OpenPortfolio): Coverage | undefined {
    return this.snapshot(portfolio).coverage;
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    vscode.Disposable.from(...this.disposables).dispose();
  }

  getParent(node: CoverageNode): CoverageNode | undefined {
    return node.parent;
  }

  async getChildren(node?: CoverageNode): Promise<CoverageNode[]> {
    if (!node) {
      await this.workspace.ready;
      const portfolios = this.workspace.all();
      if (portfolios.length === 1) return this.portfolioChildren(portfolios[0], undefined);
      return portfolios.map((portfolio) => ({ type: 'portfolio', id: portfolio.rootUri.toString(), parent: undefined, portfolio }));
    }
    switch (node.type) {
      case 'portfolio':
        return this.portfolioChildren(node.portfolio, node);
      case 'otherMethods':
        return node.entries.map((entry) => ({ type: 'ksb', id: `${node.id}/${entry.ksb.code}`, parent: node, portfolio: node.portfolio, entry }));
      case 'kind':
      case 'duty':
        return this.visible(node.entries).map((entry) => ({ type: 'ksb', id: `${node.id}/${entry.ksb.code}`, parent: node, portfolio: node.portfolio, entry }));
      case 'ksb':
        return node.entry.evidence.map((reference) => ({
          type: 'evidence',
          id: `${node.id}/${reference.relativePath}`,
          parent: node,
          portfolio: node.portfolio,
          entry: node.entry,
          reference,
        }));
      case 'unclaimed':
        return node.files.map((file) => ({ type: 'unclaimedFile', id: `${node.id}/${file.relativePath}`, parent: node, portfolio: node.portfolio, file }));
      case 'drafts':
        return node.files.map((file) => ({ type: 'draftFile', id: `${node.id}/${file.relativePath}`, parent: node, portfolio: node.portfolio, file }));
      case 'problems':
        return node.files.map((file) => ({ type: 'problemFile', id: `${node.id}/${file.relativePath}`, parent: node, portfolio: node.portfolio, file }));
      case 'gateway':
        return node.report.checks.map((check) => ({ type: 'gatewayCheck', id: `${node.id}/${check.id}`, parent: node, portfolio: node.portfolio, check }));
      default:
        return [];
    }
  }

  getTreeItem(node: CoverageNode): vscode.TreeItem {
    switch (node.type) {
      case 'portfolio':
        return this.portfolioItem(node);
      case 'kind': {
        const item = new vscode.TreeItem(KIND_TITLES[node.kind], vscode.TreeItemCollapsibleState.Expanded);
        item.description = formatCount(node.count);
        item.tooltip = `${node.count.covered} of ${node.count.total} ${KIND_TITLES[node.kind].toLowerCase()} KSBs have evidence`;
        item.iconPath = new vscode.ThemeIcon(KIND_ICONS[node.kind]);
        return this.finish(item, node, 'kind');
      }
      case 'duty': {
        const title = node.duty ? `Duty ${node.duty.number}: ${shortenText(node.duty.text, 50)}` : 'Not listed under a duty';
        const item = new vscode.TreeItem(title, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = formatCount(node.count);
        item.tooltip = node.duty ? dutyTooltip(node.portfolio, node.duty, node.count) : 'KSBs that none of the duties of this option list';
        item.iconPath = new vscode.ThemeIcon(node.count.covered === node.count.total ? 'pass' : 'briefcase');
        return this.finish(item, node, 'duty');
      }
      case 'ksb':
        return this.ksbItem(node.portfolio, node.entry, node);
      case 'otherMethods': {
        const item = new vscode.TreeItem('Assessed by other methods', vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${plural(node.entries.length, 'KSB')}, not counted`;
        item.tooltip = `KSBs that other methods of end-point assessment assess: they do not count towards this portfolio, which underpins ${node.method}. Claiming them is allowed.`;
        item.iconPath = new vscode.ThemeIcon('arrow-right');
        return this.finish(item, node, 'otherMethods');
      }
      case 'evidence': {
        const { reference } = node;
        const uri = node.portfolio.fs.uri(joinPath(node.portfolio.index.root, reference.relativePath));
        const item = new vscode.TreeItem(reference.title ?? basename(reference.relativePath), vscode.TreeItemCollapsibleState.None);
        const signoffs = this.snapshot(node.portfolio).signoffsOf(reference.relativePath);
        const state = signoffs?.state ?? 'unsigned';
        item.description = `${SIGNOFF_WORDS[state]} · ${reference.relativePath}`;
        item.resourceUri = uri;
        item.iconPath = SIGNOFF_ICONS[state]();
        item.tooltip = new vscode.MarkdownString(
          `${escapeMarkdown(reference.relativePath)}, line ${reference.range.start.line + 1}: claims ${node.entry.ksb.code}\n\n${signoffTooltip(signoffs)}`,
        );
        item.accessibilityInformation = { label: `${reference.title ?? basename(reference.relativePath)}, ${SIGNOFF_WORDS[state]}, ${reference.relativePath}` };
        item.command = openCommand(uri, reference.range);
        return this.finish(item, node, `evidence.${state}`);
      }
      case 'gateway': {
        const { report } = node;
        const passing = report.checks.filter((check) => check.ok).length;
        const item = new vscode.TreeItem(`Gateway: ${report.ready ? 'ready' : 'not ready'}`, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${passing} of ${plural(report.checks.length, 'check')} pass`;
        item.iconPath = report.ready ? passIcon() : failIcon();
        item.tooltip = `End-point assessment gateway, as \`ksb gateway\` checks it today: ${
          report.ready
            ? 'every check passes'
            : `${report.checks.length - passing} failing (${report.checks
                .filter((check) => !check.ok)
                .map((check) => GATEWAY_CHECK_TITLES[check.id])
                .join(', ')})`
        }`;
        return this.finish(item, node, report.ready ? 'gateway.ready' : 'gateway.notReady');
      }
      case 'gatewayCheck': {
        const { check } = node;
        const item = new vscode.TreeItem(GATEWAY_CHECK_TITLES[check.id], vscode.TreeItemCollapsibleState.None);
        // The word as well as the icon: colour and shape alone do not reach everyone.
        item.description = `${check.ok ? 'pass' : 'fail'} · ${check.detail}`;
        item.iconPath = check.ok ? passIcon() : failIcon();
        item.tooltip = `${GATEWAY_CHECK_TITLES[check.id]}: ${check.ok ? 'passes' : 'fails'}. ${check.detail}`;
        item.accessibilityInformation = { label: `${GATEWAY_CHECK_TITLES[check.id]}, ${check.ok ? 'passes' : 'fails'}: ${check.detail}` };
        const first = check.locations[0];
        if (first) item.command = openCommand(node.portfolio.fs.uri(first.path), first.range);
        return this.finish(item, node, check.ok ? 'gatewayCheck.pass' : 'gatewayCheck.fail');
      }
      case 'unclaimed': {
        const item = new vscode.TreeItem('Evidence claiming no KSB', vscode.TreeItemCollapsibleState.Collapsed);
        item.description = String(node.files.length);
        item.tooltip = 'Evidence files whose front matter claims no KSB code';
        item.iconPath = new vscode.ThemeIcon('circle-slash');
        return this.finish(item, node, 'unclaimed');
      }
      case 'drafts': {
        const item = new vscode.TreeItem('Drafts, not counted', vscode.TreeItemCollapsibleState.Collapsed);
        item.description = String(node.files.length);
        item.tooltip = 'Evidence files marked `draft: true`: their claims count once the draft line is removed';
        item.iconPath = new vscode.ThemeIcon('edit');
        return this.finish(item, node, 'drafts');
      }
      case 'draftFile': {
        const uri = node.portfolio.fs.uri(node.file.path);
        const item = new vscode.TreeItem(node.file.analysis.frontMatter?.title ?? basename(node.file.relativePath), vscode.TreeItemCollapsibleState.None);
        const codes = node.file.analysis.frontMatter?.claims.map((claim) => claim.code) ?? [];
        item.description = codes.length > 0 ? `${codes.join(', ')} · ${node.file.relativePath}` : node.file.relativePath;
        item.resourceUri = uri;
        item.iconPath = vscode.ThemeIcon.File;
        item.tooltip = `${node.file.relativePath} is a draft (\`draft: true\`): not evidence until undrafted`;
        item.command = openCommand(uri, undefined);
        return this.finish(item, node, 'file');
      }
      case 'problems': {
        const total = node.files.reduce((sum, file) => sum + file.diagnostics.length, 0);
        const item = new vscode.TreeItem('Files with problems', vscode.TreeItemCollapsibleState.Collapsed);
        item.description = String(node.files.length);
        item.tooltip = `${plural(node.files.length, 'file')} with ${plural(total, 'problem')}`;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        return this.finish(item, node, 'problems');
      }
      case 'unclaimedFile': {
        const uri = node.portfolio.fs.uri(node.file.path);
        const item = new vscode.TreeItem(node.file.analysis.frontMatter?.title ?? basename(node.file.relativePath), vscode.TreeItemCollapsibleState.None);
        item.description = node.file.relativePath;
        item.resourceUri = uri;
        item.iconPath = vscode.ThemeIcon.File;
        item.tooltip = `${node.file.relativePath} claims no KSB: add codes to its \`ksbs:\``;
        item.command = openCommand(uri, node.file.analysis.frontMatter?.ksbsKeyRange);
        return this.finish(item, node, 'file');
      }
      case 'problemFile': {
        const { file } = node;
        const uri = node.portfolio.fs.uri(file.path);
        const item = new vscode.TreeItem(basename(file.relativePath), vscode.TreeItemCollapsibleState.None);
        item.description = `${plural(file.diagnostics.length, 'problem')} · ${file.relativePath}`;
        item.resourceUri = uri;
        item.iconPath = severityIcon(file.diagnostics);
        const lines = file.diagnostics.slice(0, 8).map((d) => `- Line ${d.range.start.line + 1}: ${escapeMarkdown(d.message)}`);
        if (file.diagnostics.length > 8) lines.push(`- and ${file.diagnostics.length - 8} more`);
        item.tooltip = new vscode.MarkdownString(`**${escapeMarkdown(file.relativePath)}**\n\n${lines.join('\n')}`);
        item.command = openCommand(uri, file.diagnostics[0]?.range);
        return this.finish(item, node, 'file');
      }
      case 'brokenConfig': {
        const uri = node.portfolio.fs.uri(joinPath(node.portfolio.index.root, CONFIG_FILE_NAME));
        const item = new vscode.TreeItem(`Fix ${CONFIG_FILE_NAME} to see coverage`, vscode.TreeItemCollapsibleState.None);
        item.description = 'no usable standard, version or option';
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
        item.tooltip = `${CONFIG_FILE_NAME} does not name a standard and version this extension knows; see its problems`;
        item.command = openCommand(uri, undefined);
        return this.finish(item, node, 'brokenConfig');
      }
    }
  }

  private snapshot(portfolio: OpenPortfolio): Snapshot {
    let snapshot = this.snapshots.get(portfolio);
    if (!snapshot) this.snapshots.set(portfolio, (snapshot = new Snapshot(portfolio)));
    return snapshot;
  }

  private visible(entries: readonly CoverageEntry[]): readonly CoverageEntry[] {
    return this.optionsValue.onlyUncovered ? entries.filter((entry) => !isCovered(entry)) : entries;
  }

  private portfolioChildren(portfolio: OpenPortfolio, parent: CoverageNode | undefined): CoverageNode[] {
    const snapshot = this.snapshot(portfolio);
    // `#` never appears unencoded in a folder URI's string form, so no portfolio root can collide with these ids.
    const prefix = parent?.id ?? portfolio.rootUri.toString();
    const base = { parent, portfolio };
    const nodes: CoverageNode[] = [];
    const coverage = snapshot.coverage;
    if (!coverage) {
      nodes.push({ ...base, type: 'brokenConfig', id: `${prefix}#config` });
    } else if (this.optionsValue.groupByDuty) {
      for (const group of coverageByDuty(coverage)) {
        // With the filter on, a duty whose KSBs all have evidence has nothing to show.
        if (this.optionsValue.onlyUncovered && group.count.covered === group.count.total) continue;
        nodes.push({ ...base, type: 'duty', id: `${prefix}#duty/${group.duty?.number ?? 'none'}`, ...group });
      }
    } else {
      for (const group of coverageByKind(coverage)) nodes.push({ ...base, type: 'kind', id: `${prefix}#kind/${group.kind}`, ...group });
    }
    const assessment = coverage?.portfolio.assessment;
    if (coverage && assessment && coverage.otherMethods.length > 0) {
      nodes.push({ ...base, type: 'otherMethods', id: `${prefix}#otherMethods`, entries: coverage.otherMethods, method: assessment.method.title });
    }
    if (coverage) nodes.push({ ...base, type: 'gateway', id: `${prefix}#gateway`, report: snapshot.gateway });
    if (snapshot.unclaimed.length > 0) nodes.push({ ...base, type: 'unclaimed', id: `${prefix}#unclaimed`, files: snapshot.unclaimed });
    const drafts = portfolio.index.drafts();
    if (drafts.length > 0) nodes.push({ ...base, type: 'drafts', id: `${prefix}#drafts`, files: drafts });
    if (snapshot.problems.length > 0) nodes.push({ ...base, type: 'problems', id: `${prefix}#problems`, files: snapshot.problems });
    return nodes;
  }

  private portfolioItem(node: CoverageNode & { type: 'portfolio' }): vscode.TreeItem {
    const { portfolio } = node;
    const item = new vscode.TreeItem(portfolioLabel(portfolio.rootUri), vscode.TreeItemCollapsibleState.Expanded);
    const coverage = this.snapshot(portfolio).coverage;
    item.description = coverage ? `${portfolioDescription(coverage)} · ${formatCount(coverage.summary)}` : `${CONFIG_FILE_NAME} needs fixing`;
    item.tooltip = portfolio.rootUri.fsPath || portfolio.rootUri.path;
    item.iconPath = new vscode.ThemeIcon('folder-library');
    return this.finish(item, node, 'portfolio');
  }

  private ksbItem(portfolio: OpenPortfolio, entry: CoverageEntry | OtherMethodEntry, node: CoverageNode): vscode.TreeItem {
    const { ksb, evidenceCount } = entry;
    const label = ksbLabel(ksb, 60);
    const covered = evidenceCount > 0;
    const item = new vscode.TreeItem(label, covered ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    if ('assessedBy' in entry) {
      const by = entry.assessedBy.length > 0 ? entry.assessedBy.map((method) => method.title).join(', ') : 'no method listed';
      item.description = `assessed by: ${by}${covered ? ` · ${plural(evidenceCount, 'file')}` : ''}`;
      item.iconPath = new vscode.ThemeIcon('circle-slash');
      item.tooltip = new vscode.MarkdownString(`${ksbTooltip(portfolio, entry).value}

**Assessed by:** ${escapeMarkdown(by)}: not counted for this portfolio`);
      item.accessibilityInformation = { label: `${ksb.code}, assessed by: ${by}, not counted: ${ksb.text}` };
      return this.finish(item, node, 'ksb.otherMethod');
    }
    item.description = covered ? plural(evidenceCount, 'file') : 'no evidence';
    item.iconPath = covered ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon('circle-large-outline');
    item.tooltip = ksbTooltip(portfolio, entry);
    item.accessibilityInformation = { label: `${ksb.code}, ${covered ? `covered by ${plural(evidenceCount, 'file')}` : 'no evidence'}: ${ksb.text}` };
    return this.finish(item, node, covered ? 'ksb.covered' : 'ksb.uncovered');
  }

  private finish(item: vscode.TreeItem, node: CoverageNode, contextValue: string): vscode.TreeItem {
    item.id = node.id;
    item.contextValue = contextValue;
    return item;
  }
}

/** The tooltip of a KSB: what hover says about it (code, kind, option, text, duties), then its evidence count. */
function ksbTooltip(portfolio: OpenPortfolio, entry: CoverageEntry): vscode.MarkdownString {
  const { ksb, evidenceCount } = entry;
  const standard = portfolio.index.portfolio?.standard;
  const description = standard ? describeKsb(standard, ksb) : `**${ksb.code}**\n\n${escapeMarkdown(ksb.text)}`;
  return new vscode.MarkdownString(`${description}\n\n${evidenceCount > 0 ? `**Evidence:** ${plural(evidenceCount, 'file')}` : '**Evidence:** none yet'}`);
}

function dutyTooltip(portfolio: OpenPortfolio, duty: Duty, count: CoverageCount): vscode.MarkdownString {
  const standard = portfolio.index.portfolio?.standard;
  const options =
    duty.options && standard ? ` (${escapeMarkdown(duty.options.map((id) => standard.options.find((o) => o.id === id)?.title ?? id).join(', '))})` : '';
  return new vscode.MarkdownString(
    `**Duty ${duty.number}**${options}\n\n${escapeMarkdown(duty.text)}\n\n${count.covered} of ${count.total} of its KSBs have evidence`,
  );
}

/** The checks of the Gateway section as people name them. */
const GATEWAY_CHECK_TITLES: Readonly<Record<GatewayCheck['id'], string>> = {
  coverage: 'KSB coverage',
  evidence: 'Pieces of evidence',
  words: 'Words of evidence',
  signoff: 'Employer sign-off',
  otj: 'Off-the-job hours',
  duration: 'Practical period',
  reviews: 'Progress reviews',
  requirements: 'Gateway requirements',
  errors: 'No errors',
};

/** A file's sign-off state in words, as evidence rows describe it. */
export const SIGNOFF_WORDS: Readonly<Record<FileSignoffs['state'], string>> = {
  signed: 'signed',
  stale: 'changed since sign-off',
  unverified: 'sign-off unverified',
  unsigned: 'not signed off',
};

const SIGNOFF_ICONS: Readonly<Record<FileSignoffs['state'], () => vscode.ThemeIcon>> = {
  signed: () => new vscode.ThemeIcon('verified-filled', new vscode.ThemeColor('testing.iconPassed')),
  stale: () => new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  unverified: () => new vscode.ThemeIcon('unverified', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  unsigned: () => new vscode.ThemeIcon('circle-large-outline'),
};

function passIcon(): vscode.ThemeIcon {
  return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
}

function failIcon(): vscode.ThemeIcon {
  return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
}

/** Who signed an evidence file and when, and whether it changed since. */
function signoffTooltip(signoffs: FileSignoffs | undefined): string {
  if (!signoffs || signoffs.signoffs.length === 0) return '**Not signed off** yet: run *KSB Portfolio: Sign Off Evidence* on it.';
  const lines = signoffs.signoffs.map(
    (s) =>
      `- ${escapeMarkdown(s.by)} (${s.role}) on ${s.date}${s.current ? '' : ': **changed since**, sign off again'}; ${escapeMarkdown(proofState(s.proof))}`,
  );
  const heading = { signed: 'Signed off', stale: 'Changed since sign-off', unverified: 'Sign-off not proved by git', unsigned: 'Not signed off' }[
    signoffs.state
  ];
  return `**${heading}**\n\n${lines.join('\n')}`;
}

/** Verified / unverified / not checked, and by what. */
function proofState(proof: SignoffProof): string {
  return proof.state === 'verified' ? `verified: ${proofWords(proof)}` : proofWords(proof);
}

function openCommand(uri: vscode.Uri, range: Range | undefined): vscode.Command {
  return { command: Commands.openEvidence, title: 'Open Evidence', arguments: [uri, range] };
}

function severityIcon(diagnostics: readonly LeveledDiagnostic[]): vscode.ThemeIcon {
  if (diagnostics.some((d) => d.level === 'error')) return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
  if (diagnostics.some((d) => d.level === 'warning')) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
}
