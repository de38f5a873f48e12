// The builds a test run needs: production bundles (what the VSIX ships) and the integration suite.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { integrationOut, repoRoot } from './paths.mjs';

function esbuild(args) {
  const result = spawnSync(process.execPath, ['esbuild.mjs', ...args], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`node esbuild.mjs ${args.join(' ')} failed`);
}

export function buildProduction() {
  esbuild(['--production']);
}

/** Compiles test/integration/suite/*.test.ts into out/test/integration/suite/, from clean. */
export function buildIntegrationSuite() {
  rmSync(integrationOut, { recursive: true, force: true }); // no stale tests from deleted sources
  esbuild(['--integration']);
}
