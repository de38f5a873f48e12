// What the readers found when a file or folder could not be read: findings that the `file.unreadable`
// and `file.symlink` rules (rules/fileUnreadable.ts, rules/fileSymlink.ts) turn into words.
import type { DirectoryEntry } from '../base/fileSystem';
import { FILE_START } from '../base/text';
import type { FileFinding } from './findings';

/**
 * The finding for a directory entry the walk does not read, by what it is. Every symbolic link
 * gets the same one: the type a host reports for a link is its target's, which is not the
 * portfolio's to tell (it may lie outside it, or be nothing).
 */
export function unreadableEntry(type: DirectoryEntry[1], flag: DirectoryEntry[2]): FileFinding {
  if (flag === 'symbolic-link') return { kind: 'symbolic-link', range: FILE_START };
  if (flag === 'undecodable-name') return { kind: 'name-undecodable', what: type === 'directory' ? 'folder' : 'file', range: FILE_START };
  return { kind: 'special-file', range: FILE_START };
}
