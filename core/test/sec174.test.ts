/** §174 / §174A schedules. Each row: name, inputs, expected, arithmetic, citation. */
import { col, failure, value } from './helpers';
import { sec174Deduction, Sec174InputError } from '../src/calc/sec174';
import { usd } from '../src/money';

type Row = [year: number, deduction: number];
const total = (s: readonly Row[]) => Math.round(s.reduce((a, [, d]) => a + d * 100, 0)) / 100;

describe('SEC174_AMORT — whole schedules (tax_year omitted)', () => {
  test.each([
    [
      'docs/law.md#sec174.domestic: 2023, 60-month midpoint',
      1000000,
      2023,
      'domestic',
      'auto',
      undefined,
      [
        [2023, 100000],
        [2024, 200000],
        [2025, 200000],
        [2026, 200000],
        [2027, 200000],
        [2028, 100000],
      ],
      '10/20/20/20/20/10 %',
      '§174(a)(2)(B) (TCJA)',
    ],
    [
      'docs/law.md#sec174.transition.accelerate-remainder: full acceleration deducts the 700,000 remainder in 2025',
      1000000,
      2023,
      'domestic',
      'accelerate',
      undefined,
      [
        [2023, 100000],
        [2024, 200000],
        [2025, 700000],
      ],
      '1,000,000 − 300,000',
      'P.L. 119-21 §70302(f)(2)',
    ],
    [
      'two-year acceleration: half in 2025, half in 2026',
      1000000,
      2023,
      'domestic',
      'accelerate_2yr',
      undefined,
      [
        [2023, 100000],
        [2024, 200000],
        [2025, 350000],
        [2026, 350000],
      ],
      '700,000 ÷ 2',
      'P.L. 119-21 §70302(f)(2)',
    ],
    [
      'two-year acceleration of an odd cent',
      0.03,
      2024,
      'domestic',
      'accelerate_2yr',
      undefined,
      [
        [2024, 0],
        [2025, 0.02],
        [2026, 0.01],
      ],
      '0.003 → 0.00; remainder 0.03: 0.015 → 0.02, then 0.01',
      'cumulative rounding',
    ],
    [
      'retroactive: 2022 deducted in 2022',
      500000,
      2022,
      'domestic',
      'retroactive',
      undefined,
      [[2022, 500000]],
      '100%',
      'P.L. 119-21 §70302(f)(1)',
    ],
    [
      'retroactive leaves foreign research on 15 years',
      30,
      2022,
      'foreign',
      'retroactive',
      undefined,
      [[2022, 1], ...Array.from({ length: 14 }, (_, k) => [2023 + k, 2] as Row), [2037, 1]],
      '1/30, 1/15 × 14, 1/30',
      '§174(a)(2)(B)',
    ],
    [
      '2021 (pre-TCJA) deducted in the year incurred',
      1000,
      2021,
      'domestic',
      'auto',
      undefined,
      [[2021, 1000]],
      '100%',
      '§174(a) before P.L. 115-97',
    ],
    [
      '2025 domestic deducted (§174A(a))',
      1000,
      2025,
      'domestic',
      'auto',
      undefined,
      [[2025, 1000]],
      '100%',
      '§174A(a)',
    ],
    [
      '2025 foreign stays on 15 years',
      3000,
      2025,
      'foreign',
      'auto',
      undefined,
      [[2025, 100], ...Array.from({ length: 14 }, (_, k) => [2026 + k, 200] as Row), [2040, 100]],
      '1/30 × 3,000 = 100; 1/15 × 3,000 = 200',
      '§174(a)(2)(B); P.L. 119-21 §70302',
    ],
    [
      'elect_60 from July 2025: 6, 12, 12, 12, 12, 6 months',
      60000,
      2025,
      'domestic',
      'elect_60',
      '2025-07',
      [
        [2025, 6000],
        [2026, 12000],
        [2027, 12000],
        [2028, 12000],
        [2029, 12000],
        [2030, 6000],
      ],
      'months ÷ 60',
      '§174A(c)',
    ],
    [
      'elect_60 from January 2026 on a 2025 amount: nothing in 2025',
      60000,
      2025,
      'domestic',
      'elect_60',
      '2026-01',
      [
        [2026, 12000],
        [2027, 12000],
        [2028, 12000],
        [2029, 12000],
        [2030, 12000],
      ],
      '12 months a year from the benefit month',
      '§174A(c)',
    ],
    [
      'elect_60 leaves 2023 vintages on the TCJA schedule',
      1000,
      2023,
      'domestic',
      'elect_60',
      '2025-07',
      [
        [2023, 100],
        [2024, 200],
        [2025, 200],
        [2026, 200],
        [2027, 200],
        [2028, 100],
      ],
      'auto for pre-2025',
      '§174(a)(2)(B)',
    ],
    [
      'several vintages sum by year',
      [[1000], [500]],
      [[2023], [2025]],
      'domestic',
      'auto',
      undefined,
      [
        [2023, 100],
        [2024, 200],
        [2025, 700],
        [2026, 200],
        [2027, 200],
        [2028, 100],
      ],
      '2025: 200 + 500',
      '§174; §174A',
    ],
  ])('%s', (_n, amount, year, location, method, benefit, expected, _a, _c) => {
    expect(value('SEC174_AMORT', amount as never, year as never, undefined, location, method, benefit)).toEqual(
      expected,
    );
  });

  test('the foreign schedule of an awkward amount sums exactly to the cent (cumulative rounding)', () => {
    const s = value('SEC174_AMORT', 1000000.01, 2023, undefined, 'foreign') as Row[];
    expect(s).toHaveLength(16);
    expect(total(s)).toBe(1000000.01);
    // 1/30 × 1,000,000.01 = 33,333.3336… → 33,333.33; cumulative 3/30 = 100,000.001 → 100,000.00.
    expect(s[0]).toEqual([2023, 33333.33]);
    expect(s[1]).toEqual([2024, 66666.67]);
  });

  test('a half cent at a cumulative step rounds up exactly (0.15 × 1/30 = 0.005)', () => {
    const s = value('SEC174_AMORT', 0.15, 2022, undefined, 'foreign') as Row[];
    expect(s[0]).toEqual([2022, 0.01]);
    expect(total(s)).toBe(0.15);
  });
});

describe('SEC174_AMORT — the deduction for one tax year', () => {
  test.each([
    ['2023 vintage in 2025 (auto)', 1000000, 2023, 2025, 'domestic', 'auto', 200000, '20%', '§174(a)(2)(B)'],
    [
      '2023 vintage in 2025 (accelerate)',
      1000000,
      2023,
      2025,
      'domestic',
      'accelerate',
      700000,
      'remainder',
      'P.L. 119-21 §70302(f)(2)',
    ],
    [
      '2023 vintage in 2026 (accelerate) → 0',
      1000000,
      2023,
      2026,
      'domestic',
      'accelerate',
      0,
      'fully deducted in 2025',
      'P.L. 119-21 §70302(f)(2)',
    ],
    [
      'fiscal year beginning 2024-07-01 is TCJA: 10% in 2024',
      1000000,
      2024,
      2024,
      'domestic',
      'auto',
      100000,
      'midpoint',
      'docs/law.md#sec174.domestic; §174 (TCJA)',
    ],
    ['before the year incurred → 0', 1000000, 2024, 2023, 'domestic', 'auto', 0, 'nothing yet', '§174'],
    ['"US" reads as domestic', 1000, 2025, 2025, 'US', 'auto', 1000, '100%', '§174A(a)'],
    [
      'accelerate does not touch foreign research',
      3000,
      2023,
      2025,
      'foreign',
      'accelerate',
      200,
      '1/15 × 3,000',
      '§174(a)(2)(B)',
    ],
  ])('%s', (_n, amount, year, taxYear, location, method, expected, _a, _c) => {
    expect(value('SEC174_AMORT', amount, year, taxYear, location, method)).toBe(expected);
  });

  test.each([
    [
      'elect_60 without benefit_start',
      [1000, 2025, 2025, 'domestic', 'elect_60'],
      /benefit_start is required with method "elect_60"/,
    ],
    [
      'an unknown method',
      [1000, 2025, 2025, 'domestic', 'straight-line'],
      /method: "straight-line" is not a known method; use one of "auto", "accelerate"/,
    ],
    ['an unknown location', [1000, 2025, 2025, 'Mars'], /location: "Mars" is not a known location/],
    ['a year incurred outside 1994–2100', [1000, 1990], /year_incurred: 1990 is outside 1994–2100/],
    [
      'benefit_start before the year incurred',
      [1000, 2026, undefined, 'domestic', 'elect_60', '2025-07'],
      /benefit_start 2025-07 is before the tax year incurred 2026/,
    ],
    [
      'amounts and years of different shapes',
      [col(1, 2), col(2023, 2024, 2025)],
      /amount is 2 rows × 1 column but year_incurred is 3 rows × 1 column/,
    ],
    [
      'a benefit month that is not a month',
      [1000, 2025, undefined, 'domestic', 'elect_60', '2025-13'],
      /benefit_start: "2025-13" is not a month/,
    ],
  ])('%s → error', (_n, args, message) => {
    expect(failure('SEC174_AMORT', ...(args as never[])).message).toMatch(message);
  });

  test('an Excel date serial for benefit_start (45839 = 2025-07-01)', () => {
    expect(value('SEC174_AMORT', 60000, 2025, 2025, 'domestic', 'elect_60', 45839)).toBe(6000);
  });
  test('a Date for benefit_start (Sheets hands dates as Date objects)', () => {
    expect(value('SEC174_AMORT', 60000, 2025, 2025, 'domestic', 'elect_60', new Date(2025, 9, 15))).toBe(3000);
  });
});

describe('SEC174_AMORT — benefit_start as an Excel date serial (1 = 1900-01-01 … 2958465 = 9999-12-31)', () => {
  // elect_60, §174A(c): 60 months from the month benefits are first realized; 2025 gets the
  // months left in 2025. 60,000 from July 2025 → 6 months × 1,000 = 6,000.
  test.each([
    ['45839 = 2025-07-01: 6 of 60 months in 2025', 45839, 6000],
    ['45658 = 2025-01-01: 12 of 60 months', 45658, 12000],
    ['46022 = 2025-12-31: 1 of 60 months', 46022, 1000],
  ])('%s', (_n, serial, expected) => {
    expect(value('SEC174_AMORT', 60000, 2025, 2025, 'domestic', 'elect_60', serial)).toBe(expected);
  });

  test.each([
    [
      'the issue’s reproduction: 1e9 returned 0',
      1e9,
      /^benefit_start: 1000000000 is not a date: Excel date serial numbers run from 1 \(1900-01-01\) to 2958465 \(9999-12-31\)/,
    ],
    ['0, below the first serial', 0, /^benefit_start: 0 is not a date/],
    ['-1', -1, /^benefit_start: -1 is not a date/],
    ['2958466, the day after 9999-12-31', 2958466, /^benefit_start: 2958466 is not a date/],
    ['NaN', NaN, /^benefit_start: NaN is not a date/],
    ['Infinity', Infinity, /^benefit_start: Infinity is not a date/],
    [
      '1, the first serial (1900-01-01): a date, but no tax year the law covers',
      1,
      /^benefit_start: 1 falls in 1900, outside 1994–2100/,
    ],
    ['2958465, the last serial (9999-12-31)', 2958465, /^benefit_start: 2958465 falls in 9999, outside 1994–2100/],
    ['#REF!', '#REF!', /^benefit_start: the cell holds the error #REF!/],
  ])('%s → an error naming benefit_start', (_n, serial, message) => {
    const f = failure('SEC174_AMORT', 1000000, 2025, 2025, 'domestic', 'elect_60', serial);
    expect(f.code).not.toBe('internal');
    expect(f.message).toMatch(message);
  });
});

describe('the §174 engine itself refuses a month that is not one (a NaN would pass every comparison)', () => {
  test.each([
    ['NaN year', { year: NaN, month: 7 }],
    ['NaN month', { year: 2025, month: NaN }],
    ['month 13', { year: 2025, month: 13 }],
    ['month 0', { year: 2025, month: 0 }],
  ])('%s', (_n, benefitStart) => {
    expect(() =>
      sec174Deduction(
        [{ amount: usd(1000000), yearIncurred: 2025, location: 'domestic', benefitStart }],
        'elect_60',
        2025,
      ),
    ).toThrow(Sec174InputError);
  });
});
