/**
 * Form 6765, Credit for Increasing Research Activities (Rev. December 2024), described once:
 * every line with its number, label, citation and how it is computed — from the study (an
 * `input`) or from earlier lines (an `expr`). `rdtax compute` (text, JSON, CSV), the panel's Form
 * view and the templates' `Form 6765` sheet all render this one description; the revision is
 * data. Rates are the law's rules (resolved for the tax year), never numbers written here.
 */
import {
  ASC_RATE,
  ASC_STARTUP_RATE,
  CONTRACT_RESEARCH_RATE,
  REGULAR_CREDIT_RATE,
  SEC280C_REDUCED_CREDIT_FACTOR,
} from '../law/rules';
import type { Rule } from '../law/types';

export const FORM_6765_REVISION = '2024-12';
export const FORM_6765_TITLE = 'Form 6765 (Rev. December 2024), Credit for Increasing Research Activities';

export type SectionId = 'items' | 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G';
export type LineKind = 'amount' | 'rate' | 'count' | 'yes-no' | 'text';

/**
 * What a line reads from the study (compute/form6765.ts resolves each; the template renders each
 * as a formula over the study sheets).
 */
export type FormInput =
  | 'reduced280c'
  | 'controlledGroup'
  | 'energyConsortia'
  | 'basicResearchPayments'
  | 'qualifiedOrgBase'
  | 'fixedBasePct'
  | 'avgGrossReceipts'
  | 'priorQre3'
  | 'form8932Credit'
  | 'passThroughCredit'
  | 'allocatedToBeneficiaries'
  | 'payrollElected'
  | 'priorPayrollElections'
  | 'payrollAmount'
  | 'businessCreditCarryforward'
  | 'componentCount'
  | 'officerWages'
  | 'acquisitionOrDisposition'
  | 'newQreCategories'
  | 'asc730Directive'
  | 'wages'
  | 'supplies'
  | 'computers'
  | 'contractResearch';

/** A condition a line's computation branches on. */
export type FormCondition =
  /** Item A: the §280C(c)(2) reduced credit is elected. */
  | 'itemA'
  /** Any of the 3 preceding tax years had no QREs: the ASC is 6% of line 20 (§41(c)(4)(B)). */
  | 'ascStartup'
  /** Line 28 uses the ASC (Section B) rather than the regular credit (Section A). */
  | 'methodAsc'
  /** Line 35 (the carryforward limit) is supplied. */
  | 'line35Given';

/** How a line is computed from other lines. Exact (decimal) arithmetic; rounding only when shown. */
export type Expr =
  | { readonly k: 'line'; readonly line: string }
  | { readonly k: 'num'; readonly value: string }
  /** A rate or factor of the law, resolved for the tax year. */
  | { readonly k: 'law'; readonly rule: Rule<string | null> }
  | { readonly k: 'add' | 'sub' | 'mul' | 'div' | 'max' | 'min'; readonly args: readonly Expr[] }
  | { readonly k: 'if'; readonly cond: FormCondition; readonly then: Expr; readonly else: Expr }
  /** The form says to skip the line (e.g. lines 22–23 on the 6% path): no amount. */
  | { readonly k: 'skip'; readonly why: string };

export type LineCalc = { readonly input: FormInput } | { readonly expr: Expr };

export interface FormLineSpec {
  /** The line number as printed: "13", "33a", "A" (Item A). */
  readonly line: string;
  readonly section: SectionId;
  readonly label: string;
  readonly citation: string;
  readonly kind: LineKind;
  readonly calc: LineCalc;
  /** The rule in words, as the form's instruction reads ("line 2 − line 3, not less than 0"). */
  readonly rule?: string;
  /** An encoding of a practitioner reading rather than the primary text (LAW.md [verify]). */
  readonly interpretation?: string;
}

export interface FormSectionSpec {
  readonly id: SectionId;
  readonly title: string;
}

// ------------------------------------------------------------------ expression helpers

const L = (line: string): Expr => ({ k: 'line', line });
const num = (value: string): Expr => ({ k: 'num', value });
const law = (rule: Rule<string | null>): Expr => ({ k: 'law', rule });
const add = (...args: Expr[]): Expr => ({ k: 'add', args });
const sub = (...args: Expr[]): Expr => ({ k: 'sub', args });
const mul = (...args: Expr[]): Expr => ({ k: 'mul', args });
const div = (...args: Expr[]): Expr => ({ k: 'div', args });
const max = (...args: Expr[]): Expr => ({ k: 'max', args });
const min = (...args: Expr[]): Expr => ({ k: 'min', args });
const when = (cond: FormCondition, then: Expr, otherwise: Expr): Expr => ({ k: 'if', cond, then, else: otherwise });
const skip = (why: string): Expr => ({ k: 'skip', why });
const input = (i: FormInput): LineCalc => ({ input: i });
const expr = (e: Expr): LineCalc => ({ expr: e });

const F = 'Form 6765 (Rev. Dec. 2024)';

export const FORM_6765_SECTIONS: readonly FormSectionSpec[] = [
  { id: 'items', title: 'Items A and B' },
  { id: 'A', title: 'Section A — Regular Credit' },
  { id: 'B', title: 'Section B — Alternative Simplified Credit' },
  { id: 'C', title: 'Section C — Current Year Credit' },
  { id: 'D', title: 'Section D — Qualified Small Business Payroll Tax Election and Payroll Tax Credit' },
  { id: 'E', title: 'Section E — Other Information' },
  { id: 'F', title: 'Section F — Qualified Research Expenses Summary' },
  { id: 'G', title: 'Section G — Business Component Information' },
];

const line = (
  l: string,
  section: SectionId,
  kind: LineKind,
  label: string,
  citation: string,
  calc: LineCalc,
  rule?: string,
  interpretation?: string,
): FormLineSpec => ({
  line: l,
  section,
  kind,
  label,
  citation,
  calc,
  ...(rule ? { rule } : {}),
  ...(interpretation ? { interpretation } : {}),
});

/**
 * The lines of the form face in order (Section G's per-component lines are FORM_6765_G_LINES).
 * Line 5 and line 20 read line 48; the evaluator follows references, not the printed order.
 */
export const FORM_6765_LINES: readonly FormLineSpec[] = [
  line(
    'A',
    'items',
    'yes-no',
    'Are you electing the reduced credit under section 280C?',
    `IRC §280C(c)(2); ${F} Item A`,
    input('reduced280c'),
  ),
  line(
    'B',
    'items',
    'yes-no',
    'Are you a member of a controlled group or business under common control?',
    `IRC §41(f)(1); ${F} Item B`,
    input('controlledGroup'),
  ),

  // Section A — regular credit, IRC §41(a)(1)–(3), (c)
  line(
    '1',
    'A',
    'amount',
    'Certain amounts paid or incurred to energy consortia',
    `IRC §41(a)(3), (f)(6)(E); ${F} line 1`,
    input('energyConsortia'),
  ),
  line(
    '2',
    'A',
    'amount',
    'Basic research payments paid or incurred to qualified organizations',
    `IRC §41(a)(2), (e)(2); ${F} line 2`,
    input('basicResearchPayments'),
  ),
  line(
    '3',
    'A',
    'amount',
    'Qualified organization base period amount',
    `IRC §41(e)(3); ${F} line 3`,
    input('qualifiedOrgBase'),
  ),
  line(
    '4',
    'A',
    'amount',
    'Basic research payments over the base period amount',
    `IRC §41(e)(1)(A); ${F} line 4`,
    expr(max(num('0'), sub(L('2'), L('3')))),
    'line 2 − line 3, not less than 0',
  ),
  line('5', 'A', 'amount', 'Total qualified research expenses', `IRC §41(b)(1); ${F} line 5`, expr(L('48')), 'line 48'),
  line(
    '6',
    'A',
    'rate',
    'Fixed-base percentage (not more than 16%)',
    `IRC §41(c)(3); ${F} line 6`,
    input('fixedBasePct'),
  ),
  line(
    '7',
    'A',
    'amount',
    'Average annual gross receipts of the 4 preceding tax years',
    `IRC §41(c)(1)(B); ${F} line 7`,
    input('avgGrossReceipts'),
  ),
  line(
    '8',
    'A',
    'amount',
    'Base amount before the 50% minimum',
    `IRC §41(c)(1); ${F} line 8`,
    expr(mul(L('7'), L('6'))),
    'line 7 × line 6',
  ),
  line(
    '9',
    'A',
    'amount',
    'QREs over the base amount',
    `IRC §41(a)(1); ${F} line 9`,
    expr(max(num('0'), sub(L('5'), L('8')))),
    'line 5 − line 8, not less than 0',
  ),
  line(
    '10',
    'A',
    'amount',
    '50% of line 5',
    `IRC §41(c)(2); ${F} line 10`,
    expr(mul(L('5'), num('0.5'))),
    'line 5 × 50%',
  ),
  line(
    '11',
    'A',
    'amount',
    'The smaller of line 9 or line 10',
    `IRC §41(c)(2); ${F} line 11`,
    expr(min(L('9'), L('10'))),
    'smaller of line 9 and line 10',
  ),
  line(
    '12',
    'A',
    'amount',
    'Add lines 1, 4 and 11',
    `IRC §41(a); ${F} line 12`,
    expr(add(L('1'), L('4'), L('11'))),
    'line 1 + line 4 + line 11',
  ),
  line(
    '13',
    'A',
    'amount',
    'Regular credit (line 12 × 20%, or × 15.8% with the §280C election)',
    `IRC §41(a); IRC §280C(c)(2); ${F} line 13`,
    expr(mul(L('12'), law(REGULAR_CREDIT_RATE), when('itemA', law(SEC280C_REDUCED_CREDIT_FACTOR), num('1')))),
    'line 12 × 20% (× 79% with Item A: 15.8%)',
  ),

  // Section B — alternative simplified credit, IRC §41(c)(4)
  line(
    '14',
    'B',
    'amount',
    'Certain amounts paid or incurred to energy consortia',
    `IRC §41(a)(3); ${F} line 14`,
    input('energyConsortia'),
  ),
  line(
    '15',
    'B',
    'amount',
    'Basic research payments paid or incurred to qualified organizations',
    `IRC §41(a)(2), (e)(2); ${F} line 15`,
    input('basicResearchPayments'),
  ),
  line(
    '16',
    'B',
    'amount',
    'Qualified organization base period amount',
    `IRC §41(e)(3); ${F} line 16`,
    input('qualifiedOrgBase'),
  ),
  line(
    '17',
    'B',
    'amount',
    'Basic research payments over the base period amount',
    `IRC §41(e)(1)(A); ${F} line 17`,
    expr(max(num('0'), sub(L('15'), L('16')))),
    'line 15 − line 16, not less than 0',
  ),
  line(
    '18',
    'B',
    'amount',
    'Add lines 14 and 17',
    `IRC §41(a)(2)–(3); ${F} line 18`,
    expr(add(L('14'), L('17'))),
    'line 14 + line 17',
  ),
  line(
    '19',
    'B',
    'amount',
    'Line 18 × 20%',
    `IRC §41(a)(2)–(3); ${F} line 19`,
    expr(mul(L('18'), law(REGULAR_CREDIT_RATE))),
    'line 18 × 20%',
  ),
  line(
    '20',
    'B',
    'amount',
    'Total qualified research expenses',
    `IRC §41(c)(4)(A); ${F} line 20`,
    expr(L('48')),
    'line 48',
  ),
  line(
    '21',
    'B',
    'amount',
    'Total QREs of the 3 preceding tax years',
    `IRC §41(c)(4)(A); ${F} line 21`,
    input('priorQre3'),
  ),
  line(
    '22',
    'B',
    'amount',
    'Line 21 ÷ 6',
    `IRC §41(c)(4)(A); ${F} line 22`,
    expr(
      when(
        'ascStartup',
        skip('a preceding year had no QREs, so lines 22 and 23 are skipped (§41(c)(4)(B))'),
        div(L('21'), num('6')),
      ),
    ),
    '3-year total ÷ 6 (50% of the 3-year average); skipped when a year had no QREs',
  ),
  line(
    '23',
    'B',
    'amount',
    'Line 20 − line 22 (not less than 0)',
    `IRC §41(c)(4)(A); ${F} line 23`,
    expr(
      when(
        'ascStartup',
        skip('a preceding year had no QREs, so lines 22 and 23 are skipped (§41(c)(4)(B))'),
        max(num('0'), sub(L('20'), L('22'))),
      ),
    ),
    'line 20 − line 22, not less than 0',
  ),
  line(
    '24',
    'B',
    'amount',
    'Line 23 × 14% (or line 20 × 6% if a preceding year had no QREs)',
    `IRC §41(c)(4)(A), (B); ${F} line 24`,
    expr(when('ascStartup', mul(L('20'), law(ASC_STARTUP_RATE)), mul(L('23'), law(ASC_RATE)))),
    'line 23 × 14%, or line 20 × 6% when a preceding year had no QREs',
  ),
  line(
    '25',
    'B',
    'amount',
    'Add lines 19 and 24',
    `IRC §41(c)(4); ${F} line 25`,
    expr(add(L('19'), L('24'))),
    'line 19 + line 24',
  ),
  line(
    '26',
    'B',
    'amount',
    'Alternative simplified credit (line 25 × 79% with the §280C election)',
    `IRC §41(c)(4); IRC §280C(c)(2); ${F} line 26`,
    expr(when('itemA', mul(L('25'), law(SEC280C_REDUCED_CREDIT_FACTOR)), L('25'))),
    'line 25 × 79% with Item A, else line 25',
  ),

  // Section C — current year credit
  line(
    '27',
    'C',
    'amount',
    'Form 8932 credit on wages also used for this credit',
    `IRC §45P(b); IRC §280C(a); ${F} line 27`,
    input('form8932Credit'),
  ),
  line(
    '28',
    'C',
    'amount',
    'Line 13 or line 26 (the credit claimed) − line 27, not less than 0',
    `IRC §41(a), (c)(4); ${F} line 28`,
    expr(max(num('0'), sub(when('methodAsc', L('26'), L('13')), L('27')))),
    '(line 26 with the ASC, line 13 with the regular credit) − line 27, not less than 0',
  ),
  line(
    '29',
    'C',
    'amount',
    'Credit from partnerships, S corporations, estates and trusts',
    `IRC §41(g); ${F} line 29`,
    input('passThroughCredit'),
  ),
  line(
    '30',
    'C',
    'amount',
    'Add lines 28 and 29',
    `IRC §41; ${F} line 30`,
    expr(add(L('28'), L('29'))),
    'line 28 + line 29',
  ),
  line(
    '31',
    'C',
    'amount',
    'Amount allocated to beneficiaries of the estate or trust',
    `IRC §41(f)(2); ${F} line 31`,
    input('allocatedToBeneficiaries'),
  ),
  line(
    '32',
    'C',
    'amount',
    'Line 30 − line 31',
    `IRC §41; ${F} line 32`,
    expr(sub(L('30'), L('31'))),
    'line 30 − line 31',
  ),

  // Section D — payroll tax election, IRC §41(h); §3111(f)
  line(
    '33a',
    'D',
    'yes-no',
    'Qualified small business electing the payroll tax credit',
    `IRC §41(h)(1), (3); ${F} line 33a`,
    input('payrollElected'),
  ),
  line(
    '33b',
    'D',
    'count',
    'Number of prior tax years the payroll tax election was made',
    `IRC §41(h)(4)(B)(ii); ${F} line 33b`,
    input('priorPayrollElections'),
    undefined,
    'line 33b read as the count of prior elections (LAW.md: "33a/33b the QSB election")',
  ),
  line(
    '34',
    'D',
    'amount',
    'Portion of the credit elected as a payroll tax credit',
    `IRC §41(h)(2), (4)(B)(i); IRC §3111(f); ${F} line 34`,
    input('payrollAmount'),
    'elected amount, at most $500,000 ($250,000 before 2023) and at most line 28',
  ),
  line(
    '35',
    'D',
    'amount',
    'General business credit carryforward from the current year',
    `IRC §41(h)(2); IRC §39; ${F} line 35`,
    input('businessCreditCarryforward'),
  ),
  line(
    '36',
    'D',
    'amount',
    'Payroll tax credit (the smaller of line 34 and line 35)',
    `IRC §41(h)(2); ${F} line 36; Form 8974`,
    expr(when('line35Given', min(L('34'), L('35')), L('34'))),
    'smaller of line 34 and line 35 (line 34 when line 35 does not apply)',
  ),

  // Section E — other information (required when line 48 > 0)
  line(
    '37',
    'E',
    'count',
    'Number of business components generating the QREs on line 48',
    `IRC §41(d)(2)(B); ${F} line 37`,
    input('componentCount'),
  ),
  line(
    '38',
    'E',
    'amount',
    "Officers' wages included on line 42",
    `IRC §41(b)(2)(D); ${F} line 38`,
    input('officerWages'),
  ),
  line(
    '39',
    'E',
    'yes-no',
    'Acquisition or disposition of a trade or business during the year',
    `IRC §41(f)(3); ${F} line 39`,
    input('acquisitionOrDisposition'),
  ),
  line('40', 'E', 'yes-no', 'New category of expenditures included in QREs', `${F} line 40`, input('newQreCategories')),
  line(
    '41',
    'E',
    'yes-no',
    'QREs determined under the ASC 730 directive',
    `LB&I-04-0117-001; ${F} line 41`,
    input('asc730Directive'),
  ),

  // Section F — QRE summary, IRC §41(b)
  line(
    '42',
    'F',
    'amount',
    'Total wages for qualified services (less work opportunity credit wages)',
    `IRC §41(b)(2)(B), (D); Treas. Reg. §1.41-2(d)(2); ${F} line 42`,
    input('wages'),
  ),
  line('43', 'F', 'amount', 'Total cost of supplies', `IRC §41(b)(2)(A)(ii), (C); ${F} line 43`, input('supplies')),
  line(
    '44',
    'F',
    'amount',
    'Rental or lease costs of computers',
    `IRC §41(b)(2)(A)(iii); Treas. Reg. §1.41-2(b)(4); ${F} line 44`,
    input('computers'),
  ),
  line(
    '45',
    'F',
    'amount',
    'Applicable amount of qualified contract research (65%, 75% or 100%)',
    `IRC §41(b)(3)(A), (C), (D); ${F} line 45`,
    input('contractResearch'),
  ),
  line(
    '46',
    'F',
    'amount',
    'Applicable basic research payments not taken into account on line 4 (65%)',
    `IRC §41(e)(1)(B); IRC §41(b)(3)(A); ${F} line 46`,
    expr(mul(sub(L('2'), L('4')), law(CONTRACT_RESEARCH_RATE.standard))),
    '65% × (line 2 − line 4)',
    'basic research payments not over the base period amount are contract research at 65% (§41(e)(1)(B)); LAW.md line 46 [verify]',
  ),
  line(
    '47',
    'F',
    'amount',
    'Add lines 45 and 46',
    `IRC §41(b)(3); ${F} line 47`,
    expr(add(L('45'), L('46'))),
    'line 45 + line 46',
  ),
  line(
    '48',
    'F',
    'amount',
    'Total qualified research expenses',
    `IRC §41(b)(1); ${F} line 48`,
    expr(add(L('42'), L('43'), L('44'), L('47'))),
    'line 42 + 43 + 44 + 47',
  ),
];

/** Section G, one set per business component (lines 49(a)–(f) describe it; 50–56 are its QREs). */
export type SectionGLine =
  '49a' | '49b' | '49c' | '49d' | '49e' | '49f' | '50' | '51' | '52' | '53' | '54' | '55' | '56';
export interface SectionGLineSpec {
  readonly line: SectionGLine;
  readonly label: string;
  readonly citation: string;
  readonly kind: 'text' | 'amount';
  readonly rule?: string;
}
export const FORM_6765_G_LINES: readonly SectionGLineSpec[] = [
  { line: '49a', label: 'EIN of the group member that incurred the QREs', citation: `${F} line 49(a)`, kind: 'text' },
  { line: '49b', label: 'Business activity code of that member', citation: `${F} line 49(b)`, kind: 'text' },
  {
    line: '49c',
    label: 'Business component name or number',
    citation: `IRC §41(d)(2)(B); ${F} line 49(c)`,
    kind: 'text',
  },
  { line: '49d', label: 'Type of business component', citation: `IRC §41(d)(2)(B); ${F} line 49(d)`, kind: 'text' },
  {
    line: '49e',
    label: 'Software type (internal use, non-internal use, dual function)',
    citation: `IRC §41(d)(4)(E); Treas. Reg. §1.41-4(c)(6); ${F} line 49(e)`,
    kind: 'text',
  },
  {
    line: '49f',
    label: 'Information sought to be discovered',
    citation: `IRC §41(d)(1); ${F} line 49(f)`,
    kind: 'text',
  },
  {
    line: '50',
    label: 'Direct research wages',
    citation: `IRC §41(b)(2)(B)(i); Treas. Reg. §1.41-2(c)(1); ${F} line 50`,
    kind: 'amount',
  },
  {
    line: '51',
    label: 'Direct supervision wages',
    citation: `IRC §41(b)(2)(B)(ii); Treas. Reg. §1.41-2(c)(2); ${F} line 51`,
    kind: 'amount',
  },
  {
    line: '52',
    label: 'Direct support wages',
    citation: `IRC §41(b)(2)(B)(iii); Treas. Reg. §1.41-2(c)(3); ${F} line 52`,
    kind: 'amount',
  },
  {
    line: '53',
    label: 'Total wages (lines 50 + 51 + 52)',
    citation: `${F} line 53`,
    kind: 'amount',
    rule: 'line 50 + 51 + 52',
  },
  { line: '54', label: 'Supplies', citation: `IRC §41(b)(2)(A)(ii); ${F} line 54`, kind: 'amount' },
  {
    line: '55',
    label: 'Rental or lease costs of computers',
    citation: `IRC §41(b)(2)(A)(iii); ${F} line 55`,
    kind: 'amount',
  },
  {
    line: '56',
    label: 'Applicable amount of contract research',
    citation: `IRC §41(b)(3); ${F} line 56`,
    kind: 'amount',
  },
];

/** The spec of a line, by number (Items A, B and lines 1–48). */
export function formLine(l: string): FormLineSpec | undefined {
  return FORM_6765_LINES.find((x) => x.line === l);
}
