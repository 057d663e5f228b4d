/**
 * Fix, Undo and Waive (issue 13 §2): one cell written while it still holds what the sidebar read
 * (never over a formula), and one row added to the Waivers sheet. Text goes in behind the quote
 * prefix, so it is stored as exactly that text, never read as a formula, number or date.
 */
import { waiverValueText } from '@core/study/checks/waivers';
import { WAIVER_HEADERS } from '@core/study/waivers';
import { storedAsText } from '@core/templates/text';
import type { WireCell } from '../shared/api';
import { parseCellRef } from './a1';
import { studyTableKind } from './workbook';

const shown = (v: unknown) =>
  waiverValueText(v as WireCell) === '' ? 'nothing (blank)' : waiverValueText(v as WireCell);

export function sidebarWriteCell(a1: string, value: WireCell, expected: WireCell): WireCell {
  const at = parseCellRef(String(a1));
  const sheet = at && SpreadsheetApp.getActiveSpreadsheet().getSheetByName(at.sheet);
  if (!at || !sheet) throw new Error(`${a1} is not a cell of this spreadsheet any more; validate again.`);
  const range = sheet.getRange(at.row, at.col);
  if (range.getFormula() !== '') throw new Error(`${a1} holds a formula, so it was not changed; change it by hand.`);
  const now = range.getValue() as unknown;
  if (waiverValueText(now as WireCell) !== waiverValueText(expected))
    throw new Error(`${a1} now holds ${shown(now)}, not ${shown(expected)}, so it was not changed; validate again.`);
  range.setValue(typeof value === 'string' ? storedAsText(value) : value === null ? '' : value);
  return typeof now === 'number' || typeof now === 'boolean' || (typeof now === 'string' && now !== '') ? now : null;
}

export function sidebarRemoveWaiver(at: string, expected: WireCell[]): void {
  const a = parseCellRef(String(at));
  const sheet = a && SpreadsheetApp.getActiveSpreadsheet().getSheetByName(a.sheet);
  if (!a || !sheet) throw new Error(`${at} is not a cell of this spreadsheet any more; validate again.`);
  const range = sheet.getRange(a.row, 1, 1, Math.max(1, expected.length));
  const now = range.getValues()[0] as WireCell[];
  if (now.some((v, c) => waiverValueText(v) !== waiverValueText(expected[c] ?? null)))
    throw new Error(
      `Row ${a.row} of ${a.sheet} has changed since Validate, so the waiver was not removed; validate again.`,
    );
  range.setValues([now.map(() => '')]);
}

export function sidebarAppendWaiver(row: string[]): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  let sheet = ss.getSheets().find((s) => studyTableKind(s.getName()) === 'waivers');
  if (!sheet) {
    sheet = ss.insertSheet('Waivers', ss.getNumSheets());
    sheet
      .getRange(1, 1, 1, WAIVER_HEADERS.length)
      .setValues([WAIVER_HEADERS.map(storedAsText)])
      .setFontWeight('bold');
  }
  const cells = row.map((s) => storedAsText(String(s)));
  sheet.getRange(sheet.getLastRow() + 1, 1, 1, Math.max(1, cells.length)).setValues([cells.length ? cells : ['']]);
}
