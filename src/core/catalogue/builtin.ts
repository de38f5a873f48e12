import { Catalogue, StandardVersion } from './catalogue';
import type { StandardFile } from './schema';
import st0792v10 from './data/ST0792-1.0.yaml';
import st0792v11 from './data/ST0792-1.1.yaml';
import st0792v12 from './data/ST0792-1.2.yaml';

/**
 * The data files shipped with the tool. The build parses and validates each YAML file and bundles
 * the result as plain data (`standardDataPlugin`, scripts/standardDataPlugin.mjs), failing on a
 * broken one, so nothing is parsed or validated here at run time.
 */
const BUILTIN_FILES: ReadonlyArray<readonly [name: string, data: StandardFile]> = [
  ['ST0792-1.0.yaml', st0792v10],
  ['ST0792-1.1.yaml', st0792v11],
  ['ST0792-1.2.yaml', st0792v12],
];

let cached: Catalogue | undefined;

/** The catalogue of shipped standards, indexed on first use. */
export function builtinCatalogue(): Catalogue {
  cached ??= new Catalogue(BUILTIN_FILES.map(([name, data]) => new StandardVersion(data, name)));
  return cached;
}
