/**
 * `rdtax compute` end to end on studies whose every Form 6765 line is worked by hand below: the
 * text report, --json's `form6765` and --csv, run as a user runs them (a child process through the
 * real launcher). The studies are folders of .csv sheets written here, so each number in a row
 * name is visible next to the study that produces it.
 *
 * The 2026 study (About: fixed-base 3%, average gross receipts 10,000,000, gross receipts
 * 12,000,000 — not a qualified small business; no §280C(c)(2) election; no Credit Method):
 *   Employees  Ann 600,000 × 100% (Alpha, officer) + Ben 500,000 × 100% (Beta)
 *              + Cat 300,000 × 90% → 100% (80% rule, §41(b)(2)(B); Alpha, direct supervision)
 *              + Dev 200,000 × 70% = 140,000 (Gamma, direct support)        line 42 = 1,540,000
 *   Supplies   lab devices 60,000 (Alpha)                                    line 43 =    60,000
 *   Cloud      training 100,000 (Beta)                                       line 44 =   100,000
 *   Contract   200,000 × 65% = 130,000 (Gamma, §41(b)(3)(A))                 line 45 =   130,000
 *                                                                           line 48 = 1,830,000
 *   Regular    8 = 3% × 10,000,000 = 300,000; 9 = 1,830,000 − 300,000 = 1,530,000;
 *              10 = 50% × 1,830,000 = 915,000; 11 = 915,000; 13 = 20% × 915,000 = 183,000
 *   ASC        21 = 1,500,000 + 1,200,000 + 900,000 = 3,600,000; 22 = ÷ 6 = 600,000;
 *              23 = 1,830,000 − 600,000 = 1,230,000; 24 = 14% × 1,230,000 = 172,200
 *   Line 28    the larger: regular 183,000 > ASC 172,200
 *   Section G  Alpha 600,000 + 300,000 + 60,000 = 960,000; Beta 500,000 + 100,000 = 600,000;
 *              Gamma 140,000 + 130,000 = 270,000. Listed to ≥ 80% of 1,830,000: Alpha (52.5%),
 *              Beta (85.2%) → 2 listed; required (2026, no payroll election, 1,830,000 > 1,500,000)
 *   §280C(c)(1) the §174A domestic deduction is reduced by the credit claimed, 183,000
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FORM_6765_LINES } from '@core/form6765';
import { parseCsv } from '../src/csv';
import { expectNoStackTrace, json, rdtax, type Run } from './helpers';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-form6765-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const ABOUT: Readonly<Record<string, string>> = {
  'Tax Year': '2026',
  'Fixed-Base %': '0.03',
  'Avg Gross Receipts': '10000000',
  'Gross Receipts': '12000000',
  'First Receipts Year': '2010',
  'Prior Payroll Elections': '0',
  '280C Election': 'No',
  '174 Method': 'auto',
  'Controlled Group': 'No',
  'Acquisition or Disposition': 'No',
  'New QRE Categories': 'No',
  'ASC 730 Directive': 'No',
  'Payroll Election': '',
  'Credit Method': '',
};

const csvLine = (fields: readonly string[]) =>
  fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');

interface Variant {
  readonly about?: Readonly<Record<string, string>>;
  /** The name of component Beta, everywhere it is used. */
  readonly beta?: string;
  /** Drop the Employees column of this header. */
  readonly dropEmployeeColumn?: string;
  /** Dev Shah's Business Component (Gamma). */
  readonly devComponent?: string;
}

/** The 2026 study as a folder of .csv sheets. */
function study(name: string, v: Variant = {}): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  const beta = v.beta ?? 'Beta';
  const about = { ...ABOUT, ...v.about };
  let employees = [
    ['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %', 'Business Component', 'Qualified Service', 'Officer'],
    ['Ann Lee', 'Software Developer', 'US', '600000', '1', 'Alpha', '', 'Yes'],
    ['Ben Ode', 'Software Developer', 'US', '500000', '1', beta, '', 'No'],
    ['Cat Ruiz', 'Software Developer', 'US', '300000', '0.9', 'Alpha', 'Direct supervision', 'No'],
    ['Dev Shah', 'QA Engineer', 'US', '200000', '0.7', v.devComponent ?? 'Gamma', 'Direct support', 'No'],
  ];
  if (v.dropEmployeeColumn) {
    const i = employees[0]!.indexOf(v.dropEmployeeColumn);
    employees = employees.map((r) => r.filter((_c, j) => j !== i));
  }
  const sheets: Record<string, string[][]> = {
    About: [Object.keys(about), Object.values(about)],
    Employees: employees,
    Supplies: [
      ['Description', 'Category', 'Environment', 'Amount', 'R&D %', 'Business Component'],
      ['Lab devices', 'Supply', '', '60000', '1', 'Alpha'],
      ['Training cluster', 'Cloud', 'training', '100000', '1', beta],
    ],
    Contractors: [
      [
        'Vendor',
        'Location',
        'Amount Paid',
        'R&D %',
        'Contract Type',
        'Rights Retained',
        'Financial Risk',
        'Business Component',
      ],
      ['Acme Labs LLC', 'US', '200000', '1', 'standard', 'Yes', 'Yes', 'Gamma'],
    ],
    Components: [
      [
        'Business Component',
        'Type',
        'Permitted Purpose',
        'Technical Uncertainty',
        'Process of Experimentation',
        'Technological in Nature',
        'Internal-Use Software',
        'Software Type',
        'Information Sought',
      ],
      [
        'Alpha',
        'Product',
        'A sensor that reads glucose through skin',
        'Whether optical readings can be calibrated per user',
        'Built and tested five calibration models',
        'Relies on physics and statistics',
        'No',
        '',
        'Whether per-user calibration reaches 5% error',
      ],
      [
        beta,
        'Computer software',
        'A ledger that settles in 50 ms',
        'Whether a lock-free design keeps exactly-once settlement',
        'Built and load-tested three designs',
        'Relies on computer science',
        'No',
        'Non-internal use',
        'Whether lock-free settlement is exactly-once at 50 ms, "p99"',
      ],
      [
        'Gamma',
        'Process',
        'A faster board assembly line',
        'Whether reflow at lower heat holds joints',
        'Ran designed experiments on reflow profiles',
        'Relies on materials science',
        'No',
        '',
        'Whether lower-heat reflow keeps joint strength',
      ],
    ],
    'Prior Years': [
      ['Tax Year', 'QRE', 'Gross Receipts'],
      ['2025', '1500000', '11000000'],
      ['2024', '1200000', '10000000'],
      ['2023', '900000', '9000000'],
    ],
  };
  for (const [sheet, rows] of Object.entries(sheets))
    fs.writeFileSync(path.join(dir, `${sheet}.csv`), `${rows.map(csvLine).join('\r\n')}\r\n`);
  return dir;
}

/** The printed row of a line: "  <n>  <label…>  <value>". */
const row = (out: string, line: string) => out.split('\n').find((r) => r.startsWith(`  ${line.padEnd(4)}  `)) ?? '';
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('the 2026 study: text', () => {
  let r: Run;
  beforeAll(() => {
    r = rdtax(['compute', study('text')]);
  });

  it('exit 0; no stack trace; no line wider than 100 columns', () => {
    expect(r.code).toBe(0);
    expectNoStackTrace(r);
    expect(r.stdout.split('\n').filter((l) => [...l].length > 100)).toEqual([]);
  });

  it('every section in order, once', () => {
    const at = [
      'Items A and B',
      'Section A —',
      'Section B —',
      'Section C —',
      'Section D —',
      'Section E —',
      'Section F —',
      'Section G —',
    ].map((t) => r.stdout.indexOf(`\n${t}`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it.each([
    ['Item A: no §280C(c)(2) election', 'A', 'No'],
    ['line 6: fixed-base 3.00%', '6', '3.00%'],
    ['line 8: 3% × 10,000,000 = 300,000', '8', '300,000.00'],
    ['line 9: 1,830,000 − 300,000 = 1,530,000', '9', '1,530,000.00'],
    ['line 10: 50% × 1,830,000 = 915,000', '10', '915,000.00'],
    ['line 13: 20% × 915,000 = 183,000', '13', '183,000.00'],
    ['line 21: 1,500,000 + 1,200,000 + 900,000 = 3,600,000', '21', '3,600,000.00'],
    ['line 22: 3,600,000 ÷ 6 = 600,000', '22', '600,000.00'],
    ['line 24: 14% × 1,230,000 = 172,200', '24', '172,200.00'],
    ['line 28: the larger credit, 183,000', '28', '183,000.00'],
    ['line 34: no payroll election, skipped', '34', 'skipped'],
    ['line 37: 3 business components', '37', '3'],
    ["line 38: the officer's wages, 600,000", '38', '600,000.00'],
    ['line 42: 600,000 + 500,000 + 300,000 + 140,000 = 1,540,000', '42', '1,540,000.00'],
    ['line 45: 65% × 200,000 = 130,000', '45', '130,000.00'],
    ['line 48: 1,540,000 + 60,000 + 100,000 + 130,000 = 1,830,000', '48', '1,830,000.00'],
  ])('%s', (_n, line, value) => {
    expect(row(r.stdout, line)).toMatch(new RegExp(` ${value.replace(/[.$]/g, '\\$&')}$`));
  });

  it('the inputs of a line: line 8 "3% × 10,000,000.00", line 22 "3,600,000.00 ÷ 6"', () => {
    const lines = r.stdout.split('\n');
    expect(lines[lines.indexOf(row(r.stdout, '8')) + 1]).toContain('3% × 10,000,000.00');
    expect(lines[lines.indexOf(row(r.stdout, '22')) + 1]).toContain('3,600,000.00 ÷ 6');
  });

  it('line 28 says the regular credit is used, and why (larger, no Credit Method)', () => {
    expect(flat(r.stdout)).toMatch(
      /Credit used: the regular credit \(line 13\) — .*183,000\.00.*172,200\.00.*Credit Method/,
    );
  });

  it('Section G: required and why; 2 of 3 listed; Alpha 600,000 + 300,000 = 900,000 wages; Gamma not listed', () => {
    const g = r.stdout.slice(r.stdout.indexOf('\nSection G —'));
    expect(flat(g)).toMatch(/Required: .*2025.*1,830,000\.00.*1,500,000\.00/);
    expect(g).toContain('Listed: 2 of 3 components');
    expect(g).toContain('  1  Alpha — Product (Components!A2); QREs 960,000.00');
    const alpha = g.split('\n');
    const i = alpha.findIndex((l) => l.startsWith('  1  Alpha'));
    expect(alpha[i + 2]?.trim().split(/ +/)).toEqual([
      '600,000.00',
      '300,000.00',
      '0.00',
      '900,000.00',
      '60,000.00',
      '0.00',
      '0.00',
    ]);
    expect(g).toContain('  2  Beta — Computer software — Non-internal use (Components!A3); QREs 600,000.00');
    expect(g).toContain('Not listed: 1 more component with QREs 270,000.00 (Gamma).');
  });

  it('§174: the §280C(c)(1) reduction is its own line (183,000, the credit claimed) with its citation', () => {
    expect(r.stdout).toMatch(/§280C\(c\)\(1\) reduction, domestic +183,000\.00\n/);
    expect(flat(r.stdout)).toContain('(IRC §280C(c)(1) as amended by P.L. 119-21 §70302(b)');
  });

  it('"amounts in dollars and cents", once', () => {
    expect(r.stdout.match(/dollars and cents/gi)).toHaveLength(1);
  });
});

describe('the 2026 study: --json form6765', () => {
  let doc: any;
  let f: any;
  beforeAll(() => {
    doc = json(rdtax(['compute', '--json', study('json')]));
    f = doc.files[0];
  });

  it('revision, tax year, items, method and why', () => {
    expect(f.form6765).toMatchObject({
      revision: '2024-12',
      taxYear: 2026,
      itemA: false,
      itemB: false,
      method: 'regular',
      methodReason: expect.stringContaining('Credit Method'),
    });
  });

  it('lines: exactly 1–48 with 33a/33b (Items A and B are itemA/itemB)', () => {
    const want = FORM_6765_LINES.map((s) => s.line).filter((l) => l !== 'A' && l !== 'B');
    expect(Object.keys(f.form6765.lines).sort()).toEqual([...want].sort());
  });

  it('the worked values, exact numbers (rates as fractions, yes/no as booleans)', () => {
    expect(f.form6765.lines).toMatchObject({
      '1': 0,
      '5': 1830000,
      '6': 0.03,
      '7': 10000000,
      '8': 300000,
      '9': 1530000,
      '10': 915000,
      '11': 915000,
      '12': 915000,
      '13': 183000,
      '20': 1830000,
      '21': 3600000,
      '22': 600000,
      '23': 1230000,
      '24': 172200,
      '26': 172200,
      '28': 183000,
      '32': 183000,
      '33a': false,
      '34': null,
      '37': 3,
      '38': 600000,
      '39': false,
      '42': 1540000,
      '43': 60000,
      '44': 100000,
      '45': 130000,
      '47': 130000,
      '48': 1830000,
    });
  });

  it('every null line has a note in the file’s notes', () => {
    const nulls = Object.entries(f.form6765.lines)
      .filter(([, v]) => v === null)
      .map(([l]) => l);
    expect(nulls.length).toBeGreaterThan(0);
    for (const l of nulls)
      expect([l, f.notes.some((n: string) => new RegExp(`^Form 6765 lines? (.*, )?${l}(,| and |:)`).test(n))]).toEqual([
        l,
        true,
      ]);
  });

  it('sectionG: required; Alpha and Beta listed with lines 49c–56; Gamma in all; nothing unassigned', () => {
    const g = f.form6765.sectionG;
    expect(g.required).toBe(true);
    expect(g.components.map((c: any) => c.name)).toEqual(['Alpha', 'Beta']);
    expect(g.all.map((c: any) => c.name)).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(g.unassigned).toBeNull();
    // (600,000 + 300,000 + 60,000 + 500,000 + 100,000) ÷ 1,830,000 = 1,560,000 ÷ 1,830,000
    expect(g.listedShare).toBeCloseTo(1560000 / 1830000, 4);
    expect(g.components[0].lines).toMatchObject({
      '49c': 'Alpha',
      '49d': 'Product',
      '49f': 'Whether per-user calibration reaches 5% error',
      '50': 600000,
      '51': 300000,
      '52': 0,
      '53': 900000,
      '54': 60000,
      '55': 0,
      '56': 0,
    });
    expect(g.all[2].lines).toMatchObject({ '52': 140000, '53': 140000, '56': 130000 });
  });

  it('sec174: the deduction after the §280C(c)(1) reduction, and the reduction as its own field', () => {
    const d = f.sec174.domestic;
    expect(d.reduction280c.amount).toBe(183000);
    expect(d.deduction.amount).toBe(d.reduction280c.before - 183000);
  });
});

describe('the 2026 study: --csv', () => {
  let r: Run;
  let rows: string[][];
  const amount = (line: string) => rows.find((x) => x[0] === line)?.[2];
  beforeAll(() => {
    r = rdtax(['compute', '--csv', study('csv')]);
    rows = parseCsv(r.stdout);
  });

  it('exit 0; stdout is only the CSV; 1 header + 51 lines + 2 listed components × 13 = 78 rows', () => {
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('line,label,amount,citation\r\n')).toBe(true);
    expect(rows).toHaveLength(78);
    expect(rows.filter((x) => x.length !== 4)).toEqual([]);
  });

  it.each([
    ['Item A', 'A', 'No'],
    ['line 6 as a fraction', '6', '0.03'],
    ['line 13 = 183,000', '13', '183000.00'],
    ['line 22 = 600,000', '22', '600000.00'],
    ['line 28 = 183,000', '28', '183000.00'],
    ['line 34 skipped: empty', '34', ''],
    ['line 48 = 1,830,000', '48', '1830000.00'],
    ['49(c) of component 1', '49c[1]', 'Alpha'],
    ['line 51 of component 1 (Cat, direct supervision)', '51[1]', '300000.00'],
    ['line 53 of component 1 = 600,000 + 300,000', '53[1]', '900000.00'],
    ['line 55 of component 2 (training cloud)', '55[2]', '100000.00'],
  ])('%s', (_n, line, value) => expect(amount(line)).toBe(value));

  it('a text with a comma and quotes reads back whole (49(f) of component 2)', () => {
    expect(amount('49f[2]')).toBe('Whether lock-free settlement is exactly-once at 50 ms, "p99"');
  });

  it('why a line has no amount goes to stderr (line 35: not modelled), never into the CSV', () => {
    expect(r.stderr).toMatch(/Form 6765 line 35: /);
    expect(r.stdout).not.toContain('Not modelled');
  });

  it('-o writes the same bytes; an existing file is not replaced without --force', () => {
    const out = path.join(tmp, 'form.csv');
    const w = rdtax(['compute', '--csv', '-o', out, study('csv-o')]);
    expect(w.code).toBe(0);
    expect(w.stdout).toMatch(/^Wrote .*form\.csv: Form 6765 \(Rev\. December 2024\) for tax year 2026/);
    expect(fs.readFileSync(out, 'utf8')).toBe(r.stdout);
    const again = rdtax(['compute', '--csv', '-o', out, study('csv-o2')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists; choose another name or add --force');
    expect(rdtax(['compute', '--csv', '-o', out, '--force', study('csv-o3')]).code).toBe(0);
  });
});

describe('variants of the study', () => {
  it('Credit Method ASC: line 28 = line 26 = 172,200 although the regular credit is larger, and says why', () => {
    const f = json(rdtax(['compute', '--json', study('asc', { about: { 'Credit Method': 'ASC' } })])).files[0];
    expect(f.form6765.method).toBe('asc');
    expect(f.form6765.lines['28']).toBe(172200);
    expect(f.form6765.methodReason).toMatch(/Credit Method.*ASC/);
  });

  it('--tax-year 2025: Section G optional; a preceding year (2022) has no QREs, so 22–23 are skipped and line 24 = 6% × 1,830,000 = 109,800', () => {
    const r = rdtax(['compute', '--tax-year', '2025', study('y2025')]);
    expect(row(r.stdout, '22')).toMatch(/ skipped$/);
    expect(row(r.stdout, '23')).toMatch(/ skipped$/);
    expect(row(r.stdout, '24')).toMatch(/ 109,800\.00$/);
    const g = flat(r.stdout.slice(r.stdout.indexOf('\nSection G —')));
    expect(g).toMatch(/^ Section G — Business Component Information (Optional|Not required|Required: no)/);
    expect(g).toMatch(/computed anyway/i);
  });

  it('a payroll election by a qualified small business (receipts 4,000,000, first in 2023): 33a Yes, line 34 = 183,000, Section G not required', () => {
    const f = json(
      rdtax([
        'compute',
        '--json',
        study('qsb', {
          about: { 'Gross Receipts': '4000000', 'First Receipts Year': '2023', 'Payroll Election': 'Yes' },
        }),
      ]),
    ).files[0];
    expect(f.form6765.lines['33a']).toBe(true);
    expect(f.form6765.lines['34']).toBe(183000);
    expect(f.form6765.sectionG.required).toBe(false);
    expect(f.form6765.sectionG.reason).toMatch(/payroll/);
  });

  it('the Location column deleted: lines 42 and 48 and both credits are null (never 0.00), with the reason; exit 1', () => {
    const dir = study('no-location', { dropEmployeeColumn: 'Location' });
    const r = rdtax(['compute', dir]);
    expect(r.code).toBe(1);
    for (const line of ['42', '48', '13', '26', '28']) expect(row(r.stdout, line)).toMatch(/ not computed$/);
    const lines = r.stdout.split('\n');
    expect(
      flat(
        lines
          .slice(lines.indexOf(row(r.stdout, '42')) + 1)
          .slice(0, 3)
          .join(' '),
      ),
    ).toMatch(/^ not computed: .*Location/);
    const f = json(rdtax(['compute', '--json', dir])).files[0];
    expect(f.form6765.lines['42']).toBeNull();
    expect(f.form6765.lines['48']).toBeNull();
    expect(f.notes.some((n: string) => /^Form 6765 lines? (.*, )?42\b/.test(n))).toBe(true);
    const csv = parseCsv(rdtax(['compute', '--csv', dir]).stdout);
    expect(csv.find((x) => x[0] === '42')?.[2]).toBe('');
  });

  it('Dev Shah names no component: 200,000 × 70% = 140,000 of direct support wages are unassigned, shown, and not in the CSV', () => {
    const dir = study('unassigned', { devComponent: '' });
    const r = rdtax(['compute', dir]);
    expect(flat(r.stdout)).toContain(
      'Unassigned QREs (rows naming no business component; component/unassigned-qre): 140,000.00.',
    );
    const g = json(rdtax(['compute', '--json', dir])).files[0].form6765.sectionG;
    expect(g.unassigned).toMatchObject({ qre: 140000, lines: { '52': 140000, '53': 140000 } });
    // Gamma keeps only the contract research: 130,000
    expect(g.all.map((c: any) => [c.name, c.qre])).toEqual([
      ['Alpha', 960000],
      ['Beta', 600000],
      ['Gamma', 130000],
    ]);
    const csv = parseCsv(rdtax(['compute', '--csv', dir]).stdout);
    expect(csv.filter((x) => x[2] === 'Unassigned')).toEqual([]);
  });

  it('a component named =HYPERLINK("http://x","Beta"): the CSV writes it as text (leading apostrophe), quoted', () => {
    const hostile = '=HYPERLINK("http://x","Beta")';
    const r = rdtax(['compute', '--csv', study('hostile', { beta: hostile })]);
    expectNoStackTrace(r);
    expect(r.stdout).toContain('49c[2],Business component name or number,"\'=HYPERLINK(""http://x"",""Beta"")",');
    const rows = parseCsv(r.stdout);
    expect(rows.find((x) => x[0] === '49c[2]')?.[2]).toBe(`'${hostile}`);
    for (const x of rows.slice(1)) expect([x[0], /^[=+@]/.test(x[2] ?? '')]).toEqual([x[0], false]);
  });
});
