/**
 * Start next year's study, Upgrade the template (issue 14 §1, §2) on the open spreadsheet: blocks
 * of values the sidebar made from core's plan (the sheets were added before, by
 * sidebarInsertSheets). Generic and small: one getFormulas() and one setValues() per block; a
 * cell holding a formula is never written (`skip`: written around, `refuse`: the block is not
 * written), a `wholeSheet` block is not written when the sheet holds cells outside it. Text goes
 * in behind the quote prefix, so it stays that text; a cell the sidebar read as a date goes in as
 * its yyyy-mm-dd, which Sheets reads as that date.
 *
 * The add-on cannot copy the spreadsheet first: Spreadsheet.copy needs the spreadsheets scope,
 * and the add-on asks only for spreadsheets.currentonly (appsscript.json).
 */
import { columnLetter } from '@core/study/a1';
import { storedAsText } from '@core/templates/text';
import type { WireCell, WireEditBlock, WireEditResult } from '../shared/api';

const isFormula = (f: unknown) => typeof f === 'string' && f !== '';

export function sidebarApplyEdit(blocks: WireEditBlock[]): WireEditResult {
  if (!Array.isArray(blocks)) throw new Error('The sidebar sent no changes; nothing was written.');
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const byName = new Map(ss.getSheets().map((s) => [s.getName().toLowerCase(), s]));
  const sized = blocks.filter((b) => Array.isArray(b.values) && b.values.length > 0);
  const missing = sized.find((b) => !byName.has(String(b.sheet).toLowerCase()));
  if (missing) throw new Error(`There is no sheet named ${missing.sheet}, so nothing was changed.`);
  let written = 0;
  const formulasKept: string[] = [];
  const refused: WireEditResult['refused'][number][] = [];
  for (const b of sized) {
    const sheet = byName.get(String(b.sheet).toLowerCase())!;
    const width = Math.max(1, ...b.values.map((r) => r.length));
    const rows = b.values.length;
    const name = sheet.getName();
    const cell = (r: number, c: number) => `${columnLetter(b.col + c)}${b.row + r}`;
    if (b.wholeSheet && (sheet.getLastRow() > b.row - 1 + rows || sheet.getLastColumn() > b.col + width)) {
      refused.push({
        sheet: name,
        cell: cell(sheet.getLastRow() - b.row, sheet.getLastColumn() - b.col - 1),
        why: 'outside',
      });
      continue;
    }
    if (sheet.getMaxRows() < b.row - 1 + rows)
      sheet.insertRowsAfter(sheet.getMaxRows(), b.row - 1 + rows - sheet.getMaxRows());
    if (sheet.getMaxColumns() < b.col + width)
      sheet.insertColumnsAfter(sheet.getMaxColumns(), b.col + width - sheet.getMaxColumns());
    const range = sheet.getRange(b.row, b.col + 1, rows, width);
    const formulas = range.getFormulas();
    const dates = new Set((b.dates ?? []).map(([r, c]) => `${r},${c}`));
    const grid = b.values.map((row, r) =>
      Array.from({ length: width }, (_, c) => {
        const v: WireCell = row[c] ?? null;
        if (v === null) return '';
        if (typeof v === 'string') return dates.has(`${r},${c}`) ? v : storedAsText(v);
        return v;
      }),
    );
    const hits: [number, number][] = [];
    formulas.forEach((row, r) => row.forEach((f, c) => isFormula(f) && hits.push([r, c])));
    if (hits.length === 0) {
      range.setValues(grid);
      written += rows * width;
      continue;
    }
    if (b.formulas === 'refuse') {
      refused.push({ sheet: name, cell: cell(hits[0]![0], hits[0]![1]), why: 'formula' });
      continue;
    }
    grid.forEach((row, r) => {
      let c = 0;
      while (c < width) {
        if (isFormula(formulas[r]?.[c])) {
          formulasKept.push(`${name}!${cell(r, c)}`);
          c++;
          continue;
        }
        const start = c;
        while (c < width && !isFormula(formulas[r]?.[c])) c++;
        sheet.getRange(b.row + r, b.col + start + 1, 1, c - start).setValues([row.slice(start, c)]);
        written += c - start;
      }
    });
  }
  return { written, formulasKept, refused };
}
