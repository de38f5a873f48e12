// KSB Portfolio: Add Standard..., driven through its arguments: from a file downloaded by hand,
// and by reference from a standards API served on 127.0.0.1 by the test itself (the suite runs in
// the extension host, where Node's http is there). Every file a test writes is removed at its end.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { KsbPortfolioApi } from '../../../src/extension';
import { extensionApi, topLevel, untilTree } from '../coverageHelpers';
import { diagnosticsWhere, ours } from '../diagnosticsHelpers';
import { closeAllEditorsDiscardingChanges, fixtureUri } from '../helpers';
import { API_STANDARD_TEXT, removeStandards, standardsFolder, untilKnown } from '../standardFixture';
import { uriExists } from '../../../src/vscode/vscodeFileSystem';

const decoder = new TextDecoder();
const readText = async (uri: vscode.Uri) => decoder.decode(await vscode.workspace.fs.readFile(uri));

/** A standards API on 127.0.0.1: `/api/ST9001` answers the fixture's versions, anything else 404. */
async function startApi(): Promise<{ server: Server; base: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (request.url === '/api/ST9001') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(`[${API_STANDARD_TEXT}]`);
    } else {
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end('{"message":"not found"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, requests };
}

describe('Add Standard', () => {
  let api: KsbPortfolioApi;
  const config = () => fixtureUri('portfolio.yaml');
  const added = () => vscode.Uri.joinPath(standardsFolder(), 'ST9001_1.0.json');
  let original: string;

  before(async () => {
    api = await extensionApi();
  });

  beforeEach(async () => {
    original = await readText(config());
  });

  afterEach(async () => {
    await closeAllEditorsDiscardingChanges();
    if ((await readText(config())) !== original) await vscode.workspace.fs.writeFile(config(), new TextEncoder().encode(original));
    await removeStandards(api);
    await untilTree(
      api,
      () => topLevel(api),
      (top) => top[0] === 'Knowledge 10/22',
      'the fixture counts again',
    );
  });

  it('Should add a standard from a downloaded file and use it in portfolio.yaml, whose diagnostics and coverage follow', async () => {
    const downloads = fixtureUri('downloads');
    const file = vscode.Uri.joinPath(downloads, 'ST9001_1.0.json');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(API_STANDARD_TEXT));
    try {
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('ksbPortfolio.addStandard', { file, use: true });
      assert.equal(uri?.toString(), added().toString());
      const written = JSON.parse(await readText(added())) as Record<string, unknown>;
      assert.equal(Object.keys(written)[0], '$source');
      assert.equal((written.$source as { file?: string }).file, 'ST9001_1.0.json');
      assert.equal(written.referenceNumber, 'ST9001');

      assert.equal(await readText(config()), original.replace('standard: ST0792', 'standard: ST9001').replace('version: "1.2"', 'version: "1.0"'));
      await untilTree(
        api,
        () => api.coverage.treeView?.description,
        (d) => d === 'ST9001 v1.0 · all options',
        'ST9001 in the coverage view',
      );
      // The fixture's option is ST0792's: the config says so, at the option line.
      await diagnosticsWhere(config(), (lines) => lines.includes('3:portfolio.invalid-config'), 'the option of another standard reported');
      assert.match(ours(config()).find((d) => d.range.start.line === 2)?.message ?? '', /Unexpected option `post-production-coordinator` for ST9001 v1\.0/);
      // K1-K4 are claimed in the fixture; K28 is not a code of ST9001.
      assert.equal((await topLevel(api))[0], 'Knowledge 4/4');
      const attachments = fixtureUri('evidence/attachments.md');
      await diagnosticsWhere(attachments, (lines) => lines.includes('4:ksb.unknown-code'), 'K28 reported as unknown to ST9001');
    } finally {
      await vscode.workspace.fs.delete(downloads, { recursive: true });
    }
  });

  it('Should download a standard by reference from the API URL given, leaving portfolio.yaml alone', async () => {
    const { server, base, requests } = await startApi();
    try {
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('ksbPortfolio.addStandard', { reference: 'st9001', apiUrl: base, use: false });
      assert.equal(uri?.toString(), added().toString());
      assert.deepEqual(requests, ['/api/ST9001']);
      const written = JSON.parse(await readText(added())) as { $source: { url: string; retrieved: string } };
      assert.equal(written.$source.url, `${base}/ST9001`);
      assert.match(written.$source.retrieved, /^\d{4}-\d{2}-\d{2}$/);
      await untilKnown(api, 'ST9001');
      assert.equal(await readText(config()), original);

      // Again: the file is there, and `overwrite: false` keeps it.
      await vscode.workspace.fs.writeFile(added(), new TextEncoder().encode(`${await readText(added())} `));
      const kept = await readText(added());
      assert.equal(
        await vscode.commands.executeCommand('ksbPortfolio.addStandard', { reference: 'ST9001', apiUrl: base, use: false, overwrite: false }),
        undefined,
      );
      assert.equal(await readText(added()), kept);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('Should write nothing for a reference the API does not have, or an API that cannot be reached', async () => {
    const { server, base, requests } = await startApi();
    try {
      assert.equal(await vscode.commands.executeCommand('ksbPortfolio.addStandard', { reference: 'ST0116', apiUrl: base, use: false }), undefined);
      assert.deepEqual(requests, ['/api/ST0116']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // The server is gone: nothing listens on its port.
    assert.equal(await vscode.commands.executeCommand('ksbPortfolio.addStandard', { reference: 'ST9001', apiUrl: base, use: false }), undefined);
    assert.equal(await uriExists(standardsFolder()), false);
  });

  it('Should refuse a file that is not a standard from the API', async () => {
    const file = fixtureUri('not-a-standard.json');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('{"reference": "ST0792"}'));
    try {
      assert.equal(await vscode.commands.executeCommand('ksbPortfolio.addStandard', { file, use: false }), undefined);
      assert.equal(await uriExists(standardsFolder()), false);
    } finally {
      await vscode.workspace.fs.delete(file);
    }
  });
});
