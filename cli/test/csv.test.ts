/**
 * The CSV reader (csv-parse underneath, our guards on top): RFC 4180 as spreadsheets write it,
 * comma, semicolon or tab separated, with or without a BOM, and a clear error for anything else.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CsvError,
  csvCell,
  CsvSeparatorError,
  decodeCsvBytes,
  detectSeparator,
  invalidUtf8At,
  parseCsv,
  readCsvText,
} from '../src/csv';
import { readWorkbookFile } from '../src/read-workbook';
import { EXAMPLES, json, rdtax } from './helpers';

describe('parseCsv', () => {
  const CASES: readonly [string, string, string[][]][] = [
    [
      'plain fields, LF',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CRLF line ends',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'no line break at the end',
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['a quoted field with a comma', '"Acme, Inc.",5', [['Acme, Inc.', '5']]],
    ['a doubled quote inside quotes', '"say ""hi""",x', [['say "hi"', 'x']]],
    [
      'a line break inside quotes',
      '"two\nlines",x\ny,z',
      [
        ['two\nlines', 'x'],
        ['y', 'z'],
      ],
    ],
    ['empty fields, including the last', 'a,,c,\n', [['a', '', 'c', '']]],
    ['a quoted empty field', '"",x', [['', 'x']]],
    ['a quoted field after a comma', 'x,"a,b"', [['x', 'a,b']]],
    ['a blank line in the middle is a blank row', 'a\n\nb\n', [['a'], [''], ['b']]],
    ['spaces are kept', ' a , b ', [[' a ', ' b ']]],
    ['an empty text has no rows', '', []],
  ];
  it.each(CASES)('%s', (_n, text, rows) => expect(parseCsv(text)).toEqual(rows));

  it.each([
    ['an unclosed quote', 'a,"b\nc', 'a quoted field in the row starting on line 1 is never closed'],
    ['an unclosed quote in the third row, after a quoted line break', 'a\n"x\ny",1\nz,"w\n', 'row starting on line 4'],
    ['text after a closing quote', '"a"b,c', 'line 1: text after a closing quote'],
    ['a bare quote inside a field', 'a,b"c\n', 'line 1: a double quote inside an unquoted field'],
    ['the line of a bad row is counted across quoted line breaks', '"x\ny",1\nz,w"\n', 'line 3:'],
  ])('rejects %s', (_n, text, message) => {
    expect(() => parseCsv(text)).toThrow(CsvError);
    expect(() => parseCsv(text)).toThrow(message);
  });
});

describe('decodeCsvBytes', () => {
  it.each([
    ['UTF-8 with a BOM (Excel "CSV UTF-8")', Uint8Array.from([0xef, 0xbb, 0xbf, 0x63, 0x61, 0x66, 0xc3, 0xa9]), 'café'],
    ['UTF-8 without a BOM', Uint8Array.from([0x63, 0x61, 0x66, 0xc3, 0xa9]), 'café'],
    ['UTF-16 LE with a BOM', Uint8Array.from([0xff, 0xfe, 0x63, 0x00, 0xe9, 0x00]), 'cé'],
    ['a 4-byte character (U+1F600)', Uint8Array.from([0xf0, 0x9f, 0x98, 0x80]), '\u{1F600}'],
  ])('%s', (_n, bytes, text) => expect(decodeCsvBytes(bytes)).toBe(text));

  const bytes = (...parts: (string | number[])[]) =>
    Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p)] : p)));
  it.each([
    // Guessing Windows-1252 would silently turn a corrupt file into wrong names; the user re-saves as CSV UTF-8.
    [
      'Windows-1252 é (Excel\'s plain "CSV") on line 2',
      bytes('Employee\ncaf', [0xe9], '\n'),
      'line 2 is not UTF-8 text (byte 0xE9 at byte 4 of the line',
    ],
    ['a lone continuation byte on line 3', bytes('a\nb\nx', [0x80]), 'line 3 is not UTF-8 text (byte 0x80 at byte 2'],
    [
      'a sequence cut short before a newline',
      bytes('ok,', [0xc3], '\nnext'),
      'line 1 is not UTF-8 text (byte 0xC3 at byte 4',
    ],
    ['an overlong encoding of "/" (0xC0 0xAF)', bytes([0xc0, 0xaf]), 'line 1 is not UTF-8 text (byte 0xC0 at byte 1'],
    [
      'a UTF-16 surrogate encoded in UTF-8 (0xED 0xA0 0x80)',
      bytes('x\n', [0xed, 0xa0, 0x80]),
      'line 2 is not UTF-8 text (byte 0xED',
    ],
    [
      'a code point past U+10FFFF (0xF4 0x90 …)',
      bytes([0xf4, 0x90, 0x80, 0x80]),
      'line 1 is not UTF-8 text (byte 0xF4',
    ],
    [
      'the byte 0xFF after a UTF-8 BOM',
      bytes([0xef, 0xbb, 0xbf], 'a\n', [0xff]),
      'line 2 is not UTF-8 text (byte 0xFF at byte 1',
    ],
  ])('refuses %s, naming the line', (_n, b, message) => {
    expect(() => decodeCsvBytes(b)).toThrow(CsvError);
    expect(() => decodeCsvBytes(b)).toThrow(message);
  });

  it.each([
    ['ASCII', bytes('abc'), -1],
    ['valid 2-, 3- and 4-byte characters', bytes('é€😀'), -1],
    ['the first bad byte, after valid ones', bytes('é', [0xff]), 2],
    ['a 3-byte sequence missing its last byte at the end', bytes('ab', [0xe2, 0x82]), 2],
  ])('invalidUtf8At: %s', (_n, b, at) => expect(invalidUtf8At(b)).toBe(at));
});

describe("parseCsv limits (a worksheet's own limits; lines far beyond any cell)", () => {
  const small = { rows: 3, columns: 4, lineChars: 20 };
  it.each([
    ['3 rows at a limit of 3', 'a\nb\nc\n', 3],
    ['4 fields at a limit of 4', 'a,b,c,d', 1],
    ['a line of exactly 20 characters', 'x'.repeat(20), 1],
    ['a quoted field over several short lines', '"' + 'x\n'.repeat(5) + '"', 1],
  ])('accepts %s', (_n, text, rowCount) => expect(parseCsv(text, small)).toHaveLength(rowCount));
  it.each([
    ['a 4th row', 'a\nb\nc\nd\n', 'line 4: more than 3 rows, the most a worksheet can have'],
    ['a 5th field', 'a,b,c,d,e', 'line 1: more than 4 fields'],
    [
      'a 21-character line',
      'ok\n' + 'x'.repeat(21),
      'line 2 is 21 characters long, more than rdtax reads in one line (20)',
    ],
    [
      'a 21-character line ended by CR only (old Mac CSV)',
      'ok\r' + 'x'.repeat(21) + '\rz',
      'line 2 is 21 characters long',
    ],
  ])('refuses %s', (_n, text, message) => {
    expect(() => parseCsv(text, small)).toThrow(CsvError);
    expect(() => parseCsv(text, small)).toThrow(message);
  });
});

describe('csvCell', () => {
  it.each([
    ['', null],
    ['185000', 185000],
    ['0.75', 0.75],
    ['-12.5', -12.5],
    ['1e3', 1000],
    ['1,200', '1,200'], // the engine's cell conventions read it, with a located message if needed
    ['80%', '80%'],
    ['$5', '$5'],
    ['US', 'US'],
    ['2025', 2025],
    ['  42  ', 42],
  ] as const)('%j → %j', (field, value) => expect(csvCell(field)).toBe(value));
});

describe('the separator of each file: comma, semicolon or tab, from its first row', () => {
  it.each([
    ['comma (RFC 4180)', 'Employee,Role,Wages\nAna,Dev,100\n', ','],
    [
      "semicolon (Excel's CSV where the decimal mark is a comma: de, fr, it, es, nl, pt-BR)",
      'Employee;Role;Wages\nAna;Dev;100,50\n',
      ';',
    ],
    ['tab (Excel\'s "Unicode text" and "Text (Tab delimited)")', 'Employee\tRole\tWages\nAna\tDev\t100\n', '\t'],
    [
      'semicolon, with a comma inside a header name: the one that splits into more fields wins',
      'Employee;Role;Wages, Box 1\n',
      ';',
    ],
    ['comma, with semicolons inside a quoted header', '"A;B;C",D,E\n', ','],
    ['a tie (one of each) goes to comma', 'a,b;c\n', ','],
    ['one column: comma', 'Employee\nAna\n', ','],
    ['an empty file: comma', '', ','],
    ['only the first row counts: a ; file whose data rows hold commas', 'a;b\n1,2,3,4,5\n', ';'],
  ])('%s', (_n, text, sep) => expect(detectSeparator(text)).toBe(sep));

  it.each([
    [
      'semicolon with a decimal comma kept as text',
      'Name;Wages\nAna;"1.234,50"\n',
      [
        ['Name', 'Wages'],
        ['Ana', '1.234,50'],
      ],
    ],
    [
      'semicolon with a quoted ; and a quoted line break',
      'a;b\n"x;y";"two\nlines"\n',
      [
        ['a', 'b'],
        ['x;y', 'two\nlines'],
      ],
    ],
    [
      'tab with a quoted tab',
      'a\tb\n"x\ty"\tz\n',
      [
        ['a', 'b'],
        ['x\ty', 'z'],
      ],
    ],
    [
      'comma with a doubled quote',
      'a,b\n"say ""hi""",x\n',
      [
        ['a', 'b'],
        ['say "hi"', 'x'],
      ],
    ],
    [
      'a BOM left in the text (decoded by another tool) is not part of the first name',
      '\ufeffa;b\n1;2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'mixed line ends (CRLF, LF, CR)',
      'a;b\r\n1;2\n3;4\r5;6',
      [
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
        ['5', '6'],
      ],
    ],
    [
      'rows of different lengths are kept as they are',
      'a;b;c\n1\n1;2;3;4\n',
      [['a', 'b', 'c'], ['1'], ['1', '2', '3', '4']],
    ],
  ])('reads %s', (_n, text, rows) => expect(readCsvText(text).rows).toEqual(rows));

  const employees = (h: string) =>
    ['employee', 'role', 'location', 'w2box1wages'].includes(h.toLowerCase().replace(/[\s-]+/g, ''));
  it.each([
    [
      'a header quoted as one field, names separated by ";"',
      '"Employee;Role;Location;W-2 Box 1 Wages"\nAna;Dev;US;100\n',
      'the header reads as one column "Employee;Role;Location;W-2 Box 1 Wages" — it matches the Employees columns (4 of them) only when split on ";"',
    ],
    ['a header quoted as one field, names separated by tabs', '"Employee\tRole\tLocation"\n', 'only when split on tab'],
  ])('refuses %s, naming the separator that would match', (_n, text, message) => {
    expect(() => readCsvText(text, { isColumn: employees, sheet: 'Employees' })).toThrow(CsvSeparatorError);
    expect(() => readCsvText(text, { isColumn: employees, sheet: 'Employees' })).toThrow(message);
  });
  it.each([
    ['a header that matches as read', 'Employee;Role;Location\n'],
    [
      'two names that match as read, the rest matching only split: left to the validator',
      'Employee,Role,"Location;W-2 Box 1 Wages"\n',
    ],
    ['one name that would match split (fewer than 2): left to the validator', '"Employee;Notes"\n'],
    ['a header whose names hold another separator but match as read', 'Employee,Role,"Location; city"\n'],
  ])('accepts %s', (_n, text) =>
    expect(() => readCsvText(text, { isColumn: employees, sheet: 'Employees' })).not.toThrow(),
  );

  it.each([
    ['a semicolon file of 4 rows at a limit of 3', 'a;b\n1;2\n3;4\n5;6\n', 'line 4: more than 3 rows'],
    ['a tab file with 5 fields at a limit of 4', 'a\tb\tc\td\te', 'line 1: more than 4 fields'],
    ['a semicolon file with a bare quote', 'a;b"c\n', 'a double quote inside an unquoted field'],
  ])('hostile rows: %s', (_n, text, message) => {
    expect(() => readCsvText(text, { limits: { rows: 3, columns: 4, lineChars: 20 } })).toThrow(message);
  });
});

describe('a study folder of semicolon, tab and BOM CSV files reads as the comma one does', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-csv-sep-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const CLEAN_CSV = path.join(EXAMPLES, 'clean-csv');

  /** clean-csv rewritten: every file's rows joined with `sep`, with `bom` bytes before it. */
  function variant(name: string, sep: string, encode: (text: string) => Buffer): string {
    const d = path.join(dir, name);
    fs.mkdirSync(d);
    for (const f of fs.readdirSync(CLEAN_CSV)) {
      const rows = parseCsv(fs.readFileSync(path.join(CLEAN_CSV, f), 'utf8'));
      const quote = (v: string) => (/[",;\t\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
      fs.writeFileSync(path.join(d, f), encode(rows.map((r) => r.map(quote).join(sep)).join('\r\n') + '\r\n'));
    }
    return d;
  }
  const utf8 = (t: string) => Buffer.from(t, 'utf8');
  const utf8Bom = (t: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]);
  const utf16Bom = (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]);

  it.each([
    ['semicolons (Excel CSV, German/French locale)', ';', utf8],
    ['semicolons with a UTF-8 BOM (Excel "CSV UTF-8")', ';', utf8Bom],
    ['tabs with a UTF-16 LE BOM (Excel "Unicode text")', '\t', utf16Bom],
    ['commas with a UTF-8 BOM', ',', utf8Bom],
  ])('%s: the same sheets and cells, and rdtax check finds nothing', async (name, sep, encode) => {
    const d = variant(name.replace(/\W+/g, '-'), sep, encode);
    expect(await readWorkbookFile(d)).toEqual(await readWorkbookFile(CLEAN_CSV));
    const r = rdtax(['check', d, '--json']);
    expect(r.code).toBe(0);
    expect(json(r).files[0].summary).toEqual({ errors: 0, warnings: 0, info: 0 });
  });

  it('an Employees.csv whose header is one quoted field: refused with the separator that would match', () => {
    const d = variant('quoted-header', ';', utf8);
    const f = path.join(d, 'Employees.csv');
    const [header, ...rest] = fs.readFileSync(f, 'utf8').split('\r\n');
    fs.writeFileSync(f, [`"${header}"`, ...rest].join('\r\n'));
    const r = rdtax(['check', d]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Employees.csv: the header reads as one column "Employee;Role;');
    expect(r.stderr).toContain('it matches the Employees columns (');
    expect(r.stderr).toContain('only when split on ";"');
  });
});
