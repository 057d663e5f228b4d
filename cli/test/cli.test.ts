/**
 * The rdtax command end to end, as a child process: exit codes, --json, unusable input,
 * templates written and checked, the example studies, compute, CSV folders, a 200,000-row
 * sheet, and `npx rdtax` from the repository root.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { CATALOGUE } from '@core/catalogue';
import { STUDY_RULE_IDS } from '@core/study';
import { EXAMPLES, expectNoStackTrace, json, rdtax, ROOT, sha256 } from './helpers';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-cli-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const CLEAN = path.join(EXAMPLES, 'clean.xlsx');
const ENCRYPTED = path.join(__dirname, 'fixtures', 'encrypted.xlsx');

describe('rdtax --help, --version and usage errors', () => {
  it('--help lists the commands and every catalogue function, on stdout, exit 0', () => {
    const r = rdtax(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['rdtax check', 'rdtax compute', 'rdtax template']) expect(r.stdout).toContain(cmd);
    for (const f of CATALOGUE) expect(r.stdout).toContain(`${f.name}(`);
  });
  it('--help and compute --help describe the form, --csv and its columns', () => {
    for (const args of [['--help'], ['compute', '--help']]) {
      const r = rdtax(args);
      expect(r.code).toBe(0);
      for (const text of [
        '--csv',
        'line,label,amount,citation',
        '49a[n] … 56[n]',
        'G business components (49–56',
        'which credit line 28 uses and why',
        'Not with --json',
        'form6765',
      ])
        expect(r.stdout).toContain(text);
    }
  });
  it('--version', () => expect(rdtax(['--version'])).toMatchObject({ code: 0, stdout: 'rdtax 0.1.0\n' }));
  it.each([
    ['no command', [], 'Usage:'],
    ['an unknown command', ['chekc', 'x.xlsx'], 'unknown command "chekc"'],
    ['an unknown option', ['check', '--jsn', 'x.xlsx'], 'unknown option --jsn'],
    ['check without files', ['check'], 'check needs at least one file or folder'],
    ['a tax year that is not a year', ['compute', 'x.xlsx', '--tax-year', '25'], '--tax-year 25 is not a year'],
    [
      'an option the command does not take',
      ['check', '--tax-year', '2025', 'x.xlsx'],
      'check does not take --tax-year',
    ],
    ['a host that does not exist', ['template', '--host', 'numbers', '-o', 'x.xlsx'], '--host numbers is not a host'],
    ['a template without -o', ['template'], 'template needs an output file'],
    ['compute -o without --csv', ['compute', 'x.xlsx', '-o', 'f.csv'], 'compute takes -o only with --csv'],
    [
      'compute --csv -o to a file that is not .csv',
      ['compute', 'x.xlsx', '--csv', '-o', 'x.xlsx'],
      'must be a .csv file',
    ],
    [
      'compute --force without -o',
      ['compute', 'x.xlsx', '--csv', '--force'],
      'compute takes --force only with --csv -o',
    ],
    ['check --csv (a compute option)', ['check', '--csv', 'x.xlsx'], 'check does not take --csv'],
    ['template --csv', ['template', '--csv', '-o', 'x.xlsx'], 'template does not take --csv'],
    ['--csv=yes (a flag given a value)', ['compute', '--csv=yes', 'x.xlsx'], '--csv takes no value'],
  ])('%s → exit 2 and a message on stderr', (_n, args, message) => {
    const r = rdtax(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
    expectNoStackTrace(r);
  });
});

describe('rdtax check', () => {
  it('the clean example: exit 0, no findings', () => {
    const r = rdtax(['check', 'templates/examples/clean.xlsx']);
    expect(r).toMatchObject({ code: 0, stdout: 'templates/examples/clean.xlsx: no findings\n', stderr: '' });
  });

  it('--json prints exactly one JSON document with file, findings and summary', () => {
    const r = rdtax(['check', '--json', 'templates/examples/clean.xlsx', 'templates/examples/wages-foreign.xlsx']);
    expect(r.code).toBe(1);
    const doc = json(r);
    expect(doc.files.map((f: { file: string }) => f.file)).toEqual([
      'templates/examples/clean.xlsx',
      'templates/examples/wages-foreign.xlsx',
    ]);
    expect(doc.files[0]).toEqual({
      file: 'templates/examples/clean.xlsx',
      findings: [],
      summary: { errors: 0, warnings: 0, info: 0 },
      waived: [],
    });
    const f = doc.files[1].findings.find((x: { rule: string }) => x.rule === 'wages/foreign');
    expect(Object.keys(f).sort()).toEqual(['cell', 'citation', 'message', 'rule', 'severity', 'sheet']);
    expect(f).toMatchObject({
      severity: 'error',
      sheet: 'Employees',
      cell: 'Employees!C3',
      citation: 'IRC §41(d)(4)(F)',
    });
    // The example's one planted problem, the foreign employee, and nothing else.
    expect(doc.files[1].findings).toHaveLength(1);
    expect(doc.files[1].summary).toEqual({ errors: 1, warnings: 0, info: 0 });
  });

  it('several files: progress on stderr, the worst exit code wins (2 for an unusable file)', () => {
    const r = rdtax(['check', CLEAN, path.join(EXAMPLES, 'wages-role-range.xlsx'), path.join(tmp, 'missing.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^\[1\/3\] .*clean\.xlsx$/m);
    expect(r.stderr).toMatch(/^\[3\/3\] .*missing\.xlsx$/m);
    expect(r.stderr).toContain('missing.xlsx: no such file or folder');
    expect(r.stdout).toContain('3 files: 0 with errors, 1 unusable, 2 without errors');
  });

  it('output piped into a reader that stops early (| head -1): no EPIPE trace', () => {
    const r = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" cli/bin/rdtax.js check templates/examples/*.xlsx | head -1`],
      { cwd: ROOT, encoding: 'utf8', timeout: 60000 },
    );
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).not.toContain('EPIPE');
    expectNoStackTrace({ code: r.status, stdout: r.stdout, stderr: r.stderr });
  });

  it('warnings and info alone exit 0; an error finding exits 1', () => {
    expect(rdtax(['check', path.join(EXAMPLES, 'wages-role-range.xlsx')]).code).toBe(0);
    expect(rdtax(['check', path.join(EXAMPLES, 'contract-rate.xlsx')]).code).toBe(1);
  });
});

describe('rdtax check on unusable input: exit 2, one clear line on stderr, no stack trace, the file untouched', () => {
  const make: Record<string, () => string> = {
    'a missing file': () => path.join(tmp, 'nope.xlsx'),
    'an empty file': () => (fs.writeFileSync(path.join(tmp, 'empty.xlsx'), ''), path.join(tmp, 'empty.xlsx')),
    'a corrupt file (text named .xlsx)': () => (
      fs.writeFileSync(path.join(tmp, 'corrupt.xlsx'), 'this is not a workbook'),
      path.join(tmp, 'corrupt.xlsx')
    ),
    'a truncated workbook': () => (
      fs.writeFileSync(path.join(tmp, 'cut.xlsx'), fs.readFileSync(CLEAN).subarray(0, 5000)),
      path.join(tmp, 'cut.xlsx')
    ),
    'a password-protected workbook': () => ENCRYPTED,
    'a folder with no CSV files': () => (
      fs.mkdirSync(path.join(tmp, 'empty-folder'), { recursive: true }),
      path.join(tmp, 'empty-folder')
    ),
  };
  /** The reason, as the stderr line ("rdtax: <file>: <reason>") and the JSON `error` give it. */
  const REASONS: Record<string, RegExp> = {
    'a missing file': /^no such file or folder$/,
    'an empty file': /^is empty \(0 bytes\)/,
    'a corrupt file (text named .xlsx)': /^is not an \.xlsx workbook/,
    'a truncated workbook': /^could not be read as an \.xlsx workbook/,
    'a password-protected workbook': /^is password-protected \(encrypted\); open it in Excel, remove the password/,
    'a folder with no CSV files': /^is a folder with no \.csv files/,
  };
  it.each(Object.keys(make))('%s', (name) => {
    const file = make[name]();
    const before =
      fs.existsSync(file) && fs.statSync(file).isFile()
        ? { hash: sha256(file), mtime: fs.statSync(file).mtimeMs }
        : undefined;
    for (const args of [
      ['check', file],
      ['check', '--json', file],
      ['compute', file],
      ['compute', '--json', file],
    ]) {
      const r = rdtax(args);
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0].startsWith(`rdtax: ${file}: `)).toBe(true);
      expect(lines[0].slice(`rdtax: ${file}: `.length)).toMatch(REASONS[name]);
      expectNoStackTrace(r);
      // The envelope (json-envelope.test.ts has every outcome): the file's entry is its error.
      if (args[1] === '--json') {
        expect(json(r)).toMatchObject({
          exitCode: 2,
          files: [
            { file, error: { code: expect.stringMatching(/^file\//), message: expect.stringMatching(REASONS[name]) } },
          ],
        });
      }
      if (args[1] !== '--json') expect(r.stdout).toBe('');
    }
    if (before) expect({ hash: sha256(file), mtime: fs.statSync(file).mtimeMs }).toEqual(before);
  });

  it('check and compute never modify a readable study either', () => {
    const before = { hash: sha256(CLEAN), mtime: fs.statSync(CLEAN).mtimeMs };
    rdtax(['check', CLEAN]);
    rdtax(['check', '--json', CLEAN]);
    rdtax(['compute', '--json', CLEAN]);
    expect({ hash: sha256(CLEAN), mtime: fs.statSync(CLEAN).mtimeMs }).toEqual(before);
  });
});

describe('the example studies', () => {
  interface Example {
    file: string;
    rule: string;
    cell: string;
    checkArgs?: string[];
  }
  const index: Example[] = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'index.json'), 'utf8'));
  const planted = index.filter((e) => e.rule !== '');

  it('there is one example per validator rule (all but the validator’s own defect report)', () => {
    expect(planted.map((e) => e.rule).sort()).toEqual(STUDY_RULE_IDS.filter((id) => id !== 'internal/error').sort());
    for (const e of index) expect(fs.existsSync(path.join(EXAMPLES, e.file))).toBe(true);
  });

  it.each(['clean.xlsx', 'clean-csv'])('%s: exit 0 with no findings at all', (file) => {
    const r = rdtax(['check', '--json', path.join('templates', 'examples', file)]);
    expect(r.code).toBe(0);
    expect(json(r).files[0].findings).toEqual([]);
  });

  // One process per group of examples (the same check arguments), then one case per example.
  const results = new Map<string, { findings: { rule: string; cell: string; severity: string }[] }>();
  beforeAll(() => {
    const groups = new Map<string, Example[]>();
    for (const e of planted) {
      const key = JSON.stringify(e.checkArgs ?? []);
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    for (const [key, examples] of groups) {
      const r = rdtax([
        'check',
        '--json',
        ...JSON.parse(key),
        ...examples.map((e) => path.join('templates', 'examples', e.file)),
      ]);
      for (const f of json(r).files) results.set(path.basename(f.file), f);
    }
  });
  it.each(planted.map((e) => [e.file, e] as const))('%s fires its rule at its cell', (_f, e) => {
    const findings = results.get(e.file)!.findings;
    expect(findings.filter((f) => f.rule === e.rule).map((f) => f.cell)).toContain(e.cell);
    // The planted problem is the only thing wrong: nothing else above info.
    expect(findings.filter((f) => f.rule !== e.rule && f.severity !== 'info')).toEqual([]);
  });
});

describe('rdtax template → .xlsx → rdtax check', () => {
  it.each([
    ['software', 'excel'],
    ['software', 'sheets'],
    ['ai-ml', 'excel'],
    ['ai-ml', 'sheets'],
  ])('--profile %s --host %s: a workbook that checks with no errors or warnings', (profile, host) => {
    const out = path.join(tmp, `${profile}-${host}.xlsx`);
    const w = rdtax(['template', '--profile', profile, '--host', host, '-o', out]);
    expect(w.code).toBe(0);
    expect(w.stdout).toContain(`template ${profile} version 1 (${profile} profile, tax year 2025)`);
    const r = rdtax(['check', '--json', out]);
    expect(r.code).toBe(0);
    expect(json(r).files[0].findings.filter((f: { severity: string }) => f.severity !== 'info')).toEqual([]);
  });

  it('the Excel workbook carries RDTAX. formulas (array formulas where needed), the Sheets one bare names', async () => {
    const formulas = async (file: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.getWorksheet('Summary')!;
      return [2, 3].map((r) => ws.getCell(`C${r}`).value as { formula: string; shareType?: string });
    };
    const [excelWages, excelSupplies] = await formulas(path.join(tmp, 'software-excel.xlsx'));
    const [sheetsWages] = await formulas(path.join(tmp, 'software-sheets.xlsx'));
    // Line 42 passes only the wages of research in the US (§41(d)(4)(F)): an array formula.
    const usOnly = 'RD_WAGE_QRE(IF(RD_IN_US(Employees!C2:C1000), ';
    expect(excelWages.formula.startsWith(`RDTAX.${usOnly.replace('RD_IN_US', 'RDTAX.RD_IN_US')}`)).toBe(true);
    expect(excelWages).toMatchObject({ shareType: 'array' });
    expect(excelSupplies).toMatchObject({ shareType: 'array' });
    expect(sheetsWages.formula.startsWith(`ARRAYFORMULA(${usOnly}`)).toBe(true);
  });

  it('a firm template: its role table and overrides apply, its version is recorded, another version drifts', () => {
    const firm = JSON.parse(fs.readFileSync(path.join(ROOT, 'templates', 'software.json'), 'utf8'));
    Object.assign(firm, {
      id: 'acme',
      version: '3',
      firm: 'Acme CPAs',
      roles: [{ role: 'Engineer', low: 0.5, high: 1 }],
      severityOverrides: { 'prior-years/six-percent': 'off' },
    });
    const v3 = path.join(tmp, 'acme-v3.json');
    fs.writeFileSync(v3, JSON.stringify(firm));
    const out = path.join(tmp, 'acme.xlsx');
    expect(rdtax(['template', '--template', v3, '-o', out]).code).toBe(0);
    // Checked against the same template: the six-percent infos are switched off, nothing else.
    expect(json(rdtax(['check', '--json', '--template', v3, out])).files[0].findings).toEqual([]);
    const v4 = path.join(tmp, 'acme-v4.json');
    fs.writeFileSync(v4, JSON.stringify({ ...firm, version: '4' }));
    const drift = json(rdtax(['check', '--json', '--template', v4, out])).files[0].findings;
    expect(drift).toEqual([expect.objectContaining({ rule: 'template/version-drift', cell: 'About!B2' })]);
  });

  it('an invalid firm template: exit 2 with every located problem', () => {
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(
      bad,
      JSON.stringify({
        ...JSON.parse(fs.readFileSync(path.join(ROOT, 'templates', 'software.json'), 'utf8')),
        roles: [{ role: 'Dev', low: 80, high: 1 }],
        profile: 'saas',
      }),
    );
    const r = rdtax(['template', '--template', bad, '-o', path.join(tmp, 'never.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('roles[0].low: 80 is not a fraction between 0 and 1 (80% is 0.8)');
    expect(r.stderr).toContain('profile: "saas" is not a profile');
    expect(fs.existsSync(path.join(tmp, 'never.xlsx'))).toBe(false);
    expectNoStackTrace(r);
  });

  it('does not replace an existing file without --force', () => {
    const out = path.join(tmp, 'keep.xlsx');
    fs.writeFileSync(out, 'precious');
    const r = rdtax(['template', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already exists; choose another name or add --force');
    expect(fs.readFileSync(out, 'utf8')).toBe('precious');
    expect(rdtax(['template', '-o', out, '--force']).code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('rdtax compute', () => {
  it('the clean example as Form 6765, section by section: lines 42–48, both credits, line 28, §174A after §280C(c)(1), payroll', () => {
    const r = rdtax(['compute', 'templates/examples/clean.xlsx']);
    expect(r.code).toBe(0);
    for (const text of [
      /\n {2}42 +Total wages for qualified services \(less work opportunity credit wages\) +679,500\.00\n/,
      /\n {2}45 +Applicable amount of qualified contract research \(65%, 75% or 100%\) +95,000\.00\n/,
      // 679,500 + 8,000 + 50,000 + 95,000
      /\n {2}48 +Total qualified research expenses +832,500\.00\n/,
      // 14% × (832,500 − 1,800,000 ÷ 6)
      /\n {2}26 +Alternative simplified credit .* +74,550\.00\n/,
      // 20% × min(832,500 − 3% × 2,500,000, 50% × 832,500)
      /\n {2}13 +Regular credit .* +83,250\.00\n/,
      /\n {2}28 +.* +83,250\.00\n +Credit used: the regular credit \(line 13\)/,
      /§280C\(c\)\(1\) reduction, domestic +83,250\.00/,
      // 1,311,500 before the reduction − 83,250 (the credit claimed, no §280C(c)(2) election)
      /Total deduction +1,228,250\.00/,
      /Available: 83,250\.00 against the regular credit/,
    ]) {
      expect(r.stdout).toMatch(text);
    }
  });

  it('--json: one document with the Section F lines, credits, §174 and payroll', () => {
    const doc = json(rdtax(['compute', '--json', CLEAN])).files[0];
    expect(doc.sectionF.map((l: { line: string; amount: number }) => [l.line, l.amount])).toEqual([
      ['42', 679500],
      ['43', 8000],
      ['44', 50000],
      ['45', 95000],
      ['48', 832500],
    ]);
    expect(doc).toMatchObject({
      taxYear: 2025,
      credits: { asc: { amount: 74550 }, regular: { amount: 83250 } },
      // 1,311,500 − 83,250: the §280C(c)(1) reduction by the credit claimed
      sec174: { total: { amount: 1228250 }, domestic: { reduction280c: { amount: 83250 } } },
      payroll: { amount: 83250 },
      summary: { errors: 0 },
      form6765: {
        revision: '2024-12',
        taxYear: 2025,
        method: 'regular',
        lines: { '13': 83250, '26': 74550, '48': 832500 },
      },
    });
  });

  it('the CSV folder computes the same numbers as the workbook', () => {
    const a = json(rdtax(['compute', '--json', CLEAN])).files[0];
    const b = json(rdtax(['compute', '--json', path.join(EXAMPLES, 'clean-csv')])).files[0];
    expect({ ...b, file: '', taxYearSource: '' }).toEqual({ ...a, file: '', taxYearSource: '' });
  });

  it('a study with error findings still shows its numbers but exits 1 and says so', () => {
    const r = rdtax(['compute', path.join(EXAMPLES, 'wages-foreign.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Employees!C3: research outside the US (India)');
    expect(r.stdout).toContain('The study has errors: fix them before relying on these numbers');
  });

  it('no tax year: exit 2 and what to do; --tax-year supplies it', () => {
    const r = rdtax(['compute', path.join(EXAMPLES, 'about-assumed.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('records no Tax Year');
    expect(r.stderr).toContain('(or pass --tax-year N)');
    const withYear = json(rdtax(['compute', '--json', '--tax-year', '2025', path.join(EXAMPLES, 'about-assumed.xlsx')]))
      .files[0];
    expect(withYear).toMatchObject({ taxYear: 2025, taxYearSource: 'option' });
  });
});

describe('large input', () => {
  it('a 200,000-row Employees sheet is checked without crashing', async () => {
    const file = path.join(tmp, 'big.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const ws = wb.addWorksheet('Employees');
    ws.addRow(['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %', 'Business Component']).commit();
    for (let i = 0; i < 200000; i++)
      ws.addRow([`E${i}`, 'Software Developer', 'US', 100000 + (i % 1000), 1, null]).commit();
    await ws.commit();
    await wb.commit();
    const r = rdtax(['check', '--json', file]);
    expectNoStackTrace(r);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(json(r).files[0].summary.errors).toBe(0);
  });
});

describe('npx rdtax from the repository root', () => {
  it('resolves to this project’s command (node_modules/.bin/rdtax → cli/bin/rdtax.js)', () => {
    const link = path.join(ROOT, 'node_modules', '.bin', 'rdtax');
    expect(fs.realpathSync(link)).toBe(path.join(ROOT, 'cli', 'bin', 'rdtax.js'));
    const r = spawnSync('npx', ['--no-install', 'rdtax', '--version'], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('rdtax 0.1.0\n');
  });
});
