// The action's comment step: on a pull request, `ksb diff BASE HEAD DIR --format markdown` (what
// the change does to the portfolio) in one comment per portfolio folder, created the first time
// and updated on every later push, found again by a hidden marker. Anything but a pull request
// event does nothing; a token that may not write (a fork's pull request) is a warning.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { GitHubApiError, upsertComment } from './issueComments.mjs';
import { portfolioFolder, runKsb } from './ksb.mjs';
import { ActionError, booleanInput, input, runStep, warning, workspace } from './runner.mjs';

/** The events whose payload is a pull request to comment on. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** GitHub refuses a comment body longer than this many characters. */
const COMMENT_LIMIT = 65_536;

/** What the body is kept under: the limit with room for the marker and the note on a cut. */
const BODY_BUDGET = COMMENT_LIMIT - 1_536;

/** A commit id: SHA-1, or SHA-256 in a repository that uses it. */
const COMMIT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

runStep(async () => {
  if (!booleanInput('COMMENT')) {
    process.stdout.write('The comment input is false: no pull request comment.\n');
    return 0;
  }
  const event = process.env.GITHUB_EVENT_NAME ?? '';
  if (!PULL_REQUEST_EVENTS.has(event)) {
    process.stdout.write(`Not a pull request (the event is ${JSON.stringify(event)}): no comment.\n`);
    return 0;
  }
  const pullRequest = readPullRequest(process.env.GITHUB_EVENT_PATH);
  const repository = process.env.GITHUB_REPOSITORY ?? '';
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) throw new ActionError(`GITHUB_REPOSITORY is ${JSON.stringify(repository)}: expected owner/name`);
  const token = input('GITHUB_TOKEN');
  if (!token) {
    warning('No github-token: the pull request comment is not written.');
    return 0;
  }

  const dir = portfolioFolder(input('PATH') || '.');
  const base = mergeBase(pullRequest.base, pullRequest.head);
  const diff = await runKsb(['diff', '--format', 'markdown', '--', base, pullRequest.head, dir]);
  if (diff.status !== 0 && diff.status !== 1) {
    const reason = diff.stderr.trim().split('\n')[0] || `ksb diff exited ${diff.status}`;
    warning(`No pull request comment: ${reason} (a checkout needs fetch-depth: 0 for ksb diff to see the base commit)`);
    return 0;
  }
  const marker = commentMarker(dir);
  const body = commentBody(marker, diff.stdout);
  const api = { apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com', graphqlUrl: process.env.GITHUB_GRAPHQL_URL, repository, token };
  try {
    const outcome = await upsertComment(api, pullRequest.number, marker, body);
    process.stdout.write(`The pull request comment for ${JSON.stringify(dir)} was ${outcome.action}${outcome.url ? `: ${outcome.url}` : ''}\n`);
    return 0;
  } catch (failure) {
    if (failure instanceof GitHubApiError && failure.status === 403) {
      warning(
        `No pull request comment: the token may not write comments (${failure.message}). A pull request from a fork gets a read-only token; elsewhere give the job permissions: pull-requests: write.`,
      );
      return 0;
    }
    if (failure instanceof GitHubApiError) throw new ActionError(`the pull request comment could not be written: ${failure.message}`);
    throw failure;
  }
});

/**
 * The pull request's number and its base and head commits, from the event's payload.
 * @param {string | undefined} eventPath
 * @returns {{ number: number; base: string; head: string }}
 */
function readPullRequest(eventPath) {
  if (!eventPath) throw new ActionError('GITHUB_EVENT_PATH is not set: expected the path of the event payload');
  let payload;
  try {
    payload = JSON.parse(readFileSync(eventPath, 'utf8'));
  } catch (failure) {
    throw new ActionError(`cannot read the event payload ${eventPath}: ${failure.message}`);
  }
  const pullRequest = payload?.pull_request;
  const number = pullRequest?.number;
  const base = pullRequest?.base?.sha;
  const head = pullRequest?.head?.sha;
  if (!Number.isSafeInteger(number) || number < 1) throw new ActionError(`the event payload has no pull_request.number: found ${JSON.stringify(number)}`);
  for (const [name, sha] of [
    ['base', base],
    ['head', head],
  ]) {
    if (typeof sha !== 'string' || !COMMIT_ID.test(sha))
      throw new ActionError(`the event payload's pull_request.${name}.sha is ${JSON.stringify(sha)}: expected a commit id`);
  }
  return { number, base, head };
}

/**
 * Where the pull request's branch left its base: what the change is compared with, as GitHub's
 * own diff does, so commits merged into the base since are not shown undone. The base commit
 * itself when git cannot say (no repository, or a shallow one: then ksb diff explains).
 * @param {string} base
 * @param {string} head
 */
function mergeBase(base, head) {
  const found = spawnSync('git', ['merge-base', base, head], { cwd: workspace(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const commit = found.status === 0 ? found.stdout.trim() : '';
  return COMMIT_ID.test(commit) ? commit : base;
}

/**
 * The hidden first line that names the action's comment for `dir`, so each portfolio of a
 * repository keeps its own. The folder is percent-encoded: it cannot end the HTML comment.
 * @param {string} dir
 */
function commentMarker(dir) {
  return `<!-- ksb-portfolio:diff path=${encodeURIComponent(dir)} -->`;
}

/**
 * The comment: the marker, then the Markdown, cut at a line when GitHub would refuse it, with an
 * open code block or details element closed so the cut does not swallow the note.
 * @param {string} marker
 * @param {string} markdown
 */
function commentBody(marker, markdown) {
  const text = markdown.trim() === '' ? '*ksb diff printed nothing.*' : markdown.trimEnd();
  if (marker.length + 1 + text.length <= BODY_BUDGET) return `${marker}\n${text}\n`;
  const lines = [];
  let length = marker.length + 1;
  for (const line of text.split('\n')) {
    if (length + line.length + 1 > BODY_BUDGET) break;
    lines.push(line);
    length += line.length + 1;
  }
  const fences = lines.filter((line) => /^\s*```/.test(line)).length;
  const openDetails = lines.join('\n').split(/<details\b/i).length - lines.join('\n').split(/<\/details>/i).length;
  const closing = [...(fences % 2 === 1 ? ['```'] : []), ...Array.from({ length: Math.max(0, openDetails) }, () => '</details>')];
  const note = `*The comment is cut here: GitHub takes ${COMMENT_LIMIT.toLocaleString('en')} characters at most. Run \`ksb diff\` locally for all of it.*`;
  return `${[marker, ...lines, ...closing, '', note].join('\n')}\n`;
}
