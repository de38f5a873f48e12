import type { StandardVersion } from './catalogue/catalogue';
import { CONFIG_FILE_NAME } from './config';

/** A starter `portfolio.yaml` for a standard version, with the option choices spelled out and, when given, the apprentice's name. */
export function configTemplate(standard: StandardVersion, optionId?: string, apprentice?: string): string {
  const option = optionId ?? standard.options[0]?.id;
  const choices = standard.options.map((o) => o.id).join(' | ');
  const lines = [
    `# ${CONFIG_FILE_NAME}: this folder is an apprenticeship portfolio for ${standard.title} (${standard.label}).`,
    `standard: ${standard.reference}`,
    `version: "${standard.version}"`,
  ];
  if (option) lines.push(`option: ${option}${standard.options.length > 1 ? `  # one of: ${choices}` : ''}`);
  // JSON's string escapes are YAML's too, so any name (a colon, a quote, a newline) stays one plain value.
  lines.push(
    apprentice?.trim() ? `apprentice: ${JSON.stringify(apprentice.trim())}` : '# apprentice: Your Name',
    '# evidence: ["evidence/**/*.md"]  # default: every .md file below this folder',
    '',
  );
  return lines.join('\n');
}

/** A new evidence file: front matter with title, date and claimed codes, then a body outline. */
export function evidenceTemplate(title: string, date: string, codes: readonly string[]): string {
  const safeTitle = /^[\w][\w \-,.()&']*$/.test(title) ? title : JSON.stringify(title);
  return [
    '---',
    `title: ${safeTitle}`,
    `date: ${date}`,
    `ksbs: [${codes.join(', ')}]`,
    '---',
    '',
    `# ${title}`,
    '',
    '## What I did',
    '',
    '## How this shows the KSBs',
    '',
    '## Reflection',
    '',
  ].join('\n');
}

/** The `.gitignore` of a new portfolio: editor, system and Office lock files that are no evidence. */
export function gitignoreTemplate(): string {
  return [
    '# Files that are no evidence: system, editor and Office lock files.',
    '.DS_Store',
    'Thumbs.db',
    'desktop.ini',
    '~$*',
    '.~lock.*#',
    '*.tmp',
    'node_modules/',
    '',
  ].join('\n');
}

/**
 * A GitHub Actions workflow that runs `ksb check` on every push and pull request, its problems
 * shown as annotations. `ksbCommand` is how the runner gets the CLI (`npx --yes ksb-portfolio@0.1.0`).
 */
export function githubWorkflowTemplate(ksbCommand: string): string {
  return [
    '# Checks the portfolio (ksb check) on every push and pull request; problems show as annotations.',
    'name: Portfolio',
    'on:',
    '  push:',
    '  pull_request:',
    'jobs:',
    '  check:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 20',
    `      - run: ${ksbCommand} check --format github .`,
    '',
  ].join('\n');
}
