// The pull request comment through GitHub's REST API: find the one comment that starts with the
// action's marker and was written by the account the token acts as (following the Link header
// through every page of comments), then update it or create it. Node's fetch, no client library;
// the token goes only to the API's own origin and never into a message.

/** The API's media type and version, as GitHub asks every client to send them. */
const API_HEADERS = { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28', 'User-Agent': 'ksb-portfolio-action' };

/** How long one request may take before the step gives up on it. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Pages of 100 comments read at most: 10 000 comments, far beyond any pull request's. */
const MAX_PAGES = 100;

/** A request the API answered with an error status; `message` is GitHub's, the token taken out. */
export class GitHubApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * @typedef {object} IssueCommentsApi
 * @property {string} apiUrl GITHUB_API_URL, e.g. https://api.github.com
 * @property {string} [graphqlUrl] GITHUB_GRAPHQL_URL, e.g. https://api.github.com/graphql; found from apiUrl when not given
 * @property {string} repository `owner/name`
 * @property {string} token
 */

/**
 * @typedef {object} Account
 * @property {string} login
 * @property {number} [id] the account's number, where GitHub gave it
 */

/**
 * Creates or updates the comment on issue (pull request) `number` whose body starts with
 * `marker` and whose author is the token's own account; leaves it alone when its body is
 * already `body`.
 * @param {IssueCommentsApi} api
 * @param {number} number
 * @param {string} marker
 * @param {string} body starts with `marker`
 * @returns {Promise<{ action: 'created' | 'updated' | 'unchanged'; url: string }>}
 */
export async function upsertComment(api, number, marker, body) {
  const issue = `${repositoryUrl(api)}/issues/${number}`;
  const existing = await findComment(api, `${issue}/comments?per_page=100`, marker);
  if (existing && existing.body === body) return { action: 'unchanged', url: existing.html_url };
  if (existing) {
    const updated = await request(api, 'PATCH', `${repositoryUrl(api)}/issues/comments/${existing.id}`, { body });
    return { action: 'updated', url: updated.json?.html_url ?? '' };
  }
  const created = await request(api, 'POST', `${issue}/comments`, { body });
  return { action: 'created', url: created.json?.html_url ?? '' };
}

/**
 * The first comment, over every page from `firstPage`, whose body starts with `marker` and whose
 * author is the token's own account. Starting with it, not containing it, so a reply quoting the
 * comment is never taken for it. Anyone can post a comment starting with the marker, another bot
 * (renovate[bot]) included: only the account that will write the update may own it.
 * @param {IssueCommentsApi} api
 * @param {string} firstPage
 * @param {string} marker
 * @returns {Promise<{ id: number; body: string; html_url: string } | undefined>}
 */
async function findComment(api, firstPage, marker) {
  const origin = new URL(api.apiUrl).origin;
  /** @type {Account | undefined} asked for once, and only when a comment carries the marker */
  let self;
  let page = firstPage;
  for (let read = 0; read < MAX_PAGES; read++) {
    const { json, link } = await request(api, 'GET', page);
    if (!Array.isArray(json)) throw new GitHubApiError(200, `expected a list of comments from GET ${pathOf(page)}, found ${typeof json}`);
    for (const comment of json) {
      if (typeof comment?.body !== 'string' || !comment.body.startsWith(marker) || !Number.isSafeInteger(comment.id)) continue;
      self ??= await tokenAccount(api);
      if (isAccount(comment.user, self)) return comment;
    }
    const next = /<([^>]+)>;\s*rel="next"/.exec(link)?.[1];
    if (!next) return undefined;
    // The token is only ever sent to the API it was given for.
    if (new URL(next, page).origin !== origin)
      throw new GitHubApiError(200, `the next page of comments is on another host (${new URL(next, page).origin}): not following it`);
    page = new URL(next, page).href;
  }
  return undefined;
}

/**
 * The account the token acts as, from GraphQL's `viewer`: it answers for a personal token (its
 * user) and for an installation token alike (the app's bot: `github-actions[bot]` for the
 * workflow's own token, `NAME[bot]` for an app's), where REST `GET /user` refuses an installation
 * token with 403 "Resource not accessible by integration".
 * @param {IssueCommentsApi} api
 * @returns {Promise<Account>}
 */
async function tokenAccount(api) {
  const url = graphqlUrl(api);
  const { json } = await request(api, 'POST', url, { query: 'query { viewer { login databaseId } }' });
  const viewer = json?.data?.viewer;
  if (typeof viewer?.login !== 'string' || viewer.login === '') {
    const said = Array.isArray(json?.errors) ? json.errors.map((error) => String(error?.message)).join('; ') : `no viewer.login`;
    throw new GitHubApiError(200, redact(`expected the token's account from POST ${pathOf(url)}, found ${oneLine(said)}`, api.token));
  }
  return { login: viewer.login, id: Number.isSafeInteger(viewer.databaseId) ? viewer.databaseId : undefined };
}

/**
 * Whether a comment's `user` is `account`: the same login (GitHub's logins ignore case) and, where
 * the number is known, the same number, so a login renamed and taken by someone else is not.
 * @param {any} user
 * @param {Account} account
 */
function isAccount(user, account) {
  if (typeof user?.login !== 'string' || user.login.toLowerCase() !== account.login.toLowerCase()) return false;
  return account.id === undefined || user.id === account.id;
}

/**
 * The GraphQL endpoint of the API: GITHUB_GRAPHQL_URL when the runner gave it, else found from
 * the REST URL (`https://api.github.com` has `/graphql`, GitHub Enterprise Server's `/api/v3` has
 * `/api/graphql`). On the API's own origin only, as the token is.
 * @param {IssueCommentsApi} api
 */
function graphqlUrl(api) {
  const rest = api.apiUrl.replace(/\/+$/, '');
  const url = api.graphqlUrl || (/\/api\/v3$/.test(rest) ? rest.replace(/\/api\/v3$/, '/api/graphql') : `${rest}/graphql`);
  const origin = new URL(api.apiUrl).origin;
  if (new URL(url).origin !== origin)
    throw new GitHubApiError(0, `the GraphQL endpoint is on another host (${new URL(url).origin}) than the API (${origin}): not sending the token there`);
  return url;
}

/**
 * One API request; throws GitHubApiError on a status of 300 or more.
 * @param {IssueCommentsApi} api
 * @param {'GET' | 'POST' | 'PATCH'} method
 * @param {string} url
 * @param {unknown} [body]
 * @returns {Promise<{ json: any; link: string }>}
 */
async function request(api, method, url, body) {
  /** @type {Response} */
  let response;
  try {
    response = await fetch(url, {
      method,
      headers: { ...API_HEADERS, Authorization: `Bearer ${api.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (failure) {
    const reason =
      failure?.name === 'TimeoutError' ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s` : String(failure?.cause?.message ?? failure?.message ?? failure);
    throw new GitHubApiError(0, redact(`${method} ${pathOf(url)} failed: ${reason}`, api.token));
  }
  const text = await response.text();
  let json;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (response.status >= 300) {
    const said = typeof json?.message === 'string' ? json.message : text.slice(0, 200);
    throw new GitHubApiError(response.status, redact(`${method} ${pathOf(url)} answered ${response.status}: ${oneLine(said)}`, api.token));
  }
  return { json, link: response.headers.get('link') ?? '' };
}

/**
 * The API's URL of the repository.
 * @param {IssueCommentsApi} api
 */
function repositoryUrl(api) {
  const [owner, name] = api.repository.split('/');
  return `${api.apiUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
}

/**
 * A URL's path and query, for messages (the host is the API's).
 * @param {string} url
 */
function pathOf(url) {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

/**
 * `text` with every occurrence of the token replaced, so no message can print it, even one a
 * server echoed back.
 * @param {string} text
 * @param {string} token
 */
function redact(text, token) {
  return token ? text.split(token).join('***') : text;
}

/**
 * Text on one line: line breaks and other control characters become spaces.
 * @param {string} text
 */
function oneLine(text) {
  // eslint-disable-next-line no-control-regex -- control characters are what it replaces
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}
