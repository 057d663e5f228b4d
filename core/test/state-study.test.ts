/**
 * Studies carry the state (issue 12 §2): a row's Location names its state (`CA`, `US-CA`,
 * `California`), `rdtax compute` groups the Section F QREs by state, and each state whose credit
 * the engine computes gets it from Prior Years `<ST> QRE` and the About sheet's `<ST> …` inputs.
 * Each case names the arithmetic done by hand and the law it rests on (LAW.md "State credits").
 */
import fc from 'fast-check';
import type { CellValue } from '../src/cells';
import { Dec } from '../src/money';
import { STATE_CREDIT_STATES } from '../src/calc/state-credit';
import { computeStudy, type StateCreditEntry, type StudyComputation } from '../src/compute';
import { stateOfLocation, US_STATES } from '../src/study/classify';
import { readStudy } from '../src/study/model';
import { STATE_ABOUT_FIELDS, STATE_QRE_COLUMNS } from '../src/study/schema';
import { BUILTIN_TEMPLATES, DEFAULT_LOCATIONS, EXCEL_LIST_MAX_CHARS, renderTemplate } from '../src/templates';
import type { WorkbookGrids } from '../src/study/types';
import { validateWorkbook } from '../src/study/validator';

type Row = readonly CellValue[];
interface Spec {
  /** About, header row and value row (`Tax Year` first). */
  about: Record<string, CellValue>;
  /** Employee, Role, Location, W-2 Box 1 Wages, R&D %. */
  employees?: Row[];
  /** Vendor, Location, Amount Paid, R&D %, Contract Type, Rights Retained, Financial Risk. */
  contractors?: Row[];
  /** Description, Category, Environment, Amount, R&D %. */
  supplies?: Row[];
  /** Prior Years headers after Tax Year and QRE (e.g. `CA QRE`). */
  priorHeaders?: string[];
  /** Tax Year, QRE, then one cell per `priorHeaders`. */
  prior?: Row[];
}

function workbook(s: Spec): WorkbookGrids {
  const sheets: { name: string; values: CellValue[][] }[] = [];
  const add = (name: string, headers: string[], rows: Row[] | undefined) => {
    if (rows) sheets.push({ name, values: [headers, ...rows.map((r) => [...r])] });
  };
  add('Employees', ['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %'], s.employees);
  add(
    'Contractors',
    ['Vendor', 'Location', 'Amount Paid', 'R&D %', 'Contract Type', 'Rights Retained', 'Financial Risk'],
    s.contractors,
  );
  add('Supplies', ['Description', 'Category', 'Environment', 'Amount', 'R&D %'], s.supplies);
  add('Prior Years', ['Tax Year', 'QRE', ...(s.priorHeaders ?? [])], s.prior);
  sheets.push({ name: 'About', values: [Object.keys(s.about), Object.values(s.about)] });
  return { sheets };
}
function compute(s: Spec | WorkbookGrids): StudyComputation {
  const r = computeStudy('sheets' in s ? s : workbook(s));
  if (!r.ok) throw new Error(r.message);
  return r.computation;
}
const qres = (c: StudyComputation, state: string | null) =>
  state === null ? c.states.noState : c.states.byState.find((q) => q.state === state);
const lineOf = (c: StudyComputation, state: string | null, line: string) =>
  qres(c, state)?.lines.find((l) => l.line === line)?.amount;
const creditOf = (c: StudyComputation, state: string): StateCreditEntry | undefined =>
  c.states.credits.find((x) => x.state === state);

// ------------------------------------------------------------------ which state a Location names

describe('a Location names its state (docs/design.md §4): the code, US-code or the name', () => {
  it.each([
    ['CA', 'CA'],
    ['ca', 'CA'],
    [' US-CA ', 'CA'],
    ['us-ca', 'CA'],
    ['California', 'CA'],
    ['DC', 'DC'],
    ['District of Columbia', 'DC'],
    ['US-TX', 'TX'],
    ['Puerto Rico', 'PR'],
    ['U.S. Virgin Islands', 'VI'],
  ])('%j → %s', (text, code) => expect(stateOfLocation(text)).toBe(code));
  it.each(['US', 'USA', 'United States', 'Germany', 'US-XX', 'XX', '', 'CA-ON'])('%j names no state', (text) =>
    expect(stateOfLocation(text)).toBeUndefined(),
  );
  it('every code of the one state list (classify.ts US_STATES) is read back, bare and as US-code', () => {
    for (const code of US_STATES.keys()) {
      expect(stateOfLocation(code)).toBe(code);
      expect(stateOfLocation(`US-${code}`)).toBe(code);
    }
  });
});

// ------------------------------------------------------------------ reading the study

describe('the study reader: Prior Years `<ST> QRE` columns and About `<ST> …` fields', () => {
  it.each([
    ['CA QRE', 'CA'],
    ['ca qre', 'CA'],
    ['CA  QREs', 'CA'],
    ['US-CA QRE', 'CA'],
    ['TX-QRE', 'TX'],
    ['XX QRE', 'XX'],
  ])('header %j is the `<ST> QRE` column of %s (any case, spaces, hyphens)', (header, key) =>
    expect(STATE_QRE_COLUMNS.keyOf(header)).toBe(key),
  );
  it.each(['QRE', 'Total QRE', 'CAL QRE', 'CA QRE 2024', 'QRE CA'])('header %j is not one', (header) =>
    expect(STATE_QRE_COLUMNS.keyOf(header)).toBeUndefined(),
  );

  it('the cells of each state column are kept per row; a row holding only a state cell is still a row', () => {
    const study = readStudy(
      workbook({
        about: { 'Tax Year': 2025 },
        priorHeaders: ['CA QRE', 'Notes', 'TX QRE'],
        prior: [
          [2024, 500, 100, 'x', 200],
          [null, null, 7, null, null],
        ],
      }),
    );
    const t = study.priorYears!;
    expect(t.patterned.map((p) => [p.key, p.letter])).toEqual([
      ['CA', 'C'],
      ['TX', 'E'],
    ]);
    expect(t.extraColumns.map((x) => x.header)).toEqual(['Notes']);
    expect(t.rows.map((r) => [r.row, r.more])).toEqual([
      [2, [100, 200]],
      [3, [7, null]],
    ]);
  });

  it('About: `<ST> Fixed-Base %` and the others, across (header row) and down (labels in column A)', () => {
    const labels = STATE_ABOUT_FIELDS.map((f) => `CA ${f.suffix}`);
    const across = readStudy({
      sheets: [
        {
          name: 'About',
          values: [
            ['Tax Year', ...labels],
            [2025, 'Regular', 0.03, 1000000, 5000],
          ],
        },
        { name: 'Employees', values: [['Employee']] },
      ],
    }).about!;
    expect(across.states.get('CA')?.fixedBasePct).toMatchObject({ value: 0.03, at: { row: 2, col: 2 } });
    const down = readStudy({
      sheets: [
        {
          name: 'About',
          values: [
            ['Template', 'software'],
            ['Tax Year', 2025],
            ['tx credit method', 'Higher Education'],
            ['US-MA Basic Research Payments', 1200],
          ],
        },
        { name: 'Employees', values: [['Employee']] },
      ],
    }).about!;
    expect(down.fields.taxYear?.value).toBe(2025);
    expect(down.states.get('TX')?.creditMethod).toMatchObject({ value: 'Higher Education', at: { row: 3, col: 1 } });
    expect(down.states.get('MA')?.basicResearchPayments?.value).toBe(1200);
    // The federal fields are not read as a state's: "Fixed-Base %" has no two-letter prefix.
    expect([...down.states.keys()]).toEqual(['TX', 'MA']);
  });
});

// ------------------------------------------------------------------ the validator

describe('the validator on state columns and state-looking Locations', () => {
  const base: Spec = {
    about: { 'Tax Year': 2025 },
    employees: [['Ann', 'Software Developer', 'CA', 100000, 1]],
    priorHeaders: ['CA QRE'],
    prior: [
      [2022, 1000, 60000],
      [2023, 1000, 80000],
      [2024, 1000, 100000],
    ],
  };
  const findings = (s: Spec) => validateWorkbook(workbook(s));
  it('a clean state column gives no finding', () => {
    expect(findings(base).filter((f) => f.sheet === 'Prior Years' && f.severity !== 'info')).toEqual([]);
  });
  it.each([
    ['text', 'abc', 'cell/not-a-number', /CA QRE of row 3 \(.*C3\).*enter the amount/],
    ['a negative amount', -5, 'cell/negative-amount', /CA QRE of row 3 \(.*C3\) is negative/],
    ['an error value', '#REF!', 'cell/not-a-number', /CA QRE of row 3/],
  ])('a CA QRE cell holding %s → %s at Prior Years!C3', (_what, v, rule, says) => {
    const prior = base.prior!.map((r) => [...r]);
    prior[1]![2] = v;
    const f = findings({ ...base, prior }).filter((x) => x.rule === rule && x.cell === "'Prior Years'!C3");
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(says);
  });
  it.each([
    [
      'CA Fixed-Base %',
      3,
      'cell/pct-out-of-bounds',
      /CA Fixed-Base % on the About sheet \(About!B2\) is 3, which reads as 300%.*0\.03/,
    ],
    ['CA Fixed-Base %', -0.01, 'cell/pct-out-of-bounds', /reads as -1%/],
    ['CA Fixed-Base %', 'three', 'cell/not-a-number', /CA Fixed-Base % on the About sheet \(About!B2\)/],
    [
      'CA Avg Gross Receipts',
      -5,
      'cell/negative-amount',
      /CA Avg Gross Receipts on the About sheet \(About!B2\) is negative/,
    ],
    ['CA Basic Research Payments', '#N/A', 'cell/not-a-number', /CA Basic Research Payments/],
  ])('About %s = %j → %s at About!B2', (label, v, rule, says) => {
    const f = findings({ ...base, about: { 'Tax Year': 2025, [label]: v } }).filter((x) => x.rule === rule);
    expect(f.map((x) => x.cell)).toEqual(['About!B2']);
    expect(f[0]!.message).toMatch(says);
  });
  it.each([
    ['CA Fixed-Base %', 0.03],
    ['CA Fixed-Base %', 1],
    ['CA Fixed-Base %', 0],
    ['CA Avg Gross Receipts', 0],
    ['CA Credit Method', 'anything'],
    ['XX Fixed-Base %', 3],
  ])('About %s = %j gives no finding on it', (label, v) => {
    expect(findings({ ...base, about: { 'Tax Year': 2025, [label]: v } }).filter((x) => x.cell === 'About!B2')).toEqual(
      [],
    );
  });
  it('a column "XX QRE" names no state: prior-years/unknown-state at its header, not read', () => {
    const f = findings({ ...base, priorHeaders: ['XX QRE'] }).filter((x) => x.rule === 'prior-years/unknown-state');
    expect(f.map((x) => [x.cell, x.severity])).toEqual([["'Prior Years'!C1", 'warning']]);
    expect(f[0]!.message).toMatch(/"XX QRE".*e\.g\. "CA QRE"/);
  });
  it('the same state twice ("CA QRE", "ca qres") is table/duplicate-column on the second', () => {
    const f = findings({ ...base, priorHeaders: ['CA QRE', 'ca qres'], prior: [[2024, 1, 2, 3]] });
    expect(f.filter((x) => x.rule === 'table/duplicate-column').map((x) => x.cell)).toEqual(["'Prior Years'!D1"]);
  });
  it('Location US-XX with an R&D % above 0: wages/foreign, saying US-XX is no state code (it reads as outside the US, as before)', () => {
    const f = findings({ ...base, employees: [['Ann', 'Software Developer', 'US-XX', 100000, 1]] }).filter(
      (x) => x.rule === 'wages/foreign',
    );
    expect(f.map((x) => x.cell)).toEqual(['Employees!C2']);
    expect(f[0]!.message).toMatch(/"US-XX".*no US state, DC or territory code.*e\.g\. US-CA/);
  });
  it('Location Germany keeps its message (research outside the US)', () => {
    const f = findings({ ...base, employees: [['Ann', 'Software Developer', 'Germany', 100000, 1]] });
    expect(f.find((x) => x.rule === 'wages/foreign')?.message).toMatch(/outside the United States is not qualified/);
  });
  it('a contractor in US-ZZ: contract/foreign with the same explanation', () => {
    const f = findings({
      ...base,
      contractors: [['Lab', 'US-ZZ', 10000, 1, 'Standard', 'Yes', 'Yes']],
    }).filter((x) => x.rule === 'contract/foreign');
    expect(f.map((x) => x.cell)).toEqual(['Contractors!B2']);
    expect(f[0]!.message).toMatch(/no US state, DC or territory code/);
  });
});

// ------------------------------------------------------------------ QREs by state

describe('QREs by state: the rows of each Section F line grouped by the state their Location names', () => {
  const c = compute({
    about: { 'Tax Year': 2025 },
    employees: [
      ['Ann', 'Software Developer', 'CA', 100000, 1], // CA 100,000
      ['Bo', 'Software Developer', 'US-CA', 50000, 0.5], // CA 25,000
      ['Cy', 'Software Developer', 'California', 10000, 0.1], // CA 1,000
      ['Di', 'Software Developer', 'TX', 80000, 0.85], // TX 80,000 (≥ 80%: all of it, §41(b)(2)(B))
      ['Ed', 'Software Developer', 'US', 40000, 0.5], // no state 20,000
      ['Fa', 'Software Developer', 'Germany', 90000, 0], // foreign: no line at all
      ['Gu', 'Software Developer', 'NY', 30000, 0.5], // NY 15,000
    ],
    contractors: [
      ['Lab', 'CA', 10000, 1, 'Standard', 'Yes', 'Yes'], // CA 10,000 × 65% = 6,500
      ['Uni', 'US-TX', 20000, 0.5, 'Consortium', 'Yes', 'Yes'], // TX 20,000 × 50% × 75% = 7,500
      ['Shop', 'USA', 4000, 1, 'Standard', 'Yes', 'Yes'], // no state 4,000 × 65% = 2,600
    ],
    supplies: [
      ['Chips', 'Supply', '', 1000, 1], // line 43, no state (Supplies has no Location)
      ['GPU', 'Cloud', 'Training', 2000, 1], // line 44, no state
    ],
  });
  it.each<[string | null, string, number, string]>([
    ['CA', '42', 126000, '100,000 × 100% + 50,000 × 50% + 10,000 × 10%'],
    ['CA', '45', 6500, '10,000 × 100% × 65% (§41(b)(3)(A))'],
    ['TX', '42', 80000, '80,000 at 85% ≥ 80%: the whole wage (§41(b)(2)(B))'],
    ['TX', '45', 7500, '20,000 × 50% × 75% consortium (§41(b)(3)(C))'],
    ['NY', '42', 15000, '30,000 × 50%'],
    [null, '42', 20000, 'US: 40,000 × 50%'],
    [null, '43', 1000, 'supplies carry no Location'],
    [null, '44', 2000, 'cloud carries no Location'],
    [null, '45', 2600, 'USA: 4,000 × 65%'],
  ])('%s line %s = %d (%s)', (state, line, amount) => expect(lineOf(c, state, line)).toBe(amount));
  it('totals: CA 132,500 = 126,000 + 6,500; TX 87,500; NY 15,000; no state 25,600', () => {
    expect(c.states.byState.map((q) => [q.state, q.total.amount, q.rows])).toEqual([
      ['CA', 132500, 4],
      ['NY', 15000, 1],
      ['TX', 87500, 2],
    ]);
    expect(c.states.noState.total.amount).toBe(25600);
  });
  it('each line: the states plus the rows naming none = the Section F line (42: 126,000 + 15,000 + 80,000 + 20,000 = 241,000)', () => {
    for (const f of c.sectionF.filter((l) => l.line !== '48')) {
      const parts = [...c.states.byState, c.states.noState].map((q) => q.lines.find((l) => l.line === f.line)!.amount!);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(f.amount);
    }
    expect(c.sectionF.find((l) => l.line === '42')?.amount).toBe(241000);
  });
  it('a note says supplies and cloud are in no state (Supplies has no Location column)', () =>
    expect(c.states.notes.join(' ')).toMatch(/Supplies and cloud rows carry no Location/));
  it('NY is not a state the engine computes: QREs shown, credit null with a "not computed" note listing the supported states', () => {
    const ny = creditOf(c, 'NY')!;
    expect(ny).toMatchObject({ supported: false, amount: null, state: 'NY', name: 'New York' });
    for (const s of STATE_CREDIT_STATES) expect(ny.notApplicable).toContain(s.code);
  });
  it('CA and TX have no `CA QRE`/`TX QRE` column: null, saying which column to add for which years', () => {
    expect(creditOf(c, 'CA')).toMatchObject({ supported: true, amount: null });
    expect(creditOf(c, 'CA')!.notApplicable).toMatch(/Add a "CA QRE" column to Prior Years .* 2022–2024/);
    expect(creditOf(c, 'TX')!.notApplicable).toMatch(/"TX QRE"/);
  });
});

describe('an individual on rows in two states: the 80% rule on the person, each row its part (§41(b)(2)(B))', () => {
  it('Pat: CA 60,000 × 90% + TX 40,000 × 70% = 82% of 100,000 ≥ 80% → CA 60,000, TX 40,000 (each row its whole wage)', () => {
    const c = compute({
      about: { 'Tax Year': 2025 },
      employees: [
        ['Pat', 'Software Developer', 'CA', 60000, 0.9],
        ['Pat', 'Software Developer', 'TX', 40000, 0.7],
      ],
    });
    expect([lineOf(c, 'CA', '42'), lineOf(c, 'TX', '42')]).toEqual([60000, 40000]);
    expect(c.sectionF.find((l) => l.line === '42')?.amount).toBe(100000);
  });
  it('Pat below 80%: CA 60,000 × 50% + TX 40,000 × 50% = 50% → CA 30,000, TX 20,000', () => {
    const c = compute({
      about: { 'Tax Year': 2025 },
      employees: [
        ['Pat', 'Software Developer', 'CA', 60000, 0.5],
        ['Pat', 'Software Developer', 'TX', 40000, 0.5],
      ],
    });
    expect([lineOf(c, 'CA', '42'), lineOf(c, 'TX', '42')]).toEqual([30000, 20000]);
  });
});

describe('rounding: each line is rounded once, cumulatively, so the parts add up to the Section F line', () => {
  it('three states at 33.335 each and none: CA 33.34, NY 33.33 (cumulative 66.67), TX 33.34 (100.01), no state 0 — line 42 100.01', () => {
    const c = compute({
      about: { 'Tax Year': 2025 },
      employees: [
        ['A', 'Software Developer', 'CA', 66.67, 0.5],
        ['B', 'Software Developer', 'TX', 66.67, 0.5],
        ['C', 'Software Developer', 'NY', 66.67, 0.5],
      ],
    });
    // exact 33.335 each; Σ = 100.005 → line 42 = 100.01 (half up)
    expect(c.sectionF.find((l) => l.line === '42')?.amount).toBe(100.01);
    expect(c.states.byState.map((q) => [q.state, lineOf(c, q.state, '42')])).toEqual([
      ['CA', 33.34],
      ['NY', 33.33],
      ['TX', 33.34],
    ]);
  });
});

describe('a study naming no state: the state section is empty (no credit, no note); every QRE is in "no state"', () => {
  const c = compute({
    about: { 'Tax Year': 2025 },
    employees: [['Ann', 'Software Developer', 'US', 100000, 1]],
    supplies: [['Chips', 'Supply', '', 1000, 1]],
  });
  it('byState and credits are empty lists; noState carries line 48', () => {
    expect(c.states.byState).toEqual([]);
    expect(c.states.credits).toEqual([]);
    expect(c.states.notes).toEqual([]);
    expect(c.states.noState.total.amount).toBe(101000);
    expect(c.states.noState.total.amount).toBe(c.sectionF.find((l) => l.line === '48')?.amount);
  });
});

describe('a row whose amount cannot be read: its state line is null, naming the row’s cells', () => {
  it('CA wages "abc" → CA line 42 null pointing at Employees!D2; the CA credit is not computed', () => {
    const c = compute({
      about: { 'Tax Year': 2025 },
      employees: [
        ['Ann', 'Software Developer', 'CA', 'abc', 1],
        ['Bo', 'Software Developer', 'TX', 1000, 1],
      ],
      priorHeaders: ['CA QRE'],
      prior: [
        [2022, 0, 1],
        [2023, 0, 1],
        [2024, 0, 1],
      ],
    });
    const ca = qres(c, 'CA')!.lines.find((l) => l.line === '42')!;
    expect(ca).toMatchObject({ amount: null, cell: 'Employees!D2' });
    expect(ca.error).toMatch(/row 2 of Employees \(Employees!D2, Employees!E2\)/);
    expect(lineOf(c, 'TX', '42')).toBe(1000);
    expect(creditOf(c, 'CA')).toMatchObject({ amount: null, cell: 'Employees!D2' });
  });
});

// ------------------------------------------------------------------ state credits (calc/state-credit.ts)

interface CreditCase {
  readonly name: string;
  readonly taxYear: number;
  readonly state: string;
  /** The state's wages this year at 100%. */
  readonly qre: number;
  /** Prior Years rows: [tax year, `<ST> QRE` cell]. */
  readonly prior: readonly (readonly [number, CellValue])[];
  readonly about?: Record<string, CellValue>;
  readonly amount: number | null;
  readonly method?: string | null;
  /** The arithmetic the last step shows, or what the note/error says. */
  readonly says?: RegExp;
  readonly cell?: string;
  /** A citation the credit must carry. */
  readonly cites?: RegExp;
}

const CREDIT_CASES: readonly CreditCase[] = [
  {
    name: 'CA ASC 2025: 3% × (100,000 − 50% × avg(60,000, 80,000, 100,000) = 40,000) = 1,800.00 (R&TC §23609, SB 711)',
    taxYear: 2025,
    state: 'CA',
    qre: 100000,
    prior: [
      [2022, 60000],
      [2023, 80000],
      [2024, 100000],
    ],
    amount: 1800,
    method: 'asc',
    says: /3% × 60,000\.00/,
    cites: /23609/,
  },
  {
    name: 'CA ASC boundary: QRE exactly 50% of the average (40,000) → 0.00',
    taxYear: 2025,
    state: 'CA',
    qre: 40000,
    prior: [
      [2022, 60000],
      [2023, 80000],
      [2024, 100000],
    ],
    amount: 0,
    method: 'asc',
  },
  {
    name: 'CA ASC with a blank 2023 CA QRE (no QREs that year): 1.3% × 100,000 = 1,300.00',
    taxYear: 2025,
    state: 'CA',
    qre: 100000,
    prior: [
      [2022, 60000],
      [2023, null],
      [2024, 100000],
    ],
    amount: 1300,
    method: 'asc',
  },
  {
    name: 'CA ASC with no Prior Years row for 2022 (fewer than 3 given counts as none): 1.3% × 100,000 = 1,300.00, with a note',
    taxYear: 2025,
    state: 'CA',
    qre: 100000,
    prior: [
      [2023, 80000],
      [2024, 100000],
    ],
    amount: 1300,
    says: /no row for 2022/,
  },
  {
    name: 'CA 2024 (before the ASC, SB 711): no method → regular, which needs CA Fixed-Base % and CA Avg Gross Receipts: null, saying which labels to add',
    taxYear: 2024,
    state: 'CA',
    qre: 100000,
    prior: [
      [2021, 60000],
      [2022, 80000],
      [2023, 100000],
    ],
    amount: null,
    says: /CA Fixed-Base %.*About sheet/,
  },
  {
    name: 'CA 2024 with "CA Credit Method" ASC: the ASC did not exist before 2025 — null, pointing at the method cell',
    taxYear: 2024,
    state: 'CA',
    qre: 100000,
    prior: [
      [2021, 60000],
      [2022, 80000],
      [2023, 100000],
    ],
    about: { 'CA Credit Method': 'ASC' },
    amount: null,
    says: /2024.*CA Credit Method/,
    cell: 'About!B2',
  },
  {
    name: 'CA regular 2025: 15% × (100,000 − max(3% × 1,000,000, 50% × 100,000)) + 24% × 10,000 = 7,500 + 2,400 = 9,900.00',
    taxYear: 2025,
    state: 'CA',
    qre: 100000,
    prior: [
      [2022, 60000],
      [2023, 80000],
      [2024, 100000],
    ],
    about: {
      'CA Credit Method': 'Regular',
      'CA Fixed-Base %': 0.03,
      'CA Avg Gross Receipts': 1000000,
      'CA Basic Research Payments': 10000,
    },
    amount: 9900,
    method: 'regular',
  },
  {
    name: 'CA Fixed-Base % typed as 3 (not 0.03): an error naming "CA Fixed-Base %" and its cell About!C2',
    taxYear: 2025,
    state: 'CA',
    qre: 100000,
    prior: [
      [2022, 60000],
      [2023, 80000],
      [2024, 100000],
    ],
    about: { 'CA Credit Method': 'Regular', 'CA Fixed-Base %': 3, 'CA Avg Gross Receipts': 1000000 },
    amount: null,
    says: /^CA Fixed-Base % \(About!C2\).*0\.03/,
    cell: 'About!C2',
  },
  {
    name: 'CA Credit Method "incremental" (a method CA lacks): an error naming the CA Credit Method cell',
    taxYear: 2025,
    state: 'CA',
    qre: 100000,
    prior: [[2024, 1]],
    about: { 'CA Credit Method': 'incremental' },
    amount: null,
    says: /^CA Credit Method \(About!B2\)/,
    cell: 'About!B2',
  },
  {
    name: 'TX tax year 2025 → report 2026, subch. T (SB 2206): 8.722% × (200,000 − 50% × 100,000) = 13,083.00',
    taxYear: 2025,
    state: 'TX',
    qre: 200000,
    prior: [
      [2022, 100000],
      [2023, 100000],
      [2024, 100000],
    ],
    amount: 13083,
    method: 'asc',
  },
  {
    name: 'TX tax year 2024 → report 2025, subch. M: 5% × (200,000 − 50% × 100,000) = 7,500.00',
    taxYear: 2024,
    state: 'TX',
    qre: 200000,
    prior: [
      [2021, 100000],
      [2022, 100000],
      [2023, 100000],
    ],
    amount: 7500,
  },
  {
    name: 'IL 2025: 6.5% × (100,000 − avg(60,000, 80,000, 100,000)) = 6.5% × 20,000 = 1,300.00 (35 ILCS 5/201(k))',
    taxYear: 2025,
    state: 'IL',
    qre: 100000,
    prior: [
      [2022, 60000],
      [2023, 80000],
      [2024, 100000],
    ],
    amount: 1300,
    cites: /201\(k\)/,
  },
  {
    name: 'IL 2032: the credit applies to tax years ending before 2032 (35 ILCS 5/201(k), P.A. 103-0595) — null, the law\'s reason after "Tax year 2032:"',
    taxYear: 2032,
    state: 'IL',
    qre: 100000,
    prior: [
      [2029, 60000],
      [2030, 80000],
      [2031, 100000],
    ],
    amount: null,
    says: /^Tax year 2032: .*Illinois.*201\(k\)/,
  },
  {
    name: 'AZ 2030, first tier only: excess 3,000,000 − max(3% × 10,000,000, 50% × 3,000,000) = 1,500,000; 24% × 1,500,000 = 360,000.00 (A.R.S. §43-1168)',
    taxYear: 2030,
    state: 'AZ',
    qre: 3000000,
    prior: [[2029, 1]],
    about: { 'AZ Fixed-Base %': 0.03, 'AZ Avg Gross Receipts': 10000000 },
    amount: 360000,
    method: 'regular',
    cites: /43-1168/,
  },
  {
    name: 'AZ 2030 (last year of 24%/15%): excess 8,000,000 − 4,000,000 = 4,000,000; 24% × 2,500,000 + 15% × 1,500,000 = 825,000.00',
    taxYear: 2030,
    state: 'AZ',
    qre: 8000000,
    prior: [[2029, 1]],
    about: { 'AZ Fixed-Base %': 0.03, 'AZ Avg Gross Receipts': 10000000 },
    amount: 825000,
  },
  {
    name: 'AZ 2031 (20%/11%): 20% × 2,500,000 + 11% × 1,500,000 = 665,000.00',
    taxYear: 2031,
    state: 'AZ',
    qre: 8000000,
    prior: [[2030, 1]],
    about: { 'AZ Fixed-Base %': 0.03, 'AZ Avg Gross Receipts': 10000000 },
    amount: 665000,
  },
  {
    name: 'AZ without AZ Fixed-Base % and AZ Avg Gross Receipts: null, saying which labels to add',
    taxYear: 2025,
    state: 'AZ',
    qre: 100000,
    prior: [[2024, 1]],
    amount: null,
    says: /"AZ Fixed-Base %".*"AZ Avg Gross Receipts" on the About sheet/,
  },
  {
    name: 'MA ASC with a preceding year of 0: the rate is not settled (M.G.L. c. 63 §38M) — null, no guess, naming the MA QRE cells',
    taxYear: 2025,
    state: 'MA',
    qre: 100000,
    prior: [
      [2022, 0],
      [2023, 80000],
      [2024, 100000],
    ],
    amount: null,
    says: /^MA QRE on Prior Years .*not settled/,
  },
  {
    name: 'MA ASC 2021 boundary (10%): 10% × (100,000 − 50% × 80,000) = 6,000.00',
    taxYear: 2021,
    state: 'MA',
    qre: 100000,
    prior: [
      [2018, 80000],
      [2019, 80000],
      [2020, 80000],
    ],
    amount: 6000,
  },
  {
    name: 'MA ASC 2020 boundary (7.5%): 7.5% × (100,000 − 50% × 80,000) = 4,500.00',
    taxYear: 2020,
    state: 'MA',
    qre: 100000,
    prior: [
      [2017, 80000],
      [2018, 80000],
      [2019, 80000],
    ],
    amount: 4500,
  },
];

describe('state credits from the study: Prior Years `<ST> QRE` and About `<ST> …`', () => {
  it.each(CREDIT_CASES.map((k) => [k.name, k] as const))('%s', (_name, k) => {
    const c = compute({
      about: { 'Tax Year': k.taxYear, ...k.about },
      employees: [['Ann', 'Software Developer', k.state, k.qre, 1]],
      priorHeaders: [`${k.state} QRE`],
      prior: k.prior.map(([y, v]) => [y, 1, v]),
    });
    const cr = creditOf(c, k.state)!;
    expect(cr).toMatchObject({ state: k.state, supported: true, qre: k.qre, amount: k.amount });
    if (k.method !== undefined) expect(cr.method).toBe(k.method);
    if (k.cell !== undefined) expect(cr.cell).toBe(k.cell);
    const text =
      k.amount === null
        ? `${cr.error ?? ''}${cr.notApplicable ?? ''}`
        : [...cr.steps.map((s) => s.arithmetic), ...cr.notes].join(' | ');
    if (k.says) expect(text).toMatch(k.says);
    if (k.amount !== null) {
      expect(cr.steps.at(-1)).toMatchObject({ label: expect.stringMatching(/^Credit/), amount: k.amount });
      expect(cr.citations.length).toBeGreaterThan(0);
    } else expect(cr.steps).toEqual([]);
    if (k.cites) expect(cr.citations.join('; ')).toMatch(k.cites);
  });

  it('the prior years are reported by tax year (a blank cell as null)', () => {
    const c = compute({
      about: { 'Tax Year': 2025 },
      employees: [['Ann', 'Software Developer', 'CA', 100000, 1]],
      priorHeaders: ['CA QRE'],
      prior: [
        [2022, 1, 60000],
        [2023, 1, null],
        [2024, 1, 100000.5],
      ],
    });
    expect(creditOf(c, 'CA')!.priorQres).toEqual({ '2022': 60000, '2023': null, '2024': 100000.5 });
  });

  it('a CA QRE cell holding text: the credit is null with the cell (Prior Years!C3)', () => {
    const c = compute({
      about: { 'Tax Year': 2025 },
      employees: [['Ann', 'Software Developer', 'CA', 100000, 1]],
      priorHeaders: ['CA QRE'],
      prior: [
        [2022, 1, 60000],
        [2023, 1, 'n/a'],
        [2024, 1, 100000],
      ],
    });
    expect(creditOf(c, 'CA')).toMatchObject({ amount: null, cell: "'Prior Years'!C3" });
    expect(creditOf(c, 'CA')!.error).toMatch(/CA QRE for 2023 \('Prior Years'!C3\)/);
  });

  it('TX step "Report year" is a year (2026), not dollars', () => {
    const c = compute({
      about: { 'Tax Year': 2025 },
      employees: [['Ann', 'Software Developer', 'TX', 100000, 1]],
      priorHeaders: ['TX QRE'],
      prior: [[2024, 1, 1]],
    });
    expect(creditOf(c, 'TX')!.steps[0]).toMatchObject({ amount: 2026, shown: '2026' });
  });
});

// ------------------------------------------------------------------ templates

describe('templates: the Location drop-down offers the states (docs/design.md §4)', () => {
  it('US first, then every code of US_STATES (alphabetically), then places abroad; within Excel’s 255 characters', () => {
    const codes = [...US_STATES.keys()].sort();
    expect(DEFAULT_LOCATIONS.slice(0, codes.length + 1)).toEqual(['US', ...codes]);
    expect(DEFAULT_LOCATIONS.join(',').length).toBeLessThanOrEqual(EXCEL_LIST_MAX_CHARS);
    for (const place of DEFAULT_LOCATIONS.slice(codes.length + 1)) expect(stateOfLocation(place)).toBeUndefined();
  });
  it.each(Object.keys(BUILTIN_TEMPLATES))(
    'the %s template’s Employees and Contractors Location lists carry CA and TX, not strict',
    (id) => {
      const sheets = renderTemplate(BUILTIN_TEMPLATES[id as keyof typeof BUILTIN_TEMPLATES], 'excel');
      for (const name of ['Employees', 'Contractors']) {
        const s = sheets.find((x) => x.name === name)!;
        const col = s.values[0]!.indexOf('Location');
        const letter = String.fromCharCode(65 + col);
        const v = s.validations.find((x) => x.range.startsWith(`${letter}2:`))!;
        expect(v.strict).toBe(false);
        expect(v.list).toEqual(expect.arrayContaining(['US', 'CA', 'TX', 'DC']));
      }
    },
  );
});

// ------------------------------------------------------------------ a property

describe('property: for any rows in any places, each line’s states plus the rows naming none = its Section F line', () => {
  const PLACES = ['CA', 'US-TX', 'ny', 'US', 'USA', 'California', 'Germany', 'DC', 'US-XX', ''];
  it('holds to the cent (amounts on the cent grid, two-decimal R&D %), with no NaN anywhere', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            place: fc.constantFrom(...PLACES),
            name: fc.constantFrom('A', 'B', 'C', 'D'),
            cents: fc.integer({ min: 0, max: 50_000_000 }),
            pct: fc.integer({ min: 0, max: 100 }),
          }),
          { maxLength: 12 },
        ),
        fc.array(
          fc.record({
            place: fc.constantFrom(...PLACES),
            cents: fc.integer({ min: 0, max: 50_000_000 }),
            pct: fc.integer({ min: 0, max: 100 }),
            type: fc.constantFrom('Standard', 'Consortium', 'Energy'),
          }),
          { maxLength: 6 },
        ),
        (emps, cons) => {
          const c = compute({
            about: { 'Tax Year': 2025 },
            employees: emps.map((e) => [e.name, 'Software Developer', e.place, e.cents / 100, e.pct / 100]),
            contractors: cons.map((k) => [`V${k.cents}`, k.place, k.cents / 100, k.pct / 100, k.type, 'Yes', 'Yes']),
          });
          for (const f of c.sectionF.filter((l) => l.line !== '48')) {
            const parts = [...c.states.byState, c.states.noState].map(
              (q) => q.lines.find((l) => l.line === f.line)!.amount,
            );
            if (f.amount === null) continue; // an individual over 100% blocks the line; its part says why
            expect(parts.every((p) => p !== null && Number.isFinite(p))).toBe(true);
            const sum = parts.reduce((a: number, b) => new Dec(a).plus(b ?? 0).toNumber(), 0);
            expect(sum).toBe(f.amount);
          }
          for (const q of c.states.byState) expect(US_STATES.has(q.state ?? '')).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
