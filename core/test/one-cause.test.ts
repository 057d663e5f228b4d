/**
 * One cause, one finding (issue 13 §2): an employee working outside the United States gets the
 * wages/foreign error and not also the "100% of the wages count" note (wages/substantially-all,
 * Treas. Reg. §1.41-2(d)(2)) — foreign research is not qualified research at all (IRC
 * §41(d)(4)(F)), so there are no qualified wages for the 80% rule to round up. A US employee at
 * the same share still gets the note. Each row: location, R&D %, the rules on that row.
 */
import type { CellValue } from '../src/cells';
import { validateWorkbook } from '../src/study';

const HEADER = ['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %', 'Business Component'];

function rulesOnRow(location: CellValue, pct: CellValue): string[] {
  const wb = {
    sheets: [
      { name: 'Employees', values: [HEADER, ['Ann', 'Software Developer', location, 100000, pct, 'Search ranking']] },
    ],
  };
  return validateWorkbook(wb)
    .filter((f) => f.sheet === 'Employees' && /\D2$/.test(f.cell))
    .map((f) => f.rule)
    .sort();
}

test.each<[string, CellValue, CellValue, string[]]>([
  ['the issue: Germany at 90% is wages/foreign only, no "100% of the wages count"', 'Germany', 0.9, ['wages/foreign']],
  ['boundary: Germany at exactly 80% (the threshold) is wages/foreign only', 'Germany', 0.8, ['wages/foreign']],
  ['Canada at 99.99% is wages/foreign only', 'Canada', 0.9999, ['wages/foreign']],
  ['an unknown code (ZZ) reads as outside the US: wages/foreign only', 'ZZ', 0.85, ['wages/foreign']],
  ['the US at 90%: the 80% note stands (all the wages count)', 'US', 0.9, ['wages/substantially-all']],
  ['boundary: the US at exactly 80% gets the note', 'US', 0.8, ['wages/substantially-all']],
  ['the US at 79.99%: below the threshold, no note', 'US', 0.7999, ['wages/role-range']],
])('%s', (_name, location, pct, rules) => {
  expect(rulesOnRow(location, pct)).toEqual(rules);
});
