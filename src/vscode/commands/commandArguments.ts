import * as vscode from 'vscode';

/** The argument if it is an options object (not a Uri that a menu passed). */
export function plainObject<T>(arg: unknown): T {
  return (arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? arg : {}) as T;
}

/** A Uri passed by a menu (the explorer or the editor title), if any. */
export function uriArgument(arg: unknown): vscode.Uri | undefined {
  return arg instanceof vscode.Uri ? arg : undefined;
}
