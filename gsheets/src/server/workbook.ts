/**
 * Reading the study for the validator, and selecting the cell a finding points at. A study
 * table larger than one reply (REPLY_BYTES of JSON) is sent in pages: the first rows with the
 * workbook, the rest by sidebarReadRows, each page one getValues() of at most PAGE_CELLS cells.
 */
import { isDate } from '@core/cells';
import { headerKey, SHEET_NAMES, TABLE_KINDS, type TableKind } from '@core/study/schema';
import {
  MAX_CELLS_PER_TABLE,
  PAGE_CELLS,
  REPLY_BYTES,
  type MoreRows,
  type WireCell,
  type WireRows,
  type WireSheet,
  type WireWorkbook,
} from '../shared/api';

/** Tables whose values the validator reads; Summary is only formulas built from the catalogue. */
const READ_KINDS: ReadonlySet<TableKind> = new Set<TableKind>([
  'employees',
  'allocations',
  'contractors',
  'supplies',
  'components',
  'priorYears',
  'roles',
  'about',
  'waivers',
]);

let studyKeys: Map<string, TableKind> | undefined;
/** The study table a sheet name is (matched as the core reader matches it), if any. */
export function studyTableKind(sheetName: string): TableKind | undefined {
  if (!studyKeys) {
    studyKeys = new Map();
    for (const k of TABLE_KINDS)
      for (const n of [SHEET_NAMES[k].sheet, ...(SHEET_NAMES[k].aliases ?? [])]) studyKeys.set(headerKey(n), k);
  }
  return studyKeys.get(headerKey(sheetName));
}

const DATE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss";

/** 250000 → "250,000", without relying on the runtime's Intl data. */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A cell for the wire: dates become wall-clock text (google.script.run cannot carry a Date). */
function wireCell(v: unknown, timeZone: string): WireCell {
  if (isDate(v)) return Utilities.formatDate(v, timeZone, DATE_FORMAT);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return v === null || v === undefined ? null : String(v);
}

/**
 * What a string weighs in a reply, at most: its UTF-8 bytes, counting every character beyond
 * ASCII as three (the most one UTF-16 unit takes), so a page never exceeds its budget.
 */
const replyBytes = (s: string) => s.length + 2 * (s.match(/[^\0-\x7f]/g) ?? []).length;

/** What is left of one reply's REPLY_BYTES. */
interface Budget {
  left: number;
}

/**
 * The rows of `values` (0-based row `r` of the page) for the wire, in order, while they fit in
 * the budget — at least one if `atLeastOne`. Dates become their wall-clock text in the
 * spreadsheet's time zone and are listed in `dates`.
 */
function wirePage(
  values: unknown[][],
  timeZone: string,
  budget: Budget,
  atLeastOne: boolean,
): { values: WireCell[][]; dates: [number, number][] } {
  const out: WireCell[][] = [];
  const dates: [number, number][] = [];
  for (let r = 0; r < values.length; r++) {
    const wire = (values[r] ?? []).map((v, c) => {
      if (isDate(v)) dates.push([r, c]);
      return wireCell(v, timeZone);
    });
    // The row's JSON and the comma after it.
    const bytes = replyBytes(JSON.stringify(wire)) + 1;
    if (bytes > budget.left && !(atLeastOne && out.length === 0)) {
      // Not sent: neither are its dates.
      while (dates.length > 0 && dates[dates.length - 1]![0] === r) dates.pop();
      break;
    }
    budget.left -= bytes;
    out.push(wire);
  }
  return { values: out, dates };
}

/** Rows per page for a table this wide (at least one). */
const pageRows = (columns: number) => Math.max(1, Math.floor(PAGE_CELLS / Math.max(1, columns)));

export function sidebarReadWorkbook(): WireWorkbook {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = ss.getSpreadsheetTimeZone();
  const sheets: WireSheet[] = [];
  const budget: Budget = { left: REPLY_BYTES };
  for (const sheet of ss.getSheets()) {
    const name = sheet.getName();
    const kind = studyTableKind(name);
    const rows = sheet.getLastRow();
    const columns = sheet.getLastColumn();
    if (!kind || !READ_KINDS.has(kind)) {
      // Not a table the validator reads (another sheet, or Summary's formulas): its header row
      // only — enough for the panel to tell a workbook without study tables from an empty one,
      // without reading (or sending) data the study does not use.
      const header = rows > 0 && columns > 0 ? sheet.getRange(1, 1, 1, columns).getValues() : [];
      sheets.push({ name, ...wirePage(header, timeZone, budget, true) });
      continue;
    }
    if (rows * columns > MAX_CELLS_PER_TABLE) {
      throw new Error(
        `The ${name} sheet has ${thousands(rows)} rows × ${thousands(columns)} columns, more than the ${thousands(MAX_CELLS_PER_TABLE)} cells the sidebar reads at once; delete unused rows and columns, or check the file with the rdtax command.`,
      );
    }
    if (rows === 0 || columns === 0) {
      sheets.push({ name, values: [], dates: [] });
      continue;
    }
    const more = (fromRow: number) => ({ sheetId: sheet.getSheetId(), fromRow, lastRow: rows, columns });
    if (budget.left <= 0) {
      // This reply is full: the whole table comes in pages.
      sheets.push({ name, values: [], dates: [], more: more(1) });
      continue;
    }
    // One read per table when it fits in a reply (docs/design.md §7): rows 1 to the last row
    // and column with content, as getDataRange() gives them.
    const page = wirePage(
      sheet.getRange(1, 1, Math.min(rows, pageRows(columns)), columns).getValues(),
      timeZone,
      budget,
      false,
    );
    const next = 1 + page.values.length;
    sheets.push(next <= rows ? { name, ...page, more: more(next) } : { name, ...page });
  }
  return { spreadsheetName: ss.getName(), sheets };
}

/**
 * The next page of a study table that did not fit in one reply (`more` as the server last sent
 * it): at most PAGE_CELLS cells read and REPLY_BYTES sent (at least one row), and where the rest is.
 */
export function sidebarReadRows(more: MoreRows): WireRows {
  // Whole rows of a table a reply described; anything else is refused.
  const { sheetId, fromRow: first, lastRow: last, columns: width } = more ?? ({} as MoreRows);
  if (
    ![first, last, width].every(Number.isInteger) ||
    first < 1 ||
    last < first ||
    width < 1 ||
    (last - first + 1) * width > MAX_CELLS_PER_TABLE
  )
    throw new Error('No study table has those rows; press Validate again.');
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheets().find((s) => s.getSheetId() === sheetId);
  if (!sheet) throw new Error('A study sheet was deleted while it was being read; press Validate again.');
  const page = wirePage(
    sheet.getRange(first, 1, Math.min(last - first + 1, pageRows(width)), width).getValues(),
    ss.getSpreadsheetTimeZone(),
    { left: REPLY_BYTES },
    true,
  );
  const next = first + page.values.length;
  return next <= last ? { ...page, more: { ...more, fromRow: next } } : page;
}

export function sidebarSelectCell(a1: string): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  let range: GoogleAppsScript.Spreadsheet.Range;
  try {
    range = ss.getRange(String(a1));
  } catch {
    throw new Error(
      `${a1} is not a cell of this spreadsheet any more (was its sheet renamed or deleted?); validate again.`,
    );
  }
  range.activate();
}
