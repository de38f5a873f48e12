// The one reader of the `expect:` markers fixture files carry (test/fixtures/README.md), shared by
// the unit tests, the integration suite (bundled by esbuild) and the harness (plain Node ESM), so
// it is a dependency-free ES module.

/** `expect:` and the codes after it, up to the closing `-->` of an HTML comment or the end of the line. */
const MARKER = /expect:\s*([^\r\n]*?)\s*(?:-->|$)/;

/**
 * The diagnostics the `expect:` markers in a fixture file's text call for, one per code, with
 * 1-based lines counted in the whole file (a BOM does not count). A marker alone on line 2 after
 * an opening `---` stands for line 1, which cannot carry one.
 * @param {string} text
 * @returns {Array<{ line: number, code: string }>}
 */
export function expectMarkers(text) {
  const expected = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((line, index) => {
    const match = MARKER.exec(line);
    if (!match) return;
    const standsForLineOne = index === 1 && lines[0].trim() === '---' && /^#\s*expect:/.test(line.trim());
    for (const code of match[1].split(/\s+/).filter(Boolean)) expected.push({ line: standsForLineOne ? 1 : index + 1, code });
  });
  return expected;
}
