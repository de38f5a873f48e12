// `ksb check --format sarif`: SARIF 2.1.0 as GitHub code scanning reads it (one run, one rule per
// diagnostic code, results with regions, related locations and fingerprints that survive edits above them).
import { createHash } from 'node:crypto';
import { RULES, ruleAnchor, withoutLineNumbers, type ReportedDiagnostic, type RuleDefinition } from '../../core';
import type { OutputFormat } from './outputFormat';

/** `ksb check --format sarif`. */
export const SARIF_FORMAT = { name: 'sarif', summary: 'code scanning' } as const satisfies OutputFormat;

/** The schema GitHub's documentation names for SARIF 2.1.0. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The base every artifact URI is relative to: the repository's root, as code scanning resolves it. */
export const SOURCE_ROOT = '%SRCROOT%';

/** The fingerprint key: our own, versioned, so a change of method does not pass for the same result. */
export const FINGERPRINT_KEY = 'ksbPortfolio/v1';

/** What the run says about the tool. */
export interface SarifTool {
  readonly version: string;
  /** The project's page: the driver's `informationUri`. */
  readonly informationUri: string;
  /** Where each rule is explained; `#anchor` is appended per rule. */
  readonly rulesDocumentUri: string;
}

const SARIF_LEVELS = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;
const DEFAULT_SARIF_LEVELS = { error: 'error', warning: 'warning', information: 'note', hint: 'note', ignore: 'none' } as const;

/**
 * The SARIF log of a check: every rule listed (so `ruleIndex` is stable between runs), a result per
 * diagnostic with paths relative to the repository root (`uriBaseId` `%SRCROOT%`).
 */
export function formatCheckSarif(diagnostics: readonly ReportedDiagnostic[], tool: SarifTool): string {
  const ruleIndex = new Map<string, number>(RULES.map((rule, index) => [rule.code, index]));
  const seen = new Map<string, number>();
  const results = diagnostics.map((d) => {
    const base = fingerprintBase(d);
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    const index = ruleIndex.get(d.code);
    return {
      ruleId: d.code,
      ...(index !== undefined && { ruleIndex: index }),
      level: SARIF_LEVELS[d.severity],
      message: { text: d.message },
      locations: [physicalLocation(d)],
      ...(d.related && d.related.length > 0 && { relatedLocations: d.related.map((r, id) => ({ id, ...physicalLocation(r), message: { text: r.message } })) }),
      partialFingerprints: { [FINGERPRINT_KEY]: hash(`${base}\u0000${occurrence}`) },
    };
  });
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ksb',
            fullName: 'ksb-portfolio: KSB checks of apprenticeship portfolios',
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: tool.informationUri,
            rules: RULES.map((rule) => describeRule(rule, tool)),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { description: { text: 'The root of the repository the portfolio is in.' } } },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function describeRule(rule: RuleDefinition, tool: SarifTool) {
  const helpUri = `${tool.rulesDocumentUri}#${ruleAnchor(rule.code)}`;
  const fix = rule.quickFix ? ` Quick fix in the editor: ${rule.quickFix.title}.` : '';
  return {
    id: rule.code,
    name: rule.name,
    shortDescription: { text: rule.summary },
    fullDescription: { text: `Reports ${rule.meaning}.` },
    help: { text: `Reports ${rule.meaning}.${fix} See ${helpUri}`, markdown: `Reports ${rule.meaning}.${fix}\n\n[Documentation](${helpUri})` },
    helpUri,
    defaultConfiguration: { level: DEFAULT_SARIF_LEVELS[rule.defaultLevel] },
  };
}

function physicalLocation(place: { file: string; line: number; column: number; endLine: number; endColumn: number }) {
  // An empty range (a diagnostic at the start of a file) is a zero-width region at its start.
  const endsBefore = place.endLine < place.line || (place.endLine === place.line && place.endColumn < place.column);
  return {
    physicalLocation: {
      artifactLocation: { uri: fileUri(place.file), uriBaseId: SOURCE_ROOT },
      region: {
        startLine: place.line,
        startColumn: place.column,
        endLine: endsBefore ? place.line : place.endLine,
        endColumn: endsBefore ? place.column : place.endColumn,
      },
    },
  };
}

/** A relative path as a URI reference: each segment percent-encoded, so spaces, `#` and `?` stay part of the name. */
export function fileUri(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/**
 * What identifies a result apart from where it is: code, file and message with line and column
 * numbers taken out (a message may quote them), so moving lines above a problem keeps its fingerprint.
 */
function fingerprintBase(d: ReportedDiagnostic): string {
  return `${d.code}\u0000${d.file}\u0000${withoutLineNumbers(d.message)}`;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
