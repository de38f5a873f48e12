// What the CLI knows about itself, from the package.json beside its bundle's folder.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The tool's package.json, next to the bundle's folder; empty when it cannot be read. */
export function packageJson(): { version?: string; homepage?: string; repository?: { url?: string } } {
  try {
    return JSON.parse(readFileSync(resolve(__dirname, '..', 'package.json'), 'utf8'));
  } catch {
    return {};
  }
}

/** The version esbuild writes into the CLI's bundle; absent when the modules run unbundled (the unit tests). */
declare const __KSB_VERSION__: string | undefined;

/** The tool's version, as `ksb --version` prints it: the one built in, else its package.json's. */
export function cliVersion(): string {
  return (typeof __KSB_VERSION__ === 'string' ? __KSB_VERSION__ : undefined) ?? packageJson().version ?? 'unknown';
}
