/**
 * The validator's rules (docs/design.md §5), as data: id, default severity, what it means and the
 * law behind it. A finding may cite a narrower pinpoint than its rule (the column's or the
 * contract type's); the rule's citation is the default. `status: 'interpretation'` marks a
 * rule resting on a practitioner reading ("interpretation [verify]" in docs/law.md).
 */
import { SECTION_G_REQUIRED } from '../law/federal/form6765';
import { inForce, resolve, type Rule, type Status } from '../law/types';
import type { Severity } from './types';
import { RECORDS_CITATION } from './schema';

/** Form 6765 Section G: every QRE dollar reported by business component; the records behind it. */
const SECTION_G_CITATION = 'Form 6765 (Rev. Dec. 2024) Section G, lines 50–56; Treas. Reg. §1.41-4(d)';
const ALLOCATIONS_CITATION = 'Form 6765 (Rev. Dec. 2024) Section G, lines 50–53; Treas. Reg. §1.41-4(d)';

export interface StudyRule {
  readonly severity: Severity;
  /** When it fires, in a few words (for docs and the panel's legend). */
  readonly title: string;
  readonly citation: string;
  readonly status: Status;
}

const rule = (severity: Severity, title: string, citation: string, status: Status = 'enacted'): StudyRule => ({
  severity,
  title,
  citation,
  status,
});

export const STUDY_RULES = {
  // ---- the shape of the workbook
  'table/no-study': rule(
    'error',
    'No study table: no sheet is named Employees, Contractors, Supplies, Components or Prior Years',
    RECORDS_CITATION,
  ),
  'table/missing-column': rule('error', 'A required column of a present table is missing', RECORDS_CITATION),
  'table/missing-header': rule('error', 'A sheet holds data but its header row 1 is blank', RECORDS_CITATION),
  'table/duplicate-column': rule(
    'warning',
    'Two header cells name the same column; the first is used',
    RECORDS_CITATION,
  ),
  'table/duplicate-sheet': rule(
    'warning',
    'Two sheets match the same study table; the first is used',
    RECORDS_CITATION,
  ),
  'table/missing': rule('info', 'An optional study table is absent', RECORDS_CITATION),
  'table/empty': rule('info', 'A study sheet is completely empty', RECORDS_CITATION),
  'table/missing-optional-column': rule(
    'info',
    'An optional column is absent, so the checks that need it are skipped',
    RECORDS_CITATION,
  ),
  // ---- cells
  'cell/not-a-number': rule(
    'error',
    'Text, a logical value, a date or an error value where an amount or % belongs',
    RECORDS_CITATION,
  ),
  'cell/negative-amount': rule('error', 'A negative amount', RECORDS_CITATION),
  'cell/amount-too-large': rule(
    'error',
    'An amount above $90,071,992,547,409.91 (2^53 − 1 cents), the most computed exactly to the cent',
    RECORDS_CITATION,
  ),
  'cell/pct-out-of-bounds': rule('error', 'A % outside 0–100% (other than an employee’s R&D %)', RECORDS_CITATION),
  'cell/not-yes-no': rule('error', 'A Yes/No cell holding something else', RECORDS_CITATION),
  'cell/not-a-year': rule('error', 'A tax year that is not a whole calendar year', RECORDS_CITATION),
  'cell/error-value': rule('error', 'An error value (#REF!, #N/A…) in a text column', RECORDS_CITATION),
  'cell/blank-required': rule('warning', 'A data row leaves a required cell blank', RECORDS_CITATION),
  // ---- wages, IRC §41(b)(2)(A)(i), (B), (D)
  'wages/pct-out-of-bounds': rule('error', 'R&D % < 0 or > 100%', 'IRC §41(b)(2)(B); Treas. Reg. §1.41-2(d)(1)'),
  'wages/role-range': rule(
    'warning',
    'R&D % outside the role’s typical range (needs a documented reason)',
    'Treas. Reg. §1.41-2(d)(1) (actual time spent; role ranges are review prompts)',
    'interpretation',
  ),
  'wages/unknown-role': rule(
    'info',
    'Role not in the profile or firm table',
    'Treas. Reg. §1.41-2(d)(1)',
    'interpretation',
  ),
  'wages/substantially-all': rule(
    'info',
    '80% ≤ an individual’s total R&D % < 100%: the whole wage counts',
    'IRC §41(b)(2)(B) (last sentence); Treas. Reg. §1.41-2(d)(2)',
  ),
  'wages/split-rows': rule(
    'info',
    'An employee on several rows: read as one W-2 repeated (same wages) or as parts of the year’s wages',
    'IRC §41(b)(2)(B) (last sentence); Treas. Reg. §1.41-2(d)(2)',
  ),
  'wages/individual-over-100': rule(
    'error',
    'An employee’s rows repeating one W-2 claim more than 100% of the individual’s time in total',
    'IRC §41(b)(2)(B); Treas. Reg. §1.41-2(d)(1)',
  ),
  'wages/foreign': rule('error', 'Wages claimed for research outside the United States', 'IRC §41(d)(4)(F)'),
  'wages/not-box1': rule(
    'warning',
    'The Employees table carries benefit, FICA, 401(k), health, stock or severance columns',
    'IRC §41(b)(2)(D); IRC §3401(a)',
  ),
  'wages/duplicate-employee': rule(
    'warning',
    'The same employee listed twice for the same business component (or for none)',
    RECORDS_CITATION,
  ),
  // ---- the Allocations sheet: an employee's qualified wages split across business components
  'allocations/not-100': rule('error', 'An employee’s Allocations shares do not sum to 100%', ALLOCATIONS_CITATION),
  'allocations/unknown-employee': rule(
    'error',
    'An Allocations row names an employee the Employees sheet lacks',
    ALLOCATIONS_CITATION,
  ),
  'allocations/unknown-component': rule(
    'error',
    'An Allocations row names a business component the Components sheet lacks',
    `${ALLOCATIONS_CITATION}; IRC §41(d)(2)(B)`,
  ),
  'allocations/overrides-component': rule(
    'info',
    'An employee split on the Allocations sheet also names another business component on the Employees sheet, which is not used',
    ALLOCATIONS_CITATION,
  ),
  // ---- contract research, IRC §41(b)(3)
  'contract/rate': rule('error', 'QRE ≠ amount × R&D % × the applicable % (65/75/100)', 'IRC §41(b)(3)(A), (C), (D)'),
  'contract/unknown-type': rule(
    'error',
    'A contract type other than standard, consortium or energy',
    'IRC §41(b)(3)(A), (C), (D)',
  ),
  'contract/foreign': rule(
    'error',
    'Contract research performed outside the United States',
    'IRC §41(d)(4)(F); Treas. Reg. §1.41-4A(b)(2)',
  ),
  'contract/no-rights': rule(
    'error',
    'Rights to the research results not retained (funded research)',
    'IRC §41(d)(4)(H); Treas. Reg. §1.41-2(e)(3)',
    'interpretation',
  ),
  'contract/no-risk': rule(
    'error',
    'Payment contingent on the success of the research',
    'Treas. Reg. §1.41-2(e)(2)',
    'interpretation',
  ),
  // ---- supplies and computer use, IRC §41(b)(2)(A)(ii)–(iii), (C)
  'supplies/production-cloud': rule(
    'error',
    'A production environment claimed with R&D % > 0',
    'IRC §41(b)(2)(A)(iii); IRC §41(d)(4)(A)',
  ),
  'supplies/depreciable': rule(
    'error',
    'Equipment or utilities claimed as a supply',
    'IRC §41(b)(2)(C); Treas. Reg. §1.41-2(b)',
    'interpretation',
  ),
  'supplies/unknown-category': rule(
    'warning',
    'A category other than Supply, Cloud, Equipment or Utilities',
    'IRC §41(b)(2)(C)',
  ),
  'supplies/unknown-environment': rule(
    'warning',
    'A cloud row whose environment is blank or not a known word',
    'IRC §41(b)(2)(A)(iii)',
  ),
  // ---- business components, IRC §41(d)
  'component/four-part-missing': rule(
    'warning',
    'A business component lacks a four-part-test entry',
    'IRC §41(d)(1); Treas. Reg. §1.41-4(a)',
  ),
  'component/unknown': rule(
    'warning',
    'A row names a business component the Components sheet lacks',
    'IRC §41(d)(2)(B)',
  ),
  'component/internal-use': rule(
    'warning',
    'Internal-use software: the high threshold of innovation test applies',
    'IRC §41(d)(4)(E); Treas. Reg. §1.41-4(c)(6)',
  ),
  'component/duplicate': rule('warning', 'The same business component listed twice', 'IRC §41(d)(2)(A)'),
  'component/unassigned-qre': rule(
    'warning',
    'A row feeds a QRE line but names no business component (a warning when Form 6765 Section G is required, from tax years beginning in 2026; info before)',
    SECTION_G_CITATION,
    'interpretation',
  ),
  // ---- prior years, IRC §41(c)(4)
  'prior-years/six-percent': rule(
    'info',
    'A zero or missing prior-year QRE puts the ASC on the 6% path',
    'IRC §41(c)(4)(B)',
  ),
  'prior-years/duplicate-year': rule('warning', 'The same prior tax year listed twice', 'IRC §41(c)(4)(A)'),
  'prior-years/unknown-state': rule(
    'warning',
    'A Prior Years `<ST> QRE` column names no US state, DC or territory code; it is not read',
    RECORDS_CITATION,
  ),
  // ---- the firm's role table
  'roles/invalid-range': rule('error', 'A role whose Low % is above its High %', 'Treas. Reg. §1.41-2(d)(1)'),
  'roles/duplicate-role': rule(
    'warning',
    'The same role listed twice in the Roles sheet; the last row is used',
    'Treas. Reg. §1.41-2(d)(1)',
  ),
  // ---- the About sheet and templates
  'about/invalid-value': rule(
    'warning',
    'The About sheet’s tax year or profile cannot be read; a default is used',
    'IRC §441(b)',
  ),
  'about/assumed': rule('info', 'No tax year or profile recorded; the defaults are used', 'IRC §441(b)'),
  'about/rolled-forward': rule(
    'warning',
    'Rolled forward with last year’s amounts kept (rdtax rollforward --keep-amounts): each needs review',
    RECORDS_CITATION,
  ),
  'template/version-drift': rule(
    'warning',
    'The study was made from another version of the imported firm template',
    RECORDS_CITATION,
  ),
  // ---- reviewer waivers (the Waivers sheet)
  'waiver/invalid': rule(
    'warning',
    'A waiver naming no rule a waiver can cover, or no cell, so it waives nothing',
    RECORDS_CITATION,
  ),
  'waiver/lapsed': rule(
    'info',
    'A waived finding’s cell changed since the waiver, so the finding is back',
    RECORDS_CITATION,
  ),
  // ---- a defect in the validator itself: reported, never thrown
  'internal/error': rule('error', 'The validator hit an unexpected condition', RECORDS_CITATION),
} as const satisfies Record<string, StudyRule>;

export type StudyRuleId = keyof typeof STUDY_RULES;
export const STUDY_RULE_IDS = Object.keys(STUDY_RULES) as StudyRuleId[];

/**
 * Rules whose severity follows the law in force for the study's tax year: the severity when the
 * law's value is true, and when it is false (or the law is not in force that year).
 */
export const SEVERITY_BY_LAW: Readonly<
  Partial<
    Record<StudyRuleId, { readonly law: Rule<boolean>; readonly whenTrue: Severity; readonly whenFalse: Severity }>
  >
> = {
  // Section G must list every QRE dollar by business component from tax years beginning in 2026.
  'component/unassigned-qre': { law: SECTION_G_REQUIRED, whenTrue: 'warning', whenFalse: 'info' },
};

/** A rule's severity for tax years beginning in `taxYear` (before a firm template's overrides). */
export function severityIn(id: StudyRuleId, taxYear: number): Severity {
  const byLaw = SEVERITY_BY_LAW[id];
  if (!byLaw) return STUDY_RULES[id].severity;
  return inForce(byLaw.law, taxYear) && resolve(byLaw.law, taxYear).value ? byLaw.whenTrue : byLaw.whenFalse;
}
