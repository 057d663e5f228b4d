/**
 * Hostile inputs (issue 8 §2–3): each named file is refused — an UnusableInput with one
 * sentence naming the part, sheet, cell or line, exit 2 from the command — before it can use
 * unbounded memory or time, and never with a stack trace or an internal message.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deflateSync } from 'fflate';
import { LIMITS, readWorkbookFile, UnusableInput } from '../src/read-workbook';
import { HEADER_ROW, studyXlsx, zerosPart, zip } from '../../test/bench/hostile-files';
import { expectNoStackTrace, rdtax } from './helpers';

const MB = 1024 * 1024;
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-hostile-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sheet = (rows: string) => studyXlsx({ sheetData: `${HEADER_ROW}${rows}` });
const bigText = 'x'.repeat(LIMITS.xmlTokenChars + 1);

/** [name, the file, what the one sentence says, why]. */
const XLSX: readonly [string, () => Buffer, string, string][] = [
  // Used range: Excel's own limits (a real workbook cannot go further).
  [
    'one cell at row 400,000,000',
    () => sheet('<row r="400000000"><c r="A400000000"><v>1</v></c></row>'),
    'has a row at Employees!A400000000, past the last row 1,048,576 any worksheet can have',
    'the 16 KB reproduction that aborted with heap OOM',
  ],
  [
    'a cell at row 1,048,577 (its <row> without r)',
    () => sheet('<row><c r="B1048577"><v>1</v></c></row>'),
    'has a cell at Employees!B1048577, past the last row 1,048,576',
    'boundary: one past the last row',
  ],
  [
    'a cell in column XFE (16,385)',
    () => sheet('<row r="2"><c r="XFE2"><v>1</v></c></row>'),
    'has a cell at Employees!XFE2, past the last column XFD (16,384)',
    'boundary: one past the last column',
  ],
  [
    'a used range (dimension) ending at A2000000',
    () => studyXlsx({ sheetXml: '<worksheet><dimension ref="A1:A2000000"/><sheetData/></worksheet>' }),
    'has a used range ending at Employees!A2000000',
    'the dimension is checked before any row',
  ],
  // The zip directory, checked before inflating.
  [
    '1.5 GB of zeros in xl/media/image1.png',
    () => studyXlsx({ parts: { m: zerosPart('xl/media/image1.png', 1536 * MB) } }),
    'has a part "xl/media/image1.png" of 1,536 MB uncompressed, more than rdtax accepts in one part (160 MB)',
    'a part the reader would never inflate still declares an absurd size',
  ],
  [
    '150 MB of zeros in customXml/item1.xml (under the part limit, 159:1)',
    () => studyXlsx({ parts: { c: zerosPart('customXml/item1.xml', 150 * MB) } }),
    'has a part "customXml/item1.xml" that unpacks to 150 MB from 0.9 MB (159:1, more than the 100:1 real workbook parts reach), so it looks like a zip bomb',
    'ratio limit',
  ],
  [
    '1.5 GB of zeros in xl/styles.xml',
    () => studyXlsx({ parts: { s: zerosPart('xl/styles.xml', 1536 * MB) } }),
    'has a part "xl/styles.xml" of 1,536 MB uncompressed',
    'styles.xml was read in full by exceljs',
  ],
  [
    'styles.xml of 17 MB (stored, 1:1)',
    () => studyXlsx({ parts: { s: { name: 'xl/styles.xml', content: new Uint8Array(17 * MB), store: true } } }),
    'has a styles part "xl/styles.xml" of 17 MB, more than rdtax reads (16 MB',
    'styles are read only for number formats',
  ],
  [
    'two 150 MB parts: 300 MB in all (stored sizes declared, ratio 75:1)',
    () =>
      studyXlsx({
        parts: {
          a: { name: 'xl/media/a.bin', content: new Uint8Array(2 * MB), store: true, declaredSize: 150 * MB },
          b: { name: 'xl/media/b.bin', content: new Uint8Array(2 * MB), store: true, declaredSize: 150 * MB },
        },
      }),
    'unpacks to more than 256 MB (the most rdtax accepts in one .xlsx, reached at part "xl/media/b.bin")',
    'total declared size',
  ],
  [
    '10,001 parts',
    () => zip(Array.from({ length: LIMITS.zipEntries + 1 }, (_, i) => ({ name: `p${i}`, content: '', store: true }))),
    'has 10,001 parts in its zip package, more than rdtax opens (10,000)',
    'entry count, boundary',
  ],
  [
    'a zip64 end record (65,535 entries marker)',
    () => {
      const b = studyXlsx();
      b.writeUInt16LE(0xffff, b.length - 22 + 10);
      return b;
    },
    'is a zip64 package',
    'zip64 is refused clearly, not misread',
  ],
  [
    'an encrypted part',
    () =>
      studyXlsx({
        parts: { 'xl/worksheets/sheet1.xml': { name: 'xl/worksheets/sheet1.xml', content: '<worksheet/>', flags: 1 } },
      }),
    'has an encrypted part ("xl/worksheets/sheet1.xml")',
    'zip encryption',
  ],
  // Lying headers: the inflater stops at the declared size.
  [
    'styles.xml declaring 2 KB that inflates to 1.5 GB',
    () => studyXlsx({ parts: { s: zerosPart('xl/styles.xml', 1536 * MB, 2048) } }),
    'has a part "xl/styles.xml" that unpacks to more than the 2,048 bytes its zip directory declares',
    'a lying header cannot exhaust memory',
  ],
  [
    'sheet1.xml declaring 1 KB that inflates to 20 MB',
    () => studyXlsx({ parts: { 'xl/worksheets/sheet1.xml': zerosPart('xl/worksheets/sheet1.xml', 20 * MB, 1024) } }),
    'has a part "xl/worksheets/sheet1.xml" that unpacks to more than the 1,024 bytes',
    'the same for a sheet',
  ],
  // Truncated and malformed packages and parts: which part, and what to do.
  [
    'the zip cut short (no directory)',
    () => studyXlsx().subarray(0, 700),
    'could not be read as an .xlsx workbook: its zip directory is missing (the file is cut short',
    'truncated download',
  ],
  [
    'a sheet whose compressed data is cut short',
    () => cutSheet(),
    'its part "xl/worksheets/sheet1.xml" has invalid or cut-short compressed data',
    'deflate stream ends early',
  ],
  [
    'no xl/workbook.xml',
    () => studyXlsx({ parts: { 'xl/workbook.xml': null } }),
    'has no worksheets: its part "xl/workbook.xml" (the list of sheets) is missing',
    'exceljs: "Cannot set properties of undefined"',
  ],
  [
    'a sheet relationship pointing nowhere',
    () =>
      studyXlsx({
        workbookRels:
          '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet9.xml"/></Relationships>',
      }),
    'the sheet "Employees" points to the part "xl/worksheets/sheet9.xml", which the package does not have',
    'dangling target',
  ],
  [
    'a sheet without its relationship',
    () => studyXlsx({ workbookRels: '<Relationships/>' }),
    '"xl/workbook.xml" lists the sheet "Employees" but its relationship "rId1" is missing',
    'dangling r:id',
  ],
  [
    'a sheet cut off inside a row',
    () => studyXlsx({ sheetXml: `<worksheet><sheetData>${HEADER_ROW}<row r="2"><c r="A2"><v>1</v></c>` }),
    'its part "xl/worksheets/sheet1.xml" is not well-formed XML (it ends before <row> is closed; the part is cut short)',
    'malformed XML',
  ],
  [
    'mismatched tags',
    () => sheet('<row r="2"><c r="A2"><v>1</c></v></row>'),
    'is not well-formed XML (</c> where </v> was expected)',
    'malformed XML',
  ],
  [
    'a DOCTYPE with entities (billion laughs)',
    () => studyXlsx({ sharedStrings: '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><sst><si><t>&a;</t></si></sst>' }),
    'its part "xl/sharedStrings.xml" is not well-formed XML (it has a DOCTYPE or entity declaration, which Excel never writes)',
    'no entity expansion',
  ],
  [
    'a shared string index past the end',
    () =>
      studyXlsx({
        sharedStrings: '<sst><si><t>a</t></si></sst>',
        sheetData: '<row r="1"><c r="A1" t="s"><v>57</v></c></row>',
      }),
    'the cell Employees!A1 refers to shared string "57", but the shared strings part has 1',
    'exceljs: "reading \'richText\'"',
  ],
  [
    'a text run over 1,000,000 characters',
    () =>
      studyXlsx({
        parts: {
          'xl/worksheets/sheet1.xml': {
            name: 'xl/worksheets/sheet1.xml',
            content: `<worksheet><sheetData><row><c t="str"><v>${bigText}</v></c></row></sheetData></worksheet>`,
            store: true,
          },
        },
      }),
    'has a tag or text longer than 1,000,000 characters (a cell holds at most 32,767)',
    'the scanner holds at most one token',
  ],
  [
    'a sheet that is not UTF-8',
    () =>
      studyXlsx({
        parts: {
          'xl/worksheets/sheet1.xml': {
            name: 'xl/worksheets/sheet1.xml',
            content: Buffer.from([
              ...Buffer.from('<worksheet><sheetData><row><c t="str"><v>'),
              0xff,
              ...Buffer.from('</v></c></row></sheetData></worksheet>'),
            ]),
          },
        },
      }),
    'its part "xl/worksheets/sheet1.xml" is not valid UTF-8 text',
    'encoding',
  ],
  [
    'a sheet changed after it was zipped (its CRC-32 no longer matches)',
    () => {
      const xml = `<worksheet><sheetData>${HEADER_ROW}</sheetData></worksheet>`;
      const part = { name: 'xl/worksheets/sheet1.xml', content: xml, crc: 0x12345678 };
      return studyXlsx({ parts: { 'xl/worksheets/sheet1.xml': part } });
    },
    'its part "xl/worksheets/sheet1.xml" fails its checksum (CRC-32)',
    'damage that inflates to the right length would otherwise read as numbers never saved',
  ],
  [
    'a part compressed with bzip2 (method 12)',
    () =>
      studyXlsx({
        parts: {
          'xl/worksheets/sheet1.xml': {
            name: 'xl/worksheets/sheet1.xml',
            content: '<worksheet/>',
            store: true,
            method: 12,
          },
        },
      }),
    'uses zip compression method 12, not deflate',
    'unsupported method',
  ],
];

/** The sheet's compressed data cut to half, with the directory still declaring its full size. */
function cutSheet(): Buffer {
  const xml = `<worksheet><sheetData>${HEADER_ROW.repeat(50)}</sheetData></worksheet>`;
  const bytes = deflateSync(Buffer.from(xml));
  return studyXlsx({
    parts: {
      'xl/worksheets/sheet1.xml': {
        name: 'xl/worksheets/sheet1.xml',
        deflated: { bytes: bytes.subarray(0, bytes.length >> 1), size: xml.length },
      },
    },
  });
}

describe('hostile .xlsx files are refused with one sentence', () => {
  it.each(XLSX)('%s', async (name, build, message) => {
    const file = path.join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.xlsx`);
    fs.writeFileSync(file, build());
    const e = await readWorkbookFile(file).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(UnusableInput);
    const m = (e as Error).message;
    expect(m).toContain(message);
    expect(m).not.toMatch(/\n|undefined|Cannot |reading '/);
  });

  it('a cell at the last row and column (XFD1048576) is read, stored sparsely', async () => {
    const file = path.join(dir, 'corner.xlsx');
    fs.writeFileSync(file, sheet('<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>'));
    const rows = (await readWorkbookFile(file)).sheets[0].values;
    // Excel's last row and column: 1,048,576 rows, 16,384 columns (XFD).
    expect(rows.length).toBe(1_048_576);
    expect(rows[1_048_575][16_383]).toBe(7);
    expect(rows.filter((r) => r !== undefined)).toHaveLength(2);
  });
});

/** [name, make the folder or file (returns its path), message, why]. */
const CSV: readonly [string, () => string, string, string][] = [
  [
    'a FIFO named Employees.csv in a study folder',
    () => {
      const d = path.join(dir, 'fifo');
      fs.mkdirSync(d);
      execFileSync('mkfifo', [path.join(d, 'Employees.csv')]);
      return d;
    },
    'Employees.csv is not a regular file (a pipe, device or socket)',
    'reading a FIFO waits for a writer forever',
  ],
  [
    'a symlink Employees.csv → /dev/zero',
    () => {
      const d = path.join(dir, 'dev');
      fs.mkdirSync(d);
      fs.symlinkSync('/dev/zero', path.join(d, 'Employees.csv'));
      return d;
    },
    'Employees.csv is not a regular file',
    'an endless device',
  ],
  [
    'a .csv of 101 MB (sparse: size checked before reading)',
    () => {
      const d = path.join(dir, 'big');
      fs.mkdirSync(d);
      const f = path.join(d, 'Employees.csv');
      fs.writeFileSync(f, 'Employee\n');
      fs.truncateSync(f, LIMITS.csvBytes + MB);
      return d;
    },
    'Employees.csv is 101 MB, more than rdtax reads from one .csv file (100 MB)',
    'file size',
  ],
  [
    'a line of 1,000,001 characters',
    () => csvFolder('long', `Employee\n${'x'.repeat(LIMITS.csvLineChars + 1)}\n`),
    'Employees.csv is not valid CSV: line 2 is 1,000,001 characters long',
    'line length',
  ],
  [
    '16,385 columns',
    () => csvFolder('wide', `${'a,'.repeat(LIMITS.columns)}a\n`),
    'Employees.csv is not valid CSV: line 1: more than 16,384 fields',
    'columns',
  ],
  [
    '1,048,577 rows',
    () => csvFolder('tall', '1\n'.repeat(LIMITS.rows + 1)),
    'Employees.csv is not valid CSV: line 1048577: more than 1,048,576 rows',
    'rows',
  ],
  [
    'invalid UTF-8 on line 3',
    () =>
      csvFolder('utf8', Buffer.concat([Buffer.from('Employee\nAlice\nB'), Buffer.from([0xff]), Buffer.from('b\n')])),
    'Employees.csv is not valid CSV: line 3 is not UTF-8 text (byte 0xFF at byte 2 of the line',
    'encoding, located',
  ],
];

function csvFolder(name: string, content: string | Buffer): string {
  const d = path.join(dir, name);
  fs.mkdirSync(d);
  fs.writeFileSync(path.join(d, 'Employees.csv'), content);
  return d;
}

describe('hostile CSV folders are refused with one sentence', () => {
  it.each(CSV)('%s', async (_name, make, message) => {
    const e = await readWorkbookFile(make()).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(UnusableInput);
    expect((e as Error).message).toContain(message);
    expect((e as Error).message).not.toMatch(/\n/);
  });
});

describe('the command: exit 2, one line on stderr, no stack trace', () => {
  it.each([
    [
      'one cell at row 400,000,000',
      () =>
        fs.writeFileSync(
          path.join(dir, 'cli-row.xlsx'),
          sheet('<row r="400000000"><c r="A400000000"><v>1</v></c></row>'),
        ),
      'cli-row.xlsx',
      'past the last row 1,048,576',
    ],
    [
      '1.5 GB of zeros in xl/media',
      () =>
        fs.writeFileSync(
          path.join(dir, 'cli-media.xlsx'),
          studyXlsx({ parts: { m: zerosPart('xl/media/image1.png', 1536 * MB) } }),
        ),
      'cli-media.xlsx',
      'more than rdtax accepts in one part',
    ],
    [
      'a FIFO given as the file',
      () => execFileSync('mkfifo', [path.join(dir, 'cli-fifo.csv')]),
      'cli-fifo.csv',
      'is not a regular file',
    ],
  ])('%s', (_name, make, file, message) => {
    make();
    const r = rdtax(['check', file], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expectNoStackTrace(r);
  });
});
