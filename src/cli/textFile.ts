// Reading a file the user named (an import's table, CSV or spreadsheet) and writing text back with
// the byte order mark it had: one place, so every command refuses the same odd inputs the same way.
import { readFileSync, statSync } from 'node:fs';
import { decodeText, describeReadError, formatBytes } from '../core';
import { describeType } from './nodeFileSystem';
import { oneLine } from './printable';
import { UsageError } from './usageError';

/** The UTF-8 byte order mark, kept on the files that had one. */
export const UTF8_BOM: readonly number[] = [0xef, 0xbb, 0xbf];

/** Whether `bytes` start with a UTF-8 byte order mark. */
export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((byte, i) => bytes[i] === byte);
}

/** `text` as UTF-8 bytes, behind a byte order mark when `bom`. */
export function encodeText(text: string, bom: boolean): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const bytes = new Uint8Array(body.length + UTF8_BOM.length);
  bytes.set(UTF8_BOM, 0);
  bytes.set(body, UTF8_BOM.length);
  return bytes;
}

/** The bytes of a regular file named by `label` (`--csv ksbs.csv`), at most `limit` of them; a one-line UsageError otherwise. */
export function readInputBytes(path: string, label: string, limit: number): Uint8Array {
  let stats;
  try {
    stats = statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    throw new UsageError(`cannot read ${label}: ${oneLine(describeReadError(error))}`);
  }
  if (!stats) throw new UsageError(`no such file: ${label}`);
  // A FIFO or device would block or never end; a folder has no text.
  if (!stats.isFile()) throw new UsageError(`cannot read ${label}: expected a file, found ${describeType(stats)}`);
  if (stats.size > limit) throw new UsageError(`cannot read ${label}: expected a file under ${formatBytes(limit)}, found ${formatBytes(stats.size)}`);
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${label}: ${oneLine(describeReadError(error))}`);
  }
}

/** The text of a file named by `label`, decoded (UTF-8 or UTF-16 with a BOM); a one-line UsageError for binary or invalid text. */
export function readInputText(path: string, label: string, limit: number): string {
  const decoded = decodeText(readInputBytes(path, label, limit));
  if (!decoded.ok) throw new UsageError(`cannot read ${label}: ${decoded.reason}`);
  return decoded.text;
}
