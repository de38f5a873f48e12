// How a standard, one of its versions and an option are described to people in `portfolio.yaml`:
// the Markdown of hover and of the completion items' documentation, in one place.
import type { StandardOption, StandardVersion } from '../catalogue/catalogue';
import { KIND_NAMES, KSB_KINDS } from '../model/codes';
import { escapeMarkdown, plural } from '../base/wording';

/** Tells a shipped standard from one the portfolio brings: the shipped catalogue holds the very same object. */
export type IsShipped = (standard: StandardVersion) => boolean;

/** `Approved for delivery · from 2024-08-15`: a version's status and dates in one line, for completion details. */
export function versionSummary(standard: StandardVersion): string {
  return [standard.status, startDates(standard)].filter(Boolean).join(' · ');
}

/** `from 2024-08-15 to 2025-07-31` (latest start), or `undefined` without dates. */
function startDates(standard: StandardVersion): string | undefined {
  if (!standard.startDate && !standard.endDate) return undefined;
  return [standard.startDate && `from ${standard.startDate}`, standard.endDate && `latest start ${standard.endDate}`].filter(Boolean).join(', ');
}

/** `29 knowledge, 23 skills, 4 behaviours (K1-K29, S1-S23, B1-B4)`, or `none` for a version without KSBs. */
export function ksbCounts(standard: StandardVersion, ksbs = standard.ksbs): string {
  if (ksbs.length === 0) return 'none';
  const counts = KSB_KINDS.map((kind) => {
    const count = ksbs.filter((ksb) => ksb.kind === kind).length;
    if (count === 0) return undefined;
    return kind === 'knowledge' ? `${count} knowledge` : plural(count, KIND_NAMES[kind].singular.toLowerCase());
  }).filter(Boolean);
  return counts.join(', ');
}

/** Where a version's data came from: shipped, or a workspace file and, for an API file, its URL and day. */
export function sourceLine(standard: StandardVersion, isShipped: IsShipped): string {
  if (isShipped(standard)) return `**Source:** shipped with KSB Portfolio (\`${escapeCode(standard.origin)}\`)`;
  const parts = [`**Source:** workspace file \`${escapeCode(standard.origin)}\``];
  const downloaded = standard.sources.find((source) => source.url !== undefined || source.retrieved !== undefined);
  if (downloaded) {
    const url = safeUrl(downloaded.url);
    const from = url ? ` from ${url}` : '';
    const when = downloaded.retrieved ? ` on ${downloaded.retrieved}` : '';
    if (from || when) parts.push(`downloaded${from}${when}`);
  }
  return parts.join(', ');
}

/** Everything a portfolio author wants to know about one version, as Markdown. */
export function describeVersion(standard: StandardVersion, isShipped: IsShipped): string {
  const facts: string[] = [];
  const heading = [`**${standard.label}** · ${escapeMarkdown(standard.title)}`, standard.level !== undefined ? `level ${standard.level}` : undefined];
  facts.push(heading.filter(Boolean).join(' · '));
  const status = [standard.status && `**Status:** ${escapeMarkdown(standard.status)}`, startDates(standard)].filter(Boolean);
  if (status.length > 0) facts.push(status.join(', '));
  if (standard.latestEndDate) facts.push(`**Latest end date:** ${standard.latestEndDate}`);
  const duration = [
    standard.typicalDurationMonths !== undefined && `**Typical duration:** ${plural(standard.typicalDurationMonths, 'month')}`,
    standard.otjMinimumHours !== undefined && `**Off-the-job training:** at least ${standard.otjMinimumHours} hours`,
  ].filter(Boolean);
  if (duration.length > 0) facts.push(duration.join(' · '));
  facts.push(`**KSBs:** ${ksbCounts(standard)}${standard.ksbs.length > 0 ? ` (${standard.codeRanges()})` : ''}`);
  if (standard.options.length > 0) {
    facts.push(['**Options:**', ...standard.options.map((option) => `- ${escapeMarkdown(option.title)} (\`${escapeCode(option.id)}\`)`)].join('\n'));
  }
  if (standard.notes.length > 0) facts.push(['**Data gaps:**', ...standard.notes.map((note) => `- ${escapeMarkdown(note.text)}`)].join('\n'));
  facts.push(sourceLine(standard, isShipped));
  const links = [linkTo('Standard page', standard.standardPageUrl), linkTo('Assessment plan', standard.assessmentPlanUrl)].filter(Boolean);
  if (links.length > 0) facts.push(links.join(' · '));
  return facts.join('\n\n');
}

/** A standard's versions, latest first, each with its status and dates; the chosen one marked. */
export function describeVersions(versions: readonly StandardVersion[], chosen: StandardVersion | undefined): string {
  const latest = versions[versions.length - 1];
  const lines = [...versions].reverse().map((version) => {
    const marks = [version === latest && 'latest', version === chosen && 'this portfolio'].filter(Boolean).join(', ');
    const summary = versionSummary(version);
    return `- ${version.version}${marks ? ` (${marks})` : ''}${summary ? `: ${escapeMarkdown(summary)}` : ''}`;
  });
  return ['**Versions:**', ...lines].join('\n');
}

/** An option's title, id and the KSBs that are its own and that it counts with the core. */
export function describeOption(standard: StandardVersion, option: StandardOption): string {
  const own = standard.ksbs.filter((ksb) => ksb.options?.includes(option.id));
  return [
    `**${escapeMarkdown(option.title)}** (\`${escapeCode(option.id)}\`) · option of ${standard.label} ${escapeMarkdown(standard.title)}`,
    `**Own KSBs:** ${ksbCounts(standard, own)}`,
    `**With the core:** ${ksbCounts(standard, standard.applicableKsbs(option.id))}`,
  ].join('\n\n');
}

/** A Markdown link to an http(s) URL from a data file, or `undefined`: a workspace file's URL is not trusted to be one. */
function linkTo(title: string, url: string | undefined): string | undefined {
  const safe = safeUrl(url);
  return safe && `[${title}](${safe})`;
}

/** An http(s) URL made safe as Markdown (no spaces, parentheses or angle brackets), or `undefined` for anything else. */
function safeUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return undefined;
  return url.replace(/[()<>[\]`*_\\]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Text for inside a code span: backticks would end it. */
function escapeCode(text: string): string {
  return text.replace(/`/g, "'");
}
