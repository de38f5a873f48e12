import * as vscode from 'vscode';
import {
  builtinCatalogue,
  CONFIG_FILE_NAME,
  configFieldEdit,
  configTemplate,
  coverageMarkdown,
  defaultStandard,
  evidenceFileName,
  evidenceFolder,
  evidenceTemplate,
  isIsoDate,
  KIND_TITLES,
  KSB_KINDS,
  parseConfig,
  today,
  type EditableConfigField,
  type Ksb,
  type StandardVersion,
} from '../core';
import { Commands, Views } from './constants';
import { toRange } from './convert';
import { portfolioLabel } from './coverageTree';
import type { OpenPortfolio, PortfolioWorkspace } from './portfolioWorkspace';
import { uriExists } from './vscodeFileSystem';

/** Arguments of `ksbPortfolio.newEvidence`; whatever is left out is asked for. */
export interface NewEvidenceArgs {
  readonly title?: string;
  /** `YYYY-MM-DD`; asked for with today as the default. */
  readonly date?: string;
  /** The codes to claim; asked for with a multi-select quick pick. */
  readonly codes?: readonly string[];
  /** A file or folder inside the portfolio to add to; default: the active portfolio. */
  readonly portfolio?: vscode.Uri;
}

/** Arguments of `ksbPortfolio.createConfig`; whatever is left out is chosen or asked for. */
export interface CreateConfigArgs {
  /** Where to create `portfolio.yaml`; default: the first workspace folder. */
  readonly folder?: vscode.Uri;
  readonly standard?: string;
  /** Default: the latest shipped version. */
  readonly version?: string;
  /** Asked for when the standard has several options. */
  readonly option?: string;
}

/**
 * Registers the editor commands. Every command takes optional arguments so tests and other
 * extensions can drive it without any UI, and returns what it did:
 * - `newEvidence(args?: NewEvidenceArgs)` → the new file's Uri;
 * - `findKsb(code?: string)` → whether the code was inserted at the cursor(s);
 * - `selectOption(id?: string, portfolio?: Uri)` / `selectVersion(version?: string, portfolio?: Uri)` → whether portfolio.yaml was edited;
 * - `showCoverage()`; `copyCoverageMarkdown(portfolio?: Uri)` → the Markdown put on the clipboard;
 * - `refresh()`; `createConfig(args?: CreateConfigArgs)` → the new config's Uri.
 * A command cancelled by the user, or refused (a file that exists), returns `undefined` or `false`.
 */
export function registerCommands(workspace: PortfolioWorkspace): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.newEvidence, (args?: unknown) => newEvidence(workspace, plainObject<NewEvidenceArgs>(args), uriArgument(args))),
    vscode.commands.registerCommand(Commands.findKsb, (code?: unknown) => findKsb(workspace, typeof code === 'string' ? code : undefined)),
    vscode.commands.registerCommand(Commands.selectOption, (id?: unknown, root?: unknown) =>
      selectConfigValue(workspace, 'option', typeof id === 'string' ? id : undefined, uriArgument(root) ?? uriArgument(id)),
    ),
    vscode.commands.registerCommand(Commands.selectVersion, (version?: unknown, root?: unknown) =>
      selectConfigValue(workspace, 'version', typeof version === 'string' ? version : undefined, uriArgument(root) ?? uriArgument(version)),
    ),
    vscode.commands.registerCommand(Commands.showCoverage, () => vscode.commands.executeCommand(`${Views.coverage}.focus`)),
    vscode.commands.registerCommand(Commands.copyCoverage, (root?: unknown) => copyCoverage(workspace, uriArgument(root))),
    vscode.commands.registerCommand(Commands.refresh, () =>
      vscode.window.withProgress({ location: { viewId: Views.coverage }, title: 'Reloading portfolios' }, () => workspace.reload()),
    ),
    vscode.commands.registerCommand(Commands.createConfig, (args?: unknown) => createConfig(plainObject<CreateConfigArgs>(args), uriArgument(args))),
  );
}

// ---------------------------------------------------------------------------------------------
// New evidence file

async function newEvidence(workspace: PortfolioWorkspace, args: NewEvidenceArgs, clicked: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const portfolio = await choosePortfolio(workspace, args.portfolio ?? clicked);
  if (!portfolio) return undefined;
  const resolved = portfolio.index.portfolio;
  if (!resolved) {
    void vscode.window.showErrorMessage(`Fix ${CONFIG_FILE_NAME} first: it names no standard and version this extension knows.`);
    return undefined;
  }
  const title =
    args.title ??
    (await vscode.window.showInputBox({
      title: 'New Evidence File (1/3)',
      prompt: 'Title of the evidence',
      placeHolder: 'e.g. Weekly post schedule update',
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() ? undefined : 'Expected a title, found nothing'),
    }));
  if (title === undefined || !title.trim()) return undefined;
  const date =
    args.date ??
    (await vscode.window.showInputBox({
      title: 'New Evidence File (2/3)',
      prompt: 'Date of the work (YYYY-MM-DD)',
      value: today(),
      ignoreFocusOut: true,
      validateInput: (value) => (isIsoDate(value.trim()) ? undefined : `Expected a date such as ${today()}, found \`${value}\``),
    }))?.trim();
  if (date === undefined) return undefined;
  if (!isIsoDate(date)) {
    void vscode.window.showErrorMessage(`Expected a date such as ${today()}, found \`${date}\`.`);
    return undefined;
  }
  const codes = args.codes ?? (await pickCodes(resolved.standard, resolved.option?.id));
  if (codes === undefined) return undefined;

  const folder = evidenceFolder(resolved.config);
  const relative = `${folder ? `${folder}/` : ''}${evidenceFileName(date, title.trim())}`;
  const uri = vscode.Uri.joinPath(portfolio.rootUri, relative);
  if (await uriExists(uri)) {
    void vscode.window.showErrorMessage(`${relative} already exists: choose another title or date.`);
    return undefined;
  }
  if (resolved.matchesEvidenceGlobs && !resolved.matchesEvidenceGlobs(relative)) {
    void vscode.window.showWarningMessage(`${relative} is not matched by the \`evidence\` globs of ${CONFIG_FILE_NAME}, so it will not count as evidence.`);
  }
  const text = evidenceTemplate(title.trim(), date, codes);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const editor = await vscode.window.showTextDocument(uri);
  // Put the cursor where the writing starts: the line after "## What I did".
  const line = text.split('\n').indexOf('## What I did') + 1;
  if (line > 0) editor.selection = new vscode.Selection(line, 0, line, 0);
  return uri;
}

/** The codes to claim, picked from the applicable KSBs; `undefined` when cancelled. */
async function pickCodes(standard: StandardVersion, optionId: string | undefined): Promise<string[] | undefined> {
  const picked = await vscode.window.showQuickPick(ksbItems(standard, optionId), {
    title: 'New Evidence File (3/3): KSBs this evidence shows',
    // Space in the filter box types a space: the list needs focus (Down) before Space ticks.
    placeHolder: 'Type a code or words of a KSB; Down then Space ticks it; Enter when done',
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  return picked?.flatMap((item) => ('ksb' in item ? [item.ksb.code] : []));
}

// ---------------------------------------------------------------------------------------------
// Find KSB

interface KsbItem extends vscode.QuickPickItem {
  readonly ksb: Ksb;
}

/** Quick pick items for the KSBs of an option, under a separator per kind. */
function ksbItems(standard: StandardVersion, optionId: string | undefined, withDetail = false): Array<KsbItem | vscode.QuickPickItem> {
  const items: Array<KsbItem | vscode.QuickPickItem> = [];
  const ksbs = standard.applicableKsbs(optionId);
  for (const kind of KSB_KINDS) {
    const ofKind = ksbs.filter((ksb) => ksb.kind === kind);
    if (ofKind.length === 0) continue;
    items.push({ label: KIND_TITLES[kind], kind: vscode.QuickPickItemKind.Separator });
    for (const ksb of ofKind) {
      items.push(
        withDetail
          ? { label: ksb.code, description: `${standard.optionLabel(ksb)}${ksb.duties.length ? ` · duties ${ksb.duties.map((d) => d.number).join(', ')}` : ''}`, detail: ksb.text, ksb }
          : { label: ksb.code, description: ksb.text, ksb },
      );
    }
  }
  return items;
}

async function findKsb(workspace: PortfolioWorkspace, code: string | undefined): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('Open a file to insert a KSB code at the cursor.');
    return false;
  }
  if (code === undefined) {
    const portfolio = workspace.portfolioFor(editor.document.uri) ?? workspace.active();
    // Outside a portfolio, offer every KSB of the latest shipped standard.
    const standard = portfolio?.index.portfolio?.standard ?? defaultStandard(builtinCatalogue());
    if (!standard) return false;
    const picked = await vscode.window.showQuickPick(ksbItems(standard, portfolio?.index.portfolio?.option?.id, true), {
      title: `Find KSB: ${standard.label}`,
      placeHolder: 'Type a code or words of a KSB; Enter inserts its code at the cursor',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked || !('ksb' in picked)) return false;
    code = picked.ksb.code;
  }
  const text = code;
  return editor.edit((builder) => {
    for (const selection of editor.selections) builder.replace(selection, text);
  });
}

// ---------------------------------------------------------------------------------------------
// Select option / version

async function selectConfigValue(workspace: PortfolioWorkspace, field: EditableConfigField, value: string | undefined, root: vscode.Uri | undefined): Promise<boolean> {
  const portfolio = await choosePortfolio(workspace, root);
  if (!portfolio) return false;
  const configUri = vscode.Uri.joinPath(portfolio.rootUri, CONFIG_FILE_NAME);
  const document = await vscode.workspace.openTextDocument(configUri);
  // Read the file itself rather than the index: the index has no standard when the version is wrong.
  const config = parseConfig(document.getText()).config;
  const versions = config ? portfolio.index.standards.versions(config.standard) : [];
  if (!config || versions.length === 0) {
    void vscode.window.showErrorMessage(`Fix the \`standard:\` in ${CONFIG_FILE_NAME} first.`);
    await vscode.window.showTextDocument(document);
    return false;
  }
  const standard = portfolio.index.standards.get(config.standard, config.version) ?? versions[versions.length - 1];

  if (field === 'option') {
    if (standard.options.length === 0) {
      void vscode.window.showInformationMessage(`${standard.label} has no options.`);
      return false;
    }
    const current = config.option && standard.findOption(config.option);
    if (value === undefined) {
      const picked = await vscode.window.showQuickPick(
        standard.options.map((option) => ({ label: option.title, description: option === current ? `${option.id} (current)` : option.id, id: option.id })),
        { title: `Select Option of ${standard.label}`, placeHolder: 'The option (pathway) of the apprenticeship' },
      );
      if (!picked) return false;
      value = picked.id;
    }
    const option = standard.findOption(value);
    if (!option) {
      void vscode.window.showErrorMessage(`Unexpected option \`${value}\` for ${standard.label}: expected one of ${standard.options.map((o) => `\`${o.id}\``).join(', ')}.`);
      return false;
    }
    value = option.id;
  } else {
    if (value === undefined) {
      const picked = await vscode.window.showQuickPick(
        [...versions].reverse().map((version, i) => ({
          label: version.version,
          description: [i === 0 ? 'latest' : '', version.version === config.version ? 'current' : '', `from ${version.startDate}`].filter(Boolean).join(' · '),
          detail: version.title,
        })),
        { title: `Select Version of ${versions[0].reference}`, placeHolder: 'The version of the standard the apprentice started on' },
      );
      if (!picked) return false;
      value = picked.label;
    }
    const chosen = versions.find((version) => version.version === value);
    if (!chosen) {
      void vscode.window.showErrorMessage(`Unexpected version "${value}" of ${versions[0].reference}: expected one of ${versions.map((v) => `"${v.version}"`).join(', ')}.`);
      return false;
    }
    if (config.option && !chosen.findOption(config.option)) {
      void vscode.window.showWarningMessage(`${chosen.label} has no option \`${config.option}\`: select an option next.`);
    }
  }
  return editConfig(document, field, value);
}

/** Sets one field of an open `portfolio.yaml` with an undoable edit, then saves so the index reloads. */
async function editConfig(document: vscode.TextDocument, field: EditableConfigField, value: string): Promise<boolean> {
  const result = configFieldEdit(document.getText(), field, value);
  if (!result.ok) {
    void vscode.window.showErrorMessage(result.reason);
    return false;
  }
  const wasDirty = document.isDirty;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, toRange(result.edit.range), result.edit.newText);
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  if (wasDirty) {
    // Saving would also save the user's unfinished edits; leave that to them.
    void vscode.window.showInformationMessage(`Set \`${field}\` in ${CONFIG_FILE_NAME}; save it to apply the change.`);
    return true;
  }
  return document.save();
}

// ---------------------------------------------------------------------------------------------
// Copy coverage, create config

async function copyCoverage(workspace: PortfolioWorkspace, root: vscode.Uri | undefined): Promise<string | undefined> {
  const portfolio = await choosePortfolio(workspace, root);
  if (!portfolio) return undefined;
  await workspace.settled();
  const coverage = portfolio.index.coverage();
  if (!coverage) {
    void vscode.window.showErrorMessage(`Fix ${CONFIG_FILE_NAME} first: it names no standard and version this extension knows.`);
    return undefined;
  }
  const markdown = coverageMarkdown(coverage, { generatedOn: today() });
  await vscode.env.clipboard.writeText(markdown);
  const { covered, total } = coverage.summary;
  void vscode.window.showInformationMessage(`Copied the coverage of ${coverage.portfolio.standard.label} (${covered}/${total} KSBs) as Markdown.`);
  return markdown;
}

async function createConfig(args: CreateConfigArgs, clicked: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const folder = args.folder ?? clicked ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) {
    void vscode.window.showErrorMessage(`Open a folder to create ${CONFIG_FILE_NAME} in.`);
    return undefined;
  }
  const target = vscode.Uri.joinPath(folder, CONFIG_FILE_NAME);
  if (await uriExists(target)) {
    void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(target)} already exists.`);
    await vscode.window.showTextDocument(target);
    return undefined;
  }
  const catalogue = builtinCatalogue();
  let reference = args.standard;
  if (reference === undefined) {
    const references = catalogue.references();
    reference =
      references.length === 1
        ? references[0]
        : (await vscode.window.showQuickPick(references.map((r) => ({ label: r, description: catalogue.get(r)?.title })), { title: 'Create portfolio.yaml: standard' }))?.label;
    if (reference === undefined) return undefined;
  }
  const standard = catalogue.get(reference, args.version);
  if (!standard) {
    void vscode.window.showErrorMessage(`Unexpected standard ${reference}${args.version ? ` version "${args.version}"` : ''}: expected one of ${catalogue.references().join(', ')}.`);
    return undefined;
  }
  let option = args.option;
  if (option === undefined && standard.options.length > 1) {
    option = (
      await vscode.window.showQuickPick(
        standard.options.map((o) => ({ label: o.title, description: o.id, id: o.id })),
        { title: `Create portfolio.yaml: option of ${standard.label}`, placeHolder: 'The option (pathway) of the apprenticeship' },
      )
    )?.id;
    if (option === undefined) return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(configTemplate(standard, option)));
  await vscode.window.showTextDocument(target);
  return target;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** The portfolio a command acts on: the one holding `hint`, the active editor's, the only one, or one the user picks. */
async function choosePortfolio(workspace: PortfolioWorkspace, hint: vscode.Uri | undefined): Promise<OpenPortfolio | undefined> {
  await workspace.ready;
  const fromHint = hint && workspace.portfolioFor(hint);
  if (fromHint) return fromHint;
  const editorUri = vscode.window.activeTextEditor?.document.uri;
  const fromEditor = editorUri && workspace.portfolioFor(editorUri);
  if (fromEditor) return fromEditor;
  const all = workspace.all();
  if (all.length <= 1) {
    if (all.length === 0) void vscode.window.showErrorMessage(`No portfolio here: create a ${CONFIG_FILE_NAME} first.`);
    return all[0];
  }
  const picked = await vscode.window.showQuickPick(
    all.map((portfolio) => ({ label: portfolioLabel(portfolio.rootUri), description: portfolio.index.portfolio?.standard.label, portfolio })),
    { title: 'Which portfolio?' },
  );
  return picked?.portfolio;
}

/** The argument if it is an options object (not a Uri that a menu passed). */
function plainObject<T>(arg: unknown): T {
  return (arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? arg : {}) as T;
}

/** A Uri passed by a menu (the explorer or the editor title), if any. */
function uriArgument(arg: unknown): vscode.Uri | undefined {
  return arg instanceof vscode.Uri ? arg : undefined;
}
