/**
 * A firm template (docs/design.md §6): what a firm shares so that every study it prepares starts
 * from the same sheets, columns, drop-down lists, role table, Summary formulas and rule
 * severities. It travels as JSON (templates/firm-template.schema.json) and is imported with
 * `parseTemplate`, which never trusts the file: every field is checked and located.
 */
import type { ProfileId } from '../law/roles';
import type { CellValue } from '../cells';
import type { Severity } from '../study/types';

/**
 * A role's typical qualifying share of time, as fractions 0–1 (a cell showing 80% holds 0.8).
 * A review prompt only: the IRS measure is actual time spent (Treas. Reg. §1.41-2(d)(1)).
 */
export interface TemplateRole {
  readonly role: string;
  readonly low: number;
  readonly high: number;
  /** Other job titles the firm reads as this role ("SDET"); written to the Roles sheet's Aliases column. */
  readonly aliases?: readonly string[];
}

/**
 * Named drop-down lists a column may use. `roles` comes from the template's role table,
 * `components` from the Components sheet and `employees` from the Employees sheet; `locations`,
 * `environments` and `componentTypes` can be edited by the firm (`lists`); `contractTypes`,
 * `categories`, `yesNo`, `qualifiedServices` and `softwareTypes` are the words the law and the
 * engine understand and cannot be changed.
 */
export type ListName =
  | 'roles'
  | 'locations'
  | 'contractTypes'
  | 'environments'
  | 'categories'
  | 'yesNo'
  | 'componentTypes'
  | 'components'
  | 'employees'
  | 'qualifiedServices'
  | 'softwareTypes';
export const LIST_NAMES: readonly ListName[] = [
  'roles',
  'locations',
  'contractTypes',
  'environments',
  'categories',
  'yesNo',
  'componentTypes',
  'components',
  'employees',
  'qualifiedServices',
  'softwareTypes',
];

/** How a column's cells are formatted (number format only; values are never changed). */
export type ColumnFormat = 'text' | 'amount' | 'percent' | 'year';
export const COLUMN_FORMATS: readonly ColumnFormat[] = ['text', 'amount', 'percent', 'year'];

export interface TemplateColumn {
  /** The header in row 1 (matched case- and space-insensitively by the study reader). */
  readonly header: string;
  /** A named list, or the list's words themselves. */
  readonly list?: ListName | readonly string[];
  /** Column width in characters. */
  readonly width?: number;
  readonly format?: ColumnFormat;
}

export interface TemplateSheet {
  readonly name: string;
  readonly columns: readonly TemplateColumn[];
  /** The last row that gets drop-down lists and formats (default 1000). */
  readonly rows?: number;
}

/** One Summary row. The formula is written with the catalogue's names (`=RD_QRE(...)`). */
export interface SummaryLine {
  /** Form 6765 line, e.g. "42", or a short key; shown in column A. */
  readonly line?: string;
  readonly label: string;
  readonly formula: string;
  /**
   * The formula evaluates ranges element-wise (`IF(Supplies!B2:B1000="Supply", …)`): Sheets
   * needs it inside ARRAYFORMULA, an .xlsx file stores it as an array formula.
   */
  readonly array?: boolean;
}

export interface TemplateLists {
  readonly locations?: readonly string[];
  readonly environments?: readonly string[];
  readonly componentTypes?: readonly string[];
}

/**
 * A column the firm renamed: studies made before version `since` carry `from`, and
 * `rdtax template upgrade` moves that column's data under `to` (a column of `sheet` in this template).
 */
export interface TemplateRename {
  readonly sheet: string;
  readonly from: string;
  readonly to: string;
  /** The version that introduced the new name. */
  readonly since: string;
}

/** The longest changelog line a template may carry (one sentence or two). */
export const CHANGELOG_LINE_MAX = 500;

/** A rule's severity in this firm's studies, or `off` to drop the rule. */
export type SeverityOverride = Severity | 'off';

export interface FirmTemplate {
  /** A short identifier the About sheet records ("acme-software"). */
  readonly id: string;
  readonly name: string;
  /** Recorded on the About sheet; a study made from another version gets `template/version-drift`. */
  readonly version: string;
  readonly firm: string;
  readonly profile: ProfileId;
  /** The calendar year in which the study's tax year begins. */
  readonly taxYear: number;
  readonly roles: readonly TemplateRole[];
  readonly lists?: TemplateLists;
  readonly sheets: readonly TemplateSheet[];
  readonly summary: readonly SummaryLine[];
  /**
   * Whether the workbook gets the `Form 6765` sheet (rendered from form6765/form.ts, every amount a
   * live formula over the study sheets). Absent = true; false leaves the sheet out (a firm that
   * files from its own tax software and wants no second form in the study).
   */
  readonly form6765?: boolean;
  /** Rule id → severity the firm wants instead of the default. */
  readonly severityOverrides?: Readonly<Record<string, SeverityOverride>>;
  /** Columns renamed since earlier versions, for `template upgrade` (issue 14 §2). */
  readonly renames?: readonly TemplateRename[];
  /** Version → one line saying what changed in it (shown by the upgrade and the drift report). */
  readonly changelog?: Readonly<Record<string, string>>;
}

export type Host = 'excel' | 'sheets';

export interface RenderedValidation {
  /** A1 range without the sheet, e.g. "B2:B1000". */
  readonly range: string;
  /** The accepted words. */
  readonly list: readonly string[];
  /**
   * Where the list lives in the workbook (`Roles!$A$2:$A$200`), when it is a range the user
   * can extend; a host may use it instead of the literal list (Excel caps literal lists at
   * 255 characters).
   */
  readonly listRange?: string;
  /** true: only the listed words are accepted; false: the list is a suggestion (a warning). */
  readonly strict: boolean;
}

export interface RenderedFormat {
  readonly range: string;
  /** Number format code understood by Excel, Sheets and LibreOffice ("0%", "#,##0.00"). */
  readonly format: string;
}

/**
 * A formula the renderer wrote: a Summary formula that passed the vocabulary check
 * (formula.ts), in the host's spelling. The only way a formula reaches a workbook.
 */
export interface RenderedFormula {
  /** A1 address without the sheet, e.g. "C2". */
  readonly cell: string;
  /** Starts with "=". */
  readonly formula: string;
  /** Store it as an array formula (an .xlsx file; Sheets has it inside ARRAYFORMULA already). */
  readonly array?: boolean;
}

/**
 * A sheet, host-neutral: row 1 is the header. A string in `values` is always text, whatever
 * it starts with; formulas are listed apart in `formulas` (their cells are null in `values`),
 * so a writer cannot take one for the other.
 */
export interface RenderedSheet {
  readonly name: string;
  readonly values: CellValue[][];
  readonly formulas: readonly RenderedFormula[];
  readonly validations: readonly RenderedValidation[];
  readonly formats: readonly RenderedFormat[];
  /** Width in characters, by column (index 0 = column A). */
  readonly columnWidths?: readonly number[];
}

export type TemplateParseResult =
  { readonly ok: true; readonly template: FirmTemplate } | { readonly ok: false; readonly errors: readonly string[] };
