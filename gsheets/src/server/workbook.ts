/** Reading the study for the validator, and selecting the cell a finding points at. */
import { isDate } from '@core/cells';
import { headerKey, SHEET_NAMES, TABLE_KINDS, type TableKind } from '@core/study/schema';
import { MAX_CELLS_PER_TABLE, type WireCell, type WireSheet, type WireWorkbook } from '../shared/api';

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

/**
 * One sheet's values for the wire. Dates become their wall-clock text in the spreadsheet's
 * time zone and are listed in `dates`; google.script.run cannot carry a Date.
 */
function wireSheet(name: string, values: unknown[][], timeZone: string): WireSheet {
  const dates: [number, number][] = [];
  const out: WireCell[][] = values.map((row, r) =>
    row.map((v, c): WireCell => {
      if (isDate(v)) {
        dates.push([r, c]);
        return Utilities.formatDate(v, timeZone, DATE_FORMAT);
      }
      if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
      return v === null || v === undefined ? null : String(v);
    }),
  );
  return { name, values: out, dates };
}

export function sidebarReadWorkbook(): WireWorkbook {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = ss.getSpreadsheetTimeZone();
  const sheets: WireSheet[] = [];
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
      sheets.push(wireSheet(name, header, timeZone));
      continue;
    }
    if (rows * columns > MAX_CELLS_PER_TABLE) {
      throw new Error(
        `The ${name} sheet has ${thousands(rows)} rows × ${thousands(columns)} columns, more than the ${thousands(MAX_CELLS_PER_TABLE)} cells the sidebar reads at once; delete unused rows and columns, or check the file with the rdtax command.`,
      );
    }
    // One read per table (docs/design.md §7): getDataRange() is A1 to the last row and column with content.
    sheets.push(wireSheet(name, sheet.getDataRange().getValues(), timeZone));
  }
  return { spreadsheetName: ss.getName(), sheets };
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
