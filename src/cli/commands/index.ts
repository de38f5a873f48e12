// The registry of the CLI's commands, one file each, in the order `ksb --help` lists them.
import { checkCommand } from './check';
import { cohortCommand } from './cohort';
import type { Command } from './command';
import { coverageCommand } from './coverage';
import { diffCommand } from './diff';
import { exportCommand } from './export';
import { gatewayCommand } from './gateway';
import { hoursCommand, hoursImportCommand } from './hours';
import { importCommand } from './import';
import { initCommand } from './init';
import { lookupCommand } from './lookup';
import { reportCommand } from './report';
import { signoffCommand } from './signoff';
import { standardAddCommand, standardListCommand } from './standard';
import { summaryCommand } from './summary';

export type { Command, CommandContext, FlagValues, UsageRow } from './command';

/** Every command; a subcommand (`standard add`) is named with its parent's word before it. */
export const COMMANDS: readonly Command[] = [
  checkCommand,
  coverageCommand,
  summaryCommand,
  reportCommand,
  exportCommand,
  lookupCommand,
  signoffCommand,
  hoursCommand,
  hoursImportCommand,
  gatewayCommand,
  diffCommand,
  cohortCommand,
  initCommand,
  importCommand,
  standardAddCommand,
  standardListCommand,
];

/** The words that take a subcommand after them (`standard`). */
export const PARENT_WORDS: ReadonlySet<string> = new Set(COMMANDS.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0]));

/** The command `words` start with, and the words after its name; `undefined` for an unknown one. */
export function findCommand(words: readonly string[]): { command: Command; args: readonly string[] } | undefined {
  const [word, ...rest] = words;
  // `hours import` is a subcommand, while `hours DIR` is `hours` on a folder: the longer name wins when it exists.
  const longer = PARENT_WORDS.has(word) && rest[0] !== undefined ? `${word} ${rest[0]}` : undefined;
  const name = longer !== undefined && (COMMANDS.some((c) => c.name === longer) || !COMMANDS.some((c) => c.name === word)) ? longer : word;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) return undefined;
  return { command, args: words.slice(name.split(' ').length) };
}
