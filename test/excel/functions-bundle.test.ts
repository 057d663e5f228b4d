/**
 * The built custom functions (excel-addin/dist/functions.js + functions.json), loaded the way
 * Excel's shared runtime loads them: a fresh script context whose `CustomFunctions` global
 * captures `associate(id, fn)`. Every catalogue function is called as Excel calls it —
 * ranges as 2-D arrays, blank cells as "", omitted optionals as null — and must agree with the
 * catalogue; every error must reach `CustomFunctions.Error` with its message.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { CATALOGUE, RANGE_KINDS, callFunction } from '@core/catalogue';
import type { CellArg } from '@core/cells';
import { FUNCTIONS_TS, generateFunctionsSource } from '../../scripts/gen-excel-functions';

const DIST = path.join(__dirname, '..', '..', 'excel-addin', 'dist');
const FUNCTIONS_JS = path.join(DIST, 'functions.js');
const FUNCTIONS_JSON = path.join(DIST, 'functions.json');

class FakeCustomFunctionsError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
type ExcelFunction = (...args: unknown[]) => unknown;

/** Evaluate functions.js in a new context, as the runtime does; returns what it associated. */
function loadFunctions(): { associated: Map<string, ExcelFunction>; order: string[] } {
  if (!fs.existsSync(FUNCTIONS_JS))
    throw new Error(`${FUNCTIONS_JS} is missing: run npm run build:excel first (npm test does).`);
  const associated = new Map<string, ExcelFunction>();
  const order: string[] = [];
  const context = vm.createContext({
    CustomFunctions: {
      ErrorCode: {
        invalidValue: '#VALUE!',
        notAvailable: '#N/A',
        divisionByZero: '#DIV/0!',
        invalidNumber: '#NUM!',
        nullReference: '#NULL!',
      },
      Error: FakeCustomFunctionsError,
      associate: (id: string, fn: ExcelFunction) => {
        if (associated.has(id)) throw new Error(`${id} associated twice`);
        associated.set(id, fn);
        order.push(id);
      },
    },
  });
  vm.runInContext(fs.readFileSync(FUNCTIONS_JS, 'utf8'), context, { filename: 'functions.js' });
  return { associated, order };
}

interface MetadataParam {
  name: string;
  optional?: boolean;
  dimensionality?: string;
  type?: string;
}
interface MetadataFunction {
  id: string;
  name: string;
  parameters: MetadataParam[];
  result: { type?: string; dimensionality?: string };
}
function metadata(): MetadataFunction[] {
  return (JSON.parse(fs.readFileSync(FUNCTIONS_JSON, 'utf8')) as { functions: MetadataFunction[] }).functions;
}

const { associated } = loadFunctions();
const call = (name: string, ...args: unknown[]): unknown => {
  const fn = associated.get(name);
  if (!fn) throw new Error(`${name} was not associated`);
  return fn(...args);
};
/** What Excel would show: the value, or the error code and message thrown. */
function outcome(name: string, args: unknown[]): { value: unknown } | { code: string; message: string } {
  try {
    return { value: call(name, ...args) };
  } catch (e) {
    if (e instanceof FakeCustomFunctionsError) return { code: e.code, message: e.message ?? '' };
    throw e;
  }
}

describe('functions.js, functions.json and the catalogue agree', () => {
  const names = CATALOGUE.map((f) => f.name).sort();

  test('associated ids = functions.json ids = catalogue names', () => {
    expect([...associated.keys()].sort()).toEqual(names);
    expect(
      metadata()
        .map((f) => f.id)
        .sort(),
    ).toEqual(names);
    // Excel shows `name` after the RDTAX. namespace: it must be the catalogue name too.
    for (const f of metadata()) expect(f.name).toBe(f.id);
  });

  test.each(CATALOGUE.map((f) => [f.name, f] as const))(
    '%s: parameters match the catalogue (names, optional, matrix for ranges)',
    (_name, spec) => {
      const meta = metadata().find((m) => m.id === spec.name)!;
      expect(meta.parameters.map((p) => p.name)).toEqual(spec.params.map((p) => p.name));
      meta.parameters.forEach((p, i) => {
        const c = spec.params[i];
        expect({ name: p.name, optional: Boolean(p.optional), matrix: p.dimensionality === 'matrix' }).toEqual({
          name: c.name,
          optional: c.optional,
          matrix: RANGE_KINDS.has(c.kind),
        });
      });
      const spills =
        spec.returns === 'row' || spec.returns === 'column-or-text' || spec.returns === 'schedule-or-number';
      expect(meta.result.dimensionality === 'matrix').toBe(spills);
      if (spec.returns === 'number') expect(meta.result.type).toBe('number');
      if (spec.returns === 'text') expect(meta.result.type).toBe('string');
    },
  );

  test('excel-addin/src/functions.ts is what the generator writes from the catalogue', () => {
    expect(fs.readFileSync(FUNCTIONS_TS, 'utf8')).toBe(generateFunctionsSource());
  });

  test('functions.js defines nothing Excel-less code would need: it evaluates with only CustomFunctions present', () => {
    // loadFunctions() above already did; a second fresh context must work too (the runtime may reload).
    expect(loadFunctions().associated.size).toBe(CATALOGUE.length);
  });
});

/**
 * Named cases: how Excel calls each function (ranges as 2-D arrays, "" blanks, null for an
 * omitted optional), with the expected result and the arithmetic.
 */
interface Case {
  readonly name: string;
  readonly fn: string;
  readonly args: unknown[];
  readonly expect: { readonly value: unknown } | { readonly code: '#VALUE!' | '#N/A'; readonly message: RegExp };
}

const CASES: readonly Case[] = [
  {
    name: 'wages: 100,000 at 85% counts in full (80% rule), 50,000 at 50%, a blank row is 0 → 125,000',
    fn: 'RD_WAGE_QRE',
    args: [[[100000], [50000], ['']], [[0.85], [0.5], ['']], null],
    expect: { value: 125000 },
  },
  {
    name: 'wages: text in a wage cell names the argument and row',
    fn: 'RD_WAGE_QRE',
    args: [[[100], ['n/a']], [[0.5], [0.5]], null],
    expect: { code: '#VALUE!', message: /wages \(row 2, column 1\)/ },
  },
  {
    name: 'wages: 80 for 80% (a number outside its domain) shows #VALUE! with the message',
    fn: 'RD_WAGE_QRE',
    args: [[[100]], [[80]], null],
    expect: { code: '#VALUE!', message: /fraction between 0 and 1/ },
  },
  {
    name: 'supplies: 1,000 + blank at the default 100% → 1,000',
    fn: 'RD_SUPPLY_QRE',
    args: [[[1000], ['']], null],
    expect: { value: 1000 },
  },
  {
    name: 'supplies: a negative amount is an error',
    fn: 'RD_SUPPLY_QRE',
    args: [[[-5]], null],
    expect: { code: '#VALUE!', message: /negative/ },
  },
  {
    name: 'cloud: training 1,000 counts, production 500 does not → 1,000',
    fn: 'RD_CLOUD_QRE',
    args: [[[1000], [500]], [['training'], ['production']], null],
    expect: { value: 1000 },
  },
  {
    name: 'cloud: an unknown environment lists the accepted words',
    fn: 'RD_CLOUD_QRE',
    args: [[[1000]], [['lab']], null],
    expect: { code: '#VALUE!', message: /training/ },
  },
  {
    name: 'contract: 100,000 standard at the default 100% × 65% → 65,000',
    fn: 'RD_CONTRACT_QRE',
    args: [[[100000]], null, null],
    expect: { value: 65000 },
  },
  {
    name: 'contract: consortium 100,000 × 75% → 75,000',
    fn: 'RD_CONTRACT_QRE',
    args: [[[100000]], [[1]], [['consortium']]],
    expect: { value: 75000 },
  },
  {
    name: 'total QRE: 100,000 × 50% + 1,000 supplies + 10,000 contract × 65% → 57,500',
    fn: 'RD_QRE',
    args: [[[100000]], [[0.5]], [[1000]], null, [[10000]], null, null],
    expect: { value: 57500 },
  },
  {
    name: 'total QRE: misaligned wage and % ranges name both',
    fn: 'RD_QRE',
    args: [[[1], [2]], [[0.5], [0.5], [0.5]], null, null, null, null, null],
    expect: { code: '#VALUE!', message: /wage/ },
  },
  {
    name: 'ASC: 14% × (100,000 − 50% × 90,000) → 7,700',
    fn: 'RD_ASC',
    args: [100000, [[80000], [90000], [100000]], null, null],
    expect: { value: 7700 },
  },
  {
    name: 'ASC: a zero prior year → 6% × 100,000 = 6,000',
    fn: 'RD_ASC',
    args: [100000, [[0], [90000], [100000]], null, null],
    expect: { value: 6000 },
  },
  {
    name: 'ASC: reduced 280C for 2025 → 7,700 × 0.79 = 6,083',
    fn: 'RD_ASC',
    args: [100000, [[80000], [90000], [100000]], true, 2025],
    expect: { value: 6083 },
  },
  {
    name: 'regular: base = max(3% × 10M, 50% × 1M) = 500,000 → 20% × 500,000 = 100,000',
    fn: 'RD_REGULAR',
    args: [1000000, 0.03, 10000000, null, null],
    expect: { value: 100000 },
  },
  {
    name: 'regular: a fixed-base % above 16% is an error',
    fn: 'RD_REGULAR',
    args: [1000000, 0.2, 10000000, null, null],
    expect: { code: '#VALUE!', message: /16%/ },
  },
  {
    name: 'fixed-base %: two start-up years → 3%',
    fn: 'RD_FIXED_BASE_PCT',
    args: [
      [[1], [2]],
      [[10], [20]],
    ],
    expect: { value: 0.03 },
  },
  {
    name: 'payroll: a QSB with 4M receipts since 2022, 2025 → min(300,000, 500,000)',
    fn: 'RD_PAYROLL_OFFSET',
    args: [300000, 4000000, 2022, 2025, null, null],
    expect: { value: 300000 },
  },
  {
    name: 'payroll: receipts of 5M or more → 0 (not a qualified small business)',
    fn: 'RD_PAYROLL_OFFSET',
    args: [300000, 6000000, 2022, 2025, null, null],
    expect: { value: 0 },
  },
  {
    name: '§174: 100,000 domestic incurred 2023, deduction in 2025 → 20% = 20,000 (as a 1 × 1 grid)',
    fn: 'SEC174_AMORT',
    args: [[[100000]], [[2023]], 2025, null, null, null],
    expect: { value: [[20000]] },
  },
  {
    name: '§174: a method that does not exist is an error',
    fn: 'SEC174_AMORT',
    args: [[[100000]], [[2023]], 2025, null, 'sometimes', null],
    expect: { code: '#VALUE!', message: /method/ },
  },
  {
    name: 'role range: Software Developer in the software profile → [0.8, 1]',
    fn: 'RD_ROLE_RANGE',
    args: ['Software Developer', null, null],
    expect: { value: [[0.8, 1]] },
  },
  {
    name: 'role check: QA Engineer at 70% → OK; at 95% → ABOVE RANGE (a spilled column)',
    fn: 'RD_ROLE_CHECK',
    args: [[['QA Engineer'], ['QA Engineer']], [[0.7], [0.95]], null, null],
    expect: { value: [['OK'], ['ABOVE RANGE']] },
  },
  {
    // Job titles (core/src/law/role-titles.ts): SOC 15-1252 Software Developers 80–100%; SDET a QA
    // Engineer 60–80%; "Senior" alone names no role.
    name: 'role check of job titles: Sr. Software Engineer II at 79.99% → BELOW RANGE, SDET at 80% → OK, Senior → UNKNOWN ROLE',
    fn: 'RD_ROLE_CHECK',
    args: [[['Sr. Software Engineer II'], ['SDET'], ['Senior']], [[0.7999], [0.8], [0.5]], null, null],
    expect: { value: [['BELOW RANGE'], ['OK'], ['UNKNOWN ROLE']] },
  },
  {
    name: 'role range of a firm alias (4th role_table column): SRE is this firm’s QA Engineer 50–70%',
    fn: 'RD_ROLE_RANGE',
    args: ['Senior SRE', null, [['QA Engineer', 0.5, 0.7, 'SRE; Tester']]],
    expect: { value: [[0.5, 0.7]] },
  },
  {
    name: 'law value: the §280C factor for 2017 is 0.65 (1 − 35%)',
    fn: 'RD_LAW_VALUE',
    args: ['credit.280c.reduced-credit-factor', 2017],
    expect: { value: 0.65 },
  },
  {
    name: 'law value: an unknown rule id is #N/A naming the near ones',
    fn: 'RD_LAW_VALUE',
    args: ['credit.asc.rat', null],
    expect: { code: '#N/A', message: /did you mean "credit.asc.rate"/ },
  },
  {
    name: 'in the US: a state by code is 1, a foreign country 0 (a spilled column)',
    fn: 'RD_IN_US',
    args: [[['CA'], ['Canada']]],
    expect: { value: [[1], [0]] },
  },
  {
    name: 'component QRE: Ledger’s research wages on line 50, 100,000 at 80% counts 100% (the Section G table, header rows included)',
    fn: 'RD_COMPONENT_QRE',
    args: [
      'Ledger',
      50,
      2026,
      [['Business Component'], ['Ledger']],
      [
        ['Employee', 'Location', 'W-2 Box 1 Wages', 'R&D %', 'Business Component'],
        ['Ann', 'US', 100000, 0.8, 'Ledger'],
      ],
      null,
      null,
      null,
    ],
    expect: { value: 100000 },
  },
  {
    name: 'state credit: CA ASC 2025, 3% × (1,000,000 − 50% × 750,000) = 18,750',
    fn: 'RD_STATE_CREDIT',
    args: ['CA', 1000000, [[600000], [750000], [900000]], null, null, null, null, null],
    expect: { value: 18750 },
  },
  {
    name: 'state credit: TX tax year 2025 reports in 2026 (subch. T), 8.722% × 625,000 = 54,512.50',
    fn: 'RD_STATE_CREDIT',
    args: ['TX', 1000000, [[600000], [750000], [900000]], 2025, null, null, null, null],
    expect: { value: 54512.5 },
  },
  {
    name: 'state credit: a rate typed as 5 instead of 0.05 names fixed_base_pct',
    fn: 'RD_STATE_CREDIT',
    args: ['AZ', 1000000, [[0]], 2025, null, 5, 10000000, null],
    expect: { code: '#VALUE!', message: /^fixed_base_pct: 5 is more than 1/ },
  },
  {
    name: 'state credit: MA ASC with a prior year without QREs is #N/A (the law’s rate is not settled)',
    fn: 'RD_STATE_CREDIT',
    args: ['MA', 1000000, [[0], [750000], [900000]], 2025, null, null, null, null],
    expect: { code: '#N/A', message: /not settled/ },
  },
  {
    name: 'citation: RD_ASC cites §41(c)(4)',
    fn: 'RD_CITATION',
    args: ['RD_ASC'],
    expect: { value: expect.stringContaining('§41(c)(4)') },
  },
  {
    name: 'citation: an unknown function is #N/A with the list of names',
    fn: 'RD_CITATION',
    args: ['RD_NOPE'],
    expect: { code: '#N/A', message: /RD_QRE/ },
  },
];

describe('every catalogue function, called the way Excel calls it', () => {
  test('the case table covers every catalogue function', () => {
    const covered = new Set(CASES.map((c) => c.fn));
    expect(CATALOGUE.map((f) => f.name).filter((n) => !covered.has(n))).toEqual([]);
  });

  test.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = outcome(c.fn, c.args);
    if ('value' in c.expect) expect(got).toEqual({ value: c.expect.value });
    else {
      expect(got).toEqual({ code: c.expect.code, message: expect.stringMatching(c.expect.message) });
    }
    // The wrapper adds nothing: same value or same message as the catalogue itself.
    const core = callFunction(c.fn, c.args as (CellArg | undefined)[]);
    const spills = ['row', 'column-or-text', 'schedule-or-number'].includes(
      CATALOGUE.find((f) => f.name === c.fn)!.returns,
    );
    if (core.ok) expect(got).toEqual({ value: spills && typeof core.value !== 'object' ? [[core.value]] : core.value });
    else expect(got).toEqual({ code: core.code === 'not-available' ? '#N/A' : '#VALUE!', message: core.message });
  });

  test('§174 without tax_year spills a 2-column schedule (year, deduction) that sums to the amount', () => {
    // Domestic, incurred 2023: 5 years from the midpoint of 2023, §174(a)(2)(B) — 10%, 20% × 4, 10%.
    expect(call('SEC174_AMORT', [[100000]], [[2023]], null, null, null, null)).toEqual([
      [2023, 10000],
      [2024, 20000],
      [2025, 20000],
      [2026, 20000],
      [2027, 20000],
      [2028, 10000],
    ]);
  });

  test('a required argument left empty (null) is #VALUE! naming it', () => {
    expect(outcome('RD_WAGE_QRE', [null, [[0.5]], null])).toEqual({
      code: '#VALUE!',
      message: expect.stringContaining('wages is required'),
    });
  });
});

describe('the shipped bundles keep client data local (IRC §7216)', () => {
  const NETWORK = [
    /\bfetch\s*\(/,
    /XMLHttpRequest/,
    /WebSocket/,
    /sendBeacon/,
    /EventSource/,
    /importScripts/,
    /\.innerHTML\s*=/,
    /insertAdjacentHTML/,
    /document\.write/,
  ];
  // Every script of dist: the entries and the chunks the pane loads on demand.
  const scripts = fs.existsSync(DIST) ? fs.readdirSync(DIST).filter((f) => f.endsWith('.js')) : [];
  test.each(scripts)('%s uses no network API and no HTML injection', (file) => {
    const text = fs.readFileSync(path.join(DIST, file), 'utf8');
    for (const re of NETWORK)
      expect({ file, api: re.source, found: re.test(text) }).toEqual({ file, api: re.source, found: false });
  });
});
