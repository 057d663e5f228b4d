/**
 * Every catalogue function called as Sheets calls it: Code.js loaded into a fresh Apps Script
 * context per call, arguments marshalled the Sheets way (scalar for one cell, 2-D array for a
 * range, "" for a blank, Dates of the context's realm, omitted trailing arguments absent).
 * A result must equal the catalogue's (and the arithmetic in the case); an error must reach
 * the cell as an Error of that realm carrying the catalogue's message, which Sheets shows on
 * #ERROR!.
 */
import { CATALOGUE, callFunction } from '@core/catalogue';
import type { CellArg } from '@core/cells';
import { DateCell, execute, OMIT, type TestArg } from './harness';

type Case =
  | { readonly fn: string; readonly name: string; readonly args: readonly TestArg[]; readonly value: unknown }
  | { readonly fn: string; readonly name: string; readonly args: readonly TestArg[]; readonly error: RegExp };

const col = (...xs: (number | string | boolean | DateCell | null)[]) => xs.map((x) => [x]);

const CASES: readonly Case[] = [
  // RD_WAGE_QRE — §41(b)(2)(B): 80% or more counts 100%.
  {
    fn: 'RD_WAGE_QRE',
    name: 'ranges; 80% counts 100%; a blank row is 0: 100,000 + 50,000 × 50%',
    args: [col(100000, 50000, null), col(0.8, 0.5, null)],
    value: 125000,
  },
  {
    fn: 'RD_WAGE_QRE',
    name: 'one cell each (Sheets passes scalars): 100,000 × 50%',
    args: [100000, 0.5],
    value: 50000,
  },
  {
    fn: 'RD_WAGE_QRE',
    name: 'one R&D % cell applied to a range of wages: (1,000 + 2,000) × 50%',
    args: [col(1000, 2000), 0.5],
    value: 1500,
  },
  { fn: 'RD_WAGE_QRE', name: 'substantially_all FALSE: 100,000 × 80%', args: [100000, 0.8, false], value: 80000 },
  {
    fn: 'RD_WAGE_QRE',
    name: 'text that is plainly a number: "$1,200" × "50%"',
    args: [col('$1,200'), col('50%')],
    value: 600,
  },
  {
    fn: 'RD_WAGE_QRE',
    name: 'error: text in the wages range names the argument and position',
    args: [col(1000, 'n/a'), col(0.5, 0.5)],
    error: /^wages \(row 2, column 1\): "n\/a" is text, not a number/,
  },
  {
    fn: 'RD_WAGE_QRE',
    name: 'error: 80 for 80%',
    args: [100000, 80],
    error: /R&D % must be a fraction between 0 and 1 \(80% is 0\.8\); got 80/,
  },
  {
    fn: 'RD_WAGE_QRE',
    name: 'error: an error value in the range',
    args: [col(1000, '#N/A'), 0.5],
    error: /wages \(row 2, column 1\): the cell holds the error #N\/A/,
  },
  { fn: 'RD_WAGE_QRE', name: 'error: rd_pct omitted', args: [100000], error: /^rd_pct is required/ },
  {
    fn: 'RD_WAGE_QRE',
    name: 'error: misaligned ranges name both',
    args: [col(1, 2, 3), col(0.5, 0.5)],
    error: /wages is 3 rows × 1 column but rd_pct is 2 rows × 1 column/,
  },

  // RD_SUPPLY_QRE
  { fn: 'RD_SUPPLY_QRE', name: 'rd_pct omitted is 100%: 100 + 200', args: [col(100, 200)], value: 300 },
  {
    fn: 'RD_SUPPLY_QRE',
    name: 'rd_pct as a blank cell ("") is the same as omitted',
    args: [col(100, 200), ''],
    value: 300,
  },
  {
    fn: 'RD_SUPPLY_QRE',
    name: 'error: a negative amount',
    args: [col(100, -5)],
    error: /amounts \(row 2, column 1\): -5 is negative/,
  },

  // RD_CLOUD_QRE — production contributes 0.
  {
    fn: 'RD_CLOUD_QRE',
    name: 'training counts, production does not: 1,000',
    args: [col(1000, 500), col('training', 'production')],
    value: 1000,
  },
  {
    fn: 'RD_CLOUD_QRE',
    name: 'error: an unknown environment lists the accepted words',
    args: [col(1000), col('marketing')],
    error: /"marketing" is not a known/,
  },

  // RD_CONTRACT_QRE — 65% / 75% / 100%.
  { fn: 'RD_CONTRACT_QRE', name: 'standard 65%: 1,000 × 65%', args: [col(1000)], value: 650 },
  { fn: 'RD_CONTRACT_QRE', name: 'consortium 75%: 1,000 × 75%', args: [col(1000), 1, 'consortium'], value: 750 },
  {
    fn: 'RD_CONTRACT_QRE',
    name: 'error: an unknown contract type',
    args: [col(1000), 1, 'bogus'],
    error: /"bogus" is not a known contract type/,
  },

  // RD_QRE
  {
    fn: 'RD_QRE',
    name: 'wages 100,000 × 50% + supplies 1,000 (pct 100%)',
    args: [col(100000), col(0.5), col(1000)],
    value: 51000,
  },
  {
    fn: 'RD_QRE',
    name: 'all seven arguments: 50,000 + 1,000 + 2,000 × 65%',
    args: [col(100000), col(0.5), col(1000), 1, col(2000), 1, 'standard'],
    value: 52300,
  },
  { fn: 'RD_QRE', name: 'error: wage_pct omitted', args: [col(100000)], error: /^wage_pct is required/ },

  // RD_ASC — §41(c)(4).
  {
    fn: 'RD_ASC',
    name: '14% × (1,000,000 − 50% × 700,000) = 91,000',
    args: [1000000, col(600000, 700000, 800000)],
    value: 91000,
  },
  {
    fn: 'RD_ASC',
    name: 'a prior year with no QREs: 6% × 1,000,000',
    args: [1000000, col(600000, 0, 800000)],
    value: 60000,
  },
  {
    fn: 'RD_ASC',
    name: 'reduced 280C from 2018: 91,000 × 0.79',
    args: [1000000, col(600000, 700000, 800000), true, 2025],
    value: 71890,
  },
  {
    fn: 'RD_ASC',
    name: 'error: more arguments than the function takes',
    args: [1000000, col(1, 2, 3), false, 2025, 'extra'],
    error: /^RD_ASC takes at most 4 arguments; got 5\./,
  },
  {
    fn: 'RD_ASC',
    name: 'error: a date where a tax year belongs',
    args: [1000000, col(1, 2, 3), false, new DateCell('2025-01-01')],
    error: /^tax_year: a date is not a year/,
  },

  // RD_REGULAR — §41(a)(1), (c).
  {
    fn: 'RD_REGULAR',
    name: '20% × (2,000,000 − max(3% × 10,000,000, 50% × 2,000,000)) = 200,000',
    args: [2000000, 0.03, 10000000],
    value: 200000,
  },
  { fn: 'RD_REGULAR', name: 'error: fixed-base % above 16%', args: [2000000, 0.2, 10000000], error: /16%/ },

  // RD_FIXED_BASE_PCT — §41(c)(3)(B): years 1–5 are 3%.
  { fn: 'RD_FIXED_BASE_PCT', name: 'two years of history: 3%', args: [col(100, 100), col(1000, 1000)], value: 0.03 },
  {
    fn: 'RD_FIXED_BASE_PCT',
    name: 'error: ranges of different shapes',
    args: [col(100, 100), col(1000)],
    error: /qres is 2 rows × 1 column but gross_receipts is 1 row × 1 column/,
  },

  // RD_PAYROLL_OFFSET — §41(h).
  {
    fn: 'RD_PAYROLL_OFFSET',
    name: 'qualified small business from 2023: min(620,000, 500,000)',
    args: [620000, 3200000, 2022, 2025],
    value: 500000,
  },
  { fn: 'RD_PAYROLL_OFFSET', name: 'gross receipts of $5M or more: 0', args: [620000, 5000000, 2022, 2025], value: 0 },
  {
    fn: 'RD_PAYROLL_OFFSET',
    name: 'error: a negative credit',
    args: [-1, 3200000, 2022, 2025],
    error: /^credit: -1 is negative/,
  },

  // SEC174_AMORT — §174 / §174A.
  {
    fn: 'SEC174_AMORT',
    name: '2023 domestic vintage in 2025: 20% of 1,000,000',
    args: [1000000, 2023, 2025],
    value: 200000,
  },
  {
    fn: 'SEC174_AMORT',
    name: 'without tax_year: the whole schedule spills (10/20/20/20/20/10%)',
    args: [1000000, 2023],
    value: [
      [2023, 100000],
      [2024, 200000],
      [2025, 200000],
      [2026, 200000],
      [2027, 200000],
      [2028, 100000],
    ],
  },
  {
    fn: 'SEC174_AMORT',
    name: 'elect_60 with benefit_start a date cell (July 2025): 6/60 of 600,000',
    args: [600000, 2025, 2025, 'domestic', 'elect_60', new DateCell('2025-07-15')],
    value: 60000,
  },
  {
    fn: 'SEC174_AMORT',
    name: 'error: elect_60 without benefit_start',
    args: [600000, 2025, 2025, 'domestic', 'elect_60'],
    error: /benefit_start/,
  },

  // RD_ROLE_RANGE / RD_ROLE_CHECK — prompts, never allocations.
  {
    fn: 'RD_ROLE_RANGE',
    name: 'a role of the software profile spills [low, high]: Software Developer 80%–100%',
    args: ['Software Developer'],
    value: [[0.8, 1]],
  },
  {
    fn: 'RD_ROLE_RANGE',
    name: 'error: an unknown profile',
    args: ['Software Developer', 'bakery'],
    error: /"bakery" is not a known/,
  },
  {
    fn: 'RD_ROLE_CHECK',
    name: 'a range of roles spills a column: 50% is below 80%–100%; an unknown role',
    args: [col('Software Developer', 'Nobody In Particular'), col(0.5, 0.5)],
    value: [['BELOW RANGE'], ['UNKNOWN ROLE']],
  },
  {
    fn: 'RD_ROLE_CHECK',
    // Job titles (core/src/law/role-titles.ts): SOC 15-1252 Software Developers 80–100%; SDET a
    // QA Engineer 60–80%; "Engineer II" names no role once the level is dropped.
    name: 'job titles: Sr. Software Engineer II at 85% is inside 80%–100%; SDET at 80.01% is above 80%; Engineer II is unknown',
    args: [col('Sr. Software Engineer II', 'SDET', 'Engineer II'), col(0.85, 0.8001, 0.5)],
    value: [['OK'], ['ABOVE RANGE'], ['UNKNOWN ROLE']],
  },
  {
    fn: 'RD_ROLE_RANGE',
    name: 'a firm alias in a 4th role_table column comes before the built-in synonym: SRE → this firm’s QA Engineer 50%–70%',
    args: ['SRE', undefined, [['QA Engineer', 0.5, 0.7, 'SRE']]],
    value: [[0.5, 0.7]],
  },
  {
    fn: 'RD_ROLE_CHECK',
    name: 'error: R&D % above 100%',
    args: ['Software Developer', 1.5],
    error: /must be a fraction between 0 and 1/,
  },

  // RD_LAW_VALUE
  {
    fn: 'RD_LAW_VALUE',
    name: 'the ASC rate for 2008 is 12% (the boundary year before 14%)',
    args: ['credit.asc.rate', 2008],
    value: 0.12,
  },
  {
    fn: 'RD_LAW_VALUE',
    name: 'error: a rule that is a table of values, not a number',
    args: ['credit.regular.startup-fixed-base', 2025],
    error: /is not a number for tax years beginning in 2025/,
  },

  // RD_IN_US
  {
    fn: 'RD_IN_US',
    name: 'a state by code is the US, a foreign country is not: a column in, a column out',
    args: [col('CA', 'Canada')],
    value: [[1], [0]],
  },
  {
    fn: 'RD_IN_US',
    name: 'error: #REF! in the range names its position',
    args: [col('US', '#REF!')],
    error: /#REF!/,
  },

  // RD_COMPONENT_QRE
  {
    fn: 'RD_COMPONENT_QRE',
    name: 'Ledger’s line 50: 100,000 at 80% counts 100% (the tables with their header rows)',
    args: [
      'Ledger',
      50,
      2026,
      [['Business Component'], ['Ledger']],
      [
        ['Employee', 'Location', 'W-2 Box 1 Wages', 'R&D %', 'Business Component'],
        ['Ann', 'US', 100000, 0.8, 'Ledger'],
      ],
    ],
    value: 100000,
  },
  {
    fn: 'RD_COMPONENT_QRE',
    name: 'error: line 49 is not a Section G amount line',
    args: [
      'Ledger',
      49,
      2026,
      [['Business Component'], ['Ledger']],
      [['Employee', 'Location', 'W-2 Box 1 Wages', 'R&D %']],
    ],
    error: /line: 49 is not a Section G amount line/,
  },

  // RD_STATE_CREDIT (issue 12)
  {
    fn: 'RD_STATE_CREDIT',
    name: 'IL 2025: 6.5% × (1,000,000 − 750,000) = 16,250',
    args: ['IL', 1000000, col(600000, 750000, 900000)],
    value: 16250,
  },
  {
    fn: 'RD_STATE_CREDIT',
    name: 'AZ 2031: 20% × 2,500,000 + 11% × 1 = 500,000.11 (one dollar over the tier)',
    args: ['AZ', 5000002, 0, 2031, 'regular', 0.03, 10000000],
    value: 500000.11,
  },
  {
    fn: 'RD_STATE_CREDIT',
    name: 'error: an unsupported state lists the supported ones',
    args: ['NY', 1000000, col(1, 2, 3)],
    error:
      /^state: "NY" \(New York\) is not supported; use one of CA \(California\), TX \(Texas\), IL \(Illinois\), AZ \(Arizona\), MA \(Massachusetts\)\.$/,
  },
  {
    fn: 'RD_STATE_CREDIT',
    name: 'error: CA ASC before 2025 did not exist',
    args: ['CA', 1000000, col(600000, 750000, 900000), 2024, 'asc'],
    error: /^tax_year 2024: California's ASC did not exist for tax years beginning before 2025/,
  },

  // RD_CITATION
  {
    fn: 'RD_CITATION',
    name: 'the law behind RD_ASC: §41(c)(4) and the §280C(c)(2) reduced rate',
    args: ['RD_ASC'],
    value: /^IRC §41\(c\)\(4\)\(A\); IRC §41\(c\)\(4\)\(B\); IRC §280C\(c\)\(2\)/,
  },
  {
    fn: 'RD_CITATION',
    name: 'error: not a catalogue function',
    args: ['NOPE'],
    error: /"NOPE" is not a catalogue function/,
  },
];

/** What core's catalogue says for the same Sheets-marshalled arguments. */
function coreOutcome(fn: string, args: readonly TestArg[]) {
  const exec = execute();
  let n = args.length;
  while (n > 0 && args[n - 1] === OMIT) n--;
  return callFunction(
    fn,
    args.slice(0, n).map((a) => exec.marshal(a) as CellArg),
  );
}

/** Cross-realm values as plain JSON, for comparison. */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

describe.each(CATALOGUE.map((f) => f.name))('%s through Code.js', (fn) => {
  const cases = CASES.filter((c) => c.fn === fn);

  test('has at least one result case and one error case here', () => {
    expect(cases.filter((c) => 'value' in c).length).toBeGreaterThan(0);
    expect(cases.filter((c) => 'error' in c).length).toBeGreaterThan(0);
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const exec = execute();
    const expected = coreOutcome(c.fn, c.args);
    if ('value' in c) {
      const got = exec.callCustom(c.fn, c.args);
      expect(expected.ok).toBe(true);
      expect(plain(got)).toEqual(plain(expected.ok ? expected.value : undefined));
      if (c.value instanceof RegExp) expect(got).toMatch(c.value);
      else expect(plain(got)).toEqual(c.value);
    } else {
      let thrown: unknown;
      try {
        exec.callCustom(c.fn, c.args);
      } catch (e) {
        thrown = e;
      }
      expect(expected.ok).toBe(false);
      // An Error of the execution's own realm, with the catalogue's message: what #ERROR! shows.
      expect(thrown).toBeInstanceOf(exec.Error);
      expect((thrown as Error).message).toBe(expected.ok ? '' : expected.message);
      expect((thrown as Error).message).toMatch(c.error);
    }
  });
});

test('an extra argument written in a formula reaches the catalogue (stubs pass `arguments`)', () => {
  const exec = execute();
  expect(() => exec.callCustom('RD_CITATION', ['RD_ASC', 'extra'])).toThrow(
    /^RD_CITATION takes at most 1 arguments?; got 2\./,
  );
});

test('each call is a fresh execution: nothing carries over between cells', () => {
  const a = execute();
  a.callCustom('RD_WAGE_QRE', [100000, 0.5]);
  const b = execute();
  expect(a.context).not.toBe(b.context);
  expect((b.global('rdcs_') as { library?: unknown }).library).toBeUndefined();
  // The first call built the library: the webpack library object with its entry points.
  expect(Object.keys((a.global('rdcs_') as { library: object }).library).sort()).toEqual([
    'customFunction',
    'entryPoints',
  ]);
});
