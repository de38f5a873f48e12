import assert from 'node:assert/strict';
import { addStandardFile, API_SOURCE_KEY, isStandardFileName, downloadStandard, httpStandardsFetcher, type StandardDownloadResult } from '../../src/core';
import { standardApiUrl, type FetchedResponse, type FetchFunction } from '../../src/core/catalogue/standardsApi';
import { softwareDeveloperFixture } from './apiServer';

const BASE = 'https://api.example.test/api/apprenticeshipstandards';
const TODAY = '2026-03-01';

/** A fetcher that answers each URL from `answers` (404 for others) and records what was asked. */
function fetcherOf(answers: Record<string, FetchedResponse | Error>) {
  const asked: string[] = [];
  const fetcher = async (url: string): Promise<FetchedResponse> => {
    asked.push(url);
    const answer = answers[url] ?? { status: 404, text: '' };
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetcher, asked };
}

function failure(result: StandardDownloadResult): string {
  assert.equal(result.ok, false, 'expected a failure');
  return result.ok ? '' : result.message;
}

const json = (body: unknown): FetchedResponse => ({ status: 200, text: JSON.stringify(body) });

describe('Downloading a standard from the public API (core, injected fetcher)', () => {
  it('Should fetch {base}/REF for the latest and {base}/REF/VERSION for one version', async () => {
    const { fetcher, asked } = fetcherOf({
      [`${BASE}/ST0116`]: json(softwareDeveloperFixture()),
      [`${BASE}/ST0116/1.0`]: json(softwareDeveloperFixture({ version: '1.0' })),
    });
    const latest = await downloadStandard(fetcher, `${BASE}/`, 'st0116', undefined, TODAY);
    assert.ok(latest.ok);
    assert.equal(latest.fileName, 'ST0116_1.1.json');
    const older = await downloadStandard(fetcher, BASE, 'ST0116', '1.0', TODAY);
    assert.ok(older.ok);
    assert.equal(older.standard.label, 'ST0116 v1.0');
    assert.deepEqual(asked, [`${BASE}/ST0116`, `${BASE}/ST0116/1.0`]);
  });

  it('Should write `$source` first, with the URL and the day, and keep the rest of the answer as it was', async () => {
    const { fetcher } = fetcherOf({ [`${BASE}/ST0116`]: json(softwareDeveloperFixture()) });
    const result = await downloadStandard(fetcher, BASE, 'ST0116', undefined, TODAY);
    assert.ok(result.ok);
    const written = JSON.parse(result.contents) as Record<string, unknown>;
    assert.equal(Object.keys(written)[0], API_SOURCE_KEY);
    assert.deepEqual(written[API_SOURCE_KEY], { url: `${BASE}/ST0116`, retrieved: TODAY });
    assert.deepEqual({ ...written, [API_SOURCE_KEY]: undefined }, { ...softwareDeveloperFixture(), [API_SOURCE_KEY]: undefined });
    assert.ok(result.contents.endsWith('}\n'));
  });

  it('Should pick, from an array of versions, the latest approved one over a newer one in development', async () => {
    const versions = [
      softwareDeveloperFixture({ version: '1.0', status: 'Retired' }),
      softwareDeveloperFixture({ version: '1.2', status: 'In development' }),
      softwareDeveloperFixture({ version: '1.1' }),
    ];
    const { fetcher } = fetcherOf({ [`${BASE}/ST0116`]: json(versions) });
    const result = await downloadStandard(fetcher, BASE, 'ST0116', undefined, TODAY);
    assert.ok(result.ok);
    assert.equal(result.standard.version, '1.1');
  });

  it('Should name the versions there are when the asked one is missing from the answer', async () => {
    const { fetcher } = fetcherOf({ [`${BASE}/ST0116/9.9`]: json([softwareDeveloperFixture({ version: '1.0' }), softwareDeveloperFixture()]) });
    assert.equal(failure(await downloadStandard(fetcher, BASE, 'ST0116', '9.9', TODAY)), `Expected version 9.9, found 1.0, 1.1 at ${BASE}/ST0116/9.9`);
  });

  it('Should refuse an answer that holds another standard than the one asked for', async () => {
    const { fetcher } = fetcherOf({ [`${BASE}/ST0116`]: json(softwareDeveloperFixture({ referenceNumber: 'ST0792' })) });
    assert.equal(failure(await downloadStandard(fetcher, BASE, 'ST0116', undefined, TODAY)), 'Expected ST0116 from the standards API, found ST0792');
  });

  it('Should say a 404 means no such standard, naming the URL', async () => {
    const { fetcher } = fetcherOf({});
    assert.equal(
      failure(await downloadStandard(fetcher, BASE, 'ST0404', undefined, TODAY)),
      `The standards API has no ST0404 (404 at ${BASE}/ST0404); check the reference on the standard's page`,
    );
    assert.match(failure(await downloadStandard(fetcher, BASE, 'ST0404', '1.0', TODAY)), /^The standards API has no ST0404 version 1\.0 \(404 at /);
  });

  it('Should say a 500 is the server, and how to get the file by hand', async () => {
    const { fetcher } = fetcherOf({ [`${BASE}/ST0116`]: { status: 500, text: 'oops' } });
    assert.equal(
      failure(await downloadStandard(fetcher, BASE, 'ST0116', undefined, TODAY)),
      `The standards API answered 500 for ${BASE}/ST0116; try again later, or download it in a browser from ${BASE}/ST0116 and run \`ksb standard add FILE.json\``,
    );
  });

  it('Should tell an HTML page, an empty body and other text apart when the answer is not JSON', async () => {
    const cases: Array<[string, RegExp]> = [
      ['<!DOCTYPE html><html><body>Sign in</body></html>', /found an HTML page; download it in a browser/],
      ['   ', /found an empty body; /],
      ['Service `down` for maintenance', /found text starting `Service 'down' for maintenance`; /],
    ];
    for (const [text, expected] of cases) {
      const { fetcher } = fetcherOf({ [`${BASE}/ST0116`]: { status: 200, text } });
      const message = failure(await downloadStandard(fetcher, BASE, 'ST0116', undefined, TODAY));
      assert.match(message, /^Expected JSON from https:\/\/api\.example\.test\/api\/apprenticeshipstandards\/ST0116, found /);
      assert.match(message, expected);
    }
  });

  it('Should refuse JSON that is no standard, in one line', async () => {
    for (const body of [{ message: 'rate limited' }, [], null, 42, [{ referenceNumber: 'ST0116' }]]) {
      const { fetcher } = fetcherOf({ [`${BASE}/ST0116`]: json(body) });
      assert.match(
        failure(await downloadStandard(fetcher, BASE, 'ST0116', undefined, TODAY)),
        /^Expected an apprenticeship standard in the API's shape .* at https:/,
      );
    }
  });

  it('Should turn a rejected fetch (offline, refused, timed out) into a line that says how to download by hand', async () => {
    const offline = Object.assign(new TypeError('fetch failed'), { cause: new Error('getaddrinfo ENOTFOUND api.example.test') });
    const { fetcher } = fetcherOf({ [`${BASE}/ST0116`]: offline });
    assert.equal(
      failure(await downloadStandard(fetcher, BASE, 'ST0116', undefined, TODAY)),
      `Could not fetch from the standards API (getaddrinfo ENOTFOUND api.example.test); download it in a browser from ${BASE}/ST0116 and run \`ksb standard add FILE.json\``,
    );
  });

  it('Should refuse a written reference that is no reference without asking the network', async () => {
    const { fetcher, asked } = fetcherOf({});
    for (const written of ['ST116', 'software developer', '../ST0116', 'ST0116/1.1']) {
      assert.match(failure(await downloadStandard(fetcher, BASE, written, undefined, TODAY)), /^Expected a standard reference such as ST0116, found `/);
    }
    assert.deepEqual(asked, []);
  });

  it('Should encode a version that would change the path', () => {
    assert.equal(standardApiUrl(BASE, 'ST0116', '../x?y'), `${BASE}/ST0116/..%2Fx%3Fy`);
  });
});

describe('Adding a downloaded API file (core)', () => {
  it('Should record the file name and keep the URL of an earlier `$source`', () => {
    const text = JSON.stringify({ [API_SOURCE_KEY]: { url: 'https://old.example/ST0116', retrieved: '2020-01-01' }, ...softwareDeveloperFixture() });
    const result = addStandardFile(text, 'download (3).json', TODAY);
    assert.ok(result.ok);
    assert.deepEqual(JSON.parse(result.contents)[API_SOURCE_KEY], { url: 'https://old.example/ST0116', file: 'download (3).json', retrieved: TODAY });
    assert.equal(result.fileName, 'ST0116_1.1.json');
  });

  it('Should read a file that starts with a byte order mark', () => {
    assert.ok(addStandardFile(`\ufeff${JSON.stringify(softwareDeveloperFixture())}`, 'x.json', TODAY).ok);
  });

  it('Should refuse invalid JSON and JSON of another shape, naming the file', () => {
    assert.match(
      failure(addStandardFile('standard: ST0116\n', 'st.yaml', TODAY)),
      /^Expected `st\.yaml` to be JSON from the standards API, found invalid JSON: /,
    );
    assert.match(failure(addStandardFile('{"reference":"ST0792","version":"1.2","ksbs":[]}', 'ours.json', TODAY)), /in `ours\.json`$/);
  });
});

describe('httpStandardsFetcher (the one fetcher of the CLI and the editor)', () => {
  const fetchAnswering =
    (body: string, headers: Record<string, string> = {}) =>
    async () =>
      new Response(body, { status: 200, headers });

  it('returns the status and the body as text, asking for JSON', async () => {
    let asked: Record<string, string> = {};
    const fetcher = httpStandardsFetcher(
      async (_url, init) => {
        asked = init.headers;
        return new Response('{"a":1}', { status: 404 });
      },
      { maxBytes: 100 },
    );
    assert.deepEqual(await fetcher('https://x.test/ST0001'), { status: 404, text: '{"a":1}' });
    assert.equal(asked.Accept, 'application/json');
  });

  it('refuses an answer over the limit, declared or only read', async () => {
    await assert.rejects(
      httpStandardsFetcher(fetchAnswering('x', { 'content-length': String(3_000_000) }), { maxBytes: 1_000_000 })('u'),
      /the answer is 3\.0 MB, over the 1\.0 MB limit/,
    );
    await assert.rejects(httpStandardsFetcher(fetchAnswering('x'.repeat(2000)), { maxBytes: 1000 })('u'), /the answer is over the 1 KB limit/);
  });

  it('names the timeout and the cancel rather than a bare abort', async () => {
    const never: FetchFunction = (_url, init) =>
      new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError'))));
    await assert.rejects(httpStandardsFetcher(never, { maxBytes: 10, timeoutMs: 20 })('u'), /^Error: no answer within 20 ms$/);
    const cancel = new AbortController();
    const pending = httpStandardsFetcher(never, { maxBytes: 10, cancel: cancel.signal })('u');
    cancel.abort();
    await assert.rejects(pending, /^Error: cancelled$/);
  });
});

describe('Standard file names from hostile API files', () => {
  it('names the file from the checked reference and version, never from a raw field holding a path', () => {
    const evil = JSON.stringify({
      referenceNumber: 'ST0116',
      version: 1.1,
      versionNumber: '/../../../pwned_1.1',
      title: 'x',
      knowledges: [{ knowledgeId: 'a', detail: 'k' }],
    });
    const result = addStandardFile(evil, 'evil.json', TODAY);
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.equal(result.fileName, 'ST0116_1.1.json');
    assert.equal(isStandardFileName(result.fileName), true);
    for (const bad of ['../ST0116_1.1.json', 'ST0116_1.1.json/..', 'ST0116_/../x_1.1.json', 'st0116_1.1.json', 'ST0116_V0.0.json'])
      assert.equal(isStandardFileName(bad), false, bad);
  });

  it('reads V0.0 as 0.0 when choosing and naming, as the reader does', () => {
    const json = JSON.stringify({ referenceNumber: 'ST1462', version: 'V0.0', title: 'x', knowledges: [{ knowledgeId: 'a', detail: 'k' }] });
    const result = addStandardFile(json, 'ST1462_V0.0.json', TODAY);
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.equal(result.fileName, 'ST1462_0.0.json');
  });
});
