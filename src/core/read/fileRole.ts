import type { FrontMatter } from './frontMatter';
import { PROGRESS_REVIEW_TYPE } from '../model/lifecycleTerms';

/** What a Markdown file is to its portfolio. */
export type FileRole = 'evidence' | 'review' | 'record' | 'other';

/**
 * A file's role from its front matter and the config's globs (`undefined` when there are none).
 * A progress review is never evidence; a file with `otj:` or `meets:` and no `ksbs:` is a record
 * (an hours log, a certificate), wherever it is; with globs, a file they do not match is not the
 * portfolio's at all (`undefined`) unless it is a review or a record; without globs, a file is
 * evidence when it has a `ksbs:` key.
 */
export function fileRole(frontMatter: FrontMatter | undefined, matchedByGlobs: boolean | undefined): FileRole | undefined {
  const lifecycle = frontMatter?.lifecycle;
  if (lifecycle?.type === PROGRESS_REVIEW_TYPE) return 'review';
  // A key meant for `ksbs` (`KSBs:`) says the file is meant as evidence, as `ksbs:` does.
  const hasKsbs = frontMatter?.hasKsbsKey === true || frontMatter?.mistypedKsbsKey !== undefined;
  if (lifecycle && (lifecycle.otjKeyRange !== undefined || lifecycle.meets.length > 0) && !hasKsbs) return 'record';
  if (matchedByGlobs === false) return undefined;
  if (matchedByGlobs === true || hasKsbs) return 'evidence';
  return 'other';
}
