// Builds small portfolios in memory from inline documents, the way the rule, input and index
// tests describe them.
import { PortfolioIndex, type PortfolioDiagnostic, type Range } from '../../src/core';
import { LineIndex } from '../../src/core/base/text';
import { MemoryFileSystem } from './memoryFileSystem';

/** Where every in-memory portfolio lives. */
export const ROOT = '/portfolio';

/** The evidence file the single-document helpers write. */
export const DOC = `${ROOT}/evidence/doc.md`;

/** A config for ST0792 v1.2 with globs `evidence/**\/*.md`, on the given option. */
export function configFor(option: 'production-coordinator' | 'post-production-coordinator' | string, extra = ''): string {
  return `standard: ST0792\nversion: "1.2"\noption: ${option}\nevidence: ["evidence/**/*.md"]\n${extra}`;
}

/** The default config: post production coordinator, evidence under `evidence/`. */
export const POST_PRODUCTION_CONFIG = configFor('post-production-coordinator');

/**
 * A tiny standard data file: ST9999 v1.0 with K1, K2 and S1, no options. `firstCode` replaces K1
 * (to make the file invalid); `withDuty` adds duty 1 listing K1.
 */
export function tinyStandard({ firstCode = 'K1', withDuty = false }: { firstCode?: string; withDuty?: boolean } = {}): string {
  return [
    'reference: ST9999',
    'version: "1.0"',
    'title: Tiny test standard',
    'level: 3',
    'startDate: "2025-01-01"',
    'sources:',
    '  - id: "t"',
    '    file: tiny.txt',
    '    description: Made up for a test',
    'options: []',
    'epaMethods: []',
    'ksbs:',
    `  - code: ${firstCode}`,
    '    text: Knows the first thing.',
    '    source: "t"',
    '  - code: K2',
    '    text: Knows the second thing.',
    '    source: "t"',
    '  - code: S1',
    '    text: Can do the first thing.',
    '    source: "t"',
    ...(withDuty ? ['duties:', '  - number: 1', '    text: Does the first thing.', '    ksbs: [K1]', '    source: "t"'] : ['duties: []']),
    '',
  ].join('\n');
}

/** Loads a portfolio made of `files` (paths relative to `ROOT`). */
export async function loadPortfolio(files: Record<string, string | Uint8Array>): Promise<{ fs: MemoryFileSystem; index: PortfolioIndex }> {
  const fs = new MemoryFileSystem(Object.fromEntries(Object.entries(files).map(([path, content]) => [`${ROOT}/${path}`, content])));
  const index = new PortfolioIndex(fs, ROOT);
  await index.load();
  return { fs, index };
}

/**
 * The diagnostics of one evidence document (`evidence/doc.md`) in a portfolio with `config`
 * (post production coordinator by default) and any `others` files.
 */
export async function diagnose(
  document: string | Uint8Array,
  { config = POST_PRODUCTION_CONFIG, others = {} }: { config?: string; others?: Record<string, string | Uint8Array> } = {},
): Promise<readonly PortfolioDiagnostic[]> {
  const { index } = await loadPortfolio({ 'portfolio.yaml': config, 'evidence/doc.md': document, ...others });
  return index.diagnosticsFor(DOC);
}

/** The diagnostics with one code. */
export function withCode(diagnostics: readonly PortfolioDiagnostic[], code: string): PortfolioDiagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

const OPEN = '⟦';
const CLOSE = '⟧';

/**
 * Strips range markers from a document: `ksbs: [K1, ⟦K30⟧]` gives the text without the
 * brackets and the range of `K30`, in order of appearance.
 */
export function marked(source: string): { text: string; ranges: Range[] } {
  let text = '';
  const offsets: Array<[number, number]> = [];
  let open: number | undefined;
  for (const char of source) {
    if (char === OPEN) open = text.length;
    else if (char === CLOSE) {
      if (open === undefined) throw new Error(`marked: ${CLOSE} without ${OPEN}`);
      offsets.push([open, text.length]);
      open = undefined;
    } else text += char;
  }
  const lines = new LineIndex(text);
  return { text, ranges: offsets.map(([start, end]) => lines.rangeAt(start, end)) };
}

/** The text with `range` cut out. */
export function removeRange(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(0, lines.offsetAt(range.start)) + text.slice(lines.offsetAt(range.end));
}

/** `line:character-line:character`, zero-based, for readable range assertions. */
export function showRange(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}
