// Parsing a large portfolio on every core: the files of a batch split into slices, each read and
// analysed by a worker thread (the CLI's own bundle started again) or by this thread, with the
// core's own `analyzeFile`, so the index gets exactly what it would have got on one thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { analyzeFile, type AnalysisOptions, type BatchAnalyzer, type FileAnalysis, type FileToAnalyze } from '../core';
import { NodeFileSystem } from './nodeFileSystem';
import { UsageError } from './usageError';

/** The environment variable that sets how many worker threads the CLI starts: `0` for none. */
export const WORKERS_ENV = 'KSB_WORKERS';

/** What a worker thread is started with, so the bundle knows to serve jobs rather than run the CLI. */
export const WORKER_DATA = { role: 'ksb-worker' } as const;

/** Below this many files a batch is parsed here: a thread's start (about 30 ms, the bundle parsed again) and the copying back cost more than they save. */
export const PARSE_WORKER_MIN_FILES = 2000;

/** Files a thread is handed at a time: large enough to amortise the messages, small enough to share the work out evenly. */
const SLICE = 256;

/** Files read at once by one thread. */
const READS_AT_ONCE = 64;

/** `KSB_WORKERS` as a number, or `undefined` when it is not set. */
export function workersSet(env: NodeJS.ProcessEnv): number | undefined {
  const set = env[WORKERS_ENV];
  if (set === undefined || set === '') return undefined;
  const count = Number(set);
  if (!Number.isInteger(count) || count < 0 || count > 256) throw new UsageError(`${WORKERS_ENV}=${set}: expected a whole number of threads from 0 to 256`);
  return count;
}

/** One thread per spare core: the main thread works too. */
export function spareCores(): number {
  return Math.max(0, availableParallelism() - 1);
}

/** Reads and analyses `files` on this thread, a few at a time, in order. */
export async function analyzeHere(files: readonly FileToAnalyze[], options: AnalysisOptions = {}): Promise<FileAnalysis[]> {
  const fs = new NodeFileSystem();
  const analyses: FileAnalysis[] = new Array(files.length);
  for (let i = 0; i < files.length; i += READS_AT_ONCE) {
    const chunk = files.slice(i, i + READS_AT_ONCE);
    const done = await Promise.all(chunk.map(({ path, size }) => analyzeFile(fs, path, size, options)));
    done.forEach((analysis, j) => (analyses[i + j] = analysis));
  }
  return analyses;
}

/** A message to a worker thread: a cohort row to work out, or files to parse. */
export type WorkerRequest =
  { readonly kind: 'parse'; readonly files: readonly FileToAnalyze[]; readonly options: AnalysisOptions } | { readonly kind: 'row'; readonly job: unknown };

/** Threads started from the CLI's bundle, started when first needed and ended by `close`. */
export class ParsePool {
  private workers: Worker[] | undefined;

  constructor(
    private readonly script: string,
    private readonly threads: number,
    /** Whether `KSB_WORKERS` asked for threads, so that even a small batch uses them (the tests do). */
    private readonly forced: boolean,
  ) {}

  /** The batch analyser the index is given. */
  readonly analyzer: BatchAnalyzer = (files, options) => this.analyze(files, options);

  private async analyze(files: readonly FileToAnalyze[], options: AnalysisOptions): Promise<readonly FileAnalysis[]> {
    if (this.threads === 0 || (!this.forced && files.length < PARSE_WORKER_MIN_FILES)) return analyzeHere(files, options);
    this.workers ??= Array.from({ length: this.threads }, () => new Worker(this.script, { workerData: WORKER_DATA }));
    const analyses: FileAnalysis[] = new Array(files.length);
    let next = 0;
    const take = () => (next < files.length ? (next += SLICE) - SLICE : undefined);
    const lane = async (work: (slice: readonly FileToAnalyze[]) => Promise<readonly FileAnalysis[]>) => {
      for (let start = take(); start !== undefined; start = take()) {
        const slice = files.slice(start, start + SLICE);
        const done = await work(slice);
        done.forEach((analysis, j) => (analyses[start + j] = analysis));
      }
    };
    // The options' RegExp crosses to the threads by structured clone, as any message does.
    await Promise.all([
      lane((slice) => analyzeHere(slice, options)),
      ...this.workers.map((worker) => lane((slice) => ask<FileAnalysis[]>(worker, { kind: 'parse', files: slice, options }))),
    ]);
    return analyses;
  }

  /** Ends the threads. */
  async close(): Promise<void> {
    const workers = this.workers ?? [];
    this.workers = undefined;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** Sends one request to `worker` and waits for its answer; rejects when the thread fails or exits. */
export function ask<Answer>(worker: Worker, request: WorkerRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (answer: Answer) => {
      cleanup();
      resolve(answer);
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
    worker.postMessage(request);
  });
}
