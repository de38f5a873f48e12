// Sign-offs proved by git, on real repositories made here: commits by different identities, an
// apprentice committing the employer's sign-off, SSH- and GPG-signed commits, an unsigned commit
// under `signatures`, a squash merge and a merge commit; and the refusals of `ksb signoff`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { tinyStandard } from './inlinePortfolio';
import { ensureCliBuilt, type ProcessRun } from './processHarness';

const REPO = process.cwd();
const CLI = path.join(REPO, 'dist', 'cli.js');
const TODAY = '2026-06-30';

const SAM = { name: 'Sam Patel', email: 'sam@apprentice.example' };
const PRIYA = { name: 'Priya Shah', email: 'priya@northlight.example' };
const TOM = { name: 'Tom Reed', email: 't.reed@academy.example' };
type Identity = typeof SAM;

let home: string;

/** An environment with no global or system git configuration of this machine: only what a test sets. */
function isolated(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, HOME: home, GIT_CONFIG_NOSYSTEM: '1', GNUPGHOME: path.join(home, 'gnupg'), NO_COLOR: '1', KSB_TODAY: TODAY, TZ: 'UTC', ...extra };
}

function git(cwd: string, args: readonly string[], who?: Identity): string {
  const identity = who ? ['-c', `user.name=${who.name}`, '-c', `user.email=${who.email}`] : [];
  const result = spawnSync('git', [...identity, ...args], { cwd, encoding: 'utf8', env: isolated() });
  assert.equal(result.status, 0, `git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

function ksb(cwd: string, args: readonly string[]): ProcessRun {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: isolated() });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(root: string, files: Record<string, string>): void {
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  }
}

const PEOPLE = [
  'apprentice: Sam Patel',
  'people:',
  `  - {name: ${SAM.name}, roles: [apprentice], email: ${SAM.email}}`,
  `  - {name: ${PRIYA.name}, roles: [employer, mentor], email: ${PRIYA.email}}`,
  `  - {name: ${TOM.name}, roles: [tutor], email: [${TOM.email}, treed@users.noreply.github.com]}`,
].join('\n');

const EVIDENCE = '---\ntitle: Call sheet\ndate: 2026-01-10\nksbs: [K1]\n---\n\nWhat I did.\n';

/** A repository holding a portfolio under `verify-signoffs: mode`, its first commit by the apprentice. */
function repository(name: string, mode: string): string {
  const root = path.join(home, name);
  write(root, {
    'portfolio.yaml': `standard: ST9999\n${PEOPLE}\nverify-signoffs: ${mode}\n`,
    'standards/tiny.yaml': tinyStandard(),
    'evidence/a.md': EVIDENCE,
  });
  git(root, ['init', '-q', '-b', 'main']);
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', 'Evidence'], SAM);
  return root;
}

/** `ksb signoff` as `who` in `role`, then a commit of it by `committer` with `extra` git options. */
function signAndCommit(root: string, who: Identity, role: string, committer: Identity, extra: readonly string[] = []): void {
  const signed = ksb(root, ['signoff', 'evidence/a.md', '--by', who.name, '--role', role]);
  assert.equal(signed.status, 0, signed.stderr);
  git(root, ['add', '-A']);
  git(root, [...extra, 'commit', '-q', '-m', `Sign-off by ${who.name}`], committer);
}

function unverified(root: string): string[] {
  return ksb(root, ['check', '.'])
    .stdout.split('\n')
    .filter((line) => line.includes('signoff.unverified'));
}

describe('Sign-offs proved by git (verify-signoffs)', function () {
  this.timeout(120_000);

  before(() => {
    ensureCliBuilt(REPO);
    home = mkdtempSync(path.join(tmpdir(), 'ksb-signoff-git-'));
    mkdirSync(path.join(home, 'gnupg'), { mode: 0o700 });
  });

  after(() => rmSync(home, { recursive: true, force: true }));

  it('Should verify a sign-off the employer committed, and count it at the gateway', () => {
    const root = repository('own-commit', 'commits');
    signAndCommit(root, PRIYA, 'employer', PRIYA);
    assert.deepEqual(unverified(root), []);
    const gateway = JSON.parse(ksb(root, ['gateway', '.', '--format', 'json']).stdout) as { checks: { id: string; ok: boolean; detail: string }[] };
    const signoff = gateway.checks.find((check) => check.id === 'signoff')!;
    assert.equal(signoff.ok, true, signoff.detail);
  });

  it("Should count a cohort row's sign-offs git does not prove, and leave the count out where verify-signoffs is off", () => {
    const proved = repository('cohort/proved', 'commits');
    signAndCommit(proved, PRIYA, 'employer', PRIYA);
    const forged = repository('cohort/forged', 'commits');
    signAndCommit(forged, PRIYA, 'employer', SAM);
    const unchecked = repository('cohort/unchecked', 'off');
    signAndCommit(unchecked, PRIYA, 'employer', SAM);
    const result = ksb(home, ['cohort', 'cohort', '--format', 'json']);
    assert.equal(result.status, 0, result.stderr);
    const rows = (JSON.parse(result.stdout) as { portfolios: Array<{ path: string; signoffs: Record<string, number | null> }> }).portfolios;
    assert.deepEqual(Object.fromEntries(rows.map((row) => [row.path, row.signoffs])), {
      'cohort/forged': { signed: 0, stale: 0, unsigned: 0, unverified: 1 },
      'cohort/proved': { signed: 1, stale: 0, unsigned: 0, unverified: 0 },
      'cohort/unchecked': { signed: 1, stale: 0, unsigned: 0, unverified: null },
    });
  });

  it('Should show sign-offs added, renewed and gone stale in ksb diff (text, Markdown, JSON), and proofs in the report', () => {
    const root = repository('diffed', 'commits');
    signAndCommit(root, PRIYA, 'employer', PRIYA);
    const json = JSON.parse(ksb(root, ['diff', 'HEAD~1', 'HEAD', '--format', 'json']).stdout) as { signoffs: Record<string, unknown[]> };
    assert.deepEqual(json.signoffs, {
      added: [{ file: 'evidence/a.md', by: 'Priya Shah', role: 'employer', date: TODAY }],
      renewed: [],
      removed: [],
      stale: [],
    });
    assert.match(
      ksb(root, ['diff', 'HEAD~1', 'HEAD']).stdout,
      /Sign-offs: 1 added, 0 renewed, 0 removed, 0 gone stale\n {2}added {4}evidence\/a\.md by Priya Shah \(employer\) on 2026-06-30/,
    );
    assert.match(
      ksb(root, ['diff', 'HEAD~1', 'HEAD', '--format', 'markdown']).stdout,
      /#### Sign-offs \(1 added, 0 renewed, 0 removed, 0 gone stale\)[\s\S]*\| added \| ` evidence\/a\.md ` \| Priya Shah \| employer \| 2026-06-30 \|/,
    );
    writeFileSync(path.join(root, 'evidence/a.md'), readFileSync(path.join(root, 'evidence/a.md'), 'utf8').replace('What I did.', 'What I did, and more.'));
    git(root, ['commit', '-q', '-am', 'More'], SAM);
    const stale = JSON.parse(ksb(root, ['diff', 'HEAD~1', 'HEAD', '--format', 'json']).stdout) as { signoffs: Record<string, unknown[]> };
    assert.equal(stale.signoffs.stale.length, 1);
    const report = ksb(root, ['report', '.', '--output', 'report.html']);
    assert.equal(report.status, 0, report.stderr);
    const html = readFileSync(path.join(root, 'report.html'), 'utf8');
    assert.match(html, /<h2 id="declarations-heading">Declarations<\/h2>/);
    assert.match(
      html,
      /<td>Priya Shah<\/td><td>employer<\/td><td>2026-06-30<\/td><td><strong>no: changed since<\/strong><\/td><td>verified: commit \w{7} by priya@northlight\.example<\/td>/,
    );
    // The submission pack's declarations say the same.
    const pack = ksb(root, ['export', '.', '-o', path.join(home, 'diffed-pack.zip')]);
    assert.equal(pack.status, 0, pack.stderr);
    const packHtml = new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(path.join(home, 'diffed-pack.zip'))))['portfolio.html']);
    assert.match(
      packHtml,
      /<td>Priya Shah<\/td><td>employer<\/td><td>2026-06-30<\/td><td>[^<]*<strong[^>]*>No: changed since<\/strong><\/td><td>verified: commit \w{7} by priya@northlight\.example<\/td>/,
    );
  });

  it("Should report the apprentice committing the employer's sign-off, naming the commit and its author, and not count it", () => {
    const root = repository('forged', 'commits');
    signAndCommit(root, PRIYA, 'employer', SAM);
    const commit = git(root, ['rev-parse', '--short=7', 'HEAD']).trim();
    const [line, ...rest] = unverified(root);
    assert.deepEqual(rest, []);
    assert.match(
      line,
      /evidence\/a\.md:6:5 error signoff\.unverified Expected the sign-off of Priya Shah \(employer\) to be committed by Priya Shah, found commit (\w+) by sam@apprentice\.example \(Sam Patel\), not by Priya Shah \(priya@northlight\.example\)/,
    );
    assert.ok(line.includes(`commit ${commit} by`), line);
    const gateway = JSON.parse(ksb(root, ['gateway', '.', '--format', 'json']).stdout) as { checks: { id: string; ok: boolean; detail: string }[] };
    const signoff = gateway.checks.find((check) => check.id === 'signoff')!;
    assert.equal(signoff.ok, false);
    assert.match(signoff.detail, /1 unverified/);
  });

  it("Should go by the e-mail a commit was made with, not one a .mailmap maps it to, and follow a renamed file to its sign-off's commit", () => {
    const root = repository('mailmap', 'commits');
    write(root, { '.mailmap': `${PRIYA.name} <${PRIYA.email}> <${SAM.email}>\n` });
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'Mailmap'], SAM);
    signAndCommit(root, PRIYA, 'employer', SAM);
    assert.match(unverified(root).join('\n'), /by sam@apprentice\.example \(Sam Patel\), not by Priya Shah/);
    // Committed by the employer herself, then moved to a folder by the apprentice: still hers.
    git(root, ['commit', '-q', '--amend', '--no-edit', '--reset-author'], PRIYA);
    assert.deepEqual(unverified(root), []);
    mkdirSync(path.join(root, 'evidence/2026'));
    git(root, ['mv', 'evidence/a.md', 'evidence/2026/a.md']);
    git(root, ['commit', '-q', '-m', 'Filed by year'], SAM);
    assert.deepEqual(unverified(root), []);
  });

  it('Should say a sign-off not committed yet is unverified, and say nothing when verify-signoffs is off', () => {
    const root = repository('uncommitted', 'commits');
    assert.equal(ksb(root, ['signoff', 'evidence/a.md', '--by', PRIYA.name, '--role', 'employer']).status, 0);
    assert.match(unverified(root).join('\n'), /found the sign-off of Priya Shah \(employer\) is not committed yet/);
    writeFileSync(
      path.join(root, 'portfolio.yaml'),
      readFileSync(path.join(root, 'portfolio.yaml'), 'utf8').replace('verify-signoffs: commits', 'verify-signoffs: off'),
    );
    assert.deepEqual(unverified(root), []);
  });

  it('Should not check sign-offs outside a git repository', () => {
    const root = path.join(home, 'no-git');
    write(root, {
      'portfolio.yaml': `standard: ST9999\n${PEOPLE}\nverify-signoffs: commits\n`,
      'standards/tiny.yaml': tinyStandard(),
      'evidence/a.md': EVIDENCE,
    });
    assert.equal(ksb(root, ['signoff', 'evidence/a.md', '--by', PRIYA.name, '--role', 'employer']).status, 0);
    assert.deepEqual(unverified(root), []);
  });

  it('Should count the signer of a squash merge as its author, and keep the authorship of a merge commit', () => {
    const root = repository('merges', 'commits');
    git(root, ['checkout', '-q', '-b', 'review']);
    signAndCommit(root, PRIYA, 'employer', PRIYA);
    git(root, ['checkout', '-q', 'main']);
    git(root, ['merge', '-q', '--squash', 'review']);
    git(root, ['commit', '-q', '-m', 'Squashed'], SAM);
    assert.match(unverified(root).join('\n'), /by sam@apprentice\.example \(Sam Patel\), not by Priya Shah/);
    git(root, ['reset', '-q', '--hard', 'HEAD~1']);
    git(root, ['merge', '-q', '--no-ff', '-m', 'Merge review', 'review'], SAM);
    assert.deepEqual(unverified(root), []);
  });

  it('Should verify an SSH-signed commit by a key of the allowed signers, and refuse an unsigned one under signatures', () => {
    const root = repository('ssh', 'signatures');
    const key = path.join(home, 'priya_ed25519');
    const made = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', PRIYA.email, '-f', key], { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    const allowed = path.join(home, 'allowed_signers');
    writeFileSync(allowed, `${PRIYA.email} ${readFileSync(`${key}.pub`, 'utf8')}`);
    git(root, ['config', 'gpg.ssh.allowedSignersFile', allowed]);
    signAndCommit(root, PRIYA, 'employer', PRIYA);
    assert.match(unverified(root).join('\n'), /found commit \w+ by priya@northlight\.example \(Priya Shah\), which is not signed/);
    const signing = ['-c', 'gpg.format=ssh', '-c', `user.signingkey=${key}`];
    git(root, [...signing, 'commit', '-q', '--amend', '--no-edit', '-S'], PRIYA);
    assert.deepEqual(unverified(root), []);
  });

  it('Should verify a GPG-signed commit by a key git trusts', function () {
    const probe = spawnSync('gpg', ['--version'], { encoding: 'utf8' });
    if (probe.status !== 0) this.skip(); // gpg is not installed here: the SSH case above covers signatures
    const root = repository('gpg', 'signatures');
    const env = isolated();
    const generated = spawnSync('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', `${TOM.name} <${TOM.email}>`, 'ed25519', 'sign', 'never'], {
      encoding: 'utf8',
      env,
    });
    if (generated.status !== 0) this.skip(); // this gpg cannot make an ed25519 key without an agent: nothing of ksb's to test
    const review = '---\ntitle: Review\ndate: 2026-01-10\nksbs: [K1]\n---\n\nTom read it.\n';
    write(root, { 'evidence/a.md': review });
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'Edit'], SAM);
    assert.equal(ksb(root, ['signoff', 'evidence/a.md', '--by', TOM.name, '--role', 'tutor']).status, 0);
    git(root, ['add', '-A']);
    git(root, ['-c', `user.signingkey=${TOM.email}`, 'commit', '-q', '-S', '-m', 'Tutor sign-off'], TOM);
    assert.deepEqual(unverified(root), []);
  });
});

describe('ksb signoff refusals', function () {
  this.timeout(60_000);

  before(() => {
    ensureCliBuilt(REPO);
    home = mkdtempSync(path.join(tmpdir(), 'ksb-signoff-refuse-'));
  });

  after(() => rmSync(home, { recursive: true, force: true }));

  function portfolio(name: string, evidence = EVIDENCE): string {
    const root = path.join(home, name);
    write(root, { 'portfolio.yaml': `standard: ST9999\n${PEOPLE}\n`, 'standards/tiny.yaml': tinyStandard(), 'evidence/a.md': evidence });
    return root;
  }

  it('Should refuse the apprentice signing as employer, with exit 2, writing nothing, and sign with --force', () => {
    const root = portfolio('apprentice');
    const refused = ksb(root, ['signoff', 'evidence/a.md', '--by', 'Sam Patel', '--role', 'employer']);
    assert.equal(refused.status, 2);
    assert.match(
      refused.stderr,
      /cannot sign off evidence\/a\.md as Sam Patel \(employer\): Expected the employer to sign off as employer, found the apprentice Sam Patel.*\(--force signs anyway\)/,
    );
    assert.equal(readFileSync(path.join(root, 'evidence/a.md'), 'utf8'), EVIDENCE);
    assert.equal(ksb(root, ['signoff', 'evidence/a.md', '--by', 'Sam Patel', '--role', 'employer', '--force']).status, 0);
    assert.match(readFileSync(path.join(root, 'evidence/a.md'), 'utf8'), /by: Sam Patel\n {4}role: employer/);
  });

  it('Should refuse a signer no one declared, and a file with errors, naming them', () => {
    const root = portfolio('errors', EVIDENCE.replace('ksbs: [K1]', 'ksbs: [K1, K77]'));
    const unknown = ksb(root, ['signoff', 'evidence/a.md', '--by', 'Pat Doe', '--role', 'tutor']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Expected a sign-off by one of Sam Patel, Priya Shah, Tom Reed/);
    const broken = ksb(root, ['signoff', 'evidence/a.md', '--by', 'Tom Reed', '--role', 'tutor']);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /it has 1 error: ksb\.unknown-code at line 4: /);
    assert.doesNotMatch(readFileSync(path.join(root, 'evidence/a.md'), 'utf8'), /signoff:/);
  });
});
