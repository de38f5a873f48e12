// The git facts a sign-off is proved by, as the host finds them: which commit last wrote each line
// of a signed file, and what git says of those commits' signatures. The core runs no git: the CLI
// and the editor answer through `SignoffHistorySource`, and the rules judge what they answer.

/** The commit that last wrote one line, as `git blame --porcelain` gives it. */
export interface LineCommit {
  /** The full commit id; `undefined` when the line is not committed yet. */
  readonly commit: string | undefined;
  readonly authorName: string;
  /** Lower-cased, without the angle brackets. */
  readonly authorEmail: string;
  /** The committer time in seconds: of several lines, the latest commit is the one that wrote them last. */
  readonly time: number;
  /**
   * The commit's place in a walk of the history, newest first (children before parents), when the
   * host walked it: a surer sign than `time` of which commit came last, as clocks and rebases lie.
   */
  readonly order?: number;
}

/** What git says about one signed file. */
export type FileHistory =
  /** `lines` by 0-based line number, for the lines asked about. */
  | { readonly kind: 'blamed'; readonly lines: ReadonlyMap<number, LineCommit> }
  /** The file is in the repository's folder but git does not track it: nothing of it is committed. */
  | { readonly kind: 'untracked' }
  /** git could not answer (not a repository, no git, an error): the sign-off is not checked. */
  | { readonly kind: 'unavailable'; readonly reason: string };

/** The status a host gives a signature it cannot ask git about (the editor's Git extension verifies none): not checked there. */
export const SIGNATURE_UNCHECKED = 'unchecked';

/**
 * git's verdict on a commit's signature: `%G?` (G good, B bad, U good of unknown validity, X/Y
 * expired, R revoked, E cannot be checked, N none), or SIGNATURE_UNCHECKED; and `%GS`, the signer.
 */
export interface CommitSignature {
  readonly status: string;
  readonly signer: string;
}

/** What the host found for a set of signed files. */
export interface SignoffHistory {
  /** By absolute path. */
  readonly files: ReadonlyMap<string, FileHistory>;
  /** By full commit id; only asked for under `verify-signoffs: signatures`. */
  readonly signatures: ReadonlyMap<string, CommitSignature>;
}

/** One signed file the host is asked about: its absolute path and the 0-based lines its sign-offs are written on. */
export interface SignoffHistoryRequest {
  readonly path: string;
  readonly lines: readonly number[];
}

/** Where the git facts come from: the CLI runs git, the editor asks its git. */
export interface SignoffHistorySource {
  /** Called when the index is about to read the files it will ask about: a host may start reading git's history. */
  prepare?(): void;
  history(requests: readonly SignoffHistoryRequest[], withSignatures: boolean): Promise<SignoffHistory>;
}
