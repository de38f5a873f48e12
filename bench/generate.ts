// Synthetic portfolios for the benchmark: deterministic from (GENERATOR_VERSION, seed, N), written
// once under .cache/bench/ and reused while the marker file says they match.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Bump when the generated content changes, so stale caches are rebuilt rather than reused. */
export const GENERATOR_VERSION = 3;

/** The marker written last: a portfolio without it is half-written and is generated again. */
const MARKER = '.bench-portfolio.json';

/** Evidence files per apprentice folder, and per month folder inside it. */
const FILES_PER_APPRENTICE = 200;
const FILES_PER_MONTH = 40;
/** Apprentices per cohort folder. */
const APPRENTICES_PER_COHORT = 10;

/** ST0792 v1.2 codes that apply to the production coordinator option. */
const VALID_CODES = [...range('K', 1, 23), ...range('S', 1, 20), ...range('B', 1, 4)];
/** Codes of the other option (post production coordinator): `ksb.wrong-option` for us. */
const OTHER_OPTION_CODES = [...range('K', 24, 29), ...range('S', 21, 23)];

/** Each kind of problem the rules find; a few files of each are planted in every portfolio. */
export const PROBLEM_KINDS = [
  'ksb.unknown-code',
  'ksb.wrong-option',
  'ksb.duplicate-code',
  'evidence.no-ksbs',
  'evidence.missing-attachment',
  'frontmatter.yaml-error',
  'frontmatter.invalid-field',
  'file.unreadable',
  'file.too-large',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** What the generator wrote: enough for the benchmark to find its way without walking. */
export interface GeneratedPortfolio {
  readonly version: number;
  readonly seed: number;
  readonly root: string;
  /** Evidence files (bodies 1-5 KB), problem files included, the large file excluded. */
  readonly evidenceCount: number;
  /** All Markdown files the index should read: evidence, notes and the large file. */
  readonly markdownCount: number;
  /** Markdown files inside node_modules/ folders, which must never be read. */
  readonly ignoredMarkdownCount: number;
  readonly attachmentCount: number;
  readonly totalBytes: number;
  /** Relative paths of the planted problems, by kind. */
  readonly problems: Readonly<Record<ProblemKind, readonly string[]>>;
  /** A large evidence file (about 300 KB, 40 claims) for completion and hover. */
  readonly largeFile: string;
  /** An ordinary, problem-free evidence file to edit for the incremental update. */
  readonly editFile: string;
}

/** Returns the portfolio of `count` evidence files, generating it under `cacheDir` if needed. */
export function ensurePortfolio(cacheDir: string, count: number, seed: number, log: (line: string) => void = () => undefined): GeneratedPortfolio {
  const root = join(cacheDir, `v${GENERATOR_VERSION}-seed${seed}-n${count}`);
  const markerPath = join(root, MARKER);
  if (existsSync(markerPath)) {
    try {
      const manifest = JSON.parse(readFileSync(markerPath, 'utf8')) as GeneratedPortfolio;
      if (manifest.version === GENERATOR_VERSION && manifest.seed === seed && manifest.evidenceCount === count) return { ...manifest, root };
    } catch {
      // An unreadable marker means a broken cache: regenerate below.
    }
  }
  const started = Date.now();
  rmSync(root, { recursive: true, force: true });
  const manifest = generate(root, count, seed);
  writeFileSync(markerPath, JSON.stringify(manifest, null, 2));
  log(`generated ${count} evidence files in ${root} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return manifest;
}

function generate(root: string, count: number, seed: number): GeneratedPortfolio {
  const random = mulberry32(seed ^ (count * 2654435761));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  let totalBytes = 0;
  const made = new Set<string>();
  const write = (relative: string, content: string | Uint8Array) => {
    const full = join(root, relative);
    const folder = dirname(full);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(full, content);
    totalBytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  };

  write(
    'portfolio.yaml',
    [
      '# Synthetic portfolio written by bench/generate.ts; do not edit.',
      'standard: ST0792',
      'version: "1.2"',
      'option: production-coordinator',
      'apprentice: Bench Apprentice',
      'evidence: ["evidence/**/*.md"]',
      '',
    ].join('\n'),
  );

  // Which file index carries which problem: a few per kind, spread through the portfolio.
  const problemAt = new Map<number, ProblemKind>();
  PROBLEM_KINDS.forEach((kind, k) => {
    const every = kind === 'file.too-large' ? Number.POSITIVE_INFINITY : 1000; // one 1 MB file is enough
    for (let i = 5 + k * 9; i < count; i += every) problemAt.set(i, kind);
  });
  const problems = Object.fromEntries(PROBLEM_KINDS.map((kind) => [kind, [] as string[]])) as Record<ProblemKind, string[]>;

  let attachmentCount = 0;
  let markdownCount = 0;
  let editFile = '';
  const apprentices = Math.ceil(count / FILES_PER_APPRENTICE);
  for (let a = 0; a < apprentices; a++) {
    const apprenticeFolder = `evidence/cohort-${pad(Math.floor(a / APPRENTICES_PER_COHORT), 2)}/apprentice-${pad(a, 3)}`;
    // Attachments shared by the apprentice's evidence files: some linked, the rest just present.
    const attachments: string[] = [];
    for (let k = 0; k < 12; k++) {
      const name = `${pick(ATTACHMENT_STEMS)}-${pad(k, 2)}.${pick(['csv', 'pdf', 'png', 'txt'])}`;
      write(`${apprenticeFolder}/attachments/${name}`, `attachment ${a}/${k}\n`);
      attachments.push(name);
      attachmentCount++;
    }
    const end = Math.min(count, (a + 1) * FILES_PER_APPRENTICE);
    for (let i = a * FILES_PER_APPRENTICE; i < end; i++) {
      const month = Math.floor((i % FILES_PER_APPRENTICE) / FILES_PER_MONTH);
      const relative = `${apprenticeFolder}/2026-${pad(month + 1, 2)}/${pad(i, 5)}-${pick(SLUGS)}.md`;
      const problem = problemAt.get(i);
      write(relative, evidenceFile(random, pick, i, attachments, problem));
      markdownCount++;
      if (problem) problems[problem].push(relative);
      else if (!editFile && i >= Math.floor(count / 2)) editFile = relative;
    }
    // A nested node_modules/ inside the evidence tree: the glob would match it, the walk must not.
    if (a === 0) {
      for (let k = 0; k < 5; k++) write(`${apprenticeFolder}/tools/node_modules/md-helper/doc-${k}.md`, evidenceFile(random, pick, k, attachments, undefined));
    }
  }

  // Markdown outside the evidence globs: read and parsed, but not evidence.
  write('README.md', `# Portfolio\n\nSynthetic, ${count} evidence files.\n`);
  markdownCount++;
  const notes = Math.max(1, Math.floor(count / 100));
  for (let k = 0; k < notes; k++) {
    write(`notes/${pad(Math.floor(k / 50), 3)}/note-${pad(k, 5)}.md`, `# Note ${k}\n\n${paragraphs(random, pick, 600)}\n`);
    markdownCount++;
  }

  // The large evidence file for completion and hover: 40 claims in map form, a 300 KB body.
  const largeFile = 'evidence/large-evidence.md';
  write(largeFile, largeEvidence(random, pick));
  markdownCount++;

  // node_modules/ full of Markdown, which the index must never read: one file per 5 evidence files.
  const ignored = Math.max(50, Math.floor(count / 5));
  for (let k = 0; k < ignored; k++) {
    const pkg = `node_modules/${k % 7 === 0 ? '@scope/' : ''}pkg-${pad(Math.floor(k / 10), 4)}`;
    write(`${pkg}/${k % 10 === 0 ? 'README' : `docs/page-${k % 10}`}.md`, evidenceFile(random, pick, k, [], undefined));
  }

  return {
    version: GENERATOR_VERSION,
    seed,
    root,
    evidenceCount: count,
    markdownCount,
    ignoredMarkdownCount: ignored + 5,
    attachmentCount,
    totalBytes,
    problems,
    largeFile,
    editFile,
  };
}

type Pick = <T>(list: readonly T[]) => T;

/** One evidence file: front matter with 3-10 claims, a 1-5 KB body, sometimes links. */
function evidenceFile(random: () => number, pick: Pick, i: number, attachments: readonly string[], problem: ProblemKind | undefined): string | Uint8Array {
  const codes = shuffle(random, VALID_CODES).slice(0, 3 + Math.floor(random() * 8));
  const title = `${pick(TITLE_STARTS)} ${pick(TITLE_ENDS)} (${i})`;
  const date = `2026-${pad(1 + (i % 12), 2)}-${pad(1 + (i % 28), 2)}`;
  let ksbs: string;
  let dateLine = `date: ${date}`;
  switch (problem) {
    case 'ksb.unknown-code':
      codes.push(i % 2 === 0 ? 'K30' : 'k9');
      break;
    case 'ksb.wrong-option':
      codes.push(pick(OTHER_OPTION_CODES));
      break;
    case 'ksb.duplicate-code':
      codes.push(codes[0]);
      break;
    case 'evidence.no-ksbs':
      codes.length = 0;
      break;
    case 'frontmatter.invalid-field':
      dateLine = 'date: soon';
      break;
    default:
      break;
  }
  // Three ways of writing claims, as real portfolios mix them.
  const style = i % 3;
  if (codes.length === 0) ksbs = 'ksbs: []';
  else if (style === 0) ksbs = `ksbs: [${codes.join(', ')}]`;
  else if (style === 1) ksbs = `ksbs:\n${codes.map((c) => `  - ${c}`).join('\n')}`;
  else ksbs = `ksbs:\n${codes.map((c) => `  ${c}: ${pick(JUSTIFICATIONS)}`).join('\n')}`;
  if (problem === 'frontmatter.yaml-error') ksbs = i % 2 === 0 ? `ksbs: [${codes.join(', ')}` : `ksbs:\n  - ${codes[0]}\n - ${codes[1]}`;

  const links: string[] = [];
  // About a third of the files link attachments; some link the web or their own headings.
  if (attachments.length > 0 && random() < 0.35) {
    const n = 1 + Math.floor(random() * 3);
    for (let k = 0; k < n; k++) {
      const name = pick(attachments);
      links.push(random() < 0.3 ? `![${name}](../attachments/${name})` : `[${pick(LINK_TEXTS)}](../attachments/${name})`);
    }
  }
  if (random() < 0.2) links.push(`[the production handbook](https://example.org/handbook/${i})`);
  if (random() < 0.1) links.push('[see below](#what-i-learned)');
  if (problem === 'evidence.missing-attachment') links.push(`[the signed-off version](../attachments/missing-${i}.pdf)`);

  const target = 1024 + Math.floor(random() * 4096);
  const front = `---\ntitle: ${JSON.stringify(title)}\n${dateLine}\n${ksbs}\n---\n`;
  let body = `\n# ${title}\n\n## What I did\n\n${paragraphs(random, pick, Math.floor(target * 0.45))}\n`;
  if (links.length > 0) body += `\n${links.map((l) => `- ${l}`).join('\n')}\n`;
  if (random() < 0.15) body += '\n```text\nnot a link: [x](../attachments/inside-code.pdf)\n```\n';
  body += `\n## What I learned\n\n${paragraphs(random, pick, Math.max(200, target - front.length - body.length))}\n`;
  let text = front + body;
  if (problem === 'file.too-large') text += paragraphs(random, pick, 1_100_000);
  if (problem === 'file.unreadable') {
    const bytes = Buffer.from(text);
    bytes[bytes.length >> 1] = 0; // a NUL byte: binary content
    return bytes;
  }
  return text;
}

function largeEvidence(random: () => number, pick: Pick): string {
  const codes = shuffle(random, VALID_CODES).slice(0, 40);
  const lines = ['---', 'title: "Large evidence file: the full Harbour Lights production diary"', 'date: 2026-06-30', 'ksbs:'];
  for (const code of codes) lines.push(`  ${code}: ${pick(JUSTIFICATIONS)}`);
  lines.push('---', '', '# Production diary', '');
  let body = '';
  for (let day = 1; body.length < 300_000; day++) {
    body += `## Day ${day}\n\n${paragraphs(random, pick, 1500)}\n\n- [call sheet ${day}](https://example.org/call-sheets/day-${day}.pdf)\n\n`;
  }
  return `${lines.join('\n')}\n${body}`;
}

/** Roughly `size` characters of plausible prose in paragraphs. */
function paragraphs(random: () => number, pick: Pick, size: number): string {
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const sentences: string[] = [];
    const n = 3 + Math.floor(random() * 4);
    for (let s = 0; s < n; s++) {
      const words: string[] = [];
      const w = 8 + Math.floor(random() * 12);
      for (let k = 0; k < w; k++) words.push(pick(WORDS));
      const sentence = words.join(' ');
      sentences.push(sentence[0].toUpperCase() + sentence.slice(1) + '.');
    }
    const paragraph = sentences.join(' ');
    parts.push(paragraph);
    length += paragraph.length + 2;
  }
  return parts.join('\n\n');
}

/** A small, fast, seedable PRNG: the same seed gives the same portfolio on every machine. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(random: () => number, list: readonly T[]): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function range(letter: string, from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, k) => `${letter}${from + k}`);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const WORDS = [
  'the',
  'crew',
  'call',
  'sheet',
  'schedule',
  'budget',
  'production',
  'office',
  'location',
  'shoot',
  'I',
  'we',
  'agreed',
  'with',
  'manager',
  'director',
  'department',
  'risk',
  'assessment',
  'kit',
  'booking',
  'transport',
  'contributor',
  'release',
  'form',
  'archive',
  'footage',
  'edit',
  'deadline',
  'weather',
  'tide',
  'harbour',
  'producer',
  'reconciled',
  'checked',
  'sent',
  'updated',
  'version',
  'insurance',
  'permit',
  'council',
  'parking',
  'catering',
  'safety',
  'briefing',
  'unit',
  'wrap',
  'dailies',
  'delivery',
  'spreadsheet',
  'tracker',
  'invoice',
  'supplier',
  'quote',
  'to',
  'and',
  'for',
  'a',
  'of',
  'on',
  'in',
  'before',
  'after',
  'because',
  'so',
  'that',
  'every',
  'day',
  'week',
  'team',
  'runner',
  'assistant',
  'data',
  'policy',
];
const TITLE_STARTS = [
  'Call sheet for',
  'Risk assessment of',
  'Budget reconciliation for',
  'Kit booking for',
  'Travel plan for',
  'Contributor releases for',
  'Schedule change on',
];
const TITLE_ENDS = ['the harbour shoot', 'the studio day', 'the archive session', 'the night exterior', 'the drone unit', 'the audience show', 'the pick-ups'];
const SLUGS = ['call-sheet', 'risk-assessment', 'budget', 'kit-booking', 'travel', 'releases', 'schedule', 'reflection', 'meeting-notes'];
const ATTACHMENT_STEMS = ['call-sheet', 'risk-assessment', 'cost-report', 'crew-list', 'kit-list', 'itinerary', 'release-form', 'cue-sheet'];
const LINK_TEXTS = ['final version', 'the tracker', 'signed copy', 'the schedule', 'email thread'];
const JUSTIFICATIONS = [
  'Drafted the call sheet from the shooting schedule.',
  'Reconciled the cost report against purchase orders.',
  'Agreed the risk assessment with the location manager.',
  'Kept crew data in the production portal only.',
  'Rebooked transport when the tide times moved.',
];
