import type { StandardVersion } from '../catalogue/catalogue';
import { CONFIG_FILE_NAME } from '../model/configFileName';

/** Text for one line of a template: a line break in a standard's title must not start a YAML field. */
function oneLineOf(text: string): string {
  return text.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ');
}

/** A starter `portfolio.yaml` for a standard version, with the option choices spelled out and, when given, the apprentice's name. */
export function configTemplate(standard: StandardVersion, optionId?: string, apprentice?: string): string {
  const option = optionId ?? standard.options[0]?.id;
  const choices = standard.options.map((o) => o.id).join(' | ');
  const lines = [
    `# ${CONFIG_FILE_NAME}: this folder is an apprenticeship portfolio for ${oneLineOf(standard.title)} (${standard.label}).`,
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
    `# ${oneLineOf(title)}`,
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

/** The GitHub repository holding the action (package.json `repository`); its tags are `v` + the package version. */
export const ACTION_REPOSITORY = 'ksb-portfolio/ksb-portfolio';

/**
 * A GitHub Actions workflow that runs the ksb-portfolio action of `version` on every push and pull
 * request: annotations, the job summary and, on a pull request, one comment with what it changes.
 */
export function githubWorkflowTemplate(version: string): string {
  return [
    '# Checks the portfolio on every push and pull request: problems as annotations, coverage in the',
    '# job summary and, on a pull request, one comment saying what it changes (see docs/ci.md of ksb-portfolio).',
    'name: Portfolio',
    'on:',
    '  push:',
    '  pull_request:',
    'permissions:',
    '  contents: read',
    '  # The pull request comment; a pull request from a fork gets a read-only token (a warning, no comment).',
    '  pull-requests: write',
    'jobs:',
    '  check:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '        with:',
    '          # The whole history: the comment compares the pull request with its base commit.',
    '          fetch-depth: 0',
    `      - uses: ${ACTION_REPOSITORY}@v${version}`,
    '        with:',
    '          path: .',
    '',
  ].join('\n');
}

/** The npm package that is `ksb`, as the GitLab and Azure set-ups install it. */
export const NPM_PACKAGE = 'ksb-portfolio';

/** A `.gitlab-ci.yml` that checks the portfolio with the `ksb` of `version`: a JUnit report for merge requests, the summary kept. */
export function gitlabCiTemplate(version: string): string {
  return [
    "# Checks the portfolio on every pipeline: each evidence file a test in the merge request's test",
    '# summary, the coverage summary kept as an artifact (see docs/ci.md of ksb-portfolio).',
    'portfolio:',
    '  image: node:20',
    '  variables:',
    `    KSB: npx --yes ${NPM_PACKAGE}@${version}`,
    '  script:',
    '    - $KSB summary . > ksb-summary.md',
    '    - $KSB check --format junit --output ksb-junit.xml .',
    '  artifacts:',
    '    when: always # keep the report when the check fails',
    '    reports:',
    '      junit: ksb-junit.xml',
    '    paths:',
    '      - ksb-summary.md',
    '',
  ].join('\n');
}

/** An `azure-pipelines.yml` that checks the portfolio with the `ksb` of `version`: the Tests tab and a summary page. */
export function azurePipelinesTemplate(version: string): string {
  const ksb = `npx --yes ${NPM_PACKAGE}@${version}`;
  return [
    "# Checks the portfolio on every push and pull request: each evidence file a test in the run's Tests",
    '# tab, the coverage summary on its summary page (see docs/ci.md of ksb-portfolio).',
    'trigger:',
    '  - main',
    'pr:',
    '  - main',
    'pool:',
    '  vmImage: ubuntu-latest',
    'steps:',
    '  - checkout: self',
    '    fetchDepth: 0',
    '  - task: UseNode@1',
    '    inputs:',
    '      version: 20.x',
    `  - script: ${ksb} check --format junit --output "$(Agent.TempDirectory)/ksb-junit.xml" .`,
    '    displayName: ksb check',
    '  - task: PublishTestResults@2',
    '    displayName: Publish the portfolio check',
    '    condition: succeededOrFailed()',
    '    inputs:',
    '      testResultsFormat: JUnit',
    '      testResultsFiles: $(Agent.TempDirectory)/ksb-junit.xml',
    '      testRunTitle: Portfolio',
    '  - script: |',
    `      ${ksb} summary . > "$(Agent.TempDirectory)/ksb-summary.md"`,
    '      echo "##vso[task.uploadsummary]$(Agent.TempDirectory)/ksb-summary.md"',
    '    displayName: ksb summary',
    '    condition: succeededOrFailed()',
    '',
  ].join('\n');
}

/** The CI services `ksb init --ci` writes a set-up for, with the file each reads from the repository's root. */
export const CI_SETUPS = {
  github: { file: '.github/workflows/portfolio.yml', service: 'GitHub', template: githubWorkflowTemplate },
  gitlab: { file: '.gitlab-ci.yml', service: 'GitLab', template: gitlabCiTemplate },
  azure: { file: 'azure-pipelines.yml', service: 'Azure Pipelines', template: azurePipelinesTemplate },
} as const;

/** A CI service of `CI_SETUPS`. */
export type CiService = keyof typeof CI_SETUPS;

/** What an imported hours log says besides its entries. */
export interface OtjLogSource {
  /** The tracker's file name, as the log names it. */
  readonly file: string;
  /** The day of the import. */
  readonly today: string;
  readonly entries: readonly { readonly date: string; readonly hours: number; readonly activity?: string; readonly ksbs?: string }[];
  /** Rows the import could not read, kept in the log's text so nothing is lost. */
  readonly unreadable: readonly { readonly row: number; readonly reason: string }[];
}

/** The Markdown of an `otj/` log made from a tracker: one `{date, hours, activity}` per entry, and the rows not read listed below. */
export function otjLogTemplate(source: OtjLogSource): string {
  const quoted = (text: string) => JSON.stringify(text);
  const lines = ['---', `title: ${quoted(`Off-the-job training imported from ${source.file}`)}`, 'otj:'];
  for (const entry of source.entries) {
    const activity = [entry.activity, entry.ksbs ? `(${entry.ksbs})` : undefined].filter((part) => part !== undefined && part !== '').join(' ');
    lines.push(`  - {date: ${entry.date}, hours: ${entry.hours}${activity ? `, activity: ${quoted(activity)}` : ''}}`);
  }
  if (source.entries.length === 0) lines[lines.length - 1] = 'otj: []';
  lines.push('---', '', `Imported from \`${source.file.replace(/`/g, "'")}\` by \`ksb hours import\` on ${source.today}.`, '');
  if (source.unreadable.length > 0) {
    lines.push('Rows not imported (add them by hand once fixed):', '');
    for (const problem of source.unreadable) lines.push(`- row ${problem.row}: ${problem.reason}`);
    lines.push('');
  }
  return lines.join('\n');
}
