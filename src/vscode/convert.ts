import * as vscode from 'vscode';
import { ruleAnchor, type FixData, type LeveledDiagnostic, type PortfolioDiagnostic, type Range, type RuleLevel } from '../core';
import { DIAGNOSTIC_SOURCE } from './constants';

/** A core range as a VS Code range. */
export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** A core rule level as a VS Code severity; the only place the two meet. */
export function toSeverity(level: Exclude<RuleLevel, 'ignore'>): vscode.DiagnosticSeverity {
  switch (level) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'information':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
  }
}

/**
 * A core diagnostic as VS Code shows it: range, message, severity, source, code and related
 * places; `uriOf` turns the core path of a related place into a URI. With `rulesPage` (the
 * release's rules page) the code links to its rule's row there, in the hover and the Problems
 * panel. The only place a `vscode.Diagnostic` is built.
 */
export function toDiagnostic(core: LeveledDiagnostic, uriOf: (path: string) => vscode.Uri, rulesPage?: string): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(core.range), core.message, toSeverity(core.level));
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = rulesPage ? { value: core.code, target: vscode.Uri.parse(`${rulesPage}#${ruleAnchor(core.code)}`) } : core.code;
  if (core.related) {
    diagnostic.relatedInformation = core.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uriOf(r.path), toRange(r.range)), r.message),
    );
  }
  return diagnostic;
}

/**
 * The fix data of a published diagnostic: that of the core diagnostic `toDiagnostic` made it from,
 * found by source, code and range. VS Code diagnostics have no slot for it, so it stays in the core's.
 */
export function fixDataOf(diagnostic: vscode.Diagnostic, core: readonly PortfolioDiagnostic[]): FixData | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = diagnosticCode(diagnostic);
  return core.find((d) => d.code === code && d.fix && toRange(d.range).isEqual(diagnostic.range))?.fix;
}

/** A diagnostic's code as a string, whether VS Code holds it plain or with a link target. */
export function diagnosticCode(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}
