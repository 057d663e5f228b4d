/** QRE functions, IRC §41(b). Each row: name, inputs, expected, arithmetic, citation. */
import { col, failure, value } from './helpers';

describe('RD_WAGE_QRE — wages × R&D %, 80% counts 100%', () => {
  test.each([
    [
      '79.99% stays 79.99% (just below the cliff)',
      col(100000),
      0.7999,
      undefined,
      79990,
      '100,000 × 0.7999',
      '§41(b)(2)(B); Reg. §1.41-2(d)(2)',
    ],
    ['80% counts 100% (the cliff)', col(100000), 0.8, undefined, 100000, '100,000 × 1', '§41(b)(2)(B) last sentence'],
    [
      '80% without the substantially-all rule stays 80%',
      col(100000),
      0.8,
      false,
      80000,
      '100,000 × 0.8',
      '§41(b)(2)(B)',
    ],
    ['100% counts 100%', col(55000.55), 1, undefined, 55000.55, '55,000.55 × 1', '§41(b)(2)(D)'],
    ['0% counts nothing', col(90000), 0, undefined, 0, '90,000 × 0', '§41(b)(2)(D)'],
    [
      'one % cell applies to every row',
      col(100000, 50000, 25000),
      0.5,
      undefined,
      87500,
      '(100,000 + 50,000 + 25,000) × 0.5',
      '§41(b)(2)(D)',
    ],
    [
      'row-by-row %s, mixed sides of the cliff',
      col(100000, 50000, 80000),
      col(0.85, 0.5, 0.25),
      undefined,
      145000,
      '100,000 × 1 + 50,000 × 0.5 + 80,000 × 0.25',
      '§41(b)(2)(B)',
    ],
    [
      'blank wage cell is 0',
      col(100000, '', null),
      0.5,
      undefined,
      50000,
      '100,000 × 0.5 + 0 + 0',
      'DESIGN §2 blank = 0',
    ],
    [
      'numeric text "$1,200.50" and "80%" are read as numbers',
      col('$1,200.50'),
      col('80%'),
      undefined,
      1200.5,
      '1,200.50 × 1 (80% → 100%)',
      'DESIGN §2',
    ],
    [
      'cents round half-up once at the edge',
      col(0.01, 0.01, 0.01),
      0.5,
      undefined,
      0.02,
      '0.03 × 0.5 = 0.015 → 0.02',
      'DESIGN §2 rounding',
    ],
    [
      'many rows sum exactly (no float drift)',
      col(...Array.from({ length: 10 }, () => 0.1)),
      0.3,
      undefined,
      0.3,
      '1.00 × 0.3',
      'exact decimal',
    ],
    [
      '2-D range of wages with same-shape %s',
      [
        [100, 200],
        [300, 400],
      ],
      [
        [0.5, 0.5],
        [0.25, 1],
      ],
      undefined,
      625,
      '50 + 100 + 75 + 400',
      '§41(b)(2)(D)',
    ],
    ['§ text "TRUE" for substantially_all', col(1000), 0.9, 'TRUE', 1000, '1,000 × 1', '§41(b)(2)(B)'],
  ])('%s', (_name, wages, pct, sa, expected, _arithmetic, _citation) => {
    expect(value('RD_WAGE_QRE', wages, pct, sa)).toBe(expected);
  });

  test.each([
    [
      'a percentage typed as 80',
      col(1000),
      80,
      undefined,
      'invalid-number',
      /rd_pct: R&D % must be a fraction between 0 and 1 \(80% is 0\.8\); got 80/,
    ],
    [
      'text in a wage cell names row and column',
      col(1000, 'n/a'),
      0.5,
      undefined,
      'invalid-value',
      /wages \(row 2, column 1\): "n\/a" is text/,
    ],
    ['a negative wage', col(1000, -5), 0.5, undefined, 'invalid-number', /wages \(row 2, column 1\): -5 is negative/],
    ['an error value in the range', col('#REF!'), 0.5, undefined, 'invalid-value', /error #REF!/],
    ['a boolean where a wage belongs', col(true), 0.5, undefined, 'invalid-value', /logical value/],
    [
      'ranges of different sizes name both',
      col(1, 2, 3),
      col(0.5, 0.5),
      undefined,
      'invalid-value',
      /wages is 3 rows × 1 column but rd_pct is 2 rows × 1 column/,
    ],
    ['a negative percentage', col(1000), -0.1, undefined, 'invalid-number', /between 0 and 1/],
    ['a ragged range', [[1, 2], [3]], 0.5, undefined, 'invalid-value', /not a rectangular range/],
    [
      'an unreadable substantially_all',
      col(1000),
      0.5,
      'maybe',
      'invalid-value',
      /substantially_all: "maybe" is not TRUE or FALSE/,
    ],
  ])('%s → error', (_name, wages, pct, sa, code, message) => {
    const f = failure('RD_WAGE_QRE', wages as never, pct as never, sa);
    expect(f.code).toBe(code);
    expect(f.message).toMatch(message);
  });

  test('the fast path and the decimal path agree on a value the fast path must decline (3 decimals)', () => {
    // 0.125 has more than 2 decimals: handled by the decimal path. 1000.005 × 1 = 1000.005 → 1000.01.
    expect(value('RD_WAGE_QRE', col(1000.005), 1)).toBe(1000.01);
  });
});

describe('RD_SUPPLY_QRE — supplies and computer rental', () => {
  test.each([
    ['defaults to 100%', col(1000, 2000), undefined, 3000, '1,000 + 2,000', '§41(b)(2)(C)'],
    ['one % for all', col(1000, 2000), 0.25, 750, '3,000 × 0.25', '§41(b)(2)(C)'],
    ['row %s', col(1000, 2000), col(0.1, 0.2), 500, '100 + 400', '§41(b)(2)(A)(iii)'],
  ])('%s', (_n, amounts, pct, expected, _a, _c) => {
    expect(value('RD_SUPPLY_QRE', amounts, pct)).toBe(expected);
  });
});

describe('RD_CLOUD_QRE — by environment', () => {
  test.each([
    [
      'research environments default to 100%',
      col(100, 200, 300),
      col('training', 'development', 'A/B Testing'),
      undefined,
      600,
      '100 + 200 + 300',
      '§41(b)(2)(A)(iii)',
    ],
    [
      'production, inference, monitoring, customer-facing are 0',
      col(100, 200, 300, 400, 5),
      col('production', 'Inference', 'monitoring', 'customer-facing', 'tuning'),
      undefined,
      5,
      '0 + 0 + 0 + 0 + 5',
      '§41(b)(2)(A)(iii): not production hosting',
    ],
    [
      'rd_pct applies to research rows only',
      col(1000, 1000),
      col('experimentation', 'production'),
      0.5,
      500,
      '1,000 × 0.5 + 0',
      '§41(b)(2)(A)(iii)',
    ],
    ['staging with an explicit rd_pct', col(1000), col('staging'), 0.3, 300, '1,000 × 0.3', 'staging has no default'],
    [
      'data preparation for experiments is research',
      col(50),
      col('Data preparation for experiments'),
      undefined,
      50,
      '50 × 1',
      '§41(b)(2)(A)(iii)',
    ],
    [
      'blank row (no amount, no environment) is skipped',
      col(100, ''),
      col('testing', ''),
      undefined,
      100,
      '100',
      'DESIGN §2 blank = 0',
    ],
  ])('%s', (_n, amounts, envs, pct, expected, _a, _c) => {
    expect(value('RD_CLOUD_QRE', amounts, envs, pct)).toBe(expected);
  });
  test.each([
    ['staging without rd_pct', col(1000), col('staging'), undefined, /"staging" has no default research share/],
    [
      'an unknown environment lists the accepted words',
      col(1000),
      col('prod-ish'),
      undefined,
      /environments: "prod-ish" is not a known environment; use one of "training"/,
    ],
    [
      'an amount with a blank environment',
      col(1000, 5),
      col('training', ''),
      undefined,
      /environments \(row 2, column 1\): blank next to an amount/,
    ],
  ])('%s → error', (_n, amounts, envs, pct, message) => {
    expect(failure('RD_CLOUD_QRE', amounts, envs, pct).message).toMatch(message);
  });
});

describe('RD_CONTRACT_QRE — 65 / 75 / 100%', () => {
  test.each([
    ['standard is 65%', col(100000), undefined, undefined, 65000, '100,000 × 0.65', '§41(b)(3)(A)'],
    ['consortium is 75%', col(100000), 1, 'consortium', 75000, '100,000 × 0.75', '§41(b)(3)(C)'],
    ['energy research is 100%', col(100000), 1, 'Energy', 100000, '100,000 × 1', '§41(b)(3)(D)'],
    [
      'type per row, blank = standard',
      col(1000, 1000, 1000),
      1,
      col('standard', 'consortium', ''),
      2050,
      '650 + 750 + 650',
      '§41(b)(3)',
    ],
    ['R&D % then 65%', col(10000), 0.5, undefined, 3250, '10,000 × 0.5 × 0.65', '§41(b)(3)(A)'],
    [
      '65% of a cent-odd amount rounds once',
      col(0.01, 0.01),
      undefined,
      undefined,
      0.01,
      '0.02 × 0.65 = 0.013 → 0.01',
      'DESIGN §2',
    ],
  ])('%s', (_n, amounts, pct, type, expected, _a, _c) => {
    expect(value('RD_CONTRACT_QRE', amounts, pct, type)).toBe(expected);
  });
  test('an unknown contract type lists the accepted words', () => {
    expect(failure('RD_CONTRACT_QRE', col(1000), 1, 'university').message).toMatch(
      /type: "university" is not a known contract type; use one of "standard", "consortium", "energy"/,
    );
  });
});

describe('RD_QRE — the total, rounded once', () => {
  test.each([
    ['wages only', col(100000), 0.5, [], 50000, '100,000 × 0.5', '§41(b)(1)'],
    [
      'all three categories',
      col(100000),
      0.5,
      [col(1000), 1, col(1000), 1, 'standard'],
      51650,
      '50,000 + 1,000 + 650',
      '§41(b)(1)–(3)',
    ],
    [
      'rounded once: two half-cents make 0.01, not 0.02',
      col(0.01),
      0.5,
      [col(0.01), 0.5],
      0.01,
      '0.005 + 0.005 = 0.01',
      'DESIGN §2 rounding once',
    ],
    [
      'consortium contracts',
      col(0),
      0,
      [undefined, undefined, col(1000), 1, 'consortium'],
      750,
      '0 + 750',
      '§41(b)(3)(C)',
    ],
  ])('%s', (_n, wages, pct, rest, expected, _a, _c) => {
    expect(value('RD_QRE', wages, pct, ...(rest as never[]))).toBe(expected);
  });
  test('a contract % without contracts is a shifted argument', () => {
    expect(failure('RD_QRE', col(1000), 1, undefined, undefined, undefined, 0.5).message).toMatch(
      /contract_pct is given but contracts is not/,
    );
  });
  test('too many arguments', () => {
    expect(failure('RD_QRE', 1, 1, 1, 1, 1, 1, 'standard', 9).message).toMatch(/takes at most 7 arguments; got 8/);
  });
});
