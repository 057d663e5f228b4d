/**
 * The templates' `Form 6765` sheet: rendered from the one description (form6765/form.ts), every
 * amount a live formula inside the template vocabulary, in both hosts' spellings — and, evaluated
 * over the worked studies, equal to `computeStudy` line by line, to the cent (rates exact), and to
 * the arithmetic written out below.
 */
import { callFunction } from '../src/catalogue';
import { computeStudy } from '../src/compute';
import { FORM_6765_G_LINES, FORM_6765_LINES, FORM_6765_SECTIONS, type FormLineSpec } from '../src/form6765/form';
import type { LineValue } from '../src/form6765/result';
import {
  BUILTIN_TEMPLATES,
  formulaProblems,
  hostFormula,
  renderTemplate,
  studySheetNames,
  type FirmTemplate,
  type Host,
  type RenderedSheet,
} from '../src/templates';
import { formLayout, SECTION_G_COLUMNS, SECTION_G_ROWS } from '../src/templates/form-sheet';
import type { CellValue } from '../src/cells';
import { cleanStudy, workedStudy2025, workedStudy2026, type ExampleBook } from './example-studies';
import { FormulaError, WorkbookEvaluator, type Scalar } from './formula-eval';

const software = BUILTIN_TEMPLATES.software;
const formOf = (t: FirmTemplate, host: Host) => renderTemplate(t, host).find((s) => s.name === 'Form 6765');

// ------------------------------------------------------------------ the law's values in a cell

describe('RD_LAW_VALUE: a numeric rule of the law for the tax year', () => {
  it.each<[string, string, number, number]>([
    ['the regular credit rate, 20% (IRC §41(a)(1))', 'credit.regular.rate', 2025, 0.2],
    ['the §280C factor from 2018: 1 − 21% (IRC §280C(c)(2); §11(b))', 'credit.280c.reduced-credit-factor', 2018, 0.79],
    ['the §280C factor through 2017: 1 − 35%', 'credit.280c.reduced-credit-factor', 2017, 0.65],
    ['the ASC rate from 2009, 14% (IRC §41(c)(4)(A))', 'credit.asc.rate', 2009, 0.14],
    ['the ASC rate 2007–2008, 12% (the boundary year)', 'credit.asc.rate', 2008, 0.12],
    ['the 6% rate when a preceding year had no QREs (IRC §41(c)(4)(B))', 'credit.asc.no-prior-qre-rate', 2025, 0.06],
    ['the fixed-base cap, 16% (IRC §41(c)(3)(C))', 'credit.regular.fixed-base-cap', 2025, 0.16],
    ['a count: Section G lists at most 50 components', 'form6765.section-g.max-components', 2026, 50],
    ['ids match without case', 'CREDIT.REGULAR.RATE', 2025, 0.2],
    [
      'a yes/no rule is 1 or 0: Section G is required from 2026 (Form 6765 instructions)',
      'form6765.section-g.required',
      2026,
      1,
    ],
    ['… and optional in 2025, the last year before (the boundary)', 'form6765.section-g.required', 2025, 0],
  ])('%s', (_name, id, year, value) => {
    expect(callFunction('RD_LAW_VALUE', [id, year])).toEqual({ ok: true, value });
  });

  it('without a tax year, the default year (2025)', () =>
    expect(callFunction('RD_LAW_VALUE', ['credit.280c.reduced-credit-factor'])).toEqual({ ok: true, value: 0.79 }));

  it.each<[string, string, number, string]>([
    [
      'an unknown id names the near ones',
      'credit.asc.rat',
      2025,
      'rule_id: "credit.asc.rat" is not a rule of the law; did you mean "credit.asc.rate"? (docs/law.md lists every rule id).',
    ],
    [
      'a rate that does not exist that year (no ASC before 2007)',
      'credit.asc.rate',
      2006,
      'has no value for tax years beginning in 2006',
    ],
    [
      'a rule not yet in force (Section G limits from 2026)',
      'form6765.section-g.exempt-qre',
      2025,
      'is not in force for tax years beginning in 2025; it governs from 2026',
    ],
    [
      'a rule that is a table of values (the start-up fixed-base phase-in)',
      'credit.regular.startup-fixed-base',
      2025,
      'is not a number for tax years beginning in 2025 (it is a table of values)',
    ],
    [
      'a mistyped part of an id names the rules of its topic',
      'credit.asc.bogus',
      2025,
      'did you mean "credit.asc.base-share", "credit.asc.no-prior-qre-rate", "credit.asc.prior-years", "credit.asc.rate"?',
    ],
  ])('%s is an error saying so', (_name, id, year, message) => {
    const out = callFunction('RD_LAW_VALUE', [id, year]);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.message).toContain(message);
      expect(out.message).not.toContain('RD_LAW_VALUE');
    }
  });
});

// ------------------------------------------------------------------ the evaluator's new built-ins

describe('the test evaluator computes what the Form 6765 sheet uses, as a spreadsheet does', () => {
  const wb = {
    sheets: [
      {
        name: 'Data',
        values: [
          ['Year', 'QRE', 'Name'],
          [2024, 600, 'Ledger'],
          [2023, null, 'risk'],
          [2022, 480, null],
          ['2021', 100, 'Ledger'],
        ],
      },
      { name: 'Names', values: [['Name'], ['Ledger'], ['Risk'], ['Other'], [null]] },
    ],
  };
  const show = (f: string): Scalar => new WorkbookEvaluator(wb, 'Form', new Map([['C2', f]])).cell('C2');
  it.each<[string, string, Scalar]>([
    ['SUMIF by a number: 2024’s QRE', '=SUMIF(Data!A2:A5, 2025-1, Data!B2:B5)', 600],
    ['SUMIF of a blank QRE is 0 (the ASC’s 6% test)', '=SUMIF(Data!A2:A5, 2023, Data!B2:B5)', 0],
    ['SUMIF of a missing year is 0', '=SUMIF(Data!A2:A5, 2020, Data!B2:B5)', 0],
    ['SUMIF matches a year typed as text', '=SUMIF(Data!A2:A5, 2021, Data!B2:B5)', 100],
    ['COUNTIFS with "<>": the year’s row has a QRE', '=COUNTIFS(Data!A2:A5, 2023, Data!B2:B5, "<>")', 0],
    ['COUNTIFS with "<>" counts a filled cell', '=COUNTIFS(Data!A2:A5, 2022, Data!B2:B5, "<>")', 1],
    ['COUNTIF text ignores case', '=COUNTIF(Data!C2:C5, "RISK")', 1],
    [
      'COUNTIF with a range of criteria, in SUMPRODUCT: names used at least once (Ledger, Risk)',
      '=SUMPRODUCT((Names!A2:A5<>"")*(COUNTIF(Data!C2:C5, Names!A2:A5)>0))',
      2,
    ],
    ['MAX skips the text of a referenced cell, even a single one (Excel)', '=MAX(Data!C2, 5)', 5],
    ['IFERROR passes a value', '=IFERROR(1+1, 0)', 2],
    ['IFERROR catches text in arithmetic', '=IFERROR("Enter"*0, 1)', 1],
    ['NOT of a comparison', '=NOT(3>2)', false],
    ['ARRAYFORMULA (Sheets) passes its argument', '=ARRAYFORMULA(SUM(IF(Data!B2:B5>500, 1, 0)))', 1],
  ])('%s', (_n, f, expected) => expect(show(f)).toEqual(expected));
});

// ------------------------------------------------------------------ the sheet

describe('the Form 6765 sheet, rendered from the one description', () => {
  it('one header row per section, then its lines in form order; Section G: required, 49(a)–(b), a table of 50 component rows and the unassigned row', () => {
    const { rows, cellOf, g } = formLayout();
    expect(rows[0]).toEqual(['Line', 'Description', 'Amount', 'Citation']);
    const titles = rows.filter((r) => r[0] === null && typeof r[1] === 'string').map((r) => r[1]);
    expect(titles.slice(0, FORM_6765_SECTIONS.length)).toEqual(FORM_6765_SECTIONS.map((s) => s.title));
    const lines = rows.filter((r) => r[0] !== null).map((r) => r[0]);
    expect(lines).toEqual(['Line', ...FORM_6765_LINES.map((l) => l.line), 'Required', '49a', '49b', 'Rank']);
    // The table's header names every Section G line from 49(c) on, in form order, then QRE and Listed.
    expect(rows[g.headerRow - 1]!.slice(1, 12).map((h) => String(h).split(' ')[0])).toEqual(
      FORM_6765_G_LINES.slice(2).map((l) => l.line.replace(/^49(.)$/, '49($1)')),
    );
    expect(rows[g.headerRow - 1]!.slice(12)).toEqual(['QRE', 'Listed']);
    expect(g.lastRow - g.firstRow + 1).toBe(SECTION_G_ROWS);
    expect(SECTION_G_ROWS).toBe(50);
    expect(g.unassignedRow).toBe(g.lastRow + 1);
    // Rows 1 header, 2 "Items A and B", 3 Item A, 4 Item B, 5 "Section A", 6 line 1 … line 13 on row 18.
    expect([cellOf.get('A'), cellOf.get('1'), cellOf.get('13'), cellOf.get('48')]).toEqual(['C3', 'C6', 'C18', 'C59']);
  });

  it.each(['excel', 'sheets'] as const)(
    '%s: every line of Items A/B and 1–48 has a formula inside the template vocabulary',
    (host) => {
      const sheet = formOf(software, host)!;
      const { cellOf } = formLayout();
      expect(sheet.formulas.slice(0, FORM_6765_LINES.length).map((f) => f.cell)).toEqual(
        FORM_6765_LINES.map((l) => cellOf.get(l.line)),
      );
      // Checked as written (catalogue names); Sheets' ARRAYFORMULA( ) is the host's wrapper, added after the check.
      for (const f of sheet.formulas)
        expect(
          formulaProblems(f.formula.replace(/^=ARRAYFORMULA\((.*)\)$/s, '=$1'), studySheetNames(software)),
        ).toEqual([]);
      // Text and formulas never share a cell.
      for (const f of sheet.formulas) {
        const [, col, row] = /^([A-Z]+)(\d+)$/.exec(f.cell)!;
        expect(sheet.values[Number(row) - 1]![col!.charCodeAt(0) - 65] ?? null).toBeNull();
      }
    },
  );

  it('each host’s spelling: Excel RDTAX. (element-wise ones flagged array), Sheets bare (in ARRAYFORMULA)', () => {
    const excel = formOf(software, 'excel')!;
    const sheets = formOf(software, 'sheets')!;
    const at = (s: RenderedSheet, cell: string) => s.formulas.find((f) => f.cell === cell)!;
    // Line 13 (row 18): line 12 × 20%, × the §280C factor with Item A — both rates read for About's Tax Year.
    expect(at(sheets, 'C18').formula).toBe(
      '=C17*RD_LAW_VALUE("credit.regular.rate", About!C2)*IF(((About!L2="Yes")+(About!L2="Y")+(About!L2="True")+(About!L2=TRUE)), RD_LAW_VALUE("credit.280c.reduced-credit-factor", About!C2), 1)',
    );
    expect(at(excel, 'C18').formula).toBe(at(sheets, 'C18').formula.replace(/RD_LAW_VALUE/g, 'RDTAX.RD_LAW_VALUE'));
    // Line 42 (row 53) is the Summary's own line-42 formula.
    const summary42 = software.summary.find((l) => l.line === '42')!.formula;
    expect(at(excel, 'C53')).toEqual({ cell: 'C53', formula: hostFormula(summary42, 'excel'), array: true });
    expect(hostFormula(summary42, 'excel')).toContain('=RDTAX.RD_WAGE_QRE(IF(RDTAX.RD_IN_US(');
    expect(at(sheets, 'C53')).toEqual({ cell: 'C53', formula: `=ARRAYFORMULA(${summary42.slice(1)})` });
    expect(excel.formulas.filter((f) => f.array).map((f) => f.cell)).toEqual([
      'C47',
      'C48',
      'C53',
      'C54',
      'C55',
      'C56',
    ]);
    for (const f of sheets.formulas) expect(f.formula).not.toContain('RDTAX.');
  });

  it('a firm template may leave the sheet out ("form6765": false)', () => {
    expect(formOf({ ...software, form6765: false }, 'excel')).toBeUndefined();
    expect(formOf({ ...software, form6765: true }, 'excel')).toBeDefined();
    const { form6765: _omitted, ...withoutField } = software;
    expect(formOf(withoutField, 'excel')).toBeDefined();
  });

  it('a firm template without the Officer column: line 38 says so instead of a formula; the rest stay live', () => {
    const firm: FirmTemplate = {
      ...software,
      sheets: software.sheets.map((s) =>
        s.name === 'Employees' ? { ...s, columns: s.columns.filter((c) => c.header !== 'Officer') } : s,
      ),
    };
    const sheet = formOf(firm, 'excel')!;
    expect(sheet.values[47]).toEqual([
      '38',
      "Officers' wages included on line 42",
      'Not computed here: the template has no Employees › Officer column',
      'IRC §41(b)(2)(D); Form 6765 (Rev. Dec. 2024) line 38',
    ]);
    expect(sheet.formulas.map((f) => f.cell)).not.toContain('C48');
    const lineCells = new Set(formLayout().cellOf.values());
    expect(sheet.formulas.filter((f) => lineCells.has(f.cell))).toHaveLength(FORM_6765_LINES.length - 1);
  });

  it('a firm template with columns in another order: the formulas follow the headers', () => {
    const firm: FirmTemplate = {
      ...software,
      sheets: software.sheets.map((s) => (s.name === 'Employees' ? { ...s, columns: [...s.columns].reverse() } : s)),
    };
    // Reversed: Officer A, Qualified Service B, Business Component C, R&D % D, Wages E, Location F, Role G, Employee H.
    const f = formOf(firm, 'sheets')!.formulas.find((x) => x.cell === 'C48')!.formula;
    expect(f).toContain('RD_IN_US(Employees!F2:F1000)');
    expect(f).toContain('(Employees!A2:A1000="Yes")');
    expect(f).toContain(', Employees!E2:E1000, 0), IF(');
    expect(f).toContain(', Employees!D2:D1000, 0), TRUE, IF(');
    expect(f).toContain(', Employees!H2:H1000, ""))');
  });
});

// ------------------------------------------------------------------ the sheet equals compute

/** What the sheet shows for a line, in compute's terms: Yes/No → true/false, a blank, a note or an error → null. */
function asLineValue(spec: FormLineSpec, v: Scalar): LineValue {
  if (spec.kind === 'yes-no') return v === 'Yes' ? true : v === 'No' ? false : null;
  return typeof v === 'number' ? v : null;
}
function sameLine(spec: FormLineSpec, shown: LineValue, expected: LineValue): boolean {
  if (typeof shown === 'number' && typeof expected === 'number')
    return spec.kind === 'amount' ? Math.round(shown * 100) === Math.round(expected * 100) : shown === expected;
  return shown === expected;
}

function sheetValues(book: ExampleBook, host: Host): Map<string, LineValue> {
  // The study as the template wrote it, with the Form 6765 sheet in this host's spelling.
  const form = host === 'excel' ? book.find((s) => s.name === 'Form 6765')! : formOf(software, 'sheets')!;
  const grids = { sheets: book.map((s) => ({ name: s.name, values: s.values })) };
  const ev = new WorkbookEvaluator(grids, 'Form 6765', new Map(form.formulas.map((f) => [f.cell, f.formula])));
  const { cellOf } = formLayout();
  return new Map(FORM_6765_LINES.map((spec) => [spec.line, asLineValue(spec, ev.cell(cellOf.get(spec.line)!))]));
}

/** Every line of the worked studies, by hand (the arithmetic is in example-studies.ts above each study). */
// prettier-ignore
const BY_HAND: Readonly<Record<string, Readonly<Record<string, LineValue>>>> = {
  'worked 2025 (regular credit with §280C, basic research, Form 8932 credit)': {
    A: true, B: false,
    '1': 10000, '2': 50000, '3': 30000, '4': 20000, '5': 743000, '6': 0.03, '7': 4500000, '8': 135000,
    '9': 608000, '10': 371500, '11': 371500, '12': 401500, '13': 63437,
    '14': 10000, '15': 50000, '16': 30000, '17': 20000, '18': 30000, '19': 6000, '20': 743000, '21': 1620000,
    '22': 270000, '23': 473000, '24': 66220, '25': 72220, '26': 57053.8,
    '27': 1500, '28': 61937, '29': 0, '30': 61937, '31': 0, '32': 61937,
    '33a': false, '33b': 0, '34': null, '35': null, '36': null,
    '37': 2, '38': 54000, '39': false, '40': false, '41': false,
    '42': 603500, '43': 12000, '44': 41000, '45': 67000, '46': 19500, '47': 86500, '48': 743000,
  },
  'worked 2026 (start-up: no Fixed-Base %, ASC at 6%, payroll election limited by the carryforward)': {
    A: false, B: null,
    '1': 0, '2': 0, '3': 0, '4': 0, '5': 997000, '6': null, '7': 1525000, '8': null,
    '9': null, '10': 498500, '11': null, '12': null, '13': null,
    '14': 0, '15': 0, '16': 0, '17': 0, '18': 0, '19': 0, '20': 997000, '21': 1400000,
    '22': null, '23': null, '24': 59820, '25': 59820, '26': 59820,
    '27': 0, '28': 59820, '29': 5000, '30': 64820, '31': 0, '32': 64820,
    '33a': true, '33b': 1, '34': 59820, '35': 40000, '36': 40000,
    '37': 3, '38': 38000, '39': false, '40': true, '41': false,
    '42': 723000, '43': 6000, '44': 160000, '45': 108000, '46': 0, '47': 108000, '48': 997000,
  },
  'the clean study (2025, ASC 74,550 < regular 83,250; no About inputs for the new lines)': {
    A: false, B: null,
    '1': 0, '2': 0, '3': 0, '4': 0, '5': 832500, '6': 0.03, '7': 2500000, '8': 75000,
    '9': 757500, '10': 416250, '11': 416250, '12': 416250, '13': 83250,
    '14': 0, '15': 0, '16': 0, '17': 0, '18': 0, '19': 0, '20': 832500, '21': 1800000,
    '22': 300000, '23': 532500, '24': 74550, '25': 74550, '26': 74550,
    '27': 0, '28': 83250, '29': 0, '30': 83250, '31': 0, '32': 83250,
    '33a': false, '33b': 0, '34': null, '35': null, '36': null,
    '37': 2, '38': 0, '39': null, '40': null, '41': false,
    '42': 679500, '43': 8000, '44': 50000, '45': 95000, '46': 0, '47': 95000, '48': 832500,
  },
};
const STUDIES: readonly [string, () => ExampleBook][] = [
  [Object.keys(BY_HAND)[0]!, workedStudy2025],
  [Object.keys(BY_HAND)[1]!, workedStudy2026],
  [Object.keys(BY_HAND)[2]!, cleanStudy],
];

describe.each(STUDIES)('%s', (name, study) => {
  it.each(['excel', 'sheets'] as const)('%s: the sheet equals the arithmetic by hand, every line', (host) => {
    const shown = sheetValues(study(), host);
    const differ = FORM_6765_LINES.filter((spec) => !sameLine(spec, shown.get(spec.line)!, BY_HAND[name]![spec.line]!));
    expect(differ.map((s) => `${s.line}: sheet ${shown.get(s.line)}, by hand ${BY_HAND[name]![s.line]}`)).toEqual([]);
  });

  it('the sheet equals `rdtax compute` (computeStudy form6765.lines), every line, to the cent', () => {
    const book = study();
    const result = computeStudy({ sheets: book.map((s) => ({ name: s.name, values: s.values })) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const computed = new Map(result.computation.form6765.lines.map((l) => [l.line, l.value] as const));
    expect([...computed.keys()]).toEqual(FORM_6765_LINES.map((l) => l.line));
    const shown = sheetValues(book, 'excel');
    const differ = FORM_6765_LINES.filter((spec) => !sameLine(spec, shown.get(spec.line)!, computed.get(spec.line)!));
    expect(differ.map((s) => `${s.line}: sheet ${shown.get(s.line)}, compute ${computed.get(s.line)}`)).toEqual([]);
  });
});

it('a blank in the sheet is never taken for 0: line 34 of the 2025 study is blank, not 0', () => {
  const book = workedStudy2025();
  const form = book.find((s) => s.name === 'Form 6765')!;
  const ev = new WorkbookEvaluator(
    { sheets: book.map((s) => ({ name: s.name, values: s.values })) },
    'Form 6765',
    new Map(form.formulas.map((f) => [f.cell, f.formula])),
  );
  expect(ev.cell(formLayout().cellOf.get('34')!)).toBe('');
  expect(ev.cell(formLayout().cellOf.get('13')!)).not.toBeInstanceOf(FormulaError);
});

// ------------------------------------------------------------------ Section G: RD_COMPONENT_QRE

describe('RD_COMPONENT_QRE: a business component’s Section G line, grouped as rdtax compute groups the rows', () => {
  const components = [
    ['Business Component', 'Type'],
    ['Ledger', 'Computer software'],
    ['Risk', null],
  ];
  // prettier-ignore
  const employees = [
    ['Employee', 'Location', 'W-2 Box 1 Wages', 'R&D %', 'Business Component', 'Qualified Service'],
    ['Ann', 'US', 100000, 0.8, 'Ledger', 'Research'],        // 80% or more counts 100%: 100,000 (§41(b)(2)(B))
    ['Ben', 'CA', 90000, 0.5, 'ledger', 'Supervision'],      // a state is the US; names match without case: 45,000
    ['Cy', 'US', 60000, 0.5, null, 'Support'],               // no component: 30,000 unassigned
    ['Di', 'Germany', 50000, 1, 'Risk', 'Research'],          // foreign research is left out (§41(d)(4)(F))
    ['Ed', 'US', 120000, 0.5, 'Ledger', 'Research'],          // 60,000 split by Allocations: 25% / 75%
  ];
  const allocations = [
    ['Employee', 'Business Component', 'Share'],
    ['Ed', 'Ledger', 0.25],
    ['Ed', 'Risk', 0.75],
  ];
  // prettier-ignore
  const supplies = [
    ['Description', 'Category', 'Environment', 'Amount', 'R&D %', 'Business Component'],
    ['Phones', 'Supply', null, 8000, 1, 'Risk'],
    ['Cluster', 'Cloud', 'training', 10000, 0.5, 'Ledger'],
    ['Hosting', 'Cloud', 'production', 20000, 0, 'Ledger'],   // production counts 0
  ];
  // prettier-ignore
  const contractors = [
    ['Vendor', 'Location', 'Amount Paid', 'R&D %', 'Contract Type', 'Rights Retained', 'Financial Risk', 'Business Component'],
    ['Acme', 'US', 10000, 1, 'standard', 'Yes', 'Yes', 'Risk'],        // 65%: 6,500
    ['Uni', 'US', 1000.01, 1, 'consortium', 'Yes', 'Yes', 'Ledger'],   // 75%: 750.0075 → 750.01
  ];
  const call = (component: unknown, line: unknown, year: unknown = 2026, emp: unknown = employees) =>
    callFunction('RD_COMPONENT_QRE', [
      component,
      line,
      year,
      components,
      emp,
      supplies,
      contractors,
      allocations,
    ] as never);

  it.each<[string, string, string, number]>([
    ['Ledger line 50: Ann 100,000 + Ed’s 25% of 60,000 = 115,000', 'Ledger', '50', 115000],
    ['Ledger line 51: Ben supervises, 90,000 × 50% = 45,000 (§41(b)(2)(B)(ii))', 'Ledger', '51', 45000],
    ['Ledger line 52: no support wages', 'Ledger', '52', 0],
    ['Ledger line 53 = 50 + 51 + 52 = 160,000', 'Ledger', '53', 160000],
    ['Ledger line 55: cloud training 10,000 × 50%; production 0 (§41(b)(2)(A)(iii))', 'Ledger', '55', 5000],
    ['Ledger line 56: consortium 1,000.01 × 75% = 750.0075, rounded once', 'Ledger', '56', 750.01],
    ['Risk line 50: Ed’s 75% of 60,000 = 45,000 (Di’s German research left out)', 'Risk', '50', 45000],
    ['Risk line 54: supplies 8,000 × 100%', 'Risk', '54', 8000],
    ['Risk line 56: 10,000 × 65% = 6,500 (rounded cumulatively: 7,250.01 − 750.01)', 'Risk', '56', 6500],
    ['a name matches without case or spacing ("  LEDGER ")', '  LEDGER ', '50', 115000],
    ['blank: the QREs that name no component — Cy’s support wages 60,000 × 50%', '', '52', 30000],
    ['a component with no QREs is 0', 'Project X', '53', 0],
  ])('%s', (_n, component, line, value) => expect(call(component, line)).toEqual({ ok: true, value }));

  it('the line may be a number (50) as typed in a formula', () =>
    expect(call('Ledger', 50)).toEqual({ ok: true, value: 115000 }));

  it('the 80% rule follows the tax year’s law: 2025 and 2026 both count Ann’s 80% as 100%', () =>
    expect(call('Ledger', 50, 2025)).toEqual({ ok: true, value: 115000 }));

  it.each<[string, unknown[], string]>([
    [
      'a line that is not an amount line of Section G',
      ['Ledger', 49],
      'line: 49 is not a Section G amount line; use one of 50, 51',
    ],
    ['an error value as the component', ['#REF!', 50], 'component: the cell holds the error #REF!'],
    ['a tax year that is not a year', ['Ledger', 50, 'next year'], 'tax_year'],
    [
      'an Employees table without its R&D % header (a range that leaves out the header row)',
      ['Ledger', 50, 2026, employees.slice(1)],
      'employees: its first row has no',
    ],
  ])('%s is an error naming the argument', (_n, args, message) => {
    const out = call(...(args as [unknown, unknown, unknown?, unknown?]));
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.message).toContain(message);
      expect(out.message).not.toContain('RD_COMPONENT_QRE');
    }
  });
});

// ------------------------------------------------------------------ Section G on the sheet equals compute

interface GRow {
  readonly name: string;
  readonly lines: Record<string, Scalar>;
  readonly qre: Scalar;
  readonly rank: Scalar;
  readonly listed: Scalar;
}
const G_LINES = ['50', '51', '52', '53', '54', '55', '56'] as const;

/** What the sheet's Section G shows: required and why, and each component row (blank rows left out). */
function sheetG(book: ExampleBook, host: Host) {
  const form = host === 'excel' ? book.find((s) => s.name === 'Form 6765')! : formOf(software, 'sheets')!;
  const grids = { sheets: book.map((s) => ({ name: s.name, values: s.values })) };
  const ev = new WorkbookEvaluator(grids, 'Form 6765', new Map(form.formulas.map((f) => [f.cell, f.formula])));
  const { g } = formLayout();
  const C = SECTION_G_COLUMNS;
  const row = (r: number): GRow => ({
    name: String(ev.cell(`${C.name}${r}`) ?? ''),
    lines: Object.fromEntries(G_LINES.map((l) => [l, ev.cell(`${C[l]}${r}`)])),
    qre: ev.cell(`${C.qre}${r}`),
    rank: ev.cell(`${C.rank}${r}`),
    listed: ev.cell(`${C.listed}${r}`),
  });
  const rows: GRow[] = [];
  for (let r = g.firstRow; r <= g.lastRow; r++) {
    const x = row(r);
    if (x.name !== '') rows.push(x);
  }
  return {
    required: ev.cell(`C${g.requiredRow}`),
    reason: ev.cell(`B${g.requiredRow}`),
    rows,
    unassigned: row(g.unassignedRow),
  };
}

const cents = (v: Scalar | number | null | undefined) => (typeof v === 'number' ? Math.round(v * 100) : v);

/** The differences between the sheet's Section G and compute's, as readable lines (none: equal). */
function gDifferences(book: ExampleBook, host: Host): string[] {
  const result = computeStudy({ sheets: book.map((s) => ({ name: s.name, values: s.values })) });
  if (!result.ok) return ['compute failed'];
  const sg = result.computation.form6765.sectionG;
  const shown = sheetG(book, host);
  const out: string[] = [];
  if (shown.required !== (sg.required ? 'Yes' : 'No'))
    out.push(`required: sheet ${shown.required}, compute ${sg.required}`);
  const listed = new Set(sg.components.map((c) => c.name));
  // Every component compute gives an amount has its row, with its amounts, QRE and listing.
  const withQre = shown.rows.filter((r) => typeof r.qre === 'number' && r.qre > 0);
  for (const c of sg.all) {
    const r = shown.rows.find((x) => x.name === c.name);
    if (!r) {
      out.push(`${c.name}: no row on the sheet`);
      continue;
    }
    for (const l of G_LINES)
      if (cents(r.lines[l]) !== cents(c.lines[l] as number))
        out.push(`${c.name} line ${l}: sheet ${String(r.lines[l])}, compute ${String(c.lines[l])}`);
    if (cents(r.qre) !== cents(c.qre)) out.push(`${c.name} QRE: sheet ${String(r.qre)}, compute ${c.qre}`);
    if ((r.listed === 'Yes') !== listed.has(c.name))
      out.push(`${c.name} listed: sheet ${String(r.listed)}, compute ${listed.has(c.name)}`);
  }
  for (const r of withQre) if (!sg.all.some((c) => c.name === r.name)) out.push(`${r.name}: on the sheet only`);
  // The rank is the order compute lists them in (listed first, each part in descending QRE).
  const order = [...sg.all].sort((a, b) => b.qre - a.qre || sg.all.indexOf(a) - sg.all.indexOf(b));
  for (const r of withQre)
    if (r.rank !== order.findIndex((c) => c.name === r.name) + 1) out.push(`${r.name} rank: sheet ${String(r.rank)}`);
  for (const l of G_LINES) {
    const expected = sg.unassigned ? (sg.unassigned.lines[l] as number) : 0;
    if (cents(shown.unassigned.lines[l]) !== cents(expected))
      out.push(`unassigned line ${l}: sheet ${String(shown.unassigned.lines[l])}, compute ${expected}`);
  }
  return out;
}

describe.each(STUDIES)('%s: Section G', (_name, study) => {
  it.each(['excel', 'sheets'] as const)(
    '%s: required, every component’s lines 50–56, QRE, rank and listing, and the unassigned QREs equal rdtax compute',
    (host) => expect(gDifferences(study(), host)).toEqual([]),
  );
});

it('Section G by hand, the worked 2026 study: three components, all listed (525,000 + 258,000 = 783,000 < 80% of 997,000)', () => {
  const shown = sheetG(workedStudy2026(), 'excel');
  expect(shown.required).toBe('No');
  expect(shown.reason).toMatch(
    /^Not required: a qualified small business electing the payroll tax credit \(line 33a\)/,
  );
  expect(shown.rows.map((r) => [r.name, r.qre, r.rank, r.listed])).toEqual([
    ['Vision Model', 525000, 1, 'Yes'],
    ['Labeling Pipeline', 214000, 3, 'Yes'],
    ['Inference Optimizer', 258000, 2, 'Yes'],
  ]);
  // Labeling Pipeline: research 105,000, supervision 38,000, support 65,000 (lines 50–52), supplies 6,000.
  expect(shown.rows[1]!.lines).toEqual({
    '50': 105000,
    '51': 38000,
    '52': 65000,
    '53': 208000,
    '54': 6000,
    '55': 0,
    '56': 0,
  });
});

// ------------------------------------------------------------------ listing and required, at their boundaries

/** Replace a sheet's data rows, each given by header. */
function setRows(book: ExampleBook, name: string, rows: readonly Readonly<Record<string, CellValue>>[]): void {
  const s = book.find((x) => x.name === name)!;
  const header = s.values[0]!;
  s.values.splice(1);
  for (const r of rows) {
    const line: CellValue[] = header.map(() => null);
    for (const [h, v] of Object.entries(r)) {
      const c = header.indexOf(h);
      if (c < 0) throw new Error(`${name} has no column ${h}`);
      line[c] = v;
    }
    s.values.push(line);
  }
}
function setAbout(book: ExampleBook, values: Readonly<Record<string, CellValue>>): void {
  const s = book.find((x) => x.name === 'About')!;
  for (const [h, v] of Object.entries(values)) {
    const c = s.values[0]!.indexOf(h);
    if (c < 0) throw new Error(`About has no ${h}`);
    s.values[1]![c] = v;
  }
}
/** The clean study with one employee per component (100% R&D, so each component's QRE is its wages) and nothing else. */
function studyOf(
  components: readonly (string | null)[],
  wages: readonly number[],
  year = 2025,
  assigned: readonly string[] = components.filter((c): c is string => c !== null),
): ExampleBook {
  const book = cleanStudy();
  const wageHeader = book.find((s) => s.name === 'Employees')!.values[0]!.find((h) => /wages/i.test(String(h)))!;
  setRows(
    book,
    'Components',
    components.map((c) => ({ 'Business Component': c })),
  );
  setRows(
    book,
    'Employees',
    wages.map((w, i) => ({
      Employee: `E${i + 1}`,
      Location: 'US',
      [String(wageHeader)]: w,
      'R&D %': 1,
      'Business Component': assigned[i] ?? null,
    })),
  );
  setRows(book, 'Supplies', []);
  setRows(book, 'Contractors', []);
  setAbout(book, { 'Tax Year': year });
  return book;
}

describe('Section G listing on the sheet, at its boundaries (descending QREs until 80% of line 48)', () => {
  it.each<[string, (string | null)[], number[], string[]]>([
    [
      '50% then 80% exactly: the third is not listed (the listed QREs reached 80%)',
      ['A', 'B', 'C'],
      [50000, 30000, 20000],
      ['Yes', 'Yes', 'No'],
    ],
    [
      'a cent short of 80% after two: the third is listed',
      ['A', 'B', 'C'],
      [50000, 29999.99, 20000.01],
      ['Yes', 'Yes', 'Yes'],
    ],
    [
      'ties in Components order: B before C at 40,000 each, then 80% is reached',
      ['A', 'B', 'C'],
      [20000, 40000, 40000],
      ['No', 'Yes', 'Yes'],
    ],
    ['one component of all the QREs is listed, alone', ['A'], [100000], ['Yes']],
  ])('%s', (_n, names, wages, listed) => {
    const book = studyOf(names, wages);
    expect(sheetG(book, 'excel').rows.map((r) => r.listed)).toEqual(listed);
    expect(gDifferences(book, 'excel')).toEqual([]);
  });

  it('a name repeated on Components (any case) and a blank row: one row per component, as compute lists it once', () => {
    const book = studyOf(['A', null, 'a', 'B'], [60000, 40000], 2025, ['A', 'B']);
    const shown = sheetG(book, 'sheets');
    expect(shown.rows.map((r) => [r.name, r.qre])).toEqual([
      ['A', 60000],
      ['B', 40000],
    ]);
    expect(gDifferences(book, 'sheets')).toEqual([]);
  });
});

describe('Section G required, at the exemption’s boundaries (2026: QREs ≤ 1,500,000 and gross receipts ≤ 50,000,000)', () => {
  it.each<[string, number, number, Record<string, CellValue>, 'Yes' | 'No', RegExp]>([
    ['2025: optional (required from 2026)', 2025, 2000000, {}, 'No', /^Optional/],
    [
      'line 48 1,500,000 and receipts 50,000,000: exempt',
      2026,
      1500000,
      { 'Gross Receipts': 50000000 },
      'No',
      /^Not required: line 48/,
    ],
    ['line 48 1,500,000.01: required', 2026, 1500000.01, { 'Gross Receipts': 50000000 }, 'Yes', /^Required: /],
    ['receipts 50,000,000.01: required', 2026, 1500000, { 'Gross Receipts': 50000000.01 }, 'Yes', /^Required: /],
    [
      'receipts blank: required unless they are entered',
      2026,
      1500000,
      { 'Gross Receipts': null },
      'Yes',
      /^Required unless/,
    ],
    [
      'the payroll election (line 33a): exempt',
      2026,
      2000000,
      { 'Payroll Election': 'Yes' },
      'No',
      /^Not required: a qualified small business/,
    ],
  ])('%s', (_n, year, wages, about, required, reason) => {
    const book = studyOf(['A'], [wages], year);
    setAbout(book, { 'Payroll Election': 'No', ...about });
    const shown = sheetG(book, 'excel');
    expect([shown.required, shown.reason]).toEqual([required, expect.stringMatching(reason)]);
    expect(gDifferences(book, 'excel')).toEqual([]);
  });
});
