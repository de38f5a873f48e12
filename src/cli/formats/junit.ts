// `ksb check --format junit`: JUnit XML as GitLab, Azure Pipelines and Jenkins read it. One test
// suite per portfolio file with a test case for it, so a reviewer sees at a glance which evidence
// passes; a failure per error, naming the file, line and message; warnings go to the case's output.
import type { ReportedDiagnostic } from '../../core';
import type { OutputFormat } from './outputFormat';

/** `ksb check --format junit`. */
export const JUNIT_FORMAT = { name: 'junit', summary: 'test reports' } as const satisfies OutputFormat;

/** One portfolio file the check looked at, and whether it is evidence. */
export interface CheckedFile {
  /** The path as the other formats print it. */
  readonly file: string;
  readonly isEvidence: boolean;
}

/**
 * The JUnit report of a check. Every evidence file is a passing case unless it has errors, so a
 * clean portfolio gives passing cases, not an empty report; other files (the config, standard
 * data) appear only when they have problems.
 */
export function formatCheckJunit(diagnostics: readonly ReportedDiagnostic[], checked: readonly CheckedFile[], name = 'ksb check'): string {
  const byFile = new Map<string, ReportedDiagnostic[]>();
  for (const file of checked) if (file.isEvidence) byFile.set(file.file, []);
  for (const d of diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const files = [...byFile.keys()].sort((a, b) => a.localeCompare(b));
  let failures = 0;
  const suites = files.map((file) => {
    const found = byFile.get(file) ?? [];
    const errors = found.filter((d) => d.severity === 'error');
    const others = found.filter((d) => d.severity !== 'error');
    failures += errors.length > 0 ? 1 : 0;
    const body = [
      ...errors.map(
        (d) =>
          `      <failure type="${attribute(d.code)}" message="${attribute(`${d.file}:${d.line}:${d.column} ${d.message}`)}">${text(`${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`)}</failure>`,
      ),
      ...(others.length > 0
        ? [`      <system-out>${text(others.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`).join('\n'))}</system-out>`]
        : []),
    ];
    const testcase =
      body.length === 0
        ? `    <testcase classname="${attribute(name)}" name="${attribute(file)}" file="${attribute(file)}" time="0"/>`
        : [`    <testcase classname="${attribute(name)}" name="${attribute(file)}" file="${attribute(file)}" time="0">`, ...body, '    </testcase>'].join('\n');
    return [
      `  <testsuite name="${attribute(file)}" tests="1" failures="${errors.length > 0 ? 1 : 0}" errors="0" skipped="0" time="0">`,
      testcase,
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attribute(name)}" tests="${files.length}" failures="${failures}" errors="0" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

/** Characters XML 1.0 cannot hold at all, even escaped: most C0 controls, lone surrogates, U+FFFE/FFFF. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text content: `<` and `&` escaped, `]]>` broken up, impossible characters shown as `\uXXXX`. */
function text(value: string): string {
  return visible(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes: also quotes, and tabs and line breaks kept as references. */
function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function visible(value: string): string {
  return value.replace(NOT_IN_XML, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
