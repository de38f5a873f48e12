// The pack's styles on top of the report's: each evidence piece starts a printed page, its front
// matter is a small panel, and its rendered Markdown (tables, code, images) fits an A4 page.

/** The pack's CSS, after REPORT_CSS. */
export const PACK_CSS = `
.piece{border-top:3px solid var(--ink);margin-top:2.5rem;padding-top:.3rem}
.piece>h2{border:0;margin-top:.4rem}
.number-label{color:var(--muted);font-weight:400}
.panel{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0 0 1rem;padding:.5rem .7rem;background:var(--head);border:1px solid var(--line);font-size:.9em}
.panel dt{font-weight:600}
.panel dd{margin:0;overflow-wrap:anywhere}
.panel .claims{padding-left:1rem}
.panel .meta{display:inline}
.path{font-family:ui-monospace,"Liberation Mono",monospace;font-size:.9em;overflow-wrap:anywhere}
.evidence-body{overflow-wrap:anywhere}
.evidence-body img{max-width:100%;height:auto}
.evidence-body pre{white-space:pre-wrap;background:#f5f6f8;border:1px solid var(--line);padding:.5rem;font-size:.85em}
.evidence-body table{max-width:100%}
.evidence-body blockquote{margin:.5rem 0;padding-left:.8rem;border-left:3px solid var(--line);color:var(--muted)}
.evidence-body .absent{color:var(--bad);text-decoration:underline dotted}
.evidence-body h3{font-size:1.15rem}.evidence-body h4{font-size:1.05rem}.evidence-body h5,.evidence-body h6{font-size:1rem}
.declaration{font-size:1.05em;max-width:45rem}
.signature dd.blank{border-bottom:1px solid var(--ink);min-height:1.6rem;max-width:20rem}
.annex-title{font-size:1.5rem;font-weight:700;margin:2.5rem 0 0}
.sections{padding-left:1.2rem}
@media print{
.piece{break-before:page;border-top:0;margin-top:0}
.annex-title{margin-top:0}
.annex-title+section{break-before:auto}
.evidence-body pre,.evidence-body table,.evidence-body img{break-inside:avoid}
}
`
  .trim()
  .replace(/\n/g, '');
