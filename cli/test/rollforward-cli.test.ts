/**
 * `rdtax rollforward` as a user runs it (issue 14 §1): the input untouched (sha256), next year's
 * study computed by `rdtax compute` with the ASC base and §174 carry-over this year's compute
 * gave, the CSV folder rolled as a folder, and each bad command line one sentence.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXAMPLES, expectNoStackTrace, json, rdtax, sha256 } from './helpers';

const CLEAN = path.join(EXAMPLES, 'clean.xlsx');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-roll-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('rdtax rollforward clean.xlsx -o next.xlsx', () => {
  let before: string;
  let out: string;
  let run: ReturnType<typeof rdtax>;
  beforeAll(() => {
    before = sha256(CLEAN);
    out = path.join(dir, 'study-2026.xlsx');
    run = rdtax(['rollforward', CLEAN, '-o', out]);
  });

  test('writes next year’s study, says what it did, leaves the input byte for byte as it was', () => {
    expect(run.code).toBe(0);
    expect(sha256(CLEAN)).toBe(before);
    expect(run.stdout).toContain('rolled forward from tax year 2025 to 2026');
    // 7 employees × 2 + 2 contractors × 3 + 3 supplies × 2 cells cleared
    expect(run.stdout).toContain('Cleared Employees R&D %: 7 cells.');
    expect(run.stdout).toContain('Prior Years 2025: added');
    expect(run.stdout).toMatch(
      /Prior Years 2022: kept — its gross receipts are among the 4 years .*§41\(c\)\(1\)\(B\)/,
    );
    expectNoStackTrace(run);
  });

  test('rdtax compute on both: 2026’s ASC reads 2025’s line 48; the §174 carry-over is 2022–2024’s 20% each', () => {
    const y2025 = json(rdtax(['compute', CLEAN, '--json'])).files[0];
    const y2026 = json(rdtax(['compute', out, '--json'])).files[0];
    const line48 = y2025.sectionF.find((l: { line: string }) => l.line === '48').amount;
    expect(line48).toBe(832500);
    expect(y2026.taxYear).toBe(2026);
    // ASC (§41(c)(4)(A)): the 3 years before 2026 are 2025 = this year's line 48, 2024, 2023.
    expect(y2026.credits.asc.inputs).toMatchObject({ qre2025: line48, qre2024: 700000, qre2023: 600000 });
    // Form 6765 line 22 = (832,500 + 700,000 + 600,000) ÷ 6 = 355,416.67
    expect(Number(y2026.form6765.lines['22'])).toBeCloseTo(355416.67, 2);
    // §174: 2025's domestic 877,500 was deducted in 2025 (§174A(a)); 2026 = 650,000×20% + 720,000×20% + 800,000×20%
    expect(y2025.sec174.domestic.incurred.amount).toBe(877500);
    expect(y2026.sec174.domestic.priorVintages.amount).toBe(434000);
  });

  test('an existing -o is not replaced without --force; with --force it is', () => {
    const again = rdtax(['rollforward', CLEAN, '-o', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/study-2026\.xlsx already exists; choose another name or add --force to replace it/);
    const forced = rdtax(['rollforward', CLEAN, '-o', out, '--force', '--keep-amounts']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('About Rolled Forward');
    expect(sha256(CLEAN)).toBe(before);
    // The mark is a warning rdtax check shows until a reviewer clears the cell (About has A–AB: AC2).
    const checked = rdtax(['check', out, '--severity', 'warning']);
    expect(checked.stdout).toContain('About!AC2  about/rolled-forward');
  });
});

describe('rdtax rollforward on a folder of CSV sheets', () => {
  test('writes a folder; Prior Years.csv holds 2025 first, text stays text', () => {
    const out = path.join(dir, 'csv-2026');
    const r = rdtax(['rollforward', path.join(EXAMPLES, 'clean-csv'), '-o', out]);
    expect(r.code).toBe(0);
    const prior = fs.readFileSync(path.join(out, 'Prior Years.csv'), 'utf8').split('\r\n');
    expect(prior.slice(0, 3)).toEqual([
      'Tax Year,QRE,Gross Receipts,Domestic R&E,Foreign R&E',
      '2025,832500,4200000,877500,0',
      '2024,700000,3500000,800000',
    ]);
    const c = json(rdtax(['compute', out, '--json'])).files[0];
    expect(c.credits.asc.inputs).toMatchObject({ qre2025: 832500 });
  });
});

describe('rdtax rollforward: bad command lines and inputs, one sentence each (exit 2)', () => {
  test.each([
    ['no study', ['rollforward', '-o', 'x.xlsx'], /rollforward needs the study to roll/],
    ['no -o', ['rollforward', CLEAN], /rollforward needs -o for next year's study/],
    ['two studies', ['rollforward', CLEAN, CLEAN, '-o', 'x.xlsx'], /takes exactly one study/],
    ['a missing file', ['rollforward', 'nope.xlsx', '-o', 'OUT'], /nope\.xlsx: no such file or folder/],
    ['-o not .xlsx', ['rollforward', CLEAN, '-o', 'next.csv'], /-o next\.csv: the output must be an \.xlsx file/],
    [
      '-o is the input',
      ['rollforward', CLEAN, '-o', CLEAN, '--force'],
      /is the input itself; the input is never changed/,
    ],
    [
      'a folder -o that does not exist',
      ['rollforward', CLEAN, '-o', 'no/such/dir/x.xlsx'],
      /the folder no\/such\/dir does not exist/,
    ],
    ['--keep-amounts elsewhere', ['check', CLEAN, '--keep-amounts'], /check does not take --keep-amounts/],
    [
      'a study without a tax year',
      ['rollforward', path.join(EXAMPLES, 'about-assumed.xlsx'), '-o', 'OUT'],
      /records no Tax Year \(About sheet\)/,
    ],
  ])('%s', (_name, args, message) => {
    const a = args.map((x) => (x === 'OUT' ? path.join(dir, `out-${Math.random()}.xlsx`) : x));
    const r = rdtax(a, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expectNoStackTrace(r);
  });
});

describe('rdtax rollforward on a workbook with parts the copy cannot carry', () => {
  test('a chart in the study: next year’s copy is written and says it lacks the chart', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { unzipSync, zipSync } = require('fflate') as typeof import('fflate');
    const parts = unzipSync(fs.readFileSync(CLEAN));
    parts['xl/charts/chart1.xml'] = new TextEncoder().encode('<c:chartSpace/>');
    const withChart = path.join(dir, 'with-chart.xlsx');
    fs.writeFileSync(withChart, zipSync(parts));
    const r = rdtax(['rollforward', withChart, '-o', path.join(dir, 'with-chart-2026.xlsx')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "The copy does not have the workbook's charts (rdtax's .xlsx writer cannot carry them); with-chart.xlsx still has them.",
    );
  });
});
