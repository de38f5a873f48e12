import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import {
  addDays,
  addInterval,
  addMonths,
  daysBetween,
  formatInterval,
  isIsoDay,
  monthOf,
  parseInterval,
  wholeMonthsBetween,
  type Interval,
} from '../../src/core/base/dates';
import { DIGEST_LENGTH, evidenceDigest, evidenceDigestText } from '../../src/core/base/digest';
import { summarizeHours, type OtjEntry } from '../../src/core/model/hours';
import { fundingRuleOtjTarget, OTJ_RULE_SOURCES } from '../../src/core/lifecycle/otjTarget';
import { sha256Hex } from '../../src/core/base/sha256';

/** node:crypto's SHA-256, the reference the pure one must agree with. */
function reference(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A calendar day from the reference Date.UTC (allowed here, not in the core), for comparing day arithmetic. */
function utcDay(dayNumber: number): string {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
}

/** Days 1900-2199, as day numbers and as text. */
const dayNumbers = fc.integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2199, 11, 31) / 86_400_000 });
const days = dayNumbers.map(utcDay);

describe('sha256Hex', () => {
  it('Should give the FIPS 180-4 example digests', () => {
    const ascii = (text: string) => new TextEncoder().encode(text);
    assert.equal(sha256Hex(ascii('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(sha256Hex(ascii('')), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(
      sha256Hex(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')),
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    assert.equal(sha256Hex(new Uint8Array(1_000_000).fill(0x61)), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('Should agree with node:crypto at every padding boundary and on 1 MB', () => {
    for (const length of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1_048_576]) {
      const data = new Uint8Array(randomBytes(length));
      assert.equal(sha256Hex(data), reference(data), `length ${length}`);
    }
  });

  it('Should agree with node:crypto on random byte arrays, views into larger buffers included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.nat({ max: 7 }), (data, skip) => {
        assert.equal(sha256Hex(data), reference(data));
        const view = data.subarray(Math.min(skip, data.length));
        assert.equal(sha256Hex(view), reference(view));
      }),
      { numRuns: 500 },
    );
  });

  it('Should hash 1 MB in well under a quarter of a second', () => {
    const data = new Uint8Array(randomBytes(1_048_576));
    sha256Hex(data);
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      sha256Hex(data);
      times.push(performance.now() - started);
    }
    const best = Math.min(...times);
    // A gross-regression bound that holds on a busy CI machine; measured at 10-25 ms on a 2-core EPYC VM.
    assert.ok(best < 250, `Expected 1 MB to hash in under 250 ms, found ${best.toFixed(1)} ms`);
  });
});

describe('evidenceDigest', () => {
  const claims = [{ code: 'K1', justification: 'Designed the schema' }, { code: 'S3' }];
  const body = '# Data model\n\nI designed the schema with the team.\n';

  it('Should hash a fixed canonical text, so stored sign-offs stay valid across versions', () => {
    const canonical = evidenceDigestText([{ code: ' k2 ', justification: ' Led  the\n review ' }, { code: 'K1' }], '\uFEFF\n\nBody  \r\nline\t\r\n\n');
    assert.equal(canonical, 'ksb-signoff/1\nK1\t\nK2\tLed the review\n---\nBody\nline');
    assert.equal(evidenceDigest([{ code: ' k2 ', justification: ' Led  the\n review ' }, { code: 'K1' }], '\uFEFF\n\nBody  \r\nline\t\r\n\n'), '942d229cc77c');
    assert.equal(DIGEST_LENGTH, 12);
    assert.match(evidenceDigest(claims, body), /^[0-9a-f]{12}$/);
  });

  it('Should keep the digest across line endings, trailing blanks, a BOM and blank lines at either end', () => {
    const expected = evidenceDigest(claims, body);
    for (const variant of [
      body.replace(/\n/g, '\r\n'),
      body.replace(/\n/g, '\r'),
      body.replace(/\n/g, '  \n'),
      body.replace(/\n/g, '\t \n'),
      `\uFEFF${body}`,
      `\n\n${body}\n\n\n`,
      `  \n${body} \t\n  `,
      body.trimEnd(),
    ]) {
      assert.equal(evidenceDigest(claims, variant), expected, JSON.stringify(variant));
    }
  });

  it('Should keep the digest across claim order, code case and spaces, duplicate claims and justification spacing', () => {
    const expected = evidenceDigest(claims, body);
    assert.equal(evidenceDigest([...claims].reverse(), body), expected);
    assert.equal(evidenceDigest([{ code: ' s3 ' }, { code: 'k1', justification: '  Designed\tthe \n schema ' }], body), expected);
    assert.equal(evidenceDigest([...claims, ...claims], body), expected);
  });

  it('Should change the digest when a word, a claim, a code or a justification changes', () => {
    const expected = evidenceDigest(claims, body);
    const changed = [
      evidenceDigest(claims, body.replace('team', 'teams')),
      evidenceDigest(claims, body.replace('designed', 'Designed')),
      evidenceDigest(claims, body.replace('the schema', 'the  schema')),
      evidenceDigest(claims, `${body}\nMore.`),
      evidenceDigest(claims, body.replace('\n\n', '\n')),
      evidenceDigest([...claims, { code: 'B1' }], body),
      evidenceDigest(claims.slice(0, 1), body),
      evidenceDigest([{ code: 'K2', justification: 'Designed the schema' }, { code: 'S3' }], body),
      evidenceDigest([{ code: 'K1', justification: 'Designed the schemas' }, { code: 'S3' }], body),
      evidenceDigest([{ code: 'K1' }, { code: 'S3' }], body),
    ];
    for (const [index, digest] of changed.entries()) assert.notEqual(digest, expected, `change ${index}`);
    assert.equal(new Set(changed).size, changed.length);
  });

  it('Should not let a claim line be forged from the body or another claim', () => {
    assert.notEqual(evidenceDigest([{ code: 'K1' }], 'x'), evidenceDigest([], 'K1\t\n---\nx'));
    assert.notEqual(evidenceDigest([{ code: 'K1', justification: 'a' }], ''), evidenceDigest([{ code: 'K1\ta' }], ''));
  });

  it('Should change the digest when any non-space character is inserted anywhere in the body', () => {
    const visible = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }).filter((char) => !/\s/u.test(char) && char !== '\uFEFF');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), visible, fc.nat(), (text, char, at) => {
        const points = Array.from(text);
        const position = at % (points.length + 1);
        const edited = [...points.slice(0, position), char, ...points.slice(position)].join('');
        assert.notEqual(evidenceDigest(claims, edited), evidenceDigest(claims, text), JSON.stringify({ text, edited }));
      }),
      { numRuns: 500 },
    );
  });

  it('Should keep the digest whatever line endings and trailing blanks an editor writes', () => {
    const line = fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).map((text) => text.replace(/[\r\n]/g, ''));
    fc.assert(
      fc.property(
        // One line ending per file, as editors write them: a CR line end then an LF one would read as one CRLF.
        fc.array(fc.tuple(line, fc.constantFrom('', ' ', '\t', '  \t')), { maxLength: 12 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        (lines, ending) => {
          const plain = lines.map(([text]) => text).join('\n');
          const edited = lines.map(([text, trailing]) => `${text}${trailing}${ending}`).join('');
          assert.equal(evidenceDigest(claims, edited), evidenceDigest(claims, plain));
        },
      ),
    );
  });
});

describe('dates', () => {
  it('Should accept real calendar days only', () => {
    for (const day of ['2026-01-01', '2024-02-29', '2000-02-29', '1999-12-31', '0001-01-01', '9999-12-31']) assert.equal(isIsoDay(day), true, day);
    for (const text of [
      '2026-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-01-00',
      '2026-1-01',
      '26-01-01',
      ' 2026-01-01',
      '2026-01-01 ',
      '2026-01-01T00:00',
      '2026/01/01',
      '',
      '２０２６-01-01',
    ]) {
      assert.equal(isIsoDay(text), false, text);
    }
    assert.equal(isIsoDay(20260101 as unknown as string), false);
  });

  it('Should add days across month, year and leap-day boundaries', () => {
    assert.equal(addDays('2026-01-31', 1), '2026-02-01');
    assert.equal(addDays('2025-12-31', 1), '2026-01-01');
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2024-03-01', -1), '2024-02-29');
    assert.equal(addDays('2023-03-01', -1), '2023-02-28');
    assert.equal(addDays('2026-03-14', 0), '2026-03-14');
    assert.equal(addDays('2026-03-14', 365), '2027-03-14');
  });

  it('Should agree with Date.UTC on adding days and counting them', () => {
    fc.assert(
      fc.property(dayNumbers, fc.integer({ min: -40_000, max: 40_000 }), (dayNumber, delta) => {
        const day = utcDay(dayNumber);
        assert.equal(addDays(day, delta), utcDay(dayNumber + delta));
        assert.equal(daysBetween(day, utcDay(dayNumber + delta)), delta);
        assert.equal(isIsoDay(day), true);
      }),
      { numRuns: 1000 },
    );
  });

  it('Should add months clamped to the end of the month', () => {
    assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonths('2024-02-29', 12), '2025-02-28');
    assert.equal(addMonths('2026-03-31', -1), '2026-02-28');
    assert.equal(addMonths('2026-11-30', 3), '2027-02-28');
    assert.equal(addMonths('2026-01-15', -13), '2024-12-15');
    assert.equal(addMonths('2026-05-15', 0), '2026-05-15');
  });

  it('Should count whole calendar months completed', () => {
    assert.equal(wholeMonthsBetween('2025-03-15', '2026-03-14'), 11);
    assert.equal(wholeMonthsBetween('2025-03-15', '2026-03-15'), 12);
    assert.equal(wholeMonthsBetween('2025-01-31', '2025-02-28'), 1);
    assert.equal(wholeMonthsBetween('2025-01-31', '2025-02-27'), 0);
    assert.equal(wholeMonthsBetween('2025-01-31', '2025-03-30'), 1);
    assert.equal(wholeMonthsBetween('2025-01-31', '2025-03-31'), 2);
    assert.equal(wholeMonthsBetween('2026-03-15', '2026-03-15'), 0);
    assert.equal(wholeMonthsBetween('2026-03-15', '2026-03-10'), 0);
    assert.equal(wholeMonthsBetween('2026-03-15', '2026-02-15'), -1);
    assert.equal(wholeMonthsBetween('2026-03-15', '2025-03-16'), -11);
    assert.equal(wholeMonthsBetween('2026-03-15', '2025-03-15'), -12);
  });

  it('Should count months so that addMonths lands at or before `to` and one more lands after', () => {
    fc.assert(
      fc.property(days, days, (from, to) => {
        const n = wholeMonthsBetween(from, to);
        if (to >= from) {
          assert.ok(n >= 0 && addMonths(from, n) <= to && addMonths(from, n + 1) > to, `${from} → ${to}: ${n}`);
        } else {
          assert.ok(n <= 0 && addMonths(from, n) >= to && addMonths(from, n - 1) < to, `${from} → ${to}: ${n}`);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('Should give the month of a day', () => {
    assert.equal(monthOf('2026-03-14'), '2026-03');
  });

  it('Should refuse a day that is not YYYY-MM-DD, or a fraction of a day, with a clear RangeError', () => {
    assert.throws(() => addDays('2026-02-30', 1), { name: 'RangeError', message: 'Expected day to be a calendar day YYYY-MM-DD, found "2026-02-30"' });
    assert.throws(() => addDays('2026-02-01', 1.5), { name: 'RangeError', message: 'Expected days to be a whole number, found 1.5' });
    assert.throws(() => addMonths('2026-02-01', Number.NaN), RangeError);
    assert.throws(() => daysBetween('2026-02-01', 'soon'), { message: 'Expected to to be a calendar day YYYY-MM-DD, found "soon"' });
    assert.throws(() => wholeMonthsBetween('', '2026-01-01'), RangeError);
    assert.throws(() => monthOf('2026-03'), RangeError);
    assert.throws(() => addDays('9999-12-31', 1), { message: 'Expected a day in the years 0000-9999, found year 10000' });
    assert.throws(() => addMonths('0000-01-01', -1), RangeError);
  });

  it('Should parse intervals written in words, and nothing else', () => {
    assert.deepEqual(parseInterval('12 weeks'), { count: 12, unit: 'weeks' });
    assert.deepEqual(parseInterval('3 months'), { count: 3, unit: 'months' });
    assert.deepEqual(parseInterval('1 month'), { count: 1, unit: 'months' });
    assert.deepEqual(parseInterval('90 days'), { count: 90, unit: 'days' });
    assert.deepEqual(parseInterval('  1 Week '), { count: 1, unit: 'weeks' });
    assert.deepEqual(parseInterval('999 DAYS'), { count: 999, unit: 'days' });
    for (const text of [
      '12w',
      '12',
      'weeks',
      '0 weeks',
      '1000 days',
      '012 weeks',
      '-3 months',
      '1.5 weeks',
      '3 monthss',
      '3 mo',
      'twelve weeks',
      '3  months later',
      '',
      '3\nmonths x',
    ]) {
      assert.equal(parseInterval(text), undefined, JSON.stringify(text));
    }
    assert.equal(parseInterval(12 as unknown as string), undefined);
  });

  it('Should add intervals: weeks as 7 days, months as clamped calendar months', () => {
    assert.equal(addInterval('2026-01-01', { count: 12, unit: 'weeks' }), '2026-03-26');
    assert.equal(addInterval('2026-01-01', { count: 90, unit: 'days' }), '2026-04-01');
    assert.equal(addInterval('2025-11-30', { count: 3, unit: 'months' }), '2026-02-28');
  });

  it('Should format an interval the way it is parsed', () => {
    assert.equal(formatInterval({ count: 12, unit: 'weeks' }), '12 weeks');
    assert.equal(formatInterval({ count: 1, unit: 'months' }), '1 month');
    assert.equal(formatInterval({ count: 1, unit: 'days' }), '1 day');
    const intervals = fc.record({ count: fc.integer({ min: 1, max: 999 }), unit: fc.constantFrom<Interval['unit']>('days', 'weeks', 'months') });
    fc.assert(fc.property(intervals, (interval) => assert.deepEqual(parseInterval(formatInterval(interval)), { ...interval })));
  });

  it('Should compute every date without Date, so the machine time zone cannot shift a day', () => {
    const RealDate = globalThis.Date;
    const fail = () => {
      throw new Error('The lifecycle arithmetic used Date');
    };
    globalThis.Date = new Proxy(RealDate, { construct: fail, apply: fail, get: fail });
    try {
      assert.equal(addDays('2026-03-14', 1), '2026-03-15');
      assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
      assert.equal(daysBetween('2026-01-01', '2027-01-01'), 365);
      assert.equal(wholeMonthsBetween('2025-03-15', '2026-03-15'), 12);
      assert.equal(isIsoDay('2024-02-29'), true);
      assert.equal(addInterval('2026-01-01', { count: 3, unit: 'months' }), '2026-04-01');
      assert.ok(fundingRuleOtjTarget({ start: '2025-09-01', end: '2026-09-01', weeklyHours: 37.5 }));
      assert.equal(summarizeHours([{ date: '2026-01-05', hours: 2, relativePath: 'a.md' }], { today: '2026-03-01' }).perMonth.length, 3);
      assert.match(evidenceDigest([{ code: 'K1' }], 'x'), /^[0-9a-f]{12}$/);
    } finally {
      globalThis.Date = RealDate;
    }
  });
});

describe('fundingRuleOtjTarget', () => {
  it('Should give 6 hours a week for 30 or more contracted hours from 1 August 2022, less statutory leave', () => {
    // 2023-01-02 → 2024-01-01 is exactly 52 weeks: 46.4 weeks of training × 6 = 278.4.
    assert.deepEqual(fundingRuleOtjTarget({ start: '2023-01-02', end: '2024-01-01', weeklyHours: 37.5 }), {
      hours: 278,
      rule: "6 hours a week (contracted 37.5 hours, 30 or more) for 46.4 weeks (the planned 52.0 less 5.6 weeks' statutory leave at 5.6 weeks a year) = 278 hours, from the funding rules for starts from 1 August 2022",
    });
    assert.equal(fundingRuleOtjTarget({ start: '2023-01-02', end: '2024-01-01', weeklyHours: 30 })?.hours, 278);
    assert.equal(fundingRuleOtjTarget({ start: '2023-01-02', end: '2024-01-01', weeklyHours: 48 })?.hours, 278);
  });

  it('Should give 20% of contracted hours below 30 a week from 1 August 2022', () => {
    assert.deepEqual(fundingRuleOtjTarget({ start: '2023-01-02', end: '2024-01-01', weeklyHours: 20 }), {
      hours: 186,
      rule: "20% of the contracted 20 hours a week (4 hours a week, under 30) for 46.4 weeks (the planned 52.0 less 5.6 weeks' statutory leave at 5.6 weeks a year) = 186 hours, from the funding rules for starts from 1 August 2022",
    });
    // 29 hours: 5.8 × 46.4 = 269.12.
    assert.equal(fundingRuleOtjTarget({ start: '2023-01-02', end: '2024-01-01', weeklyHours: 29 })?.hours, 269);
  });

  it('Should give 20% of contracted hours, whatever they are, for starts before 1 August 2022', () => {
    assert.deepEqual(fundingRuleOtjTarget({ start: '2021-08-02', end: '2022-08-01', weeklyHours: 37.5 }), {
      hours: 348,
      rule: "20% of the contracted 37.5 hours a week (7.5 hours a week) for 46.4 weeks (the planned 52.0 less 5.6 weeks' statutory leave at 5.6 weeks a year) = 348 hours, from the funding rules for starts before 1 August 2022",
    });
    assert.equal(fundingRuleOtjTarget({ start: '2022-07-31', end: '2023-07-30', weeklyHours: 37.5 })?.hours, 348);
    assert.equal(fundingRuleOtjTarget({ start: '2022-08-01', end: '2023-07-31', weeklyHours: 37.5 })?.hours, 278);
  });

  it('Should pro-rate statutory leave over a period that is not a whole year, rounding to the nearest hour', () => {
    // 2024-09-02 → 2026-03-02: 546 days = 78 weeks, less 8.4 weeks' leave = 69.6 weeks × 6 = 417.6.
    const target = fundingRuleOtjTarget({ start: '2024-09-02', end: '2026-03-02', weeklyHours: 40 });
    assert.equal(target?.hours, 418);
    assert.match(target?.rule ?? '', /for 69\.6 weeks \(the planned 78\.0 less 8\.4 weeks' statutory leave/);
  });

  it('Should say, for starts from 1 August 2025, that the rules now publish a minimum per standard', () => {
    const target = fundingRuleOtjTarget({ start: '2025-09-01', end: '2026-08-31', weeklyHours: 37.5 });
    assert.equal(target?.hours, 278);
    assert.match(target?.rule ?? '', /for starts from 1 August 2025 the rules publish a minimum per standard instead$/);
    assert.doesNotMatch(fundingRuleOtjTarget({ start: '2025-07-31', end: '2026-07-30', weeklyHours: 37.5 })?.rule ?? '', /per standard/);
  });

  it('Should give no target for an empty or reversed period, no contracted hours, or days that are not days', () => {
    for (const input of [
      { start: '2025-09-01', end: '2025-09-01', weeklyHours: 37.5 },
      { start: '2025-09-01', end: '2025-08-31', weeklyHours: 37.5 },
      { start: '2025-09-01', end: '2026-09-01', weeklyHours: 0 },
      { start: '2025-09-01', end: '2026-09-01', weeklyHours: -10 },
      { start: '2025-09-01', end: '2026-09-01', weeklyHours: Number.NaN },
      { start: '2025-09-01', end: '2026-09-01', weeklyHours: Number.POSITIVE_INFINITY },
      { start: 'September', end: '2026-09-01', weeklyHours: 37.5 },
      { start: '2025-09-01', end: '2026-02-30', weeklyHours: 37.5 },
    ]) {
      assert.equal(fundingRuleOtjTarget(input), undefined, JSON.stringify(input));
    }
  });

  it('Should never give less for a longer period or more contracted hours', () => {
    fc.assert(
      fc.property(
        days,
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 0, max: 400 }),
        fc.double({ min: 0.5, max: 60, noNaN: true }),
        (start, length, more, hours) => {
          const shorter = fundingRuleOtjTarget({ start, end: addDays(start, length), weeklyHours: hours });
          const longer = fundingRuleOtjTarget({ start, end: addDays(start, length + more), weeklyHours: hours });
          const fuller = fundingRuleOtjTarget({ start, end: addDays(start, length), weeklyHours: hours + 1 });
          assert.ok(shorter && longer && fuller);
          assert.ok(Number.isInteger(shorter.hours) && shorter.hours >= 0);
          assert.ok(longer.hours >= shorter.hours);
          assert.ok(fuller.hours >= shorter.hours);
        },
      ),
    );
  });

  it('Should name the gov.uk funding rules it follows', () => {
    assert.ok(OTJ_RULE_SOURCES.length >= 3);
    for (const source of OTJ_RULE_SOURCES) {
      assert.ok(source.title.length > 10);
      assert.match(source.url, /^https:\/\/www\.gov\.uk\/\S+$/);
    }
  });
});

describe('summarizeHours', () => {
  const entry = (date: string, hours: number): OtjEntry => ({ date, hours, relativePath: `otj/${date.slice(0, 7)}.md` });

  it('Should total the hours without float noise and list every month, empty ones included', () => {
    const summary = summarizeHours([entry('2026-01-05', 0.1), entry('2026-01-20', 0.2), entry('2026-03-02', 3)], { today: '2026-03-10' });
    assert.deepEqual(summary, {
      total: 3.3,
      target: undefined,
      expectedByToday: undefined,
      perMonth: [
        { month: '2026-01', hours: 0.3 },
        { month: '2026-02', hours: 0 },
        { month: '2026-03', hours: 3 },
      ],
      entries: 3,
      onTrack: undefined,
    });
  });

  it('Should list months from the start and up to today, entries out of order or not', () => {
    const summary = summarizeHours([entry('2026-01-05', 2), entry('2025-12-01', 1)], { start: '2025-11-15', end: '2026-11-14', today: '2026-02-10' });
    assert.deepEqual(
      summary.perMonth.map(({ month }) => month),
      ['2025-11', '2025-12', '2026-01', '2026-02'],
    );
    assert.equal(summary.perMonth[0].hours, 0);
  });

  it('Should stop the months at the end of the practical period, unless an entry comes later', () => {
    const options = { start: '2025-01-10', end: '2025-03-09', today: '2026-01-01' };
    assert.deepEqual(
      summarizeHours([entry('2025-02-01', 6)], options).perMonth.map(({ month }) => month),
      ['2025-01', '2025-02', '2025-03'],
    );
    assert.deepEqual(
      summarizeHours([entry('2025-05-01', 6)], options).perMonth.map(({ month }) => month),
      ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05'],
    );
  });

  it('Should list entries before the start and after today too, so nothing logged is hidden', () => {
    const summary = summarizeHours([entry('2025-10-01', 1), entry('2026-04-01', 1)], { start: '2025-12-01', today: '2026-02-01' });
    assert.equal(summary.perMonth[0].month, '2025-10');
    assert.equal(summary.perMonth.at(-1)?.month, '2026-04');
    assert.equal(summary.perMonth.length, 7);
  });

  it('Should expect the target pro rata by today, within 0 and the target', () => {
    // 2025-09-01 → 2026-08-31 is 364 days; to 2026-03-01 is 181: 278 × 181 / 364 = 138.2.
    const plan = { target: 278, start: '2025-09-01', end: '2026-08-31' };
    const behind = summarizeHours([entry('2025-10-01', 100)], { ...plan, today: '2026-03-01' });
    assert.equal(behind.expectedByToday, 138.2);
    assert.equal(behind.target, 278);
    assert.equal(behind.onTrack, false);
    assert.equal(summarizeHours([entry('2025-10-01', 138.2)], { ...plan, today: '2026-03-01' }).onTrack, true);
    assert.equal(summarizeHours([], { ...plan, today: '2025-06-01' }).expectedByToday, 0);
    assert.equal(summarizeHours([], { ...plan, today: '2025-06-01' }).onTrack, true);
    assert.equal(summarizeHours([], { ...plan, today: '2027-06-01' }).expectedByToday, 278);
    assert.equal(summarizeHours([], { ...plan, today: '2025-09-01' }).expectedByToday, 0);
    assert.equal(summarizeHours([], { ...plan, today: '2026-08-31' }).expectedByToday, 278);
  });

  it('Should expect nothing without a target, a start and an end', () => {
    for (const options of [
      { start: '2025-09-01', end: '2026-08-31', today: '2026-03-01' },
      { target: 278, end: '2026-08-31', today: '2026-03-01' },
      { target: 278, start: '2025-09-01', today: '2026-03-01' },
      { target: 278, start: '2025-09-01', end: '2025-09-01', today: '2026-03-01' },
    ]) {
      const summary = summarizeHours([entry('2026-01-01', 5)], options);
      assert.equal(summary.expectedByToday, undefined, JSON.stringify(options));
      assert.equal(summary.onTrack, undefined);
    }
  });

  it('Should give an empty summary for no entries and no start, and skip entries it cannot count', () => {
    assert.deepEqual(summarizeHours([], { today: '2026-03-01' }), {
      total: 0,
      target: undefined,
      expectedByToday: undefined,
      perMonth: [],
      entries: 0,
      onTrack: undefined,
    });
    const summary = summarizeHours([entry('2026-02-30', 5), entry('2026-02-01', Number.NaN), entry('2026-02-02', 2)], { today: '2026-02-10' });
    assert.equal(summary.total, 2);
    assert.equal(summary.entries, 1);
  });

  it('Should keep the total equal to the sum of the months', () => {
    const entries = fc.array(
      fc.record({ date: days, hours: fc.integer({ min: 0, max: 2400 }).map((tenths) => tenths / 100), relativePath: fc.constant('otj.md') }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(entries, days, (list, today) => {
        const summary = summarizeHours(list, { today });
        const monthly = summary.perMonth.reduce((sum, { hours }) => sum + hours, 0);
        assert.ok(Math.abs(monthly - summary.total) < 0.005 * (summary.perMonth.length + 1), `${monthly} vs ${summary.total}`);
        const months = summary.perMonth.map(({ month }) => month);
        assert.deepEqual(months, [...months].sort());
        assert.equal(new Set(months).size, months.length);
      }),
      { numRuns: 200 },
    );
  });
});
