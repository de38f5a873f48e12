// The cohort spread over every core: the CLI's own bundle started again as worker threads, one per
// spare core, each working out whole portfolios' rows while the main thread works out others. Rows
// come back in the order the portfolios were found, so the result is the one-thread result.
import { availableParallelism } from 'node:os';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { errorRow, type CohortRow } from '../core';
import { cohortRowFor, type CohortJob } from './cohortRows';
import { UsageError } from './usageError';

/** The environment variable that sets how many worker threads the CLI starts: `0` for none. */
export const WORKERS_ENV = 'KSB_WORKERS';

/** Below this many portfolios, starting threads (about 30 ms each, with the bundle parsed again) costs more than it saves. */
export const COHORT_WORKER_THRESHOLD = 8;

/** What a worker thread is started with, so the bundle knows to serve jobs rather than run the CLI. */
export const COHORT_WORKER_DATA = { role: 'ksb-cohort-worker' } as const;

/** How many worker threads to start for `jobs` portfolios: `KSB_WORKERS` when set, else one per spare core above the threshold. */
export function workerCount(env: NodeJS.ProcessEnv, jobs: number): number {
  const set = env[WORKERS_ENV];
  if (set !== undefined && set !== '') {
    const count = Number(set);
    if (!Number.isInteger(count) || count < 0 || count > 256) throw new UsageError(`${WORKERS_ENV}=${set}: expected a whole number of threads from 0 to 256`);
    return Math.min(count, jobs);
  }
  if (jobs < COHORT_WORKER_THRESHOLD) return 0;
  return Math.max(0, Math.min(availableParallelism() - 1, jobs - 1));
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
    const worker = new Worker(script!, { workerData: COHORT_WORKER_DATA });
    try {
      for (let i = take(); i !== undefined; i = take()) {
        const job = jobs[i];
        try {
          rows[i] = await ask(worker, job);
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

/** Sends one job to `worker` and waits for its row. */
function ask(worker: Worker, job: CohortJob): Promise<CohortRow> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (row: CohortRow) => {
      cleanup();
      resolve(row);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`exited with status ${code}`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job);
  });
}

/** Whether this thread was started to serve cohort jobs. */
export function isCohortWorker(): boolean {
  return parentPort !== null && (workerData as { role?: string } | undefined)?.role === COHORT_WORKER_DATA.role;
}

/** Serves jobs in a worker thread: one row per message, one job at a time. */
export function serveCohortJobs(): void {
  const port = parentPort!;
  port.on('message', (job: CohortJob) => {
    void cohortRowFor(job).then((row) => port.postMessage(row));
  });
}
