/** The CSV reader: RFC 4180 as spreadsheets write it, and a clear error for anything else. */
import { CsvError, csvCell, decodeCsvBytes, invalidUtf8At, parseCsv } from '../src/csv';

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
