// `ksb --help`: the commands' rows and the flags' rows come from their own files; the rest is here.
import { COMMANDS, type UsageRow } from './commands';
import { FLAGS } from './flags';

/** How far a row's description starts from the line's beginning. */
const DESCRIPTION_COLUMN = 25;

/** The help text of the CLI. */
export const USAGE = [
  'Usage: ksb <command> [options]',
  '',
  'Commands:',
  ...COMMANDS.flatMap((command) => command.usage.flatMap(rowLines)),
  '',
  'Options:',
  ...Object.values(FLAGS).flatMap(rowLines),
  '',
  `Paths are relative to dir; with several dirs (and for github), each starts with its dir as
written; sarif and junit paths are relative to the repository's root (the folder holding .git).
A path with a colon, a leading quote or a control character is printed JSON-quoted.
Dates are judged against today's local date; set KSB_TODAY=YYYY-MM-DD to fix it.
Offline, download the standard's JSON in a browser from the API and run ksb standard add FILE.json.
Exit status: 0 no errors, 1 errors found (in any dir), 2 the command could not run and nothing
was checked (a missing dir or portfolio.yaml; coverage of a portfolio.yaml with errors). gateway
exits 0 ready, 1 not ready, 2 when it cannot run. diff
exits 1 when the change introduces errors, 2 when it cannot compare (not a git repository, an
unknown revision; a shallow clone needs its history: fetch-depth: 0).`,
].join('\n');

/** A row as help prints it: the term, then its description from the same column, continued below it. */
function rowLines({ term, help }: UsageRow): string[] {
  const [first, ...rest] = help;
  return [`  ${term.padEnd(DESCRIPTION_COLUMN - 3)} ${first}`, ...rest.map((line) => `${' '.repeat(DESCRIPTION_COLUMN)}${line}`)];
}
