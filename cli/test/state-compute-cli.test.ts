/**
 * `rdtax compute` with rows in states (issue 12 §2), end to end as a user runs it: the text
 * report's state section and --json's `states`. The study is a folder of .csv sheets written here:
 *
 * Tax year 2025. Employees: Ann CA 100,000 × 100%; Ben US-TX 200,000 × 100%; Cy NY 30,000 × 50%;
 * Di US 40,000 × 50%. Contractors: Lab, California, 10,000 × 100% × 65% = 6,500.
 * Supplies: 1,000 (no Location: no state).
 *   CA  wages 100,000 + contract 6,500 = 106,500
 *       prior CA QRE 60,000 / 80,000 / 100,000 → ASC 3% × (106,500 − 50% × 80,000) = 3% × 66,500
 *       = 1,995.00 (Cal. R&TC §23609, tax years from 2025)
 *   TX  wages 200,000; prior TX QRE 100,000 × 3 → report year 2026 (subch. T):
 *       8.722% × (200,000 − 50,000) = 13,083.00
 *   NY  wages 15,000; not a state the engine computes: QREs shown, credit n/a
 *   no state: Di 20,000 + supplies 1,000 = 21,000
 *   Line 48 = 100,000 + 200,000 + 15,000 + 20,000 + 1,000 + 6,500 = 342,500
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { expectNoStackTrace, json, rdtax, type Run } from './helpers';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-states-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const csvLine = (fields: readonly string[]) =>
  fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');

function study(name: string, sheets: Record<string, string[][]>): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  for (const [sheet, rows] of Object.entries(sheets))
    fs.writeFileSync(path.join(dir, `${sheet}.csv`), `${rows.map(csvLine).join('\r\n')}\r\n`);
  return dir;
}

const EMPLOYEES = ['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %'];
const withStates = (about: Record<string, string> = {}) => ({
  About: [
    ['Tax Year', ...Object.keys(about)],
    ['2025', ...Object.values(about)],
  ],
  Employees: [
    EMPLOYEES,
    ['Ann', 'Software Developer', 'CA', '100000', '1'],
    ['Ben', 'Software Developer', 'US-TX', '200000', '1'],
    ['Cy', 'Software Developer', 'NY', '30000', '0.5'],
    ['Di', 'Software Developer', 'US', '40000', '0.5'],
  ],
  Contractors: [
    ['Vendor', 'Location', 'Amount Paid', 'R&D %', 'Contract Type', 'Rights Retained', 'Financial Risk'],
    ['Lab', 'California', '10000', '1', 'Standard', 'Yes', 'Yes'],
  ],
  Supplies: [
    ['Description', 'Category', 'Environment', 'Amount', 'R&D %'],
    ['Chips', 'Supply', '', '1000', '1'],
  ],
  'Prior Years': [
    ['Tax Year', 'QRE', 'CA QRE', 'tx qre'],
    ['2022', '300000', '60000', '100000'],
    ['2023', '300000', '80000', '100000'],
    ['2024', '300000', '100000', '100000'],
  ],
});

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('a study with rows in CA, TX and NY: the text report', () => {
  let r: Run;
  beforeAll(() => {
    r = rdtax(['compute', study('text', withStates())]);
  });
  it('no stack trace; no line wider than 100 columns', () => {
    expectNoStackTrace(r);
    for (const l of r.stdout.split('\n')) expect(l.length).toBeLessThanOrEqual(100);
  });
  it.each([
    ['CA', 'CA California', ['100,000.00', '0.00', '0.00', '6,500.00', '106,500.00']],
    ['TX', 'TX Texas', ['200,000.00', '0.00', '0.00', '0.00', '200,000.00']],
    ['NY', 'NY New York', ['15,000.00', '0.00', '0.00', '0.00', '15,000.00']],
    ['no state', 'US, no state named', ['20,000.00', '1,000.00', '0.00', '0.00', '21,000.00']],
  ])('QREs of %s: wages, supplies, cloud, contract, total', (_s, name, cells) => {
    const row = r.stdout.split('\n').find((l) => flat(l).trim().startsWith(name)) ?? '';
    expect(flat(row).trim()).toBe(`${name} ${cells.join(' ')}`);
  });
  it('CA: 3% × (106,500 − 50% × 80,000) = 1,995.00, with the arithmetic and R&TC §23609', () => {
    const text = flat(r.stdout);
    expect(text).toMatch(/CA California — alternative simplified credit 1,995\.00/);
    expect(text).toContain('3% × 66,500.00 = 1,995.00');
    expect(text).toContain('23609');
  });
  it('TX: report year 2026 (subch. T), 8.722% × 150,000 = 13,083.00', () => {
    const text = flat(r.stdout);
    expect(text).toMatch(/TX Texas — alternative simplified credit 13,083\.00/);
    expect(text).toContain('2025 + 1 = 2026');
    expect(text).toContain('8.722% × 150,000.00 = 13,083.00');
  });
  it('NY: QREs shown, the credit n/a with the supported states', () => {
    expect(flat(r.stdout)).toMatch(
      /NY New York n\/a No New York research credit is computed \(the engine computes CA, TX/,
    );
  });
  it('the section comes after the form and before §174', () => {
    const at = r.stdout.indexOf('State research credits');
    expect(at).toBeGreaterThan(r.stdout.indexOf('Section F'));
    expect(at).toBeLessThan(r.stdout.indexOf('§174 / §174A deduction'));
  });
});

describe('a study with rows in CA, TX and NY: --json `states`', () => {
  let doc: any;
  beforeAll(() => {
    const r = rdtax(['compute', study('json', withStates()), '--json']);
    expectNoStackTrace(r);
    doc = json(r);
  });
  it('schemaVersion unchanged (an added field does not bump it); states by code, then the rows naming none', () => {
    expect(doc.schemaVersion).toBe(2);
    const s = doc.files[0].states;
    expect(s.byState.map((q: any) => [q.state, q.total.amount])).toEqual([
      ['CA', 106500],
      ['NY', 15000],
      ['TX', 200000],
    ]);
    expect(s.noState.total.amount).toBe(21000);
  });
  it('the states plus the rows naming none = line 48 (342,500)', () => {
    const s = doc.files[0].states;
    const sum = [...s.byState, s.noState].reduce((a: number, q: any) => a + q.total.amount, 0);
    expect(sum).toBe(342500);
    expect(doc.files[0].form6765.lines['48']).toBe(342500);
  });
  it('credits: CA 1,995 (asc), TX 13,083 (asc), NY not supported — each with steps and citations or a note', () => {
    const credits = doc.files[0].states.credits;
    expect(credits.map((c: any) => [c.state, c.method, c.amount, c.supported])).toEqual([
      ['CA', 'asc', 1995, true],
      ['NY', null, null, false],
      ['TX', 'asc', 13083, true],
    ]);
    expect(credits[0].steps.at(-1)).toMatchObject({ label: 'Credit', amount: 1995, arithmetic: '3% × 66,500.00' });
    expect(credits[0].priorQres).toEqual({ '2022': 60000, '2023': 80000, '2024': 100000 });
    expect(credits[2].citations.join(' ')).toMatch(/171/);
  });
});

describe('inputs from About: `<ST> …` labels; bad ones name the cell', () => {
  it('CA Credit Method Regular without CA Fixed-Base %: n/a, saying which labels to add', () => {
    const r = rdtax(['compute', study('reg-missing', withStates({ 'CA Credit Method': 'Regular' })), '--json']);
    const ca = json(r).files[0].states.credits[0];
    expect(ca).toMatchObject({ state: 'CA', amount: null });
    expect(ca.notApplicable).toMatch(/"CA Fixed-Base %".*"CA Avg Gross Receipts" on the About sheet/);
  });
  it('CA regular: 15% × (106,500 − max(3% × 1,000,000, 50% × 106,500)) = 15% × 53,250 = 7,987.50', () => {
    const r = rdtax([
      'compute',
      study(
        'reg',
        withStates({ 'CA Credit Method': 'Regular', 'CA Fixed-Base %': '0.03', 'CA Avg Gross Receipts': '1000000' }),
      ),
      '--json',
    ]);
    expect(json(r).files[0].states.credits[0]).toMatchObject({ state: 'CA', method: 'regular', amount: 7987.5 });
  });
  it('CA Fixed-Base % 3 (a percentage typed as a whole number): the error names About!C2 in text and JSON', () => {
    const dir = study(
      'reg-bad',
      withStates({ 'CA Credit Method': 'Regular', 'CA Fixed-Base %': '3', 'CA Avg Gross Receipts': '1000000' }),
    );
    const ca = json(rdtax(['compute', dir, '--json'])).files[0].states.credits[0];
    expect(ca).toMatchObject({ amount: null, cell: 'About!C2' });
    const text = rdtax(['compute', dir]);
    expectNoStackTrace(text);
    expect(flat(text.stdout)).toMatch(/CA California not computed CA Fixed-Base % \(About!C2\): 3 is more than 1/);
  });
});

describe('a long state name', () => {
  it('DC  District of Columbia: the name on its own line, its amounts under the columns on the next', () => {
    const s = withStates();
    s.Employees.push(['Eve', 'Software Developer', 'US-DC', '1000', '1']);
    const out = rdtax(['compute', study('dc', s)]).stdout.split('\n');
    const i = out.findIndex((l) => l.trim() === 'DC  District of Columbia');
    expect(i).toBeGreaterThan(0);
    expect(flat(out[i + 1] ?? '').trim()).toBe('1,000.00 0.00 0.00 0.00 1,000.00');
    for (const l of out) expect(l.length).toBeLessThanOrEqual(100);
  });
});

describe('a study naming no state', () => {
  const plain = () => {
    const s = withStates();
    s.Employees = [EMPLOYEES, ['Di', 'Software Developer', 'US', '40000', '0.5']];
    s.Contractors = [s.Contractors[0]!];
    return s;
  };
  it('text: no state section', () => {
    const r = rdtax(['compute', study('plain', plain())]);
    expect(r.stdout).not.toContain('State research credits');
  });
  it('--json: `states` with empty lists, every QRE in noState (20,000 + 1,000)', () => {
    const s = json(rdtax(['compute', study('plain-json', plain()), '--json'])).files[0].states;
    expect(s.byState).toEqual([]);
    expect(s.credits).toEqual([]);
    expect(s.noState.total.amount).toBe(21000);
  });
});
