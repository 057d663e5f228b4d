/**
 * The study workbook's sheets and columns (docs/design.md §4), as data: the reader matches them,
 * the validator cites them, templates can render them. Each column carries the citation that
 * makes it necessary, so a finding about a missing or unreadable column can cite the law.
 */

import { SEC174_METHODS } from '../calc/sec174';
import { PROFILE_IDS } from '../law/roles';
import { readNumber, toDec } from './values';

/** Substantiation: the credit must be supported by records in usable form and detail. */
export const RECORDS_CITATION = 'Treas. Reg. §1.41-4(d); IRC §6001';

/** What a cell of the column holds; decides how the reader and the validator treat it. */
export type ColumnKind = 'text' | 'amount' | 'fraction' | 'yes-no' | 'year';

export interface ColumnSpec<F extends string = string> {
  readonly field: F;
  /** The header a template writes. */
  readonly header: string;
  /** Other headers accepted for the same column (matched the same way). */
  readonly aliases?: readonly string[];
  readonly kind: ColumnKind;
  /** A present table without this column → `table/missing-column`. */
  readonly required: boolean;
  /** A data row leaving this cell blank → `cell/blank-required`. */
  readonly requiredCell: boolean;
  /** Why the column matters. */
  readonly citation: string;
  /** For an optional column whose absence skips a check: what is not checked without it. */
  readonly withoutIt?: string;
}

export interface TableSpec<F extends string = string> {
  /** The sheet name a template writes. */
  readonly sheet: string;
  readonly aliases?: readonly string[];
  readonly columns: readonly ColumnSpec<F>[];
  /** The field that names a row in messages ("Jane Doe" rather than "row 7"). */
  readonly labelField?: F;
  /** Columns named by a pattern rather than one header (Prior Years `CA QRE`, `TX QRE`…). */
  readonly patterns?: readonly ColumnPattern[];
}

/**
 * A family of columns whose header carries a key: `<ST> QRE` is one column per state. `keyOf`
 * gives the key a header names (upper case), or undefined when the header is not of the family;
 * the key is not checked here (the validator says when it names no state).
 */
export interface ColumnPattern {
  readonly id: string;
  /** The header for a key, as a template writes it: `CA QRE`. */
  header(key: string): string;
  keyOf(header: string): string | undefined;
  readonly kind: ColumnKind;
  readonly citation: string;
}

const col = <F extends string>(
  field: F,
  header: string,
  kind: ColumnKind,
  required: boolean,
  requiredCell: boolean,
  citation: string,
  aliases?: readonly string[],
  withoutIt?: string,
): ColumnSpec<F> => ({
  field,
  header,
  kind,
  required,
  requiredCell,
  citation,
  ...(aliases ? { aliases } : {}),
  ...(withoutIt ? { withoutIt } : {}),
});

const RD_PCT_ALIASES = ['R&D Percent', 'R&D Percentage', 'R&D Pct', 'RD %', 'R and D %', 'Qualified %'];
const COMPONENT_CITATION = 'IRC §41(d)(2)(B)';
const component = col(
  'component',
  'Business Component',
  'text',
  false,
  false,
  COMPONENT_CITATION,
  ['Component'],
  'rows are not matched to the Components sheet',
);

export type EmployeeField =
  'employee' | 'role' | 'location' | 'wages' | 'rdPct' | 'component' | 'qualifiedService' | 'officer';

/**
 * Qualified Service words (blank = direct research): the three kinds of qualified services of
 * §41(b)(2)(B), reported apart on Form 6765 (Rev. December 2024) lines 50–52.
 */
export type QualifiedServiceKind = 'research' | 'supervision' | 'support';
export const QUALIFIED_SERVICE_WORDS: ReadonlyMap<string, QualifiedServiceKind> = new Map([
  ['direct research', 'research'],
  ['research', 'research'],
  ['engaging in qualified research', 'research'],
  ['direct supervision', 'supervision'],
  ['supervision', 'supervision'],
  ['direct support', 'support'],
  ['support', 'support'],
]);
export const QUALIFIED_SERVICE_CITATION =
  'IRC §41(b)(2)(B); Treas. Reg. §1.41-2(c); Form 6765 (Rev. Dec. 2024) lines 50–52';

/** Software Type words (Form 6765 line 49(e)). */
export type SoftwareType = 'internal use' | 'non-internal use' | 'dual function';
export const SOFTWARE_TYPE_WORDS: ReadonlyMap<string, SoftwareType> = new Map([
  ['internal use', 'internal use'],
  ['internal-use', 'internal use'],
  ['ius', 'internal use'],
  ['non-internal use', 'non-internal use'],
  ['non internal use', 'non-internal use'],
  ['noninternal use', 'non-internal use'],
  ['dual function', 'dual function'],
  ['dual-function', 'dual function'],
]);
export const EMPLOYEES: TableSpec<EmployeeField> = {
  sheet: 'Employees',
  labelField: 'employee',
  columns: [
    col('employee', 'Employee', 'text', true, true, RECORDS_CITATION, ['Employee Name', 'Name']),
    col(
      'role',
      'Role',
      'text',
      false,
      false,
      'Treas. Reg. §1.41-2(d)(1)',
      ['Job Title', 'Title'],
      'R&D % is not compared with role ranges',
    ),
    col('location', 'Location', 'text', true, true, 'IRC §41(d)(4)(F)', ['Country']),
    col('wages', 'W-2 Box 1 Wages', 'amount', true, true, 'IRC §41(b)(2)(D); IRC §3401(a)', [
      'W-2 Wages',
      'Box 1 Wages',
      'W-2 Box 1',
    ]),
    col('rdPct', 'R&D %', 'fraction', true, true, 'IRC §41(b)(2)(B); Treas. Reg. §1.41-2(d)(1)', RD_PCT_ALIASES),
    component,
    col('qualifiedService', 'Qualified Service', 'text', false, false, QUALIFIED_SERVICE_CITATION, ['Service Type']),
    col('officer', 'Officer', 'yes-no', false, false, 'Form 6765 (Rev. Dec. 2024) line 38', ['Officer?']),
  ],
};

const CONTRACT_CITATION = 'IRC §41(b)(3)(A)';
export type ContractorField =
  | 'vendor'
  | 'location'
  | 'amountPaid'
  | 'rdPct'
  | 'contractType'
  | 'rightsRetained'
  | 'financialRisk'
  | 'component'
  | 'qre';
export const CONTRACTORS: TableSpec<ContractorField> = {
  sheet: 'Contractors',
  labelField: 'vendor',
  columns: [
    col('vendor', 'Vendor', 'text', true, true, RECORDS_CITATION, ['Contractor', 'Vendor Name']),
    col('location', 'Location', 'text', true, true, 'IRC §41(d)(4)(F); Treas. Reg. §1.41-4A(b)(2)', ['Country']),
    col('amountPaid', 'Amount Paid', 'amount', true, true, CONTRACT_CITATION, ['Amount']),
    col('rdPct', 'R&D %', 'fraction', true, true, CONTRACT_CITATION, RD_PCT_ALIASES),
    col(
      'contractType',
      'Contract Type',
      'text',
      false,
      false,
      'IRC §41(b)(3)(A), (C), (D)',
      ['Type'],
      'every contract is taken as standard (65%)',
    ),
    col('rightsRetained', 'Rights Retained', 'yes-no', true, true, 'Treas. Reg. §1.41-2(e)(3); IRC §41(d)(4)(H)', [
      'Rights',
    ]),
    col('financialRisk', 'Financial Risk', 'yes-no', true, true, 'Treas. Reg. §1.41-2(e)(2)', [
      'Risk',
      'Economic Risk',
    ]),
    component,
    col(
      'qre',
      'QRE',
      'amount',
      false,
      false,
      CONTRACT_CITATION,
      ['Contract QRE', 'QRE Amount'],
      'no claimed QRE is checked against the 65/75/100% rates',
    ),
  ],
};

const SUPPLY_CITATION = 'IRC §41(b)(2)(A)(ii)–(iii), (C)';
export type SupplyField = 'description' | 'category' | 'environment' | 'amount' | 'rdPct' | 'component';
export const SUPPLIES: TableSpec<SupplyField> = {
  sheet: 'Supplies',
  labelField: 'description',
  columns: [
    col('description', 'Description', 'text', true, true, RECORDS_CITATION, ['Item']),
    col('category', 'Category', 'text', true, true, 'IRC §41(b)(2)(C)'),
    col(
      'environment',
      'Environment',
      'text',
      false,
      false,
      'IRC §41(b)(2)(A)(iii); IRC §41(d)(4)(A)',
      ['Env'],
      'cloud rows are not checked for production environments',
    ),
    col('amount', 'Amount', 'amount', true, true, SUPPLY_CITATION, ['Cost']),
    col('rdPct', 'R&D %', 'fraction', true, true, SUPPLY_CITATION, RD_PCT_ALIASES),
    component,
  ],
};

export type ComponentField =
  | 'component'
  | 'type'
  | 'permittedPurpose'
  | 'technicalUncertainty'
  | 'processOfExperimentation'
  | 'technologicalInNature'
  | 'internalUse'
  | 'softwareType'
  | 'informationSought';
/** The four-part test (IRC §41(d)(1)), one column each, with the pinpoint for each part. */
export const FOUR_PART_TEST: readonly {
  readonly field: ComponentField;
  readonly header: string;
  readonly citation: string;
}[] = [
  {
    field: 'permittedPurpose',
    header: 'Permitted Purpose',
    citation: 'IRC §41(d)(1)(C), (d)(3)(A); Treas. Reg. §1.41-4(a)(5)(ii)',
  },
  {
    field: 'technicalUncertainty',
    header: 'Technical Uncertainty',
    citation: 'IRC §41(d)(1)(A); Treas. Reg. §1.174-2(a)(1)',
  },
  {
    field: 'processOfExperimentation',
    header: 'Process of Experimentation',
    citation: 'IRC §41(d)(1)(C); Treas. Reg. §1.41-4(a)(5)',
  },
  {
    field: 'technologicalInNature',
    header: 'Technological in Nature',
    citation: 'IRC §41(d)(1)(B)(i); Treas. Reg. §1.41-4(a)(4)',
  },
];
export const COMPONENTS: TableSpec<ComponentField> = {
  sheet: 'Components',
  aliases: ['Business Components'],
  labelField: 'component',
  columns: [
    col('component', 'Business Component', 'text', true, true, COMPONENT_CITATION, ['Component']),
    col('type', 'Type', 'text', false, false, COMPONENT_CITATION),
    ...FOUR_PART_TEST.map((t) => col(t.field, t.header, 'text', true, false, t.citation)),
    col(
      'internalUse',
      'Internal-Use Software',
      'yes-no',
      false,
      false,
      'IRC §41(d)(4)(E); Treas. Reg. §1.41-4(c)(6)',
      ['Internal Use', 'IUS'],
      'internal-use software is not flagged for the high threshold of innovation test',
    ),
    col('softwareType', 'Software Type', 'text', false, false, 'Form 6765 (Rev. Dec. 2024) line 49(e)'),
    col('informationSought', 'Information Sought', 'text', false, false, 'Form 6765 (Rev. Dec. 2024) line 49(f)', [
      'Information Sought to Be Discovered',
    ]),
  ],
};

/**
 * Allocations: an employee's qualified wages split across business components (Form 6765
 * Section G lines 50–52); an employee's shares sum to 100%.
 */
export type AllocationField = 'employee' | 'component' | 'share';
export const ALLOCATIONS: TableSpec<AllocationField> = {
  sheet: 'Allocations',
  aliases: ['Allocation', 'Component Allocations'],
  labelField: 'employee',
  columns: [
    col('employee', 'Employee', 'text', true, true, RECORDS_CITATION, ['Employee Name', 'Name']),
    col('component', 'Business Component', 'text', true, true, COMPONENT_CITATION, ['Component']),
    col('share', 'Share', 'fraction', true, true, 'Form 6765 (Rev. Dec. 2024) Section G, lines 50–53', [
      'Share %',
      'Allocation %',
      'Percent',
    ]),
  ],
};

/**
 * A column or About label `<ST> suffix` for one state: `CA QRE`, `US-CA QRE`, `tx credit method`
 * (matched as every header is: `headerKey`). Gives the two letters in upper case.
 */
function stateKeyOf(suffix: string): (header: string) => string | undefined {
  const re = new RegExp(`^(?:us)?([a-z]{2})${headerKey(suffix)}$`);
  return (header) => re.exec(headerKey(header))?.[1]?.toUpperCase();
}

/** Where a state's research credit is computed on the QREs of research done in that state (LAW.md "State credits"). */
export const STATE_QRE_CITATION =
  'e.g. Cal. R&TC §23609; Tex. Tax Code ch. 171 subch. M, T; 35 ILCS 5/201(k); A.R.S. §43-1168; M.G.L. c. 63 §38M';

/**
 * Prior Years `<ST> QRE` (`CA QRE`): the QREs of research done in that state in each earlier
 * tax year, which the state credits' bases average (docs/design.md §4). Any number of states.
 */
export const STATE_QRE_COLUMNS: ColumnPattern = {
  id: 'stateQre',
  header: (key) => `${key} QRE`,
  keyOf: (() => {
    const plain = stateKeyOf('QRE');
    const plural = stateKeyOf('QREs');
    return (header: string) => plain(header) ?? plural(header);
  })(),
  kind: 'amount',
  citation: STATE_QRE_CITATION,
};

const ASC_CITATION = 'IRC §41(c)(4)(A)';
export type PriorYearField = 'taxYear' | 'qre' | 'grossReceipts' | 'domesticRe' | 'foreignRe';
/** §174 vintages of earlier years still being amortized: IRC §174(a); P.L. 119-21 §70302(f). */
const VINTAGE_CITATION = 'IRC §174(a); P.L. 119-21 §70302(f)';
export const PRIOR_YEARS: TableSpec<PriorYearField> = {
  sheet: 'Prior Years',
  aliases: ['Prior Year'],
  labelField: 'taxYear',
  columns: [
    col('taxYear', 'Tax Year', 'year', true, true, ASC_CITATION, ['Year']),
    col('qre', 'QRE', 'amount', true, false, ASC_CITATION, ['QREs', 'Total QRE']),
    col('grossReceipts', 'Gross Receipts', 'amount', false, false, 'IRC §41(c)(1)(B)', ['Receipts']),
    col('domesticRe', 'Domestic R&E', 'amount', false, false, VINTAGE_CITATION),
    col('foreignRe', 'Foreign R&E', 'amount', false, false, VINTAGE_CITATION),
  ],
  patterns: [STATE_QRE_COLUMNS],
};

/**
 * The optional Prior Years columns carrying the research or experimental expenditures of earlier
 * tax years (§174 vintages still being amortized), by where the research was done.
 */
export const PRIOR_YEARS_RE_FIELDS = { domestic: 'domesticRe', foreign: 'foreignRe' } as const;

/** The header a table's field is written under (the spec is the one place it is named). */
export function headerOf<F extends string>(spec: TableSpec<F>, field: F): string {
  const column = spec.columns.find((c) => c.field === field);
  if (!column) throw new RangeError(`${spec.sheet} has no field ${field}`);
  return column.header;
}

const ROLE_CITATION = 'Treas. Reg. §1.41-2(d)(1)';
export type RoleField = 'role' | 'low' | 'high' | 'aliases';
export const ROLES: TableSpec<RoleField> = {
  sheet: 'Roles',
  aliases: ['Role Table'],
  labelField: 'role',
  columns: [
    col('role', 'Role', 'text', true, true, ROLE_CITATION),
    col('low', 'Low %', 'fraction', true, true, ROLE_CITATION, ['Low']),
    col('high', 'High %', 'fraction', true, true, ROLE_CITATION, ['High']),
    // Optional: other job titles the firm reads as the row's role ("SDET; Test Engineer").
    col('aliases', 'Aliases', 'text', false, false, ROLE_CITATION, ['Alias', 'Job Titles']),
  ],
};

/**
 * Reviewer waivers (issue 13): a finding a reviewer accepted, with the reason, kept in the
 * workbook so it survives save and reopen in either host and travels with the study. A waiver
 * holds for the value the cell had when it was given (`Value`, as `waiverValueText` writes it)
 * and lapses when that cell changes. The panel writes the rows; `rdtax check` honours and lists them.
 */
export type WaiverField = 'rule' | 'cell' | 'value' | 'reason' | 'reviewer' | 'date';
export const WAIVERS: TableSpec<WaiverField> = {
  sheet: 'Waivers',
  aliases: ['Review Waivers', 'Reviewer Waivers'],
  labelField: 'cell',
  columns: [
    col('rule', 'Rule', 'text', true, true, RECORDS_CITATION),
    col('cell', 'Cell', 'text', true, true, RECORDS_CITATION),
    col('value', 'Value', 'text', true, false, RECORDS_CITATION),
    col('reason', 'Reason', 'text', true, true, RECORDS_CITATION),
    col('reviewer', 'Reviewer', 'text', false, false, RECORDS_CITATION),
    col('date', 'Date', 'text', false, false, RECORDS_CITATION),
  ],
};

/**
 * Every About field, read once by the study reader (model.ts: a header row or label/value pairs)
 * and written by templates (templates/layout.ts, in this order); the validator, compute and the
 * panel read `study.about.fields`. `words` are the accepted words where the field has a closed set.
 */
export type AboutField =
  | 'template'
  | 'version'
  | 'taxYear'
  | 'profile'
  | 'firm'
  | 'templateName'
  | 'fixedBasePct'
  | 'avgGrossReceipts'
  | 'grossReceipts'
  | 'firstReceiptsYear'
  | 'priorPayrollElections'
  | 'reduced280c'
  | 'sec174Method'
  | 'creditMethod'
  | 'controlledGroup'
  | 'energyConsortia'
  | 'basicResearchPayments'
  | 'qualifiedOrgBase'
  | 'form8932Credit'
  | 'passThroughCredit'
  | 'allocatedToBeneficiaries'
  | 'acquisitionOrDisposition'
  | 'newQreCategories'
  | 'asc730Directive'
  | 'businessCreditCarryforward'
  | 'payrollElection'
  | 'ein'
  | 'businessActivityCode';
/** Credit Method words: the credit claimed on Form 6765 line 28 (blank = the larger). */
export const CREDIT_METHOD_WORDS: readonly string[] = ['ASC', 'Regular'];
export type AboutKind = 'text' | 'year' | 'fraction' | 'amount' | 'count' | 'yes-no' | 'word';
export interface AboutFieldSpec {
  readonly field: AboutField;
  readonly header: string;
  readonly kind: AboutKind;
  readonly words?: readonly string[];
  readonly citation: string;
}
const about = (
  field: AboutField,
  header: string,
  kind: AboutKind,
  citation: string,
  words?: readonly string[],
): AboutFieldSpec => ({ field, header, kind, citation, ...(words ? { words } : {}) });
export const ABOUT_FIELDS: readonly AboutFieldSpec[] = [
  about('template', 'Template', 'text', RECORDS_CITATION),
  about('version', 'Version', 'text', RECORDS_CITATION),
  about('taxYear', 'Tax Year', 'year', 'IRC §41(c)(4); IRC §174A (tax years beginning after December 31, 2024)'),
  about('profile', 'Profile', 'word', 'Treas. Reg. §1.41-2(d)(1)', PROFILE_IDS),
  about('firm', 'Firm', 'text', RECORDS_CITATION),
  about('templateName', 'Template Name', 'text', RECORDS_CITATION),
  about('fixedBasePct', 'Fixed-Base %', 'fraction', 'IRC §41(c)(3)'),
  about('avgGrossReceipts', 'Avg Gross Receipts', 'amount', 'IRC §41(c)(1)(B)'),
  about('grossReceipts', 'Gross Receipts', 'amount', 'IRC §41(h)(3)(A)(i)(I)'),
  about('firstReceiptsYear', 'First Receipts Year', 'year', 'IRC §41(h)(3)(A)(i)(II)'),
  about('priorPayrollElections', 'Prior Payroll Elections', 'count', 'IRC §41(h)(4)(B)(ii)'),
  about('reduced280c', '280C Election', 'yes-no', 'IRC §280C(c)(2)', ['Yes', 'No']),
  about('sec174Method', '174 Method', 'word', 'IRC §174; IRC §174A; P.L. 119-21 §70302', SEC174_METHODS),
  // Form 6765 (Rev. December 2024) inputs the study tables do not hold.
  about('creditMethod', 'Credit Method', 'word', 'IRC §41(c)(4)(B); Form 6765 line 28', CREDIT_METHOD_WORDS),
  about('controlledGroup', 'Controlled Group', 'yes-no', 'IRC §41(f)(1); Form 6765 Item B', ['Yes', 'No']),
  about('energyConsortia', 'Energy Consortia', 'amount', 'IRC §41(a)(3), (f)(6)(E); Form 6765 lines 1, 14'),
  about('basicResearchPayments', 'Basic Research Payments', 'amount', 'IRC §41(a)(2), (e); Form 6765 lines 2, 15'),
  about('qualifiedOrgBase', 'Qualified Org Base', 'amount', 'IRC §41(e)(3); Form 6765 lines 3, 16'),
  about('form8932Credit', 'Form 8932 Credit', 'amount', 'IRC §45P(b); Form 8932 line 2; Form 6765 line 27'),
  about('passThroughCredit', 'Pass-through Credit', 'amount', 'IRC §41(g); Form 6765 line 29'),
  about('allocatedToBeneficiaries', 'Allocated to Beneficiaries', 'amount', 'IRC §41(f)(2); Form 6765 line 31'),
  about('acquisitionOrDisposition', 'Acquisition or Disposition', 'yes-no', 'IRC §41(f)(3); Form 6765 line 39', [
    'Yes',
    'No',
  ]),
  about('newQreCategories', 'New QRE Categories', 'yes-no', 'Form 6765 (Rev. Dec. 2024) line 40', ['Yes', 'No']),
  about('asc730Directive', 'ASC 730 Directive', 'text', 'LB&I-04-0117-001 (ASC 730 directive); Form 6765 line 41'),
  about(
    'businessCreditCarryforward',
    'Business Credit Carryforward',
    'amount',
    'IRC §41(h)(2); IRC §39; Form 6765 line 35',
  ),
  about(
    'payrollElection',
    'Payroll Election',
    'text',
    'IRC §41(h)(1), (4); Form 6765 lines 33a–34 (Yes = the most available; an amount = that amount)',
  ),
  about('ein', 'EIN', 'text', 'Form 6765 (Rev. Dec. 2024) line 49(a)'),
  about('businessActivityCode', 'Business Activity Code', 'text', 'Form 6765 (Rev. Dec. 2024) line 49(b)'),
];

/**
 * The About label `rdtax rollforward --keep-amounts` writes (issue 14 §1): the study was rolled
 * forward with last year's amounts kept. Not an input: the validator reports it
 * (`about/rolled-forward`) until a reviewer clears the cell.
 */
export const ROLLED_FORWARD_LABEL = 'Rolled Forward';

/**
 * The About inputs of a state's credit, one set per state, labelled `<ST> …` (`CA Credit Method`,
 * `CA Fixed-Base %`): what the state's regular method needs and the federal fields hold for the
 * federal credit. Read by the study reader like the fields above (either layout).
 */
export type StateAboutField = 'creditMethod' | 'fixedBasePct' | 'avgGrossReceipts' | 'basicResearchPayments';
export interface StateAboutFieldSpec {
  readonly field: StateAboutField;
  /** The label after the state's code: `CA ${suffix}`. */
  readonly suffix: string;
  readonly kind: AboutKind;
  readonly citation: string;
  keyOf(label: string): string | undefined;
}
const stateAbout = (
  field: StateAboutField,
  suffix: string,
  kind: AboutKind,
  citation: string,
): StateAboutFieldSpec => ({
  field,
  suffix,
  kind,
  citation,
  keyOf: stateKeyOf(suffix),
});
export const STATE_ABOUT_FIELDS: readonly StateAboutFieldSpec[] = [
  stateAbout(
    'creditMethod',
    'Credit Method',
    'word',
    'the state’s credit statute (Cal. R&TC §23609; M.G.L. c. 63 §38M)',
  ),
  stateAbout(
    'fixedBasePct',
    'Fixed-Base %',
    'fraction',
    'IRC §41(c)(3) as the state adopts it (Cal. R&TC §23609; M.G.L. c. 63 §38M)',
  ),
  stateAbout('avgGrossReceipts', 'Avg Gross Receipts', 'amount', 'IRC §41(c)(1)(B) with the state’s gross receipts'),
  stateAbout(
    'basicResearchPayments',
    'Basic Research Payments',
    'amount',
    'IRC §41(e) as the state adopts it (Cal. R&TC §23609; M.G.L. c. 63 §38M)',
  ),
];
/** The header of a state's About field: `CA Fixed-Base %`. */
export function stateAboutLabel(state: string, field: StateAboutField): string {
  const spec = STATE_ABOUT_FIELDS.find((f) => f.field === field);
  return `${state} ${spec?.suffix ?? field}`;
}

/**
 * Whether two template versions are the same: numbers compare as numbers ("1" = "1.0"), other
 * text without case or surrounding spaces. The validator's `template/version-drift` and the
 * panel's drift note both ask this.
 */
export function sameTemplateVersion(a: string, b: string): boolean {
  return versionKey(a) === versionKey(b);
}
function versionKey(v: string): string {
  const t = v.trim();
  const n = readNumber(t);
  return n.kind === 'value' ? toDec(n.value).toString() : t.toLowerCase();
}

/** The tables the reader looks for, in docs/design.md §4 order (the order of `table/missing` findings). */
export type TableKind =
  | 'employees'
  | 'allocations'
  | 'contractors'
  | 'supplies'
  | 'components'
  | 'priorYears'
  | 'roles'
  | 'summary'
  | 'about'
  | 'waivers';
export const SHEET_NAMES: Readonly<
  Record<TableKind, { readonly sheet: string; readonly aliases?: readonly string[] }>
> = {
  employees: EMPLOYEES,
  allocations: ALLOCATIONS,
  contractors: CONTRACTORS,
  supplies: SUPPLIES,
  components: COMPONENTS,
  priorYears: PRIOR_YEARS,
  roles: ROLES,
  summary: { sheet: 'Summary' },
  about: { sheet: 'About' },
  waivers: WAIVERS,
};
export const TABLE_KINDS: readonly TableKind[] = [
  'employees',
  'allocations',
  'contractors',
  'supplies',
  'components',
  'priorYears',
  'roles',
  'summary',
  'about',
  'waivers',
];

/**
 * Header and sheet-name matching: case-, space- and punctuation-insensitive for the marks
 * people add or drop ("R&D %" = "r&d%", "W-2 Box 1 Wages" = "W2 Box1 wages",
 * "Internal-Use Software?" = "internal use software"). `&`, `%` and digits still count.
 */
export function headerKey(s: string): string {
  return s.toLowerCase().replace(/[\s\-_.*:?]+/g, '');
}
