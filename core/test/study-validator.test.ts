/**
 * The validator as a whole: a clean study is clean, options and the About sheet choose the
 * law and the role table, findings are sorted and well-formed, and nothing makes it throw.
 */
import fc from 'fast-check';
import vm from 'vm';
import { rate } from '../src/money';
import { roleTable } from '../src/calc/roles';
import type { CellValue } from '../src/cells';
import type { Finding, WorkbookGrids } from '../src/study/types';
import { validate, validateWorkbook } from '../src/study/validator';
import { readStudy } from '../src/study/model';
import { A1_PATTERN, book, EMPLOYEE_HEADER, ofRule } from './study-fixtures';

const E = 'Employees';
const SEVERITIES = ['error', 'warning', 'info'];

describe('a clean, well-formed study', () => {
  const findings = validateWorkbook(book().grids());
  it('has no error and no warning findings', () => {
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
  it('has no findings at all (every R&D % is inside its range and below 80% or exactly 100%)', () => {
    expect(findings).toEqual([]);
  });
  it('validate() on a study read by readStudy() finds what is planted in it, and takes the same options', () => {
    // Ada Lovelace researching in Canada (§41(d)(4)(F)); Acme Labs' QRE 1 instead of 65,000 (§41(b)(3)(A)).
    const study = readStudy(book().set(E, 2, 'Location', 'Canada').set('Contractors', 2, 'QRE', 1).grids());
    expect(validate(study).map((f) => [f.rule, f.severity, f.cell])).toEqual([
      ['wages/foreign', 'error', 'Employees!C2'],
      ['contract/rate', 'error', 'Contractors!I2'],
    ]);
    expect(
      validate(study, { severityOverrides: { 'contract/rate': 'off' } }).map((f) => [f.rule, f.severity, f.cell]),
    ).toEqual([['wages/foreign', 'error', 'Employees!C2']]);
  });
});

describe('profile, role table and tax year', () => {
  const mlEngineer = (b = book()) => b.set(E, 3, 'Role', 'ML Engineer').set(E, 3, 'R&D %', 0.5);

  it('the About sheet’s profile is used', () => {
    const f = validateWorkbook(mlEngineer().set('About', 2, 'Profile', 'AI/ML').grids());
    // ai-ml profile: ML Engineer 80–100%, so 50% is below the range.
    expect(ofRule(f, 'wages/role-range').map((x) => x.cell)).toEqual(['Employees!E3']);
    expect(ofRule(f, 'wages/unknown-role').map((x) => x.cell)).not.toContain('Employees!B3');
  });
  it('options.profile overrides the About sheet', () => {
    const f = validateWorkbook(mlEngineer().grids(), { profile: 'ai-ml' });
    expect(ofRule(f, 'wages/role-range').map((x) => x.message)).toEqual([
      expect.stringMatching(/80%–100% typical for ML Engineer in the ai-ml profile/),
    ]);
  });
  it('without either, the software profile does not know an ML Engineer', () => {
    const f = validateWorkbook(mlEngineer().grids());
    expect(ofRule(f, 'wages/unknown-role').map((x) => x.cell)).toEqual(['Employees!B3']);
  });

  const withRolesSheet = () =>
    book()
      .grids()
      .sheets.concat([
        {
          name: 'Roles',
          values: [
            ['Role', 'Low %', 'High %'],
            ['QA Engineer', '50%', 0.6],
          ],
        },
      ]);
  it('a Roles sheet overrides the profile', () => {
    // Grace Hopper, QA Engineer at 70%: inside the software profile's 60–80%, above the firm's 50–60%.
    const f = validateWorkbook({ sheets: withRolesSheet() });
    expect(ofRule(f, 'wages/role-range').map((x) => [x.cell, /Roles sheet/.test(x.message)])).toEqual([
      ['Employees!E3', true],
    ]);
    // The firm table lists only QA Engineer, so the other roles are unknown to it.
    expect(ofRule(f, 'wages/unknown-role')).toHaveLength(5);
  });
  it('options.roleTable overrides the Roles sheet', () => {
    const firm = roleTable('firm table', [{ role: 'QA Engineer', low: rate('0.7'), high: rate('0.7') }]);
    const f = validateWorkbook({ sheets: withRolesSheet() }, { roleTable: firm });
    expect(ofRule(f, 'wages/role-range')).toEqual([]); // 70% is exactly inside [70%, 70%]
  });
  it('bad Roles rows are reported and left out', () => {
    const sheets = book()
      .grids()
      .sheets.concat([
        {
          name: 'Roles',
          values: [
            ['Role', 'Low %', 'High %'],
            ['QA Engineer', 0.9, 0.6],
            ['DevOps Engineer', 40, 60],
            ['QA Engineer', 0.1, 0.2],
          ],
        },
      ]);
    const f = validateWorkbook({ sheets });
    expect(ofRule(f, 'roles/invalid-range').map((x) => x.cell)).toEqual(['Roles!B2']);
    expect(ofRule(f, 'cell/pct-out-of-bounds').map((x) => x.cell)).toEqual(['Roles!B3', 'Roles!C3']);
  });

  it('the About sheet’s tax year moves the ASC window', () => {
    // Tax year 2024: the 3 prior years are 2021–2023, and the study has no 2021 row.
    const f = validateWorkbook(book().set('About', 2, 'Tax Year', '2024').grids());
    expect(ofRule(f, 'prior-years/six-percent').map((x) => x.message)).toEqual([
      expect.stringMatching(/no row for tax year 2021/),
    ]);
  });
  it('before the ASC existed (tax years beginning before 2007) there is no 6% path to warn about', () => {
    const f = validateWorkbook(book().set('About', 2, 'Tax Year', 2006).set('Prior Years', 3, 'QRE', 0).grids());
    expect(ofRule(f, 'prior-years/six-percent')).toEqual([]);
  });
  it('no About sheet: an info saying which tax year and profile were assumed', () => {
    const f = validateWorkbook(book().removeSheet('About').grids());
    expect(f.map((x) => [x.rule, x.severity, x.cell])).toEqual([['table/missing', 'info', 'About!A1']]);
    expect(f[0].message).toMatch(/2025 with the software profile/);
  });
});

describe('options', () => {
  const planted = () => book().set(E, 3, 'R&D %', 0.8).set('Contractors', 2, 'QRE', 1);
  it('severity overrides change a rule’s severity', () => {
    const f = validateWorkbook(planted().grids(), { severityOverrides: { 'contract/rate': 'warning' } });
    expect(ofRule(f, 'contract/rate').map((x) => x.severity)).toEqual(['warning']);
  });
  it('"off" drops a rule', () => {
    const f = validateWorkbook(planted().grids(), { severityOverrides: { 'wages/substantially-all': 'off' } });
    expect(ofRule(f, 'wages/substantially-all')).toEqual([]);
    expect(ofRule(f, 'contract/rate')).toHaveLength(1);
  });
  it('an unknown rule or severity in the overrides is ignored', () => {
    const overrides = { 'no/such-rule': 'off', 'contract/rate': 'fatal' } as unknown as Record<string, 'off'>;
    // As with no overrides: contract/rate keeps its own severity, error.
    expect(
      validateWorkbook(planted().grids(), { severityOverrides: overrides }).map((f) => [f.rule, f.severity, f.cell]),
    ).toEqual([
      ['wages/substantially-all', 'info', 'Employees!E3'],
      ['contract/rate', 'error', 'Contractors!I2'],
    ]);
  });

  it.each([
    ['the same template, another version', { id: 'ACME-RD', version: '4' }, 1],
    ['the same version', { id: 'acme-rd', version: '3' }, 0],
    ['the same version written 3.0', { id: 'acme-rd', version: '3.0' }, 0],
    ['another firm template', { id: 'other', version: '4' }, 0],
  ])('template drift: %s', (_name, template, count) => {
    const f = ofRule(validateWorkbook(book().grids(), { template }), 'template/version-drift');
    expect(f).toHaveLength(count);
    if (count) {
      expect(f[0]).toMatchObject({ severity: 'warning', cell: 'About!B2' });
      expect(f[0].message).toMatch(/made from firm template "acme-rd" version 3 .*you imported version 4/);
    }
  });
});

/** Position of a finding for the order check: sheet order in the workbook, then row, then column. */
function position(f: Finding, sheets: readonly string[]): [number, number, number] {
  const m = /!([A-Z]+)(\d+)$/.exec(f.cell) as RegExpExecArray;
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const i = sheets.indexOf(f.sheet);
  return [i < 0 ? sheets.length : i, Number(m[2]), col];
}

describe('findings', () => {
  const messy = book()
    .set('Supplies', 3, 'Category', 'Equipment')
    .set(E, 7, 'R&D %', 80)
    .set(E, 2, 'Location', 'Canada')
    .set('Contractors', 2, 'Rights Retained', 'No')
    .set(E, 3, 'W-2 Box 1 Wages', '#REF!')
    .set('Components', 2, 'Permitted Purpose', '')
    .removeSheet('Prior Years');

  it('are sorted by sheet order, then row, then column', () => {
    const grids = messy.grids();
    const f = validateWorkbook(grids);
    const names = grids.sheets.map((s) => s.name);
    const keys = f.map((x) => position(x, names));
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    expect(keys).toEqual(sorted);
    expect(f.map((x) => x.cell)).toEqual([
      'Employees!C2',
      'Employees!D3',
      'Employees!E7',
      'Contractors!F2',
      'Supplies!B3',
      'Components!C2',
      "'Prior Years'!A1", // the absent table, after the sheets that exist
    ]);
  });
  it('are deterministic', () => {
    expect(validateWorkbook(messy.grids())).toEqual(validateWorkbook(messy.grids()));
  });
  it('have exactly the Finding shape (fix only where the message names the value to enter)', () => {
    for (const f of validateWorkbook(messy.grids()))
      expect(
        Object.keys(f)
          .filter((k) => k !== 'fix' || f.fix !== undefined)
          .sort(),
      ).toEqual(
        f.fix === undefined
          ? ['cell', 'citation', 'message', 'rule', 'severity', 'sheet']
          : ['cell', 'citation', 'fix', 'message', 'rule', 'severity', 'sheet'],
      );
  });
  it('one finding per unknown role or component name, counting the other rows', () => {
    const b = book();
    for (const r of [2, 3, 4]) b.set(E, r, 'Role', 'Wizard').set(E, r, 'Business Component', 'Widget');
    const f = validateWorkbook(b.grids());
    expect(ofRule(f, 'wages/unknown-role').map((x) => [x.cell, /and 2 more rows/.test(x.message)])).toEqual([
      ['Employees!B2', true],
    ]);
    expect(ofRule(f, 'component/unknown').map((x) => [x.cell, /and 2 more rows/.test(x.message)])).toEqual([
      ['Employees!F2', true],
    ]);
  });
  it('a Date from another realm (Sheets) in an amount cell is not a number', () => {
    const foreignDate = vm.runInNewContext('new Date(2025, 0, 1)') as Date;
    const f = validateWorkbook(book().set(E, 2, 'W-2 Box 1 Wages', foreignDate).grids());
    expect(ofRule(f, 'cell/not-a-number').map((x) => [x.cell, /is a date/.test(x.message)])).toEqual([
      ['Employees!D2', true],
    ]);
  });
});

// ---------------------------------------------------------------- never throws

const HEADERS = [
  ...EMPLOYEE_HEADER,
  'Vendor',
  'Amount Paid',
  'Contract Type',
  'Rights Retained',
  'Financial Risk',
  'QRE',
  'Description',
  'Category',
  'Environment',
  'Amount',
  'Type',
  'Permitted Purpose',
  'Internal-Use Software',
  'Tax Year',
  'Gross Receipts',
  'Low %',
  'High %',
  'Template',
  'Version',
  'Profile',
  'Employer FICA',
];
const SHEETS = ['Employees', 'Contractors', 'Supplies', 'Components', 'Prior Years', 'Roles', 'Summary', 'About'];

const oddCase = (s: string) =>
  fc.constantFrom(s, s.toUpperCase(), s.toLowerCase(), ` ${s} `, s.replace(/ /g, ''), s.replace(/ /g, '  '));
const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  fc.double(),
  fc.integer({ min: -100, max: 200 }),
  fc.constantFrom(0, 0.8, 0.7999, 1, 80, -0, NaN, Infinity, -Infinity, 1e300),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '#REF!',
    '#N/A',
    '#DIV/0!',
    '80%',
    '$1,200',
    '(5)',
    'Yes',
    'n',
    'US',
    'India',
    'production',
    'Equipment',
    'Cloud',
    'standard',
    'energy',
    '2024',
    'Wizard',
    'QA Engineer',
  ),
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.date({ noInvalidDate: false }),
  fc.constant({ errorCode: '#VALUE!' }),
  fc.constant({ something: 'else' } as unknown as CellValue),
  fc.constant([1, 2] as unknown as CellValue),
  fc.constantFrom(...HEADERS).chain(oddCase),
);
const row: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 10, arbitrary: fc.array(cellValue, { maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, 'not a row', 7) },
);
const header = fc.shuffledSubarray(HEADERS).chain((hs) => fc.tuple(...hs.map((h) => fc.oneof(oddCase(h), cellValue))));
const grid = fc.oneof(
  fc.tuple(header, fc.array(row, { maxLength: 15 })).map(([h, rows]) => [h, ...rows]),
  fc.array(row, { maxLength: 8 }),
  fc.constantFrom(null, undefined, 'not a grid', [] as unknown[]),
);
const sheet = fc.record({
  name: fc.oneof(
    fc.constantFrom(...SHEETS).chain(oddCase),
    fc.string({ maxLength: 10 }),
    fc.constantFrom(undefined, 42),
  ),
  values: grid,
});
const workbook = fc.oneof(
  { weight: 20, arbitrary: fc.record({ sheets: fc.array(sheet, { maxLength: 9 }) }) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, {}, { sheets: null }, { sheets: 'x' }) },
) as fc.Arbitrary<WorkbookGrids>;
const options = fc.record(
  {
    profile: fc.constantFrom('software', 'ai-ml', 'bogus'),
    severityOverrides: fc.dictionary(
      fc.constantFrom('contract/rate', 'wages/foreign', 'cell/not-a-number', 'x'),
      fc.constantFrom('error', 'warning', 'info', 'off', 'nope'),
    ),
    template: fc.record({ id: fc.constantFrom('acme-rd', 'x'), version: fc.constantFrom('1', '3', '') }),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Parameters<typeof validateWorkbook>[1]>;

describe('the validator never throws', () => {
  it('on arbitrary malformed workbooks, and every finding is well-formed', () => {
    fc.assert(
      fc.property(workbook, options, (wb, opts) => {
        const findings = validateWorkbook(wb, opts);
        expect(Array.isArray(findings)).toBe(true);
        for (const f of findings) {
          expect(f.message.length).toBeGreaterThan(0);
          expect(f.message).not.toMatch(/undefined|NaN|\[object/);
          expect(SEVERITIES).toContain(f.severity);
          expect(f.cell).toMatch(A1_PATTERN);
          expect(f.citation.length).toBeGreaterThan(0);
          expect(f.rule).not.toBe('internal/error');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('on a 100,000-row Employees table with every kind of bad cell', () => {
    const bad: CellValue[] = [
      '#REF!',
      'abc',
      true,
      new Date(2025, 0, 1),
      null,
      undefined,
      80,
      -5,
      '80%',
      { errorCode: '#N/A' },
    ];
    const values: CellValue[][] = [[...EMPLOYEE_HEADER, 'Employer FICA']];
    for (let i = 0; i < 100_000; i++) {
      values.push(
        i % 10 === 0
          ? [
              `E${i % 5000}`,
              'Wizard',
              i % 3 ? 'US' : 'Mexico',
              bad[i % bad.length],
              bad[(i + 3) % bad.length],
              'Widget',
            ]
          : [`Employee ${i}`, 'Software Developer', 'US', 100000 + i, 0.9],
      );
    }
    const findings = validateWorkbook({
      sheets: [
        { name: 'Employees', values },
        { name: 'Components', values: [['Business Component']] },
      ],
    });
    expect(ofRule(findings, 'wages/substantially-all')).toHaveLength(90_000);
    expect(ofRule(findings, 'wages/unknown-role')).toHaveLength(1);
    expect(ofRule(findings, 'wages/not-box1')).toHaveLength(1);
    expect(ofRule(findings, 'internal/error')).toEqual([]);
  });
});

describe('a workbook that is not a study: one table/no-study error, nothing else', () => {
  const sheet = (name: string, ...rows: CellValue[][]) => ({ name, values: rows });
  it.each([
    // name, sheets, the cell, what the message must say
    [
      'one sheet "Name, Salary"',
      [sheet('Sheet1', ['Name', 'Salary'], ['Ann', 100])],
      'Sheet1!A1',
      /none of the sheets \("Sheet1"\) is named Employees, Contractors, Supplies, Components or Prior Years, so there is nothing to check; open the study workbook/,
    ],
    ['no sheets at all', [], 'Employees!A1', /The workbook has no sheets/],
    [
      'the Employees table under another name: say what to rename',
      [
        sheet(
          'people',
          ['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %'],
          ['Ann', 'QA Engineer', 'US', 100, 0.5],
        ),
      ],
      'people!A1',
      /rename "people" to Employees \(it has that table's headers\)/,
    ],
    [
      'one header that happens to match ("Name") is no lookalike',
      [sheet('Staff', ['Name', 'Salary'])],
      'Staff!A1',
      /open the study workbook instead/,
    ],
    [
      '200 stray sheets: the message lists 10 of them',
      Array.from({ length: 200 }, (_, i) => sheet(`S${i + 1}`, ['x'])),
      "'S1'!A1",
      /\("S1", "S2", .*"S10" and 190 more\)/,
    ],
  ])('%s', (_n, sheets, cell, says) => {
    const f = validateWorkbook({ sheets: sheets as WorkbookGrids['sheets'] });
    expect(f.map((x) => [x.rule, x.severity, x.cell])).toEqual([['table/no-study', 'error', cell]]);
    expect(f[0].message).toMatch(says);
    expect(f[0].message).toMatch(/^[^\n]+\.$/);
    expect(f[0].message.length).toBeLessThan(500);
  });
});
