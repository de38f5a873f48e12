// What the core reads at most, and how a read that went wrong is told to the user. Limits are in
// bytes; the README's "Limits and security" section lists them.

/**
 * Bytes read from the start of a Markdown file. A larger file is read this far only: enough for
 * any front matter (whose own limit is far smaller), so its claims still count, but its links are
 * not checked. One file can then never cost more than this much memory.
 */
export const MARKDOWN_READ_LIMIT = 1024 * 1024;

/** `portfolio.yaml` and standard data files larger than this are not read at all. */
export const DATA_FILE_READ_LIMIT = 2 * 1024 * 1024;

/** Front matter longer than this (in characters) is not parsed, and the user is told so. */
export const MAX_FRONT_MATTER_LENGTH = 256_000;

/**
 * Front matter nested deeper than this is not parsed. The YAML parser recurses once or twice per
 * level; past a few hundred levels it overflows the stack, and when the overflow falls inside V8's
 * regular-expression compiler the process aborts (a fatal error that no `catch` sees).
 */
export const MAX_FRONT_MATTER_NESTING = 100;

/** A limit as the docs state it, in whole decimal units: `1 MB`, `256 KB`. */
export function formatLimit(bytes: number): string {
  if (bytes >= 1_000_000) return `${Math.round(bytes / 1_000_000)} MB`;
  return bytes >= 1000 ? `${Math.round(bytes / 1000)} KB` : `${bytes} bytes`;
}

/** A size for messages, in decimal units as file managers show them: `1.0 MB`, `240 KB`, `12 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1000) return `${Math.round(bytes / 1000)} KB`;
  return `${bytes} bytes`;
}

/**
 * The start of a file's bytes with any character cut in two at the end removed, so a file read
 * only in part still decodes (UTF-8, or UTF-16 when it starts with a byte order mark).
 */
export function trimPartialCharacter(bytes: Uint8Array): Uint8Array {
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (utf16) return bytes.length % 2 === 0 ? bytes : bytes.subarray(0, bytes.length - 1);
  // Walk back over at most three continuation bytes (10xxxxxx) to the lead byte of the last
  // character; drop that character when the bytes after its lead are fewer than it needs.
  let lead = bytes.length - 1;
  while (lead >= 0 && lead > bytes.length - 4 && (bytes[lead] & 0xc0) === 0x80) lead--;
  if (lead < 0) return bytes;
  const first = bytes[lead];
  const needed = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return bytes.length - lead < needed ? bytes.subarray(0, lead) : bytes;
}

/**
 * Why a read failed, in words for a message: the system's error code named plainly, never the
 * absolute path that Node's own messages carry.
 */
export function describeReadError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'NoPermissions':
      return 'permission denied';
    case 'ENOENT':
    case 'FileNotFound':
      return 'it no longer exists';
    case 'EISDIR':
    case 'FileIsADirectory':
      return 'a folder';
    case 'ELOOP':
      return 'a loop of symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default: {
      const message = error instanceof Error ? error.message : String(error);
      // Node's messages end with ", open '/abs/path'"; keep the words before it.
      return message.replace(/, \w+ '.*'$/s, '') || 'an unknown error';
    }
  }
}

/** The largest file the submission pack takes: an evidence file or an attachment past it is left out, with a message. */
export const PACK_FILE_LIMIT = 50 * 1000 * 1000;

/** The most bytes of files the submission pack takes in all (before compression); files past it are left out, with a message. */
export const PACK_TOTAL_LIMIT = 250 * 1000 * 1000;
