// KSB codes in the body of a portfolio file, for the editor to colour. The TextMate grammar only
// colours the `ksbs:` entry of front matter: it cannot tell a portfolio's Markdown from any other,
// and `S3` or `K2` in an unrelated README must stay plain text.
import type { StandardVersion } from '../catalogue/catalogue';
import type { KsbKind } from '../model/codes';
import { CODE_IN_PROSE as CODE_IN_PROSE_WORD } from '../model/codes';
import { locateFrontMatter } from '../read/frontMatter';
import { maskCode } from '../read/links';
import { LineIndex } from '../base/text';

/** A code of the standard, as the editor colours it. */
export interface CodeToken {
  readonly line: number;
  readonly character: number;
  readonly length: number;
  readonly kind: KsbKind;
}

/** Past this size a body is not scanned: colour is not worth a slow editor. */
export const MAX_CODE_TOKEN_TEXT_LENGTH = 1_000_000;

/** Every whole-word code of a text, scanned from `lastIndex`. */
const CODE_IN_PROSE = new RegExp(CODE_IN_PROSE_WORD.source, 'g');
/** Link destinations and autolinks: a code there is part of an address, not a reference. */
const LINK_DESTINATION = /\]\([^)\n]*\)|<[a-z][\w+.-]*:[^>\s]*>/gi;

/**
 * The codes that `standard` has in the Markdown body of `text`, in document order. Front matter
 * (the grammar's part), code, HTML comments and link destinations are left out.
 */
export function bodyCodeTokens(text: string, standard: StandardVersion): CodeToken[] {
  if (text.length > MAX_CODE_TOKEN_TEXT_LENGTH) return [];
  // Editors hand over text without a byte order mark; a file read as it is may still start with one.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const bodyStart = bom + (locateFrontMatter(bom ? text.slice(bom) : text)?.bodyStart ?? 0);
  CODE_IN_PROSE.lastIndex = bodyStart;
  if (!CODE_IN_PROSE.test(text)) return [];
  const prose = maskCode(text, bodyStart).replace(LINK_DESTINATION, (link) => ' '.repeat(link.length));
  const lines = new LineIndex(text);
  const tokens: CodeToken[] = [];
  CODE_IN_PROSE.lastIndex = bodyStart;
  for (let match = CODE_IN_PROSE.exec(prose); match; match = CODE_IN_PROSE.exec(prose)) {
    const ksb = standard.ksb(match[0]);
    if (!ksb) continue;
    const { line, character } = lines.positionAt(match.index);
    tokens.push({ line, character, length: match[0].length, kind: ksb.kind });
  }
  return tokens;
}
