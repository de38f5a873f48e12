// The cohort as one self-contained HTML page: every portfolio a row, sortable by any column through
// one small inline script that the page's content security policy allows by its hash and nothing
// else; no request can leave the page. Every text from a portfolio goes through escapeHtml.
import { sha256Hex } from '../base/sha256';
import { escapeHtml, pathHref } from '../report/reportHtml';
import { toBase64 } from '../report/reportImages';
import type { CohortProblem, CohortRow, RagStatus } from './cohortRow';
import { cohortColumns } from './cohortTable';

/** The sorter: a click on a heading sorts the rows by that column's `data-sort` or text (numbers as numbers, empty cells last), again to reverse. */
export const COHORT_SORT_SCRIPT = `"use strict";
for (const button of document.querySelectorAll("th button")) {
  button.addEventListener("click", () => {
    const th = button.parentElement, table = th.closest("table"), body = table.tBodies[0];
    const column = Array.prototype.indexOf.call(th.parentElement.children, th);
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    for (const other of table.querySelectorAll("th")) other.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const key = (row) => row.cells[column].dataset.sort ?? row.cells[column].textContent;
    const rows = Array.from(body.rows).sort((a, b) => {
      const x = key(a), y = key(b), nx = Number(x), ny = Number(y);
      // An unknown figure (an empty cell) goes last either way.
      if (x === "" || y === "") return (x === "") - (y === "");
      const order = !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x.localeCompare(y);
      return ascending ? order : -order;
    });
    body.append(...rows);
  });
}
`;

const COHORT_CSS = `
:root{color-scheme:light;--ink:#1b1b1b;--muted:#555;--line:#c8c8c8;--head:#eef1f5}
body{margin:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",Arial,sans-serif;color:var(--ink);background:#fff}
main{padding:1rem}
h1{font-size:1.5rem;margin:.2rem 0}
.meta{color:var(--muted)}
.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid var(--line);padding:.2rem .4rem;text-align:left;vertical-align:top}
thead th{background:var(--head);position:sticky;top:0}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit;text-align:left}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
td.num{text-align:right}
.rag-red{background:#f8d7d7}
.rag-amber{background:#fdebc8}
.rag-green{background:#d8efdc}
.problems li{overflow-wrap:anywhere}
`;

/** `sha256-…` of a text, as a content security policy names an inline script or style. */
export function cspHash(text: string): string {
  const hex = sha256Hex(new TextEncoder().encode(text));
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return `'sha256-${toBase64(bytes)}'`;
}

/** The page's policy: only its own style and sorter run; nothing loads, no form posts, no base changes. */
export const COHORT_CSP = `default-src 'none'; style-src ${cspHash(COHORT_CSS)}; script-src ${cspHash(COHORT_SORT_SCRIPT)}; img-src 'none'; base-uri 'none'; form-action 'none'`;

/** What the page says above the table. */
export interface CohortPageOptions {
  readonly today: string;
  readonly problems?: readonly CohortProblem[];
}

const RAG_WORDS: Readonly<Record<RagStatus, string>> = { red: 'red', amber: 'amber', green: 'green' };

/** Column headings whose cells are numbers, right-aligned. */
const NUMERIC = new Set([
  'covered',
  'total',
  'errors',
  'warnings',
  'evidence',
  'hours logged',
  'hours expected',
  'hours target',
  'signed',
  'stale',
  'unsigned',
  'unverified',
  'evidence added',
  'claims added',
  'hours added',
]);

/** Renders the cohort page. */
export function renderCohortHtml(rows: readonly CohortRow[], options: CohortPageOptions): string {
  const columns = cohortColumns(rows.some((r) => r.since !== null));
  const counts = { red: 0, amber: 0, green: 0 };
  for (const row of rows) counts[row.rag]++;
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${COHORT_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<title>KSB cohort</title>',
    `<style>${COHORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    '<h1>KSB cohort</h1>',
    `<p class="meta">${rows.length} portfolio${rows.length === 1 ? '' : 's'} on ${escapeHtml(options.today)}: ${counts.red} red, ${counts.amber} amber, ${counts.green} green. Red: cannot be read, errors, or off-the-job hours more than 10% behind; amber: the gateway is not ready and due within 3 months. Click a heading to sort.</p>`,
    '<div class="scroll">',
    '<table>',
    `<thead><tr>${columns.map((c) => `<th scope="col"><button type="button">${escapeHtml(c.heading)}</button></th>`).join('')}</tr></thead>`,
    '<tbody>',
  ];
  for (const row of rows) {
    const cells = columns.map((column) => {
      const text = column.value(row);
      const sortKey = column.sortKey?.(row);
      const sort = sortKey === undefined ? '' : ` data-sort="${escapeHtml(String(sortKey))}"`;
      const classes = [NUMERIC.has(column.heading) ? 'num' : '', column.heading === 'rag' ? `rag-${row.rag}` : ''].filter(Boolean).join(' ');
      const classAttribute = classes ? ` class="${classes}"` : '';
      let content = escapeHtml(text);
      if (column.heading === 'rag') content = escapeHtml(RAG_WORDS[row.rag]);
      if (column.heading === 'apprentice' && row.report !== null) content = `<a href="${pathHref('', row.report)}">${escapeHtml(text || row.path)}</a>`;
      return `<td${classAttribute}${sort}>${content}</td>`;
    });
    out.push(`<tr>${cells.join('')}</tr>`);
  }
  out.push('</tbody>', '</table>', '</div>');
  const problems = options.problems ?? [];
  if (problems.length > 0) {
    out.push('<h2>Not in the table</h2>', '<ul class="problems">');
    for (const p of problems) out.push(`<li><code>${escapeHtml(p.path)}</code>: ${escapeHtml(p.problem)}</li>`);
    out.push('</ul>');
  }
  out.push('</main>', `<script>${COHORT_SORT_SCRIPT}</script>`, '</body>', '</html>', '');
  return out.join('\n');
}
