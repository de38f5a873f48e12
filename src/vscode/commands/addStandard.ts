import * as vscode from 'vscode';
import {
  addStandardFile,
  basename,
  CONFIG_FILE_NAME,
  configFieldsEdit,
  DATA_FILE_READ_LIMIT,
  decodeText,
  downloadStandard,
  formatBytes,
  parseConfig,
  httpStandardsFetcher,
  isStandardFileName,
  STANDARDS_FOLDER,
  today,
  type StandardDownload,
  type StandardDownloadResult,
  type StandardsFetcher,
} from '../../core';
import { Commands, Settings } from '../constants';
import type { OpenPortfolio, PortfolioWorkspace } from '../portfolioWorkspace';
import { writeFileSafely, writeRefusal } from '../safeWrite';
import { readSettings } from '../settings';
import { uriExists } from '../vscodeFileSystem';
import { choosePortfolio } from './choosePortfolio';
import { editConfig } from './selectConfigValue';

/** Arguments of `ksbPortfolio.addStandard`; with a `reference` or a `file` nothing is asked but what is left out below. */
export interface AddStandardArgs {
  /** A file or folder inside the portfolio to add to; default: the active portfolio. */
  readonly portfolio?: vscode.Uri;
  /** A reference to download (`ST0116`). */
  readonly reference?: string;
  /** The version to download; default: the latest approved for delivery. */
  readonly version?: string;
  /** The API's standards endpoint; default: the `ksbPortfolio.standardsApiUrl` setting. */
  readonly apiUrl?: string;
  /** A JSON file downloaded from the API by hand. */
  readonly file?: vscode.Uri;
  /** Replace a file of the same name in `standards/` without asking (`false`: keep it and stop). */
  readonly overwrite?: boolean;
  /** Set `standard:` and `version:` in portfolio.yaml without asking (`false`: leave it alone). */
  readonly use?: boolean;
}

/** What the user chose in the first pick. */
type Source = { readonly reference: string; readonly version: string | undefined } | { readonly file: vscode.Uri };

const TITLE = 'Add Standard';

/**
 * `ksbPortfolio.addStandard`: downloads a standard from the public API (or takes a file downloaded
 * by hand), writes it into the portfolio's `standards/` folder, and offers to use it in
 * portfolio.yaml. Returns the written file, or `undefined` when cancelled, refused or failed.
 */
export async function addStandard(workspace: PortfolioWorkspace, args: AddStandardArgs, clicked: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const portfolio = await choosePortfolio(workspace, args.portfolio ?? clicked);
  if (!portfolio) return undefined;
  const source: Source | undefined = args.file
    ? { file: args.file }
    : args.reference !== undefined
      ? { reference: args.reference, version: args.version }
      : await askSource();
  if (!source) return undefined;

  const result = 'file' in source ? await readDownloadedFile(source.file) : await download(source.reference, source.version, apiUrl(args, portfolio));
  if (!result) return undefined;
  if (!result.ok) {
    // Offline or refused: the same file saved from a browser is the way round.
    void vscode.window.showErrorMessage(result.message, ...('file' in source ? [] : [CHOOSE_FILE])).then(async (choice) => {
      const file = choice === CHOOSE_FILE ? await pickFile() : undefined;
      if (file) void vscode.commands.executeCommand(Commands.addStandard, { ...withoutSource(args), portfolio: portfolio.rootUri, file });
    });
    return undefined;
  }
  const target = await writeStandard(portfolio, result, args.overwrite);
  if (!target) return undefined;
  workspace.wrote(target);

  const relative = `${STANDARDS_FOLDER}/${result.fileName}`;
  const label = `${result.standard.label} (${result.standard.title})`;
  if (await alreadyUsed(portfolio, result)) {
    void vscode.window.showInformationMessage(`Added ${label} as ${relative}; ${CONFIG_FILE_NAME} already uses it.`);
  } else if (args.use === true) {
    await useStandard(portfolio, result);
  } else if (args.use === undefined) {
    // Not awaited: a notification can stay open for as long as the user leaves it.
    void vscode.window.showInformationMessage(`Added ${label} as ${relative}.`, USE_IT).then((choice) => {
      if (choice === USE_IT) void useStandard(portfolio, result);
    });
  }
  return target;
}

const USE_IT = `Use it in ${CONFIG_FILE_NAME}`;
const CHOOSE_FILE = 'Choose a Downloaded File...';

/** The arguments without what chose the source, for asking again. */
function withoutSource(args: AddStandardArgs): AddStandardArgs {
  return { overwrite: args.overwrite, use: args.use, apiUrl: args.apiUrl };
}

/** `ST0116`, `st0116 1.1` or `ST0116 v1.1` as typed in the pick. */
const TYPED_REFERENCE = /^\s*(st\d{4})(?:\s+v?(\d+(?:\.\d+)*))?\s*$/i;

/** Asks for a reference (typed into the pick) or a downloaded file; `undefined` when cancelled. */
async function askSource(): Promise<Source | undefined> {
  type Item = vscode.QuickPickItem & { readonly source?: 'file' | { reference: string; version: string | undefined } };
  const fileItem: Item = {
    label: '$(file) From a downloaded file...',
    detail: 'A JSON file saved from the standards API in a browser',
    alwaysShow: true,
    source: 'file',
  };
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = TITLE;
  pick.placeholder = 'Type a standard reference (ST0116, or ST0116 1.1 for one version), or choose a downloaded file';
  pick.items = [fileItem];
  const disposables = [
    pick.onDidChangeValue((value) => {
      const typed = TYPED_REFERENCE.exec(value);
      const download: Item[] = typed
        ? [
            {
              label: `$(cloud-download) Download ${typed[1].toUpperCase()}${typed[2] ? ` version ${typed[2]}` : ''}`,
              detail: typed[2] ? 'From the public standards API' : 'The latest version approved for delivery, from the public standards API',
              alwaysShow: true,
              source: { reference: typed[1].toUpperCase(), version: typed[2] },
            },
          ]
        : [];
      pick.items = [...download, fileItem];
    }),
  ];
  try {
    const chosen = await new Promise<Item | undefined>((resolve) => {
      disposables.push(
        pick.onDidAccept(() => resolve(pick.selectedItems[0])),
        pick.onDidHide(() => resolve(undefined)),
      );
      pick.show();
    });
    pick.hide();
    if (!chosen?.source) return undefined;
    if (chosen.source !== 'file') return chosen.source;
    const file = await pickFile();
    return file ? { file } : undefined;
  } finally {
    vscode.Disposable.from(...disposables, pick).dispose();
  }
}

/** Asks for a JSON file downloaded from the API; `undefined` when cancelled. */
async function pickFile(): Promise<vscode.Uri | undefined> {
  const files = await vscode.window.showOpenDialog({ title: `${TITLE}: a JSON file from the standards API`, filters: { JSON: ['json'] }, openLabel: TITLE });
  return files?.[0];
}

/** The endpoint to download from: the argument, or the setting of the portfolio's folder. */
function apiUrl(args: AddStandardArgs, portfolio: OpenPortfolio): string {
  return args.apiUrl ?? readSettings(portfolio.rootUri).standardsApiUrl;
}

/** Downloads with a progress notification the user can cancel; `undefined` when they did. */
async function download(reference: string, version: string | undefined, base: string): Promise<StandardDownloadResult | undefined> {
  if (!/^https?:\/\/\S+$/i.test(base)) {
    return { ok: false, message: `Expected the \`${Settings.section}.${Settings.standardsApiUrl}\` setting to be an http(s) URL, found \`${base}\`` };
  }
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Downloading ${reference.trim().toUpperCase()} from the standards API`, cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      const cancelled = token.onCancellationRequested(() => controller.abort());
      try {
        const result = await downloadStandard(fetcherWith(controller.signal), base, reference, version, today());
        return token.isCancellationRequested ? undefined : result;
      } finally {
        cancelled.dispose();
      }
    },
  );
}

/** The host's `fetch` (Node's in the desktop host, the browser's in the web worker), answers capped at what a portfolio reads. */
function fetcherWith(cancel: AbortSignal): StandardsFetcher {
  return httpStandardsFetcher(fetch, { maxBytes: DATA_FILE_READ_LIMIT, cancel });
}

/** A file downloaded by hand, checked and prepared as `ksb standard add FILE.json` does. */
async function readDownloadedFile(file: vscode.Uri): Promise<StandardDownloadResult> {
  const name = basename(file.path);
  let bytes: Uint8Array;
  try {
    const stat = await vscode.workspace.fs.stat(file);
    if (stat.type & vscode.FileType.Directory) return { ok: false, message: `Expected \`${name}\` to be a JSON file from the standards API, found a folder` };
    if (stat.size > DATA_FILE_READ_LIMIT) {
      return {
        ok: false,
        message: `Expected \`${name}\` to be at most ${formatBytes(DATA_FILE_READ_LIMIT)}, found ${formatBytes(stat.size)}: a portfolio would not read it`,
      };
    }
    bytes = await vscode.workspace.fs.readFile(file);
  } catch (error) {
    return { ok: false, message: `Could not read \`${name}\`: ${error instanceof Error ? error.message : String(error)}` };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, message: `Expected \`${name}\` to be a JSON file from the standards API: ${decoded.reason}` };
  return addStandardFile(decoded.text, name, today());
}

/** Writes the file into `standards/`, asking before replacing one; `undefined` when refused. */
async function writeStandard(portfolio: OpenPortfolio, download: StandardDownload, overwrite: boolean | undefined): Promise<vscode.Uri | undefined> {
  // The core names the file from checked data; checked again here, where a path would do harm.
  if (!isStandardFileName(download.fileName)) {
    void vscode.window.showErrorMessage(`${TITLE}: refusing to write a standard file named ${JSON.stringify(download.fileName)}.`);
    return undefined;
  }
  const folder = vscode.Uri.joinPath(portfolio.rootUri, STANDARDS_FOLDER);
  const target = vscode.Uri.joinPath(folder, download.fileName);
  const bytes = new TextEncoder().encode(download.contents);
  if (bytes.byteLength > DATA_FILE_READ_LIMIT) {
    void vscode.window.showErrorMessage(
      `${download.standard.label} is ${formatBytes(bytes.byteLength)} as a file, over the ${formatBytes(DATA_FILE_READ_LIMIT)} a portfolio reads: it was not added.`,
    );
    return undefined;
  }
  // Refused before asking whether to replace: a linked standards/ or file would send the write elsewhere.
  const refusal = await writeRefusal(target, { portfolio: portfolio.rootUri });
  if (refusal) {
    void vscode.window.showErrorMessage(`${TITLE}: cannot write ${STANDARDS_FOLDER}/${download.fileName}: ${refusal}.`);
    return undefined;
  }
  if (await uriExists(target)) {
    const replace =
      overwrite ??
      (await vscode.window.showWarningMessage(
        `${STANDARDS_FOLDER}/${download.fileName} already exists. Replace it with the new download?`,
        { modal: true },
        'Replace',
      )) === 'Replace';
    if (!replace) return undefined;
  }
  return (await writeFileSafely(target, bytes, { portfolio: portfolio.rootUri })) ? target : undefined;
}

/** Whether portfolio.yaml already names this standard and version. */
async function alreadyUsed(portfolio: OpenPortfolio, download: StandardDownload): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(portfolio.rootUri, CONFIG_FILE_NAME));
  const config = parseConfig(document.getText()).config;
  return config?.standard.toUpperCase() === download.standard.reference && config.version === download.standard.version;
}

/** Sets `standard:` and `version:` to the added standard in one undoable edit; warns when the option no longer fits. */
async function useStandard(portfolio: OpenPortfolio, download: StandardDownload): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(portfolio.rootUri, CONFIG_FILE_NAME));
  const { standard } = download;
  const edited = await editConfig(document, configFieldsEdit(document.getText(), { standard: standard.reference, version: standard.version }), 'standard');
  if (!edited) return false;
  const option = parseConfig(document.getText()).config?.option;
  const fits = option === undefined ? standard.options.length === 0 : standard.findOption(option) !== undefined;
  if (!fits) {
    const found = option === undefined ? 'no option is set' : `\`${option}\` is not one of them`;
    void vscode.window.showWarningMessage(`${standard.label} has options and ${found}: select an option next.`, 'Select Option').then((choice) => {
      if (choice) void vscode.commands.executeCommand(Commands.selectOption, undefined, portfolio.rootUri);
    });
  }
  return true;
}
