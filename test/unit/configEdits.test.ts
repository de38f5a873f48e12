import assert from 'node:assert/strict';
import { applyTextEdit, configFieldEdit, configFieldsEdit, parseConfig, type EditableConfigField } from '../../src/core';

/** The text after setting `field` to `value`; fails when no edit can be made. */
function set(text: string, field: EditableConfigField, value: string): string {
  const result = configFieldEdit(text, field, value);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return applyTextEdit(text, result.edit);
}

describe('Editing portfolio.yaml', () => {
  it('Should read and edit a portfolio.yaml with CR-only line endings, keeping them', () => {
    const text = 'standard: ST0792\rversion: "1.2"\roption: post-production-coordinator\rapprentice: Alex\r';
    const parsed = parseConfig(text);
    assert.deepEqual(parsed.findings, []);
    assert.equal(parsed.config?.option, 'post-production-coordinator');
    assert.equal(parsed.rangeOf('option').start.line, 2);
    const edited = set(text, 'option', 'production-coordinator');
    assert.equal(edited, 'standard: ST0792\rversion: "1.2"\roption: production-coordinator\rapprentice: Alex\r');
    const added = set(text, 'version', '1.1');
    assert.ok(!added.includes('\n'), `only CR line breaks: ${JSON.stringify(added)}`);
  });

  it('Should replace the option value and keep the comment after it', () => {
    const text = 'standard: ST0792\nversion: "1.2"\noption: post-production-coordinator  # one of: a | b\napprentice: Alex\n';
    assert.equal(
      set(text, 'option', 'production-coordinator'),
      'standard: ST0792\nversion: "1.2"\noption: production-coordinator  # one of: a | b\napprentice: Alex\n',
    );
  });

  it('Should write the version quoted, replacing a quoted or plain value', () => {
    assert.equal(set('standard: ST0792\nversion: "1.2"\n', 'version', '1.1'), 'standard: ST0792\nversion: "1.1"\n');
    assert.equal(set('standard: ST0792\nversion: 1.2 # pinned\n', 'version', '1.0'), 'standard: ST0792\nversion: "1.0" # pinned\n');
  });

  it('Should fill an empty value, keeping a space before a comment', () => {
    assert.equal(set('standard: ST0792\noption:\n', 'option', 'x'), 'standard: ST0792\noption: x\n');
    assert.equal(set('standard: ST0792\noption: # pick one\n', 'option', 'x'), 'standard: ST0792\noption: x # pick one\n');
  });

  it('Should insert a missing option after the version line', () => {
    assert.equal(
      set('# My portfolio\nstandard: ST0792\nversion: "1.2" # latest\napprentice: Alex\n', 'option', 'production-coordinator'),
      '# My portfolio\nstandard: ST0792\nversion: "1.2" # latest\noption: production-coordinator\napprentice: Alex\n',
    );
  });

  it('Should insert a missing version after the standard line, keeping CRLF line endings', () => {
    assert.equal(set('standard: ST0792\r\noption: x\r\n', 'version', '1.2'), 'standard: ST0792\r\nversion: "1.2"\r\noption: x\r\n');
  });

  it('Should append a missing field to a file without a final line break', () => {
    assert.equal(set('apprentice: Alex', 'option', 'x'), 'apprentice: Alex\noption: x\n');
  });

  it('Should replace a value in a flow map', () => {
    assert.equal(set('{standard: ST0792, option: a}\n', 'option', 'b'), '{standard: ST0792, option: b}\n');
  });

  it('Should refuse to edit a file that is not valid YAML', () => {
    const result = configFieldEdit('standard: [ST0792\n', 'option', 'x');
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.reason, /^Expected valid YAML in portfolio\.yaml/);
  });

  it('Should set standard and version in one edit that replaces only what changed', () => {
    const text = "# Alex's portfolio\r\nstandard: ST0792 # the old one\r\noption: post-production-coordinator\r\n";
    const result = configFieldsEdit(text, { standard: 'ST9001', version: '1.0' });
    assert.ok(result.ok, result.ok ? '' : result.reason);
    assert.equal(
      applyTextEdit(text, result.edit),
      '# Alex\'s portfolio\r\nstandard: ST9001 # the old one\r\nversion: "1.0"\r\noption: post-production-coordinator\r\n',
    );
    assert.deepEqual(result.edit.range.start, { line: 1, character: 12 });
  });

  it('Should insert a missing standard at the top of the file', () => {
    const result = configFieldsEdit('apprentice: Sam\n', { standard: 'ST9001', version: '1.0' });
    assert.ok(result.ok, result.ok ? '' : result.reason);
    assert.equal(applyTextEdit('apprentice: Sam\n', result.edit), 'standard: ST9001\nversion: "1.0"\napprentice: Sam\n');
  });

  it('Should make an empty edit when the values are already set, and refuse a config that is not YAML', () => {
    const same = configFieldsEdit('standard: ST9001\nversion: "1.0"\n', { standard: 'ST9001', version: '1.0' });
    assert.ok(same.ok);
    assert.equal(same.edit.newText, '');
    const broken = configFieldsEdit('standard: [ST0792\n', { standard: 'ST9001' });
    assert.equal(broken.ok, false);
  });
});
