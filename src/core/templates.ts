import type { StandardVersion } from './catalogue/catalogue';
import { CONFIG_FILE_NAME } from './config';

/** A starter `portfolio.yaml` for a standard version, with the option choices spelled out. */
export function configTemplate(standard: StandardVersion, optionId?: string): string {
  const option = optionId ?? standard.options[0]?.id;
  const choices = standard.options.map((o) => o.id).join(' | ');
  const lines = [
    `# ${CONFIG_FILE_NAME}: this folder is an apprenticeship portfolio for ${standard.title} (${standard.label}).`,
    `standard: ${standard.reference}`,
    `version: "${standard.version}"`,
  ];
  if (option) lines.push(`option: ${option}${standard.options.length > 1 ? `  # one of: ${choices}` : ''}`);
  lines.push('# apprentice: Your Name', '# evidence: ["evidence/**/*.md"]  # default: every .md file below this folder', '');
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
