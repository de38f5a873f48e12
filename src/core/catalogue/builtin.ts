import { Catalogue, parseStandardFile } from './catalogue';
import st0792v10 from './data/ST0792-1.0.yaml';
import st0792v11 from './data/ST0792-1.1.yaml';
import st0792v12 from './data/ST0792-1.2.yaml';

/** The data files shipped with the tool, bundled as text. */
const BUILTIN_FILES: ReadonlyArray<readonly [name: string, text: string]> = [
  ['ST0792-1.0.yaml', st0792v10],
  ['ST0792-1.1.yaml', st0792v11],
  ['ST0792-1.2.yaml', st0792v12],
];

let cached: Catalogue | undefined;

/**
 * The catalogue of shipped standards, parsed on first use. A broken shipped file is a bug in the
 * release, so it throws with the file, field and expectation rather than limping on.
 */
export function builtinCatalogue(): Catalogue {
  if (cached) return cached;
  const catalogue = new Catalogue();
  for (const [name, text] of BUILTIN_FILES) {
    const result = parseStandardFile(text, name);
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    catalogue.add(result.standard);
  }
  cached = catalogue;
  return catalogue;
}
