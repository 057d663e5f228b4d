/**
 * The contract between the host-neutral panel UI (Excel task pane, Sheets sidebar, the demo
 * page) and the host it runs in. The panel never computes a tax number and never touches a
 * host API itself: it asks the host for the workbook, hands it to the core validator, shows
 * findings, and asks the host to select or mark cells and to insert template sheets.
 *
 * Every method may reject; the panel turns a rejection into a sentence (never a frozen pane).
 * A rejection's `Error.message` is shown to the user, so hosts should write it as a sentence.
 */
import type { Finding, WorkbookGrids } from '@core/study/types';
import type { CellValue } from '@core/cells';
import type { RenderedFormula } from '@core/templates/types';
import { waiverValueText } from '@core/study/checks/waivers';

/** A cell's value as a host's sentence names it: 85, “Germany”, nothing (blank). */
export function shownValue(v: CellValue): string {
  const t = waiverValueText(v);
  if (t === '') return 'nothing (blank)';
  return typeof v === 'string' ? `“${t.length > 80 ? `${t.slice(0, 80)}…` : t}”` : t;
}

/**
 * A template sheet rendered host-neutrally. core/src/templates `renderTemplate` returns a
 * superset of this (every field below, always present); hosts may use the optional extras.
 */
export interface RenderedSheet {
  readonly name: string;
  /** Row 1 is the header. A string is always text, whatever it starts with: write it as text. */
  readonly values: readonly (readonly CellValue[])[];
  /** The only formulas to write (checked by core, in the host's spelling); their cells are null in `values`. */
  readonly formulas?: readonly RenderedFormula[];
  readonly validations?: readonly {
    /** A1 range without the sheet, e.g. "B2:B1000". */
    readonly range: string;
    readonly list: readonly string[];
    /** A workbook range holding the list (`Roles!$A$2:$A$200`), to use instead of the literal list. */
    readonly listRange?: string;
    /** true: reject other entries; false: warn only. Absent: strict. */
    readonly strict?: boolean;
  }[];
  /** Number formats ("#,##0.00", "0.00%") by A1 range without the sheet. */
  readonly formats?: readonly { readonly range: string; readonly format: string }[];
  /** Width in characters, by column (index 0 = column A). */
  readonly columnWidths?: readonly number[];
}

export interface ClearMarksResult {
  readonly notFound: readonly string[];
  /** One sentence: what this host could not do here (an older Excel), shown with the result. */
  readonly note?: string;
}

/** What marking did, from core's mark plan (core/src/plans/mark-plan.ts). */
export interface MarkCellsResult {
  /** Cells now carrying a mark (a cell with several findings counts once). */
  readonly marked: number;
  /** Findings not marked: their sheet is gone, or their cell lies beyond the host's limit. */
  readonly notMarked: number;
  /** One sentence: what this host could not do here (an older Excel), shown with the result. */
  readonly note?: string;
}

/** What re-entering study formulas did (Excel: formulas stuck at #NAME?, see excel-addin/src/reenter.ts). */
export interface ReenterReport {
  /** Formulas written back, by sheet, in workbook order (sheets with none are left out). */
  readonly reentered: readonly { readonly sheet: string; readonly count: number }[];
  /** Sheets where Excel refused the write (a protected sheet): how many formulas and Excel's reason. */
  readonly failed: readonly { readonly sheet: string; readonly count: number; readonly reason: string }[];
  /** One sentence: what this host could not do here (an older Excel). */
  readonly note?: string;
}

export interface InsertResult {
  readonly inserted: string[];
  readonly skipped: string[];
  /** One sentence: what this host left out of the inserted sheets (an older Excel). */
  readonly note?: string;
}

export interface PanelHost {
  readonly kind: 'excel' | 'sheets' | 'demo';
  /** Read every sheet, one read per sheet (`range.values` / `getValues()`); row 1 of a sheet is `values[0]`. */
  readWorkbook(): Promise<WorkbookGrids>;
  /** Select (and scroll to) a cell given as an A1 reference with its sheet: `Employees!E7`, `'Prior Years'!B3`. */
  selectCell(a1: string): Promise<void>;
  /**
   * Mark the cells of these findings (note or background) as core's mark plan says — only
   * marks the panel can later remove — and say how many findings were left unmarked.
   */
  markCells(findings: readonly Finding[]): Promise<MarkCellsResult>;
  /**
   * Remove the panel's own marks and nothing else. A host that can lose track of a mark (its
   * sheet or cell deleted) lists those cells in `notFound` ("Employees!E7 (its sheet was
   * deleted)"), so the panel never claims it put everything back.
   */
  clearMarks(): Promise<ClearMarksResult | void>;
  /**
   * Insert the template sheets core's insert plan adds; a sheet the study reader would take for
   * an existing one is never overwritten: it is skipped and named in `skipped`.
   */
  insertSheets(sheets: readonly RenderedSheet[]): Promise<InsertResult>;
  /**
   * Excel only: make `=RD_QRE(...)` work as in Sheets where the host can. `added` names what
   * was created; `note` (optional, one sentence) says what it does and does not do.
   */
  addShortNames?(): Promise<{ added: string[]; note?: string }>;
  /**
   * Excel only: write back, unchanged but for the spelling `RDTAX.NAME(`, the study formulas
   * Excel shows as #NAME? because they reached the workbook before the add-in's functions did
   * (one `formulas` write per block of such cells), and nothing else.
   */
  reenterStudyFormulas?(): Promise<ReenterReport>;
  /**
   * Fix and Undo (issue 13 §2): write `value` to exactly this one cell (`Employees!E7`) if it
   * still holds `expected` (compared as core's `waiverValueText` reads them, so 0.85 and "0.85"
   * are the same), and resolve with what it held. A cell that holds something else now, or a
   * formula, is left alone: the promise rejects with a sentence naming the cell and what it holds.
   * Text is written as text, never as a formula.
   */
  writeCell?(a1: string, value: CellValue, expected: CellValue): Promise<CellValue>;
  /**
   * Waive with a reason: add `row` (core's `waiverRow`, in the Waivers sheet's column order) as
   * the next row of the Waivers sheet, creating the sheet with core's WAIVER_HEADERS when there is
   * none. Every entry is written as text (a reason starting with "=" stays that text).
   */
  appendWaiver?(row: readonly string[]): Promise<void>;
  /**
   * Remove a waiver: empty the row of the Waivers sheet at `at` (`Waivers!A3`, the waiver's
   * own cell) if its cells still hold `expected` (the row as the panel read it, from column A);
   * otherwise reject with a sentence and change nothing. Other rows do not move.
   */
  removeWaiver?(at: string, expected: readonly CellValue[]): Promise<void>;
  /**
   * Start next year's study, upgrade the template (issue 14 §1, §2): carry out `edit` (core's
   * plan as blocks, made by panel/src/year-actions.ts) on the open workbook — the sheets first
   * (added as insertSheets adds them; one that exists is skipped), then each block with one
   * values write. A cell holding a formula is never written: `skip` leaves it and lists it in
   * `formulasKept`; `refuse` leaves the whole block and names it in `refused`. Text is written
   * as text, never as a formula.
   */
  applyWorkbookEdit?(edit: WorkbookEdit): Promise<WorkbookEditResult>;
}

/** One rectangle of values to write: `row` 1-based, `col` 0-based (as core's plans number cells). */
export interface EditBlock {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly values: readonly (readonly CellValue[])[];
  /** `skip`: formula cells kept, the rest written; `refuse`: nothing written if any cell holds a formula. */
  readonly formulas: 'skip' | 'refuse';
  /**
   * The block is the whole sheet as the panel read it (a sheet whose columns move): nothing is
   * written if the sheet holds anything outside it (typed since, or not sent to the panel).
   */
  readonly wholeSheet?: boolean;
}

/** What `applyWorkbookEdit` carries out. */
export interface WorkbookEdit {
  readonly addSheets: readonly RenderedSheet[];
  readonly blocks: readonly EditBlock[];
}

export interface WorkbookEditResult {
  /** Cells written (blank ones included). */
  readonly written: number;
  /** Formula cells a `skip` block left as they were (`Employees!C4`). */
  readonly formulasKept: readonly string[];
  /** Blocks not written: a `refuse` block's first formula cell, or a `wholeSheet` block's sheet's last cell outside it (`F2`). */
  readonly refused: readonly { readonly sheet: string; readonly cell: string; readonly why: 'formula' | 'outside' }[];
  /** Sheets added. */
  readonly added: readonly string[];
  /** One sentence: what this host could not do here. */
  readonly note?: string;
}
