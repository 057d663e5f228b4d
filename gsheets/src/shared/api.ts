/**
 * The calls the sidebar makes to the Apps Script server, and what travels over them.
 *
 * `google.script.run` passes only plain values (numbers, strings, booleans, null, arrays and
 * plain objects): no Date, no undefined inside arrays, no class instances. Everything here is
 * shaped for that wire; the server builds it, the sidebar's PanelHost turns it back into core
 * values. This file is compiled into both the server bundle and the sidebar bundle and the
 * Code.js generator reads ENTRY_POINTS, so the three can never disagree on a name.
 */

import type { EditBlock, RenderedSheet, WorkbookEditResult } from '@panel/host';

/** A cell as it crosses the wire. Dates are sent as text and listed in `WireSheet.dates`. */
export type WireCell = number | string | boolean | null;

/** Rows of a study table still to read, and where they are (a sheet is found again by its id). */
export interface MoreRows {
  /** Sheet.getSheetId(): stays the same when the sheet is renamed or moved. */
  readonly sheetId: number;
  /** The first row not yet sent (1-based), the table's last row, and its width. */
  readonly fromRow: number;
  readonly lastRow: number;
  readonly columns: number;
}

/** A page of a study table's rows (`sidebarReadRows`), dates listed as in WireSheet (rows counted from the page's first). */
export interface WireRows {
  readonly values: WireCell[][];
  readonly dates: [number, number][];
  /** Absent once the table's last row has been sent. */
  readonly more?: MoreRows;
}

/**
 * One sheet as the server read it: a study table with ONE `getValues()` when it fits in one
 * reply; any other sheet (and Summary, which holds only formulas) with its header row only, so
 * the panel can still name the sheets and tell a workbook without study tables from an empty one.
 * A table larger than a reply comes in pages: its first rows here and `more` saying where the
 * rest is (see REPLY_BYTES).
 */
export interface WireSheet {
  readonly name: string;
  readonly values: WireCell[][];
  /**
   * Cells that held a Date, as [row, column] (0-based, into `values`). Their `values` entry is
   * the date's wall-clock time in the spreadsheet's time zone, "yyyy-MM-ddTHH:mm:ss" (no zone):
   * the sidebar rebuilds a local Date with the same calendar fields, so a date typed as
   * 7/1/2025 in a New York spreadsheet is still July 1 in a sidebar running in Tokyo.
   */
  readonly dates: [number, number][];
  /** Rows not in `values` yet: read them with sidebarReadRows. Absent when `values` is the whole table. */
  readonly more?: MoreRows;
}

export interface WireWorkbook {
  readonly spreadsheetName: string;
  readonly sheets: WireSheet[];
}

/** A cell to mark, from a validator finding. */
export interface WireMark {
  /** `Employees!E7`, `'Prior Years'!B3` — the finding's cell. */
  readonly cell: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly rule: string;
  readonly message: string;
}

export interface MarkReport {
  /** Cells now carrying a mark (a cell with several findings counts once). */
  readonly marked: number;
  /** Findings not marked: cells on sheets that no longer exist, or beyond core's MARK_LIMITS.sheets. */
  readonly notMarked: number;
}

export interface ClearReport {
  /** Cells whose note and background were put back as they were. */
  readonly restored: number;
  /** Marked cells the user has changed since: left as the user left them. */
  readonly leftAlone: number;
  /** Marked cells that can no longer be found ("Employees!E7 (its sheet was deleted)"): nothing was put back there. */
  readonly notFound?: readonly string[];
}

/** A template sheet to insert: the panel's RenderedSheet with wire cells (dates impossible). */
export type WireTemplateSheet = Omit<RenderedSheet, 'values' | 'arrayFormulaCells'> & { readonly values: WireCell[][] };

export interface InsertReport {
  readonly inserted: string[];
  /** Sheets that already existed: never overwritten. */
  readonly skipped: string[];
}

/** What the server offers the sidebar. Each is a top-level function of Code.js. */
export interface SidebarServer {
  sidebarReadWorkbook(): WireWorkbook;
  sidebarReadRows(more: MoreRows): WireRows;
  sidebarSelectCell(a1: string): void;
  sidebarMarkCells(marks: WireMark[]): MarkReport;
  sidebarClearMarks(): ClearReport;
  sidebarInsertSheets(sheets: WireTemplateSheet[]): InsertReport;
  /** Fix / Undo: `value` into the one cell `a1` while it holds `expected`; what it held. */
  sidebarWriteCell(a1: string, value: WireCell, expected: WireCell): WireCell;
  /** Waive: one row of text after the Waivers sheet's last row (the sheet made if missing). */
  sidebarAppendWaiver(row: string[]): void;
  /** Remove waiver: empty the Waivers row of `at` while it holds `expected`. */
  sidebarRemoveWaiver(at: string, expected: WireCell[]): void;
  /** Start next year's study, Upgrade the template: blocks of values, never over a formula. */
  sidebarApplyEdit(blocks: WireEditBlock[]): WireEditResult;
  /** The script text of one of the sidebar's on-demand parts (gsheets/src/server/chunks.ts). */
  sidebarChunk(name: string): string;
}

/** What the menu and Sheets' simple triggers call. */
export interface TriggerServer {
  onOpen(e?: unknown): void;
  onInstall(e?: unknown): void;
  showValidateSidebar(): void;
  showTemplateSidebar(): void;
}

export type EntryPointName = keyof SidebarServer | keyof TriggerServer;

/**
 * Every public top-level function of Code.js that is not a custom function, with its
 * parameters and the sentence its JSDoc carries. google.script.run and menu items can only
 * call public names (a trailing `_` makes a function private), so these have none; every
 * other top-level name in Code.js ends in `_`.
 */
export const ENTRY_POINTS: readonly {
  readonly name: EntryPointName;
  readonly params: readonly string[];
  readonly doc: string;
}[] = [
  { name: 'onOpen', params: ['e'], doc: 'Simple trigger: adds the RD Credit Studio menu when the spreadsheet opens.' },
  {
    name: 'onInstall',
    params: ['e'],
    doc: 'Add-on install trigger: adds the menu at once, without reopening the spreadsheet.',
  },
  { name: 'showValidateSidebar', params: [], doc: 'Menu: opens the sidebar on Validate.' },
  { name: 'showTemplateSidebar', params: [], doc: 'Menu: opens the sidebar on Insert template.' },
  {
    name: 'sidebarReadWorkbook',
    params: [],
    doc: 'Sidebar: reads each study table with one getValues() and returns it for the validator.',
  },
  {
    name: 'sidebarReadRows',
    params: ['more'],
    doc: 'Sidebar: more rows of a large study table.',
  },
  { name: 'sidebarSelectCell', params: ['a1'], doc: 'Sidebar: selects the cell a finding points at.' },
  {
    name: 'sidebarMarkCells',
    params: ['marks'],
    doc: "Sidebar: marks findings' cells with a note and a background, remembering what was there.",
  },
  { name: 'sidebarClearMarks', params: [], doc: 'Sidebar: removes only its own marks and restores what was there.' },
  {
    name: 'sidebarInsertSheets',
    params: ['sheets'],
    doc: 'Sidebar: inserts template sheets, skipping any sheet that already exists.',
  },
  { name: 'sidebarWriteCell', params: ['a1', 'value', 'expected'], doc: 'Sidebar: Fix or Undo one cell.' },
  { name: 'sidebarAppendWaiver', params: ['row'], doc: 'Sidebar: adds a waiver row.' },
  { name: 'sidebarRemoveWaiver', params: ['at', 'expected'], doc: 'Sidebar: empties a waiver row.' },
  { name: 'sidebarApplyEdit', params: ['blocks'], doc: "Sidebar: next year's study or a template upgrade." },
  {
    name: 'sidebarChunk',
    params: ['name'],
    doc: 'Sidebar: the script of a part it loads when first needed (the template code, Form 6765).',
  },
];

/**
 * The largest study table the server sends (rows × columns). The validator handles 100,000
 * rows; beyond this the server answers with a sentence saying the table is too large rather
 * than risk the 6-minute execution limit and the size of a google.script.run reply.
 */
export const MAX_CELLS_PER_TABLE = 2_000_000;

/**
 * The most cell data one google.script.run reply carries, in bytes of JSON (UTF-8; a character
 * beyond ASCII is counted as three, the most it can take, so pages err small). Apps Script
 * documents no limit on what a server function returns; a whole 2,000,000-cell table is tens of
 * MB in one reply, which the sidebar's page then parses in one piece. So a study table larger
 * than this comes in pages (`sidebarReadRows`), each at most this much plus one row (a row is
 * never split): 2 MB crosses the wire in a second or two and parses in milliseconds, and a
 * 50,000-row study takes a handful of calls. `npm run bench` prints the largest reply against
 * a 5 MB budget.
 */
export const REPLY_BYTES = 2_000_000;

/** Cells read from a sheet per page at most (a page's one getValues()), whatever fits in REPLY_BYTES. */
export const PAGE_CELLS = 200_000;

/** The prefix of every note the add-in writes: how clearMarks knows a note is its own. */
export const NOTE_PREFIX = 'RD Credit Studio:';

/** The sidebar's start view, set by the menu item that opened it. */
export type StartView = 'validate' | 'templates';

/** A block of `applyWorkbookEdit` on the wire: dates as their yyyy-mm-dd, listed in `dates` ([row, column] in `values`). */
export type WireEditBlock = Omit<EditBlock, 'values'> & {
  readonly values: WireCell[][];
  readonly dates?: [number, number][];
};
export type WireEditResult = Omit<WorkbookEditResult, 'added' | 'note'>;
