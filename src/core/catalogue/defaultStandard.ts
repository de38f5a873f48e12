// Which standard a tool uses when nothing names one: outside a portfolio (Find KSB, `ksb lookup`
// without a portfolio.yaml) and for a new portfolio.yaml made by a quick fix. One rule, here.
import type { Catalogue, StandardVersion } from './catalogue';

/**
 * The standard version used when nothing names one: the latest version (as `Catalogue.get`
 * without a version picks it) of the catalogue's first standard. Shipped standards come first in
 * every catalogue (workspace standards are added to a copy of the shipped one), so today that is
 * the latest shipped version of ST0792. `undefined` only for an empty catalogue.
 */
export function defaultStandard(catalogue: Catalogue): StandardVersion | undefined {
  const [reference] = catalogue.references();
  return reference === undefined ? undefined : catalogue.get(reference);
}
