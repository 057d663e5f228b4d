/**
 * Host-neutral rendered sheets (core/src/templates) → an .xlsx file: values (text always as
 * text), the renderer's checked formulas (array formulas where the template says so), drop-down lists, number formats, column widths, a
 * bold frozen header row. Written to a temporary file and renamed, so a failed write never
 * leaves half a workbook behind.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as ExcelJSTypes from 'exceljs';
import { isDate } from '@core/cells';
import { formulaTrigger, type RenderedSheet } from '@core/templates';
import { loadExcelJs } from './read-workbook';

/** Excel refuses a literal list longer than this in a data-validation rule. */
const LITERAL_LIST_MAX = 255;

function listFormula(v: RenderedSheet['validations'][number]): string | undefined {
  const literal = v.list.join(',');
  if (
    v.list.length > 0 &&
    literal.length <= LITERAL_LIST_MAX &&
    !v.list.some((w) => w.includes(',') || w.includes('"'))
  )
    return `"${literal}"`;
  if (v.listRange) return v.listRange;
  return undefined;
}

/** A1 range → [first row, last row, first column, last column] (1-based). */
function parseRange(range: string): [number, number, number, number] {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(range);
  if (!m) throw new Error(`not an A1 range: ${range}`);
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const c1 = col(m[1]);
  const r1 = Number(m[2]);
  return [r1, m[4] ? Number(m[4]) : r1, c1, m[3] ? col(m[3]) : c1];
}

export interface WriteOptions {
  /** The workbook's created/modified date (default now); fixed for reproducible files. */
  readonly date?: Date;
}

export function buildWorkbook(sheets: readonly RenderedSheet[], options: WriteOptions = {}): ExcelJSTypes.Workbook {
  const ExcelJS = loadExcelJs();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RD Credit Studio';
  wb.lastModifiedBy = 'RD Credit Studio';
  const date = options.date ?? new Date();
  wb.created = date;
  wb.modified = date;
  // Formulas are written without cached results: have the spreadsheet compute them on open.
  wb.calcProperties.fullCalcOnLoad = true;
  for (const s of sheets) addRenderedSheet(wb, s);
  return wb;
}

/** Add one rendered sheet to a workbook (a new study, or a sheet a template upgrade adds). */
export function addRenderedSheet(wb: ExcelJSTypes.Workbook, s: RenderedSheet): ExcelJSTypes.Worksheet {
  const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  // A string is stored as a string (a shared string), whatever it starts with: only the
  // renderer's `formulas` become <f> elements.
  s.values.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v === null || v === undefined) return;
      if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || isDate(v)) {
        ws.getCell(r + 1, c + 1).value = v as ExcelJSTypes.CellValue;
      }
    });
  });
  for (const f of s.formulas) {
    const cell = ws.getCell(f.cell);
    const formula = f.formula.slice(1);
    cell.value = f.array
      ? ({ formula, shareType: 'array', ref: cell.address } as unknown as ExcelJSTypes.CellFormulaValue)
      : ({ formula, date1904: false } as ExcelJSTypes.CellFormulaValue);
  }
  ws.getRow(1).font = { bold: true };
  (s.columnWidths ?? []).forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  applyFormats(ws, s.formats);
  // The header row stays plain text even where its column has a number format.
  ws.getRow(1).numFmt = '@';
  // Text that reads like a formula is formatted as text too, so that it stays text when
  // someone edits the cell and presses Enter.
  s.values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (typeof v === 'string' && formulaTrigger(v) !== undefined) ws.getCell(r + 1, c + 1).numFmt = '@';
    }),
  );
  addValidations(ws, s.validations);
  return ws;
}

/** Number formats of a rendered sheet on a worksheet (a whole table column as a column style). */
export function applyFormats(ws: ExcelJSTypes.Worksheet, formats: RenderedSheet['formats']): void {
  for (const f of formats) {
    const [r1, r2, c1, c2] = parseRange(f.range);
    for (let c = c1; c <= c2; c++) {
      // A whole table column: a column style, so rows the user adds below keep the format.
      if (r1 === 2 && r2 - r1 >= 99) ws.getColumn(c).numFmt = f.format;
      else for (let r = r1; r <= r2; r++) ws.getCell(r, c).numFmt = f.format;
    }
  }
}

/** Drop-down lists of a rendered sheet on a worksheet. */
export function addValidations(ws: ExcelJSTypes.Worksheet, validations: RenderedSheet['validations']): void {
  for (const v of validations) {
    const formula = listFormula(v);
    if (!formula) continue;
    (
      ws as unknown as { dataValidations: { add(range: string, dv: ExcelJSTypes.DataValidation): void } }
    ).dataValidations.add(v.range, {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: v.strict ? 'stop' : 'warning',
      errorTitle: v.strict ? 'Not in the list' : 'Not in the usual list',
      error: v.strict
        ? `Choose one of: ${v.list.join(', ')}`.slice(0, 255)
        : 'This value is not in the list; keep it only if it is right.',
    });
  }
}

/** Write `sheets` to `file` (replacing it only once the new workbook is complete). */
export async function writeWorkbook(
  sheets: readonly RenderedSheet[],
  file: string,
  options: WriteOptions = {},
): Promise<void> {
  const wb = buildWorkbook(sheets, options);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await wb.xlsx.writeFile(tmp);
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw e;
  }
}
