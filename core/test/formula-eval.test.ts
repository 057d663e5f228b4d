/**
 * The test evaluator of template formulas (formula-eval.ts) behaves as a spreadsheet does on
 * what the built-in Summary formulas use — otherwise the Summary-vs-compute test proves nothing.
 */
import { FormulaError, WorkbookEvaluator, type Scalar } from './formula-eval';

const wb = {
  sheets: [
    {
      name: 'Data',
      values: [
        ['Location', 'Amount', 'Pct', 'Flag'],
        ['US', 100, 0.5, 'Yes'],
        ['india', 200, 1, true],
        [null, 300, 0.9, 'no'],
        ['#REF!', 400, 1, 'Y'],
      ],
    },
  ],
};
function show(formula: string): Scalar {
  return new WorkbookEvaluator(wb, 'Summary', new Map([['C2', formula]])).cell('C2');
}

describe('operators and built-ins, as a spreadsheet computes them', () => {
  it.each<[string, string, Scalar]>([
    ['precedence: 1 + 2 × 3', '=1+2*3', 7],
    ['percent postfix: 50% is 0.5', '=50%', 0.5],
    ['text equality ignores case', '="us"="US"', true],
    ['a blank equals ""', '=Data!A4=""', true],
    ['a number never equals its text', '=1="1"', false],
    ['a logical TRUE is not the text "TRUE"', '=Data!D3="TRUE"', false],
    ['SUM of a range skips text', '=SUM(Data!A2:B3)', 300],
    ['MAX of scalars', '=MAX(3, 7, 5)', 7],
    ['OR over scalars', '=OR(Data!A2="", FALSE)', false],
    ['IF on a scalar', '=IF(Data!A2="US", "yes", "no")', 'yes'],
    [
      'IF over a range is element-wise: only the US row passes its amount',
      '=SUM(IF((Data!A2:A3="US")+(Data!A2:A3="USA"), Data!B2:B3, 0))',
      100,
    ],
    [
      'a catalogue function gets the element-wise range: RD_SUPPLY_QRE(100 at 50%, 0, 300 at 90%) = 320',
      '=RD_SUPPLY_QRE(IF(Data!A2:A4<>"india", Data!B2:B4, 0), Data!C2:C4)',
      320,
    ],
    ['the add-in namespace is the same function', '=RDTAX.RD_SUPPLY_QRE(Data!B2, Data!C2)', 50],
  ])('%s', (_name, formula, expected) => expect(show(formula)).toEqual(expected));

  it.each([
    ['an error value in a compared cell propagates', '=SUM(IF(Data!A5="US", 1, 0))', '#REF!'],
    ['a catalogue error is an error, with its message', '=RD_SUPPLY_QRE(Data!A2)', 'amounts'],
    ['text in arithmetic is #VALUE!', '="abc"+1', '#VALUE!'],
  ])('%s', (_name, formula, message) => {
    const v = show(formula);
    expect(v).toBeInstanceOf(FormulaError);
    expect((v as FormulaError).message).toContain(message);
  });

  it('a built-in it does not implement is refused by name, never guessed', () =>
    expect(() => show('=ROUNDUP(1.5, 0)')).toThrow(/does not implement ROUNDUP/));

  it('a Summary cell may refer to another (line 48 = SUM(C2:C3))', () => {
    const e = new WorkbookEvaluator(
      wb,
      'Summary',
      new Map([
        ['C2', '=Data!B2*2'],
        ['C3', '=Data!B3'],
        ['C4', '=SUM(C2:C3)'],
      ]),
    );
    expect(e.cell('C4')).toBe(400);
  });
});
