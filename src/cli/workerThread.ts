// What the CLI's bundle does when it is started as a worker thread: it serves requests (files to
// parse, cohort rows to work out), one at a time, instead of running the CLI.
import { parentPort, workerData } from 'node:worker_threads';
import { cohortRowFor, type CohortJob } from './cohortRows';
import { analyzeHere, WORKER_DATA, type WorkerRequest } from './parseWorkers';

/** Whether this thread was started to serve the CLI's requests. */
export function isKsbWorker(): boolean {
  return parentPort !== null && (workerData as { role?: string } | undefined)?.role === WORKER_DATA.role;
}

/** Serves requests until the CLI ends the thread. */
export function serveWorkerRequests(): void {
  const port = parentPort!;
  port.on('message', (request: WorkerRequest) => {
    const answer = request.kind === 'parse' ? analyzeHere(request.files, request.options) : cohortRowFor(request.job as CohortJob);
    void answer.then((value) => port.postMessage(value));
  });
}
