/**
 * Form 6765 (Rev. December 2024) computed from a study, line by line. Each row carries the
 * arithmetic done by hand and the line's citation; the studies are built here so every number
 * can be traced to a cell. LAW.md "Form 6765" and "§280C(c)(1) without the election".
 */
import type { CellValue } from '../src/cells';
import { computeStudy, type StudyComputation } from '../src/compute';
import { FORM_6765_G_LINES, FORM_6765_LINES, type Expr } from '../src/form6765';
import type { WorkbookGrids } from '../src/study/types';
import { cleanStudy } from './example-studies';

type Row = readonly CellValue[];
interface StudySpec {
  about: Record<string, CellValue>;
  employees?: Row[];
  allocations?: Row[];
  supplies?: Row[];
  contractors?: Row[];
  components?: Row[];
  prior?: Row[];
  /** Headers of Employees when a column is deleted. */
  employeeHeaders?: string[];
}
const EMPLOYEE_HEADERS = [
  'Employee',
  'Role',
  'Location',
  'W-2 Box 1 Wages',
  'R&D %',
  'Business Component',
  'Qualified Service',
  'Officer',
];
function workbook(s: StudySpec): WorkbookGrids {
  const sheets: { name: string; values: CellValue[][] }[] = [];
  const add = (name: string, headers: string[], rows: Row[] | undefined) => {
    if (rows) sheets.push({ name, values: [headers, ...rows.map((r) => [...r])] });
  };
  add('Employees', s.employeeHeaders ?? EMPLOYEE_HEADERS, s.employees);
  add('Allocations', ['Employee', 'Business Component', 'Share'], s.allocations);
  add(
    'Contractors',
    [
      'Vendor',
      'Location',
      'Amount Paid',
      'R&D %',
      'Contract Type',
      'Rights Retained',
      'Financial Risk',
      'Business Component',
    ],
    s.contractors,
  );
  add('Supplies', ['Description', 'Category', 'Environment', 'Amount', 'R&D %', 'Business Component'], s.supplies);
  add(
    'Components',
    [
      'Business Component',
      'Type',
      'Permitted Purpose',
      'Technical Uncertainty',
      'Process of Experimentation',
      'Technological in Nature',
      'Software Type',
      'Information Sought',
    ],
    s.components,
  );
  add('Prior Years', ['Tax Year', 'QRE', 'Gross Receipts'], s.prior);
  sheets.push({ name: 'About', values: [Object.keys(s.about), Object.values(s.about)] });
  return { sheets };
}
function compute(s: StudySpec | WorkbookGrids, taxYear?: number): StudyComputation {
  const r = computeStudy('sheets' in s ? s : workbook(s), taxYear === undefined ? {} : { taxYear });
  if (!r.ok) throw new Error(r.message);
  return r.computation;
}
const lines = (c: StudyComputation) => Object.fromEntries(c.form6765.lines.map((l) => [l.line, l.value]));
const lineOf = (c: StudyComputation, n: string) => c.form6765.lines.find((l) => l.line === n)!;

// ------------------------------------------------------------------ the description itself

describe('the Form 6765 description (one source for every front door)', () => {
  const numbers = FORM_6765_LINES.map((l) => l.line);
  it('lists Items A and B and lines 1–48 (33a/33b) once each, in form order', () => {
    const expected = ['A', 'B', ...Array.from({ length: 48 }, (_, i) => String(i + 1))].flatMap((l) =>
      l === '33' ? ['33a', '33b'] : [l],
    );
    expect(numbers).toEqual(expected);
  });
  it('Section G has 49(a)–(f) and 50–56 per component', () =>
    expect(FORM_6765_G_LINES.map((l) => l.line)).toEqual([
      '49a',
      '49b',
      '49c',
      '49d',
      '49e',
      '49f',
      '50',
      '51',
      '52',
      '53',
      '54',
      '55',
      '56',
    ]));
  const refs = (e: Expr): string[] =>
    e.k === 'line'
      ? [e.line]
      : e.k === 'if'
        ? [...refs(e.then), ...refs(e.else)]
        : 'args' in e
          ? e.args.flatMap(refs)
          : [];
  it.each(FORM_6765_LINES.map((l) => [l.line, l] as const))(
    'line %s cites Form 6765 or the Code, and refers only to lines on the form',
    (_n, l) => {
      expect(l.citation).toMatch(/Form 6765|IRC §/);
      if ('expr' in l.calc) for (const r of refs(l.calc.expr)) expect(numbers).toContain(r);
    },
  );
});

// ------------------------------------------------------------------ a worked 2025 study

describe('the clean example study, tax year 2025: every line of Sections A–F', () => {
  const c = compute({ sheets: cleanStudy().map((s) => ({ name: s.name, values: s.values.map((r) => [...r]) })) });
  const got = lines(c);
  it.each([
    ['A', false, 'no §280C election on About'],
    ['1', 0, 'no energy consortia'],
    ['4', 0, 'no basic research payments: max(0, 0 − 0)'],
    ['5', 832500, 'line 48'],
    ['6', 0.03, 'About Fixed-Base %'],
    ['7', 2500000, 'About Avg Gross Receipts'],
    ['8', 75000, '3% × 2,500,000'],
    ['9', 757500, '832,500 − 75,000'],
    ['10', 416250, '50% × 832,500'],
    ['11', 416250, 'min(757,500, 416,250)'],
    ['12', 416250, '0 + 0 + 416,250'],
    ['13', 83250, '416,250 × 20%'],
    ['19', 0, '20% × (0 + 0)'],
    ['20', 832500, 'line 48'],
    ['21', 1800000, '500,000 + 600,000 + 700,000 (2022–2024)'],
    ['22', 300000, '1,800,000 ÷ 6'],
    ['23', 532500, '832,500 − 300,000'],
    ['24', 74550, '14% × 532,500'],
    ['26', 74550, 'no election: line 25'],
    ['28', 83250, 'the larger credit, line 13, − 0'],
    ['32', 83250, '83,250 + 0 − 0'],
    ['33a', false, 'no Payroll Election on About'],
    ['34', null, 'Section D skipped'],
    ['37', 2, 'Checkout Engine and Fraud Model carry QREs'],
    ['42', 679500, 'wages'],
    ['43', 8000, 'supplies'],
    ['44', 50000, 'cloud'],
    ['45', 95000, '65% × 100,000 + 75% × 40,000'],
    ['46', 0, '65% × (0 − 0)'],
    ['47', 95000, '95,000 + 0'],
    ['48', 832500, '679,500 + 8,000 + 50,000 + 95,000'],
  ] as [string, number | boolean | null, string][])('line %s = %p (%s)', (n, v) => expect(got[n]).toEqual(v));
  it('line 28 claims the regular credit and says why (83,250 > 74,550; no Credit Method)', () => {
    expect(c.form6765.method).toBe('regular');
    expect(c.form6765.methodReason).toMatch(/larger than the ASC/);
  });
  it('the form agrees with the catalogue credits (RD_REGULAR 83,250; RD_ASC 74,550)', () => {
    expect(got['13']).toBe(c.credits.regular.amount);
    expect(got['26']).toBe(c.credits.asc.amount);
  });
  it('lines 22 and 8 show their inputs', () => {
    expect(lineOf(c, '22').detail).toBe('1,800,000.00 ÷ 6');
    expect(lineOf(c, '8').detail).toBe('3% × 2,500,000.00');
  });
  it('Section G is optional before 2026 and computed anyway', () => {
    expect(c.form6765.sectionG.required).toBe(false);
    expect(c.form6765.sectionG.reason).toMatch(/Optional.*2026/);
    expect(c.form6765.sectionG.all.map((g) => g.name).sort()).toEqual(['Checkout Engine', 'Fraud Model']);
  });
});

// ------------------------------------------------------------------ a worked 2026 study with Section G

const COMPONENTS: Row[] = [
  ['Alpha', 'Computer software', 'p', 't', 'e', 'n', 'Non-internal use', 'Whether sub-10 ms fraud scoring is possible'],
  ['Beta', 'Product', 'p', 't', 'e', 'n', '', 'Sensor housing design'],
  ['Gamma', 'Process', 'p', 't', 'e', 'n', '', 'Build pipeline'],
];
const STUDY_2026: StudySpec = {
  about: {
    'Tax Year': 2026,
    '280C Election': 'No',
    'Fixed-Base %': 0.03,
    'Avg Gross Receipts': 10000000,
    'Gross Receipts': 60000000,
    'Basic Research Payments': 50000,
    'Qualified Org Base': 20000,
    'Acquisition or Disposition': 'No',
    'New QRE Categories': 'No',
    'Controlled Group': 'No',
  },
  employees: [
    ['Ana', 'Software Developer', 'US', 200000, 0.9, 'Alpha', 'Direct research', 'No'],
    ['Ben', 'QA Engineer', 'US', 100000, 0.5, 'Beta', 'Direct research', 'No'],
    ['Cy', 'Engineering Manager', 'US', 300000, 0.4, 'Alpha', 'Direct supervision', 'Yes'],
    ['Dee', 'DevOps Engineer', 'US', 80000, 0.25, 'Gamma', 'Direct support', 'No'],
    ['Eve', 'Data Scientist', 'US', 150000, 0.6, '', 'Direct research', 'No'],
    ['Foo', 'Software Developer', 'Canada', 120000, 0, 'Alpha', 'Direct research', 'No'],
  ],
  allocations: [
    ['Eve', 'Alpha', 0.5],
    ['Eve', 'Beta', 0.5],
  ],
  supplies: [
    ['Prototype parts', 'Supply', '', 30000, 1, 'Beta'],
    ['Training cluster', 'Cloud', 'training', 60000, 1, 'Alpha'],
    ['Production cluster', 'Cloud', 'production', 40000, 1, 'Alpha'],
    ['Laptops', 'Equipment', '', 5000, 1, 'Alpha'],
  ],
  contractors: [
    ['Acme Labs', 'US', 100000, 1, 'standard', 'Yes', 'Yes', 'Gamma'],
    ['Uni Consortium', 'US', 40000, 1, 'consortium', 'Yes', 'Yes', 'Beta'],
  ],
  components: COMPONENTS,
  prior: [
    [2023, 500000, 9000000],
    [2024, 550000, 10000000],
    [2025, 600000, 11000000],
  ],
};

describe('a worked 2026 study: Sections A–G by hand', () => {
  const c = compute(STUDY_2026);
  const got = lines(c);
  it.each([
    ['B', false, 'Item B: About Controlled Group No'],
    ['2', 50000, 'About Basic Research Payments'],
    ['3', 20000, 'About Qualified Org Base'],
    ['4', 30000, 'max(0, 50,000 − 20,000) (§41(e)(1)(A))'],
    [
      '42',
      480000,
      'Ana 200,000 (90% ≥ 80%: all) + Ben 50,000 + Cy 120,000 + Dee 20,000 + Eve 90,000; Foo in Canada left out',
    ],
    ['43', 30000, 'prototype parts; laptops are equipment (§41(b)(2)(C))'],
    ['44', 60000, 'training cloud; production cloud left out (§41(b)(2)(A)(iii))'],
    ['45', 95000, '65% × 100,000 + 75% × 40,000'],
    ['46', 13000, '65% × (50,000 − 30,000): basic research not over the base is contract research (§41(e)(1)(B))'],
    ['47', 108000, '95,000 + 13,000'],
    ['48', 678000, '480,000 + 30,000 + 60,000 + 108,000'],
    ['8', 300000, '3% × 10,000,000'],
    ['9', 378000, '678,000 − 300,000'],
    ['10', 339000, '50% × 678,000'],
    ['11', 339000, 'min(378,000, 339,000)'],
    ['12', 369000, '0 + 30,000 + 339,000'],
    ['13', 73800, '369,000 × 20%'],
    ['17', 30000, 'max(0, 50,000 − 20,000)'],
    ['18', 30000, '0 + 30,000'],
    ['19', 6000, '20% × 30,000'],
    ['21', 1650000, '500,000 + 550,000 + 600,000'],
    ['22', 275000, '1,650,000 ÷ 6'],
    ['23', 403000, '678,000 − 275,000'],
    ['24', 56420, '14% × 403,000'],
    ['25', 62420, '6,000 + 56,420'],
    ['26', 62420, 'no election'],
    ['28', 73800, 'regular (73,800 > 62,420) − 0'],
    ['30', 73800, '73,800 + 0'],
    ['32', 73800, '73,800 − 0'],
    ['37', 3, 'Alpha, Beta and Gamma carry QREs'],
    ['38', 120000, "Cy's qualified wages (Officer = Yes)"],
    ['39', false, 'About: No'],
    ['40', false, 'About: No'],
    ['41', false, 'no ASC 730 directive'],
  ] as [string, number | boolean | null, string][])('line %s = %p (%s)', (n, v) => expect(got[n]).toEqual(v));

  const g = c.form6765.sectionG;
  it('Section G is required: 2026, no payroll election, gross receipts 60,000,000 over 50,000,000', () => {
    expect(g.required).toBe(true);
    expect(g.reason).toMatch(/gross receipts 60,000,000\.00 are over 50,000,000\.00/);
  });
  it.each([
    [
      'Alpha',
      { '50': 245000, '51': 120000, '52': 0, '53': 365000, '54': 0, '55': 60000, '56': 0 },
      'Ana 200,000 + Eve 50% × 90,000 = 245,000 research; Cy 120,000 supervision; training cloud 60,000',
    ],
    [
      'Beta',
      { '50': 95000, '51': 0, '52': 0, '53': 95000, '54': 30000, '55': 0, '56': 30000 },
      'Ben 50,000 + Eve 45,000; parts 30,000; consortium 75% × 40,000',
    ],
    [
      'Gamma',
      { '50': 0, '51': 0, '52': 20000, '53': 20000, '54': 0, '55': 0, '56': 65000 },
      'Dee 20,000 support; Acme 65% × 100,000',
    ],
  ])('component %s: lines 50–56 %p (%s)', (name, amounts) => {
    expect(g.all.find((x) => x.name === name)?.lines).toMatchObject(amounts);
  });
  it('lists Alpha (425,000) and Beta (155,000): 580,000 ≥ 80% × 678,000 = 542,400; Gamma is not needed', () => {
    expect(g.components.map((x) => [x.name, x.qre])).toEqual([
      ['Alpha', 425000],
      ['Beta', 155000],
    ]);
    expect(g.listedShare).toBeCloseTo(580000 / 678000, 6);
  });
  it('49(d)–(f) come from the Components sheet', () =>
    expect(g.components[0]?.lines).toMatchObject({
      '49c': 'Alpha',
      '49d': 'Computer software',
      '49e': 'Non-internal use',
      '49f': 'Whether sub-10 ms fraud scoring is possible',
    }));
  it('every wage dollar lands in one component: Σ line 53 = line 42 (365,000 + 95,000 + 20,000 = 480,000)', () =>
    expect(g.all.reduce((s, x) => s + (x.lines['53'] as number), 0)).toBe(got['42']));
  it('no QREs are unassigned (Eve is split by Allocations)', () => expect(g.unassigned).toBeNull());
  it('§174A 2026: domestic R&E 690,000 (460,000 wages at R&D %, 30,000 + 60,000, contracts at 100%: 140,000) less the 73,800 credit = 616,200', () => {
    expect(c.sec174.domestic.incurred.amount).toBe(690000);
    expect(c.sec174.domestic.reduction280c).toMatchObject({ before: 690000, amount: 73800 });
    expect(c.sec174.domestic.deduction.amount).toBe(616200);
  });
});

// ------------------------------------------------------------------ Section G: which components, required or not

/** A study whose components carry the given QREs through one US employee each at 100%. */
function componentsStudy(taxYear: number, qres: number[], about: Record<string, CellValue> = {}): StudySpec {
  return {
    about: { 'Tax Year': taxYear, ...about },
    employees: qres.map((q, i) => [`E${i + 1}`, 'Software Developer', 'US', q, 1, `C${i + 1}`, '', 'No']),
    components: qres.map((_, i) => [`C${i + 1}`, 'Product', 'p', 't', 'e', 'n', '', '']),
  };
}

describe('Section G: components listed in descending QRE until 80% of line 48, at most 50', () => {
  it.each([
    [
      '60 + 20 + 20: 60 < 80, 60 + 20 = 80 ≥ 80 → two; the tie keeps workbook order (C2 before C3)',
      [60, 20, 20],
      ['C1', 'C2'],
    ],
    ['79.99 + 20.01: 79.99 < 80 → both', [7999, 2001], ['C1', 'C2']],
    ['80 + 20: 80 ≥ 80 → one', [80, 20], ['C1']],
    ['ascending in the workbook: sorted by QRE (10, 30, 60 → C3, C2)', [10, 30, 60], ['C3', 'C2']],
    ['equal QREs keep workbook order: 25 × 4 → C1, C2, C3, C4 (75 < 80)', [25, 25, 25, 25], ['C1', 'C2', 'C3', 'C4']],
  ])('%s', (_name, qres, listed) => {
    const c = compute(
      componentsStudy(
        2026,
        qres.map((q) => q * 1000),
      ),
    );
    expect(c.form6765.sectionG.components.map((x) => x.name)).toEqual(listed);
  });
  it('60 components of equal QRE: at most 50 are listed (50/60 = 83% ≥ 80% is reached at 48)', () => {
    const c = compute(
      componentsStudy(
        2026,
        Array.from({ length: 60 }, () => 10000),
      ),
    );
    expect(c.form6765.sectionG.components).toHaveLength(48);
  });
  it('100 components, 1% each: the list stops at 50 although 50% < 80%', () => {
    const c = compute(
      componentsStudy(
        2026,
        Array.from({ length: 100 }, () => 10000),
      ),
    );
    expect(c.form6765.sectionG.components).toHaveLength(50);
    expect(c.form6765.sectionG.all).toHaveLength(100);
  });
  it('QREs with no component are "Unassigned", never listed, and said in the notes', () => {
    const s = componentsStudy(2026, [100000, 50000]);
    s.employees!.push(['Zed', 'Software Developer', 'US', 70000, 1, '', '', 'No']);
    const c = compute(s);
    expect(c.form6765.sectionG.unassigned).toMatchObject({ name: 'Unassigned', qre: 70000 });
    expect(c.form6765.sectionG.components.map((x) => x.name)).not.toContain('Unassigned');
    expect(c.notes.join('\n')).toMatch(/70,000\.00 of QREs name no business component/);
  });
  it('an employee whose Allocations do not sum to 100% is unassigned, with the reason', () => {
    const s = componentsStudy(2026, [100000]);
    s.employees!.push(['Eve', 'Data Scientist', 'US', 50000, 1, '', '', 'No']);
    s.allocations = [
      ['Eve', 'C1', 0.5],
      ['Eve', 'C1', 0.4],
    ];
    const c = compute(s);
    expect(c.form6765.sectionG.unassigned?.qre).toBe(50000);
    expect(c.notes.join('\n')).toMatch(/Allocations of Employees!A3 cannot be used/);
  });
});

describe('Section G required: from 2026 unless an exemption applies', () => {
  const under = [1000000]; // line 48 = 1,000,000
  it.each([
    ['2025: optional (tax years beginning before 2026)', 2025, under, {}, false, /Optional/],
    [
      '2026, QREs 1,000,000 ≤ 1.5M and gross receipts 50,000,000 ≤ 50M (boundary): exempt',
      2026,
      under,
      { 'Gross Receipts': 50000000 },
      false,
      /Not required: QREs/,
    ],
    [
      '2026, QREs 1,500,000 exactly and receipts 10M: exempt (≤)',
      2026,
      [1500000],
      { 'Gross Receipts': 10000000 },
      false,
      /Not required: QREs/,
    ],
    [
      '2026, QREs 1,500,000.01: required',
      2026,
      [1500000.01],
      { 'Gross Receipts': 10000000 },
      true,
      /QREs \(line 48\) 1,500,000\.01 are over/,
    ],
    [
      '2026, receipts 50,000,000.01: required',
      2026,
      under,
      { 'Gross Receipts': 50000000.01 },
      true,
      /gross receipts 50,000,000\.01 are over/,
    ],
    ['2026, receipts not given: required until they are', 2026, under, {}, true, /enter Gross Receipts/],
    [
      '2026, payroll election made by a qualified small business: exempt',
      2026,
      [4000000],
      {
        'Payroll Election': 'Yes',
        'Gross Receipts': 3000000,
        'First Receipts Year': 2023,
        'Fixed-Base %': 0.03,
        'Avg Gross Receipts': 2000000,
      },
      false,
      /payroll tax credit \(line 33a\)/,
    ],
  ])('%s', (_name, year, qres, about, required, reason) => {
    const c = compute(componentsStudy(year, qres, about));
    expect(c.form6765.sectionG.required).toBe(required);
    expect(c.form6765.sectionG.reason).toMatch(reason);
  });
});

// ------------------------------------------------------------------ §280C(c)(1) by period

/** One US employee at 100% (line 42 = wages), prior QREs for the ASC, no fixed base (the ASC is claimed). */
function sec280cStudy(year: number, wages: number, prior: number, election: string): StudySpec {
  return {
    about: { 'Tax Year': year, '280C Election': election },
    employees: [['Ann', 'Software Developer', 'US', wages, 1, '', '', 'No']],
    prior: [1, 2, 3].map((k) => [year - k, prior, '']),
  };
}

describe('§280C(c)(1) without the election reduces the §174/§174A amount by period (LAW.md)', () => {
  it.each([
    [
      '2025: the §174A deduction 1,000,000 less the ASC 87,500 (14% × (1,000,000 − 50% × 750,000 avg)) = 912,500',
      2025,
      1000000,
      750000,
      { before: 1000000, amount: 87500 },
      912500,
    ],
    [
      '2021: deducted in the year incurred, less the credit: 1,000,000 − 87,500 = 912,500',
      2021,
      1000000,
      750000,
      { before: 1000000, amount: 87500 },
      912500,
    ],
    [
      '2023: credit 87,500 ≤ the year’s amortization 100,000 (10% midpoint): no excess, no reduction',
      2023,
      1000000,
      750000,
      { before: 100000, amount: 0 },
      100000,
    ],
    [
      '2023: ASC 14% × (400,000 − 50,000) = 49,000 over amortization 40,000: capital account less 9,000 → 10% × 391,000 = 39,100',
      2023,
      400000,
      100000,
      { before: 40000, amount: 900, basis: 9000 },
      39100,
    ],
  ])('%s', (_name, year, wages, prior, reduction, deduction) => {
    const c = compute(sec280cStudy(year, wages, prior, 'No'));
    expect(c.sec174.domestic.reduction280c).toMatchObject(reduction);
    expect(c.sec174.domestic.deduction.amount).toBe(deduction);
  });
  it('with the election (Item A) nothing is reduced and the credit is × 79%: 87,500 × 0.79 = 69,125', () => {
    const c = compute(sec280cStudy(2025, 1000000, 750000, 'Yes'));
    expect(c.form6765.itemA).toBe(true);
    expect(lines(c)['26']).toBe(69125);
    expect(c.sec174.domestic.reduction280c).toMatchObject({ amount: 0 });
    expect(c.sec174.domestic.deduction.amount).toBe(1000000);
  });
  it('for a 21% C corporation both choices give the same benefit: 87,500 − 21% × 87,500 = 69,125 = the reduced credit', () => {
    const no = compute(sec280cStudy(2025, 1000000, 750000, 'No'));
    const yes = compute(sec280cStudy(2025, 1000000, 750000, 'Yes'));
    const benefit = (c: StudyComputation) =>
      (lines(c)['28'] as number) + 0.21 * (c.sec174.domestic.deduction.amount as number);
    expect(benefit(no)).toBeCloseTo(benefit(yes), 2);
  });
});

// ------------------------------------------------------------------ line 28: which credit and why

describe('line 28: the Credit Method on About, else the larger', () => {
  const base = (extra: Record<string, CellValue>): StudySpec => ({
    ...sec280cStudy(2025, 1000000, 750000, 'No'),
    about: { 'Tax Year': 2025, 'Fixed-Base %': 0.03, 'Avg Gross Receipts': 10000000, ...extra },
  });
  it.each([
    ['blank: regular 100,000 (20% × min(700,000, 500,000)) > ASC 87,500', {}, 'regular', 100000, /larger than the ASC/],
    ['ASC chosen although smaller', { 'Credit Method': 'ASC' }, 'asc', 87500, /Credit Method.*says ASC/],
    ['Regular chosen', { 'Credit Method': 'regular' }, 'regular', 100000, /says regular/],
    [
      'no fixed base: the ASC, because the regular credit is not computed',
      { 'Fixed-Base %': '' },
      'asc',
      87500,
      /regular credit is not computed/,
    ],
  ])('%s', (_name, extra, method, l28, why) => {
    const c = compute(base(extra));
    expect(c.form6765.method).toBe(method);
    expect(lines(c)['28']).toBe(l28);
    expect(c.form6765.methodReason).toMatch(why);
  });
});

// ------------------------------------------------------------------ what compute must stop doing (issue 10 §5)

describe('compute never prints a silent 0 or a function name', () => {
  it('Location column deleted: line 42, 48 and both credits are null with the reason and the header cell, and no row is "left out" for it', () => {
    const s: StudySpec = {
      ...STUDY_2026,
      employeeHeaders: EMPLOYEE_HEADERS.filter((h) => h !== 'Location'),
      employees: STUDY_2026.employees!.map((r) => r.filter((_, i) => i !== 2)),
    };
    const c = compute(s);
    const got = lines(c);
    expect([got['42'], got['48'], got['13'], got['26'], got['28']]).toEqual([null, null, null, null, null]);
    expect(lineOf(c, '42').note).toMatch(/Employees has no "Location" column, so line 42 cannot be computed/);
    expect(lineOf(c, '42').cell).toBe('Employees!H1');
    expect(c.credits.asc.amount).toBeNull();
    expect(c.credits.regular.amount).toBeNull();
    expect(c.excluded.filter((e) => e.sheet === 'Employees')).toEqual([]);
  });
  it('an amount beyond the exact range: line 42 is not computed and Section G never shows Infinity or NaN', () => {
    const s: StudySpec = { ...STUDY_2026, employees: [['Ana', 'Dev', 'US', 1e20, 1, 'Alpha', '', 'No']] };
    const c = compute(s);
    expect(lines(c)['42']).toBeNull();
    expect(JSON.stringify(c.form6765)).not.toMatch(/Infinity|NaN/);
  });
  it('every excluded row is listed with its reason: production cloud and equipment on Supplies, Foo in Canada', () => {
    const c = compute(STUDY_2026);
    expect(c.excluded.map((e) => e.cell).sort()).toEqual(['Employees!C7', 'Supplies!B5', 'Supplies!C4']);
    expect(c.excluded.find((e) => e.cell === 'Supplies!C4')?.reason).toMatch(/production environment/);
  });
  it('a cell that cannot be read names the cell and the line, never RD_WAGE_QRE', () => {
    const s: StudySpec = {
      ...STUDY_2026,
      employees: [['Ana', 'Software Developer', 'US', 'lots', 0.9, 'Alpha', '', 'No']],
    };
    const c = compute(s);
    const note = lineOf(c, '42').note ?? '';
    expect(note).toMatch(/Employees!D2/);
    expect(note).toMatch(/^Line 42/);
    const everything = JSON.stringify(c);
    expect(everything).not.toMatch(/RD_[A-Z_]+:/);
  });
  it('one person over 100% across rows: the note names each row’s R&D % cell on the sheet, not range positions', () => {
    const s: StudySpec = {
      about: { 'Tax Year': 2025 },
      employees: [
        ['Ada Park', 'Software Developer', 'US', 100000, 0.6, 'A', '', 'No'],
        ['Bo', 'Software Developer', 'US', 50000, 0.5, 'A', '', 'No'],
        ['Ada Park', 'Software Developer', 'US', 100000, 0.6, 'B', '', 'No'],
      ],
    };
    const note = lineOf(compute(s), '42').note ?? '';
    expect(note).toMatch(/Employees!E2, Employees!E4/);
    expect(note).toMatch(/total 120%/);
    expect(note).not.toMatch(/row \d+, column/);
  });
  it('credit 0 for a qualified small business: the payroll reason says the credit is 0, not "not a qualified small business"', () => {
    const s: StudySpec = {
      about: { 'Tax Year': 2025, 'Gross Receipts': 1000000, 'First Receipts Year': 2024 },
      employees: [['Ann', 'Software Developer', 'US', 100000, 0, '', '', 'No']],
      prior: [
        [2024, 500000, ''],
        [2023, 500000, ''],
        [2022, 500000, ''],
      ],
    };
    const c = compute(s);
    expect(c.payroll.amount).toBe(0);
    expect(c.payroll.eligible).toBe(true);
    expect(c.payroll.reason).toMatch(/research credit is 0/);
  });
  it('a line that is not computed has a note in the file’s notes, naming the line', () => {
    const c = compute({ about: { 'Tax Year': 2025 }, employees: [['Ann', 'Dev', 'US', 1000, 1, '', '', 'No']] });
    expect(lines(c)['13']).toBeNull();
    const notes = c.notes.join('\n');
    expect(notes).toMatch(/Form 6765 line 6: .*enter Fixed-Base % on the About sheet/);
    expect(notes).toMatch(/Form 6765 lines 8, 9, 11, 12, 13: not computed for the same reason as line 7\./);
    expect(lineOf(c, '13').note).toMatch(
      /needs line 12, which is not computed: Section A needs the average annual gross receipts/,
    );
  });
});
