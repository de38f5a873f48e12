// Text from a portfolio (paths, names, messages) made safe to print on one line of a terminal or a CI log.

/**
 * Characters that break a line of output or disguise it: C0 and C1 controls (newline, escape),
 * Unicode line and paragraph separators, and bidirectional overrides and isolates.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNSAFE_IN_A_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** The same characters, to replace every one of them. */
const EVERY_UNSAFE_IN_A_LINE = new RegExp(UNSAFE_IN_A_LINE.source, 'g');

/**
 * A path for a line of text output: as it is when ordinary (spaces, commas and non-ASCII letters
 * included, so it stays clickable), JSON-quoted when it holds a character that could forge or
 * disguise a line, a colon (past a drive letter: so `file:line:col` splits at the first colon) or
 * starts with a quote (so a quoted path is never mistaken for a plain one).
 */
export function quotedPath(path: string): string {
  const odd = UNSAFE_IN_A_LINE.test(path) || path.startsWith('"') || path.replace(/^[A-Za-z]:\//, '').includes(':');
  return odd ? jsonQuote(path) : path;
}

/** Text kept on one line: each unsafe character becomes its JSON escape (`\n`, `\u001b`). */
export function oneLine(text: string): string {
  if (!UNSAFE_IN_A_LINE.test(text)) return text;
  return text.replace(EVERY_UNSAFE_IN_A_LINE, (char) => jsonQuote(char).slice(1, -1));
}

/** JSON.stringify, plus the escapes it leaves out that matter on a terminal (DEL, C1, separators, bidi). */
function jsonQuote(text: string): string {
  return JSON.stringify(text).replace(EVERY_UNSAFE_IN_A_LINE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
