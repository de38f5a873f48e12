// A Chromium driven by playwright-core (a development dependency), for the tests and the benchmark
// that open the report as a person would: the CLI itself prints through src/cli/reportPdf.ts.
import { findChromium, CHROMIUM_ARGS } from '../src/cli/reportPdf';

/** Launches a headless Chromium with the CLI's flags (no sandbox as root, where it cannot start one). */
export async function launchChromium(env: NodeJS.ProcessEnv = process.env) {
  const executablePath = findChromium(env);
  if (!executablePath) throw new Error('Chromium not found: install it (Debian: apt-get install chromium) or set KSB_CHROMIUM');
  const { chromium } = await import('playwright-core');
  const asRoot = process.getuid?.() === 0;
  return chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS, ...(asRoot ? ['--no-sandbox'] : [])], timeout: 60_000 });
}
