// The report as one self-contained HTML file: styles inline, images as data: URIs or relative
// links, no script, and a content security policy in the file itself so that even a hostile
// title cannot make it reach a server. Every text from the portfolio goes through escapeHtml.
import { KIND_NAMES } from '../model/codes';
import { KIND_TITLES } from '../coverage/ksbLabels';
import type { ReportImage } from './reportImages';
import type { SignoffState } from '../lifecycle/portfolioLifecycle';
import { coveredPercent, type ReportEvidence, type ReportModel } from './reportModel';
import { REPORT_CSS } from './reportStyles';

/** Options of the HTML report; the exported file takes none. */
export interface ReportHtmlOptions {
  /**
   * For the editor's webview only: one script allowed by its nonce (it turns clicks on evidence
   * into messages). The exported file never has a script.
   */
  readonly script?: { readonly nonce: string; readonly source: string };
}

/** The most KSB columns one printed part of the matrix holds on an A4 page, beside the evidence title. */
export const PRINT_COLUMNS_PER_PART = 16;

/** The screen matrix's column widths: the evidence column and each code's. */
const MATRIX_TITLE_REM = 18;
const MATRIX_CODE_REM = 2.6;

/** The policy the file carries: nothing may load but its own styles and embedded images. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Renders the whole report. */
export function renderReportHtml(model: ReportModel, options: ReportHtmlOptions = {}): string {
  const csp = options.script ? `${REPORT_CSP}; script-src 'nonce-${escapeHtml(options.script.nonce)}'` : REPORT_CSP;
  const title = reportTitle(model);
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
  ];
  cover(model, title, out);
  summary(model, out);
  matrix(model, out);
  ksbs(model, out);
  evidenceIndex(model, out);
  declarations(model, out);
  gateway(model, out);
  problems(model, out);
  out.push('</main>');
  if (options.script) out.push(`<script nonce="${escapeHtml(options.script.nonce)}">${options.script.source}</script>`);
  out.push('</body>', '</html>', '');
  return out.join('\n');
}

/** `KSB portfolio: Sam Jones, ST0792 v1.2`. */
export function reportTitle(model: ReportModel): string {
  const who = model.apprentice ? `${model.apprentice}, ` : '';
  return `KSB portfolio: ${who}${model.standard ? `${model.standard.reference} v${model.standard.version}` : 'no standard'}`;
}

/** Escapes text for HTML content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A portfolio path as a relative URL: each segment percent-encoded, so no path can become a scheme or break out. */
export function pathHref(prefix: string, path: string): string {
  const encoded = path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  return escapeHtml(`${prefix}${encoded}`);
}

/** Where a link to an evidence file goes: its piece in the same page when the input names one, else the file. */
function evidenceHref(model: ReportModel, path: string): string {
  const anchor = model.input.evidenceAnchors?.get(path);
  return anchor === undefined ? pathHref(model.input.linkPrefix ?? '', path) : `#${escapeHtml(anchor)}`;
}

/** The cover: the title and the apprenticeship's facts. */
export function cover(model: ReportModel, title: string, out: string[]): void {
  const { input, standard } = model;
  out.push('<header id="cover" class="cover">', `<h1>${escapeHtml(title)}</h1>`);
  if (standard) out.push(`<p class="subtitle">${escapeHtml(standard.title)}</p>`);
  const facts: [string, string | undefined][] = [
    ['Apprentice', model.apprentice],
    ['Employer', input.employer],
    ['Training provider', input.provider],
    ['Mentor', input.mentor],
    ['Standard', standard && `${standard.reference} version ${standard.version}: ${standard.title}`],
    ['Option', standard && (standard.option ?? 'none set (KSBs of every option count)')],
    ['Assessment method', standard?.method],
    ['Level', standard?.level === undefined ? undefined : String(standard.level)],
    ['Start', input.start],
    ['End', input.end],
    ['Generated', input.generated],
    ['Git commit', input.commit],
  ];
  out.push('<dl class="facts">');
  for (const [term, value] of facts) {
    if (value === undefined || value === '') continue;
    out.push(`<dt>${term}</dt><dd>${term === 'Git commit' ? `<code>${escapeHtml(value)}</code>` : escapeHtml(value)}</dd>`);
  }
  out.push('</dl>');
  if (!standard)
    out.push('<p class="warning"><strong>Not mapped:</strong> portfolio.yaml names no standard this tool knows, so no KSB can be counted. See Problems.</p>');
  out.push('</header>');
}

/** The summary: coverage by kind, the KSBs without evidence and the off-the-job hours. */
export function summary(model: ReportModel, out: string[]): void {
  out.push('<section id="summary" aria-labelledby="summary-heading">', '<h2 id="summary-heading">Summary</h2>');
  if (!model.summary) {
    out.push('<p>No coverage: the portfolio has no usable standard.</p>', '</section>');
    return;
  }
  const evidenceCount = model.evidence.length;
  out.push(
    `<p><strong>${model.summary.covered} of ${model.summary.total} KSBs</strong> have evidence (${coveredPercent(model.summary)}%), from ${evidenceCount} evidence ${evidenceCount === 1 ? 'file' : 'files'}.</p>`,
  );
  out.push(
    '<table class="bars"><caption>Coverage by kind</caption><thead><tr><th scope="col">Kind</th><th scope="col">Covered</th><th scope="col">Bar</th></tr></thead><tbody>',
  );
  const rows = [...model.kinds.map((k) => ({ label: KIND_TITLES[k.kind], count: k.count })), { label: 'All', count: model.summary }];
  for (const { label, count } of rows) {
    const percent = coveredPercent(count);
    out.push(
      `<tr><th scope="row">${label}</th><td>${count.covered}/${count.total} (${percent}%)</td><td><span class="bar" role="img" aria-label="${percent}% covered"><span class="fill" style="width:${percent}%"></span></span></td></tr>`,
    );
  }
  out.push('</tbody></table>');
  const uncovered = model.ksbs.filter((k) => k.evidence.length === 0).map((k) => k.ksb.code);
  out.push(
    uncovered.length > 0
      ? `<p><strong>Without evidence:</strong> ${uncovered.map((c) => `<a href="#ksb-${escapeHtml(c)}">${escapeHtml(c)}</a>`).join(', ')}</p>`
      : '<p>Every KSB has evidence.</p>',
  );
  if (model.otherMethods.length > 0) {
    // Grouped by the methods that assess them: one line per method, not its title at every code.
    const byMethods = new Map<string, string[]>();
    for (const k of model.otherMethods) {
      const by = k.assessedBy.join(', ') || 'no method listed';
      byMethods.set(by, [...(byMethods.get(by) ?? []), k.code]);
    }
    out.push(`<p><strong>Assessed by other methods</strong>, not counted for ${escapeHtml(model.standard?.method ?? 'this method')}:</p>`, '<ul>');
    for (const [by, codes] of byMethods) out.push(`<li>${escapeHtml(by)}: ${escapeHtml(codes.join(', '))}</li>`);
    out.push('</ul>');
  }
  if (model.drafts.length > 0)
    out.push(
      `<p><strong>Drafts, not counted:</strong> ${model.drafts.map((path) => `<code>${escapeHtml(path)}</code>`).join(', ')} (\`draft: true\`: evidence once undrafted).</p>`,
    );
  const otj = model.input.otjTotal;
  if (otj) {
    const target = otj.target === undefined ? ' hours logged, against no target' : ` of ${formatHours(otj.target)} hours logged`;
    const pace = otj.expectedByToday === undefined ? '' : ` (${formatHours(otj.expectedByToday)} expected by ${escapeHtml(model.input.generated)}, pro rata)`;
    out.push(`<p><strong>Off-the-job training:</strong> ${formatHours(otj.logged)}${target}${pace}, in evidence files and hour logs.</p>`);
  }
  out.push('</section>');
}

/**
 * The matrix: one row per evidence file, one column per applicable code. On screen it is one
 * table that scrolls sideways; in print the same rows come again in parts of at most
 * PRINT_COLUMNS_PER_PART codes, each repeating the evidence title, since a printed page cannot scroll.
 * Body cells leave out their optional end tags: a 10 000-row matrix has 500 000 of them.
 */
export function matrix(model: ReportModel, out: string[]): void {
  out.push('<section id="matrix" class="page" aria-labelledby="matrix-heading">', '<h2 id="matrix-heading">Mapping matrix</h2>');
  if (model.codes.length === 0) {
    out.push('<p>No matrix: without a usable standard there are no KSB columns.</p>', '</section>');
    return;
  }
  out.push(
    `<p>${model.evidence.length === 0 ? 'No evidence files yet.' : 'Each row is an evidence file; ✓ marks a KSB it claims (the justification shows when you point at it, and under each KSB below).'}</p>`,
  );
  const justificationOf = (evidence: ReportEvidence) => new Map(evidence.claims.map((c) => [c.code, c.justification]));
  const head = (codes: readonly string[]) =>
    `<thead><tr><th scope="col">Evidence (title, date, path)</th>${codes.map((c) => `<th scope="col"><a href="#ksb-${escapeHtml(c)}">${escapeHtml(c)}</a></th>`).join('')}</tr></thead>`;
  const rows = model.evidence.map((evidence) => ({ evidence, title: escapeHtml(evidence.title), claims: justificationOf(evidence) }));

  // Fixed layout: the browser sizes the columns from the header instead of measuring every cell.
  const width = `${MATRIX_TITLE_REM + model.codes.length * MATRIX_CODE_REM}rem`;
  // A narrow standard's matrix fits a page as it is: it prints itself, without parts.
  const whole = model.codes.length <= PRINT_COLUMNS_PER_PART;
  out.push('<div class="scroll" role="region" aria-label="Mapping matrix, scrolls sideways" tabindex="0">');
  out.push(
    `<table id="mapping-matrix" class="matrix${whole ? ' whole' : ''}" style="width:${width}"><caption>Evidence against ${model.codes.length} KSBs</caption>${head(model.codes)}<tbody>`,
  );
  for (const { evidence, title, claims } of rows) {
    const meta = `${evidence.date ? `${escapeHtml(evidence.date)} · ` : ''}${escapeHtml(evidence.path)}`;
    const cells = model.codes.map((code) => {
      if (!claims.has(code)) return '<td>';
      const justification = claims.get(code);
      return `<td data-claimed title="${escapeHtml(justification ? `${code}: ${justification}` : code)}">✓`;
    });
    out.push(`<tr><th scope="row"><a href="${evidenceHref(model, evidence.path)}">${title}</a><small>${meta}</small>${cells.join('')}`);
  }
  out.push('</tbody></table></div>');

  // Print only, and hidden from assistive technology, which reads the whole table above: the titles
  // and marks alone (no tooltip prints), to keep a large portfolio's file small.
  const parts = whole ? [] : columnParts(model);
  parts.forEach((codes, i) => {
    out.push(
      `<table class="matrix matrix-part" aria-hidden="true"><caption>Mapping matrix, part ${i + 1} of ${parts.length}: ${escapeHtml(codes[0])}–${escapeHtml(codes[codes.length - 1])}</caption>${head(codes)}<tbody>`,
    );
    for (const { title, claims } of rows)
      out.push(`<tr><th scope="row">${title}${codes.map((code) => (claims.has(code) ? '<td data-claimed>✓' : '<td>')).join('')}`);
    out.push('</tbody></table>');
  });
  out.push('</section>');
}

/** The codes split for print: by kind, each kind in runs of at most PRINT_COLUMNS_PER_PART. */
export function columnParts(model: ReportModel): string[][] {
  const parts: string[][] = [];
  const byKind = new Map<string, string[]>();
  for (const { ksb } of model.ksbs) {
    let list = byKind.get(ksb.kind);
    if (!list) byKind.set(ksb.kind, (list = []));
    list.push(ksb.code);
  }
  for (const codes of byKind.values()) {
    const count = Math.ceil(codes.length / PRINT_COLUMNS_PER_PART);
    // Even runs: 20 codes print as 10 + 10, not 16 + 4.
    const size = Math.ceil(codes.length / count);
    for (let i = 0; i < codes.length; i += size) parts.push(codes.slice(i, i + size));
  }
  return parts;
}

/** Each KSB counted, with the evidence that claims it and why. */
export function ksbs(model: ReportModel, out: string[]): void {
  if (model.ksbs.length === 0) return;
  const anchors = new Map(model.evidence.map((e, i) => [e.path, i + 1]));
  out.push('<section id="ksbs" class="page" aria-labelledby="ksbs-heading">', '<h2 id="ksbs-heading">Knowledge, skills and behaviours</h2>');
  for (const { kind } of model.kinds) {
    const entries = model.ksbs.filter((k) => k.ksb.kind === kind);
    const count = model.kinds.find((k) => k.kind === kind)?.count;
    out.push(`<h3>${KIND_TITLES[kind]}${count ? ` (${count.covered}/${count.total})` : ''}</h3>`);
    for (const { ksb, evidence } of entries) {
      const status = evidence.length > 0 ? `<span class="status ok">${evidence.length} evidence</span>` : '<span class="status none">No evidence</span>';
      const code = escapeHtml(ksb.code);
      out.push(`<article class="ksb" id="ksb-${code}" aria-labelledby="h-${code}">`);
      out.push(`<h4 id="h-${code}">${code} <span class="kind">${KIND_NAMES[ksb.kind].singular}</span> ${status}</h4>`, `<p>${escapeHtml(ksb.text)}</p>`);
      if (ksb.duties.length > 0) {
        out.push(`<p class="duties"><strong>Duties:</strong> ${ksb.duties.map((d) => `${d.number}. ${escapeHtml(d.text)}`).join('; ')}</p>`);
      }
      if (evidence.length > 0) {
        out.push('<ul class="claims">');
        for (const e of evidence) {
          const why = e.justification ? ` — ${escapeHtml(e.justification)}` : ' <span class="meta">(no justification given)</span>';
          // To the evidence's row in the index (which links the file): shorter than its path, for 10 000 files.
          out.push(`<li><a href="#e${anchors.get(e.path)}">${escapeHtml(e.title)}</a>${why}`);
        }
        out.push('</ul>');
      }
      out.push('</article>');
    }
  }
  out.push('</section>');
}

const SIGNOFF_WORDS: Readonly<Record<SignoffState, string>> = {
  signed: '✓ Signed',
  stale: '! Changed since signed',
  unverified: '! Not proved by git',
  unsigned: '✗ Not signed',
};

/** The index of evidence: title, date, path, KSBs, sign-off and hours of every file. */
export function evidenceIndex(model: ReportModel, out: string[]): void {
  const prefix = model.input.linkPrefix ?? '';
  out.push('<section id="evidence-index" class="page" aria-labelledby="index-heading">', '<h2 id="index-heading">Index of evidence</h2>');
  if (model.evidence.length === 0) {
    out.push('<p>No evidence files yet.</p>', '</section>');
    return;
  }
  const headers = ['Evidence', 'Date', 'Path', 'KSBs claimed', ...(model.hasSignoffs ? ['Sign-off'] : []), ...(model.hasOtjHours ? ['Off-the-job hours'] : [])];
  out.push('<div class="scroll" role="region" aria-label="Index of evidence" tabindex="0"><table id="evidence-table" class="index">');
  out.push(`<thead><tr>${headers.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>`);
  let hours = 0;
  for (const [i, e] of model.evidence.entries()) {
    const cells = [
      `<th scope="row"><a href="${evidenceHref(model, e.path)}">${escapeHtml(e.title)}</a>${images(e.images, prefix)}</th>`,
      `<td>${e.date ? escapeHtml(e.date) : '<span class="meta">no date</span>'}</td>`,
      `<td class="path">${escapeHtml(e.path)}</td>`,
      `<td>${e.claims.length > 0 ? e.claims.map((c) => c.code).join(', ') : '<span class="meta">none</span>'}</td>`,
    ];
    if (model.hasSignoffs) cells.push(`<td>${signoff(e)}</td>`);
    if (model.hasOtjHours) {
      hours += e.otjHours ?? 0;
      cells.push(`<td class="number">${e.otjHours === undefined ? '' : formatHours(e.otjHours)}</td>`);
    }
    out.push(`<tr id="e${i + 1}">${cells.join('')}</tr>`);
  }
  out.push('</tbody>');
  if (model.hasOtjHours) {
    out.push(
      `<tfoot><tr><th scope="row" colspan="${headers.length - 1}">Off-the-job hours in these evidence files</th><td class="number">${formatHours(hours)}</td></tr></tfoot>`,
    );
  }
  out.push('</table></div>', '</section>');
}

function signoff(e: ReportEvidence): string {
  const state = e.signoffState ? `<strong class="signoff-${e.signoffState}">${SIGNOFF_WORDS[e.signoffState]}</strong>` : '';
  const who = e.signoffs.map(
    (s) =>
      `${escapeHtml(s.by)} (${escapeHtml(s.role)}), ${escapeHtml(s.date)}${s.current ? '' : ', before the last change'}${s.proof && !s.proof.startsWith('not checked') ? `; ${escapeHtml(s.proof)}` : ''}`,
  );
  return [state, ...who].filter(Boolean).join('<br>');
}

/** Who signed each evidence file, as what, when, and how git proves it: one row per sign-off. */
function declarations(model: ReportModel, out: string[]): void {
  const signed = model.evidence.filter((e) => e.signoffs.length > 0);
  if (signed.length === 0) return;
  const prefix = model.input.linkPrefix ?? '';
  out.push('<section id="declarations" class="page" aria-labelledby="declarations-heading">', '<h2 id="declarations-heading">Declarations</h2>');
  out.push(
    '<p>Each sign-off: who signed which evidence, as what and when, whether the evidence is still what was signed, and how git proves who made it (<code>verify-signoffs</code> in portfolio.yaml).</p>',
  );
  out.push('<div class="scroll" role="region" aria-label="Declarations" tabindex="0"><table class="declarations">');
  out.push(
    '<thead><tr><th scope="col">Evidence</th><th scope="col">Signed by</th><th scope="col">As</th><th scope="col">On</th><th scope="col">Still as signed</th><th scope="col">Proved</th></tr></thead><tbody>',
  );
  for (const e of signed) {
    for (const s of e.signoffs) {
      out.push(
        `<tr><th scope="row"><a href="${pathHref(prefix, e.path)}">${escapeHtml(e.title)}</a></th><td>${escapeHtml(s.by)}</td><td>${escapeHtml(s.role)}</td><td>${escapeHtml(s.date)}</td><td>${s.current ? 'yes' : '<strong>no: changed since</strong>'}</td><td>${escapeHtml(s.proof ?? 'not checked')}</td></tr>`,
      );
    }
  }
  out.push('</tbody></table></div>', '</section>');
}

function formatHours(hours: number): string {
  return Number.isFinite(hours) ? String(Math.round(hours * 100) / 100) : '';
}

function images(list: readonly ReportImage[], prefix: string): string {
  if (list.length === 0) return '';
  const items = list.map((image) =>
    image.dataUri
      ? `<img src="${escapeHtml(image.dataUri)}" alt="${escapeHtml(image.path)}" class="thumb">`
      : `<a href="${pathHref(prefix, image.path)}" class="attachment">${escapeHtml(image.path)}</a>`,
  );
  return `<span class="images">${items.join(' ')}</span>`;
}

/** The gateway checklist, when the input has one. */
export function gateway(model: ReportModel, out: string[]): void {
  const status = model.input.gateway;
  if (!status) return;
  out.push('<section id="gateway" class="page" aria-labelledby="gateway-heading">', '<h2 id="gateway-heading">Gateway checklist</h2>');
  out.push(`<p class="${status.ready ? 'ok' : 'warning'}"><strong>${status.ready ? '✓ Ready for gateway' : '✗ Not ready for gateway'}</strong></p>`);
  out.push('<ul class="checklist">');
  for (const check of status.checks) {
    out.push(
      `<li class="${check.ok ? 'ok' : 'fail'}"><strong>${check.ok ? '✓ Met' : '✗ Not met'}</strong> <code>${escapeHtml(check.id)}</code>: ${escapeHtml(check.detail)}</li>`,
    );
  }
  out.push('</ul>', '</section>');
}

/** What `ksb check` reports, when there is anything. */
export function problems(model: ReportModel, out: string[]): void {
  if (model.problems.length === 0) return;
  out.push(
    '<section id="problems" class="page" aria-labelledby="problems-heading">',
    `<h2 id="problems-heading">Problems (${model.problems.length})</h2>`,
    '<p>What <code>ksb check</code> reports for this portfolio.</p>',
    '<div class="scroll" role="region" aria-label="Problems" tabindex="0"><table class="problems">',
    '<thead><tr><th scope="col">Where</th><th scope="col">Level</th><th scope="col">Code</th><th scope="col">Problem</th></tr></thead><tbody>',
  );
  for (const p of model.problems) {
    out.push(
      `<tr><td class="path">${escapeHtml(p.path)}:${p.line}</td><td class="level-${p.severity}">${p.severity}</td><td><code>${escapeHtml(p.code)}</code></td><td>${escapeHtml(p.message)}</td></tr>`,
    );
  }
  out.push('</tbody></table></div>', '</section>');
}
