// The cohort spread over every core: the CLI's own bundle started again as worker threads, one per
// spare core, each working out whole portfolios' rows while the main thread works out others. Rows
// come back in the order the portfolios were found, so the result is the one-thread result.
import { Worker } from 'node:worker_threads';
import { errorRow, type CohortRow } from '../core';
import { cohortRowFor, type CohortJob } from './cohortRows';
import { ask, spareCores, WORKER_DATA, workersSet } from './parseWorkers';

/** Below this many portfolios, starting threads (about 30 ms each, with the bundle parsed again) costs more than it saves. */
export const COHORT_WORKER_THRESHOLD = 8;

/** How many worker threads to start for `jobs` portfolios: `KSB_WORKERS` when set, else one per spare core from the threshold up. */
export function workerCount(env: NodeJS.ProcessEnv, jobs: number): number {
  const set = workersSet(env);
  if (set !== undefined) return Math.min(set, jobs);
  if (jobs < COHORT_WORKER_THRESHOLD) return 0;
  return Math.min(spareCores(), jobs - 1);
}

/**
 * The rows of `jobs`, in order: the main thread and `workers` threads started from `script` (the
 * CLI's bundle) each take the next job until none is left. A thread that fails turns its job into
 * an error row and stops taking jobs; the others carry on.
 */
export async function cohortRowsOf(jobs: readonly CohortJob[], workers: number, script: string | undefined): Promise<CohortRow[]> {
  const rows: CohortRow[] = new Array(jobs.length);
  let next = 0;
  const take = () => (next < jobs.length ? next++ : undefined);
  const mainLane = async () => {
    for (let i = take(); i !== undefined; i = take()) rows[i] = await cohortRowFor(jobs[i]);
  };
  const threadLane = async () => {
    const worker = new Worker(script!, { workerData: WORKER_DATA });
    try {
      for (let i = take(); i !== undefined; i = take()) {
        const job = jobs[i];
        try {
          rows[i] = await ask<CohortRow>(worker, { kind: 'row', job });
        } catch (error) {
          rows[i] = errorRow(job.path, `the worker thread failed: ${error instanceof Error ? error.message : String(error)}`);
          return;
        }
      }
    } finally {
      await worker.terminate();
    }
  };
  const lanes = [mainLane()];
  if (script !== undefined) for (let i = 0; i < workers; i++) lanes.push(threadLane());
  await Promise.all(lanes);
  return rows;
}
