/**
 * The 80% rule per individual (IRC §41(b)(2)(B) last sentence; Treas. Reg. §1.41-2(d)(2)):
 * "substantially all of the services performed by an individual" is tested on the individual's
 * total R&D %, not row by row. Rows of the Employees sheet naming the same Employee (trimmed, any
 * case, runs of spaces as one) are one individual:
 * - the same W-2 Box 1 Wages on every row: one W-2 repeated; total = Σ %; W counted once;
 *   qualified W × total, or all of W at ≥ 80%; each row W × %ᵢ (at ≥ 80%: W × %ᵢ ÷ Σ %);
 * - different wages: parts of the year; W = Σ wages; total = Σ(wᵢ × %ᵢ) ÷ W;
 *   qualified Σ wᵢ × %ᵢ, or all of W at ≥ 80%; each row wᵢ × %ᵢ (at ≥ 80%: wᵢ).
 * Each row: name, inputs, the expected value written out, and the arithmetic.
 */
import fc from 'fast-check';
import { individualKey, wageIndividuals, wageQreCentsFastNamed } from '../src/calc/qre';
import { callFunction } from '../src/catalogue';
import type { CellValue } from '../src/cells';
import { plus, rate, toCents, usd, type Usd } from '../src/money';
import { RowClassifier } from '../src/study/classify';
import { readStudy } from '../src/study/model';
import { validateWorkbook } from '../src/study/validator';
import { col, failure, value } from './helpers';
import { book, ofRule } from './study-fixtures';

const E = 'Employees';

describe('RD_WAGE_QRE with employees: one individual per name', () => {
  test.each<[string, CellValue[], CellValue[], CellValue[], number, string]>([
    [
      'Jane on 2 rows, W-2 100,000 repeated, 40% + 45% = 85% ≥ 80%: all of it',
      [100000, 100000],
      [0.4, 0.45],
      ['Jane Doe', 'Jane Doe'],
      100000,
      'W = 100,000 once; 0.40 + 0.45 = 0.85 ≥ 0.80 → 100,000',
    ],
    [
      'repeated W-2 at 79.99% in total: 79.99% of it (just below the cliff)',
      [100000, 100000],
      [0.4, 0.3999],
      ['Jane Doe', 'Jane Doe'],
      79990,
      '0.40 + 0.3999 = 0.7999 < 0.80 → 100,000 × 0.7999',
    ],
    [
      'repeated W-2 at exactly 80% in total: all of it (the cliff)',
      [100000, 100000],
      [0.4, 0.4],
      ['Jane Doe', 'Jane Doe'],
      100000,
      '0.40 + 0.40 = 0.80 → 100,000',
    ],
    [
      'repeated W-2 at exactly 100%: all of it',
      [100000, 100000, 100000],
      [0.5, 0.25, 0.25],
      ['Jane', 'Jane', 'Jane'],
      100000,
      '0.5 + 0.25 + 0.25 = 1 → 100,000',
    ],
    [
      'parts of the year: 60,000 × 90% + 40,000 × 60% = 78,000 (78%)',
      [60000, 40000],
      [0.9, 0.6],
      ['Jane', 'JANE'],
      78000,
      'W = 100,000; 54,000 + 24,000 = 78,000; 78% < 80%',
    ],
    [
      'parts at exactly 80%: all of W',
      [60000, 40000],
      [0.9, 0.65],
      ['Jane', 'JANE'],
      100000,
      '54,000 + 26,000 = 80,000 = 80% of 100,000 → 100,000',
    ],
    [
      'parts at 79.996%: the weighted share, not W',
      [60000, 40000],
      [0.9, 0.6499],
      ['Jane', 'JANE'],
      79996,
      '54,000 + 25,996 = 79,996 < 80,000',
    ],
    [
      'parts: a 0% part is swept in when the year is ≥ 80%',
      [90000, 10000],
      [0.9, 0],
      ['Jane', 'Jane'],
      100000,
      '81,000 ÷ 100,000 = 81% ≥ 80% → all 100,000 (December at 0% included)',
    ],
    [
      'row by row the same rows give 85,000: the individual gives 100,000 (the defect of issue 10)',
      [100000, 100000],
      [0.4, 0.45],
      ['  jane   DOE ', 'Jane Doe'],
      100000,
      'trim, case and runs of spaces: one individual',
    ],
    [
      'two people: each row its own test',
      [100000, 100000],
      [0.4, 0.45],
      ['Jane Doe', 'John Roe'],
      85000,
      '40,000 + 45,000',
    ],
    [
      'hyphens count: "Mary-Jane" and "Mary Jane" are two people',
      [100000, 100000],
      [0.4, 0.45],
      ['Mary-Jane', 'Mary Jane'],
      85000,
      '40,000 + 45,000',
    ],
    [
      'an employee ID as a number and as text is one individual',
      [100000, 100000],
      [0.4, 0.45],
      [1001, '1001'],
      100000,
      '0.85 ≥ 0.80 → 100,000',
    ],
    ['blank names: each row its own individual', [100000, 100000], [0.4, 0.45], ['', null], 85000, '40,000 + 45,000'],
    [
      'a single-row individual at 80% counts 100% as before',
      [100000, 50000],
      [0.8, 0.5],
      ['Ann', 'Bob'],
      125000,
      '100,000 + 25,000',
    ],
  ])('%s', (_name, wages, pct, names, expected, _arithmetic) => {
    expect(value('RD_WAGE_QRE', col(...wages), col(...pct), null, col(...names))).toBe(expected);
    // The decimal path (text cells) gives the same cell value.
    expect(
      value(
        'RD_WAGE_QRE',
        col(...wages.map((w) => (typeof w === 'number' ? String(w) : w))),
        col(...pct.map((p) => (typeof p === 'number' ? String(p) : p))),
        null,
        col(...names),
      ),
    ).toBe(expected);
  });

  test('without employees each row is its own individual (v1 behaviour): 40,000 + 45,000', () => {
    expect(value('RD_WAGE_QRE', col(100000, 100000), col(0.4, 0.45))).toBe(85000);
  });
  test('substantially_all FALSE: the repeated W-2 counts its total share, 85%', () => {
    expect(value('RD_WAGE_QRE', col(100000, 100000), col(0.4, 0.45), false, col('Jane', 'Jane'))).toBe(85000);
  });
  test('one employees cell names every row: one individual', () => {
    expect(value('RD_WAGE_QRE', col(100000, 100000), col(0.4, 0.45), true, 'Jane')).toBe(100000);
  });
  test('one rd_pct cell for every row of a repeated W-2: 2 × 40% = 80% → all', () => {
    expect(value('RD_WAGE_QRE', col(100000, 100000), 0.4, true, col('Jane', 'jane'))).toBe(100000);
  });

  test.each([
    [
      'a repeated W-2 above 100% in total names the rows',
      [col(100000, 50000, 100000), col(0.6, 0.5, 0.6), true, col('Jane', 'Bob', 'jane')],
      'invalid-number',
      /^employees \(row 1, column 1\): "Jane" is on 2 rows \(rd_pct \(row 1, column 1\), rd_pct \(row 3, column 1\)\) that repeat one wage of 100000, and their R&D % total 120%, more than all of one individual's time/,
    ],
    [
      'employees not the shape of wages',
      [col(1, 2, 3), col(0.5, 0.5, 0.5), true, col('A', 'B')],
      'invalid-value',
      /wages is 3 rows × 1 column but employees is 2 rows × 1 column/,
    ],
    ['an error value among the names', [col(1, 2), 0.5, true, col('A', '#N/A')], 'invalid-value', /#N\/A/],
  ])('%s → error', (_name, args, code, message) => {
    const f = failure('RD_WAGE_QRE', ...(args as CellValue[]));
    expect(f.code).toBe(code);
    expect(f.message).toMatch(message);
  });
});

describe('each row’s part of its individual (what Section G splits by component)', () => {
  const parts = (wages: number[], pct: number[], keys: (string | undefined)[]) => {
    const r = wageIndividuals(
      wages.map((w, i) => ({ wages: usd(w), rdPct: rate(pct[i] ?? 0) })),
      keys,
      true,
      rate('0.8'),
    );
    return r.amounts.map((a) => toCents(a));
  };
  test.each<[string, number[], number[], (string | undefined)[], number[], string]>([
    [
      'Jane repeated 100,000 at 40% + 45% = 85%: parts 47,058.82 + 52,941.18',
      [100000, 100000],
      [0.4, 0.45],
      ['jane', 'jane'],
      [47058.82, 52941.18],
      '100,000 × 0.40 ÷ 0.85 = 47,058.8235…; the last row takes the rest, 52,941.1764…',
    ],
    [
      'repeated 100,000 at 30% + 30% = 60%: W × % each',
      [100000, 100000],
      [0.3, 0.3],
      ['jane', 'jane'],
      [30000, 30000],
      '100,000 × 0.30',
    ],
    [
      'three thirds of a repeated W-2 at 90%: 33,333.33 + 33,333.33 + 33,333.33 (exactly 100,000 before rounding)',
      [100000, 100000, 100000],
      [0.3, 0.3, 0.3],
      ['jane', 'jane', 'jane'],
      [33333.33, 33333.33, 33333.33],
      '100,000 × 0.3 ÷ 0.9 = 33,333.333…; the last takes 100,000 − 66,666.666…',
    ],
    ['parts at 81%: each part its whole wage', [90000, 10000], [0.9, 0], ['jane', 'jane'], [90000, 10000], '81% ≥ 80%'],
    [
      'parts at 78%: wage × % each',
      [60000, 40000],
      [0.9, 0.6],
      ['jane', 'jane'],
      [54000, 24000],
      '60,000 × 0.9; 40,000 × 0.6',
    ],
  ])('%s', (_name, wages, pct, keys, expected, _arithmetic) => {
    expect(parts(wages, pct, keys)).toEqual(expected);
  });

  test('an individual’s exact parts sum exactly to its qualified wages (no remainder is lost)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }).map((c) => c / 100),
        fc.array(fc.integer({ min: 0, max: 10000 }), { minLength: 2, maxLength: 7 }),
        (w, units) => {
          const rows = units.map((u) => ({ wages: usd(w), rdPct: rate(u / 10000) }));
          const r = wageIndividuals(
            rows,
            rows.map(() => 'x'),
            true,
            rate('0.8'),
          );
          const [p] = r.individuals;
          const sum = r.amounts.reduce<Usd>((s, a) => plus(s, a), usd(0));
          if (!p!.overFull) expect(sum.eq(p!.qualified)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the integer fast path with names equals the decimal path', () => {
  const cents = fc.integer({ min: 0, max: 30_000_000 }).map((c) => c / 100);
  const pct4 = fc.integer({ min: 0, max: 10000 }).map((u) => u / 10000);
  const name = fc.constantFrom('Ann', 'ann ', 'Bob', '  BOB', 'Cy', '', 7, '7');
  const row = fc.tuple(cents, pct4, name);
  // A repeated W-2 is what makes the sums interesting: draw some rows sharing a wage.
  const table = fc
    .array(row, { minLength: 1, maxLength: 25 })
    .chain((rows) =>
      fc
        .array(fc.boolean(), { minLength: rows.length, maxLength: rows.length })
        .map((same) => rows.map((r, i) => (same[i] && rows[0] ? [rows[0][0], r[1], r[2]] : r) as typeof r)),
    );
  test('RD_WAGE_QRE over numbers (fast) and over text (decimal) give the same cell', () => {
    fc.assert(
      fc.property(table, fc.boolean(), (rows, sa) => {
        const names = rows.map((r) => [r[2]]);
        const asNumbers = callFunction('RD_WAGE_QRE', [rows.map((r) => [r[0]]), rows.map((r) => [r[1]]), sa, names]);
        const asText = callFunction('RD_WAGE_QRE', [
          rows.map((r) => [String(r[0])]),
          rows.map((r) => [String(r[1])]),
          sa,
          names,
        ]);
        expect(asNumbers).toEqual(asText);
      }),
      { numRuns: 400 },
    );
  });
  test('the fast path declines a repeated W-2 above 100% (the decimal path reports it)', () => {
    expect(wageQreCentsFastNamed([[100], [100]], [[0.6], [0.6]], [['A'], ['a']], true, 8000)).toBeUndefined();
  });
  test('the fast path declines a name that is neither text nor a number', () => {
    expect(wageQreCentsFastNamed([[100], [100]], [[0.6], [0.1]], [[true], ['a']], true, 8000)).toBeUndefined();
  });
  test.each([
    ['  Jane   DOE ', 'jane doe'],
    ['Jane\tDoe', 'jane doe'],
    ['Mary-Jane', 'mary-jane'],
  ])('individualKey(%j) = %j', (name, key) => expect(individualKey(name)).toBe(key));
  test('individualKey: the printable-ASCII shortcut gives what trimming, lower-casing and joining runs of spaces give', () => {
    const general = (name: string) => {
      const lower = name.trim().toLowerCase();
      return /\s\s|[^\S ]/.test(lower) ? lower.replace(/\s+/g, ' ') : lower;
    };
    const unit = fc.constantFrom(
      'a',
      'Z',
      'q',
      'M',
      ' ',
      '  ',
      '-',
      '_',
      '0',
      '~',
      '\t',
      '\n',
      '\u00a0',
      'É',
      'é',
      '\u2003',
      '\ufeff',
      '\x7f',
      '\x1f',
      '@',
      '[',
      '`',
      '{',
    );
    fc.assert(
      fc.property(fc.string({ unit }), (name) => {
        expect(individualKey(name)).toBe(general(name));
      }),
      { numRuns: 3000 },
    );
  });
});

/** An Employees sheet from rows [Employee, Location, W-2 Box 1 Wages, R&D %, Business Component]. */
function employees(rows: CellValue[][]) {
  return readStudy({
    sheets: [
      {
        name: 'Employees',
        values: [['Employee', 'Location', 'W-2 Box 1 Wages', 'R&D %', 'Business Component'], ...rows],
      },
    ],
  }).employees!;
}

describe('the row classifier gives each Employees row its part (line 42)', () => {
  test.each<[string, CellValue[][], (string | undefined)[]]>([
    [
      'Jane on 2 rows, 100,000 repeated, 40% + 45%: 47,058.82… + 52,941.17…; John alone at 50%',
      [
        ['Jane Doe', 'US', 100000, 0.4, 'Ledger'],
        ['John Roe', 'US', 80000, 0.5, 'Ledger'],
        ['jane doe', 'US', 100000, 0.45, 'Fraud'],
      ],
      ['47058.82', '40000.00', '52941.18'],
    ],
    [
      'a foreign row of Jane is left out of line 42 and of her test: her US row alone at 50%',
      [
        ['Jane Doe', 'US', 100000, 0.5, 'Ledger'],
        ['Jane Doe', 'Canada', 100000, 0.4, 'Ledger'],
      ],
      ['50000.00', undefined],
    ],
    [
      'blank wages and R&D % are 0, as in a formula: Jane parts 60,000 at 90% and a blank part',
      [
        ['Jane', 'US', 60000, 0.9, 'A'],
        ['Jane', 'US', null, null, 'B'],
      ],
      ['60000.00', '0.00'],
    ],
    [
      'an unreadable wage leaves every row of the individual without an amount',
      [
        ['Jane', 'US', 60000, 0.9, 'A'],
        ['Jane', 'US', 'n/a', 0.5, 'B'],
      ],
      [undefined, undefined],
    ],
  ])('%s', (_name, rows, expected) => {
    const t = employees(rows);
    const c = new RowClassifier(2025);
    expect(t.rows.map((r) => c.employee(t, r).amount?.toDecimalPlaces(2).toFixed(2))).toEqual(expected);
  });

  // The contract compute relies on: Σ of the rows' parts, rounded once, is RD_WAGE_QRE over the
  // rows that feed line 42 with the Employee column as employees.
  test('Σ per-row amounts rounded once = RD_WAGE_QRE(wages, pct, TRUE, employees) over the line-42 rows', () => {
    const rowArb = fc.tuple(
      fc.constantFrom('Ann', 'ann', 'Bob', 'Cy', 'Dee', ''),
      fc.constantFrom('US', 'US', 'US', 'Canada'),
      fc.integer({ min: 0, max: 20_000_000 }).map((c) => c / 100),
      fc.integer({ min: 0, max: 10000 }).map((u) => u / 10000),
    );
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 20 }), fc.boolean(), (rows, share) => {
        // Half the time Ann's rows share one wage (a repeated W-2).
        const cells: CellValue[][] = rows.map(([n, loc, w, p]) => [n, loc, share && /ann/i.test(n) ? 100000 : w, p]);
        const t = employees(cells);
        const c = new RowClassifier(2025);
        const line = t.rows.filter((r) => c.employee(t, r).line === '42');
        if (line.length === 0) return;
        let sum = usd(0) as Usd;
        let unknown = false;
        for (const r of line) {
          const a = c.employee(t, r).amount;
          if (a === undefined) unknown = true;
          else sum = sum.plus(a) as Usd;
        }
        const cell = callFunction('RD_WAGE_QRE', [
          line.map((r) => [r.cells.wages]),
          line.map((r) => [r.cells.rdPct]),
          true,
          line.map((r) => [r.cells.employee]),
        ]);
        if (!cell.ok) expect(unknown).toBe(true);
        else expect(toCents(sum)).toBe(cell.value);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the validator tests an individual on its total', () => {
  const ada = (b = book()) =>
    b.set(E, 2, 'R&D %', 0.4).appendRow(E, ['ada  LOVELACE', 'Software Developer', 'US', 150000, 0.45, 'Fraud Model']);
  const run = (b: ReturnType<typeof book>) => validateWorkbook(b.grids());

  test('Ada on 2 rows, 150,000 repeated, 40% + 45% = 85%: split-rows (repeated) and substantially-all at her first row', () => {
    const f = run(ada());
    expect(ofRule(f, 'wages/split-rows').map((x) => [x.severity, x.cell])).toEqual([['info', 'Employees!A2']]);
    expect(ofRule(f, 'wages/split-rows')[0]!.message).toMatch(/read as one W-2 repeated.*40% \+ 45% = 85% in total/);
    const sa = ofRule(f, 'wages/substantially-all');
    expect(sa.map((x) => x.cell)).toEqual(['Employees!E2']);
    expect(sa[0]!.message).toMatch(/totals 85% over 2 rows \(Employees!E2, Employees!E8\).*all \$150,000\.00/);
    // Her total, 85%, is inside the Software Developer range (80–100%): no role-range for 40% or 45%.
    expect(ofRule(f, 'wages/role-range')).toEqual([]);
    // Two components: not a duplicate.
    expect(ofRule(f, 'wages/duplicate-employee')).toEqual([]);
  });

  test('79.99% in total: split-rows, but no substantially-all, and the total is below the role range', () => {
    const f = run(ada().set(E, 8, 'R&D %', 0.3999));
    expect(ofRule(f, 'wages/substantially-all')).toEqual([]);
    expect(ofRule(f, 'wages/role-range').map((x) => x.cell)).toEqual(['Employees!E2']);
    expect(ofRule(f, 'wages/role-range')[0]!.message).toMatch(/totals 79\.99% over 2 rows/);
  });

  test('60% + 70% of one W-2 = 130%: an error naming both rows, and no "counts" info', () => {
    const f = run(ada().set(E, 2, 'R&D %', 0.6).set(E, 8, 'R&D %', 0.7));
    const over = ofRule(f, 'wages/individual-over-100');
    expect(over.map((x) => [x.severity, x.cell])).toEqual([['error', 'Employees!E2']]);
    expect(over[0]!.message).toMatch(
      /totals 130% over 2 rows that repeat one W-2 of \$150,000\.00 \(Employees!E2, Employees!E8: 60% \+ 70%\)/,
    );
    expect(ofRule(f, 'wages/substantially-all')).toEqual([]);
    expect(ofRule(f, 'wages/split-rows')).toEqual([]);
  });

  test('50% + 50% = 100%: not over, and no substantially-all (it already counts in full)', () => {
    const f = run(ada().set(E, 2, 'R&D %', 0.5).set(E, 8, 'R&D %', 0.5));
    expect(ofRule(f, 'wages/individual-over-100')).toEqual([]);
    expect(ofRule(f, 'wages/substantially-all')).toEqual([]);
  });

  test('parts: 150,000 at 90% and 50,000 at 60% = 82.5% of 200,000, read as parts', () => {
    const f = run(ada().set(E, 2, 'R&D %', 0.9).set(E, 8, 'W-2 Box 1 Wages', 50000).set(E, 8, 'R&D %', 0.6));
    expect(ofRule(f, 'wages/split-rows')[0]!.message).toMatch(
      /read as parts of the year's wages: \$200,000\.00 in all, 82\.5% of it for research/,
    );
    expect(ofRule(f, 'wages/substantially-all')[0]!.message).toMatch(/totals 82\.5%.*all \$200,000\.00/);
  });

  test('a foreign employee at 90% gets wages/foreign only — never "100% of the wages count" (one finding per cause)', () => {
    const f = run(book().set(E, 2, 'Location', 'India').set(E, 2, 'R&D %', 0.9));
    expect(ofRule(f, 'wages/foreign').map((x) => x.cell)).toEqual(['Employees!C2']);
    expect(ofRule(f, 'wages/substantially-all')).toEqual([]);
  });

  test('the same person twice on the same component in the US is a duplicate; in another country it is not', () => {
    const same = run(book().appendRow(E, ['Ada Lovelace', 'Software Developer', 'US', 150000, 0, 'Payments API']));
    expect(ofRule(same, 'wages/duplicate-employee').map((x) => x.cell)).toEqual(['Employees!A8']);
    const abroad = run(book().appendRow(E, ['Ada Lovelace', 'Software Developer', 'UK', 150000, 0, 'Payments API']));
    expect(ofRule(abroad, 'wages/duplicate-employee')).toEqual([]);
  });
});
