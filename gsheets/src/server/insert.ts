/**
 * Inserting template sheets (rendered by core/src/templates for the 'sheets' host): values and
 * formulas, number formats, drop-down lists, column widths — of the sheets core's insert plan
 * adds. A sheet the study reader would take for an existing one is never touched: it is
 * skipped and reported.
 *
 * Text is written as text: setValues reads a string as if typed ("=…" becomes a formula), so
 * text that would be read otherwise goes in behind Sheets' quote prefix, an apostrophe that is
 * not part of the value (core's quotePrefixed). Formulas come only from the sheet's `formulas`.
 */
import { insertReport, planInsert } from '@core/plans/insert-plan';
import { quotePrefixed } from '@core/templates/text';
import type { InsertReport, WireCell, WireTemplateSheet } from '../shared/api';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Sheets' column width for one character of the default font, in pixels (plus padding). */
const PIXELS_PER_CHARACTER = 7;
const WIDTH_PADDING = 10;
const MAX_TEMPLATE_CELLS = 200_000;

function problem(what: string): never {
  throw new Error(`The template cannot be inserted: ${what}`);
}

/** The sidebar is ours, but what crosses the wire is still checked before anything is written. */
function checkSheets(sheets: unknown): WireTemplateSheet[] {
  if (!Array.isArray(sheets) || sheets.length === 0) problem('it has no sheets.');
  let cells = 0;
  for (const s of sheets as unknown[]) {
    const sheet = s as Partial<WireTemplateSheet> | null;
    if (!sheet || typeof sheet.name !== 'string' || sheet.name.trim() === '') problem('a sheet has no name.');
    if (sheet.name.length > 100 || /[[\]*?/\\:]/.test(sheet.name))
      problem(`"${sheet.name}" is not a name Sheets accepts for a sheet.`);
    if (!Array.isArray(sheet.values) || !sheet.values.every((r) => Array.isArray(r)))
      problem(`the ${sheet.name} sheet has no rows of values.`);
    const formulas: unknown = sheet.formulas ?? [];
    if (
      !Array.isArray(formulas) ||
      !formulas.every(
        (f) =>
          f !== null &&
          typeof f === 'object' &&
          A1_CELL.test(String(f.cell)) &&
          typeof f.formula === 'string' &&
          f.formula.startsWith('='),
      )
    ) {
      problem(`the ${sheet.name} sheet's formulas are not cells with formulas.`);
    }
    cells += sheet.values.reduce((n, r) => n + r.length, 0);
  }
  if (cells > MAX_TEMPLATE_CELLS)
    problem(`it has ${cells} cells; a template lays out headers, lists and formulas, not data.`);
  return sheets as WireTemplateSheet[];
}

function grow(sheet: Sheet, rows: number, columns: number): void {
  if (sheet.getMaxRows() < rows) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
  if (sheet.getMaxColumns() < columns) sheet.insertColumnsAfter(sheet.getMaxColumns(), columns - sheet.getMaxColumns());
}

/** The last row and column an A1 range ("B2:B1000", "C2") reaches. */
function rangeEnd(a1: string): { row: number; col: number } {
  let row = 0;
  let col = 0;
  for (const part of a1.split(':')) {
    const m = /^\$?([A-Za-z]{1,3})\$?([0-9]+)$/.exec(part.trim());
    if (!m) continue;
    let c = 0;
    for (const ch of m[1].toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
    row = Math.max(row, Number(m[2]));
    col = Math.max(col, c);
  }
  return { row, col };
}

const A1_CELL = /^[A-Z]{1,3}[0-9]{1,7}$/;

/** A value as setValues must receive it to store exactly that value. */
function cellInput(v: WireCell | undefined): string | number | boolean {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? quotePrefixed(v) : v;
}

function writeSheet(sheet: Sheet, t: WireTemplateSheet): void {
  const width = Math.max(1, ...t.values.map((r) => r.length));
  let needRows = t.values.length;
  let needCols = width;
  for (const r of [
    ...(t.validations ?? []),
    ...(t.formats ?? []),
    ...(t.formulas ?? []).map((f) => ({ range: f.cell })),
  ]) {
    const end = rangeEnd(r.range);
    needRows = Math.max(needRows, end.row);
    needCols = Math.max(needCols, end.col);
  }
  grow(sheet, needRows, needCols);
  // Formats first: a Version of "1" in a text-formatted cell stays the text "1".
  for (const f of t.formats ?? []) sheet.getRange(f.range).setNumberFormat(f.format);
  if (t.values.length > 0) {
    // Values in one write, text as text; then the checked formulas, one cell each.
    const grid = t.values.map((r) => Array.from({ length: width }, (_, c) => cellInput(r[c])));
    sheet.getRange(1, 1, grid.length, width).setValues(grid);
    for (const f of t.formulas ?? []) sheet.getRange(f.cell).setFormula(f.formula);
    sheet.getRange(1, 1, 1, width).setFontWeight('bold');
    sheet.setFrozenRows(1);
  }
  (t.columnWidths ?? []).forEach((w, i) => {
    if (typeof w === 'number' && w > 0)
      sheet.setColumnWidth(i + 1, Math.round(w * PIXELS_PER_CHARACTER + WIDTH_PADDING));
  });
}

function sheetOfRange(listRange: string): string | undefined {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!/.exec(listRange);
  return m ? (m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]) : undefined;
}

function addValidations(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, sheet: Sheet, t: WireTemplateSheet): void {
  for (const v of t.validations ?? []) {
    const listSheet = v.listRange ? sheetOfRange(v.listRange) : undefined;
    const builder = SpreadsheetApp.newDataValidation();
    if (v.listRange && listSheet && ss.getSheetByName(listSheet)) {
      // A list the user can extend (the Roles sheet's role column, the Components sheet).
      builder.requireValueInRange(ss.getRange(v.listRange), true);
    } else if (Array.isArray(v.list) && v.list.length > 0) {
      builder.requireValueInList(v.list.map(String), true);
    } else {
      continue;
    }
    builder.setAllowInvalid(v.strict === false);
    sheet.getRange(v.range).setDataValidation(builder.build());
  }
}

export function sidebarInsertSheets(sheets: WireTemplateSheet[]): InsertReport {
  const checked = checkSheets(sheets);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const plan = planInsert(
    ss.getSheets().map((s) => s.getName()),
    checked,
  );
  const made: { sheet: Sheet; t: WireTemplateSheet }[] = [];
  for (const t of plan.insert) {
    const sheet = ss.insertSheet(t.name, ss.getNumSheets());
    writeSheet(sheet, t);
    made.push({ sheet, t });
  }
  // Drop-down lists last: a list may live on a sheet inserted after the one it serves (Roles).
  for (const { sheet, t } of made) addValidations(ss, sheet, t);
  if (made.length > 0) made[0].sheet.activate();
  return insertReport(plan);
}
