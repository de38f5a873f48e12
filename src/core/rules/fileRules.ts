// Rules raised while files and folders are read (`analysis.ts`, the index's walk): they have no
// check here, but every `file.unreadable` and `file.symlink` is built by the functions below.
import type { PortfolioDiagnostic } from '../diagnostics';
import type { DirectoryEntry } from '../fileSystem';
import { FILE_START } from '../text';
import { defineRule } from './rule';

/** `file.unreadable`. */
export const unreadableFileRule = defineRule({
  name: 'UnreadableFile',
  code: 'file.unreadable',
  defaultLevel: 'error',
  summary: 'A Markdown file that cannot be read as text (binary content, invalid UTF-8).',
  meaning:
    'a Markdown file that is binary or not valid UTF-8 (UTF-16 with a BOM is read), cannot be read (permission denied), is a named pipe, socket or device, or has a name that is not UTF-8; a folder that cannot be listed',
});

/** `file.too-large`. */
export const fileTooLargeRule = defineRule({
  name: 'FileTooLarge',
  code: 'file.too-large',
  defaultLevel: 'information',
  summary: 'A file too large to check in full; its links are not checked.',
  meaning: 'a file over 1 MB: only its first 1 MB is read, so its front matter and claims count but its links are not checked',
});

/** `file.symlink`. */
export const symbolicLinkRule = defineRule({
  name: 'SymbolicLink',
  code: 'file.symlink',
  defaultLevel: 'warning',
  summary: 'A symbolic link in the portfolio: links are never followed, so neither it nor anything through it is checked.',
  meaning:
    'a symbolic link in the portfolio, whatever its name and wherever it leads (a file, a folder, outside the portfolio, nowhere: all are reported alike): links are never followed (see [Limits and security](#limits-and-security)), so neither it nor anything through it is checked, and a Markdown link to or through it is `evidence.link-outside`',
});

/** The one way a `file.unreadable` is made: `message` says what was expected and found. */
export function unreadableFile(message: string): PortfolioDiagnostic {
  return { code: unreadableFileRule.code, message, range: FILE_START };
}

/**
 * The diagnostic for a directory entry the walk does not read, by what it is. Every symbolic link
 * gets the same one: the type a host reports for a link is its target's, which is not the
 * portfolio's to tell (it may lie outside it, or be nothing).
 */
export function unreadableEntry(type: DirectoryEntry[1], flag: DirectoryEntry[2]): PortfolioDiagnostic {
  if (flag === 'symbolic-link') {
    return {
      code: symbolicLinkRule.code,
      message: 'Expected a file or folder, found a symbolic link: links are never followed, so neither it nor anything through it was checked',
      range: FILE_START,
    };
  }
  if (flag === 'undecodable-name') {
    const what = type === 'directory' ? 'folder' : 'file';
    return unreadableFile(`Expected a ${what} name in UTF-8, found one that is not (shown here with \uFFFD for the bad bytes): rename it so it can be checked`);
  }
  return unreadableFile('Expected a regular file, found a named pipe, socket or device: it was not read');
}
