/** The catalogue is the public API: names and argument order are permanent (docs/design.md §2). */
import * as fs from 'fs';
import * as path from 'path';
import { callFunction, CATALOGUE, findFunction, RANGE_KINDS } from '../src/catalogue';
import { formatScalar, latestChange, lawText } from '../src/law/format';
import {
  ASC_BASE_SHARE,
  ASC_PRIOR_YEARS,
  ASC_RATE,
  ASC_STARTUP_RATE,
  CONTRACT_RESEARCH_RATE,
  FIXED_BASE_PERCENTAGE_CAP,
  PAYROLL_ELECTION_CAP,
  PAYROLL_GROSS_RECEIPTS_LIMIT,
  PAYROLL_MAX_PRIOR_ELECTIONS,
  PAYROLL_RECEIPTS_WINDOW_YEARS,
  REGULAR_CREDIT_RATE,
  REGULAR_GROSS_RECEIPTS_YEARS,
  REGULAR_MINIMUM_BASE_SHARE,
  SEC174_FOREIGN,
  SEC280C_REDUCED_CREDIT_FACTOR,
  WAGE_SUBSTANTIALLY_ALL_THRESHOLD,
} from '../src/law/rules';
import { DEFAULT_TAX_YEAR, resolve } from '../src/law/types';
import { col, failure } from './helpers';

// Catalogue v1 exactly as docs/design.md §2 lists it: name → argument names in order.
const V1: Record<string, string[]> = {
  RD_WAGE_QRE: ['wages', 'rd_pct', 'substantially_all'],
  RD_SUPPLY_QRE: ['amounts', 'rd_pct'],
  RD_CLOUD_QRE: ['amounts', 'environments', 'rd_pct'],
  RD_CONTRACT_QRE: ['amounts', 'rd_pct', 'type'],
  RD_QRE: ['wages', 'wage_pct', 'supplies', 'supply_pct', 'contracts', 'contract_pct', 'contract_type'],
  RD_ASC: ['qre', 'prior_qres', 'reduced_280c', 'tax_year'],
  RD_REGULAR: ['qre', 'fixed_base_pct', 'avg_gross_receipts', 'reduced_280c', 'tax_year'],
  RD_FIXED_BASE_PCT: ['qres', 'gross_receipts'],
  RD_PAYROLL_OFFSET: ['credit', 'gross_receipts', 'first_receipts_year', 'tax_year', 'prior_elections', 'portion'],
  SEC174_AMORT: ['amount', 'year_incurred', 'tax_year', 'location', 'method', 'benefit_start'],
  RD_ROLE_RANGE: ['role', 'profile', 'role_table'],
  RD_ROLE_CHECK: ['role', 'rd_pct', 'profile', 'role_table'],
  // Issue 12.
  RD_STATE_CREDIT: [
    'state',
    'qre',
    'prior_qres',
    'tax_year',
    'method',
    'fixed_base_pct',
    'avg_gross_receipts',
    'basic_research',
  ],
};

// An optional argument may be added at the end (RD_WAGE_QRE's employees, issue 10); none is renamed or moved.
const ADDED: Record<string, string[]> = { RD_WAGE_QRE: ['employees'] };
test.each(Object.entries(V1))('%s keeps its v1 arguments in order', (name, params) => {
  const f = findFunction(name);
  expect(f?.params.map((p) => p.name)).toEqual([...params, ...(ADDED[name] ?? [])]);
  expect(f?.params.slice(params.length).every((p) => p.optional)).toBe(true);
});

test.each(CATALOGUE.map((f) => [f.name, f] as const))('%s is well-formed', (name, f) => {
  expect(name).toMatch(/^[A-Z][A-Z0-9_]*$/);
  expect(f.summary.length).toBeGreaterThan(20);
  expect(f.citations.length).toBeGreaterThan(0);
  expect(f.example.startsWith(`=${name}(`)).toBe(true);
  const names = f.params.map((p) => p.name);
  expect(new Set(names).size).toBe(names.length);
  // Optional arguments come after the required ones (both hosts pass "not given" at the tail).
  const firstOptional = f.params.findIndex((p) => p.optional);
  if (firstOptional >= 0) expect(f.params.slice(firstOptional).every((p) => p.optional)).toBe(true);
  for (const p of f.params) {
    expect(p.name).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(p.help.length).toBeGreaterThan(5);
    if (p.kind === 'word' || p.kind === 'words') expect(p.words?.length).toBeGreaterThan(0);
  }
});

test('names are unique and findFunction accepts the Excel namespace', () => {
  const names = CATALOGUE.map((f) => f.name);
  expect(new Set(names).size).toBe(names.length);
  expect(findFunction('rdtax.rd_qre')?.name).toBe('RD_QRE');
});

test('range kinds are the plural ones', () => {
  expect([...RANGE_KINDS].sort()).toEqual(['amounts', 'fractions', 'months', 'table', 'texts', 'words', 'years']);
});

// ---- hostile arguments (issue 8 §3): every one is a coded error naming the argument, never
// "internal … please report this", never a silent number, never a message the size of the input.
const BIG = 5e13; // two of these pass $90,071,992,547,409.91 (2^53 − 1 cents) together, not alone
const R = '#REF!';
describe.each([
  // name, function, arguments, code, the message must match
  [
    'two cells of 1e308 (each finite, their sum is not)',
    'RD_SUPPLY_QRE',
    [col(1e308, 1e308)],
    'invalid-number',
    /^amounts \(row 1, column 1\): 1e\+308 is more than \$90,071,992,547,409\.91/,
  ],
  [
    'two amounts of 5e13: the sum passes 2^53 − 1 cents at the second',
    'RD_SUPPLY_QRE',
    [col(BIG, BIG)],
    'invalid-number',
    /^amounts: the amounts add up to more than \$90,071,992,547,409\.91.*at amounts \(row 2, column 1\)/,
  ],
  [
    '400-digit text as an amount',
    'RD_CONTRACT_QRE',
    ['9'.repeat(400)],
    'invalid-number',
    /^amounts: "9{80}…" is more than/,
  ],
  [
    'wages that add up past the limit (decimal path)',
    'RD_WAGE_QRE',
    [col(BIG, BIG), 1],
    'invalid-number',
    /^wages: the amounts add up to more than/,
  ],
  [
    'wages, supplies and contracts each within the limit, their total not',
    'RD_QRE',
    [BIG, 1, BIG, 1, BIG, 1, 'energy'],
    'invalid-number',
    /^RD_QRE: the result is more than \$90,071,992,547,409\.91.*check the amounts in wages, supplies, contracts/,
  ],
  [
    'vintages of §174 that add up past the limit',
    'SEC174_AMORT',
    [col(BIG, BIG), 2025, 2025],
    'invalid-number',
    /^amount: the amounts add up to more than/,
  ],
  [
    '#REF! as the role',
    'RD_ROLE_RANGE',
    [R],
    'invalid-value',
    /^role: the cell holds the error #REF!; fix that cell first\.$/,
  ],
  [
    '#REF! as the role of a check (not UNKNOWN ROLE)',
    'RD_ROLE_CHECK',
    [R, 0.5],
    'invalid-value',
    /^role: the cell holds the error #REF!/,
  ],
  [
    'an Excel error object in a range of roles names its row',
    'RD_ROLE_CHECK',
    [col('QA Engineer', { errorCode: '#N/A' }), col(0.7, 0.7)],
    'invalid-value',
    /^role \(row 2, column 1\): the cell holds the error #N\/A/,
  ],
  [
    '#REF! as the profile',
    'RD_ROLE_CHECK',
    ['QA Engineer', 0.7, R],
    'invalid-value',
    /^profile: the cell holds the error #REF!/,
  ],
  [
    '#REF! as a role in a firm role table (not a role named "#REF!")',
    'RD_ROLE_RANGE',
    [
      'QA Engineer',
      undefined,
      [
        ['QA Engineer', 0.6, 0.8],
        [R, 0.1, 0.2],
      ],
    ],
    'invalid-value',
    /^role_table \(row 2, column 1\): the cell holds the error #REF!/,
  ],
  [
    '#N/A as an environment (not "unknown environment")',
    'RD_CLOUD_QRE',
    [col(1, 2), col('training', '#N/A')],
    'invalid-value',
    /^environments \(row 2, column 1\): the cell holds the error #N\/A/,
  ],
  ['#REF! as a function name', 'RD_CITATION', [R], 'invalid-value', /^function_name: the cell holds the error #REF!/],
  [
    '#VALUE! as a contract type',
    'RD_CONTRACT_QRE',
    [100, 1, '#VALUE!'],
    'invalid-value',
    /^type: the cell holds the error #VALUE!/,
  ],
  [
    '#REF! as a method',
    'SEC174_AMORT',
    [1000, 2025, 2025, 'domestic', R],
    'invalid-value',
    /^method: the cell holds the error #REF!/,
  ],
  [
    '#N/A as a portion',
    'RD_PAYROLL_OFFSET',
    [100, 1000, 2022, 2025, 0, '#N/A'],
    'invalid-value',
    /^portion: the cell holds the error #N\/A/,
  ],
  [
    'a 500-character unknown role: quoted to 80 characters',
    'RD_ROLE_RANGE',
    ['r'.repeat(500)],
    'not-available',
    /^role "r{80}…" is not in the software profile; known roles: /,
  ],
  [
    'an unknown function name: 10 names, then "and 3 more"',
    'RD_CITATION',
    ['x'.repeat(500)],
    'not-available',
    /^function_name: "x{80}…" is not a catalogue function; use one of RD_WAGE_QRE, .*, SEC174_AMORT and \d+ more\.$/,
  ],
  [
    '#REF! as the component of a Section G amount',
    'RD_COMPONENT_QRE',
    [R, 50, 2026, [['Business Component']], [['Employee', 'Location', 'W-2 Box 1 Wages', 'R&D %']]],
    'invalid-value',
    /^component: the cell holds the error #REF!/,
  ],
  [
    'a Section G line that is not 50–56 (49(c) is the name, not an amount)',
    'RD_COMPONENT_QRE',
    ['Ledger', '49c', 2026, [['Business Component']], [['Employee', 'Location', 'W-2 Box 1 Wages', 'R&D %']]],
    'invalid-value',
    /^line: "49c" is not a Section G amount line; use one of 50, 51, 52, 53, 54, 55, 56\.$/,
  ],
  [
    'a Contractors table whose header row lacks Rights Retained and Financial Risk',
    'RD_COMPONENT_QRE',
    [
      'Ledger',
      50,
      2026,
      [['Business Component']],
      [['Employee', 'Location', 'W-2 Box 1 Wages', 'R&D %']],
      undefined,
      [['Vendor', 'Location', 'Amount Paid', 'R&D %']],
    ],
    'invalid-value',
    /^contractors: its first row has no "Rights Retained" or "Financial Risk" column; give the whole Contractors sheet's table with its header row/,
  ],
  [
    'an unknown environment: 10 words, then "and 2 more"',
    'RD_CLOUD_QRE',
    [1, 'lab'],
    'invalid-value',
    /use one of "training", .*"monitoring" and 2 more\.$/,
  ],
] as const)('%s', (_n, fn, args, code, message) => {
  test(`${fn} → ${code}`, () => {
    const f = failure(fn, ...(args as unknown as never[]));
    expect(f.code).toBe(code);
    expect(f.message).toMatch(message);
    expect(f.message.length).toBeLessThan(400);
  });
});

test('a firm role table of 200 roles: the unknown-role message lists 10 and says how many more', () => {
  const table = Array.from({ length: 200 }, (_, i) => [`Role ${i + 1}`, 0.1, 0.9]);
  const f = failure('RD_ROLE_RANGE', 'Astronaut', undefined, table);
  expect(f.message).toMatch(/known roles: Role 1, Role 2, .*Role 10 and 190 more\.$/);
});

test('exactly the limit in one cell is a number, to the cent', () => {
  // 90,071,992,547,409.91 × 100% = the limit itself: the largest amount a result can carry exactly.
  const o = callFunction('RD_SUPPLY_QRE', [90071992547409.91]);
  expect(o).toEqual({ ok: true, value: 90071992547409.91 });
});

// ---- help and messages state the law the functions apply (issue 9 §2): each row names the
// rule the text renders, the text as the rule table renders it for the default tax year, and
// today's law written out — so the mechanism and the value are both checked.
describe('help text is rendered from the resolved law', () => {
  const field = (fn: string, part: string) => {
    const f = findFunction(fn)!;
    return part === 'summary' ? f.summary : f.params.find((p) => p.name === part)!.help;
  };
  const Y = DEFAULT_TAX_YEAR;
  const cap = latestChange(PAYROLL_ELECTION_CAP);
  const factor = latestChange(SEC280C_REDUCED_CREDIT_FACTOR);
  const foreign = resolve(SEC174_FOREIGN, Y).value;
  const foreignMonths = foreign.kind === 'deduct' ? NaN : foreign.months;
  test.each([
    // function, part, rendered from the rules, written out for tax years beginning in 2025, citation
    [
      'RD_ASC',
      'summary',
      `${lawText(ASC_RATE, Y)} × (QRE − ${lawText(ASC_BASE_SHARE, Y)} × average QRE of the ${lawText(ASC_PRIOR_YEARS, Y)} preceding years)`,
      '14% × (QRE − 50% × average QRE of the 3 preceding years)',
      '§41(c)(4)(A)',
    ],
    ['RD_ASC', 'summary', `${lawText(ASC_STARTUP_RATE, Y)} × QRE if any`, '6% × QRE if any', '§41(c)(4)(B)'],
    ['RD_ASC', 'prior_qres', `the ${lawText(ASC_STARTUP_RATE, Y)} rate`, 'the 6% rate', '§41(c)(4)(B)'],
    [
      'RD_ASC',
      'reduced_280c',
      `× ${factor.after} from ${factor.year}, × ${factor.before} before`,
      '× 0.79 from 2018, × 0.65 before',
      '§280C(c)(2)(B); §11(b)',
    ],
    ['RD_REGULAR', 'reduced_280c', `× ${factor.after} from ${factor.year}`, '× 0.79 from 2018', '§280C(c)(2)(B)'],
    ['RD_REGULAR', 'summary', `${lawText(REGULAR_CREDIT_RATE, Y)} × (QRE − base)`, '20% × (QRE − base)', '§41(a)(1)'],
    ['RD_REGULAR', 'summary', `${lawText(REGULAR_MINIMUM_BASE_SHARE, Y)} × QRE)`, '50% × QRE)', '§41(c)(2)'],
    [
      'RD_REGULAR',
      'fixed_base_pct',
      `at most ${lawText(FIXED_BASE_PERCENTAGE_CAP, Y)}`,
      'at most 16%; rounded to 1/100 of 1%',
      '§41(c)(3)(C)–(D)',
    ],
    [
      'RD_REGULAR',
      'avg_gross_receipts',
      `the ${lawText(REGULAR_GROSS_RECEIPTS_YEARS, Y)} preceding`,
      'the 4 preceding tax years',
      '§41(c)(1)(B)',
    ],
    [
      'RD_FIXED_BASE_PCT',
      'summary',
      `capped at ${lawText(FIXED_BASE_PERCENTAGE_CAP, Y)}`,
      '3% for years 1–5, then the phase-in of §41(c)(3)(B), capped at 16%',
      '§41(c)(3)(B)–(C)',
    ],
    [
      'RD_PAYROLL_OFFSET',
      'summary',
      `min(credit, ${formatScalar(cap.before!.total, 'USD')} before ${cap.year} / ${formatScalar(cap.after!.total, 'USD')} from ${cap.year})`,
      'min(credit, $250,000 before 2023 / $500,000 from 2023)',
      '§41(h)(4)(B)(i); P.L. 117-169',
    ],
    [
      'RD_PAYROLL_OFFSET',
      'gross_receipts',
      `under ${lawText(PAYROLL_GROSS_RECEIPTS_LIMIT, Y)}`,
      'under $5,000,000',
      '§41(h)(3)(A)(i)(I)',
    ],
    [
      'RD_PAYROLL_OFFSET',
      'first_receipts_year',
      `the ${lawText(PAYROLL_RECEIPTS_WINDOW_YEARS, Y)}-tax-year period`,
      'the 5-tax-year period',
      '§41(h)(3)(A)(i)(II)',
    ],
    [
      'RD_PAYROLL_OFFSET',
      'prior_elections',
      `at most ${lawText(PAYROLL_MAX_PRIOR_ELECTIONS, Y)} allowed`,
      'at most 5 allowed',
      '§41(h)(4)(B)(ii)',
    ],
    [
      'RD_PAYROLL_OFFSET',
      'portion',
      `the first ${formatScalar(cap.after!.oasdi, 'USD')}`,
      'oasdi (the first $250,000) or medicare (the rest, from 2023)',
      '§3111(f)',
    ],
    [
      'RD_WAGE_QRE',
      'summary',
      `at ${lawText(WAGE_SUBSTANTIALLY_ALL_THRESHOLD, Y)} or more counts 100%`,
      'at 80% or more counts 100%',
      '§41(b)(2)(B)',
    ],
    [
      'RD_QRE',
      'wage_pct',
      `(${lawText(WAGE_SUBSTANTIALLY_ALL_THRESHOLD, Y)} or more counts 100%)`,
      '(80% or more counts 100%)',
      '§41(b)(2)(B)',
    ],
    [
      'RD_CONTRACT_QRE',
      'summary',
      `× ${lawText(CONTRACT_RESEARCH_RATE.standard, Y)} (standard), ${lawText(CONTRACT_RESEARCH_RATE.consortium, Y)} (research consortium) or ${lawText(CONTRACT_RESEARCH_RATE.energy, Y)} (energy research)`,
      '× 65% (standard), 75% (research consortium) or 100% (energy research)',
      '§41(b)(3)(A), (C), (D)',
    ],
    [
      'RD_CONTRACT_QRE',
      'type',
      `standard (${lawText(CONTRACT_RESEARCH_RATE.standard, Y)})`,
      'standard (65%), consortium (75%) or energy (100%)',
      '§41(b)(3)',
    ],
    [
      'RD_QRE',
      'contract_type',
      `consortium (${lawText(CONTRACT_RESEARCH_RATE.consortium, Y)})`,
      'standard (65%), consortium (75%) or energy (100%)',
      '§41(b)(3)',
    ],
    [
      'SEC174_AMORT',
      'location',
      `foreign research (${foreignMonths / 12}-year amortization)`,
      'foreign research (15-year amortization)',
      '§174(a)(2)(B): 180 months',
    ],
  ])('%s %s: %s', (fn, part, rendered, literal) => {
    const text = field(fn, part);
    expect(text).toContain(rendered);
    expect(text).toContain(literal);
  });

  test.each([['RD_ASC'], ['RD_REGULAR']])(
    '%s: the default tax_year is the default tax year of the law (2025)',
    (fn) => {
      expect(findFunction(fn)!.params.find((p) => p.name === 'tax_year')!.default).toBe('2025');
    },
  );

  test('RD_CITATION cites a document in this repository', () => {
    expect(callFunction('RD_CITATION', ['RD_CITATION'])).toEqual({
      ok: true,
      value: 'docs/law.md (every rule, its value by tax year and its citation)',
    });
  });

  // The mechanism itself: change nothing but one rule's value and the help changes with it.
  test.each([
    [
      'the ASC rate 14% → 15%',
      'credit',
      'ASC_RATE',
      '0.15',
      'RD_ASC',
      'summary',
      /^Alternative simplified credit: 15% × \(QRE − 50%/,
    ],
    [
      'the contract rate 65% → 60%',
      'qre',
      'CONTRACT_RESEARCH_RATE.standard',
      '0.6',
      'RD_CONTRACT_QRE',
      'type',
      /^standard \(60%\), consortium \(75%\)/,
    ],
  ])('%s', (_name, file, exportName, value, fn, part, expected) => {
    jest.isolateModules(() => {
      const modulePath = `../src/law/federal/${file}`;
      jest.doMock(modulePath, () => {
        const actual = jest.requireActual(modulePath);
        const [top, key] = exportName.split('.') as [string, string | undefined];
        const change = (rule: { history: readonly { value: unknown }[] }) => ({
          ...rule,
          history: rule.history.map((v, i) => (i === rule.history.length - 1 ? { ...v, value } : v)),
        });
        return {
          ...actual,
          [top]: key ? { ...actual[top], [key]: change(actual[top][key]) } : change(actual[top]),
        };
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const catalogue = require('../src/catalogue') as typeof import('../src/catalogue');
      const f = catalogue.findFunction(fn)!;
      expect(part === 'summary' ? f.summary : f.params.find((p) => p.name === part)!.help).toMatch(expected);
    });
  });

  // No rate, amount or count of the law typed into a help string: only these phrases, which are
  // examples of how to type a fraction or the statute's own "100% of the wages", carry a number.
  test('catalogue sources carry no number with % or $ outside the allowed phrases', () => {
    const allowed = ['(3% is 0.03)', '(80% is 0.8)', 'counts 100%', 'counts as 100%', '(default 100%)', 'of 1%'];
    const dir = path.join(__dirname, '..', 'src', 'catalogue');
    const found = fs.readdirSync(dir).flatMap((name) => {
      let text = fs.readFileSync(path.join(dir, name), 'utf8');
      for (const a of allowed) text = text.split(a).join('');
      return [...text.matchAll(/\d[\d.,]*%|\$\d[\d,]*/g)].map((m) => `${name}: ${m[0]}`);
    });
    expect(found).toEqual([]);
  });
});

// ---- RD_IN_US: the Location words of docs/design.md §4 (§41(d)(4)(F): research in the United States)
describe('RD_IN_US: 1 for research in the US (a state, DC, Puerto Rico, a possession), 0 otherwise', () => {
  it.each([
    ['US', 1],
    ['CA (a state by its USPS code)', 1],
    ['US-TX (ISO 3166-2)', 1],
    ['DC', 1],
    ['Puerto Rico', 1],
    ['Canada', 0],
    ['CAN (a country code)', 0],
  ])('%s → %d', (text, expected) => {
    const o = callFunction('RD_IN_US', [text.replace(/ \(.*$/, '')]);
    expect(o).toEqual({ ok: true, value: expected });
  });
  it('a column in, a column out; blank → 0', () =>
    expect(callFunction('RD_IN_US', [[['US'], [''], ['India'], ['ny']]])).toEqual({
      ok: true,
      value: [[1], [0], [0], [1]],
    }));
  it('#REF! in the range is an error naming the position', () => {
    const o = callFunction('RD_IN_US', [[['US'], ['#REF!']]]);
    expect(o.ok).toBe(false);
  });
});
