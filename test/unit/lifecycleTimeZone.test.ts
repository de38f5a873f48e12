import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

// The lifecycle arithmetic must give the same days on any machine: run its whole suite again in the
// zones furthest ahead of UTC (+14) and behind it (-10, with daylight saving), where a local-time slip shows.
const SUITE = path.join(__dirname, 'lifecycleMath.test.js');
const MOCHA = require.resolve('mocha/bin/mocha.js');

/** The UTC offset in minutes that a Node process started in `zone` sees at a summer and a winter instant. */
function offsetsIn(zone: string): string {
  const script = 'process.stdout.write([Date.UTC(2026, 0, 15), Date.UTC(2026, 6, 15)].map((t) => new Date(t).getTimezoneOffset()).join(","))';
  return spawnSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: zone }, encoding: 'utf8' }).stdout;
}

describe('lifecycle arithmetic in other time zones', () => {
  for (const [zone, offsets] of [
    ['Pacific/Kiritimati', '-840,-840'],
    ['America/Adak', '600,540'],
  ] as const) {
    it(`Should pass the lifecycle suite with TZ=${zone}`, function () {
      this.timeout(120_000);
      // Without the zone data Node would fall back to UTC silently and this test would prove nothing.
      assert.equal(offsetsIn(zone), offsets, `Expected Node to honour TZ=${zone}`);
      assert.ok(existsSync(SUITE), `Expected the built suite at ${SUITE}`);
      // The suite's own timeout, as .mocharc gives it: --no-config drops it, and a busy machine needs it.
      const run = spawnSync(process.execPath, [MOCHA, '--no-config', '--timeout', '20000', '--reporter', 'dot', '--enable-source-maps', SUITE], {
        env: { ...process.env, TZ: zone },
        encoding: 'utf8',
      });
      assert.equal(run.status, 0, `Expected the suite to pass with TZ=${zone}:\n${run.stdout}\n${run.stderr}`);
      assert.match(run.stdout, /\d+ passing/);
    });
  }
});
