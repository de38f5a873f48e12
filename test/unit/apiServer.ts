// A hand-made API-shaped standard and a real HTTP server on 127.0.0.1 that serves it (and the
// snapshot's files, when present) the way the public standards API does, with failures on demand.
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { runProcess, type ProcessRun } from './processHarness';

/** The API's path below the host; a base URL is `http://127.0.0.1:PORT` + this. */
export const API_PATH = '/api/apprenticeshipstandards';

/** The snapshot folder beside the repository, as the other snapshot tests find it. */
export const SNAPSHOT_DIR = path.resolve(__dirname, '../../..', '../shared/standards-api');

/** Whether the snapshot is there; when it is not, outside CI the caller skips, in CI it fails. */
export function snapshotPresent(): boolean {
  if (existsSync(SNAPSHOT_DIR)) return true;
  if (process.env.CI && process.env.CI !== 'false') throw new Error(`Expected the API snapshot at ${SNAPSHOT_DIR} (CI is set), found no such folder`);
  console.log('      skipped: ../shared/standards-api not found; these tests run in CI');
  return false;
}

/**
 * A small standard in the API's shape, named like ST0116 so `ksb init --standard ST0116` can be
 * tested without the snapshot: two options through the duties, one KSB in no duty.
 */
export function softwareDeveloperFixture(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    referenceNumber: 'ST0116',
    title: 'Software developer (test fixture)',
    version: '1.1',
    level: 4,
    status: 'Approved for delivery',
    earliestStartDate: '2024-01-15T00:00:00',
    latestStartDate: null,
    typicalDuration: 24,
    standardPageUrl: 'https://example.test/st0116-v1-1',
    knowledges: [
      { knowledgeId: 'k1', detail: 'K1: the software development life-cycle' },
      { knowledgeId: 'k2', detail: 'how to build for the web &amp; mobile' },
      { knowledgeId: 'k3', detail: 'how to build data pipelines' },
      { knowledgeId: 'k4', detail: 'a KSB that no duty lists' },
    ],
    skills: [{ skillId: 's1', detail: 'write clean code' }],
    behaviours: [{ behaviourId: 'b1', detail: 'works independently' }],
    options: [
      { optionId: 'o-web', title: 'Web developer' },
      { optionId: 'o-data', title: 'Data developer' },
    ],
    duties: [
      {
        dutyID: 'd1',
        dutyDetail: 'Develop software',
        isThisACoreDuty: 1,
        mappedKnowledge: ['k1'],
        mappedSkills: ['s1'],
        mappedBehaviour: ['b1'],
        mappedOptions: [],
      },
      {
        dutyID: 'd2',
        dutyDetail: 'Build web apps',
        isThisACoreDuty: 0,
        mappedKnowledge: ['k2'],
        mappedSkills: [],
        mappedBehaviour: [],
        mappedOptions: ['o-web'],
      },
      {
        dutyID: 'd3',
        dutyDetail: 'Build pipelines',
        isThisACoreDuty: 0,
        mappedKnowledge: ['k3'],
        mappedSkills: [],
        mappedBehaviour: [],
        mappedOptions: ['o-data'],
      },
    ],
    ...overrides,
  };
}

/** What the server does for one path. */
export type Route =
  | { readonly json: unknown }
  | { readonly status: number; readonly body?: string; readonly type?: string }
  /** Accepts the request and never answers. */
  | { readonly hang: true }
  /** A body of this many bytes, streamed without a content-length. */
  | { readonly bytes: number };

/** A running local API: its base URL, the paths asked for, and `close`. */
export interface LocalApi {
  readonly base: string;
  readonly requests: string[];
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 (a free port) answering each path of `routes`, 404 for any other. */
export async function startLocalApi(routes: Record<string, Route>): Promise<LocalApi> {
  const requests: string[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? '';
    requests.push(url);
    const route = routes[url];
    if (!route) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not found"}');
    } else if ('json' in route) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(typeof route.json === 'string' ? route.json : JSON.stringify(route.json));
    } else if ('hang' in route) {
      // Left open on purpose: the client's time limit must end it.
    } else if ('bytes' in route) {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < route.bytes) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      response.on('error', () => undefined);
      pump();
    } else {
      response.writeHead(route.status, { 'content-type': route.type ?? 'text/plain' }).end(route.body ?? '');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}${API_PATH}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A base URL on a port nothing listens on: the server is started and stopped, so the port was free a moment ago. */
export async function refusedBase(): Promise<string> {
  const api = await startLocalApi({});
  await api.close();
  return api.base;
}

/** What one CLI run printed and how it ended. */
export type CliRun = ProcessRun;

/**
 * Runs `node dist/cli.js` without blocking this process, so a server in it can answer. stdin is
 * `ignore`, so the CLI sees no terminal, as in CI.
 */
export function runCli(cli: string, args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliRun> {
  return runProcess(process.execPath, [cli, ...args], { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env } });
}
