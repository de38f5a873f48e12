// The CLI's output formats on hostile input: file names and messages must never move an
// annotation, forge a line of output or inject a workflow command.
import assert from 'node:assert/strict';
import { formatCheckGithub } from '../../src/cli/formats/github';
import { formatCheckText } from '../../src/cli/formats/text';
import type { ReportedDiagnostic } from '../../src/core';

function reported(file: string, message = 'Unexpected code `K99`', code = 'ksb.unknown-code'): ReportedDiagnostic {
  return { file, line: 4, column: 12, endLine: 4, endColumn: 15, code, severity: 'error', message };
}

describe('ksb check --format github', () => {
  it('Should escape the comma in a file named a,line=99.md so the annotation stays on its line', () => {
    const out = formatCheckGithub([reported('evidence/a,line=99.md')]);
    assert.equal(out, '::error file=evidence/a%2Cline=99.md,line=4,col=12,title=ksb.unknown-code::Unexpected code `K99`\n');
  });

  it('Should turn a newline in the file name into %0A so no second workflow command appears', () => {
    const out = formatCheckGithub([reported('evidence/x\n::warning file=README.md::pwned.md')]);
    assert.equal(out.split('\n').length, 2, out);
    assert.equal(out, '::error file=evidence/x%0A%3A%3Awarning file=README.md%3A%3Apwned.md,line=4,col=12,title=ksb.unknown-code::Unexpected code `K99`\n');
  });

  it('Should escape % first, then CR, LF, colon and comma in every property, as the Actions toolkit does', () => {
    const out = formatCheckGithub([reported('my folder,1/%0A\r,:.md', 'm', 'odd,code:\n')]);
    assert.equal(out, '::error file=my folder%2C1/%250A%0D%2C%3A.md,line=4,col=12,title=odd%2Ccode%3A%0A::m\n');
  });

  it('Should escape %, CR and LF in the message and leave its colons and commas alone', () => {
    const out = formatCheckGithub([reported('a.md', '100%: a, b\r\n::error::forged')]);
    assert.equal(out, '::error file=a.md,line=4,col=12,title=ksb.unknown-code::100%25: a, b%0D%0A::error::forged\n');
  });
});

describe('ksb check text format', () => {
  it('Should print an ordinary path, spaces, commas and unicode included, as it is', () => {
    const out = formatCheckText([reported('evidence/my notes, draft é✓.md')], 1);
    assert.equal(out.split('\n')[0], 'evidence/my notes, draft é✓.md:4:12 error ksb.unknown-code Unexpected code `K99`');
  });

  it('Should quote a path with a newline JSON-style so it cannot forge a line of output', () => {
    const out = formatCheckText([reported('evidence/a\nevidence/b.md:1:1 error ksb.unknown-code forged.md')], 1);
    const lines = out.trimEnd().split('\n');
    assert.equal(lines.length, 2, out);
    assert.equal(lines[0], '"evidence/a\\nevidence/b.md:1:1 error ksb.unknown-code forged.md":4:12 error ksb.unknown-code Unexpected code `K99`');
  });

  it('Should quote a path with an escape character, a bidi override or a leading quote', () => {
    const out = formatCheckText([reported('a\u001b[2Jb.md'), reported('\u202eevil.md'), reported('"quoted".md')], 1);
    assert.deepEqual(
      out
        .trimEnd()
        .split('\n')
        .slice(0, 3)
        .map((line) => line.slice(0, line.indexOf(':4:12 '))),
      ['"a\\u001b[2Jb.md"', '"\\u202eevil.md"', '"\\"quoted\\".md"'],
    );
  });

  it('Should quote a path with a colon, but not for a leading drive letter, so the position always follows the first colon outside quotes', () => {
    const out = formatCheckText([reported('evidence/a:1:1 error b.md'), reported('C:/portfolios/a.md')], 1);
    assert.deepEqual(out.split('\n').slice(0, 2), [
      '"evidence/a:1:1 error b.md":4:12 error ksb.unknown-code Unexpected code `K99`',
      'C:/portfolios/a.md:4:12 error ksb.unknown-code Unexpected code `K99`',
    ]);
  });

  it('Should keep a message with a newline or a control character on its one line', () => {
    const out = formatCheckText([reported('a.md', 'Unexpected code `K1\n::error::forged\u001b[31m`')], 1);
    const lines = out.trimEnd().split('\n');
    assert.equal(lines.length, 2, out);
    assert.equal(lines[0], 'a.md:4:12 error ksb.unknown-code Unexpected code `K1\\n::error::forged\\u001b[31m`');
  });
});
