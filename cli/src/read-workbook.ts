/**
 * Files → the engine's workbook of named grids (core/src/study/types.ts). Reads an .xlsx with
 * exceljs, a single .csv, or a folder of .csv files named after the sheets (Employees.csv, …).
 * Never writes to the input. Anything that cannot be read is an `UnusableInput` with one
 * plain sentence saying why and what to do — never a stack trace.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as ExcelJSTypes from 'exceljs';
import { isDate, type CellValue } from '../../core/src/cells';
import type { SheetGrid, WorkbookGrids } from '../../core/src/study/types';
import { CsvError, csvCell, decodeCsvBytes, parseCsv } from './csv';

export class UnusableInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnusableInput';
  }
}

/**
 * The most worksheet XML (uncompressed, shared strings included) read in one go. exceljs's
 * workbook model costs ~20 bytes of memory per byte of sheet XML (a 200,000-row, 6-column
 * sheet is 55 MB of XML and needs ~1.2 GB); past this a clear message beats running out of
 * memory. (exceljs 4.4's streaming reader loses entries on Node 20 when worksheets precede
 * workbook.xml in the zip, as exceljs itself writes them, so it is not used.)
 */
export const MAX_SHEET_XML_BYTES = 160 * 1024 * 1024;

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

/** Read a study from an .xlsx file, a .csv file, or a folder of .csv files. */
export async function readWorkbookFile(file: string): Promise<WorkbookGrids> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new UnusableInput(ioMessage(e));
  }
  if (stat.isDirectory()) return readCsvFolder(file);
  if (!stat.isFile()) throw new UnusableInput('is not a regular file');
  if (stat.size === 0) throw new UnusableInput('is empty (0 bytes); export the study again as .xlsx');

  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      head = Buffer.alloc(8);
      fs.readSync(fd, head, 0, 8, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw new UnusableInput(ioMessage(e));
  }

  if (startsWith(head, ZIP_MAGIC)) {
    const xmlBytes = sheetXmlBytes(file);
    if (xmlBytes !== undefined && xmlBytes > MAX_SHEET_XML_BYTES) {
      throw new UnusableInput(
        `holds ${Math.round(xmlBytes / 1048576)} MB of worksheet data, more than rdtax reads from one .xlsx (${MAX_SHEET_XML_BYTES / 1048576} MB, about 600,000 rows of 6 columns); save the large sheets as .csv files in a folder and check the folder`,
      );
    }
    return readXlsx(file);
  }
  if (startsWith(head, OLE_MAGIC)) {
    // An OLE compound file: an encrypted OOXML package ("EncryptedPackage" stream) or a legacy .xls.
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      throw new UnusableInput(ioMessage(e));
    }
    if (bytes.includes(Buffer.from('EncryptedPackage', 'utf16le')) || bytes.includes(Buffer.from('EncryptionInfo', 'utf16le'))) {
      throw new UnusableInput(
        'is password-protected (encrypted); open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password) and save a copy to check',
      );
    }
    throw new UnusableInput('is an Excel 97–2003 (.xls) or other OLE file, not .xlsx; open it and save it as an Excel Workbook (.xlsx)');
  }
  if (startsWith(head, EMPTY_ZIP_MAGIC)) throw new UnusableInput('is an empty zip archive, not an .xlsx workbook');
  if (/\.csv$/i.test(file)) return { sheets: [readCsvFile(file, path.basename(file).replace(/\.csv$/i, ''))] };
  throw new UnusableInput('is not an .xlsx workbook (it is not a zip package); save the study as .xlsx, or give a folder of .csv files');
}

// ------------------------------------------------------------------ CSV

function readCsvFile(file: string, sheet: string): SheetGrid {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new UnusableInput(`${path.basename(file)} ${ioMessage(e)}`);
  }
  try {
    const rows = parseCsv(decodeCsvBytes(bytes));
    return { name: sheet, values: rows.map((r) => r.map(csvCell)) };
  } catch (e) {
    if (e instanceof CsvError) throw new UnusableInput(`${path.basename(file)} is not valid CSV: ${e.message}`);
    throw e;
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
    throw new UnusableInput('is a folder with no .csv files; put one CSV per sheet in it, named after the sheet (Employees.csv, Contractors.csv, …)');
  }
  return { sheets: csvs.map((n) => readCsvFile(path.join(dir, n), n.replace(/\.csv$/i, ''))) };
}

// ------------------------------------------------------------------ XLSX

let excelJs: typeof ExcelJSTypes | undefined;
/** exceljs takes ~0.5 s to load: only when an .xlsx is actually read or written. */
export function loadExcelJs(): typeof ExcelJSTypes {
  if (!excelJs) excelJs = require('exceljs') as typeof ExcelJSTypes;
  return excelJs;
}

/** A short reason from an exceljs/unzip failure, for a one-line message. */
function reasonOf(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  const first = m.split('\n')[0].trim();
  return first.length > 120 ? `${first.slice(0, 120)}…` : first;
}

type AnyExcelValue = ExcelJSTypes.CellValue | { error: string } | undefined;

/**
 * An exceljs cell value as the engine's cell value: a formula → its cached result, rich text →
 * its plain text, a hyperlink → its text, an error → its text ("#REF!"), a date → a Date.
 */
export function fromExcelValue(v: AnyExcelValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : '#NUM!';
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (isDate(v)) return Number.isNaN((v as Date).getTime()) ? '#VALUE!' : (v as Date);
  if (typeof v !== 'object') return String(v);
  const o = v as unknown as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
  if (typeof o.error === 'string') return o.error;
  if ('formula' in o || 'sharedFormula' in o) {
    const r = o.result as AnyExcelValue;
    return fromExcelValue(r);
  }
  if ('hyperlink' in o || 'text' in o) return fromExcelValue(o.text as AnyExcelValue);
  return null;
}

function setCell(rows: CellValue[][], rowIndex: number, colIndex: number, value: CellValue): void {
  while (rows.length <= rowIndex) rows.push([]);
  const r = rows[rowIndex];
  while (r.length < colIndex) r.push(null);
  r[colIndex] = value;
}

async function readXlsx(file: string): Promise<WorkbookGrids> {
  const ExcelJS = loadExcelJs();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new UnusableInput(`could not be read as an .xlsx workbook (${reasonOf(e)}); open it in Excel and save it again`);
  }
  const sheets: SheetGrid[] = [];
  wb.eachSheet((ws) => {
    const rows: CellValue[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        // Only the top-left cell of a merged range holds the value, as Excel's range.values reports it.
        const value = cell.type === ExcelJS.ValueType.Merge ? null : fromExcelValue(cell.value as AnyExcelValue);
        if (value !== null) setCell(rows, rowNumber - 1, colNumber - 1, value);
      });
    });
    sheets.push({ name: ws.name, values: rows });
  });
  if (sheets.length === 0) throw new UnusableInput('has no worksheets; it is not an .xlsx workbook, or it is damaged');
  return { sheets };
}

/**
 * The uncompressed size of the worksheets and shared strings, from the zip's central
 * directory (a few KB at the end of the file); undefined when the directory cannot be read
 * (exceljs then reports the damage).
 */
export function sheetXmlBytes(file: string): number | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const tailLength = Math.min(size, 65557); // end-of-central-directory record + the longest comment
    const tail = Buffer.alloc(tailLength);
    fs.readSync(fd, tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return undefined;
    const entries = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset === 0xffffffff || dirOffset + dirSize > size) return undefined;
    const dir = Buffer.alloc(dirSize);
    fs.readSync(fd, dir, 0, dirSize, dirOffset);
    let total = 0;
    let p = 0;
    for (let n = 0; n < entries && p + 46 <= dir.length; n++) {
      if (dir.readUInt32LE(p) !== 0x02014b50) return undefined;
      const uncompressed = dir.readUInt32LE(p + 24);
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      const name = dir.toString('utf8', p + 46, p + 46 + nameLength);
      // 0xFFFFFFFF: a zip64 entry of 4 GB or more.
      if (/^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/i.test(name)) total += uncompressed === 0xffffffff ? Number.MAX_SAFE_INTEGER / 2 : uncompressed;
      p += 46 + nameLength + extraLength + commentLength;
    }
    return total;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
