import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDuration } from '../../src/core/model/hours';

describe('parseDuration', () => {
  it('Should read hours as people log them', () => {
    const cases: Array<[string | number, number]> = [
      ['3', 3],
      ['3.5', 3.5],
      ['3,5', 3.5],
      ['2:30', 2.5],
      ['0:45', 0.75],
      ['2:30:00', 2.5],
      ['2h 30m', 2.5],
      ['2h30m', 2.5],
      ['2h30', 2.5],
      ['2 h 30 min', 2.5],
      ['2 hours 30 minutes', 2.5],
      ['1 hour', 1],
      ['1.5h', 1.5],
      ['1.5 hrs', 1.5],
      ['90m', 1.5],
      ['90 mins', 1.5],
      ['45 minutes', 0.75],
      ['20m', 0.33],
      ['  2H 15M  ', 2.25],
      [7.25, 7.25],
      [0, 0],
    ];
    for (const [text, hours] of cases) assert.equal(parseDuration(text), hours, `reading ${JSON.stringify(text)}`);
  });

  it('Should refuse what is not a duration', () => {
    for (const text of ['', ' ', 'h', 'm', 'two hours', '-3', '-1h', '2:75', '2h 30m 10m', '30m 2h', '3 days', '1e3', 'NaN', 'Infinity', '2::30', '100000']) {
      assert.equal(parseDuration(text), undefined, `reading ${JSON.stringify(text)}`);
    }
    for (const value of [-1, Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(parseDuration(value), undefined);
  });

  it('Should read every hours-and-minutes form of the same duration as the same hours', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        const expected = Math.round((h + m / 60) * 100) / 100;
        const forms = [`${h}h ${m}m`, `${h}h${m}m`, `${h}:${String(m).padStart(2, '0')}`, `${h * 60 + m}m`, `${h} hours ${m} minutes`, `${h}h${m}`];
        for (const form of forms) assert.equal(parseDuration(form), expected, form);
      }),
    );
  });

  it('Should never throw, and give a finite non-negative number or nothing, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9hm:., ]{0,12}$/)), (text) => {
        const hours = parseDuration(text);
        assert.ok(hours === undefined || (Number.isFinite(hours) && hours >= 0), `${JSON.stringify(text)} gave ${hours}`);
      }),
    );
  });

  it('Should read a plain decimal as that many hours', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (hundredths) => {
        const text = (hundredths / 100).toString();
        assert.equal(parseDuration(text), hundredths / 100);
      }),
    );
  });
});
