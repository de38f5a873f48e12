// Why a sign-off should not be written: the signer may not sign in that role, or the file has
// errors. `ksb signoff` refuses on either (unless --force) and the editor's Sign Off Evidence asks.
import { DiagnosticCode } from '../model/diagnosticCodes';
import type { LeveledDiagnostic, RuleLevel } from '../model/diagnostics';
import type { SignoffRole } from '../model/lifecycleTerms';
import type { PortfolioIndex } from '../portfolio/portfolioIndex';
import { applyLevels } from '../rules/registry';
import { unknownSignerProblem } from '../rules/signoffUnknownSigner';
import { wrongRoleProblem } from '../rules/signoffWrongRole';

/** What stands in the way of `by` signing off the file at `path` as `role`. */
export interface SignoffObstacles {
  /** Why this signer may not sign in this role (`signoff.wrong-role`, `signoff.unknown-signer`), if so. */
  readonly signer: string | undefined;
  /** The file's errors now, at the levels in force; whether a sign-off is proved by git does not count. */
  readonly errors: readonly LeveledDiagnostic[];
}

/** The obstacles to a sign-off of the indexed file at `path` by `by` as `role`; none without a resolved portfolio but its errors. */
export function signoffObstacles(
  index: PortfolioIndex,
  path: string,
  by: string,
  role: SignoffRole,
  levels: Partial<Record<string, RuleLevel>> = {},
): SignoffObstacles {
  const config = index.portfolio?.config;
  const signer = config && (wrongRoleProblem(config, by, role) ?? unknownSignerProblem(config, by));
  // A sign-off not yet committed is what signing makes: it is no reason to refuse another.
  const errors = applyLevels(index.diagnosticsFor(path), levels).filter((d) => d.level === 'error' && d.code !== DiagnosticCode.SignoffUnverified);
  return { signer: signer ?? undefined, errors };
}

/** The obstacles in one sentence for a message (`undefined` when there are none): the signer first, then the errors by code and line. */
export function describeObstacles(obstacles: SignoffObstacles): string | undefined {
  const parts: string[] = [];
  if (obstacles.signer !== undefined) parts.push(obstacles.signer);
  if (obstacles.errors.length > 0) {
    const listed = obstacles.errors.slice(0, 5).map((d) => `${d.code} at line ${d.range.start.line + 1}: ${d.message}`);
    const more = obstacles.errors.length > 5 ? `; and ${obstacles.errors.length - 5} more` : '';
    parts.push(`it has ${obstacles.errors.length} error${obstacles.errors.length === 1 ? '' : 's'}: ${listed.join('; ')}${more}`);
  }
  return parts.length === 0 ? undefined : parts.join('; ');
}
