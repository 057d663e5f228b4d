/**
 * The study model: sheets and headers matched case- and space-insensitively, rows that keep
 * their A1 addresses, shape problems as findings, and A1 references Excel and Sheets accept.
 */
import fc from 'fast-check';
import { normalizeWord } from '../src/cells';
import { Dec } from '../src/money';
import { cellRef, columnLetter, sheetRef } from '../src/study/a1';
import { fieldRef, readStudy } from '../src/study/model';
import type { WorkbookGrids } from '../src/study/types';
import { compare, formatPct, nameKey, threshold } from '../src/study/values';
import { A1_PATTERN, EMPLOYEE_HEADER } from './study-fixtures';

const wb = (...sheets: { name: string; values: unknown[][] }[]): WorkbookGrids =>
  ({ sheets }) as unknown as WorkbookGrids;

describe('A1 references', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16383, 'XFD'], // Excel's last column
  ])('column %i is %s', (col, letter) => expect(columnLetter(col)).toBe(letter));

  it.each([
    ['Employees', 'Employees'],
    ['Prior Years', "'Prior Years'"],
    ["O'Brien LLC", "'O''Brien LLC'"],
    ['Sheet_1', 'Sheet_1'],
    ['2024', "'2024'"], // starts with a digit
    ['AB12', "'AB12'"], // reads as a cell address
    ['R1C1', "'R1C1'"], // reads as an R1C1 address
    ['R', "'R'"],
    ['Roles', 'Roles'],
    ['Données', "'Données'"],
    ['A-B', "'A-B'"],
  ])('sheet %j is written %s', (name, ref) => expect(sheetRef(name)).toBe(ref));

  it('a cell reference joins them', () => expect(cellRef('Prior Years', 3, 1)).toBe("'Prior Years'!B3"));
  it('matches the A1 pattern the hosts accept', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 31 }),
        fc.integer({ min: 1, max: 1048576 }),
        fc.integer({ min: 0, max: 16383 }),
        (name, row, col) => A1_PATTERN.test(cellRef(name, row, col)),
      ),
    );
  });
});

describe('readStudy finds the sheets', () => {
  it.each(['Employees', ' employees ', 'EMPLOYEES', 'Employ ees'])('sheet %j is the Employees table', (name) => {
    expect(readStudy(wb({ name, values: [EMPLOYEE_HEADER] })).employees?.sheet).toBe(name);
  });
  it.each(['Prior Years', 'prior years', 'PriorYears', 'prior_years', 'Prior-Years'])(
    'sheet %j is the Prior Years table',
    (name) => {
      expect(readStudy(wb({ name, values: [['Tax Year', 'QRE']] })).priorYears?.sheet).toBe(name);
    },
  );
  it('"History" is not Prior Years (Excel reserves that name; the design uses Prior Years)', () => {
    expect(readStudy(wb({ name: 'History', values: [['Tax Year', 'QRE']] })).priorYears).toBeUndefined();
  });
  it('a second sheet for the same table is reported and not read', () => {
    const s = readStudy(
      wb({ name: 'Employees', values: [EMPLOYEE_HEADER] }, { name: 'employees ', values: [EMPLOYEE_HEADER, ['x']] }),
    );
    expect(s.employees?.sheetIndex).toBe(0);
    expect(s.issues.map((f) => [f.rule, f.cell])).toEqual([['table/duplicate-sheet', "'employees '!A1"]]);
  });
  it('every table is optional: an empty workbook reads with no issues', () => {
    const s = readStudy(wb());
    expect(s.issues).toEqual([]);
    expect([s.employees, s.contractors, s.supplies, s.components, s.priorYears, s.roles, s.summary, s.about]).toEqual(
      Array(8).fill(undefined),
    );
  });
});

describe('readStudy matches headers', () => {
  const header = [
    '  employee ',
    'ROLE',
    'location',
    'W2 Box 1 Wages',
    'r&d%',
    'business  component',
    'Notes',
    '',
    'Employer FICA',
  ];
  const s = readStudy(
    wb({ name: 'Employees', values: [header, ['Ada', 'Software Developer', 'US', 1, 1, 'X', 'memo', '', 5]] }),
  );
  const t = s.employees!;

  it('case-, space- and hyphen-insensitively', () => {
    expect(t.columns).toEqual({ employee: 0, role: 1, location: 2, wages: 3, rdPct: 4, component: 5 });
    expect(t.letters).toEqual({ employee: 'A', role: 'B', location: 'C', wages: 'D', rdPct: 'E', component: 'F' });
    expect(s.issues).toEqual([]);
  });
  it('keeps extra columns (and skips blank header cells)', () => {
    expect(t.extraColumns).toEqual([
      { header: 'Notes', col: 6, letter: 'G' },
      { header: 'Employer FICA', col: 8, letter: 'I' },
    ]);
  });
  it.each([
    ['R&D Percent', 'rdPct'],
    ['Box 1 Wages', 'wages'],
    ['Employee Name', 'employee'],
    ['Country', 'location'],
  ])('accepts the alias %j', (h, field) => {
    const r = readStudy(wb({ name: 'Employees', values: [[h]] }));
    expect(r.employees?.columns).toEqual({ [field]: 0 });
  });
  it('a header named twice: the first is read, the second reported', () => {
    const r = readStudy(
      wb({
        name: 'Employees',
        values: [
          [...EMPLOYEE_HEADER, 'R & D %'],
          ['Ada', 'Software Developer', 'US', 1, 0.5, 'X', 0.9],
        ],
      }),
    );
    expect(r.employees?.columns.rdPct).toBe(4);
    expect(r.employees?.rows[0].cells.rdPct).toBe(0.5);
    expect(r.issues.map((f) => [f.rule, f.cell])).toEqual([['table/duplicate-column', 'Employees!G1']]);
  });
  it('a missing required column is a finding, and the other columns are still read', () => {
    const r = readStudy(
      wb({
        name: 'Employees',
        values: [
          ['Employee', 'Location', 'W-2 Box 1 Wages'],
          ['Ada', 'US', 100],
        ],
      }),
    );
    expect(r.issues.map((f) => [f.rule, f.cell])).toEqual([
      ['table/missing-column', 'Employees!D1'], // R&D % goes at the next free column…
      ['table/missing-optional-column', 'Employees!E1'], // …then Role,
      ['table/missing-optional-column', 'Employees!F1'], // …then Business Component.
    ]);
    expect(r.employees?.rows).toEqual([{ row: 2, cells: { employee: 'Ada', location: 'US', wages: 100 } }]);
  });
});

describe('readStudy rows', () => {
  const values: unknown[][] = [
    EMPLOYEE_HEADER,
    ['Ada', 'Software Developer', 'US', 100, 1, 'X'],
    [],
    ['', null, undefined, '  '], // blank in every recognised column
    ['Grace', 'QA Engineer'], // ragged: shorter than the header
    [null, null, null, null, null, null, 'a note only in an extra column'],
    ['Linus', 'DevOps Engineer', 'US', 1, 0.5, 'X', 'extra', 'more', 'cells'],
  ];
  const t = readStudy(wb({ name: 'Employees', values })).employees!;

  it('skip blank rows and remember their sheet row numbers', () => {
    expect(t.rows.map((r) => r.row)).toEqual([2, 5, 7]);
  });
  it('point at the exact cell', () => {
    expect(fieldRef(t, t.rows[2].row, 'rdPct')).toBe('Employees!E7');
    expect(fieldRef(t, t.rows[1].row, 'location')).toBe('Employees!C5');
  });
  it('read a ragged row as blanks past its end', () => {
    expect(t.rows[1].cells).toEqual({
      employee: 'Grace',
      role: 'QA Engineer',
      location: undefined,
      wages: undefined,
      rdPct: undefined,
      component: undefined,
    });
  });
  it('trailing blank rows cost nothing', () => {
    const long = [...values, ...Array.from({ length: 10000 }, () => [])];
    expect(readStudy(wb({ name: 'Employees', values: long })).employees?.rows.length).toBe(3);
  });
  it('a quoted sheet name in the reference', () => {
    const p = readStudy(
      wb({
        name: 'Prior Years',
        values: [
          ['Tax Year', 'QRE'],
          [2024, 1],
        ],
      }),
    ).priorYears!;
    expect(fieldRef(p, p.rows[0].row, 'qre')).toBe("'Prior Years'!B2");
  });
});

describe('readStudy shape problems', () => {
  it('headers under a title row: one finding, not one per column', () => {
    const r = readStudy(
      wb({ name: 'Supplies', values: [['Supplies — FY2025'], ['Description', 'Category', 'Amount', 'R&D %']] }),
    );
    expect(r.issues.map((f) => f.rule)).toEqual(['table/missing-header']);
    expect(r.supplies?.rows).toEqual([]);
  });
  it('a row 1 with unknown words only: each required column is missing', () => {
    const r = readStudy(wb({ name: 'Roles', values: [['foo', 'bar']] }));
    expect(r.issues.filter((f) => f.rule === 'table/missing-column').map((f) => f.cell)).toEqual([
      'Roles!C1',
      'Roles!D1',
      'Roles!E1',
    ]);
  });
  it('an empty sheet is an info, not an error', () => {
    const r = readStudy(wb({ name: 'Contractors', values: [] }));
    expect(r.issues.map((f) => [f.rule, f.severity])).toEqual([['table/empty', 'info']]);
  });
});

describe('the About sheet', () => {
  it('as a header row with values on row 2', () => {
    const a = readStudy(
      wb({
        name: 'About',
        values: [
          ['Template', 'Version', 'Tax Year', 'Profile'],
          ['firm', 4, 2024, 'ai-ml'],
        ],
      }),
    ).about!;
    expect(a.fields.version).toEqual({ value: 4, at: { sheet: 'About', sheetIndex: 0, row: 2, col: 1 } });
    expect(a.fields.profile?.value).toBe('ai-ml');
  });
  it('as labels in column A with values in column B', () => {
    const a = readStudy(
      wb({
        name: 'About',
        values: [
          ['RD Credit Studio study'],
          ['Template', 'firm'],
          ['Version', '4'],
          ['Tax Year', 2024],
          ['Profile', 'software'],
        ],
      }),
    ).about!;
    expect(a.fields.taxYear).toEqual({ value: 2024, at: { sheet: 'About', sheetIndex: 0, row: 4, col: 1 } });
    expect(a.fields.template?.value).toBe('firm');
  });
});

describe('exact comparison without decimals on the hot path', () => {
  it('nameKey is normalizeWord', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'B', ' ', '-', '_', '\t', '\n', 'é', '.', '\u00a0') }),
        (s) => {
          expect(nameKey(s)).toBe(normalizeWord(s));
        },
      ),
    );
  });
  it('comparing doubles equals comparing their decimals', () => {
    const doubles = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0.8, 0.7999, 0.1 + 0.7, 0.65, 1, 0, -0),
    );
    fc.assert(
      fc.property(doubles, fc.constantFrom('0.8', '0.65', '1', '0', '0.1', '0.333333333333333333333'), (v, t) => {
        expect(compare(v, threshold(t))).toBe(new Dec(v).cmp(new Dec(t)));
      }),
    );
  });
  it('comparing a double with a threshold no double holds (2^53 − 1 cents, a third) equals comparing decimals', () => {
    // The doubles next to the threshold's nearest double are where a wrong shortcut would show.
    const next = (x: number, up: boolean): number => {
      if (x === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
      const b = new DataView(new ArrayBuffer(8));
      b.setFloat64(0, x);
      const bits = b.getBigUint64(0);
      b.setBigUint64(0, x > 0 === up ? bits + 1n : bits - 1n);
      return b.getFloat64(0);
    };
    const thresholds = [
      '90071992547409.91', // AMOUNT_LIMIT: the amount ceiling, 2^53 − 1 cents
      '0.333333333333333333333',
      '0.1',
      '0.8',
      '1',
      '0',
      '-0.7',
      '9007199254740993', // 2^53 + 1: between two doubles
      '1e-400', // nearest double 0
      '1e400', // no finite double: compared as decimals
      '123456789.0123456789',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...thresholds),
        fc.integer({ min: -3, max: 3 }),
        fc.double({ noNaN: true }),
        fc.boolean(),
        (t, steps, any, near) => {
          let v = any;
          if (near) {
            v = new Dec(t).toNumber();
            for (let i = 0; i < Math.abs(steps); i++) v = next(v, steps > 0);
          }
          if (!Number.isFinite(v)) return;
          expect(compare(v, threshold(t))).toBe(new Dec(v).cmp(new Dec(t)));
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('formatPct moves the decimal point exactly', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        expect(formatPct(v)).toBe(`${new Dec(v).times(100).toString()}%`);
      }),
    );
  });
});
