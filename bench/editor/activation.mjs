// Activation in the real editor: `node bench/editor/activation.mjs PORTFOLIO FILE LINE CHARACTER`.
// Uses the integration harness (scripts/harness/, docs/testing.md) to start code-server on the
// portfolio and open it in headless Chromium, with two extensions in a throwaway profile:
// KSB Portfolio as the benchmark built it (out/bench/bundles/extension.js, minified) with its
// activation events emptied, and bench/editor/probe, which activates it and times it until its
// hover answers at FILE:LINE:CHARACTER. Prints one JSON line: the probe's figures or an error.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openWorkbench } from '../../scripts/harness/browser.mjs';
import { installSignalHandlers, onCleanup, runCleanups } from '../../scripts/harness/cleanup.mjs';
import { startCodeServer } from '../../scripts/harness/code-server.mjs';
import { pollUntil } from '../../scripts/harness/log.mjs';
import { repoRoot } from '../../scripts/harness/paths.mjs';
import { QUIET_SETTINGS } from '../../scripts/harness/profile.mjs';
import { ensureTools } from '../../scripts/harness/tools.mjs';
import { installFolder } from '../../scripts/harness/vsix.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** KSB Portfolio as shipped (manifest and the files it names), but activated only on request. */
function extensionCopy(dir) {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  manifest.activationEvents = [];
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  cpSync(join(repoRoot, 'out', 'bench', 'bundles', 'extension.js'), join(dir, 'dist', 'extension.js'));
  for (const folder of ['syntaxes', 'schemas', 'images']) {
    if (existsSync(join(repoRoot, folder))) cpSync(join(repoRoot, folder), join(dir, folder), { recursive: true });
  }
  return dir;
}

async function main() {
  const [portfolio, file, line, character] = process.argv.slice(2);
  installSignalHandlers();
  const tmp = mkdtempSync(join(tmpdir(), 'ksb-bench-editor-'));
  onCleanup(() => rmSync(tmp, { recursive: true, force: true }));
  let result;
  try {
    const tools = await ensureTools();
    const extensionsDir = join(tmp, 'extensions');
    const userDataDir = join(tmp, 'user-data');
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
    mkdirSync(extensionsDir, { recursive: true });
    installFolder(extensionCopy(join(tmp, 'ksb-portfolio')), extensionsDir);
    installFolder(join(here, 'probe'), extensionsDir);
    const resultFile = join(tmp, 'result.json');
    mkdirSync(join(tmp, 'tmp'), { recursive: true });
    const server = await startCodeServer({
      node: tools.node,
      entry: tools.codeServer,
      folder: portfolio,
      userDataDir,
      extensionsDir,
      stateDir: join(tmp, 'code-server'),
      env: {
        TMPDIR: join(tmp, 'tmp'),
        KSB_BENCH_RESULT: resultFile,
        KSB_BENCH_HOVER_FILE: file,
        KSB_BENCH_HOVER_LINE: line,
        KSB_BENCH_HOVER_CHARACTER: character,
        ...(process.env.KSB_BENCH_PROFILE ? { KSB_BENCH_PROFILE: process.env.KSB_BENCH_PROFILE } : {}),
      },
    });
    const { browser } = await launchBrowser(tools.chromium);
    await openWorkbench(browser, server.url);
    await pollUntil(() => existsSync(resultFile), { timeoutMs: 150_000, intervalMs: 250, what: 'the activation probe' });
    result = JSON.parse(readFileSync(resultFile, 'utf8'));
  } catch (error) {
    result = { error: error?.message ?? String(error) };
  } finally {
    await runCleanups();
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

await main();
