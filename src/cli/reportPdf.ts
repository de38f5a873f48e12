// Prints the report to PDF with a local Chrome, Chromium or Edge, through the DevTools protocol
// over a pipe (--remote-debugging-pipe): no port is opened and no package is needed, so the
// installed `ksb` prints with nothing but a browser. Scripts are off, and every request the page
// makes is refused before it leaves the browser, so a report prints as exactly what it holds.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import CHROMIUM_FLAGS from './chromiumFlags.json';
import { UsageError } from './usageError';

/** The environment variable naming a browser to print with (as `--chromium` does). */
export const CHROMIUM_ENV = 'KSB_CHROMIUM';

/**
 * Flags for a headless Chromium that talks to no server of its own (updates, sync, safe browsing).
 * A data file, so the test harness (plain .mjs) launches its Chromium with the same list.
 */
export const CHROMIUM_ARGS: readonly string[] = CHROMIUM_FLAGS;

/** Where Chrome, Chromium and Edge are installed by default on each platform, most likely first. */
export function browserCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
    return [...apps.map((app) => `/Applications/${app}`), ...(env.HOME ? apps.map((app) => `${env.HOME}/Applications/${app}`) : [])];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((root): root is string => Boolean(root));
    return roots.flatMap((root) => [
      `${root}\\Google\\Chrome\\Application\\chrome.exe`,
      `${root}\\Microsoft\\Edge\\Application\\msedge.exe`,
      `${root}\\Chromium\\Application\\chrome.exe`,
    ]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/snap/bin/chromium',
  ];
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The browser to print with: `--chromium PATH` when given, else `$KSB_CHROMIUM`, else the first
 * installed one of `browserCandidates`; `undefined` when there is none. A named one that is not an
 * executable file is a UsageError.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env, named?: string): string | undefined {
  const chosen = named ?? (env[CHROMIUM_ENV] || undefined);
  if (chosen !== undefined) {
    if (!isExecutable(chosen)) throw new UsageError(`${named !== undefined ? `--chromium ${chosen}` : `${CHROMIUM_ENV}=${chosen}`} is not an executable file`);
    return chosen;
  }
  return browserCandidates(process.platform, env).find(isExecutable);
}

/** The browser to print with, or a UsageError saying where it was looked for and how to name one. */
export function requireChromium(env: NodeJS.ProcessEnv = process.env, named?: string): string {
  const found = findChromium(env, named);
  if (found) return found;
  throw new UsageError(
    `--pdf needs Chrome, Chromium or Edge, found none at ${browserCandidates(process.platform, env).join(', ')}: install one (Debian: apt-get install chromium), or name it with --chromium PATH or ${CHROMIUM_ENV}=PATH`,
  );
}

/** What the print reports: the PDF and the requests it refused (none, for a self-contained report). */
export interface PrintResult {
  readonly pdf: Uint8Array;
  readonly refused: readonly string[];
}

/** The A4 page and the page-number footer every printed report has. */
const PRINT_OPTIONS = {
  paperWidth: 8.27,
  paperHeight: 11.69,
  printBackground: true,
  preferCSSPageSize: true,
  displayHeaderFooter: true,
  headerTemplate: '<span></span>',
  footerTemplate:
    '<div style="font-size:8px;width:100%;text-align:center;color:#555"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
};

/** How long the whole print may take before the browser is stopped. */
const PRINT_TIMEOUT_MS = 120_000;

interface Message {
  readonly id?: number;
  readonly method?: string;
  readonly params?: Record<string, unknown>;
  readonly result?: Record<string, unknown>;
  readonly error?: { readonly message: string };
  readonly sessionId?: string;
}

/** One DevTools connection over the browser's pipe: NUL-terminated JSON messages each way. */
class DevToolsPipe {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (result: Record<string, unknown>) => void; reject: (error: Error) => void }>();
  private readonly listeners = new Set<(message: Message) => void>();
  private buffered = '';

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    fromBrowser.setEncoding('utf8');
    fromBrowser.on('data', (chunk: string) => {
      this.buffered += chunk;
      let end: number;
      while ((end = this.buffered.indexOf('\0')) !== -1) {
        const message = JSON.parse(this.buffered.slice(0, end)) as Message;
        this.buffered = this.buffered.slice(end + 1);
        this.dispatch(message);
      }
    });
  }

  /** Sends one command (to a page's session when given) and resolves to its result. */
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    this.toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId && { sessionId }) })}\0`);
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  /** Calls `listener` with every event; returns a function that stops it. */
  onEvent(listener: (message: Message) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Fails every command still waiting, when the browser is gone. */
  close(reason: Error): void {
    for (const { reject } of this.pending.values()) reject(reason);
    this.pending.clear();
  }

  private dispatch(message: Message): void {
    if (message.id !== undefined) {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error.message));
      else waiting?.resolve(message.result ?? {});
      return;
    }
    for (const listener of this.listeners) listener(message);
  }
}

/**
 * Prints `html` to an A4 PDF with page numbers, in a headless browser with a throwaway profile,
 * scripts off and every request refused (each one listed in `refused`).
 */
export async function printPdf(html: string, browserPath: string = requireChromium()): Promise<PrintResult> {
  const profile = mkdtempSync(join(tmpdir(), 'ksb-print-'));
  const asRoot = process.getuid?.() === 0;
  const browser = spawn(
    browserPath,
    ['--headless', '--remote-debugging-pipe', `--user-data-dir=${profile}`, ...CHROMIUM_ARGS, ...(asRoot ? ['--no-sandbox'] : []), 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  browser.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
  const pipe = new DevToolsPipe(browser.stdio[3] as Writable, browser.stdio[4] as Readable);
  const gone = new Promise<void>((resolve) => browser.on('close', () => resolve()));
  const exited = new Promise<never>((_, reject) => {
    browser.on('error', (error) => reject(new Error(`cannot start ${browserPath}: ${error.message}`)));
    browser.on('exit', (code, signal) =>
      reject(new Error(`${browserPath} stopped (${signal ?? `exit ${code}`}) before printing${stderr ? `: ${lastLine(stderr)}` : ''}`)),
    );
  });
  exited.catch((error: Error) => pipe.close(error));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`printing took over ${PRINT_TIMEOUT_MS / 1000} s`)), PRINT_TIMEOUT_MS);
  });
  try {
    return await Promise.race([print(pipe, html), exited, timeout]);
  } catch (error) {
    throw new UsageError(`cannot print with ${browserPath}: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    clearTimeout(timer);
    // The profile can only go once the browser has stopped writing to it.
    if (browser.exitCode === null && browser.signalCode === null) {
      const closed = pipe.send('Browser.close').catch(() => undefined);
      const killer = setTimeout(() => browser.kill('SIGKILL'), 5_000);
      await Promise.race([closed.then(() => gone), gone]);
      clearTimeout(killer);
    }
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  }
}

async function print(pipe: DevToolsPipe, html: string): Promise<PrintResult> {
  const { targetId } = await pipe.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = (await pipe.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
  const refused: string[] = [];
  let loaded: () => void = () => undefined;
  const load = new Promise<void>((resolve) => (loaded = resolve));
  pipe.onEvent((event) => {
    if (event.sessionId !== sessionId) return;
    if (event.method === 'Fetch.requestPaused') {
      const params = event.params as { requestId: string; request: { url: string } };
      refused.push(params.request.url);
      void pipe.send('Fetch.failRequest', { requestId: params.requestId, errorReason: 'BlockedByClient' }, sessionId).catch(() => undefined);
    } else if (event.method === 'Page.loadEventFired') loaded();
  });
  await pipe.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] }, sessionId);
  await pipe.send('Emulation.setScriptExecutionDisabled', { value: true }, sessionId);
  await pipe.send('Page.enable', {}, sessionId);
  const { frameTree } = (await pipe.send('Page.getFrameTree', {}, sessionId)) as { frameTree: { frame: { id: string } } };
  await pipe.send('Page.setDocumentContent', { frameId: frameTree.frame.id, html }, sessionId);
  await load;
  const { data } = (await pipe.send('Page.printToPDF', PRINT_OPTIONS, sessionId)) as { data: string };
  return { pdf: new Uint8Array(Buffer.from(data, 'base64')), refused };
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}
