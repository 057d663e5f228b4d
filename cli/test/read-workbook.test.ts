/**
 * Reading study files into grids: the .xlsx reader gives exactly what exceljs (the previous
 * reader, kept here as the reference) gives on every example and awkward workbook, and
 * unusable files are an UnusableInput with a plain reason.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { isDate, type CellValue } from '@core/cells';
import type { WorkbookGrids } from '@core/study/types';
import { MAX_SHEET_XML_BYTES, readWorkbookFile, UnusableInput } from '../src/read-workbook';
import { zip } from '../../test/bench/hostile-files';

const EXAMPLES = path.join(__dirname, '..', '..', 'templates', 'examples');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-read-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type AnyExcelValue = ExcelJS.CellValue | { error: string } | undefined;

/** The reference: an exceljs cell value as the engine's cell value (the previous reader's rule). */
function fromExcelValue(v: AnyExcelValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : '#NUM!';
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (isDate(v)) return Number.isNaN((v as Date).getTime()) ? '#VALUE!' : (v as Date);
  if (typeof v !== 'object') return String(v);
  const o = v as unknown as Record<string, unknown>;
  if (Array.isArray(o.richText))
    return (o.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
  if (typeof o.error === 'string') return o.error;
  if ('formula' in o || 'sharedFormula' in o) return fromExcelValue(o.result as AnyExcelValue);
  if ('hyperlink' in o || 'text' in o) return fromExcelValue(o.text as AnyExcelValue);
  return null;
}

/** The reference reader: exceljs's whole-workbook model (what rdtax used before its own reader). */
async function readWithExcelJs(file: string): Promise<WorkbookGrids> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheets: { name: string; values: CellValue[][] }[] = [];
  wb.eachSheet((ws) => {
    const rows: CellValue[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const value = cell.type === ExcelJS.ValueType.Merge ? null : fromExcelValue(cell.value as AnyExcelValue);
        if (value !== null) (rows[rowNumber - 1] ??= [])[colNumber - 1] = value;
      });
    });
    sheets.push({ name: ws.name, values: rows });
  });
  return { sheets };
}

/** Filled cells as "Sheet!row,col = value" lines: blanks, holes and trailing nulls compare equal. */
function filledCells(wb: WorkbookGrids): string[] {
  const out: string[] = [];
  for (const s of wb.sheets) {
    out.push(`sheet ${s.name}`);
    s.values.forEach((row, r) =>
      (row ?? []).forEach((v, c) => {
        if (v !== null && v !== undefined)
          out.push(
            `${s.name}!${r + 1},${c + 1} = ${isDate(v) ? `Date ${(v as Date).toISOString()}` : `${typeof v} ${JSON.stringify(v)}`}`,
          );
      }),
    );
  }
  return out;
}

describe('fromExcelValue (the reference reader): what exceljs hands over → the engine’s cell value', () => {
  const date = new Date(Date.UTC(2025, 6, 1));
  it.each([
    ['a number', 185000, 185000],
    ['text', 'US', 'US'],
    ['a logical', true, true],
    ['a blank', null, null],
    ['a date stays a date', date, date],
    [
      'rich text → its plain text',
      { richText: [{ text: 'Alice ' }, { font: { bold: true }, text: 'Nguyen' }] },
      'Alice Nguyen',
    ],
    ['a hyperlink → its text', { text: 'Acme Labs', hyperlink: 'https://example.invalid' }, 'Acme Labs'],
    ['a hyperlink whose text is rich text', { text: { richText: [{ text: 'Acme' }] }, hyperlink: 'x' }, 'Acme'],
    ['an error cell → its text', { error: '#REF!' }, '#REF!'],
    ['a formula → its cached result', { formula: 'A1*2', result: 370000 }, 370000],
    ['a formula whose result is an error', { formula: '1/0', result: { error: '#DIV/0!' } }, '#DIV/0!'],
    ['a formula never calculated → blank', { formula: 'RDTAX.RD_QRE(A1)' }, null],
    ['a shared formula → its cached result', { sharedFormula: 'B2', result: 'Yes' }, 'Yes'],
    ['an infinite number is not a number', Infinity, '#NUM!'],
  ] as const)('%s', (_n, v, expected) => {
    expect(fromExcelValue(v as never)).toEqual(expected);
  });
});

/** A workbook written by exceljs with every awkward kind of cell. */
async function awkwardWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Employees');
  ws.addRow(['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %', 'Business Component', 'Hired']);
  ws.addRow([
    { richText: [{ text: 'Alice ' }, { font: { bold: true }, text: 'Nguyen' }] },
    'Software Developer',
    'US',
    185000,
    1,
    'X',
    new Date(Date.UTC(2020, 0, 6)),
  ]);
  ws.addRow([
    { text: 'Bob', hyperlink: 'https://example.invalid/bob' },
    'QA Engineer',
    'US',
    { formula: '1/0', result: { error: '#DIV/0!' } },
    0.7,
    'X',
    null,
  ]);
  ws.addRow(['Carol', 'QA Engineer', 'US', { error: '#REF!' }, { formula: 'E3', result: 0.7 }, 'X', null]);
  ws.getCell('G2').numFmt = 'yyyy-mm-dd';
  ws.mergeCells('F3:F4');
  wb.addWorksheet('Prior Years').addRow(['Tax Year', 'QRE']);
  await wb.xlsx.writeFile(file);
}

describe('readWorkbookFile on .xlsx', () => {
  it('rich text, hyperlinks, dates, error cells, formulas and merged cells', async () => {
    const file = path.join(dir, 'awkward.xlsx');
    await awkwardWorkbook(file);
    const wb = await readWorkbookFile(file);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Employees', 'Prior Years']);
    const rows = wb.sheets[0].values;
    expect(rows[1][0]).toBe('Alice Nguyen');
    expect(rows[2][0]).toBe('Bob');
    expect(Object.prototype.toString.call(rows[1][6])).toBe('[object Date]');
    expect((rows[1][6] as Date).toISOString()).toBe('2020-01-06T00:00:00.000Z');
    expect(rows[2][3]).toBe('#DIV/0!');
    expect(rows[3][3]).toBe('#REF!');
    expect(rows[3][4]).toBe(0.7);
    // The top-left cell of a merge keeps its value; the rest of the merge is blank, as Excel's range.values gives it.
    expect(rows[2][5]).toBe('X');
    expect(rows[3][5] ?? null).toBeNull();
  });

  it('cells are stored sparsely: a value at row 1,000,000 adds one row array, not a million', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Employees');
    ws.getCell('A1').value = 'Employee';
    ws.getCell('C1000000').value = 5;
    const file = path.join(dir, 'far.xlsx');
    await wb.xlsx.writeFile(file);
    const rows = (await readWorkbookFile(file)).sheets[0].values;
    expect(rows.length).toBe(1000000);
    expect(rows.filter((r) => r !== undefined).length).toBe(2);
    expect(rows[999999][2]).toBe(5);
  });
});

describe('the .xlsx reader reads exactly what exceljs reads', () => {
  const files = [
    ...fs
      .readdirSync(EXAMPLES)
      .filter((f) => f.endsWith('.xlsx'))
      .map((f) => path.join(EXAMPLES, f)),
  ];
  it.each(files.map((f) => [path.basename(f), f]))('%s', async (_n, file) => {
    expect(filledCells(await readWorkbookFile(file))).toEqual(filledCells(await readWithExcelJs(file)));
  });
  it('the awkward workbook (rich text, hyperlinks, dates, errors, formulas, merges)', async () => {
    const file = path.join(dir, 'awkward-compare.xlsx');
    await awkwardWorkbook(file);
    expect(filledCells(await readWorkbookFile(file))).toEqual(filledCells(await readWithExcelJs(file)));
  });
});

describe('readWorkbookFile: unusable input is an UnusableInput with a plain reason', () => {
  const write = (name: string, bytes: Buffer | string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, bytes);
    return f;
  };
  it.each([
    ['a missing file', () => path.join(dir, 'nope.xlsx'), 'no such file or folder'],
    ['an empty file', () => write('empty.xlsx', ''), 'is empty (0 bytes)'],
    [
      'a text file named .xlsx',
      () => write('text.xlsx', 'Employee,Role\n'),
      'is not an .xlsx workbook (it is not a zip package)',
    ],
    [
      'a truncated zip',
      () => write('cut.xlsx', fs.readFileSync(path.join(EXAMPLES, 'clean.xlsx')).subarray(0, 2000)),
      'could not be read as an .xlsx workbook: its zip directory is missing',
    ],
    [
      'a zip that is not a workbook',
      () => write('notbook.xlsx', zipOf('hello.txt', 'hi')),
      'has no worksheets: its part "xl/workbook.xml" (the list of sheets) is missing',
    ],
    [
      'a part larger than rdtax reads (by its declared size, before inflating)',
      () => write('huge.xlsx', zipOf('xl/worksheets/sheet1.xml', '<worksheet/>', MAX_SHEET_XML_BYTES + 1)),
      'has a part "xl/worksheets/sheet1.xml" of 160 MB uncompressed, more than rdtax accepts in one part (160 MB)',
    ],
    [
      'an empty zip',
      () => write('emptyzip.xlsx', Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)])),
      'is an empty zip archive',
    ],
    [
      'a password-protected workbook',
      () => path.join(__dirname, 'fixtures', 'encrypted.xlsx'),
      'is password-protected (encrypted)',
    ],
    [
      'a legacy .xls (OLE without encryption)',
      () =>
        write(
          'old.xls',
          Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]),
        ),
      'is an Excel 97–2003 (.xls)',
    ],
    [
      'a folder without .csv files',
      () => (fs.mkdirSync(path.join(dir, 'nocsv'), { recursive: true }), path.join(dir, 'nocsv')),
      'is a folder with no .csv files',
    ],
    [
      'a CSV with an unclosed quote',
      () => (
        fs.mkdirSync(path.join(dir, 'badcsv'), { recursive: true }),
        write('badcsv/Employees.csv', 'Employee\n"Alice\n'),
        path.join(dir, 'badcsv')
      ),
      'Employees.csv is not valid CSV: a quoted field in the row starting on line 2 is never closed',
    ],
  ])('%s', async (_n, make, message) => {
    const file = make();
    await expect(readWorkbookFile(file)).rejects.toThrow(UnusableInput);
    await expect(readWorkbookFile(file)).rejects.toThrow(message);
  });
});

/** A one-entry zip (stored, no compression). */
function zipOf(name: string, text: string, declaredSize?: number): Buffer {
  return zip([{ name, content: text, store: true, ...(declaredSize !== undefined ? { declaredSize } : {}) }]);
}
