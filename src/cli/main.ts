// The `ksb` command: reads the command line, finds the command (commands/) and runs it.
import { parseArgs } from 'node:util';
import type { StandardsFetcher } from '../core';
import { terminalAsk, type Ask } from './ask';
import { findCommand, PARENT_WORDS, type CommandContext } from './commands';
import { PARSE_OPTIONS } from './flags';
import { cliVersion } from './packageInfo';
import { ParsePool, spareCores, workersSet } from './parseWorkers';
import { loadPortfolioOn } from './portfolioFolder';
import { oneLine } from './printable';
import { outputTarget, writeFileSafely } from './safeWrite';
import { nodeStandardsFetcher, standardsApiBase, standardsApiTimeout } from './standardsFetch';
import { cliLatestToday, cliToday } from './today';
import { USAGE } from './usage';
import { UsageError } from './usageError';
import { isKsbWorker, serveWorkerRequests } from './workerThread';

export { UsageError };

/** What the CLI reaches outside its arguments; tests replace parts of it. */
export interface CliEnvironment {
  readonly env: NodeJS.ProcessEnv;
  readonly fetcher?: StandardsFetcher;
  /** How init asks a question; `undefined` when stdin and stdout are not both terminals. */
  readonly ask?: Ask;
  /** The CLI's own bundle, to start worker threads from; without it everything runs on this thread. */
  readonly workerScript?: string;
}

/** Runs the CLI with the given arguments; resolves to the exit status. */
export async function run(
  argv: readonly string[],
  write: (text: string) => void = (t) => process.stdout.write(t),
  environment: CliEnvironment = { env: process.env },
): Promise<number> {
  const { values, positionals, tokens } = parseArgs({ args: [...argv], allowPositionals: true, tokens: true, options: PARSE_OPTIONS });
  const [word] = positionals;
  if (values.help || word === undefined || word === 'help') {
    write(`${USAGE}\n`);
    return word === undefined && !values.help ? 2 : 0;
  }
  const found = findCommand(positionals);
  if (found) {
    const { name, flags } = found.command;
    const misplaced = tokens.find((t) => t.kind === 'option' && t.name !== 'help' && !(flags as readonly string[]).includes(t.name));
    if (misplaced?.kind === 'option') throw new UsageError(`${name} takes no --${misplaced.name} (see ksb --help)`);
  }
  const format = values.format ?? found?.command.formats[0] ?? 'text';
  const today = cliToday(environment.env);
  const latestToday = cliLatestToday(environment.env);
  const days = { today: () => today, latestToday: () => latestToday };
  const context: Omit<CommandContext, 'args'> = {
    flags: values,
    format,
    write,
    env: environment.env,
    ask: environment.ask,
    today,
    days,
    source: {
      base: () => {
        try {
          return standardsApiBase(values.api, environment.env);
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
      },
      fetcher: environment.fetcher ?? nodeStandardsFetcher({ timeoutMs: standardsApiTimeout(environment.env) }),
      today,
    },
    // With --output, the report in --format goes to the file and the text report to the terminal.
    report: async (formatted, asText) => {
      if (values.output === undefined) return write(formatted);
      await writeFileSafely(outputTarget(values.output), formatted);
      write(format === 'text' ? formatted : asText());
    },
    loadPortfolio: (dir, options = {}) => loadPortfolioOn(days, dir, { ...parsing(), ...options }),
    workerScript: environment.workerScript,
  };
  // Files are parsed on worker threads (one per spare core, or KSB_WORKERS) once a portfolio is large enough to pay for them.
  let pool: ParsePool | undefined;
  const parsing = () => {
    const script = environment.workerScript;
    if (script === undefined) return {};
    const set = workersSet(environment.env);
    pool ??= new ParsePool(script, set ?? spareCores(), set !== undefined);
    return { batchAnalyzer: pool.analyzer };
  };
  if (found) {
    try {
      return await found.command.run({ ...context, args: found.args });
    } finally {
      await pool?.close();
    }
  }
  if (PARENT_WORDS.has(word)) {
    throw new UsageError(`unknown \`${word} ${oneLine(positionals[1] ?? '')}\`: expected standard add or standard list`);
  }
  throw new UsageError(
    `unknown command \`${word}\`: expected check, coverage, summary, report, export, diff, cohort, lookup, signoff, hours, gateway, init, import or standard (see ksb --help)`,
  );
}

if (isKsbWorker()) {
  // The bundle started again as a worker thread (parseWorkers.ts): it serves requests, it is not the CLI.
  serveWorkerRequests();
} else if (require.main === module) {
  if (process.argv.includes('--version') && process.argv.length === 3) {
    console.log(cliVersion());
  } else {
    const terminal = process.stdin.isTTY && process.stdout.isTTY ? terminalAsk() : undefined;
    run(process.argv.slice(2), undefined, { env: process.env, ask: terminal?.ask, workerScript: __filename })
      .finally(() => terminal?.close())
      .then(
        (status) => (process.exitCode = status),
        (error: unknown) => {
          const message =
            error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
              ? error.message
              : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
          process.stderr.write(`ksb: ${message}\n`);
          process.exitCode = 2;
        },
      );
  }
}
