/**
 * The contract between the host-neutral panel UI (Excel task pane, Sheets sidebar, the demo
 * page) and the host it runs in. The panel never computes a tax number and never touches a
 * host API itself: it asks the host for the workbook, hands it to the core validator, shows
 * findings, and asks the host to select or mark cells and to insert template sheets.
 */
import type { Finding, WorkbookGrids } from '../../src/study/types';
import type { CellValue } from '../../src/cells';

/** A template rendered host-neutrally (core/src/templates renderTemplate output). */
export interface RenderedSheet {
  readonly name: string;
  readonly values: readonly (readonly CellValue[])[];
  readonly validations?: readonly { readonly range: string; readonly list: readonly string[] }[];
  readonly columnWidths?: readonly number[];
}

export interface PanelHost {
  readonly kind: 'excel' | 'sheets' | 'demo';
  /** Read every study table, one read per sheet (`range.values` / `getValues()`). */
  readWorkbook(): Promise<WorkbookGrids>;
  /** Select (and scroll to) a cell given as an A1 reference with its sheet: `Employees!E7`, `'Prior Years'!B3`. */
  selectCell(a1: string): Promise<void>;
  /** Mark the cells of these findings (note or background) — only marks the panel can later remove. */
  markCells(findings: readonly Finding[]): Promise<void>;
  /** Remove the panel's own marks and nothing else. */
  clearMarks(): Promise<void>;
  /** Insert template sheets; existing sheets of the same name are never overwritten silently. */
  insertSheets(sheets: readonly RenderedSheet[]): Promise<{ inserted: string[]; skipped: string[] }>;
  /** Excel only: workbook names so `=RD_QRE(...)` works as in Sheets. */
  addShortNames?(): Promise<{ added: string[] }>;
}
