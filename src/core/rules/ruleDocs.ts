// What the settings and the docs say about each rule, generated from the registry so they cannot
// drift from it. `npm run generate` writes them; test/unit/ruleDocs.test.ts fails when they drift.
import type { RuleLevel } from '../model/diagnostics';
import { RULES } from './registry';

/** The levels a user may give a rule, in the order the settings UI offers them. */
export const RULE_LEVELS: readonly RuleLevel[] = ['ignore', 'hint', 'information', 'warning', 'error'];

/** The anchor of a rule's row in docs/rules.md: `ksbunknown-code` for `ksb.unknown-code`, as GitHub would name its heading. */
export function ruleAnchor(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9 -]/g, '');
}

/** The page of the diagnostics table, from the repository's root. */
export const RULES_PAGE = 'docs/rules.md';

/** What a release's manifest (package.json) says about where it lives. */
export interface ReleaseManifest {
  readonly version?: string;
  readonly homepage?: string;
  readonly repository?: string | { readonly url?: string };
}

/** The repository's web address, from a manifest's `repository` (`git+https://...git` or a URL), else its homepage. */
export function repositoryUrl(manifest: ReleaseManifest): string {
  const repository = typeof manifest.repository === 'string' ? manifest.repository : (manifest.repository?.url ?? '');
  const url = repository.replace(/^git\+/, '').replace(/\.git$/, '');
  return url || String(manifest.homepage ?? '').replace(/#.*$/, '');
}

/**
 * The diagnostics table of a release, at its tag (`.../blob/v0.1.0/docs/rules.md`), so a link in a
 * SARIF file or an editor's hover always shows the rules that release has; `undefined` without a repository.
 */
export function rulesPageUrl(manifest: ReleaseManifest): string | undefined {
  const repository = repositoryUrl(manifest);
  return repository && manifest.version ? `${repository}/blob/v${manifest.version}/${RULES_PAGE}` : undefined;
}

/** The setting whose `properties` list every rule. */
export const RULES_SETTING = 'ksbPortfolio.diagnostics.rules';

/** Where the README's diagnostics table starts and ends. */
export const RULE_TABLE_MARKERS = { start: '<!-- rules:start -->', end: '<!-- rules:end -->' } as const;

/** One JSON Schema property per rule, for the `ksbPortfolio.diagnostics.rules` setting. */
export function ruleSettingProperties(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const rule of RULES) {
    properties[rule.code] = {
      type: 'string',
      enum: [...RULE_LEVELS],
      default: rule.defaultLevel,
      markdownDescription: `${rule.summary} Default: \`${rule.defaultLevel}\`.`,
    };
  }
  return properties;
}

/** The README's diagnostics table: code, default level, meaning and quick fix of every rule. */
export function ruleTable(): string {
  // The anchor lets SARIF's helpUri and other links point at one rule's row.
  const rows = RULES.map(
    (rule) => `| <a id="${ruleAnchor(rule.code)}"></a>\`${rule.code}\` | ${rule.defaultLevel} | ${rule.meaning} | ${rule.quickFix?.title ?? '—'} |`,
  );
  return ['| code | default | meaning | quick fix |', '|---|---|---|---|', ...rows].join('\n');
}

/** `package.json`'s text with the rules setting's properties generated (formatted as npm writes it). */
export function withRuleSettings(packageJson: string): string {
  const manifest = JSON.parse(packageJson) as { contributes: { configuration: { properties: Record<string, { properties?: unknown }> } } };
  const setting = manifest.contributes.configuration.properties[RULES_SETTING];
  if (!setting) throw new Error(`Expected the setting ${RULES_SETTING} in package.json, found none`);
  setting.properties = ruleSettingProperties();
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The README's text with the table between the rule markers generated. */
export function withRuleTable(readme: string): string {
  const start = readme.indexOf(RULE_TABLE_MARKERS.start);
  const end = readme.indexOf(RULE_TABLE_MARKERS.end);
  if (start === -1 || end < start)
    throw new Error(
      `Expected ${RULE_TABLE_MARKERS.start} and then ${RULE_TABLE_MARKERS.end} in README.md, found ${start === -1 ? 'no start marker' : 'no end marker after it'}`,
    );
  // Blank lines around the table so Markdown sees it as a table, not part of the comment's block.
  return `${readme.slice(0, start + RULE_TABLE_MARKERS.start.length)}\n\n${ruleTable()}\n\n${readme.slice(end)}`;
}
