import { isAlias, visit, type Document } from 'yaml';

/** The most alias expansions (`*name`) the yaml package allows when turning a document into data. */
export const MAX_YAML_ALIAS_COUNT = 100;

/** A document's plain data, or why it has none and where (offsets into the text). */
export type YamlData =
  { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly message: string; readonly offsets: readonly [number, number] };

/**
 * Turns a parsed document into plain data. The yaml package throws here rather than reporting
 * (too many alias expansions, an alias before its anchor); those become a message instead.
 */
export function yamlToData(document: Document): YamlData {
  try {
    return { ok: true, data: document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT }) };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const { first, unresolved } = findAliases(document);
    if (/^Unresolved alias/.test(text) && unresolved) {
      return {
        ok: false,
        message: `Expected an anchor \`&${unresolved.source}\` before the alias \`*${unresolved.source}\`, found none`,
        offsets: unresolved.offsets,
      };
    }
    if (/^Excessive alias count/.test(text)) {
      return {
        ok: false,
        message: `Expected at most ${MAX_YAML_ALIAS_COUNT} alias expansions (\`*name\`), found more: the YAML reader stops there so a small file cannot expand into a huge one`,
        offsets: first?.offsets ?? [0, 0],
      };
    }
    return { ok: false, message: `Expected YAML that reads as data, found: ${text.split('\n')[0]}`, offsets: unresolved?.offsets ?? [0, 0] };
  }
}

interface AliasPlace {
  readonly source: string;
  readonly offsets: readonly [number, number];
}

/** The first alias, and the first alias whose anchor is not set before it, in one pass. */
function findAliases(document: Document): { first?: AliasPlace; unresolved?: AliasPlace } {
  const anchors = new Set<string>();
  let first: AliasPlace | undefined;
  let unresolved: AliasPlace | undefined;
  visit(document, {
    Node(_key, node) {
      if (isAlias(node)) {
        const place: AliasPlace = { source: node.source, offsets: node.range ? [node.range[0], node.range[1]] : [0, 0] };
        first ??= place;
        if (!anchors.has(node.source)) {
          unresolved = place;
          return visit.BREAK;
        }
      } else if (node.anchor) {
        anchors.add(node.anchor);
      }
      return undefined;
    },
  });
  return { first, unresolved };
}

/**
 * Data nested deeper than this is refused. `JSON.stringify` and every other walk that recurses
 * overflow the stack on a file nested 100 000 deep; the deepest standard the public API serves
 * nests 5 levels.
 */
export const MAX_DATA_NESTING = 100;

/** Why `data` (read from `subject`) is refused for nesting too deeply, or `undefined`; an iterative walk that stops past MAX_DATA_NESTING. */
export function nestingProblem(data: unknown, subject: string): string | undefined {
  const pending: Array<readonly [unknown, number]> = [[data, 0]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_DATA_NESTING) {
      return `Expected ${subject} nested at most ${MAX_DATA_NESTING} levels deep, found deeper: it was not read, since working through it would overflow the stack`;
    }
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return undefined;
}
