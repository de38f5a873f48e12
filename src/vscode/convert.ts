import * as vscode from 'vscode';
import type { Range, RuleLevel } from '../core';

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
