/**
 * The Excel host's `applyWorkbookEdit` (issue 14 §1, §2: Start next year's study, Upgrade the
 * template): the sheets added the way Insert adds them, then every block with one `range.values`
 * write — after one load of the blocks' `formulas`, so a cell holding a formula is never written:
 * a `skip` block is written around it (one write per run of other cells in a row) and lists it,
 * a `refuse` block is not written at all and named. Every text goes in behind Excel's quote
 * prefix, so "2026", "0.85" or "=x" stay the text they were.
 */
import type { CellValue } from '@core/cells';
import { columnLetter } from '@core/study/a1';
import { storedAsText } from '@core/templates/text';
import type { EditBlock, InsertResult, RenderedSheet, WorkbookEdit, WorkbookEditResult } from '@panel/host';

type ExcelValue = string | number | boolean;

/** A value as `range.values` stores exactly it: text quote-prefixed (the prefix is not part of the value). */
function excelValue(v: CellValue): ExcelValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  if (typeof v === 'string') return storedAsText(v);
  if (typeof v === 'boolean') return v;
  if (Object.prototype.toString.call(v) === '[object Date]') return (v as Date).toISOString().slice(0, 10);
  return '';
}

const isFormula = (f: unknown) => typeof f === 'string' && f.startsWith('=');
const address = (row0: number, col0: number, rows: number, cols: number) =>
  `${columnLetter(col0)}${row0 + 1}:${columnLetter(col0 + cols - 1)}${row0 + rows}`;

function widthOf(b: EditBlock): number {
  return Math.max(0, ...b.values.map((r) => r.length));
}

/** Excel's own error as the sentence the panel shows. */
function excelStopped(e: unknown): Error {
  const msg = e !== null && typeof e === 'object' ? String((e as { message?: unknown }).message ?? e) : String(e);
  return new Error(`Excel stopped while changing the workbook: ${msg}`);
}

export async function applyEditInExcel(
  edit: WorkbookEdit,
  insertSheets: (sheets: readonly RenderedSheet[]) => Promise<InsertResult>,
): Promise<WorkbookEditResult> {
  let added: string[] = [];
  let note: string | undefined;
  if (edit.addSheets.length > 0) {
    const inserted = await insertSheets(edit.addSheets);
    added = inserted.inserted;
    note = inserted.note;
  }
  let written = 0;
  const formulasKept: string[] = [];
  const refused: WorkbookEditResult['refused'][number][] = [];
  try {
    await Excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name');
      await context.sync();
      const byName = new Map(worksheets.items.map((w) => [w.name.toLowerCase(), w]));
      const blocks = edit.blocks.filter((b) => b.values.length > 0 && widthOf(b) > 0);
      const missing = blocks.find((b) => !byName.has(b.sheet.toLowerCase()));
      if (missing) throw new Error(`There is no sheet named ${missing.sheet}, so nothing was changed.`);
      // One load of every block's formulas, then the writes.
      const ranges = blocks.map((b) => {
        const ws = byName.get(b.sheet.toLowerCase())!;
        const range = ws.getRange(address(b.row - 1, b.col, b.values.length, widthOf(b)));
        range.load('formulas');
        const used = b.wholeSheet ? ws.getUsedRangeOrNullObject(true) : undefined;
        used?.load('rowIndex,columnIndex,rowCount,columnCount');
        return { b, ws, range, used };
      });
      await context.sync();
      for (const { b, ws, range, used } of ranges) {
        const width = widthOf(b);
        if (used && !used.isNullObject) {
          const lastRow = used.rowIndex + used.rowCount;
          const lastCol = used.columnIndex + used.columnCount;
          if (lastRow > b.row - 1 + b.values.length || lastCol > b.col + width) {
            refused.push({ sheet: ws.name, cell: `${columnLetter(lastCol - 1)}${lastRow}`, why: 'outside' });
            continue;
          }
        }
        const grid = b.values.map((r) => Array.from({ length: width }, (_, c) => excelValue(r[c] ?? null)));
        const cellAt = (r: number, c: number) => `${ws.name}!${columnLetter(b.col + c)}${b.row + r}`;
        const formulas = range.formulas;
        const hits: [number, number][] = [];
        formulas.forEach((row, r) => row.forEach((f, c) => isFormula(f) && hits.push([r, c])));
        if (hits.length === 0) {
          range.values = grid;
          written += grid.length * width;
          continue;
        }
        if (b.formulas === 'refuse') {
          const [r, c] = hits[0]!;
          refused.push({ sheet: ws.name, cell: cellAt(r, c).replace(/^.*!/, ''), why: 'formula' });
          continue;
        }
        // Around the formulas: each row's runs of other cells, one write each.
        grid.forEach((row, r) => {
          let c = 0;
          while (c < width) {
            if (isFormula(formulas[r]?.[c])) {
              formulasKept.push(cellAt(r, c));
              c++;
              continue;
            }
            const start = c;
            while (c < width && !isFormula(formulas[r]?.[c])) c++;
            ws.getRange(address(b.row - 1 + r, b.col + start, 1, c - start)).values = [row.slice(start, c)];
            written += c - start;
          }
        });
      }
      await context.sync();
    });
  } catch (e) {
    if (e instanceof Error && !('code' in e)) throw e;
    throw excelStopped(e);
  }
  return { written, formulasKept, refused, added, ...(note ? { note } : {}) };
}
