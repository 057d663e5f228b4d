/**
 * Carrying out a core plan (roll forward, template upgrade) on a copy of a study: an .xlsx opened
 * with exceljs so formats, drop-downs and other formulas survive, or a folder of CSV sheets
 * written again. The input is read first by the guarded reader (read-workbook.ts: sizes checked
 * before inflating), and is never written: the result goes to a temporary file or folder that is
 * renamed into place once complete.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as ExcelJSTypes from 'exceljs';
import { clipText, isDate, type CellValue } from '@core/cells';
import { formulaTrigger } from '@core/templates/text';
import { csvText } from '@core/templates/text';
import { CommandError } from './envelope';
import { loadExcelJs } from './read-workbook';
import { ZipPackage } from './zip';

/** One cell to write: 1-based row, 0-based column. `clear` leaves a formula cell as it is. */
export interface PlannedWrite {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly value: CellValue;
  readonly kind: 'clear' | 'set';
}

export interface PlannedSheet {
  readonly name: string;
  readonly header: readonly string[];
}

/** What applying a plan did beyond the plan itself. */
export interface Applied {
  /** Cells a `clear` left alone because they hold a formula. */
  readonly formulasKept: readonly string[];
}

/**
 * Resolve -o: its folder must exist, it must not be the input, and an existing file or folder is
 * replaced only with --force. Checked before any reading, so a wrong -o costs nothing.
 */
export function outputPath(cwd: string, input: string, out: string, force: boolean): string {
  const target = path.resolve(cwd, out);
  if (!fs.existsSync(path.dirname(target)))
    throw new CommandError('output/no-folder', `-o ${out}: the folder ${path.dirname(out)} does not exist`);
  if (path.resolve(cwd, input) === target)
    throw new CommandError(
      'output/is-input',
      `-o ${out} is the input itself; the input is never changed, so name a new file`,
    );
  if (fs.existsSync(target) && !force)
    throw new CommandError('output/exists', `${out} already exists; choose another name or add --force to replace it`);
  return target;
}

/** The sentences a one-study-in, one-copy-out command says about its arguments. */
export interface EditUsage {
  readonly noFiles: string;
  readonly tooManyFiles: string;
  readonly noOutput: (input: string) => string;
  /** What -o names: "next year's study", "the upgraded study". */
  readonly result: string;
  readonly badInput: (input: string) => string;
}

/** The study to read and where its copy goes, every argument checked before anything is read. */
export interface EditTarget {
  readonly input: string;
  readonly inputPath: string;
  /** A folder of CSV sheets (its copy is a folder too) rather than an .xlsx. */
  readonly folder: boolean;
  /** -o as given (for messages) and resolved. */
  readonly output: string;
  readonly target: string;
}

export function editTarget(
  cwd: string,
  positional: readonly string[],
  output: string | undefined,
  force: boolean,
  usage: EditUsage,
): EditTarget {
  if (positional.length === 0) throw new CommandError('usage/no-files', usage.noFiles);
  if (positional.length > 1) throw new CommandError('usage/too-many-files', usage.tooManyFiles);
  const input = positional[0]!;
  if (output === undefined) throw new CommandError('usage/no-output', usage.noOutput(input));
  const inputPath = path.resolve(cwd, input);
  let folder = false;
  try {
    folder = fs.statSync(inputPath).isDirectory();
  } catch {
    // the reader says why it cannot be read
  }
  const xlsxOut = /\.xlsx$/i.test(output);
  if (folder && xlsxOut)
    throw new CommandError(
      'usage/bad-output',
      `-o ${clipText(output)}: ${input} is a folder of CSV sheets, so ${usage.result} is a folder too; name a folder`,
    );
  if (!folder && !xlsxOut)
    throw new CommandError('usage/bad-output', `-o ${clipText(output)}: the output must be an .xlsx file`);
  if (!folder && !/\.xlsx$/i.test(input)) throw new CommandError('usage/bad-input', usage.badInput(input));
  return { input, inputPath, folder, output, target: outputPath(cwd, input, output, force) };
}

/** A failed write of the copy as the command's one sentence (the input is untouched either way). */
export function unwritable(e: unknown, output: string): never {
  if (e instanceof CommandError) throw e;
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'EACCES' || code === 'EPERM' ? ' (permission denied)' : code === 'ENOSPC' ? ' (the disk is full)' : '';
  throw new CommandError('output/unwritable', `could not write ${output}${why}; check the folder and try again`);
}

function cellValue(v: CellValue): ExcelJSTypes.CellValue {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || isDate(v))
    return v as ExcelJSTypes.CellValue;
  return null; // an error value is never written back
}

/** Open `input` (an .xlsx the guarded reader accepted) with exceljs. */
export async function openXlsx(input: string): Promise<ExcelJSTypes.Workbook> {
  const ExcelJS = loadExcelJs();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(input);
  return wb;
}

/** Parts of an .xlsx the exceljs copy does not carry, by what a person calls them. */
const NOT_KEPT: readonly (readonly [RegExp, string])[] = [
  [/^xl\/charts\//, 'charts'],
  [/^xl\/pivottables\//, 'pivot tables'],
  [/^xl\/slicers\//, 'slicers'],
  [/^xl\/timelines\//, 'timelines'],
  [/^xl\/vbaproject\.bin$/, 'macros'],
];

/**
 * What the copy of `input` will lack (charts, pivot tables, slicers, macros), read from the zip
 * directory the guarded reader already checked; the command says so, the original keeps them.
 */
export function partsNotKept(input: string): string[] {
  const fd = fs.openSync(input, 'r');
  try {
    const names = [...ZipPackage.open(fd).entries.keys()];
    return NOT_KEPT.filter(([re]) => names.some((n) => re.test(n))).map(([, what]) => what);
  } catch {
    return [];
  } finally {
    fs.closeSync(fd);
  }
}

/** The sentence for `partsNotKept`, or nothing. */
export function notKeptLine(kinds: readonly string[], input: string): string[] {
  if (kinds.length === 0) return [];
  const list = kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]}` : kinds[0];
  return [
    `The copy does not have the workbook's ${list} (rdtax's .xlsx writer cannot carry them); ${path.basename(input)} still has them.`,
  ];
}

function isFormula(cell: ExcelJSTypes.Cell): boolean {
  const v = cell.value as unknown;
  return v !== null && typeof v === 'object' && ('formula' in (v as object) || 'sharedFormula' in (v as object));
}

/** Write `value` into a cell as a value: text stays text (a text that reads like a formula gets the text format). */
export function writeCell(cell: ExcelJSTypes.Cell, value: CellValue): void {
  cell.value = cellValue(value);
  if (typeof value === 'string' && formulaTrigger(value) !== undefined) cell.numFmt = '@';
}

/** Apply sheets and writes to an open workbook. */
export function applyToWorkbook(
  wb: ExcelJSTypes.Workbook,
  plan: { readonly addSheets: readonly PlannedSheet[]; readonly writes: readonly PlannedWrite[] },
): Applied {
  for (const a of plan.addSheets) {
    const ws = wb.addWorksheet(a.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    a.header.forEach((h, i) => writeCell(ws.getCell(1, i + 1), h));
    ws.getRow(1).font = { bold: true };
  }
  const formulasKept: string[] = [];
  for (const w of plan.writes) {
    const ws = wb.getWorksheet(w.sheet);
    if (!ws) throw new Error(`the plan names a sheet the workbook lacks: ${w.sheet}`);
    const cell = ws.getCell(w.row, w.col + 1);
    if (w.kind === 'clear' && isFormula(cell)) {
      formulasKept.push(`${w.sheet}!${cell.address}`);
      continue;
    }
    writeCell(cell, w.value);
  }
  return { formulasKept };
}

/** Write the workbook to `target` through a temporary file renamed into place. */
export async function saveXlsx(wb: ExcelJSTypes.Workbook, target: string): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await wb.xlsx.writeFile(tmp);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** A cell as a CSV field: numbers as numbers, text quote-prefixed when a spreadsheet would read it as a formula. */
function csvOf(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) return v.toISOString().slice(0, 10);
  if (typeof v === 'string') return csvText(v);
  return '';
}

/**
 * Write grids as a folder of CSV sheets (one `<sheet>.csv` each, CRLF, RFC 4180, text that starts
 * like a formula quote-prefixed as rdtax's other CSV files are). A new folder is written whole and
 * renamed into place; an existing one (--force) has each file replaced through a temporary file.
 */
export function saveCsvFolder(
  sheets: readonly { readonly name: string; readonly values: readonly (readonly CellValue[])[] }[],
  target: string,
): void {
  const fresh = !fs.existsSync(target);
  const dir = fresh ? path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`) : target;
  if (fs.existsSync(target) && !fs.statSync(target).isDirectory())
    throw new CommandError(
      'output/not-a-folder',
      `-o ${path.basename(target)} is a file; a folder of CSV sheets is written to a folder`,
    );
  try {
    if (fresh) fs.mkdirSync(dir);
    for (const s of sheets) {
      const rows = s.values.map((r) => {
        const cells = r.map(csvOf);
        while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
        return cells.join(',');
      });
      while (rows.length > 1 && rows[rows.length - 1] === '') rows.pop();
      const file = path.join(dir, `${s.name}.csv`);
      const tmp = fresh ? file : `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, `${rows.join('\r\n')}\r\n`, 'utf8');
      if (!fresh) fs.renameSync(tmp, file);
    }
    if (fresh) fs.renameSync(dir, target);
  } catch (e) {
    if (fresh) fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
