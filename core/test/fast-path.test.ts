/**
 * The exact integer paths (core/src/calc/fast*.ts) give the decimal path's answer, to the cent,
 * on any cents and 4-decimal percentages — values right at half a cent included — and decline
 * (the decimal path answers) on anything else, so messages stay the decimal path's own.
 * Each property compares a call on numbers (fast) with the same call on the same values as text
 * (the decimal path: text cells never take the fast path).
 */
import fc from 'fast-check';
import { callFunction } from '../src/catalogue';
import { centsOf, sumCentsTimesUnits, NO_THRESHOLD } from '../src/calc/fast';
import { contractQre, supplyQre, wageQre } from '../src/calc/qre';
import { sec174Deduction, sec174Schedule } from '../src/calc/sec174';
import { rate, toCents, usd } from '../src/money';

const cents = fc.integer({ min: 0, max: 10_000_000_00 }).map((c) => c / 100);
const pct4 = fc.integer({ min: 0, max: 10000 }).map((u) => u / 10000);
/** Amounts × percentages whose product ends in exactly half a cent (e.g. $0.01 × 50%). */
const halfCentRow = fc
  .tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(0.5, 0.05, 0.005, 0.0005, 0.0025, 0.0125))
  .map(([k, p]) => [(2 * k + 1) / 100, p] as const);
const row = fc.oneof(fc.tuple(cents, pct4), halfCentRow);
const rows = fc.array(row, { minLength: 1, maxLength: 40 });
const col = <T>(xs: readonly T[]) => xs.map((x) => [x]);
const text = (xs: readonly (number | string)[]) => xs.map((x) => [String(x)]);

function value(name: string, args: unknown[]): unknown {
  const o = callFunction(name, args as never[]);
  return o.ok ? o.value : { code: o.code, message: o.message };
}

describe('the integer sum equals the decimal sum', () => {
  test.each([
    // [name, amounts, pct, expected cents] — each product's arithmetic in the name.
    ['$0.01 × 50% = half a cent, rounds up to $0.01', [[0.01]], [[0.5]], 0.01],
    ['$0.01 × 49.99% = 0.4999 of a cent, rounds down to $0', [[0.01]], [[0.4999]], 0],
    ['$0.03 × 50% + $0.01 × 50% = 2 cents exactly', [[0.03], [0.01]], [[0.5], [0.5]], 0.02],
    ['$0.01 × 50% twice = one cent (rounded once, not per row: 2 × 0.5¢)', [[0.01], [0.01]], [[0.5], [0.5]], 0.01],
    ['$100,000,000 × 100% (the largest row on the fast path)', [[1e8]], [[1]], 1e8],
    ['blanks count 0: "" × 50% + $10 × ""', [[''], [10]], [[0.5], ['']], 0],
  ])('%s', (_name, amounts, pct, expected) => {
    const t = sumCentsTimesUnits(amounts, pct, NO_THRESHOLD);
    expect(t === undefined ? undefined : centsOf(t, 10000)).toBe(expected);
  });

  test.each([
    ['a wage with 3 decimals', [[0.005]], [[1]]],
    ['a percentage with 5 decimals', [[1]], [[0.12345]]],
    ['$100,000,000.01: past the fast path’s row limit', [[100000000.01]], [[1]]],
    ['a negative amount (the decimal path words it)', [[-1]], [[1]]],
    ['80 as a percentage (the decimal path words it)', [[1]], [[80]]],
    ['text in an amount cell', [['abc']], [[1]]],
    ['ranges of different shapes', [[1], [2]], [[1]]],
    ['a ragged range', [[1], [2, 3]], [[1], [1]]],
  ])('declines on %s', (_name, amounts, pct) => {
    expect(sumCentsTimesUnits(amounts, pct, NO_THRESHOLD)).toBeUndefined();
  });

  test('supplies: any cents and percentages, half cents included', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const t = sumCentsTimesUnits(col(rs.map((r) => r[0])), col(rs.map((r) => r[1])), NO_THRESHOLD);
        const exact = toCents(supplyQre(rs.map(([a, p]) => ({ amount: usd(a), rdPct: rate(p) }))));
        expect(t === undefined ? undefined : centsOf(t, 10000)).toBe(exact);
      }),
      { numRuns: 500 },
    );
  });
  test('wages with the 80% rule: any cents and percentages', () => {
    fc.assert(
      fc.property(rows, fc.boolean(), (rs, sa) => {
        const t = sumCentsTimesUnits(col(rs.map((r) => r[0])), col(rs.map((r) => r[1])), sa ? 8000 : NO_THRESHOLD);
        const exact = toCents(
          wageQre(
            rs.map(([w, p]) => ({ wages: usd(w), rdPct: rate(p) })),
            sa,
            2025,
          ),
        );
        expect(t === undefined ? undefined : centsOf(t, 10000)).toBe(exact);
      }),
      { numRuns: 500 },
    );
  });
});

describe('through the catalogue: numbers (fast) and the same values as text (decimal) agree', () => {
  const types = fc.constantFrom('standard', 'consortium', 'energy', 'Energy', '', 'bogus');
  const envs = fc.constantFrom('training', 'production', 'staging', 'Customer-facing', '', 'bogus', '#REF!');
  const runs = { numRuns: 300 };

  test('RD_WAGE_QRE and RD_SUPPLY_QRE', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const a = rs.map((r) => r[0]);
        const p = rs.map((r) => r[1]);
        for (const name of ['RD_WAGE_QRE', 'RD_SUPPLY_QRE'])
          expect(value(name, [col(a), col(p)])).toEqual(value(name, [text(a), text(p)]));
      }),
      runs,
    );
  });
  test('RD_CONTRACT_QRE with a type per row, and the exact Σ amount × % × rate', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(row, types), { minLength: 1, maxLength: 30 }), (rs) => {
        const a = rs.map((r) => r[0][0]);
        const p = rs.map((r) => r[0][1]);
        const t = rs.map((r) => r[1]);
        const fast = value('RD_CONTRACT_QRE', [col(a), col(p), col(t)]);
        expect(fast).toEqual(value('RD_CONTRACT_QRE', [text(a), text(p), col(t)]));
        if (t.every((x) => x !== 'bogus')) {
          const exact = contractQre(
            rs.map(([[amount, pct], type]) => ({
              amount: usd(amount),
              rdPct: rate(pct),
              type: (type.toLowerCase() || 'standard') as 'standard',
            })),
            2025,
          );
          expect(fast).toBe(toCents(exact));
        }
      }),
      runs,
    );
  });
  test('RD_CLOUD_QRE with an environment per row, with and without rd_pct', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(row, envs), { minLength: 1, maxLength: 30 }), fc.boolean(), (rs, withPct) => {
        const a = rs.map((r) => r[0][0]);
        const p = rs.map((r) => r[0][1]);
        const e = rs.map((r) => r[1]);
        const fast = value('RD_CLOUD_QRE', withPct ? [col(a), col(e), col(p)] : [col(a), col(e)]);
        const slow = value('RD_CLOUD_QRE', withPct ? [text(a), col(e), text(p)] : [text(a), col(e)]);
        expect(fast).toEqual(slow);
      }),
      runs,
    );
  });
  test('RD_QRE with all three kinds', () => {
    fc.assert(
      fc.property(rows, rows, fc.array(fc.tuple(row, types), { minLength: 1, maxLength: 20 }), (w, s, c) => {
        const args = (f: (xs: readonly (number | string)[]) => unknown) => [
          f(w.map((r) => r[0])),
          f(w.map((r) => r[1])),
          f(s.map((r) => r[0])),
          f(s.map((r) => r[1])),
          f(c.map((r) => r[0][0])),
          f(c.map((r) => r[0][1])),
          col(c.map((r) => r[1])),
        ];
        expect(value('RD_QRE', args(col))).toEqual(value('RD_QRE', args(text)));
      }),
      runs,
    );
  });
  test('RD_ROLE_CHECK: bounds exactly at the range ends, blanks, unknown roles and job titles', () => {
    // Job titles read as roles (core/src/law/role-titles.ts): a synonym with level words, a
    // synonym, punctuation, only seniority words and a bare "Engineer II" (no role).
    const role = fc.constantFrom(
      'Software Developer',
      ' qa  engineer',
      'IT Support',
      'Janitor',
      '',
      '#N/A',
      'Sr. Software Engineer II',
      'SDET',
      'Dev-Ops Engineer',
      'Senior',
      'Engineer II',
    );
    const pct = fc.oneof(pct4, fc.constantFrom(0, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 0.30000000000000004, ''));
    fc.assert(
      fc.property(fc.array(fc.tuple(role, pct), { minLength: 2, maxLength: 30 }), (rs) => {
        const r = col(rs.map((x) => x[0]));
        expect(value('RD_ROLE_CHECK', [r, col(rs.map((x) => x[1]))])).toEqual(
          value('RD_ROLE_CHECK', [r, text(rs.map((x) => x[1]))]),
        );
      }),
      runs,
    );
  });
  test('RD_ROLE_CHECK with a firm table of aliases (4 columns): the alias before the built-in synonym', () => {
    // "SRE" is a DevOps Engineer among the built-in synonyms; this firm lists it under QA Engineer.
    const table = [
      ['Role', 'Low %', 'High %', 'Aliases'],
      ['QA Engineer', 0.6, 0.8, 'SRE; Tester'],
      ['DevOps Engineer', 0.4, 0.6, ''],
      ['Senior Developer', 0.9, 1, null],
      ['Developer', 0.7, 0.9, null],
    ];
    const role = fc.constantFrom(
      'SRE',
      'Senior SRE',
      'Platform Engineer',
      'Sr. Developer',
      'Staff Developer',
      'Tester',
    );
    const pct = fc.oneof(pct4, fc.constantFrom(0, 0.4, 0.6, 0.7, 0.8, 0.9, 1, ''));
    fc.assert(
      fc.property(fc.array(fc.tuple(role, pct), { minLength: 2, maxLength: 20 }), (rs) => {
        const r = col(rs.map((x) => x[0]));
        expect(value('RD_ROLE_CHECK', [r, col(rs.map((x) => x[1])), null, table])).toEqual(
          value('RD_ROLE_CHECK', [r, text(rs.map((x) => x[1])), null, table]),
        );
      }),
      runs,
    );
  });
  test('SEC174_AMORT: a tax year or the schedule, every method but elect_60, equal to the schedule code', () => {
    const vintage = fc.tuple(
      fc.oneof(
        cents,
        fc.integer({ min: 0, max: 100 }).map((c) => c / 100),
      ),
      fc.integer({ min: 2018, max: 2030 }),
      fc.constantFrom('domestic', 'foreign', 'US', ''),
    );
    fc.assert(
      fc.property(
        fc.array(vintage, { minLength: 1, maxLength: 20 }),
        fc.constantFrom('auto', 'accelerate', 'accelerate_2yr', 'retroactive'),
        fc.option(fc.integer({ min: 2018, max: 2046 })),
        (vs, method, taxYear) => {
          const a = vs.map((v) => v[0]);
          const y = col(vs.map((v) => v[1]));
          const l = col(vs.map((v) => v[2]));
          const fast = value('SEC174_AMORT', [col(a), y, taxYear ?? undefined, l, method]);
          expect(fast).toEqual(value('SEC174_AMORT', [text(a), y, taxYear ?? undefined, l, method]));
          const list = vs.map(([amount, yearIncurred, loc]) => ({
            amount: usd(amount),
            yearIncurred,
            location: loc === 'foreign' ? ('foreign' as const) : ('domestic' as const),
          }));
          const m = method as 'auto';
          const exact =
            taxYear === null
              ? sec174Schedule(list, m).map((e) => [e.year, toCents(e.deduction)])
              : toCents(sec174Deduction(list, m, taxYear));
          expect(fast).toEqual(exact);
        },
      ),
      runs,
    );
  });
});

describe('SEC174_AMORT: c = qD + b cents, each slice q × months + a table of b (boundary rows)', () => {
  // IRC §174(a)(2) (5 years domestic from the midpoint, 15 years foreign: D = 60 or 180 months),
  // §174A and P.L. 119-21 §70302(f)(2) (the 2022–2024 remainder deducted in 2025, or split over
  // 2025–2026). The integer path (numbers) against the schedule code (decimal.js) and the same
  // amounts as text (the catalogue's decimal path).
  test.each([
    ['$0.01 domestic 2023: 1 × 6/60 = 0.1¢ rounds to 0; the last slice takes the cent', 0.01, 2023, 'domestic', 'auto'],
    ['$0.05 domestic 2023: 5 × 6/60 = ½¢ rounds half up to 1¢ (b = 5)', 0.05, 2023, 'domestic', 'auto'],
    ['$1.19 domestic 2022: 119 = 1 × 60 + 59, b at its largest', 1.19, 2022, 'domestic', 'auto'],
    [
      '$0.03 domestic 2022 accelerate_2yr: remainder split, the odd cent in 2025',
      0.03,
      2022,
      'domestic',
      'accelerate_2yr',
    ],
    ['$0.15 foreign 2024: 15 × 6/180 = ½¢ rounds half up (D = 180)', 0.15, 2024, 'foreign', 'auto'],
    [
      '$99,999,999,999.99 foreign 2023: q = 55,555,555,555, b = 99 (the largest row on the fast path)',
      99999999999.99,
      2023,
      'foreign',
      'auto',
    ],
    ['$100,000,000,000 domestic 2022 accelerate: c = 10^13, a multiple of 60', 1e11, 2022, 'domestic', 'accelerate'],
    ['$12,345,678.91 domestic 2024 retroactive', 12345678.91, 2024, 'domestic', 'retroactive'],
  ])('%s', (_name, amount, year, location, method) => {
    const list = [{ amount: usd(amount), yearIncurred: year, location: location as 'domestic' | 'foreign' }];
    const m = method as 'auto';
    const schedule = sec174Schedule(list, m).map((e) => [e.year, toCents(e.deduction)]);
    const args = (a: unknown, taxYear?: number) => [
      [[a], [a]],
      [[year], [year]],
      taxYear,
      [[location], [location]],
      method,
    ];
    const twice = sec174Schedule([...list, ...list], m).map((e) => [e.year, toCents(e.deduction)]);
    expect(value('SEC174_AMORT', args(amount))).toEqual(twice);
    expect(value('SEC174_AMORT', args(amount))).toEqual(value('SEC174_AMORT', args(String(amount))));
    for (const [y] of schedule) {
      expect(value('SEC174_AMORT', args(amount, y as number))).toEqual(
        toCents(sec174Deduction([...list, ...list], m, y as number)),
      );
    }
  });
});

describe('RD_ROLE_CHECK over several columns: each row built at its width', () => {
  test.each([
    // Treas. Reg. §1.41-2(d)(1): a role's typical range; the software profile's QA Engineer range.
    [
      '2 × 2: OK, unknown, blank beside blank, below',
      [
        ['QA Engineer', 'Janitor'],
        ['', 'QA Engineer'],
      ],
      [
        [0.5, 0.5],
        ['', 0],
      ],
    ],
    ['1 × 3: a single row of three', [['QA Engineer', 'QA Engineer', 'IT Support']], [[0, 1, 0.3]]],
  ])('%s', (_name, roles, pcts) => {
    const fast = value('RD_ROLE_CHECK', [roles, pcts]);
    expect(fast).toEqual(value('RD_ROLE_CHECK', [roles, pcts.map((r) => r.map((x) => String(x)))]));
    expect(Array.isArray(fast) && (fast as unknown[][]).every((r) => r.length === roles[0]!.length)).toBe(true);
  });
});

describe('errors are the decimal path’s own, word for word', () => {
  test.each([
    [
      'text in an amount cell',
      'RD_SUPPLY_QRE',
      [
        [[1], ['abc']],
        [[0.5], [0.5]],
      ],
      'amounts (row 2, column 1): "abc" is text, not a number; enter an amount in dollars.',
    ],
    [
      '80 as a %',
      'RD_WAGE_QRE',
      [
        [[1], [2]],
        [[0.5], [80]],
      ],
      'rd_pct (row 2, column 1): R&D % must be a fraction between 0 and 1 (80% is 0.8); got 80.',
    ],
    [
      'a negative wage',
      'RD_WAGE_QRE',
      [
        [[1], [-2]],
        [[0.5], [0.5]],
      ],
      'wages (row 2, column 1): -2 is negative; amounts must be 0 or more.',
    ],
    [
      'ranges of different shapes',
      'RD_CONTRACT_QRE',
      [
        [[1], [2]],
        [[0.5], [0.5], [0.5]],
      ],
      'amounts is 2 rows × 1 column but rd_pct is 3 rows × 1 column; give rd_pct as one cell or a range of the same shape as amounts.',
    ],
    [
      'an unknown contract type',
      'RD_CONTRACT_QRE',
      [
        [[1], [2]],
        [[0.5], [0.5]],
        [['standard'], ['mystery']],
      ],
      'type (row 2, column 1): "mystery" is not a known contract type; use one of "standard", "consortium", "energy".',
    ],
    [
      'staging without rd_pct',
      'RD_CLOUD_QRE',
      [
        [[1], [2]],
        [['training'], ['staging']],
      ],
      'environments (row 2, column 1): "staging" has no default research share; give rd_pct for it.',
    ],
    [
      'a blank year beside an amount',
      'SEC174_AMORT',
      [
        [[1], [2]],
        [[2023], ['']],
      ],
      'year_incurred (row 2, column 1): blank next to an amount of 2; enter the tax year incurred.',
    ],
    [
      'an error value as a role',
      'RD_ROLE_CHECK',
      [
        [['QA Engineer'], ['#REF!']],
        [[0.5], [0.5]],
      ],
      'role (row 2, column 1): the cell holds the error #REF!; fix that cell first.',
    ],
  ])('%s', (_name, fn, args, message) => {
    const o = callFunction(fn, args as never[]);
    expect(o.ok ? o.value : o.message).toBe(message);
  });
});
