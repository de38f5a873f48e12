// What the action's tests need around its scripts: a run of one script with only the variables a
// GitHub runner would set (none leaking from the machine or a CI that runs these tests), the step
// outputs it wrote, a stub ksb, and a GitHub REST API on 127.0.0.1 that records every request.
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { runProcess, type ProcessRun } from './processHarness';

/** The repository's root, where mocha runs. */
export const REPO = process.cwd();

/** What one script run printed and how it ended. */
export type StepRun = ProcessRun;

/**
 * Runs `action/<script>` with node, with `env` and nothing else but PATH and HOME (git and npm
 * need them), so a GITHUB_* variable of the machine running the tests cannot change the result.
 */
export function runActionScript(script: string, env: Record<string, string>, cwd = REPO): Promise<StepRun> {
  return runProcess(process.execPath, [path.join(REPO, 'action', script)], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
}

/**
 * The outputs in a `$GITHUB_OUTPUT` file, read the way the runner does: `name=value` lines and
 * `name<<DELIMITER` blocks. A duplicate name fails the test: it would mean an injected output.
 */
export function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  if (!existsSync(file)) return outputs;
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    let name: string;
    let value: string;
    if (block) {
      const end = lines.indexOf(block[2], i + 1);
      if (end < 0) throw new Error(`output ${block[1]} has no closing delimiter`);
      name = block[1];
      value = lines.slice(i + 1, end).join('\n');
      i = end;
    } else {
      const equals = line.indexOf('=');
      if (equals < 0) throw new Error(`not an output line: ${JSON.stringify(line)}`);
      name = line.slice(0, equals);
      value = line.slice(equals + 1);
    }
    if (name in outputs) throw new Error(`output ${name} set twice`);
    outputs[name] = value;
  }
  return outputs;
}

/**
 * Writes a stub `ksb` (for KSB_BIN) into `folder`: it appends its arguments as a JSON line to
 * $STUB_ARGS, prints $STUB_STDOUT then $STUB_REPEAT times the line $STUB_LINE, and $STUB_STDERR,
 * and exits $STUB_EXIT (default 0).
 */
export function writeStubKsb(folder: string): string {
  const file = path.join(folder, 'stub-ksb.js');
  writeFileSync(
    file,
    [
      "const { appendFileSync } = require('node:fs');",
      'const env = process.env;',
      "if (env.STUB_ARGS) appendFileSync(env.STUB_ARGS, JSON.stringify(process.argv.slice(2)) + '\\n');",
      "const out = (env.STUB_STDOUT ?? '') + (env.STUB_LINE ? (env.STUB_LINE + '\\n').repeat(Number(env.STUB_REPEAT)) : '');",
      'process.stdout.write(out);',
      "process.stderr.write(env.STUB_STDERR ?? '');",
      "process.exitCode = Number(env.STUB_EXIT ?? '0');",
      '',
    ].join('\n'),
  );
  return file;
}

/** The argument lists the stub was run with, in order. */
export function stubCalls(argsFile: string): string[][] {
  if (!existsSync(argsFile)) return [];
  return readFileSync(argsFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as string[]);
}

/** One request the fake API received. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** The fake API's answer to one request. */
export interface FakeAnswer {
  readonly status?: number;
  readonly json?: unknown;
  /** Bytes sent as they are (a package tarball), instead of `json`. */
  readonly raw?: Buffer;
  readonly headers?: Record<string, string>;
}

/** A running fake server (the GitHub API, an npm registry): its URL, what it received, and `close`. */
export interface FakeApi {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1 (a free port) that answers each request with `answer(request, url)`. */
export async function startFakeApi(answer: (request: RecordedRequest, url: string) => FakeAnswer): Promise<FakeApi> {
  const requests: RecordedRequest[] = [];
  let base = '';
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (text: string) => (body += text));
    request.on('end', () => {
      const recorded = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
      requests.push(recorded);
      const { status = 200, json, raw, headers = {} } = answer(recorded, base);
      if (raw) response.writeHead(status, { 'content-type': 'application/octet-stream', ...headers }).end(raw);
      else response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(json === undefined ? '' : JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
