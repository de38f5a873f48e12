// The report's styles, inline in the file: readable on a phone, and on A4 paper with the matrix
// split into parts that each repeat their header row and the evidence titles.

/** The report's CSS: screen first, then print. Colours come with words or marks, never alone. */
export const REPORT_CSS = `
:root{color-scheme:light;--ink:#1b1b1b;--muted:#555;--line:#c8c8c8;--ok:#1d6b2f;--bad:#9b1c1c;--fill:#2f6fb1;--head:#eef1f5}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",Arial,sans-serif;color:var(--ink);background:#fff}
main{max-width:80rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.2rem 0}
h2{font-size:1.3rem;margin:2rem 0 .6rem;border-bottom:2px solid var(--ink);padding-bottom:.2rem}
h3{font-size:1.1rem;margin:1.4rem 0 .4rem}
h4{font-size:1rem;margin:0 0 .2rem}
a{color:#0b4f8a}
code{font-family:ui-monospace,"Liberation Mono",monospace;font-size:.9em}
.subtitle{margin:0 0 1rem;color:var(--muted);font-size:1.1rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
.facts dt{font-weight:600}
.facts dd{margin:0;overflow-wrap:anywhere}
.warning{border-left:4px solid var(--bad);padding:.3rem .6rem}
.ok{color:var(--ok)}
.fail,.none{color:var(--bad)}
.meta,.matrix small{display:block;color:var(--muted);font-size:.85em;font-weight:400;overflow-wrap:anywhere}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.5rem 0}
caption{text-align:left;font-weight:600;padding:.2rem 0}
th,td{border:1px solid var(--line);padding:.25rem .4rem;vertical-align:top;text-align:left}
thead th{background:var(--head)}
.bars td:last-child{width:50%}
.bar{display:inline-block;width:100%;min-width:6rem;height:.9rem;border:1px solid var(--ink);background:#fff;vertical-align:middle}
.fill{display:block;height:100%;background:var(--fill);-webkit-print-color-adjust:exact;print-color-adjust:exact}
#mapping-matrix{table-layout:fixed}#mapping-matrix th:first-child{width:18rem}.matrix td{text-align:center;padding:.25rem .1rem}
.matrix td[data-claimed]{font-weight:700;background:#e3f0e6}
.matrix thead th:not(:first-child){text-align:center;white-space:nowrap}
.matrix tbody th{font-weight:500;overflow-wrap:anywhere}
.matrix-part{display:none}
.ksb{border-top:1px solid var(--line);padding:.5rem 0;break-inside:avoid}
.kind{font-weight:400;color:var(--muted)}
.status{font-size:.85em;font-weight:600;margin-left:.4rem;border:1px solid currentColor;border-radius:.6rem;padding:0 .4rem}
.status.ok{color:var(--ok)}
.duties{color:var(--muted);font-size:.9em}
.claims{margin:.2rem 0 0;padding-left:1.2rem}
.index .path,.problems .path{overflow-wrap:anywhere;font-family:ui-monospace,"Liberation Mono",monospace;font-size:.85em}
.number{text-align:right}
.thumb{display:block;max-width:12rem;max-height:8rem;margin-top:.3rem;border:1px solid var(--line)}
.attachment{display:block;font-size:.85em}
.checklist{list-style:none;padding:0}
.checklist li{margin:.2rem 0}
.level-error{color:var(--bad);font-weight:600}
@media (max-width:40rem){
main{padding:.5rem}
body{font-size:14px}
.facts{grid-template-columns:1fr}
.facts dt{margin-top:.3rem}
}
@page{size:A4;margin:14mm 10mm}
@media print{
body{font-size:9.5pt}
main{max-width:none;padding:0}
a{color:inherit;text-decoration:none}
.page{break-before:page}
h2,h3,h4{break-after:avoid}
.scroll{overflow:visible}
#mapping-matrix:not(.whole){display:none}
#mapping-matrix.whole{width:100%!important;table-layout:auto}
.matrix-part{display:table;width:100%;break-before:page;font-size:8pt}
.matrix-part:first-of-type{break-before:auto}
.matrix-part tbody th{width:34%}
thead{display:table-header-group}
tfoot{display:table-footer-group}
tr,img{break-inside:avoid}
td[data-claimed]{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`
  .trim()
  .replace(/\n/g, '');
