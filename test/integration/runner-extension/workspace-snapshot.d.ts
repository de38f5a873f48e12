// Types for workspace-snapshot.js (plain CommonJS, shared by the test runner and the harness).

/** Every file (its bytes), symbolic link (its target) and folder under `root`, by `/`-separated relative path. */
export interface TreeSnapshot {
  readonly root: string;
  readonly files: Map<string, Buffer | { link: string }>;
  readonly folders: Set<string>;
}

/** Takes a snapshot of `root`. */
export function snapshotTree(root: string): TreeSnapshot;
/** How `root` differs from `snapshot` (`changed <path>`, `added <path>`, `removed <path>`); empty when it does not. */
export function differences(snapshot: TreeSnapshot, root?: string): string[];
/** Puts `root` back as `snapshot` holds it; returns the differences it found. */
export function restoreTree(snapshot: TreeSnapshot, root?: string): string[];
