// KSB codes in the body of a portfolio file, for the editor to colour. The TextMate grammar only
// colours the `ksbs:` entry of front matter: it cannot tell a portfolio's Markdown from any other,
// and `S3` or `K2` in an unrelated README must stay plain text.
import type { StandardVersion } from '../catalogue/catalogue';
import type { KsbKind } from '../model/codes';
import { CODE_IN_PROSE as CODE_IN_PROSE_WORD } from '../model/codes';
import { findCodeMentions, isKsbReference } from '../read/bodyCodes';
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

/**
 * Which codes of the body are coloured and hovered (`ksbPortfolio.bodyCodes`): `references`, only
 * where they read as a KSB reference (tagged, in brackets, in inline code, in a list of codes), so
 * AWS "S3" in a sentence stays plain; `all`, every code of the standard in prose; `off`, none.
 */
export type BodyCodesMode = 'references' | 'all' | 'off';

/** The modes, the first the default. */
export const BODY_CODES_MODES: readonly BodyCodesMode[] = ['references', 'all', 'off'];

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
export function bodyCodeTokens(text: string, standard: StandardVersion, mode: BodyCodesMode = 'all'): CodeToken[] {
  if (text.length > MAX_CODE_TOKEN_TEXT_LENGTH || mode === 'off') return [];
  if (mode === 'references') return referenceTokens(text, standard);
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

/** The codes of the standard that read as KSB references in the body. */
function referenceTokens(text: string, standard: StandardVersion): CodeToken[] {
  const lines = new LineIndex(text);
  const tokens: CodeToken[] = [];
  for (const mention of findCodeMentions(text)) {
    const ksb = isKsbReference(mention) ? standard.ksb(mention.code) : undefined;
    if (!ksb) continue;
    const { line, character } = lines.positionAt(mention.start);
    tokens.push({ line, character, length: mention.end - mention.start, kind: ksb.kind });
  }
  return tokens;
}

/**
 * Whether the code at `offset` of `text` is hovered under `mode`: always in front matter, and in
 * the body as `bodyCodeTokens` colours it (`references`: only where it reads as a KSB reference).
 */
export function bodyCodeShown(text: string, offset: number, mode: BodyCodesMode): boolean {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const bodyStart = bom + (locateFrontMatter(bom ? text.slice(bom) : text)?.bodyStart ?? 0);
  if (offset < bodyStart || mode === 'all') return true;
  if (mode === 'off') return false;
  return findCodeMentions(text).some((mention) => mention.start <= offset && offset <= mention.end && isKsbReference(mention));
}
