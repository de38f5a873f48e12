// Random portfolios on disk through the CLI's `run`: whatever the evidence, names and config,
// check never throws, every position is inside its file, the three formats report the same
// problems, the same input prints the same output, and coverage answers only when check finds
// portfolio.yaml usable.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { run, UsageError } from '../../src/cli/main';

interface RandomFile {
  readonly relativePath: string;
  readonly text: string;
}

interface RandomPortfolio {
  readonly files: readonly RandomFile[];
}

interface JsonDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly related?: readonly { readonly file: string }[];
}

// Core, production coordinator (K17-K23, S18-S20), post production (K24-K29, S21-S23), unknown,
// near misses and other shapes; drawing from a small pool makes duplicates common.
const CODES = ['K1', 'K2', 'S3', 'B1', 'K17', 'S19', 'K24', 'S22', 'K99', 'k5', 'S05', 'K 9', 'X1', '""', '12', 'K1'];
const CONFIGS = [
  'standard: ST0792\nversion: "1.2"\noption: production-coordinator\n',
  'standard: ST0792\noption: post-production-coordinator\nevidence: ["**/*.md"]\n',
  'standard: ST0792\nversion: "1.2"\noption: editor\n',
  'standard: ST0792\nversion: "1.1"\n',
  'standard: ST0792\nversion: "9.9"\noption: production-coordinator\n',
  'standard: [ST0792\noption: x\n',
  'standard: ST0792\r\noption: production-coordinator\r\nunknown: 1\r\n',
  'standard: ST0792\noption: production-coordinator\nevidence: ["evidence/**/*.md"]\napprentice: "Sam\\n::error::forged"\n',
  '',
];
// Spaces, commas, percent signs, colons, quotes, unicode, newlines and escapes: everything a name may hold on Linux.
const NAME_CHARS = ['a', 'b', 'Z', '1', ' ', ',', '%', ':', '=', '"', "'", '#', '(', ']', 'é', '✓', '日', '\u202e', '\n', '\r', '\t', '\u001b'];

const nameArbitrary = fc.string({ unit: fc.constantFrom(...NAME_CHARS), minLength: 1, maxLength: 8 }).map((stem) => `${stem}.md`);

const frontMatterArbitrary = (eol: string) =>
  fc.oneof(
    fc.constant(''),
    fc.array(fc.constantFrom(...CODES), { maxLength: 6 }).map((codes) => `---${eol}title: t${eol}ksbs: [${codes.join(', ')}]${eol}---${eol}`),
    fc
      .array(fc.constantFrom(...CODES), { minLength: 1, maxLength: 4 })
      .map((codes) => `---${eol}ksbs:${eol}${codes.map((c) => `  ${c}: "why"`).join(eol)}${eol}---${eol}`),
    fc.constantFrom(`---${eol}ksbs: [K1${eol}---${eol}`, `---${eol}ksbs: [K1]${eol}`, `---${eol}ksbs: 12${eol}date: soon${eol}---${eol}`, `---${eol}---${eol}`),
  );

/** A body line: plain text, a code in prose, or a link to an existing, missing or outside file. */
const bodyLineArbitrary = (names: readonly string[]) =>
  fc.oneof(
    fc.constantFrom('Plain text.', 'Mentions K1 and S05 in prose.', '`[not](a-link.md)`', ''),
    fc
      .constantFrom('attachments/sheet.csv', 'attachments/missing.pdf', '../outside.md', 'nope/', 'attachments/', ...names.map((n) => encodeURI(n)))
      .map((target) => `See [this](${target}).`),
    fc.constantFrom('attachments/photo.png', 'gone.png').map((target) => `![image](${target})`),
  );

const portfolioArbitrary: fc.Arbitrary<RandomPortfolio> = fc
  .record({
    config: fc.constantFrom(...CONFIGS),
    names: fc.uniqueArray(
      fc.tuple(fc.constantFrom('', 'evidence/', 'evidence/sub dir/'), nameArbitrary).map(([folder, name]) => folder + name),
      { maxLength: 6 },
    ),
    eol: fc.constantFrom('\n', '\r\n'),
  })
  .chain(({ config, names, eol }) =>
    fc
      .tuple(...names.map(() => fc.tuple(frontMatterArbitrary(eol), fc.array(bodyLineArbitrary(names.map((n) => path.posix.basename(n))), { maxLength: 4 }))))
      .map((contents) => ({
        files: [
          { relativePath: 'portfolio.yaml', text: config },
          { relativePath: 'attachments/sheet.csv', text: 'a,b\n' },
          ...names.map((relativePath, i) => ({ relativePath, text: contents[i][0] + contents[i][1].join(eol) })),
        ],
      })),
  );

/** Writes `portfolio` into a fresh folder below `parent`; returns the folder. */
function writeToDisk(parent: string, portfolio: RandomPortfolio): string {
  const root = mkdtempSync(path.join(parent, 'p-'));
  for (const file of portfolio.files) {
    mkdirSync(path.dirname(path.join(root, file.relativePath)), { recursive: true });
    writeFileSync(path.join(root, file.relativePath), file.text);
  }
  return root;
}

/** Runs the CLI in-process; a UsageError is an answer (exit 2), any other error fails the property. */
async function runCli(...args: string[]): Promise<{ status: number; output: string; usageError?: string }> {
  let output = '';
  try {
    const status = await run(args, (text) => (output += text));
    return { status, output };
  } catch (error) {
    if (error instanceof UsageError) return { status: 2, output, usageError: error.message };
    throw error;
  }
}

type Finding = string;

/** `file|line|column|code` of each line of text output, the summary line left out. */
function findingsOfText(output: string): Finding[] {
  const lines = output.split('\n');
  assert.equal(lines.pop(), '', 'text output should end with a newline');
  lines.pop();
  return lines.map((line) => {
    let file: string;
    let rest: string;
    if (line.startsWith('"')) {
      const quoted = /^"(?:[^"\\]|\\.)*"/.exec(line);
      assert.ok(quoted, `unterminated quoted path: ${JSON.stringify(line)}`);
      file = JSON.parse(quoted[0]) as string;
      rest = line.slice(quoted[0].length);
    } else {
      const plain = /^(?:[A-Za-z]:\/)?[^:]*/.exec(line)!;
      file = plain[0];
      rest = line.slice(file.length);
    }
    const position = /^:(\d+):(\d+) (error|warning|info|hint) (\S+) /.exec(rest);
    assert.ok(position, `not file:line:col severity code message: ${JSON.stringify(line)}`);
    return `${file}|${position[1]}|${position[2]}|${position[4]}`;
  });
}

/** Undoes the workflow-command escapes; `%25` last, so `%253A` stays `%3A`. */
function unescapeProperty(value: string): string {
  return value.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/** `file|line|column|code` of each workflow command, with `root/` taken off the file. */
function findingsOfGithub(output: string, root: string): Finding[] {
  const lines = output.split('\n');
  assert.equal(lines.pop(), '', 'github output should end with a newline');
  return lines.map((line) => {
    const command = /^::(error|warning|notice) file=([^,:]*),line=(\d+),col=(\d+),title=([^,:]*)::(.*)$/.exec(line);
    assert.ok(command, `not one workflow command: ${JSON.stringify(line)}`);
    const file = unescapeProperty(command[2]);
    assert.ok(file.startsWith(`${root}/`), `${file} should start with ${root}/`);
    return `${file.slice(root.length + 1)}|${command[3]}|${command[4]}|${unescapeProperty(command[5])}`;
  });
}

const sorted = (findings: readonly Finding[]) => [...findings].sort();

describe('ksb CLI on random portfolios', function () {
  this.timeout(60_000);
  let parent: string;

  before(() => {
    parent = mkdtempSync(path.join(tmpdir(), 'ksb-cli-random-'));
  });

  after(() => {
    rmSync(parent, { recursive: true, force: true });
  });

  it('Should never throw, keep every position inside its file, agree across text, JSON and github, and repeat itself', async () => {
    await fc.assert(
      fc.asyncProperty(portfolioArbitrary, async (portfolio) => {
        const root = writeToDisk(parent, portfolio);
        try {
          const json = await runCli('check', root, '--format', 'json');
          assert.equal(json.usageError, undefined, json.usageError);
          const diagnostics = (JSON.parse(json.output) as { diagnostics: JsonDiagnostic[] }).diagnostics;
          assert.equal(json.status, diagnostics.some((d) => d.severity === 'error') ? 1 : 0);

          const textOf = new Map(portfolio.files.map((f) => [f.relativePath, f.text]));
          for (const d of diagnostics) {
            const text = textOf.get(d.file);
            assert.ok(text !== undefined, `a diagnostic for a file that was never written: ${JSON.stringify(d)}`);
            const lines = text.split(/\r\n|\r|\n/);
            assert.ok(Number.isInteger(d.line) && d.line >= 1 && d.line <= lines.length, `line out of range (${lines.length} lines): ${JSON.stringify(d)}`);
            const lineLength = lines[d.line - 1].length;
            assert.ok(
              Number.isInteger(d.column) && d.column >= 1 && d.column <= lineLength + 1,
              `column out of range (line of ${lineLength}): ${JSON.stringify(d)}`,
            );
          }

          const fromJson = diagnostics.map((d) => `${d.file}|${d.line}|${d.column}|${d.code}`);
          const text = await runCli('check', root);
          assert.equal(text.status, json.status);
          assert.deepEqual(sorted(findingsOfText(text.output)), sorted(fromJson), text.output);
          const github = await runCli('check', root, '--format', 'github');
          assert.equal(github.status, json.status);
          assert.deepEqual(sorted(findingsOfGithub(github.output, root)), sorted(fromJson), github.output);

          assert.deepEqual(await runCli('check', root), text, 'the same portfolio should print the same text twice');
          assert.deepEqual(await runCli('check', root, '--format', 'json'), json, 'the same portfolio should print the same JSON twice');

          const configErrors = diagnostics.filter((d) => d.file === 'portfolio.yaml' && d.severity === 'error');
          const coverage = await runCli('coverage', root, '--format', 'json');
          if (configErrors.length > 0 || coverage.usageError) {
            assert.ok(configErrors.length > 0, `coverage refused a portfolio.yaml check found usable: ${coverage.usageError}`);
            assert.equal(coverage.status, 2);
            assert.equal(coverage.output, '');
            assert.match(coverage.usageError ?? '', /^portfolio\.yaml is not usable: \S/);
            assert.doesNotMatch(coverage.usageError ?? '', /[\n\r]/);
          } else {
            assert.equal(coverage.status, 0);
            const report = JSON.parse(coverage.output) as { summary: { total: number; covered: number } };
            assert.ok(report.summary.covered <= report.summary.total);
          }
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { seed: 9009, numRuns: 40 },
    );
  });

  it('Should report several folders as the concatenation of each, every path prefixed with its folder', async () => {
    await fc.assert(
      fc.asyncProperty(portfolioArbitrary, portfolioArbitrary, async (first, second) => {
        const roots = [writeToDisk(parent, first), writeToDisk(parent, second)];
        try {
          const each = await Promise.all(roots.map((root) => runCli('check', root, '--format', 'json')));
          const both = await runCli('check', ...roots, '--format', 'json');
          const expected = each.flatMap((result, i) =>
            (JSON.parse(result.output) as { diagnostics: JsonDiagnostic[] }).diagnostics.map((d) => ({
              ...d,
              file: `${roots[i]}/${d.file}`,
              ...(d.related && { related: d.related.map((r) => ({ ...r, file: `${roots[i]}/${r.file}` })) }),
            })),
          );
          assert.deepEqual((JSON.parse(both.output) as { diagnostics: JsonDiagnostic[] }).diagnostics, expected);
          assert.equal(both.status, Math.max(...each.map((r) => r.status)));
        } finally {
          for (const root of roots) rmSync(root, { recursive: true, force: true });
        }
      }),
      { seed: 9010, numRuns: 20 },
    );
  });
});
