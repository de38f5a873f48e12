// Where things live: the repository, the tool cache outside it, and the pinned tool versions.
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Pinned versions: code-server 4.139.1 is VS Code 1.139.1 and needs Node 24. */
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_VERSION = '24.21.0';

/**
 * The tool cache, shared by every clone on this machine: `KSB_TOOL_CACHE`, else
 * `$XDG_CACHE_HOME/ksb-portfolio`, else `~/.cache/ksb-portfolio`.
 */
export const toolCache = resolve(process.env.KSB_TOOL_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ksb-portfolio'));

export const integrationOut = join(repoRoot, 'out', 'test', 'integration');
export const suiteOutDir = join(integrationOut, 'suite');
export const multiRootSuiteOutDir = join(integrationOut, 'multi-root');
export const runnerExtensionDir = join(repoRoot, 'test', 'integration', 'runner-extension');
export const screenshotsDir = join(repoRoot, 'test-results', 'screenshots');
/** The workspace the integration suite opens (a copy of it, so tests cannot change the fixture). */
export const testWorkspace = resolve(process.env.KSB_TEST_WORKSPACE || join(repoRoot, 'test', 'fixtures', 'basic'));
/** The multi-root pass opens this folder's `portfolios.code-workspace` (again, a copy). */
export const multiRootWorkspace = join(repoRoot, 'test', 'fixtures', 'multi-root');
export const sampleWorkspace = join(repoRoot, 'examples', 'sample-portfolio');
