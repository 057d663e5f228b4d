/**
 * `applyWorkbookEdit` on the memory host's workbook (the demo page, the panel's tests): sheets
 * added as insertSheets adds them, then each block, as the real hosts do — a cell holding a
 * formula (the demo keeps a formula as its text, "=…") is never written.
 */
import type { CellValue } from '@core/cells';
import { columnLetter } from '@core/study/a1';
import { sheetContents } from '@core/templates/render';
import { planInsert } from '@core/plans/insert-plan';
import type { WorkbookEdit, WorkbookEditResult } from './host';

interface Sheets {
  sheets: { name: string; values: CellValue[][] }[];
}

const isFormula = (v: CellValue | undefined) => typeof v === 'string' && v.startsWith('=');

export function applyEditToMemory(workbook: Sheets, edit: WorkbookEdit): WorkbookEditResult {
  const plan = planInsert(
    workbook.sheets.map((s) => s.name),
    edit.addSheets,
  );
  for (const s of plan.insert) workbook.sheets.push({ name: s.name, values: sheetContents(s) });
  const sheetOf = (name: string) => workbook.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  // Every block is checked before any is written, so a missing sheet changes nothing.
  for (const b of edit.blocks)
    if (!sheetOf(b.sheet)) throw new Error(`There is no sheet named ${b.sheet}, so nothing was changed.`);
  let written = 0;
  const formulasKept: string[] = [];
  const refused: WorkbookEditResult['refused'][number][] = [];
  for (const b of edit.blocks) {
    const sheet = sheetOf(b.sheet)!;
    const at = (r: number, c: number) => `${sheet.name}!${columnLetter(b.col + c)}${b.row + r}`;
    if (b.formulas === 'refuse') {
      const hit = b.values.flatMap((row, r) =>
        row.map((_, c) => (isFormula(sheet.values[b.row - 1 + r]?.[b.col + c]) ? at(r, c) : '')).filter(Boolean),
      );
      const first = hit[0];
      if (first) {
        refused.push({ sheet: sheet.name, cell: first.replace(/^.*!/, ''), why: 'formula' });
        continue;
      }
    }
    if (b.wholeSheet) {
      const width = Math.max(0, ...b.values.map((r) => r.length));
      const outside = sheet.values.findIndex((row, r) =>
        row.some((v, c) => v !== null && v !== '' && (r >= b.values.length || c >= width)),
      );
      if (outside >= 0) {
        refused.push({ sheet: sheet.name, cell: `A${outside + 1}`, why: 'outside' });
        continue;
      }
    }
    b.values.forEach((row, r) => {
      while (sheet.values.length < b.row + r) sheet.values.push([]);
      const line = sheet.values[b.row - 1 + r]!;
      row.forEach((v, c) => {
        if (isFormula(line[b.col + c])) {
          formulasKept.push(at(r, c));
          return;
        }
        while (line.length < b.col + c) line.push(null);
        line[b.col + c] = v;
        written++;
      });
    });
  }
  return { written, formulasKept, refused, added: plan.insert.map((s) => s.name) };
}
