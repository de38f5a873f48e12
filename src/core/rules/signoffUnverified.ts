// `signoff.unverified`: under `verify-signoffs: commits` or `signatures`, a sign-off that git does not
// prove was made by its signer. The host answers what git says (base/gitHistory.ts); this judges it.
import { SIGNATURE_UNCHECKED, type CommitSignature, type FileHistory, type LineCommit } from '../base/gitHistory';
import type { PortfolioDiagnostic } from '../model/diagnostics';
import { DiagnosticCode } from '../model/diagnosticCodes';
import type { VerifySignoffMode } from '../model/lifecycleTerms';
import type { PortfolioConfig } from '../read/config';
import type { SignoffEntry } from '../read/lifecycleFields';
import { peopleOf, type People } from '../read/people';
import { defineRule, type EvidenceContext, type FileFacts } from './rule';

/** What git said of one signed file, as a rule is handed it. */
export interface SignoffTrace {
  readonly file: FileHistory | undefined;
  readonly signature: (commit: string) => CommitSignature | undefined;
}

/** How a sign-off is proved: not checked (`off`, no git), verified by its commit (and signature), or not. */
export type SignoffProof =
  | { readonly state: 'not-checked'; readonly reason: string }
  | { readonly state: 'verified'; readonly commit: string; readonly authorEmail: string; readonly signed: boolean }
  | { readonly state: 'unverified'; readonly commit: string | undefined; readonly authorEmail: string | undefined; readonly reason: string };

/** `signoff.unverified`: a sign-off that git does not prove. */
export const signoffUnverifiedRule = defineRule({
  code: DiagnosticCode.SignoffUnverified,
  defaultLevel: 'error',
  summary: 'Under `verify-signoffs`, a sign-off not committed by its signer (or, with `signatures`, not in a commit whose signature git verifies).',
  meaning:
    "under `verify-signoffs: commits` in `portfolio.yaml`, a sign-off whose lines were last written by a commit whose author e-mail is not one of the signer's (`people:`), or that is not committed yet, naming the commit and its author; under `verify-signoffs: signatures`, also one whose commit git does not verify as signed by a trusted key (GPG or SSH). Without git, or with `off`, sign-offs are not checked. Such a sign-off never counts",
  check: { over: 'portfolio-file', run: (facts, context) => ({ diagnostics: checkSignoffsProved(facts, context) }) },
});

/** The short form of a commit id in messages. */
export function shortCommit(commit: string): string {
  return commit.slice(0, 7);
}

/** How the sign-off `signoff` of a file is proved, under the portfolio's `verify-signoffs` and what git said (`trace`). */
export function signoffProof(signoff: SignoffEntry, config: PortfolioConfig, trace: SignoffTrace | undefined, people: People = peopleOf(config)): SignoffProof {
  const mode: VerifySignoffMode = config['verify-signoffs'] ?? 'off';
  if (mode === 'off') return { state: 'not-checked', reason: '`verify-signoffs` is off' };
  const file = trace?.file;
  if (!file) return { state: 'not-checked', reason: 'git was not asked' };
  if (file.kind === 'unavailable') return { state: 'not-checked', reason: file.reason };
  const who = `${signoff.by} (${signoff.role})`;
  if (file.kind === 'untracked')
    return {
      state: 'unverified',
      commit: undefined,
      authorEmail: undefined,
      reason: `the sign-off of ${who} is not committed yet: the file is not tracked by git`,
    };
  // The commit that last wrote any line of the entry wrote the sign-off as it stands.
  let last: LineCommit | undefined;
  for (let line = signoff.range.start.line; line <= signoff.range.end.line; line++) {
    const found = file.lines.get(line);
    if (!found) continue;
    if (found.commit === undefined) {
      last = found;
      break;
    }
    if (!last || wroteLater(found, last)) last = found;
  }
  if (!last) return { state: 'not-checked', reason: 'git gave no commit for its lines' };
  if (last.commit === undefined)
    return {
      state: 'unverified',
      commit: undefined,
      authorEmail: undefined,
      reason: `the sign-off of ${who} is not committed yet (changed in the working tree)`,
    };
  const commit = last.commit;
  const emails = (signoff.by === undefined ? undefined : people.find(signoff.by))?.emails ?? [];
  const author = `commit ${shortCommit(commit)} by ${last.authorEmail}${last.authorName ? ` (${last.authorName})` : ''}`;
  if (emails.length === 0)
    return {
      state: 'unverified',
      commit,
      authorEmail: last.authorEmail,
      reason: `no e-mail of ${signoff.by} in \`people:\` of portfolio.yaml to compare with ${author}`,
    };
  if (!emails.includes(last.authorEmail))
    return { state: 'unverified', commit, authorEmail: last.authorEmail, reason: `${author}, not by ${signoff.by} (${emails.join(', ')})` };
  if (mode === 'commits') return { state: 'verified', commit, authorEmail: last.authorEmail, signed: false };
  const signature = trace?.signature(commit);
  // The author is the signer's; whether git trusts the signature, only a host that asks git can say.
  if (signature?.status === SIGNATURE_UNCHECKED)
    return { state: 'not-checked', reason: `commit ${shortCommit(commit)} by ${last.authorEmail}, its signature not checked in the editor: run \`ksb check\`` };
  if (signature?.status === 'G') return { state: 'verified', commit, authorEmail: last.authorEmail, signed: true };
  return { state: 'unverified', commit, authorEmail: last.authorEmail, reason: `${author}, ${signatureWords(signature)}` };
}

/** Whether commit `a` came after `b`: by their places in the host's walk when both have one, else by committer time. */
function wroteLater(a: LineCommit, b: LineCommit): boolean {
  return a.order !== undefined && b.order !== undefined ? a.order < b.order : a.time > b.time;
}

/** What git said of a commit's signature, in words. */
function signatureWords(signature: CommitSignature | undefined): string {
  switch (signature?.status) {
    case undefined:
      return 'whose signature git was not asked about';
    case 'N':
      return 'which is not signed';
    case 'B':
      return 'whose signature is bad';
    case 'U':
      return `signed by ${signature.signer || 'a key'} of unknown validity (not trusted by git's configuration)`;
    case 'X':
      return 'whose signature has expired';
    case 'Y':
      return 'signed by an expired key';
    case 'R':
      return 'signed by a revoked key';
    default:
      return 'whose signature git cannot check (no trusted key for it: set gpg.ssh.allowedSignersFile or import the key)';
  }
}

/** A proof in a few words, as the report, the hover and the coverage view say it. */
export function proofWords(proof: SignoffProof): string {
  switch (proof.state) {
    case 'verified':
      return `commit ${shortCommit(proof.commit)} by ${proof.authorEmail}${proof.signed ? ', signature verified' : ''}`;
    case 'unverified':
      return `unverified: ${proof.reason}`;
    default:
      return `not checked (${proof.reason})`;
  }
}

function checkSignoffsProved({ analysis }: FileFacts, { portfolio, signoffTrace }: EvidenceContext): PortfolioDiagnostic[] {
  const signoffs = analysis.frontMatter?.lifecycle?.signoffs ?? [];
  const config = portfolio.config;
  if (signoffs.length === 0 || (config['verify-signoffs'] ?? 'off') === 'off') return [];
  const people = peopleOf(config);
  const diagnostics: PortfolioDiagnostic[] = [];
  for (const signoff of signoffs) {
    if (!signoff.complete) continue;
    const proof = signoffProof(signoff, config, signoffTrace, people);
    if (proof.state !== 'unverified') continue;
    diagnostics.push({
      code: signoffUnverifiedRule.code,
      message: `Expected the sign-off of ${signoff.by} (${signoff.role}) to be committed by ${signoff.by}${config['verify-signoffs'] === 'signatures' ? ' in a commit git verifies as signed' : ''}, found ${proof.reason}`,
      range: signoff.range,
      subject: { field: 'signoff', index: signoff.index },
    });
  }
  return diagnostics;
}
