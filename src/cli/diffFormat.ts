import type { CoverageFigures, DiffLabels, DiffProblem, KsbChange, PortfolioDiff } from '../core';
import { introducesErrors, isEmptyDiff, plural } from '../core';
import { oneLine, quotedPath } from './format';

/** `ksb diff`'s text: coverage before and after, the KSBs that changed, the evidence and the problems, one thing a line. */
export function formatDiffText(diff: PortfolioDiff, labels: DiffLabels): string {
  const where = labels.folder === '' ? '' : ` in ${quotedPath(labels.folder)}`;
  const out = [`Portfolio${where}: ${oneLine(labels.base)} → ${labels.head === undefined ? 'the working tree' : oneLine(labels.head)}`];
  out.push(`Coverage: ${figures(diff.coverage.before)} → ${figures(diff.coverage.after)}${delta(diff.coverage.before, diff.coverage.after)}`);
  if (isEmptyDiff(diff)) {
    out.push('No change to the evidence, the coverage or the problems.');
    return `${out.join('\n')}\n`;
  }
  ksbLines(out, 'Newly covered', diff.newlyCovered);
  ksbLines(out, 'No longer covered', diff.noLongerCovered);
  const { added, removed, changed } = diff.evidence;
  if (added.length + removed.length + changed.length > 0) {
    out.push(`Evidence: ${added.length} added, ${removed.length} removed, ${changed.length} changed`);
    for (const e of added) out.push(`  added    ${quotedPath(e.file)}${claims(e.claims.map((c) => `+${c}`))}`);
    for (const e of removed) out.push(`  removed  ${quotedPath(e.file)}${claims(e.claims.map((c) => `-${c}`))}`);
    for (const e of changed) {
      const what = e.previousFile === null ? 'changed ' : 'renamed ';
      const from = e.previousFile === null ? '' : ` (from ${quotedPath(e.previousFile)})`;
      out.push(`  ${what} ${quotedPath(e.file)}${from}${claims([...e.claimsAdded.map((c) => `+${c}`), ...e.claimsDropped.map((c) => `-${c}`)])}`);
    }
  }
  const { introduced, fixed } = diff.problems;
  if (introduced.length + fixed.length > 0) {
    const errors = introduced.filter((p) => p.severity === 'error').length;
    out.push(`Problems: ${introduced.length} introduced${errors > 0 ? ` (${plural(errors, 'error')})` : ''}, ${fixed.length} fixed`);
    for (const p of introduced) out.push(`  introduced ${problemLine(p)}`);
    for (const p of fixed) out.push(`  fixed      ${problemLine(p)}`);
  }
  if (introducesErrors(diff)) out.push('The change introduces errors.');
  return `${out.join('\n')}\n`;
}

function figures(f: CoverageFigures | null): string {
  if (!f) return 'none (no usable portfolio.yaml)';
  const percent = f.total === 0 ? 0 : Math.round((f.covered / f.total) * 100);
  return `${f.covered}/${f.total} (${percent}%)`;
}

function delta(before: CoverageFigures | null, after: CoverageFigures | null): string {
  if (!before || !after || before.covered === after.covered) return '';
  const by = after.covered - before.covered;
  return `, ${by > 0 ? '+' : '-'}${Math.abs(by)}`;
}

function ksbLines(out: string[], heading: string, changes: readonly KsbChange[]): void {
  if (changes.length === 0) return;
  out.push(`${heading}: ${changes.length}`);
  for (const c of changes) {
    const evidence = c.evidence.slice(0, 3).map(quotedPath).join(', ') + (c.evidence.length > 3 ? ` and ${c.evidence.length - 3} more` : '');
    out.push(oneLine(`  ${c.code.padEnd(4)} ${evidence}`));
  }
}

function claims(list: readonly string[]): string {
  return list.length === 0 ? '' : `: ${oneLine(list.join(' '))}`;
}

function problemLine(p: DiffProblem): string {
  return `${quotedPath(p.file)}:${p.line}:${p.column} ${p.severity} ${oneLine(p.code)} ${oneLine(p.message)}`;
}
