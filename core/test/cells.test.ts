/** Cell conventions (DESIGN.md §2): what counts as a number, a blank, an error. */
import { parseNumericText, readMonth, isOmitted, errorValueText } from '../src/cells';
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
    const s = cumulativeSchedule(usd(1), [{ n: 1, d: 3 }, { n: 1, d: 3 }, { n: 1, d: 3 }]);
    expect(s.map((x) => x.toNumber())).toEqual([0.33, 0.34, 0.33]);
  });
});
