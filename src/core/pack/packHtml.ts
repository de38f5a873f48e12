// The submission pack's page, portfolio.html: the report's cover, then the declarations, the
// contents with word counts, every evidence piece rendered from its Markdown (each on a new printed
// page), the mapping annex, the index, the hours, the gateway checklist and the problems. One
// self-contained file: styles inline, images as data: URIs, no script, and the report's content
// security policy, so nothing in it can reach a server.
import { formatBytes } from '../base/fileLimits';
import { dirname, joinPath } from '../base/paths';
import { localTarget } from '../read/links';
import { proseWordCount } from '../read/proseWords';
import { cover, escapeHtml, evidenceIndex, gateway, ksbs, matrix, problems, REPORT_CSP, reportTitle } from '../report/reportHtml';
import { imageType, toBase64, DEFAULT_IMAGE_LIMITS, type ImageLimits } from '../report/reportImages';
import type { ReportEvidence, ReportModel } from '../report/reportModel';
import { REPORT_CSS } from '../report/reportStyles';
import { renderEvidenceTree, type ResolvedUrl } from './evidenceMarkdown';
import type { PackFiles } from './packFiles';
import { PACK_CSS } from './packStyles';

/** The anchor of the n-th evidence piece (from 1) in the pack's page; the index's rows have `e1`, `e2`. */
export function pieceAnchor(n: number): string {
  return `piece-${n}`;
}

/** The in-page anchor of every evidence file, by path, for the report's sections to link to. */
export function pieceAnchors(files: PackFiles): Map<string, string> {
  return new Map(files.evidence.map((e, i) => [e.path, pieceAnchor(i + 1)]));
}

/** Prose words of each evidence file (front matter, code and link addresses left out), by path; none for one not read. */
export function evidenceWordCounts(files: PackFiles): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of files.evidence) if (e.text !== undefined) counts.set(e.path, proseWordCount(e.text));
  return counts;
}

/** A path from the portfolio root as a relative URL from portfolio.html at the ZIP's root. */
export function zipHref(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** Options of the pack's page. */
export interface PackHtmlOptions {
  /** The title of the assessment method the portfolio underpins, whose KSBs the annex maps (`assessment:`). */
  readonly method?: string;
  /** The method's bounds on words of evidence in all, said beside the total. */
  readonly words?: { readonly min?: number; readonly max?: number };
  readonly imageLimits?: ImageLimits;
}

/**
 * Renders portfolio.html. `model` is the report's, built with the pieces' anchors
 * (`evidenceAnchors: pieceAnchors(files)`) so its links stay inside the page.
 */
export function renderPackHtml(model: ReportModel, files: PackFiles, options: PackHtmlOptions = {}): string {
  const imageLimits = options.imageLimits ?? DEFAULT_IMAGE_LIMITS;
  const title = reportTitle(model).replace(/^KSB portfolio/, 'Submission pack');
  const words = evidenceWordCounts(files);
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}${PACK_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
  ];
  cover(model, title, out);
  declarations(model, out);
  contents(model, files, words, options.words, out);
  pieces(model, files, words, imageLimits, out);
  out.push('<div id="annex" class="annex">');
  const against = options.method ? `the KSBs that ${escapeHtml(options.method)} assesses` : 'the KSBs of the standard';
  out.push(`<h2 class="annex-title page">Annex: the evidence mapped against ${against}</h2>`);
  matrix(model, out);
  ksbs(model, out);
  out.push('</div>');
  evidenceIndex(model, out);
  hours(model, out);
  gateway(model, out);
  leftOut(files, out);
  problems(model, out);
  out.push('</main>', '</body>', '</html>', '');
  return out.join('\n');
}

/** The apprentice's statement that the work is their own, and every sign-off with who, role, date and how it is proved. */
function declarations(model: ReportModel, out: string[]): void {
  const who = model.apprentice ? escapeHtml(model.apprentice) : 'the apprentice';
  out.push('<section id="declarations" class="page" aria-labelledby="declarations-heading">', '<h2 id="declarations-heading">Declarations</h2>');
  out.push(
    '<h3>The apprentice</h3>',
    `<p class="declaration">I, ${who}, declare that the evidence in this portfolio is my own work, that where others contributed I have said so, and that it reflects what I did during my apprenticeship.</p>`,
    '<dl class="facts signature"><dt>Name</dt><dd>' +
      (model.apprentice ? escapeHtml(model.apprentice) : '<span class="meta">not named in portfolio.yaml</span>') +
      '</dd><dt>Signature</dt><dd class="blank"></dd><dt>Date</dt><dd class="blank"></dd></dl>',
  );
  const signed = model.evidence.filter((e) => e.signoffs.length > 0);
  out.push('<h3>Sign-offs</h3>');
  if (signed.length === 0) {
    out.push('<p>No evidence is signed off yet.</p>', '</section>');
    return;
  }
  out.push(
    '<p>Who confirmed each piece of evidence. How a sign-off is proved: the commit that wrote it and its author (<code>verify-signoffs</code> in portfolio.yaml), with its signature when git verified one; <em>not checked</em> means git was not asked to prove who wrote it.</p>',
    '<div class="scroll" role="region" aria-label="Sign-offs" tabindex="0"><table class="signoffs">',
    '<thead><tr><th scope="col">Evidence</th><th scope="col">Signed by</th><th scope="col">Role</th><th scope="col">Date</th><th scope="col">Still matches the file</th><th scope="col">How proved</th></tr></thead><tbody>',
  );
  for (const e of signed) {
    for (const s of e.signoffs) {
      out.push(
        `<tr><th scope="row"><a href="${anchorHref(model, e)}">${escapeHtml(e.title)}</a></th><td>${escapeHtml(s.by)}</td><td>${escapeHtml(s.role)}</td><td>${escapeHtml(s.date)}</td><td>${s.current ? 'Yes' : '<strong class="fail">No: changed since</strong>'}</td><td>${escapeHtml(s.proof ?? 'not checked')}</td></tr>`,
      );
    }
  }
  out.push('</tbody></table></div>', '</section>');
}

function anchorHref(model: ReportModel, e: ReportEvidence): string {
  return `#${escapeHtml(model.input.evidenceAnchors?.get(e.path) ?? '')}`;
}

/** The contents: every piece with its date, KSBs and prose words, then the sections after them. */
function contents(model: ReportModel, files: PackFiles, words: ReadonlyMap<string, number>, bounds: PackHtmlOptions['words'], out: string[]): void {
  out.push('<section id="contents" class="page" aria-labelledby="contents-heading">', '<h2 id="contents-heading">Contents</h2>');
  const byPath = new Map(model.evidence.map((e) => [e.path, e]));
  if (files.evidence.length === 0) out.push('<p>No evidence files yet.</p>');
  else {
    out.push(
      '<div class="scroll" role="region" aria-label="Contents" tabindex="0"><table class="contents">',
      '<caption>Evidence, with its words of prose (front matter, code and link addresses not counted)</caption>',
      '<thead><tr><th scope="col">No.</th><th scope="col">Evidence</th><th scope="col">Date</th><th scope="col">KSBs</th><th scope="col">Words</th></tr></thead><tbody>',
    );
    let total = 0;
    files.evidence.forEach((piece, i) => {
      const e = byPath.get(piece.path);
      const count = words.get(piece.path);
      total += count ?? 0;
      out.push(
        `<tr><td class="number">${i + 1}</td><th scope="row"><a href="#${pieceAnchor(i + 1)}">${escapeHtml(e?.title ?? piece.path)}</a></th><td>${e?.date ? escapeHtml(e.date) : ''}</td><td>${e && e.claims.length > 0 ? e.claims.map((c) => escapeHtml(c.code)).join(', ') : '<span class="meta">none</span>'}</td><td class="number">${count === undefined ? '' : count.toLocaleString('en-GB')}</td></tr>`,
      );
    });
    out.push(
      `</tbody><tfoot><tr><th scope="row" colspan="4">Words in all${boundsText(bounds)}</th><td class="number">${total.toLocaleString('en-GB')}</td></tr></tfoot></table></div>`,
    );
  }
  out.push(
    '<ul class="sections">',
    '<li><a href="#annex">Annex: mapping matrix and KSBs</a></li>',
    '<li><a href="#evidence-index">Index of evidence</a></li>',
    '<li><a href="#hours">Off-the-job hours</a></li>',
    ...(model.input.gateway ? ['<li><a href="#gateway">Gateway checklist</a></li>'] : []),
    ...(files.leftOut.length > 0 ? ['<li><a href="#left-out">Files not in the pack</a></li>'] : []),
    ...(model.problems.length > 0 ? ['<li><a href="#problems">Problems</a></li>'] : []),
    '</ul>',
    '</section>',
  );
}

/** ` (the assessment method asks for 2,000 to 15,000)`, or nothing without bounds. */
function boundsText(bounds: PackHtmlOptions['words']): string {
  const n = (value: number) => value.toLocaleString('en-GB');
  if (bounds?.min !== undefined && bounds.max !== undefined) return ` (the assessment method asks for ${n(bounds.min)} to ${n(bounds.max)})`;
  if (bounds?.max !== undefined) return ` (the assessment method asks for at most ${n(bounds.max)})`;
  if (bounds?.min !== undefined) return ` (the assessment method asks for at least ${n(bounds.min)})`;
  return '';
}

/** Every evidence piece, on a page of its own: a panel of its front matter, then its Markdown rendered. */
function pieces(model: ReportModel, files: PackFiles, words: ReadonlyMap<string, number>, imageLimits: ImageLimits, out: string[]): void {
  const byPath = new Map(model.evidence.map((e) => [e.path, e]));
  const anchors = new Map(files.evidence.map((e, i) => [e.path, pieceAnchor(i + 1)]));
  const bytesOf = new Map(files.files.map((f) => [f.path, f.bytes]));
  let embedded = 0;
  files.evidence.forEach((piece, i) => {
    const n = i + 1;
    const e = byPath.get(piece.path);
    const id = pieceAnchor(n);
    out.push(`<article class="piece" id="${id}" aria-labelledby="${id}-title">`);
    out.push(`<h2 id="${id}-title"><span class="number-label">${n}.</span> ${escapeHtml(e?.title ?? piece.path)}</h2>`);
    out.push('<dl class="panel">', `<dt>File</dt><dd><a href="${zipHref(piece.path)}" class="path">${escapeHtml(piece.path)}</a></dd>`);
    out.push(`<dt>Date</dt><dd>${e?.date ? escapeHtml(e.date) : '<span class="meta">no date</span>'}</dd>`);
    const count = words.get(piece.path);
    if (count !== undefined) out.push(`<dt>Words</dt><dd>${count.toLocaleString('en-GB')}</dd>`);
    out.push('<dt>KSBs claimed</dt><dd>');
    if (e && e.claims.length > 0) {
      out.push('<ul class="claims">');
      for (const c of e.claims) {
        out.push(
          `<li><strong>${escapeHtml(c.code)}</strong>${c.justification ? `: ${escapeHtml(c.justification)}` : ' <span class="meta">(no justification given)</span>'}</li>`,
        );
      }
      out.push('</ul>');
    } else out.push('<span class="meta">none</span>');
    out.push('</dd></dl>');
    if (!piece.parsed) {
      out.push(`<p class="warning">${escapeHtml(piece.notShown ?? 'Not shown.')}</p>`, '</article>');
      return;
    }
    const resolve = (url: string): ResolvedUrl | undefined => {
      const target = localTarget(url);
      if (target === undefined) return undefined;
      const absolute = target.startsWith('/') ? joinPath(files.root, target) : joinPath(dirname(joinPath(files.root, piece.path)), target);
      const state = files.targets.get(absolute);
      if (!state) return { kind: 'absent', why: 'not in the pack' };
      if (!state.taken) return { kind: 'absent', why: `Not in the pack: ${state.why}` };
      const anchor = anchors.get(state.path);
      if (anchor !== undefined) return { kind: 'anchor', href: `#${anchor}` };
      const type = imageType(state.path);
      const bytes = bytesOf.get(state.path);
      if (type && bytes && bytes.length <= imageLimits.maxImageBytes && embedded + bytes.length <= imageLimits.maxTotalBytes) {
        embedded += bytes.length;
        return { kind: 'file', href: zipHref(state.path), dataUri: `data:${type};base64,${toBase64(bytes)}` };
      }
      return { kind: 'file', href: zipHref(state.path) };
    };
    out.push(`<div class="evidence-body">${renderEvidenceTree(piece.parsed, { idPrefix: `${id}-`, resolve })}</div>`, '</article>');
  });
}

/** The off-the-job hours: logged against the target, and each evidence file's share. */
function hours(model: ReportModel, out: string[]): void {
  out.push('<section id="hours" class="page" aria-labelledby="hours-heading">', '<h2 id="hours-heading">Off-the-job hours</h2>');
  const total = model.input.otjTotal;
  if (!total) {
    out.push('<p>No off-the-job hours are recorded in this portfolio.</p>', '</section>');
    return;
  }
  const target = total.target === undefined ? ', against no target' : ` of a target of ${hoursText(total.target)}`;
  const pace = total.expectedByToday === undefined ? '' : ` (${hoursText(total.expectedByToday)} expected by ${escapeHtml(model.input.generated)}, pro rata)`;
  out.push(`<p><strong>${hoursText(total.logged)} hours logged</strong>${target}${pace}, in evidence files and hour logs.</p>`);
  const withHours = model.evidence.filter((e) => e.otjHours !== undefined);
  if (withHours.length > 0) {
    out.push(
      '<table class="hours"><caption>Hours in evidence files</caption><thead><tr><th scope="col">Evidence</th><th scope="col">Hours</th></tr></thead><tbody>',
    );
    for (const e of withHours)
      out.push(`<tr><th scope="row"><a href="${anchorHref(model, e)}">${escapeHtml(e.title)}</a></th><td class="number">${hoursText(e.otjHours!)}</td></tr>`);
    out.push('</tbody></table>');
  }
  out.push('</section>');
}

function hoursText(hours: number): string {
  return Number.isFinite(hours) ? String(Math.round(hours * 100) / 100) : '';
}

/** The files the evidence names that the pack could not take, and why. */
function leftOut(files: PackFiles, out: string[]): void {
  if (files.leftOut.length === 0) return;
  out.push(
    '<section id="left-out" class="page" aria-labelledby="left-out-heading">',
    `<h2 id="left-out-heading">Files not in the pack (${files.leftOut.length})</h2>`,
    '<p>The evidence links these files, but the pack does not carry them.</p>',
    '<div class="scroll" role="region" aria-label="Files not in the pack" tabindex="0"><table class="problems">',
    '<thead><tr><th scope="col">File</th><th scope="col">Linked from</th><th scope="col">Why it is left out</th></tr></thead><tbody>',
  );
  for (const f of files.leftOut)
    out.push(`<tr><td class="path">${escapeHtml(f.path)}</td><td class="path">${escapeHtml(f.from)}</td><td>${escapeHtml(f.reason)}</td></tr>`);
  out.push('</tbody></table></div>', '</section>');
}

/** `12.3 MB in 14 files`, for messages about the pack. */
export function describeFiles(files: PackFiles): string {
  const bytes = files.files.reduce((sum, f) => sum + f.bytes.length, 0);
  return `${formatBytes(bytes)} in ${files.files.length} ${files.files.length === 1 ? 'file' : 'files'}`;
}
