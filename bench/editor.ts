// Activation in the real editor, through the harness (scripts/harness/, docs/testing.md):
// bench/editor/activation.mjs starts code-server on a portfolio with a probe extension that
// activates KSB Portfolio and times it until its hover answers.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './measure';

/** What one editor start measured, or why it could not. */
interface ProbeResult {
  /** Loading the bundle (require), from the start. */
  readonly loadMs?: number;
  /** Load plus VS Code's activation of the extension, from the start. */
  readonly activateMs?: number;
  readonly firstHoverMs?: number;
  readonly vscodeVersion?: string;
  readonly error?: string;
}

/** Each start of code-server and Chromium takes about 20 s here; a few give a median. */
const RUNS = 3;
const RUN_TIMEOUT_MS = 240_000;

/**
 * The time from calling KSB Portfolio's activate() to its hover answering on a claimed code in
 * `file` of the portfolio at `root`, in the real editor: the median of a few editor starts.
 */
export async function measureActivation(
  repoRoot: string,
  root: string,
  file: string,
  log: (line: string) => void,
): Promise<{ ms: number | undefined; note: string; samples: ProbeResult[] }> {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((text, index) => index > 0 && /\b[KSB]\d+\b/.test(text));
  const character = (/\b[KSB]\d+\b/.exec(lines[line])?.index ?? 0) + 1;
  const samples: ProbeResult[] = [];
  for (let run = 0; run < RUNS; run++) {
    log(`activation in the editor: start ${run + 1} of ${RUNS} (code-server + Chromium)`);
    const result = await probe(repoRoot, root, file, line, character);
    samples.push(result);
    if (result.error) {
      log(`activation in the editor: ${result.error}`);
      break;
    }
  }
  const good = samples.filter((s) => s.firstHoverMs !== undefined && !s.error);
  if (good.length === 0) return { ms: undefined, note: `not measured: ${samples[0]?.error ?? 'no result'}`.slice(0, 160), samples };
  const load = median(good.map((s) => s.loadMs ?? Number.NaN));
  const activate = median(good.map((s) => s.activateMs!));
  return {
    ms: median(good.map((s) => s.firstHoverMs!)),
    note: `bundle loaded at ${load.toFixed(0)} ms, activated at ${activate.toFixed(0)} ms; ${good.length} starts of code-server (VS Code ${good[0].vscodeVersion})${samples.length > good.length ? ', some failed' : ''}`,
    samples,
  };
}

function probe(repoRoot: string, root: string, file: string, line: number, character: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const script = join(repoRoot, 'bench', 'editor', 'activation.mjs');
    const child = spawn(process.execPath, [script, root, file, String(line), String(character)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    // The harness stops code-server and Chromium when its process is signalled.
    const timer = setTimeout(() => child.kill('SIGTERM'), RUN_TIMEOUT_MS);
    child.on('close', () => {
      clearTimeout(timer);
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last) as ProbeResult);
      } catch {
        resolve({ error: `the editor probe printed no result (${(errors.trim().split('\n').pop() ?? '').slice(0, 120)})` });
      }
    });
  });
}
