import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeReadError } from '../core';
import { describeType } from './nodeFileSystem';
import { UsageError } from './usageError';

/**
 * Throws a one-line UsageError when `file` (relative to the current folder) cannot take a
 * report: a folder, or a named pipe or socket, which would block until something read it.
 */
export function assertWritableTarget(file: string): void {
  const existing = statSync(resolve(file), { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new UsageError(`cannot write --output ${file}: it is a folder`);
  // Writing into a named pipe or socket blocks until something reads it: a CI step would hang.
  if (existing?.isFIFO() || existing?.isSocket()) throw new UsageError(`cannot write --output ${file}: expected a file, found ${describeType(existing)}`);
}

/**
 * Writes a report to `file` (relative to the current folder), replacing it; one line when it
 * cannot: a folder in the way, no such parent folder, no permission.
 */
export function writeReport(file: string, contents: string | Uint8Array): void {
  assertWritableTarget(file);
  try {
    writeFileSync(resolve(file), contents);
  } catch (error) {
    throw new UsageError(`cannot write --output ${file}: ${describeReadError(error)}`);
  }
}
