/**
 * The study workbook's tables as a template lays them out (docs/design.md §4), the fixed
 * drop-down lists, and the sheets a template may not define because the renderer writes them.
 */
import { CLOUD_ENVIRONMENTS } from '../calc/qre';
import { columnLetter } from '../study/a1';
import { US_STATES } from '../study/classify';
import {
  ABOUT_FIELDS,
  ALLOCATIONS,
  COMPONENTS,
  CONTRACTORS,
  EMPLOYEES,
  PRIOR_YEARS,
  QUALIFIED_SERVICE_WORDS,
  ROLES,
  SOFTWARE_TYPE_WORDS,
  SUPPLIES,
  headerKey,
  headerOf,
  type AboutField,
  type ColumnSpec,
  type TableSpec,
} from '../study/schema';
import type { TemplateSheet } from './types';

/** The study tables a template may lay out (the study reader's specs: headers, aliases, required columns). */
export const STUDY_TABLES: readonly TableSpec[] = [
  EMPLOYEES,
  ALLOCATIONS,
  CONTRACTORS,
  SUPPLIES,
  COMPONENTS,
  PRIOR_YEARS,
];

/** Every column the study reader knows, by table (the built-in templates write them all). */
export const STUDY_TABLE_COLUMNS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  STUDY_TABLES.map((t) => [t.sheet, t.columns.map((c) => c.header)]),
);

/** The table a sheet name is (matched as the study reader matches it), if any. */
export function studyTableOf(sheetName: string): TableSpec | undefined {
  const key = headerKey(sheetName);
  return STUDY_TABLES.find((t) => [t.sheet, ...(t.aliases ?? [])].some((n) => headerKey(n) === key));
}

/** Whether a header names the column (its header or an alias, as the study reader matches). */
export function headerMatches(header: string, column: ColumnSpec): boolean {
  const key = headerKey(header);
  return [column.header, ...(column.aliases ?? [])].some((h) => headerKey(h) === key);
}

/** The sheet rendered from the one Form 6765 description (form6765/form.ts), unless a template opts out. */
export const FORM_SHEET = 'Form 6765';

/** Sheets the renderer writes from the template's other fields; a template cannot define them. */
export const GENERATED_SHEETS = ['Roles', 'Summary', FORM_SHEET, 'About'] as const;

/** The About sheet, one header row and one row of values: every About field of the study schema, in its order. */
export const ABOUT_COLUMNS: readonly string[] = ABOUT_FIELDS.map((f) => f.header);

/** About!X2 for a field, for Summary formulas. */
export function aboutCell(field: AboutField): string {
  return `About!${columnLetter(ABOUT_FIELDS.findIndex((f) => f.field === field))}2`;
}

export const ROLES_COLUMNS = ['Role', 'Low %', 'High %'] as const;
/** The Roles sheet's optional fourth column: other job titles read as the row's role. */
export const ROLES_ALIASES_HEADER = headerOf(ROLES, 'aliases');
export const SUMMARY_COLUMNS = ['Line', 'Description', 'Amount'] as const;

/** §41(b)(3)(A), (C), (D): the applicable percentage is keyed on these words. */
export const CONTRACT_TYPES = ['standard', 'consortium', 'energy'] as const;
/** docs/design.md §4: Equipment (depreciable, §41(b)(2)(C)) and Utilities are never supplies. */
export const SUPPLY_CATEGORIES = ['Supply', 'Cloud', 'Equipment', 'Utilities'] as const;
export const YES_NO = ['Yes', 'No'] as const;

/** A word map's canonical words (the first spelling of each meaning), capitalised as a drop-down shows them. */
function canonicalWords(words: ReadonlyMap<string, string>): string[] {
  const seen = new Map<string, string>();
  for (const [word, meaning] of words) if (!seen.has(meaning)) seen.set(meaning, word);
  return [...seen.values()].map((w) => w.charAt(0).toUpperCase() + w.slice(1));
}
/** Qualified Service: Direct research / Direct supervision / Direct support (§41(b)(2)(B); Form 6765 lines 50–52). */
export const QUALIFIED_SERVICES: readonly string[] = canonicalWords(QUALIFIED_SERVICE_WORDS);
/** Software Type: Internal use / Non-internal use / Dual function (Form 6765 line 49(e)). */
export const SOFTWARE_TYPES: readonly string[] = canonicalWords(SOFTWARE_TYPE_WORDS);
/** The environment words RD_CLOUD_QRE understands (§41(b)(2)(A)(iii)). */
export const ENVIRONMENT_WORDS: readonly string[] = [...CLOUD_ENVIRONMENTS.keys()];

/**
 * Default locations: US; each state, DC and territory by its code (CA — research in the US that
 * names the state whose credit it may earn, docs/design.md §4), alphabetically; then a few common
 * research locations abroad. Anything not in the US is foreign (§41(d)(4)(F)). The list is not
 * strict (any place may be typed) and stays within Excel's 255 characters of a literal list.
 */
export const DEFAULT_LOCATIONS: readonly string[] = [
  'US',
  ...[...US_STATES.keys()].sort(),
  'Canada',
  'Mexico',
  'United Kingdom',
  'Ireland',
  'Germany',
  'Israel',
  'India',
  'China',
  'Other (foreign)',
];
/** Kinds of business component, §41(d)(2)(B): product, process, computer software, technique, formula or invention. */
export const DEFAULT_COMPONENT_TYPES = [
  'Product',
  'Process',
  'Computer software',
  'Technique',
  'Formula',
  'Invention',
] as const;

/** Rows of each table that get drop-down lists and formats unless the template says otherwise. */
export const DEFAULT_ROWS = 1000;

/** The standard tables with their lists, formats and widths — what both built-in templates use. */
export const STANDARD_SHEETS: readonly TemplateSheet[] = [
  {
    name: 'Employees',
    columns: [
      { header: 'Employee', width: 24 },
      { header: 'Role', list: 'roles', width: 28 },
      { header: 'Location', list: 'locations', width: 14 },
      { header: 'W-2 Box 1 Wages', format: 'amount', width: 16 },
      { header: 'R&D %', format: 'percent', width: 9 },
      { header: 'Business Component', list: 'components', width: 26 },
      { header: 'Qualified Service', list: 'qualifiedServices', width: 18 },
      { header: 'Officer', list: 'yesNo', width: 9 },
    ],
  },
  {
    // An employee's qualified wages split across business components (Form 6765 Section G).
    name: 'Allocations',
    columns: [
      { header: 'Employee', list: 'employees', width: 24 },
      { header: 'Business Component', list: 'components', width: 26 },
      { header: 'Share', format: 'percent', width: 9 },
    ],
  },
  {
    name: 'Contractors',
    columns: [
      { header: 'Vendor', width: 24 },
      { header: 'Location', list: 'locations', width: 14 },
      { header: 'Amount Paid', format: 'amount', width: 14 },
      { header: 'R&D %', format: 'percent', width: 9 },
      { header: 'Contract Type', list: 'contractTypes', width: 14 },
      { header: 'Rights Retained', list: 'yesNo', width: 15 },
      { header: 'Financial Risk', list: 'yesNo', width: 14 },
      { header: 'Business Component', list: 'components', width: 26 },
      { header: 'QRE', format: 'amount', width: 14 },
    ],
  },
  {
    name: 'Supplies',
    columns: [
      { header: 'Description', width: 30 },
      { header: 'Category', list: 'categories', width: 12 },
      { header: 'Environment', list: 'environments', width: 24 },
      { header: 'Amount', format: 'amount', width: 14 },
      { header: 'R&D %', format: 'percent', width: 9 },
      { header: 'Business Component', list: 'components', width: 26 },
    ],
  },
  {
    name: 'Components',
    columns: [
      { header: 'Business Component', width: 28 },
      { header: 'Type', list: 'componentTypes', width: 18 },
      { header: 'Permitted Purpose', width: 30 },
      { header: 'Technical Uncertainty', width: 30 },
      { header: 'Process of Experimentation', width: 30 },
      { header: 'Technological in Nature', width: 30 },
      { header: 'Internal-Use Software', list: 'yesNo', width: 12 },
      { header: 'Software Type', list: 'softwareTypes', width: 16 },
      { header: 'Information Sought', width: 36 },
    ],
  },
  {
    name: 'Prior Years',
    rows: 20,
    columns: [
      { header: 'Tax Year', format: 'year', width: 10 },
      { header: 'QRE', format: 'amount', width: 16 },
      { header: 'Gross Receipts', format: 'amount', width: 18 },
      // §174 vintages still being amortized (IRC §174(a); P.L. 119-21 §70302(f)).
      { header: 'Domestic R&E', format: 'amount', width: 16 },
      { header: 'Foreign R&E', format: 'amount', width: 16 },
    ],
  },
];
