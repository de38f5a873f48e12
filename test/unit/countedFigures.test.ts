// What a check rejects never counts: every figure (ksb hours, the gateway, the report, the coverage
// view's sign-off states, the status bar's hours) counts exactly the off-the-job entries and
// sign-offs that no error diagnostic rejects, and the figures agree with each other.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  applyTextEdit,
  DiagnosticCode,
  fileSignoffs,
  formatHours,
  gatewayReport,
  hoursReport,
  lifecycleReportInput,
  PortfolioIndex,
  signoffEdit,
  type PortfolioDiagnostic,
} from '../../src/core';
import { summarizeHours } from '../../src/core/model/hours';
import { hoursJson } from '../../src/cli/formats/json';
import { formatHoursText } from '../../src/cli/formats/text';
import { configFor, ROOT, withCode } from './inlinePortfolio';
import { MemoryFileSystem } from './memoryFileSystem';

const START = '2025-09-01';
const TODAY = '2026-06-30';
const CONFIG = configFor('production-coordinator', `start: ${START}\nend: 2027-02-26\nweekly-hours: 37.5\notj-target: 400\n`);

async function portfolioOf(files: Record<string, string>, options: { config?: string; latestToday?: string } = {}): Promise<PortfolioIndex> {
  const all = { 'portfolio.yaml': options.config ?? CONFIG, ...files };
  const fs = new MemoryFileSystem(Object.fromEntries(Object.entries(all).map(([path, text]) => [`${ROOT}/${path}`, text])));
  const latest = options.latestToday;
  const index = new PortfolioIndex(fs, ROOT, { today: () => TODAY, ...(latest !== undefined && { latestToday: () => latest }) });
  await index.load();
  return index;
}

/** An hours log with `entries` as a block list, dated by `fileDate` when given. */
function hoursLog(entries: readonly { date?: string; hours: number }[], fileDate?: string): string {
  return [
    '---',
    ...(fileDate ? [`date: ${fileDate}`] : []),
    'otj:',
    ...entries.map((entry) => `  - {${entry.date ? `date: ${entry.date}, ` : ''}hours: ${entry.hours}}`),
    '---',
    '',
  ].join('\n');
}

/** Evidence dated `date`, signed by the employer on each of `signedOn`. */
function signedEvidence(date: string, signedOn: readonly string[]): string {
  let text = `---\ntitle: Call sheet\ndate: ${date}\nksbs: [K1]\n---\n\nI wrote the call sheet.\n`;
  signedOn.forEach((day, i) => {
    const result = signoffEdit(text, { by: `Signer ${i}`, role: 'employer', date: day });
    assert.ok(result.ok);
    text = applyTextEdit(text, result.edit);
  });
  return text;
}

const otjFindings = (index: PortfolioIndex, path: string) => withCode(index.diagnosticsFor(`${ROOT}/${path}`), DiagnosticCode.OtjInvalid);

describe('Counted figures: hours a check rejects', () => {
  it('Should count none of the hours on a day over 24 within one file (400 hours on one day no longer pass a 400-hour target)', async () => {
    const index = await portfolioOf({ 'otj/one-day.md': hoursLog(Array.from({ length: 20 }, () => ({ date: '2026-03-02', hours: 20 }))) });
    assert.equal(otjFindings(index, 'otj/one-day.md').length, 20, 'every entry of the day is rejected');
    const hours = hoursReport(index, TODAY);
    assert.equal(hours.total, 0);
    assert.equal(hours.excluded, 20);
    const otj = gatewayReport(index, TODAY).checks.find((check) => check.id === 'otj')!;
    assert.equal(otj.ok, false);
    assert.match(otj.detail, /^0 hours of 400 hours logged/);
  });

  it('Should apply the 24-hour day across the portfolio, naming the files that share the day', async () => {
    const files = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`otj/file-${i}.md`, hoursLog([{ date: '2026-03-02', hours: 24 }])]));
    const index = await portfolioOf({ ...files, 'otj/other-day.md': hoursLog([{ date: '2026-03-03', hours: 7.5 }]) });
    const [finding, ...rest] = otjFindings(index, 'otj/file-0.md');
    assert.deepEqual(rest, []);
    assert.match(
      finding.message,
      /^Expected at most 24 off-the-job hours on 2026-03-02 across the portfolio, found 240: 24 in this file, 24 in otj\/file-1\.md, /,
    );
    assert.equal(finding.related?.length, 9);
    assert.deepEqual(otjFindings(index, 'otj/other-day.md'), []);
    assert.equal(hoursReport(index, TODAY).total, 7.5);
  });

  it('Should hold periods and days together to 24 hours a day, naming the run of days and the files that share it', async () => {
    const period = '---\notj:\n  - {from: 2026-03-02, to: 2026-03-04, hours: 60, activity: Block release}\n---\n';
    // 60 hours over three days fit; 24 more on one of those days (another file) leave 84 for 72 hours of days.
    const index = await portfolioOf({
      'otj/period.md': period,
      'otj/day.md': hoursLog([{ date: '2026-03-03', hours: 24 }]),
      'otj/later.md': hoursLog([{ date: '2026-03-10', hours: 7.5 }]),
    });
    const [finding, ...rest] = otjFindings(index, 'otj/period.md');
    assert.deepEqual(rest, []);
    assert.equal(
      finding.message,
      'Expected at most 72 off-the-job hours from 2026-03-02 to 2026-03-04 across the portfolio (24 a day over 3 days), found 84: 60 in this file, 24 in otj/day.md; none of these entries count until they fit',
    );
    assert.deepEqual(
      finding.related?.map((related) => related.message),
      ['24 hours on 2026-03-03'],
    );
    assert.equal(otjFindings(index, 'otj/day.md').length, 1);
    assert.equal(hoursReport(index, TODAY).total, 7.5);
    // Within the days left, they fit.
    const fits = await portfolioOf({ 'otj/period.md': period, 'otj/day.md': hoursLog([{ date: '2026-03-03', hours: 12 }]) });
    assert.deepEqual(
      [...fits.allDiagnostics().values()].flat().filter((d) => d.code === DiagnosticCode.OtjInvalid),
      [],
    );
    assert.equal(hoursReport(fits, TODAY).total, 72);
  });

  it('Should judge periods and days exactly when no spreading of each entry over its own days keeps every day within 24 hours', async () => {
    // Small logs of periods and days in the first week of March, judged against a brute-force max-flow.
    const entry = fc.oneof(
      fc.record({ from: fc.integer({ min: 2, max: 7 }), length: fc.integer({ min: 1, max: 4 }), hours: fc.integer({ min: 1, max: 80 }) }),
      fc.record({ from: fc.integer({ min: 2, max: 8 }), length: fc.constant(0), hours: fc.integer({ min: 1, max: 24 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 6 }), async (entries) => {
        const day = (n: number) => `2026-03-${String(n).padStart(2, '0')}`;
        const lines = entries.map((e) =>
          e.length === 0 ? `  - {date: ${day(e.from)}, hours: ${e.hours}}` : `  - {from: ${day(e.from)}, to: ${day(e.from + e.length - 1)}, hours: ${e.hours}}`,
        );
        // Periods over 24 a day on their own, and days over 24, are judged elsewhere: leave them out.
        const judged = entries.filter((e) => (e.length === 0 ? true : e.hours <= 24 * e.length));
        if (judged.length !== entries.length || !daysFit(entries.filter((e) => e.length === 0))) return;
        const index = await portfolioOf({ 'otj/log.md': `---\notj:\n${lines.join('\n')}\n---\n` });
        const rejected = otjFindings(index, 'otj/log.md').length > 0;
        assert.equal(rejected, !spreadable(entries), JSON.stringify(entries));
      }),
      { numRuns: 150 },
    );
  });

  it('Should let exactly 24 hours a day through, summed exactly to the hundredth', async () => {
    // 0.1 added 240 times is not 24 in floating point; in hundredths it is.
    const index = await portfolioOf({
      'otj/a.md': hoursLog(Array.from({ length: 120 }, () => ({ date: '2026-03-02', hours: 0.1 }))),
      'otj/b.md': hoursLog(Array.from({ length: 120 }, () => ({ date: '2026-03-02', hours: 0.1 }))),
      'otj/c.md': hoursLog([
        { date: '2026-03-04', hours: 8.1 },
        { date: '2026-03-04', hours: 8.1 },
        { date: '2026-03-04', hours: 7.8 },
        { date: '2026-03-05', hours: 0.01 },
      ]),
    });
    assert.deepEqual(
      [...index.allDiagnostics().values()].flat().filter((d) => d.code === DiagnosticCode.OtjInvalid),
      [],
    );
    const hours = hoursReport(index, TODAY);
    assert.equal(hours.total, 48.01);
    assert.equal(hours.perMonth.find((month) => month.month === '2026-03')?.hours, 48.01);
  });

  it('Should sum any hours exactly to the hundredth, in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2400 }), { maxLength: 60 }), (hundredths) => {
        const entries = hundredths.map((h, i) => ({ date: `2025-${String((i % 12) + 1).padStart(2, '0')}-01`, hours: h / 100, relativePath: 'x.md' }));
        const expected = hundredths.reduce((sum, h) => sum + h, 0);
        return hoursSummaryTotal(entries) === expected / 100;
      }),
    );
  });
});

/** Whether the day entries (length 0) add up to at most 24 hours on each day. */
function daysFit(days: ReadonlyArray<{ from: number; hours: number }>): boolean {
  const byDay = new Map<number, number>();
  for (const day of days) byDay.set(day.from, (byDay.get(day.from) ?? 0) + day.hours);
  return [...byDay.values()].every((hours) => hours <= 24);
}

/** Whether each entry can be spread over its own days (a day entry on its day) with at most 24 hours a day: a max-flow, by augmenting paths. */
function spreadable(entries: ReadonlyArray<{ from: number; length: number; hours: number }>): boolean {
  const days = [...new Set(entries.flatMap((e) => Array.from({ length: Math.max(1, e.length) }, (_, i) => e.from + i)))];
  // Nodes: 0 source, 1..n entries, n+1..n+d days, n+d+1 sink.
  const n = entries.length;
  const sink = n + days.length + 1;
  const capacity = Array.from({ length: sink + 1 }, () => new Array<number>(sink + 1).fill(0));
  entries.forEach((e, i) => {
    capacity[0][i + 1] = e.hours;
    for (let d = 0; d < Math.max(1, e.length); d++) capacity[i + 1][n + 1 + days.indexOf(e.from + d)] = Infinity;
  });
  days.forEach((_, d) => (capacity[n + 1 + d][sink] = 24));
  let flow = 0;
  for (;;) {
    const parent = new Array<number>(sink + 1).fill(-1);
    parent[0] = 0;
    const queue = [0];
    while (queue.length > 0 && parent[sink] < 0) {
      const at = queue.shift()!;
      for (let next = 0; next <= sink; next++) {
        if (parent[next] >= 0 || capacity[at][next] <= 0) continue;
        parent[next] = at;
        queue.push(next);
      }
    }
    if (parent[sink] < 0) break;
    let push = Infinity;
    for (let v = sink; v !== 0; v = parent[v]) push = Math.min(push, capacity[parent[v]][v]);
    for (let v = sink; v !== 0; v = parent[v]) {
      capacity[parent[v]][v] -= push;
      capacity[v][parent[v]] += push;
    }
    flow += push;
  }
  return flow === entries.reduce((sum, e) => sum + e.hours, 0);
}

describe('Counted figures: sign-offs a check rejects', () => {
  it('Should not count a sign-off dated after today, before start or before the evidence, anywhere', async () => {
    const index = await portfolioOf({
      'evidence/future.md': signedEvidence('2026-03-01', ['2099-01-01']),
      'evidence/before-start.md': signedEvidence('2025-06-01', ['2025-08-01']),
      'evidence/before-work.md': signedEvidence('2026-03-01', ['2026-02-01']),
      'evidence/good.md': signedEvidence('2026-03-01', ['2026-03-02']),
    });
    const invalid = (name: string) => withCode(index.diagnosticsFor(`${ROOT}/evidence/${name}`), DiagnosticCode.SignoffInvalid).map((d) => d.message);
    assert.deepEqual(invalid('future.md'), ['Expected the date of the sign-off of Signer 0 to be no later than today (2026-06-30), found 2099-01-01']);
    assert.deepEqual(invalid('before-start.md'), ['Expected the date of the sign-off of Signer 0 to be on or after `start` (2025-09-01), found 2025-08-01']);
    assert.match(invalid('before-work.md')[0], /on or after this file's own `date` \(2026-03-01\), found 2026-02-01/);
    assert.deepEqual(invalid('good.md'), []);
    const state = (name: string) => fileSignoffs(index.file(`${ROOT}/evidence/${name}`)!).state;
    assert.deepEqual(['future.md', 'before-start.md', 'before-work.md', 'good.md'].map(state), ['unsigned', 'unsigned', 'unsigned', 'signed']);
    const report = lifecycleReportInput(index, TODAY);
    assert.equal(report.signoffState?.('evidence/future.md'), 'unsigned', 'the report does not show it as Signed');
    assert.deepEqual(report.signoffs?.('evidence/future.md'), []);
    const signoff = gatewayReport(index, TODAY).checks.find((check) => check.id === 'signoff')!;
    assert.match(signoff.detail, /^1 of 4 evidence files signed off by the employer/);
  });

  it('Should take "after today" as after the latest day anywhere on Earth, so a sign-off made this morning in UTC+14 is no error in UTC', async () => {
    const files = { 'evidence/kiribati.md': signedEvidence('2026-06-30', ['2026-07-01']) };
    const inUtc = await portfolioOf(files, { latestToday: '2026-07-01' });
    assert.deepEqual(withCode(inUtc.diagnosticsFor(`${ROOT}/evidence/kiribati.md`), DiagnosticCode.SignoffInvalid), []);
    assert.equal(fileSignoffs(inUtc.file(`${ROOT}/evidence/kiribati.md`)!).state, 'signed');
    const tooLate = await portfolioOf({ 'evidence/kiribati.md': signedEvidence('2026-06-30', ['2026-07-02']) }, { latestToday: '2026-07-01' });
    assert.deepEqual(
      withCode(tooLate.diagnosticsFor(`${ROOT}/evidence/kiribati.md`), DiagnosticCode.SignoffInvalid).map((d) => d.message),
      [
        'Expected the date of the sign-off of Signer 0 to be no later than today (2026-06-30; already 2026-07-01 in the time zones furthest ahead), found 2026-07-02',
      ],
    );
  });

  it('Should not let a rejected sign-off complete a progress review', async () => {
    const review = [
      '---',
      'type: progress-review',
      'date: 2026-03-01',
      'signoff:',
      ...['apprentice', 'employer', 'tutor'].flatMap((role) => [
        `  - by: ${role} person`,
        `    role: ${role}`,
        `    date: ${role === 'tutor' ? '2099-03-01' : '2026-03-01'}`,
        '    digest: "000000000000"',
      ]),
      '---',
      '',
    ].join('\n');
    const index = await portfolioOf({ 'reviews/1.md': review });
    const incomplete = withCode(index.diagnosticsFor(`${ROOT}/reviews/1.md`), DiagnosticCode.ReviewIncomplete);
    assert.match(incomplete[0]?.message ?? '', /found none from the provider$/);
  });
});

describe('Counted figures: bounded numbers and dates', () => {
  it('Should refuse an otj-target no real apprenticeship has, at the value', async () => {
    for (const target of ['1e308', '1e-300', '0.5', '20000']) {
      const index = await portfolioOf({}, { config: configFor('production-coordinator', `start: ${START}\notj-target: ${target}\n`) });
      const problems = withCode(index.diagnosticsFor(`${ROOT}/portfolio.yaml`), DiagnosticCode.InvalidConfig);
      assert.equal(problems.length, 1, target);
      assert.match(problems[0].message, /otj-target/, target);
    }
  });

  it('Should refuse days outside 1950-2100 in hours, sign-offs and evidence dates, and list no month for them', async () => {
    const index = await portfolioOf({
      'otj/ancient.md': hoursLog([{ date: '0001-01-01', hours: 3 }]),
      'evidence/ancient.md': '---\ndate: 0001-01-01\nksbs: [K1]\notj: 2\n---\n',
      'evidence/far.md': signedEvidence('2026-03-01', ['2026-03-02']).replace(/date: 2026-03-02/, 'date: 2206-03-02'),
    });
    assert.match(otjFindings(index, 'otj/ancient.md')[0]?.message ?? '', /between 1950 and 2100, found `0001-01-01`/);
    assert.match(withCode(index.diagnosticsFor(`${ROOT}/evidence/ancient.md`), DiagnosticCode.InvalidField)[0]?.message ?? '', /between 1950 and 2100/);
    assert.match(withCode(index.diagnosticsFor(`${ROOT}/evidence/far.md`), DiagnosticCode.SignoffInvalid)[0]?.message ?? '', /between 1950 and 2100/);
    const hours = hoursReport(index, TODAY);
    assert.equal(hours.total, 0);
    assert.ok(hours.perMonth.length < 30, `${hours.perMonth.length} months listed`);
  });
});

/** The day pool: before start, in the period, today, after today, out of range, or dated by the file. */
const DAY = fc.constantFrom('2025-08-15', START, '2025-10-01', '2025-10-02', TODAY, '2026-07-01', '2026-07-02', '0001-01-01', undefined);
const HOURS = fc.constantFrom(0, 0.1, 0.2, 0.35, 3.5, 8, 12, 20, 24, 25, -1);
const SIGNED_ON = fc.constantFrom('2025-08-01', START, '2025-10-01', TODAY, '2026-07-01', '2099-01-01');

interface ModelEntry {
  readonly date?: string;
  readonly hours: number;
}
interface ModelLog {
  readonly fileDate?: string;
  readonly entries: readonly ModelEntry[];
}
interface ModelEvidence {
  readonly date: string;
  readonly signedOn: readonly string[];
}

const portfolioModel = fc.record({
  logs: fc.array(
    fc.record({
      fileDate: fc.option(fc.constantFrom('2025-10-01', TODAY, '2026-07-01'), { nil: undefined }),
      entries: fc.array(fc.record({ date: DAY, hours: HOURS }), { minLength: 1, maxLength: 5 }),
    }),
    { maxLength: 5 },
  ),
  evidence: fc.array(fc.record({ date: fc.constantFrom('2025-10-01', '2026-03-01'), signedOn: fc.array(SIGNED_ON, { maxLength: 2 }) }), { maxLength: 3 }),
  latestToday: fc.constantFrom(TODAY, '2026-07-01'),
});

/** Which entries the rules must let through, worked out from the model alone. */
function expectedHours(logs: readonly ModelLog[], latest: string): { total: number; excluded: number } {
  const candidates: { day: string; hundredths: number }[] = [];
  let excluded = 0;
  for (const log of logs) {
    for (const entry of log.entries) {
      // Not an entry at all: its hours or its own date cannot be read (otj.invalid says so, at the value).
      if (entry.hours < 0 || entry.hours > 24 || (entry.date !== undefined && entry.date < '1950-01-01')) continue;
      const day = entry.date ?? log.fileDate;
      if (day === undefined || day < START || day > latest) excluded++;
      else candidates.push({ day, hundredths: Math.round(entry.hours * 100) });
    }
  }
  const perDay = new Map<string, number>();
  for (const { day, hundredths } of candidates) perDay.set(day, (perDay.get(day) ?? 0) + hundredths);
  let total = 0;
  for (const { day, hundredths } of candidates) {
    if (perDay.get(day)! > 2400) excluded++;
    else total += hundredths;
  }
  return { total: total / 100, excluded };
}

describe('Counted figures: one rule over random portfolios', () => {
  it('Should count exactly the entries and sign-offs with no error diagnostic, and every figure should agree', async () => {
    await fc.assert(
      fc.asyncProperty(portfolioModel, async ({ logs, evidence, latestToday }) => {
        const files: Record<string, string> = {};
        logs.forEach((log, i) => (files[`otj/log-${i}.md`] = hoursLog(log.entries, log.fileDate)));
        evidence.forEach((piece: ModelEvidence, i) => (files[`evidence/piece-${i}.md`] = signedEvidence(piece.date, piece.signedOn)));
        const index = await portfolioOf(files, { latestToday });

        // Hours: the model's answer, and every output's.
        const expected = expectedHours(logs, latestToday);
        const hours = hoursReport(index, TODAY);
        assert.equal(hours.total, expected.total, 'ksb hours total');
        assert.equal(hours.excluded, expected.excluded, 'entries not counted');
        const json = hoursJson(hours, TODAY) as { total: number };
        assert.equal(json.total, expected.total, 'ksb hours --format json');
        const text = formatHoursText(hours, TODAY);
        assert.ok(text.includes(formatHours(expected.total)), 'ksb hours text');
        assert.doesNotMatch(text, /Infinity|NaN|\de[+-]\d/, 'no number a person cannot read');
        const otjCheck = gatewayReport(index, TODAY).checks.find((check) => check.id === 'otj')!;
        assert.ok(otjCheck.detail.startsWith(`${formatHours(expected.total)} of `), `gateway: ${otjCheck.detail}`);
        const report = lifecycleReportInput(index, TODAY);
        if (report.otjTotal) assert.equal(report.otjTotal.logged, expected.total, 'report total');
        const perFile = Object.keys(files).reduce((sum, path) => sum + Math.round((report.otjHours?.(path) ?? 0) * 100), 0);
        assert.equal(perFile / 100, expected.total, "the report's hours per file add up to its total");

        // Every entry left out is one an otj.invalid names.
        const otjProblems = [...index.allDiagnostics().values()].flat().filter((d: PortfolioDiagnostic) => d.code === DiagnosticCode.OtjInvalid && d.subject);
        assert.equal(otjProblems.length, expected.excluded, 'one otj.invalid per entry left out');

        // Sign-offs: counted exactly when the model says they are true.
        evidence.forEach((piece, i) => {
          const valid = piece.signedOn.filter((day) => day <= latestToday && day >= START && day >= piece.date);
          const file = index.file(`${ROOT}/evidence/piece-${i}.md`)!;
          const counted = fileSignoffs(file).signoffs.length;
          const rejected = withCode(file.diagnostics, DiagnosticCode.SignoffInvalid).length;
          assert.equal(counted, valid.length, `sign-offs counted in piece ${i}`);
          assert.equal(rejected, piece.signedOn.length - valid.length, `sign-offs rejected in piece ${i}`);
          assert.equal(report.signoffState?.(`evidence/piece-${i}.md`) ?? 'unsigned', fileSignoffs(file).state, 'report and coverage view agree');
        });
      }),
      { numRuns: 150 },
    );
  });
});

/** The total summarizeHours gives for `entries`. */
function hoursSummaryTotal(entries: readonly { date: string; hours: number; relativePath: string }[]): number {
  return summarizeHours(entries, { today: TODAY }).total;
}
