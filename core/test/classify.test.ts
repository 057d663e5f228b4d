/**
 * The row classifier: which Form 6765 (Rev. Dec. 2024) Section F line a row feeds and its
 * qualified amount, or why it is left out (with the rule the validator reports it under).
 */
import type { CellValue } from '../src/cells';
import { isDomestic, RowClassifier, type RowClass } from '../src/study/classify';
import { readStudy } from '../src/study/model';

const classifier = new RowClassifier(2025);

function classify(sheet: 'Employees' | 'Contractors' | 'Supplies', header: string[], row: CellValue[]): RowClass {
  const study = readStudy({ sheets: [{ name: sheet, values: [header, row] }] });
  if (sheet === 'Employees') return classifier.employee(study.employees!, study.employees!.rows[0]);
  if (sheet === 'Contractors') return classifier.contractor(study.contractors!, study.contractors!.rows[0]);
  return classifier.supply(study.supplies!, study.supplies!.rows[0]);
}
/** line, amount as text (or undefined), exclusion codes with their rules. */
function shape(c: RowClass) {
  return {
    line: c.line,
    amount: c.amount?.toString(),
    excluded: c.excluded.map((e) => `${e.code}${e.rule ? `:${e.rule}` : ''}`),
  };
}

const EMP = ['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %'];
describe('Employees → line 42, or left out', () => {
  it.each<[string, CellValue[], ReturnType<typeof shape>]>([
    ['US at 50%: 100,000 × 50%', ['A', 'Dev', 'US', 100000, 0.5], { line: '42', amount: '50000', excluded: [] }],
    [
      '79.99% counts 79.99% (below the 80% rule)',
      ['A', 'Dev', 'US', 100000, 0.7999],
      { line: '42', amount: '79990', excluded: [] },
    ],
    [
      '80% counts 100% (§41(b)(2)(B); Reg. §1.41-2(d)(2))',
      ['A', 'Dev', 'US', 100000, 0.8],
      { line: '42', amount: '100000', excluded: [] },
    ],
    ['"u.s.a." is the US', ['A', 'Dev', 'u.s.a.', 1000, 1], { line: '42', amount: '1000', excluded: [] }],
    [
      'Puerto Rico is domestic (§41(d)(4)(F))',
      ['A', 'Dev', 'Puerto Rico', 1000, 1],
      {
        line: '42',
        amount: '1000',
        excluded: [],
      },
    ],
    [
      'India at 50%: foreign research, a wages/foreign finding (§41(d)(4)(F))',
      ['A', 'Dev', 'India', 100000, 0.5],
      { line: undefined, amount: undefined, excluded: ['foreign:wages/foreign'] },
    ],
    [
      'India at 0%: left out, but nothing is claimed, so no finding',
      ['A', 'Dev', 'India', 100000, 0],
      { line: undefined, amount: undefined, excluded: ['foreign'] },
    ],
    [
      'blank Location: left out until entered (the cell reader reports the blank)',
      ['A', 'Dev', null, 100000, 1],
      { line: undefined, amount: undefined, excluded: ['no-location'] },
    ],
    [
      'a wage of "n/a": feeds line 42, amount unknown (the cell reader reports it)',
      ['A', 'Dev', 'US', 'n/a', 1],
      { line: '42', amount: undefined, excluded: [] },
    ],
  ])('%s', (_name, row, expected) => expect(shape(classify('Employees', EMP, row))).toEqual(expected));
});

const CON = ['Vendor', 'Location', 'Amount Paid', 'R&D %', 'Contract Type', 'Rights Retained', 'Financial Risk'];
describe('Contractors → line 45, or left out', () => {
  it.each<[string, CellValue[], ReturnType<typeof shape>]>([
    [
      'standard: 100,000 × 65% (§41(b)(3)(A))',
      ['V', 'US', 100000, 1, 'standard', 'Yes', 'Yes'],
      {
        line: '45',
        amount: '65000',
        excluded: [],
      },
    ],
    [
      'blank type is standard',
      ['V', 'US', 100000, 1, null, 'Yes', 'Yes'],
      {
        line: '45',
        amount: '65000',
        excluded: [],
      },
    ],
    [
      'consortium: 40,000 × 75% (§41(b)(3)(C))',
      ['V', 'US', 40000, 1, 'consortium', 'Y', 'TRUE'],
      {
        line: '45',
        amount: '30000',
        excluded: [],
      },
    ],
    [
      'energy: 10,000 × 50% × 100% (§41(b)(3)(D))',
      ['V', 'US', 10000, 0.5, 'energy', true, 'yes'],
      {
        line: '45',
        amount: '5000',
        excluded: [],
      },
    ],
    [
      'rights not retained: funded research, contract/no-rights even at 0% (§41(d)(4)(H))',
      ['V', 'US', 100000, 0, 'standard', 'No', 'Yes'],
      { line: undefined, amount: undefined, excluded: ['no-rights:contract/no-rights'] },
    ],
    [
      'payment contingent on success: contract/no-risk (Reg. §1.41-2(e))',
      ['V', 'US', 100000, 1, 'standard', 'Yes', 'No'],
      { line: undefined, amount: undefined, excluded: ['no-risk:contract/no-risk'] },
    ],
    [
      'Rights Retained "Maybe": left out until established, no rule (the cell reader reports it)',
      ['V', 'US', 100000, 1, 'standard', 'Maybe', 'Yes'],
      { line: undefined, amount: undefined, excluded: ['rights-unknown'] },
    ],
    [
      'Canada with no rights: foreign first (the reason compute gives), both findings',
      ['V', 'Canada', 100000, 1, 'standard', 'No', 'Yes'],
      { line: undefined, amount: undefined, excluded: ['foreign:contract/foreign', 'no-rights:contract/no-rights'] },
    ],
  ])('%s', (_name, row, expected) => expect(shape(classify('Contractors', CON, row))).toEqual(expected));
});

const SUP = ['Description', 'Category', 'Environment', 'Amount', 'R&D %'];
describe('Supplies → line 43 or 44, or left out', () => {
  it.each<[string, CellValue[], ReturnType<typeof shape>]>([
    ['Supply: 8,000 × 100% on line 43', ['S', 'Supply', null, 8000, 1], { line: '43', amount: '8000', excluded: [] }],
    ['"supplies" is Supply', ['S', 'supplies', null, 100, 0.5], { line: '43', amount: '50', excluded: [] }],
    [
      'Cloud training on line 44 (§41(b)(2)(A)(iii))',
      ['S', 'Cloud', 'training', 50000, 1],
      {
        line: '44',
        amount: '50000',
        excluded: [],
      },
    ],
    [
      'Cloud production at 0%: line 44, counts 0',
      ['S', 'Cloud', 'production', 120000, 0],
      {
        line: '44',
        amount: '0',
        excluded: [],
      },
    ],
    [
      'Cloud production claimed at 50%: left out, supplies/production-cloud',
      ['S', 'Cloud', 'production', 120000, 0.5],
      { line: undefined, amount: undefined, excluded: ['production:supplies/production-cloud'] },
    ],
    [
      'Equipment claimed: never a supply, supplies/depreciable (§41(b)(2)(C))',
      ['S', 'Equipment', null, 30000, 1],
      { line: undefined, amount: undefined, excluded: ['depreciable:supplies/depreciable'] },
    ],
    [
      'Utilities at 0%: left out, no finding',
      ['S', 'Utilities', null, 300, 0],
      {
        line: undefined,
        amount: undefined,
        excluded: ['depreciable'],
      },
    ],
    [
      'an unknown category: left out until it is Supply or Cloud',
      ['S', 'Software licence', null, 300, 1],
      {
        line: undefined,
        amount: undefined,
        excluded: ['not-a-category'],
      },
    ],
  ])('%s', (_name, row, expected) => expect(shape(classify('Supplies', SUP, row))).toEqual(expected));
});

describe('isDomestic: the US, Puerto Rico and the possessions (§41(d)(4)(F))', () => {
  it.each([
    ['US', true],
    ['United States of America', true],
    ['us virgin islands', true],
    ['Guam', true],
    ['CA — a state by its code is in the US (docs/design.md §4)', true],
    ['US-CA — ISO 3166-2', true],
    ['us-tx', true],
    ['DC', true],
    ['New York', true],
    ['PR', true],
    ['Canada', false],
    ['CAN — a country code, not a state', false],
    ['US-ZZ — no such state', false],
    ['Other (foreign)', false],
  ])('%s → %s', (text, expected) => expect(isDomestic(text.replace(/ — .*$/, ''))).toBe(expected));
});
