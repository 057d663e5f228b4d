/** The catalogue is the public API: names and argument order are permanent (DESIGN.md §2). */
import { CATALOGUE, findFunction, RANGE_KINDS } from '../src/catalogue';

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
