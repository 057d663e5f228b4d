/**
 * Files → the engine's workbook of named grids (core/src/study/types.ts). Reads an .xlsx
 * (xlsx-read.ts: only the parts a study needs, sizes checked before inflating), a single .csv,
 * or a folder of .csv files named after the sheets (Employees.csv, …). Never writes to the
 * input. Anything that cannot be read is an `UnusableInput` with one plain sentence saying
 * why and what to do — never a stack trace — within the limits of read-limits.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as ExcelJSTypes from 'exceljs';
import type { SheetGrid, WorkbookGrids } from '@core/study/types';
import {
  ABOUT_FIELDS,
  ALLOCATIONS,
  COMPONENTS,
  CONTRACTORS,
  EMPLOYEES,
  headerKey,
  PRIOR_YEARS,
  ROLES,
  SUPPLIES,
  WAIVERS,
} from '@core/study/schema';
import { CsvError, csvCell, CsvSeparatorError, decodeCsvBytes, readCsvText } from './csv';
import { LIMITS, UnusableInput, count, megabytes } from './read-limits';
import { readXlsxPackage, type ReadProgress } from './xlsx-read';

export { LIMITS, UnusableInput } from './read-limits';
export type { UnusableInputCode } from './read-limits';
export type { ReadProgress } from './xlsx-read';

/** The most worksheet XML (uncompressed, shared strings included) read from one .xlsx. */
export const MAX_SHEET_XML_BYTES = LIMITS.readBytes;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function ioMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  if (code === 'EISDIR') return 'is a folder';
  return `cannot be read (${(e as Error)?.message ?? String(e)})`;
}

/**
 * Read a study from an .xlsx file, a .csv file, or a folder of .csv files. `progress` is told the
 * rows read and the part done as a large .xlsx is read (a .csv is read in one step).
 */
export async function readWorkbookFile(file: string, progress?: ReadProgress): Promise<WorkbookGrids> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new UnusableInput(ioMessage(e));
  }
  if (stat.isDirectory()) return readCsvFolder(file);
  const fd = openRegularFile(file, '');
  try {
    const size = fs.fstatSync(fd).size;
    if (size === 0)
      throw new UnusableInput('is empty (0 bytes); export the study again as .xlsx', 'file/not-a-workbook');
    const head = Buffer.alloc(8);
    fs.readSync(fd, head, 0, 8, 0);
    if (startsWith(head, ZIP_MAGIC)) return readXlsxPackage(fd, progress);
    if (startsWith(head, OLE_MAGIC)) throw oleFile(fd, size);
    if (startsWith(head, EMPTY_ZIP_MAGIC))
      throw new UnusableInput('is an empty zip archive, not an .xlsx workbook', 'file/not-a-workbook');
    if (/\.csv$/i.test(file))
      return { sheets: [readCsvFd(fd, path.basename(file), path.basename(file).replace(/\.csv$/i, ''), { cells: 0 })] };
    throw new UnusableInput(
      'is not an .xlsx workbook (it is not a zip package); save the study as .xlsx, or give a folder of .csv files',
      'file/not-a-workbook',
    );
  } catch (e) {
    if (e instanceof UnusableInput) throw e;
    throw new UnusableInput(ioMessage(e));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Open a file for reading only if it is a regular file. O_NONBLOCK: opening a FIFO named like
 * a sheet (`mkfifo Employees.csv`) returns at once instead of waiting for a writer forever;
 * fstat then refuses it, and a device or socket, before a byte is read.
 */
function openRegularFile(file: string, shownAs: string): number {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new UnusableInput(`${shownAs}${ioMessage(e)}`);
  }
  if (!fs.fstatSync(fd).isFile()) {
    fs.closeSync(fd);
    throw new UnusableInput(
      `${shownAs}is not a regular file (a pipe, device or socket); give the study's .xlsx or .csv file itself`,
    );
  }
  return fd;
}

/** An OLE compound file: an encrypted OOXML package ("EncryptedPackage" stream) or a legacy .xls. */
function oleFile(fd: number, size: number): UnusableInput {
  // The stream names sit in the directory sectors, near the start of the file.
  const bytes = Buffer.alloc(Math.min(size, 4 * 1024 * 1024));
  fs.readSync(fd, bytes, 0, bytes.length, 0);
  if (
    bytes.includes(Buffer.from('EncryptedPackage', 'utf16le')) ||
    bytes.includes(Buffer.from('EncryptionInfo', 'utf16le'))
  ) {
    return new UnusableInput(
      'is password-protected (encrypted); open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password) and save a copy to check',
      'file/encrypted',
    );
  }
  return new UnusableInput(
    'is an Excel 97–2003 (.xls) or other OLE file, not .xlsx; open it and save it as an Excel Workbook (.xlsx)',
    'file/not-a-workbook',
  );
}

// ------------------------------------------------------------------ CSV

/**
 * The headers a sheet's columns accept, by the sheet's name (the schema's own matching:
 * headerKey), for the CSV reader's separator check; undefined for a sheet the study does not define.
 */
function columnsOf(sheet: string): ((header: string) => boolean) | undefined {
  const key = headerKey(sheet);
  const tables = [EMPLOYEES, ALLOCATIONS, CONTRACTORS, SUPPLIES, COMPONENTS, PRIOR_YEARS, ROLES, WAIVERS];
  const table = tables.find((t) => [t.sheet, ...(t.aliases ?? [])].some((n) => headerKey(n) === key));
  const headers = table
    ? table.columns.flatMap((c) => [c.header, ...(c.aliases ?? [])])
    : key === headerKey('About')
      ? ABOUT_FIELDS.map((f) => f.header)
      : undefined;
  if (!headers) return undefined;
  const keys = new Set(headers.map(headerKey));
  return (h) => keys.has(headerKey(h));
}

/** One CSV file, already open; `budget` counts filled cells across a folder. */
function readCsvFd(fd: number, shownAs: string, sheet: string, budget: { cells: number }): SheetGrid {
  const size = fs.fstatSync(fd).size;
  if (size > LIMITS.csvBytes) {
    throw new UnusableInput(
      `${shownAs} is ${megabytes(size)}, more than rdtax reads from one .csv file (${megabytes(LIMITS.csvBytes)}); split the sheet into smaller files`,
      'file/too-large',
    );
  }
  const bytes = Buffer.alloc(size);
  let got = 0;
  while (got < size) {
    const n = fs.readSync(fd, bytes, got, size - got, got);
    if (n <= 0) break;
    got += n;
  }
  try {
    const isColumn = columnsOf(sheet);
    const { rows } = readCsvText(decodeCsvBytes(bytes.subarray(0, got)), {
      ...(isColumn ? { isColumn } : {}),
      sheet,
    });
    const values = rows.map((r) => r.map(csvCell));
    for (const r of values) for (const v of r) if (v !== null) budget.cells++;
    if (budget.cells > LIMITS.cells) {
      throw new UnusableInput(
        `${shownAs} brings the study to more than ${count(LIMITS.cells)} filled cells, more than rdtax reads from one study; split the study`,
        'file/too-large',
      );
    }
    return { name: sheet, values };
  } catch (e) {
    if (e instanceof CsvSeparatorError) throw new UnusableInput(`${shownAs}: ${e.message}`, 'file/damaged');
    if (e instanceof CsvError) throw new UnusableInput(`${shownAs} is not valid CSV: ${e.message}`, 'file/damaged');
    throw e;
  }
}

function readCsvFile(file: string, sheet: string, budget: { cells: number }): SheetGrid {
  const shownAs = path.basename(file);
  const fd = openRegularFile(file, `${shownAs} `);
  try {
    return readCsvFd(fd, shownAs, sheet, budget);
  } finally {
    fs.closeSync(fd);
  }
}

function isFolder(p: string): boolean {
  try {
    return fs.lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A folder of CSV files, one per sheet, named after the sheet (Employees.csv, "Prior Years.csv"). */
function readCsvFolder(dir: string): WorkbookGrids {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    throw new UnusableInput(ioMessage(e));
  }
  const csvs = names.filter((n) => /\.csv$/i.test(n)).sort((a, b) => a.localeCompare(b));
  if (csvs.length === 0) {
    // Studies one level down or deeper: --recursive finds them (cli/src/inputs.ts).
    const folders = names.some((n) => !n.startsWith('.') && isFolder(path.join(dir, n)));
    throw new UnusableInput(
      `is a folder with no .csv files${folders ? ' or .xlsx studies of its own; add --recursive to check the studies in its sub-folders, or' : ';'} put one CSV per sheet in it, named after the sheet (Employees.csv, Contractors.csv, …)`,
      'file/not-a-workbook',
    );
  }
  if (csvs.length > 100) {
    throw new UnusableInput(
      `is a folder with ${count(csvs.length)} .csv files; a study has one per sheet (at most a dozen), so give the study's own folder`,
      'file/too-large',
    );
  }
  const budget = { cells: 0 };
  return { sheets: csvs.map((n) => readCsvFile(path.join(dir, n), n.replace(/\.csv$/i, ''), budget)) };
}

// ------------------------------------------------------------------ exceljs (the .xlsx writer)

let excelJs: typeof ExcelJSTypes | undefined;
/** exceljs takes ~0.5 s to load: only when an .xlsx is actually written (reading does not use it). */
export function loadExcelJs(): typeof ExcelJSTypes {
  // A lazy require, not an import: check and compute never pay for loading exceljs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!excelJs) excelJs = require('exceljs') as typeof ExcelJSTypes;
  return excelJs;
}
