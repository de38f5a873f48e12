// Activation time in the real editor, through the harness (scripts/harness/).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The time from activate() to the first provider answering, or why it was not measured. */
export async function measureActivation(repoRoot: string, log: (line: string) => void): Promise<{ ms: number | undefined; note: string }> {
  const runner = join(repoRoot, 'scripts', 'harness', 'run.mjs');
  if (!existsSync(runner)) {
    log('activation: no editor harness runner yet (scripts/harness/run.mjs)');
    return { ms: undefined, note: 'not measured: the editor harness has no runner yet' };
  }
  return { ms: undefined, note: 'not measured' };
}
