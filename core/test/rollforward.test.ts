/**
 * Roll forward (issue 14 §1): a computed study rolled to the next tax year. Each case names the
 * rule, the arithmetic and the citation; the rolled study is computed again with core's compute,
 * so next year's ASC base and §174 carry-over are checked against what this year's compute said.
 */
import type { CellValue } from '../src/cells';
import { computeStudy, type StudyComputation } from '../src/compute/study';
import type { WorkbookGrids } from '../src/study/types';
import { applyPlanToGrids, planRollForward, ROLLED_FORWARD_LABEL, type RollForwardPlan } from '../src/yoy/rollforward';
import { cleanStudy } from './example-studies';

type Book = { name: string; values: CellValue[][] }[];

function book(): Book {
  return cleanStudy().map((s) => ({ name: s.name, values: s.values.map((r) => [...r]) }));
}
function sheet(b: Book, name: string) {
  const s = b.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}
/** Set a cell by header in data row n (1-based: sheet row n + 1). */
function set(b: Book, name: string, n: number, header: string, v: CellValue): Book {
  const s = sheet(b, name);
  const c = s.values[0].indexOf(header);
  if (c < 0) throw new Error(`${name} has no ${header}`);
  while (s.values.length <= n) s.values.push([]);
  s.values[n][c] = v;
  return b;
}
function about(b: Book, header: string, v: CellValue): Book {
  return set(b, 'About', 1, header, v);
}
function priorYears(b: Book, rows: CellValue[][]): Book {
  const s = sheet(b, 'Prior Years');
  s.values = [s.values[0], ...rows];
  return b;
}
const grids = (b: Book): WorkbookGrids => ({ sheets: b });

function plan(b: Book, keepAmounts = false): RollForwardPlan {
  const r = planRollForward(grids(b), { keepAmounts });
  if (!r.ok) throw new Error(r.message);
  return r.plan;
}
function computed(wb: WorkbookGrids): StudyComputation {
  const r = computeStudy(wb);
  if (!r.ok) throw new Error(r.message);
  return r.computation;
}
function rolled(
  b: Book,
  keepAmounts = false,
): { before: StudyComputation; after: StudyComputation; plan: RollForwardPlan; wb: WorkbookGrids } {
  const p = plan(b, keepAmounts);
  const wb = applyPlanToGrids(grids(b), p);
  return { before: computed(grids(b)), after: computed(wb), plan: p, wb };
}
const line = (c: StudyComputation, n: string) => c.form6765.lines.find((l) => l.line === n)?.value;
const priorYearsRows = (wb: WorkbookGrids) =>
  wb.sheets
    .find((s) => s.name === 'Prior Years')!
    .values.slice(1)
    .filter((r) => r.some((v) => v !== null && v !== ''));

describe('roll forward: next year’s ASC base is this year’s computation (IRC §41(c)(4)(A))', () => {
  test.each([
    [
      'amounts cleared: the 3 years before 2026 are 2025 (this year’s line 48), 2024, 2023',
      false,
      // Form 6765 line 21 = 832,500 + 700,000 + 600,000 = 2,132,500; line 22 = 2,132,500 ÷ 6
      { l21: 2132500, l22: 355416.67 },
      // no QREs entered yet for 2026: line 48 = 0
      0,
    ],
    [
      'amounts kept: ASC 2026 = 14% × (832,500 − 2,132,500 ÷ 6) = 14% × 477,083.33… = 66,791.67',
      true,
      { l21: 2132500, l22: 355416.67 },
      66791.67,
    ],
  ])('%s', (_name, keep, form, asc) => {
    const { before, after } = rolled(book(), keep);
    const qre2025 = before.sectionF.find((l) => l.line === '48')!.amount;
    expect(qre2025).toBe(832500); // the clean study's line 48 (example-studies.ts)
    expect(after.taxYear).toBe(2026);
    expect(after.credits.asc.inputs).toMatchObject({ qre2025, qre2024: 700000, qre2023: 600000 });
    expect(line(after, '21')).toBe(form.l21);
    expect(Number(line(after, '22'))).toBeCloseTo(form.l22, 2);
    expect(after.credits.asc.amount).toBeCloseTo(asc, 2);
  });
});

describe('roll forward: next year’s §174 carry-over is this year’s R&E (IRC §174(a); §174A; P.L. 119-21 §70302)', () => {
  test('a foreign vintage: 2025 deducts 1/30, 2026 1/15 of what 2025’s compute said was incurred', () => {
    // Erin Patel in India: 150,000 × 30% = 45,000 foreign R&E (§41(d)(4)(F): no QRE; §174(a)(2)(B): 15 years).
    const b = set(book(), 'Employees', 5, 'Location', 'India');
    const { before, after, wb } = rolled(b);
    expect(before.sec174.foreign.incurred.amount).toBe(45000);
    expect(before.sec174.foreign.deduction.amount).toBe(1500); // 45,000 ÷ 30 (midpoint)
    expect(after.sec174.foreign.priorVintages.amount).toBe(3000); // 45,000 ÷ 15 in 2026
    expect(priorYearsRows(wb)[0]).toEqual([2025, 787500, 4200000, 832500, 45000]);
  });
  test('a 2024 (TCJA) study, 174 Method accelerate: 2025 deducts the unamortized rest of 2022–2024 (§70302(f)(2))', () => {
    const b = about(
      priorYears(book(), [
        [2023, 600000, 2500000, 720000],
        [2022, 500000, 1500000, 650000],
        [2021, 400000, 1000000],
      ]),
      'Tax Year',
      2024,
    );
    about(b, '174 Method', 'accelerate');
    const { before, after, wb } = rolled(b);
    // 2024: 877,500 capitalized, 10% deducted at the midpoint (§174(a)(2)(B) as TCJA wrote it)
    expect(before.sec174.domestic.incurred.amount).toBe(877500);
    expect(before.sec174.domestic.deduction.amount).toBe(87750);
    // No §280C(c)(1) cut of the capital account: the credit is below the year's §174 deduction.
    expect(before.sec174.domestic.reduction280c?.basis ?? 0).toBe(0);
    expect(priorYearsRows(wb)[0].slice(0, 4)).toEqual([2024, 832500, 4200000, 877500]);
    // 2025: 877,500 − 87,750 = 789,750; 720,000 × 70% = 504,000; 650,000 × 50% = 325,000 → 1,618,750
    expect(after.taxYear).toBe(2025);
    expect(after.sec174.domestic.priorVintages.amount).toBe(1618750);
  });
  test('domestic: 2025’s §174A deduction leaves nothing for 2026; the 2022–2024 vintages go on at 20%', () => {
    const { before, after } = rolled(book());
    expect(before.sec174.domestic.incurred.amount).toBe(877500); // deducted in 2025 (§174A(a))
    // 2026: 650,000 × 20% + 720,000 × 20% + 800,000 × 20% + 877,500 × 0 = 130,000 + 144,000 + 160,000
    expect(after.sec174.domestic.priorVintages.amount).toBe(434000);
  });
});

describe('roll forward: state QREs join Prior Years as <ST> QRE (e.g. Cal. R&TC §23609: a 3-year average)', () => {
  test('Alice in CA: a CA QRE column is added with 2025’s CA QREs, which 2026’s CA credit reads', () => {
    const b = set(book(), 'Employees', 1, 'Location', 'CA');
    const { before, after, plan: p } = rolled(b);
    const ca = before.states.byState.find((x) => x.state === 'CA')!;
    expect(ca.total.amount).toBe(185000); // Alice: 185,000 × 100%
    expect(p.columnsAdded).toEqual([{ sheet: 'Prior Years', header: 'CA QRE', cell: "'Prior Years'!F1" }]);
    expect(p.added['CA QRE']).toBe(185000);
    expect(after.states.credits.find((x) => x.state === 'CA')?.priorQres).toMatchObject({ '2025': 185000 });
  });
});

describe('roll forward: which Prior Years stay (each kept by the rule that needs it)', () => {
  const years = (p: RollForwardPlan, outcome: string) =>
    p.priorYears.filter((o) => o.outcome === outcome).map((o) => o.year);
  test.each([
    [
      '3 prior years, QRE only: 2025 added, 2024 and 2023 kept (ASC’s 3 years), 2022 dropped — 4 → 3 kept',
      [
        [2024, 700000],
        [2023, 600000],
        [2022, 500000],
      ],
      'auto',
      { kept: [2024, 2023], dropped: [2022], rows: [2025, 2024, 2023] },
    ],
    [
      'exactly the 2 years ASC still needs: nothing dropped (boundary)',
      [
        [2024, 700000],
        [2023, 600000],
      ],
      'auto',
      { kept: [2024, 2023], dropped: [], rows: [2025, 2024, 2023] },
    ],
    [
      '2022 with gross receipts: kept, the regular base averages 4 years’ receipts (§41(c)(1)(B)); 2021 dropped',
      [
        [2024, 700000, 3500000],
        [2023, 600000, 2500000],
        [2022, 500000, 1500000],
        [2021, 400000, 1000000],
      ],
      'auto',
      { kept: [2024, 2023, 2022], dropped: [2021], rows: [2025, 2024, 2023, 2022] },
    ],
    [
      '2022 with foreign R&E: kept (15-year midpoint through 2037, §174(a)(2)(B)); 2020 foreign and 2019 domestic R&E (deducted when incurred, before 2022) dropped',
      [
        [2024, 700000],
        [2023, 600000],
        [2022, 500000, null, null, 150000],
        [2020, 300000, null, null, 150000],
        [2019, 200000, null, 90000],
      ],
      'auto',
      { kept: [2024, 2023, 2022], dropped: [2020, 2019], rows: [2025, 2024, 2023, 2022] },
    ],
    [
      '2022 domestic R&E, method auto: kept (60-month midpoint through 2027)',
      [
        [2024, 700000],
        [2023, 600000],
        [2022, 500000, null, 650000],
      ],
      'auto',
      { kept: [2024, 2023, 2022], dropped: [], rows: [2025, 2024, 2023, 2022] },
    ],
    [
      '2022 domestic R&E, method accelerate: dropped (its remainder was deducted in 2025, §70302(f)(2))',
      [
        [2024, 700000],
        [2023, 600000],
        [2022, 500000, null, 650000],
      ],
      'accelerate',
      { kept: [2024, 2023], dropped: [2022], rows: [2025, 2024, 2023] },
    ],
    [
      'rows oldest first: written most recent first (the Summary’s RD_ASC reads rows 2–4)',
      [
        [2023, 600000],
        [2024, 700000],
      ],
      'auto',
      { kept: [2023, 2024], dropped: [], rows: [2025, 2024, 2023] },
    ],
    [
      'a row without a readable year: kept at the bottom, never dropped',
      [
        [2024, 700000],
        ['last year', 1],
        [2023, 600000],
      ],
      'auto',
      { kept: [2024, null, 2023], dropped: [], rows: [2025, 2024, 2023, 'last year'] },
    ],
  ])('%s', (_name, rows, method, want) => {
    const b = about(priorYears(book(), rows as CellValue[][]), '174 Method', method);
    const p = plan(b);
    expect(years(p, 'added')).toEqual([2025]);
    expect(years(p, 'kept')).toEqual(want.kept);
    expect(years(p, 'dropped')).toEqual(want.dropped);
    expect(priorYearsRows(applyPlanToGrids(grids(b), p)).map((r) => r[0])).toEqual(want.rows);
    for (const o of p.priorYears) expect(o.because).toMatch(/§|cannot be read|not before/);
  });

  test('a row for this year already there: replaced by the computed amounts, said so', () => {
    const b = priorYears(book(), [
      [2025, 1, 2],
      [2024, 700000],
      [2023, 600000],
    ]);
    const p = plan(b);
    expect(p.priorYears[0]).toMatchObject({ year: 2025, outcome: 'replaced' });
    expect(priorYearsRows(applyPlanToGrids(grids(b), p))[0].slice(0, 3)).toEqual([2025, 832500, 4200000]);
  });
});

describe('roll forward: what carries and what is cleared', () => {
  test('amounts and R&D % cleared, the roster, contractors’ terms and components kept', () => {
    const b = book();
    const { wb, plan: p } = rolled(b);
    const emp = wb.sheets.find((s) => s.name === 'Employees')!.values;
    expect(emp[1].slice(0, 6)).toEqual(['Alice Nguyen', 'Software Developer', 'US', null, null, 'Checkout Engine']);
    const con = wb.sheets.find((s) => s.name === 'Contractors')!.values;
    expect(con[1]).toEqual(['Acme Labs LLC', 'US', null, null, 'standard', 'Yes', 'Yes', 'Checkout Engine', null]);
    expect(wb.sheets.find((s) => s.name === 'Components')).toEqual(b.find((s) => s.name === 'Components'));
    // 7 employees × 2 + 2 contractors × 3 + 3 supplies × 2 = 26 cells
    expect(p.cleared.reduce((n, c) => n + c.cells, 0)).toBe(26);
    expect(p.writes.filter((w) => w.kind === 'clear')).toHaveLength(26);
  });
  test('About: Tax Year + 1, the year’s amounts cleared, the firm’s settings and template id/version kept', () => {
    const { wb, plan: p } = rolled(book());
    const a = wb.sheets.find((s) => s.name === 'About')!.values;
    const at = (h: string) => a[1][a[0].indexOf(h)];
    expect([at('Template'), at('Version'), at('Tax Year'), at('Profile')]).toEqual(['software', '1', 2026, 'software']);
    expect([at('Fixed-Base %'), at('280C Election'), at('174 Method'), at('First Receipts Year')]).toEqual([
      0.03,
      'No',
      'auto',
      2021,
    ]);
    expect([at('Gross Receipts'), at('Avg Gross Receipts')]).toEqual([null, null]);
    expect(p.about.map((x) => x.label)).toEqual(['Tax Year', 'Avg Gross Receipts', 'Gross Receipts']);
  });
  test('keep-amounts: nothing cleared; About marked "Rolled Forward" in the next free header column', () => {
    const b = book();
    const { wb, plan: p } = rolled(b, true);
    expect(p.cleared).toEqual([]);
    const a = wb.sheets.find((s) => s.name === 'About')!.values;
    const col = b.find((s) => s.name === 'About')!.values[0].length;
    expect(a[0][col]).toBe(ROLLED_FORWARD_LABEL);
    expect(a[1][col]).toMatch(/^from 2025 with its amounts kept: review every amount and R&D %/);
  });
  test('payroll election made this year: Prior Payroll Elections 0 → 1 (§41(h)(4)(B)(ii))', () => {
    const b = about(book(), 'Payroll Election', 'Yes');
    const p = plan(b);
    expect(p.about.find((x) => x.label === 'Prior Payroll Elections')).toMatchObject({ from: 0, to: 1 });
  });
  test('a study without Prior Years gets the sheet with the schema’s header and this year’s row', () => {
    const b = book().filter((s) => s.name !== 'Prior Years');
    const p = plan(b);
    expect(p.addSheets).toEqual([
      { name: 'Prior Years', header: ['Tax Year', 'QRE', 'Gross Receipts', 'Domestic R&E', 'Foreign R&E'] },
    ]);
    const after = computed(applyPlanToGrids(grids(b), p));
    expect(after.credits.asc.inputs).toMatchObject({ qre2025: 832500, qre2024: null });
  });
  test('the input grids are not changed', () => {
    const b = book();
    const copy = JSON.stringify(b);
    plan(b, true);
    plan(b);
    expect(JSON.stringify(b)).toBe(copy);
  });
});

describe('roll forward: refusals are one sentence', () => {
  test.each([
    ['no Tax Year on About', (b: Book) => about(b, 'Tax Year', null), /records no Tax Year/],
    ['a Tax Year that is not a year', (b: Book) => about(b, 'Tax Year', 'next'), /is not a year/],
    [
      'Prior Years whose row 1 names no column',
      (b: Book) => {
        sheet(b, 'Prior Years').values[0] = ['Year of filing', 'Amount'];
        return b;
      },
      /Prior Years has no header row rdtax reads/,
    ],
  ])('%s', (_name, spoil, message) => {
    const r = planRollForward(grids(spoil(book())));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(message);
      expect(r.message.split(/\.\s/).length).toBeLessThanOrEqual(2);
    }
  });
});
