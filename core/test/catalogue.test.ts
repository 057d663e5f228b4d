/** The catalogue is the public API: names and argument order are permanent (DESIGN.md §2). */
import { callFunction, CATALOGUE, findFunction, RANGE_KINDS } from '../src/catalogue';
import { col, failure } from './helpers';

// Catalogue v1 exactly as DESIGN.md §2 lists it: name → argument names in order.
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
};

test.each(Object.entries(V1))('%s keeps its v1 arguments in order', (name, params) => {
  expect(findFunction(name)?.params.map((p) => p.name)).toEqual(params);
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
