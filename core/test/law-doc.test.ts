/** docs/law.md is the rules' own listing: exactly what `npm run docs:law` writes from core/src/law. */
import * as fs from 'fs';
import * as path from 'path';
import { lawDocument } from '../src/law/doc';
import { ALL_RULES } from '../src/law/rules';

const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'law.md'), 'utf8');

test('docs/law.md equals the document generated from the rules (run `npm run docs:law`)', () => {
  expect(doc).toBe(lawDocument());
});

test.each(ALL_RULES.map((r) => [r.id]))('docs/law.md has an anchor for %s', (id) => {
  expect(doc).toContain(`<a id="${id}"></a>`);
});

// Rows as a reader finds them, written out: the value in its unit, the years, status, citation, link.
test.each([
  [
    'ASC 14% from 2009',
    '| 2009 on | 14% | enacted | IRC §41(c)(4)(A); P.L. 110-343 §301(b) | [law.cornell.edu](https://www.law.cornell.edu/uscode/text/26/41#c_4_A) |',
  ],
  [
    'ASC 12% in 2007–2008, an interpretation',
    '| 2007–2008 | 12% | interpretation [verify] | IRC §41(c)(5)(A) as added by P.L. 109-432 §104(c) |',
  ],
  [
    '§280C factor 0.65 through 2017',
    '| 1994–2017 | 0.65 | enacted | IRC §280C(c)(3)(B) (pre-2018); IRC §11(b) (35% maximum rate) |',
  ],
  ['payroll cap $500,000 from 2023', '| 2023 on | total: $500,000, oasdi: $250,000, medicare: $250,000 | enacted |'],
  ['§174A domestic deduction from 2025', '| 2025 on | kind: deduct | enacted | IRC §174A(a); P.L. 119-21 §70302(a) |'],
  ['role profile row', '| QA Engineer | 60% | 80% |'],
  ['Texas tables count report years', '| Reports due in | Value | Status | Citations | Primary text |'],
  [
    'Texas subch. T rate from report year 2026',
    '| 2026 on | 8.722% | enacted | Tex. Tax Code §171.9204(a) (subch. T, SB 2206, 89th Leg.); SB 2206 (89th Leg., 2025) |',
  ],
  ['California ASC from 2025', '| 2025 on | 3% | enacted | R&TC §23609 as amended by SB 711 (Stats. 2025) |'],
  [
    'Arizona 20% from 2031',
    '| 2031 on | 20% | enacted | A.R.S. §43-1168(A)(1)(b)(ii) (taxable years beginning from and after December 31, 2030) |',
  ],
  ['Massachusetts ASC 7.5% in 2018–2020', '| 2018–2020 | 7.5% | enacted | M.G.L. c. 63 §38M |'],
  ['Illinois: no credit for calendar 2003', '| 2003 | not in force | enacted |'],
  [
    'interpretations listed',
    '- [`sec174.transition.accelerate-remainder`](#sec174.transition.accelerate-remainder), 2025 on:',
  ],
])('%s', (_name, row) => {
  expect(doc).toContain(row);
});
