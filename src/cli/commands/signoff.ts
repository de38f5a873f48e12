// `ksb signoff FILE...`: sign evidence off as --by NAME in --role, today, with the digest of its claims and text.
import { lstatSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  applyTextEdit,
  CONFIG_FILE_NAME,
  decodeText,
  describeObstacles,
  describeReadError,
  formatBytes,
  type IndexOptions,
  isSignoffRole,
  MARKDOWN_READ_LIMIT,
  type PortfolioIndex,
  relativePath,
  SIGNOFF_ROLES,
  signoffEdit,
  signoffObstacles,
} from '../../core';
import { describeType, toPosix } from '../nodeFileSystem';
import { oneLine } from '../printable';
import { checkWritable, writeFileSafely, type WriteTarget } from '../safeWrite';
import { encodeText, hasUtf8Bom } from '../textFile';
import { UsageError } from '../usageError';
import type { Command } from './command';

/** `ksb signoff`. */
export const signoffCommand: Command = {
  name: 'signoff',
  usage: [
    {
      term: 'signoff FILE...',
      help: [
        'Sign evidence off as --by NAME in --role (apprentice, employer, mentor,',
        'tutor), today: writes a sign-off with the digest of what it signs;',
        'refuses a signer who may not sign in that role, or a file with errors',
      ],
    },
  ],
  flags: ['by', 'role', 'force'],
  formats: [],
  async run({ args, flags, write, today, loadPortfolio }) {
    write(await runSignoff(args, { by: flags.by, role: flags.role, today, force: flags.force === true, loadPortfolio }));
    return 0;
  },
};

/** What `ksb signoff` was asked. */
export interface SignoffOptions {
  readonly by: string | undefined;
  readonly role: string | undefined;
  readonly today: string;
  /** Sign even when the signer may not sign in that role or the file has errors. */
  readonly force?: boolean;
  /** Loads a portfolio, to judge the signer and the file's errors before writing; without it neither is judged. */
  readonly loadPortfolio?: (dir: string, options?: IndexOptions) => Promise<PortfolioIndex>;
}

/**
 * Signs off each file as `--by` in `--role`, today: every file is checked, read and its edit made
 * before any is written, so one bad file leaves all untouched. Renews an earlier sign-off of the
 * same person and role rather than adding a second.
 */
export async function runSignoff(files: readonly string[], options: SignoffOptions): Promise<string> {
  if (files.length === 0)
    throw new UsageError('signoff needs the evidence files to sign off, e.g. `ksb signoff evidence/call-sheet.md --by "Priya Shah" --role employer`');
  if (options.by === undefined || options.by.trim() === '') throw new UsageError('signoff needs --by NAME: who signs the evidence off');
  if (/[\r\n\u2028\u2029\u0085]/.test(options.by)) throw new UsageError('--by must be a name on one line');
  if (options.role === undefined) throw new UsageError(`signoff needs --role: one of ${SIGNOFF_ROLES.join(', ')}`);
  const role = options.role.toLowerCase();
  if (!isSignoffRole(role)) throw new UsageError(`unknown --role ${oneLine(options.role)}: expected one of ${SIGNOFF_ROLES.join(', ')}`);
  const planned = [];
  const indexes = new Map<string, Promise<PortfolioIndex>>();
  for (const file of files) {
    const { target, text, bom, path, root } = await readEvidence(file);
    let digest: string | undefined;
    if (options.loadPortfolio) {
      let index = indexes.get(root);
      // Git is not asked: whether the file's sign-offs are committed is no reason to refuse another.
      if (!index) indexes.set(root, (index = options.loadPortfolio(root, { signoffHistory: undefined })));
      const loaded = await index;
      if (!options.force) {
        const obstacles = describeObstacles(signoffObstacles(loaded, toPosix(path), options.by.trim(), role));
        if (obstacles !== undefined)
          throw new UsageError(`cannot sign off ${oneLine(file)} as ${oneLine(options.by.trim())} (${role}): ${oneLine(obstacles)} (--force signs anyway)`);
      }
      // The digest covers the bytes of the files it links: the index reads them inside the portfolio only.
      digest = await loaded.signoffDigestOf(toPosix(path), text);
    }
    const result = signoffEdit(text, { by: options.by, role, date: options.today, ...(digest ? { digest } : {}) });
    if (!result.ok) throw new UsageError(`cannot sign off ${file}: ${result.reason}`);
    planned.push({ file, target, bytes: encodeText(applyTextEdit(text, result.edit), bom), replaced: result.replaced, digest: result.digest });
  }
  const lines: string[] = [];
  for (const { file, target, bytes, replaced, digest } of planned) {
    await writeFileSafely(target, bytes);
    lines.push(
      `${replaced ? 'Signed off again' : 'Signed off'} ${oneLine(file)} as ${oneLine(options.by.trim())} (${role}) on ${options.today}, digest ${digest}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A file's text for signing off, and where writing it goes: a regular file in a portfolio, reached
 * through no link, within the read limit, in UTF-8.
 */
async function readEvidence(file: string): Promise<{ target: WriteTarget; text: string; bom: boolean; path: string; root: string }> {
  const path = resolve(file);
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`no such file: ${file}`);
  if (stat.isSymbolicLink()) throw new UsageError(`cannot sign off ${file}: it is a symbolic link; sign off the file it points to`);
  if (!stat.isFile()) throw new UsageError(`cannot sign off ${file}: expected a Markdown file, found ${describeType(stat)}`);
  const root = portfolioRootOf(path);
  if (root === undefined)
    throw new UsageError(`cannot sign off ${oneLine(file)}: it is in no portfolio (no ${CONFIG_FILE_NAME} above it); a sign-off is for portfolio evidence`);
  // From the working folder when the portfolio lies in it, so a linked folder on the way there counts too.
  const walkFrom = relativePath(toPosix(process.cwd()), toPosix(root)) === undefined ? root : process.cwd();
  const target = await checkWritable({ root: walkFrom, path, label: oneLine(file) });
  if (stat.size > MARKDOWN_READ_LIMIT)
    throw new UsageError(`cannot sign off ${file}: expected a file under ${formatBytes(MARKDOWN_READ_LIMIT)}, found ${formatBytes(stat.size)}`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${describeReadError(error)}`);
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new UsageError(`cannot sign off ${file}: ${decoded.reason}`);
  return { target, text: decoded.text, bom: hasUtf8Bom(bytes), path, root };
}

/** The nearest folder above `path` holding a `portfolio.yaml` file: the portfolio the file belongs to. */
function portfolioRootOf(path: string): string | undefined {
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    if (lstatSync(join(folder, CONFIG_FILE_NAME), { throwIfNoEntry: false })?.isFile()) return folder;
    if (dirname(folder) === folder) return undefined;
  }
}
