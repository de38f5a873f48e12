// The shape of a CLI command: one file each under commands/, listed in commands/index.ts, so
// main.ts only parses the command line and dispatches.
import type { IndexOptions, PortfolioIndex } from '../../core';
import type { Ask } from '../ask';
import type { FlagName } from '../flags';
import type { FormatName } from '../formats';
import type { StandardSourceOptions } from '../standardsFetch';

/** A line of `ksb --help`'s Commands section: the command as typed, then what it does (wrapped). */
export interface UsageRow {
  readonly term: string;
  readonly help: readonly string[];
}

/** The flags' values after parsing, by flag name. */
export interface FlagValues {
  readonly format?: string;
  readonly output?: string;
  readonly pdf?: boolean;
  readonly chromium?: string;
  readonly version?: string;
  readonly standard?: string;
  readonly option?: string;
  readonly apprentice?: string;
  readonly from?: string;
  readonly ci?: string;
  readonly yes?: boolean;
  readonly dir?: string;
  readonly force?: boolean;
  readonly by?: string;
  readonly role?: string;
  readonly since?: string;
  readonly 'from-json'?: boolean;
  readonly reports?: boolean;
  readonly table?: string;
  readonly csv?: string;
  readonly write?: boolean;
}

/** What a command runs with: its arguments and flags, and what the CLI reaches outside them. */
export interface CommandContext {
  /** The words after the command's name (after `standard add`, for a subcommand). */
  readonly args: readonly string[];
  readonly flags: FlagValues;
  /** --format as written, else the command's first format. */
  readonly format: string;
  readonly write: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** How init asks a question; `undefined` when stdin and stdout are not both terminals. */
  readonly ask?: Ask;
  /** Today, as every date rule of the CLI sees it (`KSB_TODAY`). */
  readonly today: string;
  readonly days: Pick<IndexOptions, 'today' | 'latestToday'>;
  readonly source: StandardSourceOptions;
  /** With --output, `formatted` goes to the file and the text report to the terminal; without, `formatted` is printed. */
  readonly report: (formatted: string, asText: () => string) => Promise<void>;
  /** Loads the portfolio in `dir`, which assertPortfolioFolder has found. */
  readonly loadPortfolio: (dir: string, options?: IndexOptions) => Promise<PortfolioIndex>;
  /** The CLI's bundle, which worker threads are started from; `undefined` when the CLI runs inside another program (tests), which then uses one thread. */
  readonly workerScript?: string;
}

/** A command of the CLI. */
export interface Command {
  /** As typed: `check`, or `standard add` for a subcommand. */
  readonly name: string;
  /** Its rows in `ksb --help`'s Commands section. */
  readonly usage: readonly UsageRow[];
  /** The flags it takes; any other is refused, so a misplaced flag is never silently ignored. */
  readonly flags: readonly FlagName[];
  /** The formats its --format takes, the first its default; none when it takes no --format. */
  readonly formats: readonly FormatName[];
  /** Runs it; resolves to the exit status. */
  run(context: CommandContext): Promise<number>;
}
