/** The research credit, IRC §41(a), (c), §280C(c). Each row: name, inputs, expected, arithmetic, citation. */
import { col, failure, value } from './helpers';

describe('RD_ASC — alternative simplified credit', () => {
  test.each([
    [
      'worked example',
      1000000,
      col(600000, 750000, 900000),
      false,
      undefined,
      87500,
      '0.14 × (1,000,000 − 0.5 × 2,250,000 ÷ 3) = 0.14 × 625,000',
      '§41(c)(4)(A)',
    ],
    [
      'worked example with §280C',
      1000000,
      col(600000, 750000, 900000),
      true,
      2025,
      69125,
      '87,500 × 0.79',
      '§280C(c)(2)',
    ],
    [
      'prior years in any order',
      1000000,
      col(900000, 600000, 750000),
      false,
      undefined,
      87500,
      'order irrelevant',
      '§41(c)(4)(A)',
    ],
    [
      'exactly 50% of the average → 0',
      300000,
      col(600000, 600000, 600000),
      false,
      undefined,
      0,
      '0.14 × (300,000 − 300,000)',
      '§41(c)(4)(A)',
    ],
    [
      'one dollar over 50% of the average → 0.14',
      300001,
      col(600000, 600000, 600000),
      false,
      undefined,
      0.14,
      '0.14 × 1',
      '§41(c)(4)(A)',
    ],
    [
      'below 50% of the average → 0, never negative',
      100000,
      col(600000, 600000, 600000),
      false,
      undefined,
      0,
      'max(0, 100,000 − 300,000)',
      '§41(c)(4)(A)',
    ],
    [
      'a zero prior year → 6%',
      1000000,
      col(0, 750000, 900000),
      false,
      undefined,
      60000,
      '0.06 × 1,000,000',
      '§41(c)(4)(B)',
    ],
    [
      'a blank prior year → 6%',
      1000000,
      col('', 750000, 900000),
      false,
      undefined,
      60000,
      'blank = no QREs',
      '§41(c)(4)(B)',
    ],
    [
      'fewer than 3 prior years → 6%',
      1000000,
      col(750000, 900000),
      false,
      undefined,
      60000,
      '0.06 × 1,000,000',
      '§41(c)(4)(B)',
    ],
    [
      '6% with §280C in 2017 → × 0.65',
      1000000,
      col(750000),
      true,
      2017,
      39000,
      '60,000 × 0.65',
      '§280C(c) pre-2018, 35% rate',
    ],
    [
      '§280C in 2018 → × 0.79 (first year at 21%)',
      1000000,
      col(600000, 750000, 900000),
      true,
      2018,
      69125,
      '87,500 × 0.79',
      'P.L. 115-97 §13001',
    ],
    [
      'average with thirds is exact: 0.14 × (100 − 0.5 × 100 ÷ 3)',
      100,
      col(33, 33, 34),
      false,
      undefined,
      11.67,
      '0.14 × (100 − 16.666…) = 11.6666… → 11.67',
      '§41(c)(4)(A)',
    ],
    [
      'a row of prior years works like a column',
      1000000,
      [[600000, 750000, 900000]],
      false,
      undefined,
      87500,
      'shape irrelevant',
      '§41(c)(4)(A)',
    ],
  ])('%s', (_n, qre, prior, reduced, year, expected, _a, _c) => {
    expect(value('RD_ASC', qre, prior, reduced, year)).toBe(expected);
  });
  test.each([
    [
      'four prior years',
      1,
      col(1, 2, 3, 4),
      undefined,
      /prior_qres is 4 rows × 1 column \(4 cells\); give the QREs of the 3 preceding tax years only/,
    ],
    ['a tax year outside 1994–2100', 1, col(1, 2, 3), 2101, /tax_year: 2101 is outside 1994–2100/],
    ['before the ASC existed', 1, col(1, 2, 3), 2005, /does not exist for tax years beginning in 2005/],
    ['a negative QRE', -1, col(1, 2, 3), undefined, /qre: -1 is negative/],
  ])('%s → error', (_n, qre, prior, year, message) => {
    expect(failure('RD_ASC', qre, prior, false, year).message).toMatch(message);
  });
});

describe('RD_REGULAR — regular credit', () => {
  test.each([
    [
      'worked example: the 50% minimum base governs',
      2000000,
      0.03,
      10000000,
      false,
      undefined,
      200000,
      'base = max(300,000, 1,000,000); 0.2 × 1,000,000',
      '§41(a)(1), (c)(2)',
    ],
    ['worked example with §280C (15.8%)', 2000000, 0.03, 10000000, true, 2025, 158000, '200,000 × 0.79', '§280C(c)(2)'],
    [
      'the fixed-base amount governs',
      2000000,
      0.12,
      10000000,
      false,
      undefined,
      160000,
      'base = max(1,200,000, 1,000,000); 0.2 × 800,000',
      '§41(c)(1)',
    ],
    [
      'fixed-base exactly 16% is allowed',
      2000000,
      0.16,
      1000000,
      false,
      undefined,
      200000,
      'base = max(160,000, 1,000,000)',
      '§41(c)(3)(C)',
    ],
    [
      'base above QRE → 0, never negative',
      1000000,
      0.16,
      10000000,
      false,
      undefined,
      0,
      'max(0, 1,000,000 − 1,600,000)',
      '§41(a)(1)',
    ],
    [
      'fixed-base % rounded to 1/100 of 1% first',
      1000000,
      0.034449,
      20000000,
      false,
      undefined,
      62400,
      '0.0344 × 20,000,000 = 688,000 (0.034449 would give 688,980); 0.2 × 312,000',
      '§41(c)(3)(D)',
    ],
    ['§280C before 2018 → × 0.65', 2000000, 0.03, 10000000, true, 2016, 130000, '200,000 × 0.65', '§280C(c) pre-2018'],
  ])('%s', (_n, qre, pct, agr, reduced, year, expected, _a, _c) => {
    expect(value('RD_REGULAR', qre, pct, agr, reduced, year)).toBe(expected);
  });
  test.each([
    ['fixed-base above 16%', 0.1601, /fixed_base_pct: 0\.1601 is above the 16% cap \(IRC §41\(c\)\(3\)\(C\)\)/],
    ['fixed-base typed as 3 (for 3%)', 3, /fixed_base_pct must be a fraction between 0 and 1 \(80% is 0\.8\); got 3/],
  ])('%s → error', (_n, pct, message) => {
    expect(failure('RD_REGULAR', 1000, pct, 1000).message).toMatch(message);
  });
});

describe('RD_FIXED_BASE_PCT — start-up phase-in, exact fractions, rounded once', () => {
  const q = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000];
  const g = [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000];
  const take = (n: number) => [col(...q.slice(0, n)), col(...g.slice(0, n))];
  test.each([
    ['no history: year 1 → 3%', 0, 0.03, 'years 1–5: 3%', '§41(c)(3)(B)(ii)(I)'],
    ['after 4 years: year 5 → 3%', 4, 0.03, 'last 3% year', '§41(c)(3)(B)(ii)(I)'],
    ['year 6 = 1/6 × ratio of years 4–5', 5, 0.075, '1/6 × 900/2000 = 0.075', '§41(c)(3)(B)(ii)(II)'],
    [
      'year 7 = 1/3 × ratio of years 5–6',
      6,
      0.16,
      '1/3 × 1100/2000 = 0.18333… → 0.1833, capped at 0.16 (§41(c)(3)(C))',
      '§41(c)(3)(B)(ii)(III)',
    ],
  ])('%s', (_n, years, expected, _a, _c) => {
    const [qs, gs] = years === 0 ? [[], []] : take(years);
    const r = value('RD_FIXED_BASE_PCT', qs as never, gs as never);
    expect(r).toBe(expected);
  });

  test.each([
    [
      'year 6 uses 1/6 exactly, not 0.1667',
      col(1, 1, 1, 30102, 30102),
      col(1, 1, 1, 50000, 50000),
      0.1003,
      '1/6 × 60,204/100,000 = 0.10034 → 0.1003 (0.1667 × 0.60204 = 0.10036 → 0.1004)',
      '§41(c)(3)(B)(ii)(II)',
    ],
    [
      'a half at the 5th decimal rounds up',
      col(1, 1, 1, 1, 2),
      col(1, 1, 1, 8, 8),
      0.0313,
      '1/6 × 3/16 = 0.03125 → 0.0313',
      '§41(c)(3)(D)',
    ],
    [
      'year 8 = 1/2 × ratio of years 5–7',
      col(1, 1, 1, 1, 30, 30, 30),
      col(1, 1, 1, 1, 1000, 1000, 1000),
      0.015,
      '1/2 × 90/3000',
      '§41(c)(3)(B)(ii)(IV)',
    ],
    [
      'year 10 = 5/6 × ratio of years 5–9',
      col(1, 1, 1, 1, 6, 6, 6, 6, 6),
      col(1, 1, 1, 1, 100, 100, 100, 100, 100),
      0.05,
      '5/6 × 30/500 = 0.05',
      '§41(c)(3)(B)(ii)(V)',
    ],
    [
      'year 11 = best 5 of years 5–10',
      col(1, 1, 1, 1, 5, 5, 5, 5, 5, 50),
      col(1, 1, 1, 1, 100, 100, 100, 100, 100, 100),
      0.05,
      'drop year 10: 25/500',
      '§41(c)(3)(B)(ii)(VI)',
    ],
    // Start-up years are years with QREs (§41(c)(3)(B)(ii)): a year without any is skipped.
    [
      'a middle year without QREs is skipped: 100k, 200k, 0, 300k, 400k are start-up years 1–4',
      col(100000, 200000, 0, 300000, 400000),
      col(4500000, 4500000, 4500000, 4500000, 4500000),
      0.03,
      'next is start-up year 5: 3% (counting the empty year made it year 6: 1/6 × 700,000/9,000,000 = 0.0130)',
      '§41(c)(3)(B)(ii)(I)',
    ],
    [
      'a leading year with gross receipts only is not a start-up year',
      col(0, 100000, 200000, 300000, 400000, 500000),
      col(4500000, 4500000, 4500000, 4500000, 4500000, 4500000),
      0.0167,
      'year 6 = 1/6 × (400,000 + 500,000)/9,000,000 = 0.016666… → 0.0167 (as year 7: 1/3 × 0.1 = 0.0333)',
      '§41(c)(3)(B)(ii)(II)',
    ],
    [
      'a trailing year without QREs: still year 6 from the five years with QREs',
      col(100000, 200000, 300000, 400000, 500000, 0),
      col(4500000, 4500000, 4500000, 4500000, 4500000, 4500000),
      0.0167,
      '1/6 × (400,000 + 500,000)/9,000,000 → 0.0167; the empty year’s receipts are not in the ratio',
      '§41(c)(3)(B)(ii)(II)',
    ],
    [
      'boundary: every year without QREs — no start-up year yet, so year 1: 3%',
      col(0, 0, 0),
      col(1000, 1000, 1000),
      0.03,
      'years 1–5: 3%',
      '§41(c)(3)(B)(ii)(I)',
    ],
    [
      'capped at 16%',
      col(1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
      col(1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
      0.16,
      'ratio 1 → 16%',
      '§41(c)(3)(C)',
    ],
    [
      'no gross receipts against QREs → the cap',
      col(1, 1, 1, 1, 1),
      col(0, 0, 0, 0, 0),
      0.16,
      'ratio unbounded',
      '§41(c)(3)(C)',
    ],
  ])('%s', (_n, qs, gs, expected, _a, _c) => {
    expect(value('RD_FIXED_BASE_PCT', qs, gs)).toBe(expected);
  });

  test('ranges of different sizes', () => {
    expect(failure('RD_FIXED_BASE_PCT', col(1, 2), col(1)).message).toMatch(
      /qres is 2 rows × 1 column but gross_receipts is 1 row × 1 column/,
    );
  });
});

describe('RD_PAYROLL_OFFSET — §41(h)', () => {
  test.each([
    ['2022 cap $250,000', 700000, 4000000, 2021, 2022, 0, 'total', 250000, 'min(700,000, 250,000)', '§41(h)(4)(B)(i)'],
    [
      '2023 cap $500,000',
      700000,
      4000000,
      2021,
      2023,
      0,
      'total',
      500000,
      'min(700,000, 500,000)',
      'P.L. 117-169 §13902',
    ],
    [
      '2023 OASDI portion is the first $250,000',
      700000,
      4000000,
      2021,
      2023,
      0,
      'oasdi',
      250000,
      'min(500,000, 250,000)',
      '§3111(f)(1)',
    ],
    [
      '2023 Medicare portion is the rest',
      700000,
      4000000,
      2021,
      2023,
      0,
      'medicare',
      250000,
      '500,000 − 250,000',
      '§3111(f)(2)',
    ],
    [
      '2022 has no Medicare portion',
      700000,
      4000000,
      2021,
      2022,
      0,
      'medicare',
      0,
      'cap 250,000 all OASDI',
      '§41(h)(4)(B)(i)',
    ],
    [
      'credit below the cap',
      120000.55,
      1000000,
      2024,
      2025,
      0,
      'total',
      120000.55,
      'min(120,000.55, 500,000)',
      '§41(h)(2)',
    ],
    [
      'credit 300,000: Medicare gets 50,000',
      300000,
      1000000,
      2024,
      2025,
      0,
      'medicare',
      50000,
      '300,000 − 250,000',
      '§3111(f)(2)',
    ],
    [
      'gross receipts of exactly $5,000,000 → not a QSB',
      700000,
      5000000,
      2021,
      2023,
      0,
      'total',
      0,
      'not < 5,000,000',
      '§41(h)(3)(A)(i)(I)',
    ],
    [
      'gross receipts one dollar under → a QSB',
      700000,
      4999999,
      2021,
      2023,
      0,
      'total',
      500000,
      '< 5,000,000',
      '§41(h)(3)(A)(i)(I)',
    ],
    [
      'first receipts 4 years back is inside the 5-year window',
      100000,
      1000000,
      2021,
      2025,
      0,
      'total',
      100000,
      '2021 ≥ 2025 − 4',
      '§41(h)(3)(A)(i)(II)',
    ],
    [
      'first receipts 5 years back is outside',
      100000,
      1000000,
      2020,
      2025,
      0,
      'total',
      0,
      '2020 < 2021',
      '§41(h)(3)(A)(i)(II)',
    ],
    ['no gross receipts yet (blank) qualifies', 100000, 0, '', 2025, 0, 'total', 100000, 'pre-revenue', '§41(h)(3)(A)'],
    [
      'a fifth election is allowed',
      100000,
      1000000,
      2024,
      2025,
      4,
      'total',
      100000,
      '4 prior elections < 5',
      '§41(h)(4)(B)(ii)',
    ],
    [
      'a sixth election is refused',
      100000,
      1000000,
      2024,
      2025,
      5,
      'total',
      0,
      '5 prior elections',
      '§41(h)(4)(B)(ii)',
    ],
    [
      'before 2016 no election exists',
      100000,
      1000000,
      2014,
      2015,
      0,
      'total',
      0,
      'PATH Act effective 2016',
      'P.L. 114-113 div. Q §121(d)',
    ],
  ])('%s', (_n, credit, gr, first, year, prior, portion, expected, _a, _c) => {
    expect(value('RD_PAYROLL_OFFSET', credit, gr, first, year, prior, portion)).toBe(expected);
  });
  test.each([
    [
      'an unknown portion',
      [1, 1, 2024, 2025, 0, 'fica'],
      /portion: "fica" is not a known portion; use one of "total", "oasdi", "medicare"/,
    ],
    ['a missing tax year', [1, 1, 2024], /tax_year is required/],
    ['a fractional election count', [1, 1, 2024, 2025, 1.5], /prior_elections: 1\.5 is not a whole number/],
    [
      'first receipts after the tax year with receipts',
      [1, 1, 2026, 2025],
      /first_receipts_year 2026 is after tax_year 2025/,
    ],
  ])('%s → error', (_n, args, message) => {
    expect(failure('RD_PAYROLL_OFFSET', ...(args as never[])).message).toMatch(message);
  });
});

describe('§280C(c): for a fully taxable 21% C corporation both choices give the same benefit (docs/law.md#credit.280c.reduced-credit-factor)', () => {
  // Without the election (2025+), the §174A deduction is reduced by the credit: the benefit is
  // credit − 21% × credit. With it, the credit itself is × (1 − 21%). P.L. 119-21 §70302; §280C(c)(2).
  test.each([
    ['ASC 2025', ['RD_ASC', 1000000, col(600000, 750000, 900000)], 2025],
    ['regular 2026', ['RD_REGULAR', 2000000, 0.05, 30000000], 2026],
  ])('%s', (_n, [name, ...args], year) => {
    const full = value(name as string, ...(args as never[]), false, year) as number;
    const reduced = value(name as string, ...(args as never[]), true, year) as number;
    const benefitWithoutElection = full - 0.21 * full;
    expect(reduced).toBeCloseTo(benefitWithoutElection, 2);
  });
});
