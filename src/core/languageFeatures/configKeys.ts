// The nested keys of `portfolio.yaml` (`gateway:`, `assessment:` and its methods, each person's
// block item of `people:`): where a key
// line stands in the block structure, read by indentation as configLines reads the top level,
// and what the schema says of the field it names.
import * as z from 'zod/mini';
import { portfolioConfigSchema } from '../read/config';
import type { DocumentLines } from './completion';
import { MAX_CONFIG_LINES } from './configLines';

/** A key at the start of a line, any indentation: `  review-interval:`, `    "title":`. */
export const NESTED_KEY = /^([ \t]*)(["']?)([A-Za-z0-9_][\w-]*)\2[ \t]*:(?=[ \t]|$)/;

/** A block list item's dash and, when the item is a block of keys, its first key: `  - name: Sam`. */
export const ITEM_KEY = /^([ \t]*)-([ \t]+)(?:(["']?)([A-Za-z0-9_][\w-]*)\3[ \t]*:(?=[ \t]|$))?/;

/** The step of a path into an item of a list: `['people', LIST_ITEM, 'email']`. */
export const LIST_ITEM = '[]';

/** A path as hover shows it: `gateway.min-months`, `people[].email`. */
export function formatKeyPath(path: readonly string[]): string {
  return path.map((key, index) => (key === LIST_ITEM || index === 0 ? key : `.${key}`)).join('');
}

/** Lines that say nothing of the structure: blank, or only a comment. */
const NOT_STRUCTURE = /^[ \t]*(#.*)?$/;

/**
 * The keys that hold line `line`, outermost first: `['assessment', 'methods']` for a line
 * indented under `methods:` under `assessment:`, `['people', LIST_ITEM]` for a line of a person's
 * block item. `indent` is the line's own indentation.
 */
export function enclosingKeys(document: DocumentLines, line: number, indent: number): string[] {
  const path: string[] = [];
  let depth = indent;
  let listColumn = -1;
  for (let at = line - 1; at >= 0 && depth > 0 && line - at <= MAX_CONFIG_LINES; at--) {
    const text = document.lineAt(at).text;
    if (NOT_STRUCTURE.test(text)) continue;
    const own = text.length - text.trimStart().length;
    if (own >= depth) continue;
    const item = ITEM_KEY.exec(text);
    if (item) {
      if (own === listColumn) continue; // an earlier item of the same list
      // Inside a list's item: under its first key's block when deeper than that key, else among its keys.
      const keyColumn = item[1].length + 1 + item[2].length;
      if (item[4] !== undefined && depth > keyColumn) path.unshift(item[4]);
      path.unshift(LIST_ITEM);
      // YAML lets a list stand at its key's own indentation (`people:` then `- name: Sam`).
      depth = own + 1;
      listColumn = own;
      continue;
    }
    const match = NESTED_KEY.exec(text);
    if (!match) return []; // a flow value: not a block of keys
    path.unshift(match[3]);
    depth = own;
  }
  return depth === 0 ? path : [];
}

/** The schema of the field at `path` (`['assessment', 'methods', 'discussion', 'ksbs']`), through optional, pipe, record and list wrappers. */
export function schemaAt(path: readonly string[]): z.ZodMiniType | undefined {
  let schema: z.ZodMiniType | undefined = portfolioConfigSchema;
  for (const key of path) {
    schema = unwrap(schema);
    const def = schema?._zod.def as { shape?: Record<string, z.ZodMiniType>; valueType?: z.ZodMiniType; element?: z.ZodMiniType } | undefined;
    if (key === LIST_ITEM) schema = def?.element;
    else if (def?.shape) schema = Object.hasOwn(def.shape, key) ? def.shape[key] : undefined;
    else if (def?.valueType) schema = def.valueType;
    else return undefined;
  }
  return schema;
}

/** The names a block at `path` takes, when it is a block of named fields. */
export function fieldNamesAt(path: readonly string[]): string[] {
  const def = unwrap(schemaAt(path))?._zod.def as { shape?: Record<string, z.ZodMiniType> } | undefined;
  return def?.shape ? Object.keys(def.shape) : [];
}

/** Whether the block at `path` is keyed by names of the user's (`assessment.methods`). */
export function isRecordAt(path: readonly string[]): boolean {
  return (unwrap(schemaAt(path))?._zod.def as { type?: string } | undefined)?.type === 'record';
}

/** The description the schema gives the field at `path` (`z.describe`). */
export function descriptionAt(path: readonly string[]): string | undefined {
  let schema = schemaAt(path);
  for (let depth = 0; schema && depth < 6; depth++) {
    const description = z.globalRegistry.get(schema)?.description;
    if (description) return description;
    const def = schema._zod.def as { innerType?: z.ZodMiniType; in?: z.ZodMiniType };
    schema = def.innerType ?? def.in;
  }
  return undefined;
}

/** The schema under optional and pipe wrappers, where the shape, record or list is. */
function unwrap(schema: z.ZodMiniType | undefined): z.ZodMiniType | undefined {
  for (let depth = 0; schema && depth < 6; depth++) {
    const def = schema._zod.def as { shape?: unknown; valueType?: unknown; element?: unknown; innerType?: z.ZodMiniType; in?: z.ZodMiniType };
    if (def.shape || def.valueType || def.element) return schema;
    schema = def.innerType ?? def.in;
  }
  return schema;
}
