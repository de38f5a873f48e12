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
  summary: 'A symbolic link to a Markdown file or a folder in the portfolio: links are never followed, so it is not checked.',
  meaning:
    'a symbolic link to a Markdown file or to a folder: links are never followed (see [Limits and security](#limits-and-security)), so it is not checked; links to files through it still resolve',
});

/** The one way a `file.unreadable` is made: `message` says what was expected and found. */
export function unreadableFile(message: string): PortfolioDiagnostic {
  return { code: unreadableFileRule.code, message, range: FILE_START };
}

/** The diagnostic for a directory entry the walk does not read, by what it is. */
export function unreadableEntry(type: DirectoryEntry[1], flag: DirectoryEntry[2]): PortfolioDiagnostic {
  const what = type === 'directory' ? 'folder' : 'file';
  if (flag === 'undecodable-name') {
    return unreadableFile(`Expected a ${what} name in UTF-8, found one that is not (shown here with \uFFFD for the bad bytes): rename it so it can be checked`);
  }
  if (flag === 'symbolic-link') {
    const consequence = type === 'directory' ? 'the files in it were not checked (links to them still resolve)' : 'it was not read';
    return {
      code: symbolicLinkRule.code,
      message: `Expected a ${what}, found a symbolic link: links are never followed, so ${consequence}`,
      range: FILE_START,
    };
  }
  return unreadableFile('Expected a regular file, found a named pipe, socket or device: it was not read');
}
