import type { Portfolio } from '../read/config';
import { computeCoverage, type Coverage, type EvidenceReference } from '../coverage/coverage';
import type { Claim } from '../read/frontMatter';

/** The valid claims of a portfolio's evidence files, by code: what coverage and evidence look-ups read. */
export class ClaimIndex {
  private readonly claimsByCode = new Map<string, Map<string, EvidenceReference>>();

  /** Records the valid claims of the file at `relativePath` (titled `title`). */
  add(relativePath: string, title: string | undefined, claims: readonly Claim[]): void {
    for (const claim of claims) {
      let byFile = this.claimsByCode.get(claim.code);
      if (!byFile) this.claimsByCode.set(claim.code, (byFile = new Map()));
      byFile.set(relativePath, { relativePath, title, range: claim.range });
    }
  }

  /** Forgets the claims of the file at `relativePath`, as they were recorded. */
  remove(relativePath: string, claims: readonly Claim[]): void {
    for (const claim of claims) this.claimsByCode.get(claim.code)?.delete(relativePath);
  }

  /** Forgets every claim, before all files are evaluated again. */
  clear(): void {
    this.claimsByCode.clear();
  }

  /** Coverage of `portfolio`'s standard and option by the claims recorded. */
  coverage(portfolio: Portfolio): Coverage {
    return computeCoverage(portfolio, this.claimsByCode);
  }

  /** The evidence files that validly claim `code`. */
  evidenceFor(code: string): EvidenceReference[] {
    return [...(this.claimsByCode.get(code)?.values() ?? [])];
  }
}
