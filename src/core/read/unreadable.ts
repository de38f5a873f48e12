// How the readers say a file or folder could not be read: every `file.unreadable` and
// `file.symlink` is built here (rules/fileRules.ts holds their docs and levels).
import { DiagnosticCode } from '../model/diagnosticCodes';
import type { PortfolioDiagnostic } from '../model/diagnostics';
import type { DirectoryEntry } from '../base/fileSystem';
import { FILE_START } from '../base/text';

/** The one way a `file.unreadable` is made: `message` says what was expected and found. */
export function unreadableFile(message: string): PortfolioDiagnostic {
  return { code: DiagnosticCode.UnreadableFile, message, range: FILE_START };
}

/**
 * The diagnostic for a directory entry the walk does not read, by what it is. Every symbolic link
 * gets the same one: the type a host reports for a link is its target's, which is not the
 * portfolio's to tell (it may lie outside it, or be nothing).
 */
export function unreadableEntry(type: DirectoryEntry[1], flag: DirectoryEntry[2]): PortfolioDiagnostic {
  if (flag === 'symbolic-link') {
    return {
      code: DiagnosticCode.SymbolicLink,
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
