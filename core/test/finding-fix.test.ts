/**
 * Findings whose message names the one right value carry it as `fix` (issue 13 §2 "Fix"): a
 * host's Fix button writes exactly that value to the finding's cell. Only where the value is
 * certain — a % typed as a whole number (80 for 80%), and a contract QRE that is not Amount Paid ×
 * R&D % × the applicable rate (IRC §41(b)(3)(A), (C), (D)) — never a guess.
 */
import type { CellValue } from '../src/cells';
import { validateWorkbook } from '../src/study';
import type { WorkbookGrids } from '../src/study/types';
import { cleanStudy } from './example-studies';

/** The clean study with `edits` (sheet, data row n (1-based), column index, value). */
function study(edits: [string, number, number, CellValue][]): WorkbookGrids {
  const book = cleanStudy();
  for (const [name, n, col, v] of edits) book.find((s) => s.name === name)!.values[n]![col] = v;
  return { sheets: book.map((s) => ({ name: s.name, values: s.values })) };
}

describe('fix: the value the message says to enter', () => {
  test.each<[string, [string, number, number, CellValue][], string, string, number | undefined]>([
    ['R&D % typed as 85 → 0.85 (85%)', [['Employees', 3, 4, 85]], 'wages/pct-out-of-bounds', 'Employees!E4', 0.85],
    [
      'R&D % typed as 100 → 1 (the boundary: 100 is still a percent typed whole)',
      [['Employees', 3, 4, 100]],
      'wages/pct-out-of-bounds',
      'Employees!E4',
      1,
    ],
    [
      'R&D % 1.2 → 0.012 (as the message says: "enter 0.012 for 1.2%")',
      [['Employees', 3, 4, 1.2]],
      'wages/pct-out-of-bounds',
      'Employees!E4',
      0.012,
    ],
    [
      'R&D % 150 → no fix (above 100: not a percent typed whole; the message asks for 0–1)',
      [['Employees', 3, 4, 150]],
      'wages/pct-out-of-bounds',
      'Employees!E4',
      undefined,
    ],
    [
      'a contractor R&D % typed as 90 → 0.9',
      [['Contractors', 1, 3, 90]],
      'cell/pct-out-of-bounds',
      'Contractors!D2',
      0.9,
    ],
    [
      'contract QRE 100,000 where 100,000 × 100% × 65% = 65,000 → 65000',
      [['Contractors', 1, 8, 100000]],
      'contract/rate',
      'Contractors!I2',
      65000,
    ],
    [
      'contract QRE where Amount Paid 0.25 × 100% × 65% = 0.1625 → 0.16 (rounded once, to the cent)',
      [
        ['Contractors', 1, 2, 0.25],
        ['Contractors', 1, 8, 100],
      ],
      'contract/rate',
      'Contractors!I2',
      0.16,
    ],
    [
      'contract QRE where 1,234.57 × 100% × 75% (consortium) = 925.9275 → 925.93',
      [
        ['Contractors', 2, 2, 1234.57],
        ['Contractors', 2, 8, 1],
      ],
      'contract/rate',
      'Contractors!I3',
      925.93,
    ],
  ])('%s', (_name, edits, rule, cell, value) => {
    const f = validateWorkbook(study(edits)).find((x) => x.rule === rule && x.cell === cell);
    expect(f).toBeDefined();
    expect(f!.fix).toEqual(value === undefined ? undefined : { value });
    if (value !== undefined) expect(f!.message).toMatch(/enter /);
  });

  it('other findings carry no fix', () => {
    const findings = validateWorkbook(
      study([
        ['Employees', 2, 2, 'India'],
        ['Employees', 3, 4, 0.95],
      ]),
    );
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f).not.toHaveProperty('fix');
  });
});
