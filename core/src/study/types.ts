/**
 * The contract between hosts and the study engine (docs/design.md §4–5). Every host — Excel
 * (`range.values`), Sheets (`getValues()`), the CLI (exceljs / csv) — hands the engine a
 * workbook as named 2-D grids of cell values and gets findings back.
 */
import type { CellValue } from '../cells';

/** One sheet as the host read it: row 1 of the sheet is `values[0]`. */
export interface SheetGrid {
  readonly name: string;
  readonly values: readonly (readonly CellValue[])[];
}
/** A workbook as named grids (any order; sheet names matched case- and space-insensitively). */
export interface WorkbookGrids {
  readonly sheets: readonly SheetGrid[];
}

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Rule id, named like a lint rule: `contract/rate`. */
  readonly rule: string;
  readonly severity: Severity;
  /** The sheet's name as it appears in the workbook. */
  readonly sheet: string;
  /** A1 reference including the sheet, quoted when needed: `Employees!E7`, `'Prior Years'!B3`. */
  readonly cell: string;
  /** One plain sentence: what is wrong, where, what to do. */
  readonly message: string;
  readonly citation: string;
  /**
   * Where the message names the one right value for the cell (`enter $65,000.00`, `enter 0.85 for
   * 85%`): that value, for a host's Fix button to write to `cell` — and nothing else.
   */
  readonly fix?: { readonly value: number };
}
