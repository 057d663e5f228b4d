/** The CSV reader: RFC 4180 as spreadsheets write it, and a clear error for anything else. */
import { CsvError, csvCell, decodeCsvBytes, parseCsv } from '../src/csv';

describe('parseCsv', () => {
  const CASES: readonly [string, string, string[][]][] = [
    ['plain fields, LF', 'a,b\n1,2\n', [['a', 'b'], ['1', '2']]],
    ['CRLF line ends', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['no line break at the end', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
    ['a quoted field with a comma', '"Acme, Inc.",5', [['Acme, Inc.', '5']]],
    ['a doubled quote inside quotes', '"say ""hi""",x', [['say "hi"', 'x']]],
    ['a line break inside quotes', '"two\nlines",x\ny,z', [['two\nlines', 'x'], ['y', 'z']]],
    ['empty fields, including the last', 'a,,c,\n', [['a', '', 'c', '']]],
    ['a quoted empty field', '"",x', [['', 'x']]],
    ['a quoted field after a comma', 'x,"a,b"', [['x', 'a,b']]],
    ['a blank line in the middle is a blank row', 'a\n\nb\n', [['a'], [''], ['b']]],
    ['spaces are kept', ' a , b ', [[' a ', ' b ']]],
    ['an empty text has no rows', '', []],
  ];
  it.each(CASES)('%s', (_n, text, rows) => expect(parseCsv(text)).toEqual(rows));

  it.each([
    ['an unclosed quote', 'a,"b\nc', 'a quoted field opened on line 1 is never closed'],
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
    ['Windows-1252 (Excel "CSV" on Windows)', Uint8Array.from([0x63, 0x61, 0x66, 0xe9]), 'café'],
    ['UTF-16 LE with a BOM', Uint8Array.from([0xff, 0xfe, 0x63, 0x00, 0xe9, 0x00]), 'cé'],
  ])('%s', (_n, bytes, text) => expect(decodeCsvBytes(bytes)).toBe(text));
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
