import assert from 'node:assert/strict';
import { DiagnosticCode } from '../../src/core';
import { DEFAULT_RULE_LEVELS } from '../../src/core/rules/registry';
import { apiFile } from './apiFixture';
import { loadPortfolio, ROOT } from './inlinePortfolio';

const CONFIG = 'standard: ST9001\nversion: "1.1"\noption: first option\nevidence: ["evidence/*.md"]\n';
const EVIDENCE = '---\ntitle: Work\ndate: 2025-02-01\nksbs:\n  - K2\n  - K3\n---\nBody\n';

function codesAt(index: Awaited<ReturnType<typeof loadPortfolio>>['index'], path: string): string[] {
  return index.diagnosticsFor(`${ROOT}/${path}`).map((d) => d.code);
}

describe('A portfolio on a standard from the public API', () => {
  it('loads an API file from standards/, takes the option by its API title in any case, and checks claims against it', async () => {
    const { index } = await loadPortfolio({
      'portfolio.yaml': CONFIG,
      'standards/ST9001_1.1.json': JSON.stringify(apiFile(), null, 2),
      'evidence/work.md': EVIDENCE,
    });
    assert.equal(index.portfolio?.standard.label, 'ST9001 v1.1');
    assert.equal(index.portfolio?.option?.id, 'first-option');
    assert.deepEqual(codesAt(index, 'portfolio.yaml'), []);
    // K3 belongs to the other option.
    assert.deepEqual(codesAt(index, 'evidence/work.md'), [DiagnosticCode.WrongOption]);
    const coverage = index.coverage();
    assert.deepEqual(
      coverage?.entries.map((e) => e.ksb.code),
      ['K1', 'K2', 'S1', 'B1'],
    );
  });

  it('reads a configured folder of API files next to our YAML format', async () => {
    const { index } = await loadPortfolio({
      'portfolio.yaml': `${CONFIG}standards: api\n`,
      'api/ST9001_1.0.json': JSON.stringify(apiFile({ version: '1.0', versionNumber: '1.0' })),
      'api/ST9001_1.1.json': JSON.stringify(apiFile()),
      'evidence/work.md': EVIDENCE,
    });
    assert.deepEqual(
      index.standards.versions('ST9001').map((s) => s.version),
      ['1.0', '1.1'],
    );
    assert.ok(index.standards.get('ST0792'), 'the shipped standards stay');
  });

  it('warns at the version when the chosen standard cannot say which KSBs belong to which option', async () => {
    const unmapped = apiFile({ options: [], optionsUnstructuredTemplate: ['First option', 'Second'], duties: [] });
    const { index } = await loadPortfolio({
      'portfolio.yaml': CONFIG,
      'standards/ST9001_1.1.json': JSON.stringify(unmapped),
      'evidence/work.md': EVIDENCE,
    });
    const diagnostics = index.diagnosticsFor(`${ROOT}/portfolio.yaml`);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      [DiagnosticCode.StandardDataGap],
    );
    assert.match(diagnostics[0].message, /^Expected KSBs mapped to the options in the data of ST9001 v1\.1, found a gap: .*maps no KSB/);
    assert.equal(diagnostics[0].range.start.line, 1, 'on the version: line');
    assert.deepEqual(codesAt(index, 'evidence/work.md'), [], 'every KSB counts for every option');
  });

  it('tells the user when the chosen version is retired, with its latest start date', async () => {
    const { index } = await loadPortfolio({
      'portfolio.yaml': CONFIG,
      'standards/ST9001_1.1.json': JSON.stringify(apiFile({ status: 'Retired', latestStartDate: '2025-01-31T00:00:00' })),
    });
    const diagnostics = index.diagnosticsFor(`${ROOT}/portfolio.yaml`);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      [DiagnosticCode.StandardNotApproved],
    );
    assert.equal(DEFAULT_RULE_LEVELS[DiagnosticCode.StandardNotApproved], 'information');
    assert.match(diagnostics[0].message, /found "Retired" \(latest start 2025-01-31\): apprentices who started on it stay on it/);
  });

  it('names the choices when the option matches none of the API titles or ids', async () => {
    const { index } = await loadPortfolio({
      'portfolio.yaml': CONFIG.replace('first option', 'production-coordinator'),
      'standards/ST9001_1.1.json': JSON.stringify(apiFile()),
    });
    const [diagnostic] = index.diagnosticsFor(`${ROOT}/portfolio.yaml`);
    assert.equal(diagnostic.code, DiagnosticCode.InvalidConfig);
    assert.match(diagnostic.message, /expected one of `first-option` \(First Option\), `second-and-last` \(Second & Last\)/);
  });

  it('reports an API file that does not read as a problem of that file, and keeps the rest of the folder', async () => {
    const { index } = await loadPortfolio({
      'portfolio.yaml': CONFIG,
      'standards/ST9001_1.1.json': JSON.stringify(apiFile()),
      'standards/broken.json': JSON.stringify(apiFile({ referenceNumber: 'nope' })),
      'standards/truncated.json': JSON.stringify(apiFile()).slice(0, 200),
    });
    assert.equal(index.portfolio?.standard.label, 'ST9001 v1.1');
    assert.deepEqual(codesAt(index, 'standards/broken.json'), [DiagnosticCode.InvalidStandard]);
    const truncated = index.diagnosticsFor(`${ROOT}/standards/truncated.json`);
    assert.ok(truncated.length > 0 && truncated.every((d) => d.code === DiagnosticCode.InvalidStandard));
    assert.match(truncated[0].message, /^Expected valid YAML or JSON/);
  });
});
