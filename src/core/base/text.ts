/** A zero-based line and UTF-16 character position, as editors count them. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A span between two positions, end exclusive. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Maps string offsets to line/character positions in one text; built once per text. */
/** The range at the very start of a file, for findings about a whole file. */
export const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    if (!text.includes('\r')) {
      // The common case, LF only: indexOf skips ahead far faster than a loop over every character.
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const char = text.charCodeAt(i);
      if (char === 10 /* \n */) this.lineStarts.push(i + 1);
      else if (char === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
  }

  /** Number of lines in the text. */
  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The position of a string offset. */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  /** The string offset of a position. */
  offsetAt(position: Position): number {
    const line = Math.max(0, Math.min(position.line, this.lineStarts.length - 1));
    return Math.min(this.lineStarts[line] + position.character, this.text.length);
  }

  /** The range covering two offsets. */
  rangeAt(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/** The outcome of turning a file's bytes into text. */
export type DecodedText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes a file's bytes: UTF-8 (BOM dropped) or UTF-16 with a BOM. Binary content (NUL bytes
 * in UTF-8) and invalid UTF-8 are refused with a reason rather than guessed at.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  }
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) {
    return { ok: false, reason: 'Expected UTF-8 text, found binary content (NUL bytes)' };
  }
  try {
    return { ok: true, text: stripBom(utf8.decode(bytes)) };
  } catch {
    return { ok: false, reason: 'Expected UTF-8 text, found bytes that are not valid UTF-8' };
  }
}

/**
 * The line break a text already uses (its first one: CRLF, a lone CR or LF), so lines an edit adds
 * match it; LF in a text of one line. YAML and CommonMark accept all three.
 */
export function lineBreakOf(text: string): '\r\n' | '\r' | '\n' {
  const at = text.search(/[\r\n]/);
  if (at === -1 || text[at] === '\n') return '\n';
  return text[at + 1] === '\n' ? '\r\n' : '\r';
}

/**
 * The text as the yaml package must see it: every lone CR (a line break in YAML, but not to that
 * package, which breaks lines at LF and CRLF only) turned into LF. Offsets do not move, and the
 * LineIndex already counts a lone CR as a break, so positions stay right.
 */
export function withYamlLineBreaks(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** Drops a leading byte order mark, as editors do when they show a file. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * A copy of a string cut from a file's text that does not keep the whole text alive. V8 stores a
 * slice of 13 characters or more as a view into its parent, so a title kept in the index held its
 * file's full text in memory: about 3 KB per file, 150 MB with 50 000 files.
 */
export function detach(value: string): string {
  return ` ${value}`.slice(1);
}
