/**
 * The validator's rules, one named case per row: a clean study with one planted problem (or a
 * boundary value that must NOT fire), the cell the finding must point at, and the law it cites.
 */
import fc from 'fast-check';
import type { CellValue } from '../src/cells';
import { STUDY_RULES } from '../src/study/rules';
import type { Finding, Severity } from '../src/study/types';
import { validateWorkbook } from '../src/study/validator';
import { book, ofRule, type StudyBook } from './study-fixtures';

/** docs/design.md §5, copied from the design (not from the implementation). */
const DESIGN_RULES: Readonly<Record<string, Severity>> = {
  'table/missing-column': 'error',
  'cell/not-a-number': 'error',
  'wages/pct-out-of-bounds': 'error',
  'wages/role-range': 'warning',
  'wages/unknown-role': 'info',
  'wages/substantially-all': 'info',
  'wages/foreign': 'error',
  'wages/not-box1': 'warning',
  'wages/duplicate-employee': 'warning',
  'contract/rate': 'error',
  'contract/foreign': 'error',
  'contract/no-rights': 'error',
  'contract/no-risk': 'error',
  'supplies/production-cloud': 'error',
  'supplies/depreciable': 'error',
  'component/four-part-missing': 'warning',
  'component/unknown': 'warning',
  'component/internal-use': 'warning',
  'prior-years/six-percent': 'info',
};

/**
 * The severity each case's finding must have: docs/design.md §5 where it lists the rule, and for the
 * rest the severity the rule was introduced with, written out here so a change of severity is a
 * change to this table too (never read back from STUDY_RULES).
 */
const SEVERITY: Readonly<Record<string, Severity>> = {
  ...DESIGN_RULES,
  'table/no-study': 'error',
  'table/missing-header': 'error',
  'table/duplicate-column': 'warning',
  'table/missing': 'info',
  'table/empty': 'info',
  'table/missing-optional-column': 'info',
  'cell/negative-amount': 'error',
  'cell/amount-too-large': 'error',
  'cell/pct-out-of-bounds': 'error',
  'cell/not-yes-no': 'error',
  'cell/not-a-year': 'error',
  'cell/error-value': 'error',
  'cell/blank-required': 'warning',
  'contract/unknown-type': 'error',
  'supplies/unknown-category': 'warning',
  'supplies/unknown-environment': 'warning',
  'component/duplicate': 'warning',
  'prior-years/duplicate-year': 'warning',
  // Issue 12: Prior Years `<ST> QRE` columns.
  'prior-years/unknown-state': 'warning',
  'about/invalid-value': 'warning',
  'about/assumed': 'info',
  // Issue 14: rdtax rollforward --keep-amounts marks the study for review.
  'about/rolled-forward': 'warning',
  // Issue 10: the 80% rule per individual, the Allocations sheet, Section G.
  'wages/split-rows': 'info',
  'wages/individual-over-100': 'error',
  'allocations/not-100': 'error',
  'allocations/unknown-employee': 'error',
  'allocations/unknown-component': 'error',
  'allocations/overrides-component': 'info',
  // The fixture's tax year is 2025: info; a warning from 2026 (allocations.test.ts has both years).
  'component/unassigned-qre': 'info',
};

describe('the rule catalogue keeps docs/design.md §5', () => {
  it.each(Object.entries(DESIGN_RULES))('%s is a %s', (rule, severity) => {
    expect(STUDY_RULES[rule as keyof typeof STUDY_RULES]?.severity).toBe(severity);
  });
  it.each(Object.entries(STUDY_RULES))('%s has a title and a citation', (_id, r) => {
    expect(r.title.length).toBeGreaterThan(0);
    expect(r.citation).toMatch(/IRC §|Treas\. Reg\. §/);
  });
});

interface Case {
  readonly name: string;
  readonly edit: (b: StudyBook) => StudyBook;
  readonly rule: string;
  /** The cell the finding points at; `null` = the rule must not fire anywhere. */
  readonly cell: string | null;
  /** The law behind the rule: a pinpoint the finding's citation must contain. */
  readonly citation: string;
  /** Words the message must contain (the fix it tells the user). */
  readonly says?: RegExp;
}

const E = 'Employees';
const C = 'Contractors';
const S = 'Supplies';
const K = 'Components';
const P = 'Prior Years';
const pct = (row: number, v: unknown) => (b: StudyBook) => b.set(E, row, 'R&D %', v as never);
/** Add an Allocations sheet (Employee, Business Component, Share) after Employees. */
const allocations = (rows: CellValue[][]) => (b: StudyBook) => {
  b.sheets.splice(b.sheets.findIndex((s) => s.name === E) + 1, 0, {
    name: 'Allocations',
    values: [['Employee', 'Business Component', 'Share'], ...rows],
  });
  return b;
};

const CASES: readonly Case[] = [
  // ---- wages/substantially-all: the 80% cliff, IRC §41(b)(2)(B); Reg. §1.41-2(d)(2)
  {
    name: '80% exactly counts the whole wage',
    edit: (b) => b.set(E, 3, 'R&D %', 0.8),
    rule: 'wages/substantially-all',
    cell: 'Employees!E3',
    citation: '§41(b)(2)(B)',
  },
  {
    name: '79.99% is below the cliff',
    edit: pct(3, 0.7999),
    rule: 'wages/substantially-all',
    cell: null,
    citation: 'Reg. §1.41-2(d)(2)',
  },
  {
    name: '"80%" as text is 80%',
    edit: pct(3, '80%'),
    rule: 'wages/substantially-all',
    cell: 'Employees!E3',
    citation: 'Reg. §1.41-2(d)(2)',
  },
  {
    name: '"79.99%" as text is below',
    edit: pct(3, '79.99%'),
    rule: 'wages/substantially-all',
    cell: null,
    citation: '§41(b)(2)(B)',
  },
  {
    name: '99.99% still fires',
    edit: pct(2, 0.9999),
    rule: 'wages/substantially-all',
    cell: 'Employees!E2',
    citation: '§41(b)(2)(B)',
  },
  {
    name: '100% already counts in full: no info',
    edit: pct(2, 1),
    rule: 'wages/substantially-all',
    cell: null,
    citation: '§41(b)(2)(B)',
  },

  // ---- wages/pct-out-of-bounds, IRC §41(b)(2)(B); Reg. §1.41-2(d)(1)
  {
    name: '80 typed for 80% is 8000%',
    edit: pct(2, 80),
    rule: 'wages/pct-out-of-bounds',
    cell: 'Employees!E2',
    citation: 'Reg. §1.41-2(d)(1)',
    says: /80% is 0\.8.*enter 0\.8/,
  },
  {
    name: '1.0001 is above 100%',
    edit: pct(2, 1.0001),
    rule: 'wages/pct-out-of-bounds',
    cell: 'Employees!E2',
    citation: '§41(b)(2)(B)',
  },
  {
    name: '"101%" is above 100%',
    edit: pct(2, '101%'),
    rule: 'wages/pct-out-of-bounds',
    cell: 'Employees!E2',
    citation: '§41(b)(2)(B)',
  },
  {
    name: 'a negative share',
    edit: pct(2, -0.1),
    rule: 'wages/pct-out-of-bounds',
    cell: 'Employees!E2',
    citation: '§41(b)(2)(B)',
    says: /below 0%/,
  },
  { name: '100% is in bounds', edit: pct(2, 1), rule: 'wages/pct-out-of-bounds', cell: null, citation: '§41(b)(2)(B)' },
  { name: '0% is in bounds', edit: pct(6, 0), rule: 'wages/pct-out-of-bounds', cell: null, citation: '§41(b)(2)(B)' },

  // ---- wages/role-range: QA Engineer 60–80%, IT Support 0–10% (software profile); Reg. §1.41-2(d)(1)
  {
    name: 'QA at its low end, 60%, is inside',
    edit: pct(3, 0.6),
    rule: 'wages/role-range',
    cell: null,
    citation: 'Reg. §1.41-2(d)(1)',
  },
  {
    name: 'QA at its high end, 80%, is inside',
    edit: pct(3, 0.8),
    rule: 'wages/role-range',
    cell: null,
    citation: 'Reg. §1.41-2(d)(1)',
  },
  {
    name: 'QA at 59.99% is below',
    edit: pct(3, 0.5999),
    rule: 'wages/role-range',
    cell: 'Employees!E3',
    citation: 'Reg. §1.41-2(d)(1)',
    says: /below the 60%–80%/,
  },
  {
    name: 'QA at 80.01% is above',
    edit: pct(3, 0.8001),
    rule: 'wages/role-range',
    cell: 'Employees!E3',
    citation: 'Reg. §1.41-2(d)(1)',
    says: /above the 60%–80%/,
  },
  {
    name: 'IT Support at 10.01% is above',
    edit: pct(6, 0.1001),
    rule: 'wages/role-range',
    cell: 'Employees!E6',
    citation: 'Reg. §1.41-2(d)(1)',
  },
  {
    name: 'a role in odd case and spacing still matches',
    edit: (b) => b.set(E, 3, 'Role', ' qa   ENGINEER ').set(E, 3, 'R&D %', 0.9),
    rule: 'wages/role-range',
    cell: 'Employees!E3',
    citation: 'Reg. §1.41-2(d)(1)',
  },

  // ---- wages/unknown-role
  {
    name: 'a role outside the profile',
    edit: (b) => b.set(E, 4, 'Role', 'Wizard'),
    rule: 'wages/unknown-role',
    cell: 'Employees!B4',
    citation: 'Reg. §1.41-2(d)(1)',
  },
  {
    name: 'a known role in lower case',
    edit: (b) => b.set(E, 4, 'Role', 'devops engineer'),
    rule: 'wages/unknown-role',
    cell: null,
    citation: 'Reg. §1.41-2(d)(1)',
  },

  // ---- wages/foreign, IRC §41(d)(4)(F)
  {
    name: 'research in India with R&D % > 0',
    edit: (b) => b.set(E, 4, 'Location', 'India'),
    rule: 'wages/foreign',
    cell: 'Employees!C4',
    citation: '§41(d)(4)(F)',
  },
  {
    name: 'abroad with 0% claimed',
    edit: (b) => b.set(E, 4, 'Location', 'India').set(E, 4, 'R&D %', 0),
    rule: 'wages/foreign',
    cell: null,
    citation: '§41(d)(4)(F)',
  },
  {
    name: 'Puerto Rico is not foreign',
    edit: (b) => b.set(E, 4, 'Location', 'Puerto Rico'),
    rule: 'wages/foreign',
    cell: null,
    citation: '§41(d)(4)(F)',
  },
  {
    name: '"u.s.a." is domestic',
    edit: (b) => b.set(E, 4, 'Location', 'u.s.a.'),
    rule: 'wages/foreign',
    cell: null,
    citation: '§41(d)(4)(F)',
  },
  {
    name: 'foreign even when R&D % is typed as 80',
    edit: (b) => b.set(E, 4, 'Location', 'Canada').set(E, 4, 'R&D %', 80),
    rule: 'wages/foreign',
    cell: 'Employees!C4',
    citation: '§41(d)(4)(F)',
  },

  // ---- wages/not-box1: only §3401(a) wages, IRC §41(b)(2)(D)
  ...['Employer FICA', '401(k) Match', 'Health Insurance', 'Stock Comp', 'Severance', 'Benefits', 'Medicare'].map(
    (h): Case => ({
      name: `a "${h}" column`,
      edit: (b) => b.addColumn(E, h),
      rule: 'wages/not-box1',
      cell: 'Employees!G1',
      citation: '§3401(a)',
    }),
  ),
  ...['Bonus', 'Commission', 'Notes'].map((h): Case => ({
    name: `a "${h}" column is fine`,
    edit: (b) => b.addColumn(E, h),
    rule: 'wages/not-box1',
    cell: null,
    citation: '§41(b)(2)(D)',
  })),

  // ---- wages/duplicate-employee: the same person twice for the same component (or for none)
  {
    name: 'the same name in other case and spacing, on the same component',
    edit: (b) => b.set(E, 5, 'Employee', 'ada  LOVELACE').set(E, 5, 'Business Component', 'payments api'),
    rule: 'wages/duplicate-employee',
    cell: 'Employees!A5',
    citation: 'Reg. §1.41-4(d)',
    says: /rows 2 and 5 of Employees for the same business component/,
  },
  {
    name: 'the same name with no component on either row',
    edit: (b) =>
      b.set(E, 5, 'Employee', 'Ada Lovelace').set(E, 5, 'Business Component', '').set(E, 2, 'Business Component', ''),
    rule: 'wages/duplicate-employee',
    cell: 'Employees!A5',
    citation: 'Reg. §1.41-4(d)',
    says: /no business component on either/,
  },
  {
    name: 'the same name on another component splits the person’s time: no warning',
    edit: (b) => b.set(E, 5, 'Employee', 'ada  LOVELACE'),
    rule: 'wages/duplicate-employee',
    cell: null,
    citation: 'Reg. §1.41-4(d)',
  },
  {
    name: 'different names',
    edit: (b) => b,
    rule: 'wages/duplicate-employee',
    cell: null,
    citation: 'Reg. §1.41-4(d)',
  },

  // ---- the 80% rule per individual: IRC §41(b)(2)(B) last sentence; Reg. §1.41-2(d)(2)
  {
    name: 'Ada on a second row with the same wages: read as one W-2 repeated (100% + 0%)',
    edit: (b) => b.appendRow(E, ['Ada Lovelace', 'Software Developer', 'US', 150000, 0, 'Fraud Model']),
    rule: 'wages/split-rows',
    cell: 'Employees!A2',
    citation: '§41(b)(2)(B)',
    says: /read as one W-2 repeated.*100% \+ 0% = 100% in total/,
  },
  {
    name: 'one row per person: nothing to read',
    edit: (b) => b,
    rule: 'wages/split-rows',
    cell: null,
    citation: '§41(b)(2)(B)',
  },
  {
    name: 'Ada 60% + 40.01% of one W-2 is more than her time',
    edit: (b) =>
      b
        .set(E, 2, 'R&D %', 0.6)
        .appendRow(E, ['Ada Lovelace', 'Software Developer', 'US', 150000, 0.4001, 'Fraud Model']),
    rule: 'wages/individual-over-100',
    cell: 'Employees!E2',
    citation: 'Reg. §1.41-2(d)(1)',
    says: /totals 100\.01%/,
  },
  {
    name: 'Ada 60% + 40% of one W-2 is all of her time, not more',
    edit: (b) =>
      b.set(E, 2, 'R&D %', 0.6).appendRow(E, ['Ada Lovelace', 'Software Developer', 'US', 150000, 0.4, 'Fraud Model']),
    rule: 'wages/individual-over-100',
    cell: null,
    citation: 'Reg. §1.41-2(d)(1)',
  },

  // ---- the Allocations sheet: Form 6765 Section G lines 50–53; Reg. §1.41-4(d)
  {
    name: 'Ada’s shares 60% + 39.99% = 99.99%',
    edit: allocations([
      ['Ada Lovelace', 'Payments API', 0.6],
      ['Ada Lovelace', 'Fraud Model', 0.3999],
    ]),
    rule: 'allocations/not-100',
    cell: 'Allocations!C2',
    citation: 'Section G',
    says: /sum to 99\.99%/,
  },
  {
    name: 'Ada’s shares 60% + 40% = 100%',
    edit: allocations([
      ['Ada Lovelace', 'Payments API', 0.6],
      ['Ada Lovelace', 'Fraud Model', 0.4],
    ]),
    rule: 'allocations/not-100',
    cell: null,
    citation: 'Section G',
  },
  {
    name: 'an allocation for someone not on the Employees sheet',
    edit: allocations([['Ada Lovelase', 'Payments API', 1]]),
    rule: 'allocations/unknown-employee',
    cell: 'Allocations!A2',
    citation: 'Reg. §1.41-4(d)',
  },
  {
    name: 'an allocation to a component not on the Components sheet',
    edit: allocations([['Ada Lovelace', 'Payments APl', 1]]),
    rule: 'allocations/unknown-component',
    cell: 'Allocations!B2',
    citation: '§41(d)(2)(B)',
  },
  {
    name: 'Ada split 60/40 while her row names Payments API',
    edit: allocations([
      ['Ada Lovelace', 'Payments API', 0.6],
      ['Ada Lovelace', 'Fraud Model', 0.4],
    ]),
    rule: 'allocations/overrides-component',
    cell: 'Employees!F2',
    citation: 'Section G',
  },
  {
    name: 'Ada at 100% of the component her row names',
    edit: allocations([['Ada Lovelace', 'Payments API', 1]]),
    rule: 'allocations/overrides-component',
    cell: null,
    citation: 'Section G',
  },

  // ---- component/unassigned-qre: Form 6765 Section G (info for tax years beginning before 2026)
  {
    name: 'Grace’s qualified wages (90,000 × 70%) in no business component',
    edit: (b) => b.set(E, 3, 'Business Component', ''),
    rule: 'component/unassigned-qre',
    cell: 'Employees!F3',
    citation: 'Section G',
  },
  {
    name: 'a blank component at 0% claims nothing',
    edit: (b) => b.set(E, 3, 'Business Component', '').set(E, 3, 'R&D %', 0),
    rule: 'component/unassigned-qre',
    cell: null,
    citation: 'Section G',
  },

  // ---- contract/rate: 65% (§41(b)(3)(A)), 75% (C), 100% (D)
  { name: '65% to the cent', edit: (b) => b, rule: 'contract/rate', cell: null, citation: '§41(b)(3)(A)' },
  {
    name: '65% plus a cent',
    edit: (b) => b.set(C, 2, 'QRE', 65000.01),
    rule: 'contract/rate',
    cell: 'Contractors!I2',
    citation: '§41(b)(3)(A)',
    says: /\$65,000\.00/,
  },
  {
    name: '65% minus a cent',
    edit: (b) => b.set(C, 2, 'QRE', 64999.99),
    rule: 'contract/rate',
    cell: 'Contractors!I2',
    citation: '§41(b)(3)(A)',
  },
  {
    name: '650.0065 claimed unrounded',
    edit: (b) => b.set(C, 5, 'QRE', 650.0065),
    rule: 'contract/rate',
    cell: null,
    citation: '§41(b)(3)(A)',
  },
  {
    name: '650.0065 truncated to 650.00 is a cent short',
    edit: (b) => b.set(C, 5, 'QRE', 650),
    rule: 'contract/rate',
    cell: 'Contractors!I5',
    citation: '§41(b)(3)(A)',
  },
  {
    name: 'the full amount claimed at 100%',
    edit: (b) => b.set(C, 2, 'QRE', 100000),
    rule: 'contract/rate',
    cell: 'Contractors!I2',
    citation: '§41(b)(3)(A)',
  },
  {
    name: 'a consortium at 65% is wrong',
    edit: (b) => b.set(C, 3, 'QRE', 13000),
    rule: 'contract/rate',
    cell: 'Contractors!I3',
    citation: '§41(b)(3)(C)',
    says: /75%/,
  },
  {
    name: 'energy research at 65% is wrong',
    edit: (b) => b.set(C, 4, 'QRE', 13000),
    rule: 'contract/rate',
    cell: 'Contractors!I4',
    citation: '§41(b)(3)(D)',
  },
  {
    name: 'a blank QRE claims nothing',
    edit: (b) => b.set(C, 2, 'QRE', ''),
    rule: 'contract/rate',
    cell: null,
    citation: '§41(b)(3)(A)',
  },
  {
    name: 'an amount held with binary noise (3540.3 as 3540.2999999999997) rounds as the sheet shows it',
    edit: (b) => b.set(C, 3, 'Amount Paid', 3540.2999999999997).set(C, 3, 'R&D %', 1).set(C, 3, 'QRE', 2655.23),
    rule: 'contract/rate',
    cell: null,
    citation: '§41(b)(3)(C)',
  },
  {
    name: '"$65,000.00" as text',
    edit: (b) => b.set(C, 2, 'QRE', '$65,000.00'),
    rule: 'contract/rate',
    cell: null,
    citation: '§41(b)(3)(A)',
  },

  // ---- contract/unknown-type
  {
    name: 'a contract type the law does not name',
    edit: (b) => b.set(C, 2, 'Contract Type', 'university'),
    rule: 'contract/unknown-type',
    cell: 'Contractors!E2',
    citation: '§41(b)(3)',
  },
  {
    name: 'energy research before the 2005 Act',
    edit: (b) => b.set('About', 2, 'Tax Year', 2004),
    rule: 'contract/unknown-type',
    cell: 'Contractors!E4',
    citation: 'P.L. 109-58',
  },

  // ---- contract/foreign, contract/no-rights, contract/no-risk
  {
    name: 'contract research in Germany',
    edit: (b) => b.set(C, 2, 'Location', 'Germany'),
    rule: 'contract/foreign',
    cell: 'Contractors!B2',
    citation: '§41(d)(4)(F)',
  },
  {
    name: 'contract research in the US',
    edit: (b) => b,
    rule: 'contract/foreign',
    cell: null,
    citation: '§41(d)(4)(F)',
  },
  ...(['No', 'n', false, 'FALSE'] as const).map((v): Case => ({
    name: `Rights Retained = ${String(v)}`,
    edit: (b) => b.set(C, 2, 'Rights Retained', v),
    rule: 'contract/no-rights',
    cell: 'Contractors!F2',
    citation: '§41(d)(4)(H)',
  })),
  ...(['Yes', 'y', true, 'TRUE'] as const).map((v): Case => ({
    name: `Rights Retained = ${String(v)}`,
    edit: (b) => b.set(C, 2, 'Rights Retained', v),
    rule: 'contract/no-rights',
    cell: null,
    citation: 'Reg. §1.41-2(e)(3)',
  })),
  {
    name: 'payment contingent on success',
    edit: (b) => b.set(C, 3, 'Financial Risk', 'No'),
    rule: 'contract/no-risk',
    cell: 'Contractors!G3',
    citation: 'Reg. §1.41-2(e)(2)',
  },
  {
    name: 'the taxpayer bears the risk',
    edit: (b) => b,
    rule: 'contract/no-risk',
    cell: null,
    citation: 'Reg. §1.41-2(e)(2)',
  },
  {
    name: 'a Yes/No cell saying "maybe"',
    edit: (b) => b.set(C, 3, 'Financial Risk', 'maybe'),
    rule: 'cell/not-yes-no',
    cell: 'Contractors!G3',
    citation: 'Reg. §1.41-2(e)(2)',
  },
  {
    name: 'a Yes/No cell holding 1',
    edit: (b) => b.set(C, 3, 'Rights Retained', 1),
    rule: 'cell/not-yes-no',
    cell: 'Contractors!F3',
    citation: 'Reg. §1.41-2(e)(3)',
  },

  // ---- supplies/production-cloud, IRC §41(b)(2)(A)(iii)
  ...['production', 'Inference', 'monitoring', 'Customer-Facing'].map((env): Case => ({
    name: `a "${env}" environment claimed`,
    edit: (b) => b.set(S, 2, 'Environment', env),
    rule: 'supplies/production-cloud',
    cell: 'Supplies!C2',
    citation: '§41(b)(2)(A)(iii)',
  })),
  {
    name: 'production at 0%',
    edit: (b) => b.set(S, 2, 'Environment', 'production').set(S, 2, 'R&D %', 0),
    rule: 'supplies/production-cloud',
    cell: null,
    citation: '§41(b)(2)(A)(iii)',
  },
  {
    name: 'a training environment',
    edit: (b) => b,
    rule: 'supplies/production-cloud',
    cell: null,
    citation: '§41(b)(2)(A)(iii)',
  },

  // ---- supplies/depreciable, IRC §41(b)(2)(C)
  {
    name: 'equipment claimed as a supply',
    edit: (b) => b.set(S, 3, 'Category', 'Equipment'),
    rule: 'supplies/depreciable',
    cell: 'Supplies!B3',
    citation: '§41(b)(2)(C)',
  },
  {
    name: 'utilities claimed as a supply',
    edit: (b) => b.set(S, 3, 'Category', 'utilities'),
    rule: 'supplies/depreciable',
    cell: 'Supplies!B3',
    citation: 'Reg. §1.41-2(b)',
  },
  {
    name: 'equipment at 0%',
    edit: (b) => b.set(S, 3, 'Category', 'Equipment').set(S, 3, 'R&D %', 0),
    rule: 'supplies/depreciable',
    cell: null,
    citation: '§41(b)(2)(C)',
  },
  { name: 'a supply', edit: (b) => b, rule: 'supplies/depreciable', cell: null, citation: '§41(b)(2)(C)' },
  {
    name: 'a category outside the list',
    edit: (b) => b.set(S, 3, 'Category', 'Software licence'),
    rule: 'supplies/unknown-category',
    cell: 'Supplies!B3',
    citation: '§41(b)(2)(C)',
  },
  {
    name: 'a cloud row without an environment',
    edit: (b) => b.set(S, 2, 'Environment', ''),
    rule: 'supplies/unknown-environment',
    cell: 'Supplies!C2',
    citation: '§41(b)(2)(A)(iii)',
  },
  {
    name: 'a cloud row with an unknown environment',
    edit: (b) => b.set(S, 2, 'Environment', 'gpu farm'),
    rule: 'supplies/unknown-environment',
    cell: 'Supplies!C2',
    citation: '§41(b)(2)(A)(iii)',
  },
  {
    name: 'a supply row needs no environment',
    edit: (b) => b,
    rule: 'supplies/unknown-environment',
    cell: null,
    citation: '§41(b)(2)(A)(iii)',
  },

  // ---- components, IRC §41(d)
  {
    name: 'a blank Permitted Purpose',
    edit: (b) => b.set(K, 2, 'Permitted Purpose', ''),
    rule: 'component/four-part-missing',
    cell: 'Components!C2',
    citation: '§41(d)(1)(C), (d)(3)(A)',
  },
  {
    name: 'Technical Uncertainty says No',
    edit: (b) => b.set(K, 2, 'Technical Uncertainty', 'No'),
    rule: 'component/four-part-missing',
    cell: 'Components!D2',
    citation: 'Reg. §1.174-2(a)(1)',
  },
  {
    name: 'Process of Experimentation says n/a',
    edit: (b) => b.set(K, 3, 'Process of Experimentation', 'n/a'),
    rule: 'component/four-part-missing',
    cell: 'Components!E3',
    citation: 'Reg. §1.41-4(a)(5)',
  },
  {
    name: 'Technological in Nature is FALSE',
    edit: (b) => b.set(K, 3, 'Technological in Nature', false),
    rule: 'component/four-part-missing',
    cell: 'Components!F3',
    citation: 'Reg. §1.41-4(a)(4)',
  },
  {
    name: 'all four parts documented',
    edit: (b) => b,
    rule: 'component/four-part-missing',
    cell: null,
    citation: '§41(d)(1)',
  },
  {
    name: 'an employee row names a component not listed',
    edit: (b) => b.set(E, 3, 'Business Component', 'Widget'),
    rule: 'component/unknown',
    cell: 'Employees!F3',
    citation: '§41(d)(2)(B)',
  },
  {
    name: 'a supply row names a component not listed',
    edit: (b) => b.set(S, 4, 'Business Component', 'Widget'),
    rule: 'component/unknown',
    cell: 'Supplies!F4',
    citation: '§41(d)(2)(B)',
  },
  {
    name: 'a component named in other case',
    edit: (b) => b.set(C, 2, 'Business Component', 'payments api'),
    rule: 'component/unknown',
    cell: null,
    citation: '§41(d)(2)(B)',
  },
  {
    name: 'without a Components sheet nothing is unknown',
    edit: (b) => b.removeSheet(K).set(E, 3, 'Business Component', 'Widget'),
    rule: 'component/unknown',
    cell: null,
    citation: '§41(d)(2)(B)',
  },
  {
    name: 'internal-use software',
    edit: (b) => b.set(K, 3, 'Internal-Use Software', 'Yes'),
    rule: 'component/internal-use',
    cell: 'Components!G3',
    citation: 'Reg. §1.41-4(c)(6)',
    says: /high threshold of innovation/,
  },
  {
    name: 'not internal-use software',
    edit: (b) => b,
    rule: 'component/internal-use',
    cell: null,
    citation: 'Reg. §1.41-4(c)(6)',
  },
  {
    name: 'a component listed twice',
    edit: (b) => b.set(K, 3, 'Business Component', 'PAYMENTS API'),
    rule: 'component/duplicate',
    cell: 'Components!A3',
    citation: '§41(d)(2)(A)',
  },

  // ---- prior-years/six-percent, IRC §41(c)(4)(B)
  {
    name: 'a zero QRE in 2023',
    edit: (b) => b.set(P, 3, 'QRE', 0),
    rule: 'prior-years/six-percent',
    cell: "'Prior Years'!B3",
    citation: '§41(c)(4)(B)',
  },
  {
    name: 'a blank QRE in 2024',
    edit: (b) => b.set(P, 4, 'QRE', ''),
    rule: 'prior-years/six-percent',
    cell: "'Prior Years'!B4",
    citation: '§41(c)(4)(B)',
  },
  {
    name: 'no row for 2022',
    edit: (b) => b.removeRow(P, 2),
    rule: 'prior-years/six-percent',
    cell: "'Prior Years'!A4",
    citation: '§41(c)(4)(B)',
    says: /2022/,
  },
  {
    name: 'a zero QRE four years back is outside the window',
    edit: (b) => b.appendRow(P, [2021, 0, 1]),
    rule: 'prior-years/six-percent',
    cell: null,
    citation: '§41(c)(4)(B)',
  },
  {
    name: 'all three prior years have QREs',
    edit: (b) => b,
    rule: 'prior-years/six-percent',
    cell: null,
    citation: '§41(c)(4)(B)',
  },
  {
    name: 'a tax year listed twice',
    edit: (b) => b.appendRow(P, [2024, 5, 5]),
    rule: 'prior-years/duplicate-year',
    cell: "'Prior Years'!A5",
    citation: '§41(c)(4)(A)',
  },
  {
    name: 'a "ZZ QRE" column names no state',
    edit: (b) => b.addColumn(P, 'ZZ QRE', [1, 2, 3]),
    rule: 'prior-years/unknown-state',
    cell: "'Prior Years'!D1",
    citation: '§1.41-4(d)',
    says: /e\.g\. "CA QRE"/,
  },
  {
    name: 'a "CA QRE" column is read, not reported',
    edit: (b) => b.addColumn(P, 'CA QRE', [1, 2, 3]),
    rule: 'prior-years/unknown-state',
    cell: null,
    citation: '§1.41-4(d)',
  },
  {
    name: 'text in a CA QRE cell',
    edit: (b) => b.addColumn(P, 'CA QRE', [1, 'abc', 3]),
    rule: 'cell/not-a-number',
    cell: "'Prior Years'!D3",
    citation: '23609',
  },
  {
    name: 'a negative CA QRE',
    edit: (b) => b.addColumn(P, 'CA QRE', [1, -2, 3]),
    rule: 'cell/negative-amount',
    cell: "'Prior Years'!D3",
    citation: '23609',
  },

  // ---- cells
  {
    name: 'text in a wage cell',
    edit: (b) => b.set(E, 2, 'W-2 Box 1 Wages', 'abc'),
    rule: 'cell/not-a-number',
    cell: 'Employees!D2',
    citation: '§3401(a)',
  },
  {
    name: '#REF! in a wage cell',
    edit: (b) => b.set(E, 2, 'W-2 Box 1 Wages', '#REF!'),
    rule: 'cell/not-a-number',
    cell: 'Employees!D2',
    citation: '§41(b)(2)(D)',
    says: /#REF!/,
  },
  {
    name: 'an error object in an amount cell',
    edit: (b) => b.set(S, 2, 'Amount', { errorCode: '#N/A' }),
    rule: 'cell/not-a-number',
    cell: 'Supplies!D2',
    citation: '§41(b)(2)',
  },
  {
    name: 'TRUE in a % cell',
    edit: (b) => b.set(C, 2, 'R&D %', true),
    rule: 'cell/not-a-number',
    cell: 'Contractors!D2',
    citation: '§41(b)(3)(A)',
  },
  {
    name: 'a date in an amount cell',
    edit: (b) => b.set(C, 2, 'Amount Paid', new Date(2025, 0, 1)),
    rule: 'cell/not-a-number',
    cell: 'Contractors!C2',
    citation: '§41(b)(3)(A)',
  },
  {
    name: '"$1,200" is a number',
    edit: (b) => b.set(E, 2, 'W-2 Box 1 Wages', '$1,200'),
    rule: 'cell/not-a-number',
    cell: null,
    citation: '§41(b)(2)(D)',
  },
  {
    name: 'a negative amount',
    edit: (b) => b.set(S, 2, 'Amount', -1),
    rule: 'cell/negative-amount',
    cell: 'Supplies!D2',
    citation: '§41(b)(2)',
  },
  {
    name: '"(1,200)" is an accounting negative',
    edit: (b) => b.set(E, 2, 'W-2 Box 1 Wages', '(1,200)'),
    rule: 'cell/negative-amount',
    cell: 'Employees!D2',
    citation: '§41(b)(2)(D)',
  },
  {
    name: 'a wage of 1e308',
    edit: (b) => b.set(E, 2, 'W-2 Box 1 Wages', 1e308),
    rule: 'cell/amount-too-large',
    cell: 'Employees!D2',
    citation: '§3401(a)',
    says: /1e\+308, more than \$90,071,992,547,409\.91/,
  },
  {
    name: '400 digits of text as a supply amount: quoted to 80 characters',
    edit: (b) => b.set(S, 2, 'Amount', '9'.repeat(400)),
    rule: 'cell/amount-too-large',
    cell: 'Supplies!D2',
    citation: '§41(b)(2)',
    says: /"9{80}…"/,
  },
  {
    name: 'exactly $90,071,992,547,409.91 is an amount',
    edit: (b) => b.set(S, 2, 'Amount', 90071992547409.91),
    rule: 'cell/amount-too-large',
    cell: null,
    citation: '§41(b)(2)',
  },
  {
    name: 'a zero amount is not negative',
    edit: (b) => b.set(S, 2, 'Amount', 0),
    rule: 'cell/negative-amount',
    cell: null,
    citation: '§41(b)(2)',
  },
  {
    name: 'a contractor R&D % of 65',
    edit: (b) => b.set(C, 2, 'R&D %', 65),
    rule: 'cell/pct-out-of-bounds',
    cell: 'Contractors!D2',
    citation: '§41(b)(3)(A)',
  },
  {
    name: 'a blank wage',
    edit: (b) => b.set(E, 2, 'W-2 Box 1 Wages', ''),
    rule: 'cell/blank-required',
    cell: 'Employees!D2',
    citation: '§41(b)(2)(D)',
  },
  {
    name: 'a blank location',
    edit: (b) => b.set(E, 2, 'Location', null),
    rule: 'cell/blank-required',
    cell: 'Employees!C2',
    citation: '§41(d)(4)(F)',
  },
  {
    name: '#N/A in a location',
    edit: (b) => b.set(E, 2, 'Location', '#N/A'),
    rule: 'cell/error-value',
    cell: 'Employees!C2',
    citation: '§41(d)(4)(F)',
  },
  {
    name: 'a prior year of "FY23"',
    edit: (b) => b.set(P, 2, 'Tax Year', 'FY23'),
    rule: 'cell/not-a-year',
    cell: "'Prior Years'!A2",
    citation: '§41(c)(4)(A)',
  },
  {
    name: 'a prior year of 2022.5',
    edit: (b) => b.set(P, 2, 'Tax Year', 2022.5),
    rule: 'cell/not-a-year',
    cell: "'Prior Years'!A2",
    citation: '§41(c)(4)(A)',
  },

  // ---- tables
  {
    name: 'Employees without R&D %',
    edit: (b) => b.removeColumn(E, 'R&D %'),
    rule: 'table/missing-column',
    cell: 'Employees!F1',
    citation: 'Reg. §1.41-2(d)(1)',
    says: /"R&D %"/,
  },
  {
    name: 'Contractors without Rights Retained',
    edit: (b) => b.removeColumn(C, 'Rights Retained'),
    rule: 'table/missing-column',
    cell: 'Contractors!I1',
    citation: 'Reg. §1.41-2(e)(3)',
  },
  {
    name: 'headers in odd case and spacing',
    edit: (b) => b.renameHeader(E, 'R&D %', ' r&d% ').renameHeader(E, 'W-2 Box 1 Wages', 'w-2 box 1 WAGES'),
    rule: 'table/missing-column',
    cell: null,
    citation: 'Reg. §1.41-4(d)',
  },
  {
    name: 'Employees without Role',
    edit: (b) => b.removeColumn(E, 'Role'),
    rule: 'table/missing-optional-column',
    cell: 'Employees!F1',
    citation: 'Reg. §1.41-2(d)(1)',
  },
  {
    name: 'R&D % named twice',
    edit: (b) => b.addColumn(E, 'R&D%'),
    rule: 'table/duplicate-column',
    cell: 'Employees!G1',
    citation: 'Reg. §1.41-4(d)',
  },
  {
    name: 'no Contractors sheet',
    edit: (b) => b.removeSheet(C),
    rule: 'table/missing',
    cell: 'Contractors!A1',
    citation: 'Reg. §1.41-4(d)',
  },
  {
    name: 'headers on row 3 under a title',
    edit: (b) =>
      b.setValues(S, [['Supplies FY2025'], [], ['Description', 'Category', 'Amount', 'R&D %'], ['x', 'Supply', 1, 1]]),
    rule: 'table/missing-header',
    cell: 'Supplies!A1',
    citation: 'Reg. §1.41-4(d)',
    says: /row 3/,
  },
  {
    name: 'data with a blank header row',
    edit: (b) => b.setValues(S, [[], ['x', 'Supply', 1, 1]]),
    rule: 'table/missing-header',
    cell: 'Supplies!A1',
    citation: 'Reg. §1.41-4(d)',
  },
  {
    name: 'an empty Supplies sheet',
    edit: (b) => b.setValues(S, []),
    rule: 'table/empty',
    cell: 'Supplies!A1',
    citation: 'Reg. §1.41-4(d)',
  },

  // ---- a workbook that is not a study (issue 8 §3): one error, not "0 errors, 6 info"
  {
    name: 'one sheet "Name, Salary"',
    edit: (b) =>
      onlySheets(b, {
        name: 'Sheet1',
        values: [
          ['Name', 'Salary'],
          ['Ann', 100],
        ],
      }),
    rule: 'table/no-study',
    cell: 'Sheet1!A1',
    citation: 'Reg. §1.41-4(d)',
  },
  {
    name: 'a stray .csv (one sheet named after the file)',
    edit: (b) => onlySheets(b, { name: 'invoices', values: [['Invoice', 'Date', 'Total']] }),
    rule: 'table/no-study',
    cell: 'invoices!A1',
    citation: 'Reg. §1.41-4(d)',
  },
  {
    name: 'About and Summary alone are not a study',
    edit: (b) =>
      ['Employees', 'Contractors', 'Supplies', 'Components', 'Prior Years'].reduce((x, n) => x.removeSheet(n), b),
    rule: 'table/no-study',
    cell: 'About!A1',
    citation: 'Reg. §1.41-4(d)',
  },
  {
    name: 'Prior Years alone is a study (the first data table is enough)',
    edit: (b) => ['Employees', 'Contractors', 'Supplies', 'Components'].reduce((x, n) => x.removeSheet(n), b),
    rule: 'table/no-study',
    cell: null,
    citation: 'Reg. §1.41-4(d)',
  },
  {
    name: 'an empty Employees sheet is still a study table',
    edit: (b) => onlySheets(b, { name: 'Employees', values: [] }),
    rule: 'table/no-study',
    cell: null,
    citation: 'Reg. §1.41-4(d)',
  },

  // ---- About
  {
    name: 'an unreadable tax year',
    edit: (b) => b.set('About', 2, 'Tax Year', 'next year'),
    rule: 'about/invalid-value',
    cell: 'About!C2',
    citation: '§441(b)',
  },
  {
    name: 'an unknown profile',
    edit: (b) => b.set('About', 2, 'Profile', 'biotech'),
    rule: 'about/invalid-value',
    cell: 'About!D2',
    citation: '§441(b)',
  },
  {
    name: 'no tax year recorded',
    edit: (b) => b.set('About', 2, 'Tax Year', ''),
    rule: 'about/assumed',
    cell: 'About!C2',
    citation: '§441(b)',
  },
  {
    // The fixture's About has Template, Version, Tax Year, Profile (A–D): the mark goes in the next free column, E.
    name: 'rolled forward with last year’s amounts kept (rdtax rollforward --keep-amounts)',
    edit: (b) => b.addColumn('About', 'Rolled Forward', ['from 2025 with its amounts kept: review every amount']),
    rule: 'about/rolled-forward',
    cell: 'About!E2',
    citation: 'Treas. Reg. §1.41-4(d)',
    says: /clear the cell/,
  },
  {
    name: 'a Rolled Forward cell a reviewer cleared (boundary: blank)',
    edit: (b) => b.addColumn('About', 'Rolled Forward', ['']),
    rule: 'about/rolled-forward',
    cell: null,
    citation: '',
  },
];

/** Replace every sheet of the clean study by `sheets`. */
function onlySheets(b: StudyBook, ...sheets: { name: string; values: unknown[][] }[]): StudyBook {
  b.sheets.splice(0, b.sheets.length, ...(sheets as typeof b.sheets));
  return b;
}

describe.each(CASES)('$rule — $name', ({ edit, rule, cell, citation, says }) => {
  const findings: Finding[] = validateWorkbook(edit(book()).grids());
  const hits = ofRule(findings, rule);

  if (cell === null) {
    it('does not fire', () => expect(hits).toEqual([]));
  } else {
    it(`fires at ${cell}`, () => expect(hits.map((f) => f.cell)).toContain(cell));
    it(`cites ${citation}`, () => expect(hits.find((f) => f.cell === cell)?.citation).toContain(citation));
    it(`is a${SEVERITY[rule] === 'error' ? 'n' : ''} ${SEVERITY[rule]} (docs/design.md §5 where listed)`, () => {
      const f = hits.find((x) => x.cell === cell) as Finding;
      expect(f.severity).toBe(SEVERITY[rule]);
    });
    it('says what is wrong, where, and what to do in one sentence', () => {
      const f = hits.find((x) => x.cell === cell) as Finding;
      // An absent table has no cell to name; every other finding names its cell.
      if (rule !== 'table/missing') expect(f.message).toContain(cell);
      expect(f.message).toMatch(/^[^\n]+\.$/);
      expect(f.message).toMatch(/;|, so |—/);
      if (says) expect(f.message).toMatch(says);
    });
  }
});

describe('no planted case raises an internal error, nor does any cell written over one', () => {
  const anyCell: fc.Arbitrary<CellValue> = fc.oneof(
    fc.double(),
    fc.string({ maxLength: 8 }),
    fc.boolean(),
    fc.constantFrom(null, undefined, '', '#REF!', '80%', 'Yes', 'India', 'production', 'energy', -1, 1e300),
    fc.date({ noInvalidDate: false }),
    fc.constant({ errorCode: '#N/A' }),
  );
  const write = fc.record({
    sheet: fc.constantFrom(E, C, S, K, P, 'About'),
    row: fc.integer({ min: 1, max: 9 }),
    col: fc.nat(9),
    value: anyCell,
  });
  it('every case as written (the first runs), then cases with up to 4 cells overwritten', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CASES), fc.array(write, { maxLength: 4 }), (c, writes) => {
        const b = c.edit(book());
        for (const w of writes) {
          const grid = b.sheets.find((x) => x.name === w.sheet)?.values;
          if (!grid) continue;
          while (grid.length < w.row) grid.push([]);
          grid[w.row - 1]![w.col] = w.value;
        }
        expect(ofRule(validateWorkbook(b.grids()), 'internal/error')).toEqual([]);
      }),
      { examples: CASES.map((c) => [c, []] as [Case, never[]]), numRuns: 300 },
    );
  });
});
