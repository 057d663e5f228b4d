/**
 * Business components for Form 6765 (Rev. Dec. 2024) Section G: the Allocations sheet splits an
 * employee's qualified wages across components (lines 50–53; the shares sum to 100%, records per
 * Treas. Reg. §1.41-4(d)); every QRE dollar must land in a component, and a row that names none is
 * `component/unassigned-qre` — a warning for tax years beginning in 2026 or later (Section G
 * required), info before. Each case: the planted problem, the cell, the arithmetic.
 */
import type { CellValue } from '../src/cells';
import { RowClassifier } from '../src/study/classify';
import { readStudy } from '../src/study/model';
import type { Finding } from '../src/study/types';
import { validateWorkbook } from '../src/study/validator';
import { book, ofRule, type StudyBook } from './study-fixtures';

const E = 'Employees';
const A = 'Allocations';
const ALLOC_HEADER = ['Employee', 'Business Component', 'Share'];

/** The clean study with an Allocations sheet (after Employees). */
function withAllocations(rows: CellValue[][], b: StudyBook = book()): StudyBook {
  const at = b.sheets.findIndex((s) => s.name === E) + 1;
  b.sheets.splice(at, 0, { name: A, values: [ALLOC_HEADER, ...rows] });
  return b;
}
const run = (b: StudyBook): Finding[] => validateWorkbook(b.grids());
const cells = (f: readonly Finding[], rule: string) => ofRule(f, rule).map((x) => [x.severity, x.cell]);

describe('allocations/not-100: an employee’s shares sum to exactly 100%', () => {
  test.each<[string, CellValue[][], string[][]]>([
    [
      '60% + 39.99% = 99.99%: an error at the first share',
      [
        ['Ada Lovelace', 'Payments API', 0.6],
        ['Ada Lovelace', 'Fraud Model', 0.3999],
      ],
      [['error', 'Allocations!C2']],
    ],
    [
      '60% + 40% = 100%: fine',
      [
        ['Ada Lovelace', 'Payments API', 0.6],
        ['ada lovelace', 'Fraud Model', 0.4],
      ],
      [],
    ],
    [
      '60% + 40.01% = 100.01%: an error',
      [
        ['Ada Lovelace', 'Payments API', 0.6],
        ['Ada Lovelace', 'Fraud Model', 0.4001],
      ],
      [['error', 'Allocations!C2']],
    ],
    [
      'thirds typed 0.3333 + 0.3333 + 0.3334 = 100%: fine (exact decimals)',
      [
        ['Ada Lovelace', 'Payments API', 0.3333],
        ['Ada Lovelace', 'Fraud Model', 0.3333],
        ['Ada Lovelace', 'Payments API', 0.3334],
      ],
      [],
    ],
    [
      'each employee on its own: Ada 100%, Grace 50% (row 3)',
      [
        ['Ada Lovelace', 'Payments API', 1],
        ['Grace Hopper', 'Fraud Model', 0.5],
      ],
      [['error', 'Allocations!C3']],
    ],
    [
      'a share typed as 80 is its reader’s error, not also a wrong sum',
      [
        ['Ada Lovelace', 'Payments API', 80],
        ['Ada Lovelace', 'Fraud Model', 0.2],
      ],
      [],
    ],
  ])('%s', (_name, rows, expected) => {
    expect(cells(run(withAllocations(rows)), 'allocations/not-100')).toEqual(expected);
  });

  test('the message gives the sum and the cells, and cites Section G and the records rule', () => {
    const [f] = ofRule(
      run(
        withAllocations([
          ['Ada Lovelace', 'Payments API', 0.6],
          ['Ada Lovelace', 'Fraud Model', 0.3999],
        ]),
      ),
      'allocations/not-100',
    );
    expect(f!.message).toBe(
      'Shares of "Ada Lovelace" on Allocations sum to 99.99% (Allocations!C2, Allocations!C3), not 100%; correct them so each qualified wage dollar lands in exactly one business component (until then these wages are unassigned in Section G).',
    );
    expect(f!.citation).toBe('Form 6765 (Rev. Dec. 2024) Section G, lines 50–53; Treas. Reg. §1.41-4(d)');
  });
});

describe('Share cells read like every fraction cell', () => {
  test.each<[string, CellValue, string, RegExp]>([
    [
      '80 typed for 80%',
      80,
      'cell/pct-out-of-bounds',
      /is 80, which reads as 8000%; Share must be a fraction \(80% is 0\.8\), so enter 0\.8 for 80%/,
    ],
    ['text', 'most', 'cell/not-a-number', /Share of "Ada Lovelace" \(Allocations!C2\) is the text "most"/],
    ['a negative share', -0.1, 'cell/pct-out-of-bounds', /below 0%/],
  ])('%s', (_name, share, rule, message) => {
    const f = ofRule(run(withAllocations([['Ada Lovelace', 'Payments API', share]])), rule);
    expect(f.map((x) => x.cell)).toEqual(['Allocations!C2']);
    expect(f[0]!.message).toMatch(message);
  });
  test('"60%" as text is 0.6', () => {
    const f = run(
      withAllocations([
        ['Ada Lovelace', 'Payments API', '60%'],
        ['Ada Lovelace', 'Fraud Model', '40%'],
      ]),
    );
    // Shares of 100%: nothing wrong (Ada's own Employees component is only noted as not used).
    expect(f.filter((x) => x.rule !== 'allocations/overrides-component')).toEqual([]);
  });
});

describe('allocations/unknown-employee and allocations/unknown-component', () => {
  test('an employee not on the Employees sheet: one error at its first row, counting the rest', () => {
    const f = ofRule(
      run(
        withAllocations([
          ['Ada Lovelase', 'Payments API', 0.5],
          ['Ada Lovelase', 'Fraud Model', 0.5],
        ]),
      ),
      'allocations/unknown-employee',
    );
    expect(f.map((x) => [x.severity, x.cell])).toEqual([['error', 'Allocations!A2']]);
    expect(f[0]!.message).toMatch(/"Ada Lovelase" \(Allocations!A2 and 1 more row\) is not on the Employees sheet/);
  });
  test('names match the Employees sheet without case or extra spaces', () => {
    expect(
      ofRule(run(withAllocations([['  ada   LOVELACE ', 'Payments API', 1]])), 'allocations/unknown-employee'),
    ).toEqual([]);
  });
  test('a component not on the Components sheet is an error', () => {
    const f = ofRule(run(withAllocations([['Ada Lovelace', 'Payments APl', 1]])), 'allocations/unknown-component');
    expect(f.map((x) => [x.severity, x.cell])).toEqual([['error', 'Allocations!B2']]);
    expect(f[0]!.citation).toContain('Section G');
  });
  test('without a Components sheet nothing is checked against it (as component/unknown)', () => {
    const b = withAllocations([['Ada Lovelace', 'Payments APl', 1]]).removeSheet('Components');
    expect(ofRule(run(b), 'allocations/unknown-component')).toEqual([]);
  });
});

describe('allocations/overrides-component: the Allocations split wins over the row’s component', () => {
  test('Ada’s row names Payments API, Allocations split 60/40: info at Employees!F2', () => {
    const f = ofRule(
      run(
        withAllocations([
          ['Ada Lovelace', 'Payments API', 0.6],
          ['Ada Lovelace', 'Fraud Model', 0.4],
        ]),
      ),
      'allocations/overrides-component',
    );
    expect(f.map((x) => [x.severity, x.cell])).toEqual([['info', 'Employees!F2']]);
    expect(f[0]!.message).toMatch(
      /is "Payments API", but the employee is split across "Payments API" \(60%\) and "Fraud Model" \(40%\)/,
    );
  });
  test('the same single component at 100%: the two agree, no info', () => {
    expect(
      ofRule(run(withAllocations([['Ada Lovelace', 'payments api', 1]])), 'allocations/overrides-component'),
    ).toEqual([]);
  });
  test('a blank row component: nothing to override', () => {
    const b = withAllocations([['Ada Lovelace', 'Fraud Model', 1]]).set(E, 2, 'Business Component', '');
    expect(ofRule(run(b), 'allocations/overrides-component')).toEqual([]);
  });
});

describe('componentsOf: where a row’s qualified amount lands (Section G)', () => {
  const study = (alloc: CellValue[][]) =>
    readStudy({
      sheets: [
        {
          name: E,
          values: [
            ['Employee', 'Location', 'W-2 Box 1 Wages', 'R&D %', 'Business Component'],
            ['Ada', 'US', 150000, 1, 'Payments API'],
            ['Grace', 'US', 90000, 0.7, ''],
            ['Linus', 'US', 100000, 0.5, 'Fraud Model'],
          ],
        },
        { name: A, values: [ALLOC_HEADER, ...alloc] },
      ],
    });
  const parts = (alloc: CellValue[][]) => {
    const s = study(alloc);
    const c = new RowClassifier(2026, { allocations: s.allocations });
    return s.employees!.rows.map((r) =>
      c.componentsOf(s.employees!, r).map((p) => [p.component ?? null, p.amount?.toFixed(2) ?? null, p.source]),
    );
  };
  test('Ada split 60/40 (150,000 × 100%: 90,000 + 60,000); Grace blank: unassigned 63,000; Linus his own', () => {
    expect(
      parts([
        ['Ada', 'Payments API', 0.6],
        ['Ada', 'Fraud Model', 0.4],
      ]),
    ).toEqual([
      [
        ['Payments API', '90000.00', 'allocations'],
        ['Fraud Model', '60000.00', 'allocations'],
      ],
      [[null, '63000.00', 'blank']],
      [['Fraud Model', '50000.00', 'row']],
    ]);
  });
  test('shares not summing to 100%: the whole amount unassigned (never a dollar lost or doubled)', () => {
    expect(
      parts([
        ['Ada', 'Payments API', 0.6],
        ['Ada', 'Fraud Model', 0.3],
      ])[0],
    ).toEqual([[null, '150000.00', 'invalid-allocations']]);
  });
  test('33.33% + 33.33% + 33.34% of Linus’s 100,000 × 50%: 16,665 + 16,665 + 16,670 = 50,000', () => {
    const s = study([
      ['Linus', 'A', 0.3333],
      ['Linus', 'B', 0.3333],
      ['Linus', 'C', 0.3334],
    ]);
    const c = new RowClassifier(2026, { allocations: s.allocations });
    const ps = c.componentsOf(s.employees!, s.employees!.rows[2]!);
    expect(ps.map((p) => p.amount?.toFixed(2))).toEqual(['16665.00', '16665.00', '16670.00']);
    expect(
      ps
        .map((p) => p.amount!)
        .reduce((a, b) => a.plus(b))
        .toString(),
    ).toBe('50000');
  });
});

describe('component/unassigned-qre: a QRE row with no business component', () => {
  const blank = (b: StudyBook) => b.set(E, 2, 'Business Component', '');
  const year = (y: number) => (b: StudyBook) => b.set('About', 2, 'Tax Year', y);
  test.each<[string, (b: StudyBook) => StudyBook, string[][]]>([
    ['2025: info (Section G optional before 2026)', (b) => year(2025)(blank(b)), [['info', 'Employees!F2']]],
    ['2026: warning (Section G required from 2026)', (b) => year(2026)(blank(b)), [['warning', 'Employees!F2']]],
    ['2027: warning', (b) => year(2027)(blank(b)), [['warning', 'Employees!F2']]],
    ['a blank component at 0% claims nothing: no finding', (b) => year(2026)(blank(b)).set(E, 2, 'R&D %', 0), []],
    [
      'a foreign row feeds no line: no finding (its own cause is wages/foreign)',
      (b) => year(2026)(blank(b)).set(E, 2, 'Location', 'India'),
      [],
    ],
    [
      'an employee split on the Allocations sheet is assigned',
      (b) => withAllocations([['Ada Lovelace', 'Payments API', 1]], year(2026)(blank(b))),
      [],
    ],
    [
      'a supply row with no component (12,000 × 100% on line 43)',
      (b) => year(2026)(b).set('Supplies', 3, 'Business Component', ''),
      [['warning', 'Supplies!F3']],
    ],
    [
      'a contractor with no component (100,000 × 65% on line 45)',
      (b) => year(2026)(b).set('Contractors', 2, 'Business Component', ''),
      [['warning', 'Contractors!H2']],
    ],
    [
      'a contractor left out (no rights retained) is not also unassigned',
      (b) =>
        year(2026)(b).set('Contractors', 2, 'Business Component', '').set('Contractors', 2, 'Rights Retained', 'No'),
      [],
    ],
  ])('%s', (_name, edit, expected) => {
    expect(cells(run(edit(book())), 'component/unassigned-qre')).toEqual(expected);
  });

  test('the message names the cell and the line, and says when Section G is required', () => {
    const [f] = ofRule(run(year(2026)(blank(book()))), 'component/unassigned-qre');
    expect(f!.message).toBe(
      '"Ada Lovelace" feeds line 42 (qualified wages) but its Business Component (Employees!F2) is blank; Form 6765 Section G, required for tax years beginning in 2026 or later, reports every QRE dollar by business component, so enter the component the work was for (or split the employee across components on the Allocations sheet).',
    );
    expect(f!.citation).toContain('Section G');
  });

  test('25 rows without a component: the first 10 one by one, then one finding counting the other 15', () => {
    const b = year(2026)(book());
    for (let i = 0; i < 25; i++) b.appendRow(E, [`Temp ${i}`, 'Software Developer', 'US', 50000, 1, '']);
    const f = ofRule(run(b), 'component/unassigned-qre');
    expect(f).toHaveLength(11);
    expect(f.map((x) => x.cell).slice(9)).toEqual(['Employees!F17', 'Employees!F18']);
    expect(f[10]!.message).toMatch(/^"Temp 10" \(Employees!F18\) and 14 more rows of Employees after it/);
  });

  test('11 rows: the eleventh is listed like the others (no "and 0 more")', () => {
    const b = year(2026)(book());
    for (let i = 0; i < 11; i++) b.appendRow(E, [`Temp ${i}`, 'Software Developer', 'US', 50000, 1, '']);
    const f = ofRule(run(b), 'component/unassigned-qre');
    expect(f).toHaveLength(11);
    expect(f[10]!.message).toMatch(/^"Temp 10" feeds line 42/);
  });

  test('no Business Component column at all: one finding at its header place', () => {
    const f = ofRule(run(year(2026)(book()).removeColumn(E, 'Business Component')), 'component/unassigned-qre');
    expect(f.map((x) => [x.severity, x.cell])).toEqual([['warning', 'Employees!F1']]);
    // Six employees, Ken Thompson at 5%: all six have qualified wages above 0.
    expect(f[0]!.message).toMatch(
      /^Employees has no Business Component column \(Employees!F1\), so its 6 rows feeding line 42/,
    );
  });
});

describe('one finding per cause: a row left out is not told what it "should" count', () => {
  test('a contractor abroad whose QRE cell is wrong gets contract/foreign only (no contract/rate)', () => {
    const f = run(book().set('Contractors', 2, 'Location', 'Canada').set('Contractors', 2, 'QRE', 1));
    expect(cells(f, 'contract/foreign')).toEqual([['error', 'Contractors!B2']]);
    expect(ofRule(f, 'contract/rate')).toEqual([]);
  });
  test('a contractor whose rights are not kept gets contract/no-rights only', () => {
    const f = run(book().set('Contractors', 2, 'Rights Retained', 'No').set('Contractors', 2, 'QRE', 1));
    expect(cells(f, 'contract/no-rights')).toEqual([['error', 'Contractors!F2']]);
    expect(ofRule(f, 'contract/rate')).toEqual([]);
  });
  test('a contractor left out only because Rights Retained is blank still has its QRE checked', () => {
    const f = run(book().set('Contractors', 2, 'Rights Retained', '').set('Contractors', 2, 'QRE', 1));
    expect(cells(f, 'contract/rate')).toEqual([['error', 'Contractors!I2']]);
  });
});
