// Types for expectMarkers.mjs (plain ESM, shared by the tests and the harness).

/** The diagnostics the `expect:` markers in a fixture file's text call for: 1-based line and code, one per code. */
export function expectMarkers(text: string): Array<{ line: number; code: string }>;
