// The registry of the CLI's output formats, one file each. A command names the formats it accepts;
// the check of `--format` and its message are made here from those names.
import { oneLine } from '../printable';
import { UsageError } from '../usageError';
import { CSV_FORMAT } from './csv';
import { GITHUB_FORMAT } from './github';
import { HTML_FORMAT } from './html';
import { JSON_FORMAT } from './json';
import { JUNIT_FORMAT } from './junit';
import { MARKDOWN_FORMAT } from './markdown';
import { SARIF_FORMAT } from './sarif';
import { TEXT_FORMAT } from './text';

export type { OutputFormat } from './outputFormat';

/** Every output format of the CLI. */
export const FORMATS = [TEXT_FORMAT, JSON_FORMAT, GITHUB_FORMAT, SARIF_FORMAT, JUNIT_FORMAT, MARKDOWN_FORMAT, CSV_FORMAT, HTML_FORMAT] as const;

/** The name of a registered format, as `--format` takes it. */
export type FormatName = (typeof FORMATS)[number]['name'];

/** Whether `name` is one of `accepted`. */
export function isAccepted<Name extends FormatName>(name: string, accepted: readonly Name[]): name is Name {
  return (accepted as readonly string[]).includes(name);
}

/**
 * Throws a UsageError unless `format` is one of `accepted`: `unknown --format X: ` and, after it,
 * `refusal` (by default the accepted formats, as `text, markdown or json`).
 */
export function assertFormat<Name extends FormatName>(
  format: string,
  accepted: readonly Name[],
  refusal = `expected ${spokenList(accepted)}`,
): asserts format is Name {
  if (!isAccepted(format, accepted)) throw new UsageError(`unknown --format ${oneLine(format)}: ${refusal}`);
}

/** `a`, `a or b`, `a, b or c`. */
function spokenList(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}
