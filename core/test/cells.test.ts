/** Cell conventions (docs/design.md §2): what counts as a number, a blank, an error. */
import {
  ArgumentError,
  errorValueText,
  isOmitted,
  listWords,
  parseNumericText,
  quoteText,
  readAmount,
  readMonth,
  readText,
  readWord,
  readYear,
  type CellValue,
} from '../src/cells';
import { cumulativeSchedule, usd, toCents } from '../src/money';

describe('parseNumericText — text that is plainly a number', () => {
  test.each([
    ['plain', '1200', '1200'],
    ['thousands and cents', '1,200.50', '1200.5'],
    ['dollar sign', '$1,200', '1200'],
    ['percent', '80%', '0.8'],
    ['percent with decimals', '12.5 %', '0.125'],
    ['accounting negative', '(1,200)', '-1200'],
    ['minus before the dollar sign', '-$5', '-5'],
    ['surrounding spaces', '  42 ', '42'],
    ['leading decimal point', '.5', '0.5'],
  ])('%s: %s → %s', (_n, text, expected) => {
    expect(parseNumericText(text)?.toString()).toBe(expected);
  });
  test.each([
    ['letters after digits', '12abc'],
    ['a misplaced thousands separator', '1,20'],
    ['N/A', 'N/A'],
    ['two signs', '-+5'],
    ['half a parenthesis', '(5'],
    ['empty', ''],
  ])('%s: %s is not a number', (_n, text) => {
    expect(parseNumericText(text)).toBeUndefined();
  });
});

describe('error values, blanks, months', () => {
  test.each([
    ['#REF!', '#REF!'],
    ['#n/a', '#N/A'],
    ['#DIV/0!', '#DIV/0!'],
  ])('%s is an error value', (text, expected) => {
    expect(errorValueText(text)).toBe(expected);
  });
  test('an Excel error object is an error value', () => {
    expect(errorValueText({ errorCode: '#NUM!' })).toBe('#NUM!');
  });
  test.each([
    ['Excel omitted optional', null, true],
    ['Sheets omitted optional', undefined, true],
    ['a blank cell', '', true],
    ['a 1×1 range holding a blank', [['']], true],
    ['a zero', 0, false],
    ['a 2-cell range of blanks is a range, not omitted', [[''], ['']], false],
  ])('isOmitted: %s → %s', (_n, v, expected) => {
    expect(isOmitted(v as never)).toBe(expected);
  });
  test.each([
    ['ISO month', '2025-07', { year: 2025, month: 7 }],
    ['ISO date', '2025-07-15', { year: 2025, month: 7 }],
    ['US month/year', '7/2025', { year: 2025, month: 7 }],
    ['Excel serial 45658 = 2025-01-01', 45658, { year: 2025, month: 1 }],
  ])('readMonth %s', (_n, v, expected) => {
    expect(readMonth(v as never, { arg: 'benefit_start' })).toEqual(expected);
  });
});

describe('money at the edge', () => {
  test.each([
    ['half a cent rounds up', '0.005', 0.01],
    ['just under half a cent rounds down', '0.0049999', 0],
    ['never -0', '-0.001', 0],
  ])('toCents: %s', (_n, v, expected) => {
    expect(Object.is(toCents(usd(v)), expected)).toBe(true);
  });
  test('cumulative rounding: thirds of a dollar sum to the dollar', () => {
    const s = cumulativeSchedule(usd(1), [
      { n: 1, d: 3 },
      { n: 1, d: 3 },
      { n: 1, d: 3 },
    ]);
    expect(s.map((x) => x.toNumber())).toEqual([0.33, 0.34, 0.33]);
  });
});

/** The message a reader throws, or '' when it returns. */
function thrown(f: () => unknown): string {
  try {
    f();
    return '';
  } catch (e) {
    if (!(e instanceof ArgumentError)) throw e;
    return e.message;
  }
}

describe('readMonth — every date serial is checked before it becomes a Date (Excel: 1 = 1900-01-01 … 2958465 = 9999-12-31)', () => {
  const at = { arg: 'benefit_start' };
  test.each([
    // name, value, expected month or the message it must give
    ['serial 45839 = 2025-07-01', 45839, { year: 2025, month: 7 }],
    ['a serial with a time of day (45839.75 = 2025-07-01 18:00) is that day', 45839.75, { year: 2025, month: 7 }],
    ['34335 = 1994-01-01, the first day of the engine’s years', 34335, { year: 1994, month: 1 }],
    ['73415 = 2100-12-31, the last day of the engine’s years', 73415, { year: 2100, month: 12 }],
    ['34334 = 1993-12-31: a date, but before 1994', 34334, /benefit_start: 34334 falls in 1993, outside 1994–2100/],
    ['73416 = 2101-01-01: a date, but after 2100', 73416, /benefit_start: 73416 falls in 2101, outside 1994–2100/],
    ['1 = 1900-01-01, the first serial: a date, outside 1994–2100', 1, /benefit_start: 1 falls in 1900/],
    [
      '2958465 = 9999-12-31, the last serial: a date, outside 1994–2100',
      2958465,
      /benefit_start: 2958465 falls in 9999/,
    ],
    [
      '0 is below the first serial',
      0,
      /benefit_start: 0 is not a date: Excel date serial numbers run from 1 \(1900-01-01\) to 2958465/,
    ],
    ['2958466 is past 9999-12-31', 2958466, /benefit_start: 2958466 is not a date/],
    ['1e9 (JavaScript’s Date would be NaN)', 1e9, /benefit_start: 1000000000 is not a date/],
    ['-1', -1, /benefit_start: -1 is not a date/],
    ['NaN', NaN, /benefit_start: NaN is not a date/],
    ['Infinity', Infinity, /benefit_start: Infinity is not a date/],
    ['an invalid Date object', new Date(NaN), /benefit_start: the date is invalid/],
    ['#REF! is that error', '#REF!', /benefit_start: the cell holds the error #REF!/],
    ['an Excel error object is that error', { errorCode: '#N/A' }, /benefit_start: the cell holds the error #N\/A/],
  ])('%s', (_n, v, expected) => {
    if (expected instanceof RegExp) expect(thrown(() => readMonth(v as CellValue, at))).toMatch(expected);
    else expect(readMonth(v as CellValue, at)).toEqual(expected);
  });
});

describe('amounts: at most 2^53 − 1 cents ($90,071,992,547,409.91), the most a number holds exactly to the cent', () => {
  const at = { arg: 'amounts' };
  test.each([
    ['exactly the limit', '90071992547409.91', ''],
    [
      'one cent over the limit',
      '90071992547409.92',
      /amounts: "90071992547409\.92" is more than \$90,071,992,547,409\.91/,
    ],
    ['1e308 (finite, but no amount)', 1e308, /amounts: 1e\+308 is more than \$90,071,992,547,409\.91/],
    [
      '400 digits of text: quoted to 80 characters',
      '9'.repeat(400),
      new RegExp(`amounts: "${'9'.repeat(80)}…" is more than`),
    ],
    ['a negative amount is still refused first', -1, /amounts: -1 is negative/],
  ])('%s', (_n, v, expected) => {
    expect(thrown(() => readAmount(v as CellValue, at))).toEqual(
      expected === '' ? '' : expect.stringMatching(expected),
    );
  });
});

describe('years: a huge number is named as the cell shows it, never "Infinity"', () => {
  test.each([
    ['400 digits of text', '9'.repeat(400), /tax_year: "9{80}…" is outside 1994–2100/],
    ['1e300', 1e300, /tax_year: 1e\+300 is outside 1994–2100/],
    ['2100, the last year', 2100, ''],
    ['2101', 2101, /tax_year: 2101 is outside 1994–2100/],
  ])('%s', (_n, v, expected) => {
    expect(thrown(() => readYear(v as CellValue, { arg: 'tax_year' }))).toEqual(
      expected === '' ? '' : expect.stringMatching(expected),
    );
  });
});

describe('messages are bounded: ~80 characters of a value, ~10 accepted words', () => {
  test.each([
    ['short text is quoted whole', 'training', '"training"'],
    ['exactly 80 characters: whole', 'a'.repeat(80), `"${'a'.repeat(80)}"`],
    ['81 characters: 80 then …', 'a'.repeat(81), `"${'a'.repeat(80)}…"`],
    ['control characters are escaped, not printed', 'a\nb', '"a\\nb"'],
    ['a surrogate pair is never cut in half', `${'a'.repeat(79)}😀b`, `"${'a'.repeat(79)}…"`],
  ])('quoteText: %s', (_n, text, expected) => {
    expect(quoteText(text)).toBe(expected);
  });
  const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i + 1}`);
  test.each([
    ['10 words: all', words(10), false, 'w1, w2, w3, w4, w5, w6, w7, w8, w9, w10'],
    ['11 words: 10 and 1 more', words(11), false, 'w1, w2, w3, w4, w5, w6, w7, w8, w9, w10 and 1 more'],
    ['500 words: 10 and 490 more', words(500), false, 'w1, w2, w3, w4, w5, w6, w7, w8, w9, w10 and 490 more'],
    ['quoted', ['a', 'b'], true, '"a", "b"'],
  ])('listWords: %s', (_n, items, quote, expected) => {
    expect(listWords(items, quote)).toBe(expected);
  });
  test('an unknown word of 1 MB: the message stays short and still lists the accepted words', () => {
    const accepted = new Map(words(30).map((w) => [w, w] as const));
    const m = thrown(() => readWord('x'.repeat(1 << 20), { arg: 'method' }, accepted, 'method'));
    expect(m).toMatch(/^method: "x{80}…" is not a known method; use one of "w1", .* "w10" and 20 more\.$/);
    expect(m.length).toBeLessThan(300);
  });
});

describe('readText — an error value in a text argument is that error, never a word', () => {
  const at = { arg: 'role' };
  test.each([
    ['text', ' QA Engineer ', 'QA Engineer'],
    ['#REF!', '#REF!', /role: the cell holds the error #REF!; fix that cell first\./],
    ['#N/A in lower case', '#n/a', /role: the cell holds the error #N\/A/],
    ['an Excel error object', { errorCode: '#VALUE!' }, /role: the cell holds the error #VALUE!/],
    ['a blank', '', /role: a blank is not the text of a role/],
    ['a number', 42, /role: 42 is not the text of a role/],
  ])('%s', (_n, v, expected) => {
    if (expected instanceof RegExp)
      expect(thrown(() => readText(v as CellValue, at, 'the text of a role'))).toMatch(expected);
    else expect(readText(v as CellValue, at, 'the text of a role')).toBe(expected);
  });
});
