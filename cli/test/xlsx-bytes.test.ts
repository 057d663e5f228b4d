/**
 * The .xlsx reader scans the bytes of each part (no decoding of the whole text first) and reads
 * plain numbers straight from them. These tests hold it to what reading the text gave: the same
 * number as parseFloat for every decimal, the same events however the bytes are cut into
 * chunks (a character, a tag or a value split between two), UTF-8 checked, and the slow path
 * (entities, CDATA, exponents, "$" references) still taken where the fast one does not apply.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { readWorkbookFile, UnusableInput } from '../src/read-workbook';
import { plainDecimal } from '../src/xlsx-read';
import { XmlScanner, type XmlAttrs, type XmlHandler } from '../src/xlsx-read-xml';
import { ZipPackage } from '../src/zip';
import { HEADER_ROW, studyXlsx } from '../../test/bench/hostile-files';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-bytes-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const bytesOf = (s: string) => Buffer.from(s, 'utf8');
const decimal = (s: string) => plainDecimal(bytesOf(s), 0, bytesOf(s).length);

describe('plainDecimal: a number read from its bytes is the number parseFloat reads from its text', () => {
  it.each([
    ['an integer', '60000', 60000],
    ['cents', '60000.37', 60000.37],
    ['half a cent (0.005 is not exact in binary: the nearest double, as parseFloat)', '0.005', 0.005],
    ['1.005 (rounds down in binary)', '1.005', 1.005],
    ['a two-decimal percentage', '0.75', 0.75],
    ['a negative amount', '-1234.5', -1234.5],
    ['negative zero stays negative zero (parseFloat("-0") is -0)', '-0', -0],
    ['a trailing point: "5." is 5', '5.', 5],
    ['leading zeros', '007', 7],
    ['15 digits, the most read here (< 2^53)', '123456789012345', 123456789012345],
    ['15 digits with a point', '1234567890.12345', 1234567890.12345],
    ['0.1 + 0.2 as Excel stores it (17 digits) → NaN, the text path reads it', '0.30000000000000004', NaN],
    ['16 digits → NaN (the text path)', '1234567890123456', NaN],
    ['an exponent → NaN (the text path)', '1.5E+3', NaN],
    ['a leading point → NaN (the text path)', '.5', NaN],
    ['a plus sign → NaN', '+5', NaN],
    ['a space → NaN', ' 5', NaN],
    ['empty → NaN', '', NaN],
    ['a lone minus → NaN', '-', NaN],
    ['two points → NaN', '1.2.3', NaN],
    ['an entity → NaN', '&#49;', NaN],
  ])('%s: %s', (_name, text, expected) => {
    expect(Object.is(decimal(text), expected)).toBe(true);
    if (!Number.isNaN(expected)) expect(Object.is(decimal(text), parseFloat(text))).toBe(true);
  });

  it('property: any plain decimal of at most 15 digits gives exactly parseFloat(text), cents and percentages included', () => {
    const digits = (min: number, max: number) =>
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));
    fc.assert(
      fc.property(fc.boolean(), digits(1, 9), fc.option(digits(0, 6)), (neg, int, frac) => {
        const text = `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`;
        expect(Object.is(decimal(text), parseFloat(text))).toBe(true);
      }),
      { numRuns: 5000 },
    );
    // Every cent amount below $100,000 at a random sample, and every 1/10,000th percentage.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 10_000 }), (cents, bp) => {
        const c = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        const p = `${Math.floor(bp / 10_000)}.${String(bp % 10_000).padStart(4, '0')}`;
        expect(decimal(c)).toBe(parseFloat(c));
        expect(decimal(p)).toBe(parseFloat(p));
      }),
      { numRuns: 5000 },
    );
  });
});

/** Every event a scanner reports, as text. */
function record(xml: Buffer, chunkSize: number): string[] {
  const events: string[] = [];
  const names = ['r', 't', 's', 'id', 'Target'];
  const handler: XmlHandler = {
    wantsText: true,
    open(name: string, attrs: XmlAttrs, selfClosing: boolean) {
      const a = names.map((n) => `${n}=${attrs.get(n) ?? '-'}`).join(',');
      events.push(`<${name} ${a}${selfClosing ? '/' : ''}>`);
    },
    close(name: string) {
      events.push(`</${name}>`);
    },
    text(raw: string) {
      // Adjacent text pieces are one run: joined, so only the content counts, not where a chunk ended.
      if (events.length > 0 && events[events.length - 1].startsWith('text:')) events[events.length - 1] += raw;
      else events.push(`text:${raw}`);
    },
  };
  const scanner = new XmlScanner('test.xml', handler);
  for (let i = 0; i < xml.length; i += chunkSize) scanner.feed(new Uint8Array(xml.subarray(i, i + chunkSize)));
  scanner.end();
  return events;
}

describe('the byte scanner: the same events however the bytes are cut into chunks', () => {
  const xml = bytesOf(
    '\ufeff<?xml version="1.0"?><x:worksheet xmlns:x="ns" xmlns:r="rel"><!-- a comment --><x:sheetData>' +
      '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Café 😀 ✓</x:t></x:is></x:c>' +
      '<x:c r=\'B1\' s="3"><x:v>60000.37</x:v></x:c><x:c r="C1" t="s"><x:v>12</x:v></x:c>' +
      '<x:c r="D1"><x:v><![CDATA[1<2 & 3]]></x:v></x:c><x:c r="E1" t="str"><x:v>a &amp; b &#233;</x:v></x:c></x:row>' +
      '<x:rel r:id="rId7" Target="a&quot;b"/></x:sheetData></x:worksheet>',
  );
  const whole = record(xml, xml.length);

  it('the whole part at once reads names without prefixes, attributes decoded, UTF-8 text whole', () => {
    expect(whole).toContain('<c r=A1,t=inlineStr,s=-,id=-,Target=->');
    expect(whole).toContain('text:Café 😀 ✓');
    expect(whole).toContain('<c r=B1,t=-,s=3,id=-,Target=->');
    expect(whole).toContain('text:1&lt;2 &amp; 3'); // CDATA comes escaped, as text
    expect(whole).toContain('text:a &amp; b &#233;'); // entities are the handler's to decode
    expect(whole).toContain('<rel r=-,t=-,s=-,id=rId7,Target=a"b/>');
  });

  it.each([1, 2, 3, 5, 7, 13, 64])('fed %i bytes at a time (characters, tags and values split)', (n) => {
    expect(record(xml, n)).toEqual(whole);
  });

  it.each([
    ['a lone continuation byte', Buffer.concat([bytesOf('<a>'), Buffer.from([0x80]), bytesOf('</a>')])],
    ['a character cut short at the end', Buffer.concat([bytesOf('<a></a>'), Buffer.from([0xe2, 0x9c])])],
    ['an overlong "/"', Buffer.concat([bytesOf('<a>'), Buffer.from([0xc0, 0xaf]), bytesOf('</a>')])],
  ])('bytes that are not UTF-8 are refused, whatever the chunks: %s', async (_name, sheetBytes) => {
    for (const size of [1, 2, sheetBytes.length]) {
      const file = path.join(dir, `bad-${size}.xlsx`);
      fs.writeFileSync(
        file,
        studyXlsx({
          parts: {
            'xl/worksheets/sheet1.xml': {
              name: 'xl/worksheets/sheet1.xml',
              content: Buffer.concat([
                bytesOf(`<worksheet><sheetData>${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>`),
                sheetBytes,
                bytesOf('</t></is></c></row></sheetData></worksheet>'),
              ]),
            },
          },
        }),
      );
      await expect(readWorkbookFile(file)).rejects.toThrow(UnusableInput);
      await expect(readWorkbookFile(file)).rejects.toThrow('is not valid UTF-8 text');
    }
  });
});

describe.each([
  ['inflated in one native call, handed on in 1 MB steps', undefined],
  ['inflated in 16 KB steps (the path of parts over 64 MB)', 0],
])('a large sheet (%s): characters split between chunks', (_how, oneShotBytes) => {
  const before = ZipPackage.oneShotBytes;
  beforeAll(() => {
    if (oneShotBytes !== undefined) ZipPackage.oneShotBytes = oneShotBytes;
  });
  afterAll(() => {
    ZipPackage.oneShotBytes = before;
  });
  const ROWS = 20_000;
  const sheet = (last: Buffer) =>
    Buffer.concat([
      bytesOf(`<worksheet><sheetData>${HEADER_ROW}`),
      bytesOf(
        Array.from(
          { length: ROWS },
          (_, i) =>
            `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>Zoë ${i} 😀</t></is></c><c r="B${i + 2}"><v>${i}.25</v></c></row>`,
        ).join(''),
      ),
      bytesOf(`<row r="${ROWS + 2}"><c r="A${ROWS + 2}" t="inlineStr"><is><t>`),
      last,
      bytesOf('</t></is></c></row></sheetData></worksheet>'),
    ]);
  const write = (name: string, last: Buffer) => {
    const file = path.join(dir, name);
    const content = sheet(last);
    expect(content.length).toBeGreaterThan(1024 * 1024); // more than one step either way
    fs.writeFileSync(
      file,
      studyXlsx({ parts: { 'xl/worksheets/sheet1.xml': { name: 'xl/worksheets/sheet1.xml', content } } }),
    );
    return file;
  };

  it('every multi-byte character read whole, every number exact', async () => {
    const rows = (await readWorkbookFile(write('large.xlsx', bytesOf('fin ✓')))).sheets[0].values;
    expect(rows).toHaveLength(ROWS + 2);
    for (let i = 0; i < ROWS; i++) {
      if (rows[i + 1][0] !== `Zoë ${i} 😀` || rows[i + 1][1] !== i + 0.25)
        throw new Error(`row ${i + 2}: ${rows[i + 1]}`);
    }
    expect(rows[ROWS + 1][0]).toBe('fin ✓');
  });

  it('an invalid byte far into the part is still refused', async () => {
    await expect(readWorkbookFile(write('large-bad.xlsx', Buffer.from([0x61, 0xff, 0x62])))).rejects.toThrow(
      'is not valid UTF-8 text',
    );
  });
});

describe('cells read from their bytes, and the cases that take the text path', () => {
  it.each([
    ['a plain number', '<c r="B2"><v>60000.37</v></c>', 60000.37],
    ['t="n"', '<c r="B2" t="n"><v>0.75</v></c>', 0.75],
    ['an exponent (the text path)', '<c r="B2"><v>1.5E+3</v></c>', 1500],
    ['17 significant digits (the text path)', '<c r="B2"><v>0.30000000000000004</v></c>', 0.30000000000000004],
    ['a number in CDATA (the text path)', '<c r="B2"><v><![CDATA[42]]></v></c>', 42],
    ['an entity in the number (the text path)', '<c r="B2"><v>&#52;2</v></c>', 42],
    ['a reference with $ (the text path: not a reference → damaged)', '<c r="$B$2"><v>1</v></c>', 'damaged'],
    ['an entity in the reference (the text path)', '<c r="B&#50;"><v>7</v></c>', 7],
    ['no reference: the next column of the row', '<c><v>9</v></c>', 9],
    ['a formula whose cached value is a number', '<c r="B2"><f>1+1</f><v>2</v></c>', 2],
    ['a formula with t="s" is read as its number, not a shared string', '<c r="B2" t="s"><f>1+1</f><v>2</v></c>', 2],
    ['a boolean', '<c r="B2" t="b"><v>1</v></c>', true],
    ['an error', '<c r="B2" t="e"><v>#N/A</v></c>', '#N/A'],
    ['a formula string', '<c r="B2" t="str"><f>A1</f><v>007</v></c>', '007'],
  ])('%s', async (_name, cell, expected) => {
    const file = path.join(dir, 'cell.xlsx');
    fs.writeFileSync(
      file,
      studyXlsx({ sheetData: `${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>Ann</t></is></c>${cell}</row>` }),
    );
    if (expected === 'damaged') {
      await expect(readWorkbookFile(file)).rejects.toThrow('is not a cell address');
      return;
    }
    const rows = (await readWorkbookFile(file)).sheets[0].values;
    expect(rows[1][1]).toEqual(expected);
  });

  it('shared strings by index, read from the bytes; an index past the end is damaged', async () => {
    const sst = (n: number) => `<sst>${Array.from({ length: n }, (_, i) => `<si><t>s${i}</t></si>`).join('')}</sst>`;
    const file = path.join(dir, 'sst.xlsx');
    fs.writeFileSync(
      file,
      studyXlsx({
        sharedStrings: sst(3),
        sheetData: `${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>0</v></c></row>`,
      }),
    );
    expect((await readWorkbookFile(file)).sheets[0].values[1]).toEqual(['s2', 's0']);
    fs.writeFileSync(
      file,
      studyXlsx({ sharedStrings: sst(3), sheetData: `${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>3</v></c></row>` }),
    );
    await expect(readWorkbookFile(file)).rejects.toThrow(
      'the cell Employees!A2 refers to shared string "3", but the shared strings part has 3',
    );
  });
});
