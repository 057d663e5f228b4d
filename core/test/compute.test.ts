/**
 * computeStudy: which rows feed which Form 6765 line, the credits, §174/§174A and the payroll
 * election — the amounts themselves come from the catalogue, so these cases check the wiring
 * and the arithmetic stated in each name.
 */
import type { CellValue } from '../src/cells';
import { computeStudy, type StudyComputation } from '../src/compute';
import type { WorkbookGrids } from '../src/study/types';
import { cleanStudy } from './example-studies';

type Grid = CellValue[][];
function clean(): Map<string, Grid> {
  return new Map(cleanStudy().map((s) => [s.name, s.values.map((r) => [...r])] as const));
}
function wb(sheets: Map<string, Grid>): WorkbookGrids {
  return { sheets: [...sheets].map(([name, values]) => ({ name, values })) };
}
function set(sheets: Map<string, Grid>, sheet: string, a1: string, v: CellValue): void {
  const m = /^([A-Z])(\d+)$/.exec(a1)!;
  const g = sheets.get(sheet)!;
  const r = Number(m[2]) - 1;
  while (g.length <= r) g.push([]);
  g[r][m[1].charCodeAt(0) - 65] = v;
}
function computed(sheets: Map<string, Grid>, taxYear?: number): StudyComputation {
  const r = computeStudy(wb(sheets), taxYear === undefined ? {} : { taxYear });
  if (!r.ok) throw new Error(r.message);
  return r.computation;
}
const line = (c: StudyComputation, n: string) => c.sectionF.find((l) => l.line === n)!;

describe('computeStudy on the clean example study (tax year 2025)', () => {
  const c = computed(clean());
  it.each([
    ['42', 679500, '185,000 + 172,000 + 120,000×70% + 140,000×50% + 150,000×30% + 160,000×75% + 70,000×5%'],
    ['43', 8000, 'one Supply row at 100%'],
    ['44', 50000, 'training cloud at 100%; production contributes 0 (§41(b)(2)(A)(iii))'],
    ['45', 95000, '100,000 × 65% + 40,000 × 75% (consortium)'],
    ['48', 832500, '42 + 43 + 44 + 45'],
  ])('line %s = %d (%s)', (n, amount) => {
    expect(line(c, n)).toMatchObject({ amount });
  });
  it('ASC = 14% × (832,500 − 50% × 600,000) = 74,550', () => expect(c.credits.asc.amount).toBe(74550));
  it('regular = 20% × (832,500 − max(3% × 2,500,000, 50% × 832,500)) = 83,250', () =>
    expect(c.credits.regular.amount).toBe(83250));
  it('§174A: 2025 domestic R&E 877,500 deducted, less the 83,250 regular credit claimed without the §280C election (§280C(c)(1), P.L. 119-21 §70302(b)) = 794,250; 2022–2024 vintages give 130,000 + 144,000 + 160,000', () => {
    expect(c.sec174.domestic.incurred.amount).toBe(877500);
    expect(c.sec174.domestic.reduction280c).toMatchObject({ before: 877500, amount: 83250 });
    expect(c.sec174.domestic.deduction.amount).toBe(794250);
    expect(c.sec174.domestic.priorVintages.amount).toBe(434000);
    expect(c.sec174.total.amount).toBe(1228250);
  });
  it('payroll election: a qualified small business may elect min(83,250, 500,000), all against OASDI', () => {
    expect(c.payroll).toMatchObject({
      amount: 83250,
      oasdi: 83250,
      medicare: 0,
      creditUsed: 'regular',
      eligible: true,
    });
  });
  it('takes the tax year from About and leaves nothing out', () => {
    expect(c).toMatchObject({ taxYear: 2025, taxYearSource: 'About!C2', reduced280c: false });
    expect(c.excluded).toEqual([]);
  });
});

describe('computeStudy: rows left out, and why', () => {
  it('foreign wages leave line 42 and join §174 foreign R&E (15 years from the midpoint: 1/30 in year 1)', () => {
    const s = clean();
    set(s, 'Employees', 'C3', 'India'); // Bob Martinez, 172,000 at 100%
    const c = computed(s);
    expect(line(c, '42').amount).toBe(679500 - 172000);
    expect(c.excluded).toEqual([expect.objectContaining({ cell: 'Employees!C3', citation: 'IRC §41(d)(4)(F)' })]);
    expect(c.sec174.foreign.incurred.amount).toBe(172000);
    expect(c.sec174.foreign.deduction.amount).toBe(5733.33); // 172,000 / 30, rounded to the cent
  });
  it('a contractor without retained rights is funded research: out of line 45 (65,000 less)', () => {
    const s = clean();
    set(s, 'Contractors', 'F2', 'No');
    const c = computed(s);
    expect(line(c, '45').amount).toBe(30000);
    expect(c.excluded[0]).toMatchObject({
      cell: 'Contractors!F2',
      citation: 'IRC §41(d)(4)(H); Treas. Reg. §1.41-2(e)',
    });
  });
  it('equipment is never a supply: out of line 43', () => {
    const s = clean();
    s.get('Supplies')!.push(['GPU server', 'Equipment', null, 30000, 1, 'Fraud Model']);
    const c = computed(s);
    expect(line(c, '43').amount).toBe(8000);
    expect(c.excluded[0]).toMatchObject({ cell: 'Supplies!B5' });
  });
  it('a blank Location is not assumed to be the US', () => {
    const s = clean();
    set(s, 'Employees', 'C2', null);
    expect(line(computed(s), '42').amount).toBe(679500 - 185000);
  });
});

describe('computeStudy: a line that cannot be computed says why and where', () => {
  it('a wage of "n/a" names the cell, and line 48 and the credits inherit the reason', () => {
    const s = clean();
    set(s, 'Employees', 'D3', 'n/a');
    const c = computed(s);
    expect(line(c, '42').amount).toBeNull();
    expect(line(c, '42').error).toContain('Employees!D3');
    expect(line(c, '48').amount).toBeNull();
    expect(c.credits.asc.amount).toBeNull();
    expect(c.credits.asc.error).toContain('Employees!D3');
  });
  it('a fixed-base % above 16% (§41(c)(3)(C)) names the About cell', () => {
    const s = clean();
    set(s, 'About', 'G2', 0.2);
    const c = computed(s);
    expect(c.credits.regular.amount).toBeNull();
    expect(c.credits.regular.error).toContain('About!G2');
  });
  it('no tax year anywhere: no number at all', () => {
    const s = clean();
    set(s, 'About', 'C2', null);
    const r = computeStudy(wb(s));
    expect(r).toEqual({ ok: false, message: expect.stringContaining('no Tax Year') });
  });
});

describe('computeStudy: inputs that switch parts on and off', () => {
  it('no Prior Years sheet: the ASC is not applicable (not zero)', () => {
    const s = clean();
    s.delete('Prior Years');
    const c = computed(s);
    expect(c.credits.asc.amount).toBeNull();
    expect(c.credits.asc.notApplicable).toContain('Prior Years');
  });
  it('a prior year with no QREs puts the ASC on the 6% path: 6% × 832,500 = 49,950', () => {
    const s = clean();
    set(s, 'Prior Years', 'B3', 0);
    expect(computed(s).credits.asc.amount).toBe(49950);
  });
  it('no Fixed-Base % on About: the regular credit is not applicable', () => {
    const s = clean();
    set(s, 'About', 'G2', null);
    expect(computed(s).credits.regular).toMatchObject({
      amount: null,
      notApplicable: expect.stringContaining('Fixed-Base %'),
    });
  });
  it('the §280C(c) election reduces both credits × 0.79: ASC 58,894.50, regular 65,767.50', () => {
    const s = clean();
    set(s, 'About', 'L2', 'Yes');
    const c = computed(s);
    expect(c.reduced280c).toBe(true);
    expect(c.credits.asc.amount).toBe(58894.5);
    expect(c.credits.regular.amount).toBe(65767.5);
  });
  it('gross receipts of $5,000,000 or more: no payroll election (§41(h)(3)(A)(i)(I))', () => {
    const s = clean();
    set(s, 'About', 'I2', 5000000);
    expect(computed(s).payroll).toMatchObject({ amount: 0, eligible: false });
  });
  it('--tax-year 2024 overrides About: the 2024 vintage is amortized from the midpoint (10%)', () => {
    const s = clean();
    const c = computed(s, 2024);
    expect(c).toMatchObject({ taxYear: 2024, taxYearSource: 'option' });
    expect(c.sec174.domestic.deduction.amount).toBe(87750);
  });
  it('the 174 Method "accelerate" deducts the unamortized 2022–2024 remainder in 2025', () => {
    const s = clean();
    set(s, 'About', 'M2', 'accelerate');
    // remainders at the start of 2025: 650,000×50% + 720,000×70% + 800,000×90% = 1,549,000
    expect(computed(s).sec174.domestic.priorVintages.amount).toBe(1549000);
  });
});
