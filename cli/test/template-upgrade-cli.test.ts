/**
 * `rdtax template upgrade` and the drift report as a user runs them (issue 14 §2): a study made
 * from version 3 of a firm template (written by `rdtax template`), upgraded to version 4 with every
 * data cell kept (read back with exceljs, cell by cell), and `rdtax check --template` /
 * `--template-dir` saying per study which version it was made from and whether it is behind.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BUILTIN_TEMPLATES } from '@core/templates';
import { EXAMPLES, expectNoStackTrace, json, rdtax, sha256 } from './helpers';

const base = BUILTIN_TEMPLATES.software;
const E = base.sheets.find((s) => s.name === 'Employees')!;
const others = base.sheets.filter((s) => s.name !== 'Employees');
const V3 = {
  ...base,
  id: 'acme-software',
  version: 3,
  firm: 'Acme CPAs LLP',
  sheets: [
    {
      name: 'Employees',
      columns: [
        ...E.columns.map((c) => (c.header === 'W-2 Box 1 Wages' ? { ...c, header: 'W-2 Wages' } : c)),
        { header: 'Bonus Notes' },
      ],
    },
    ...others,
  ],
  changelog: { '3': 'Bonus Notes on Employees' },
};
const V4 = {
  ...V3,
  version: 4,
  sheets: [
    {
      name: 'Employees',
      columns: [
        E.columns[0],
        E.columns[1],
        { header: 'Project Code' },
        ...E.columns.slice(2).map((c) => (c.header === 'W-2 Box 1 Wages' ? { ...c, header: 'Box 1 Wages' } : c)),
      ],
    },
    ...others,
    { name: 'Time Study', columns: [{ header: 'Employee' }, { header: 'Week' }, { header: 'Hours' }] },
  ],
  renames: [{ sheet: 'Employees', from: 'W-2 Wages', to: 'Box 1 Wages', since: 4 }],
  changelog: { '3': 'Bonus Notes on Employees', '4': 'Box 1 Wages; Project Code; the Time Study sheet' },
};

let dir: string;
let study: string;
const ROWS = [
  ['Alice Nguyen', 'Software Developer', 'US', 185000, 1, 'Checkout', 'Direct research', 'No', 'paid in March'],
  ['Bob Martinez', 'QA Engineer', 'CA', 120000, 0.7, 'Checkout', null, 'No', '=1+1 typed as text'],
];

async function cellsOf(file: string): Promise<Map<string, unknown>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ExcelJS = require('exceljs') as typeof import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, unknown>();
  wb.eachSheet((ws) =>
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        out.set(`${ws.name}!${r},${c}`, cell.value);
      }),
    ),
  );
  return out;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-upgrade-'));
  fs.mkdirSync(path.join(dir, 'templates'));
  fs.writeFileSync(path.join(dir, 'templates', 'acme-v3.json'), JSON.stringify(V3, null, 2));
  fs.writeFileSync(path.join(dir, 'templates', 'acme-v4.json'), JSON.stringify(V4, null, 2));
  fs.mkdirSync(path.join(dir, 'studies'));
  study = path.join(dir, 'studies', 'client-a.xlsx');
  expect(rdtax(['template', '--template', 'templates/acme-v3.json', '-o', study], dir).code).toBe(0);
  // Data typed into the v3 study.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ExcelJS = require('exceljs') as typeof import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(study);
  const ws = wb.getWorksheet('Employees')!;
  ROWS.forEach((r, i) => r.forEach((v, c) => (ws.getCell(i + 2, c + 1).value = v as never)));
  ws.getCell(3, 12).value = 'a note in column L';
  await wb.xlsx.writeFile(study);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('rdtax template upgrade --template acme-v4.json client-a.xlsx -o client-a-v4.xlsx', () => {
  let run: ReturnType<typeof rdtax>;
  let before: string;
  const out = () => path.join(dir, 'studies', 'client-a-v4.xlsx');
  beforeAll(() => {
    before = sha256(study);
    run = rdtax(['template', 'upgrade', '--template', 'templates/acme-v4.json', study, '-o', out()], dir);
  });

  test('says what changed; the input is unchanged', () => {
    expect(run.code).toBe(0);
    expect(sha256(study)).toBe(before);
    expect(run.stdout).toContain('Template acme-software: version 3 → 4.');
    expect(run.stdout).toContain('Version 4: Box 1 Wages; Project Code; the Time Study sheet');
    expect(run.stdout).toContain('Added column Project Code to Employees (Employees!C1).');
    expect(run.stdout).toContain('Renamed Employees W-2 Wages → Box 1 Wages (Employees!E1), as the template declares.');
    expect(run.stdout).toContain('Kept Employees Bonus Notes at Employees!J1');
    expect(run.stdout).toContain('Added sheet Time Study.');
    expectNoStackTrace(run);
  });

  test('every non-formula cell of the study is in the upgraded one (Employees columns C… moved one right)', async () => {
    const a = await cellsOf(study);
    const b = await cellsOf(out());
    let compared = 0;
    for (const [key, v] of a) {
      const [sheet, rc] = key.split('!');
      if (sheet === 'Summary' || sheet === 'Form 6765') continue; // the template's formulas, replaced
      if (v !== null && typeof v === 'object' && 'formula' in (v as object)) continue;
      const [r, c0] = rc.split(',').map(Number);
      let c = c0;
      if (sheet === 'Employees') {
        if (r === 1 && c === 4) continue; // the renamed header: W-2 Wages → Box 1 Wages
        // v3: A B | C…I (Location … Bonus Notes) | L (a note) → v4: A B | Project Code | D…J | K
        c = c <= 2 ? c : c <= 9 ? c + 1 : 11;
      }
      if (sheet === 'About' && v === '3') continue; // the Version, bumped below
      expect([key, b.get(`${sheet}!${r},${c}`)]).toEqual([key, v]);
      compared++;
    }
    expect(compared).toBeGreaterThan(80);
    expect(b.get('About!2,2')).toBe('4');
    expect(b.get('Employees!1,5')).toBe('Box 1 Wages');
    expect(b.get('Employees!3,10')).toBe('=1+1 typed as text');
  });

  test('rdtax check --template acme-v4.json: the upgraded study is current, the old one behind', () => {
    const r = rdtax(['check', '--template', 'templates/acme-v4.json', study, out(), '--quiet'], dir);
    expect(r.stdout).toContain(
      `template: template acme-software v3 — behind v4: run rdtax template upgrade --template templates/acme-v4.json ${study} -o ${path.join(dir, 'studies', 'client-a-v4.xlsx')}`,
    );
    expect(r.stdout).toContain('template: template acme-software v4 — current');
  });
});

describe('rdtax template upgrade refusals: one sentence each (exit 2)', () => {
  test.each([
    [
      'no --template',
      ['template', 'upgrade', 'STUDY', '-o', 'OUT'],
      /template upgrade needs the new version of the firm template/,
    ],
    [
      'no study',
      ['template', 'upgrade', '--template', 'templates/acme-v4.json', '-o', 'OUT'],
      /template upgrade needs the study to upgrade/,
    ],
    [
      'a missing study',
      ['template', 'upgrade', '--template', 'templates/acme-v4.json', 'missing.xlsx', '-o', 'OUT'],
      /missing\.xlsx: no such file or folder/,
    ],
    [
      'the same version',
      ['template', 'upgrade', '--template', 'templates/acme-v3.json', 'STUDY', '-o', 'OUT'],
      /already at version 3 of "acme-software"; there is nothing to upgrade/,
    ],
    [
      'a template of another id',
      ['template', 'upgrade', '--template', 'OTHER', 'STUDY', '-o', 'OUT'],
      /made from template "acme-software", not "other-firm"/,
    ],
    [
      '-o exists',
      ['template', 'upgrade', '--template', 'templates/acme-v4.json', 'STUDY', '-o', 'STUDY2'],
      /already exists; choose another name or add --force/,
    ],
  ])('%s', (_name, args, message) => {
    fs.writeFileSync(path.join(dir, 'templates', 'other.json.txt'), JSON.stringify({ ...V4, id: 'other-firm' }));
    const sub = (x: string) =>
      x === 'STUDY'
        ? study
        : x === 'STUDY2'
          ? path.join(dir, 'studies', 'client-a-v4.xlsx')
          : x === 'OUT'
            ? path.join(dir, `u-${Math.random()}.xlsx`)
            : x === 'OTHER'
              ? 'templates/other.json.txt'
              : x;
    const r = rdtax(args.map(sub), dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expectNoStackTrace(r);
  });
});

describe('rdtax check --template-dir: each study against its own template, newest by default', () => {
  test.each([
    [
      'newest by default: a v3 study is behind v4',
      [],
      'v3 — behind v4: run rdtax template upgrade --template templates/acme-v4.json',
    ],
    ['--template-version 3: current', ['--template-version', '3'], 'v3 — current'],
    [
      '--template-version 9: not in the folder',
      ['--template-version', '9'],
      'v3 — no template "acme-software" version 9 in templates',
    ],
  ])('%s', (_name, extra, line) => {
    const r = rdtax(['check', '--template-dir', 'templates', study, '--quiet', ...extra], dir);
    expect(r.stdout).toContain(`template: template acme-software ${line}`);
  });
  test('--json carries the drift as files[i].template', () => {
    const doc = json(rdtax(['check', '--template-dir', 'templates', study, '--json'], dir));
    expect(doc.files[0].template).toMatchObject({
      status: 'behind',
      id: 'acme-software',
      version: '3',
      template: { id: 'acme-software', version: '4', file: path.join('templates', 'acme-v4.json') },
    });
  });
  test.each([
    ['a folder that does not exist', ['--template-dir', 'nowhere'], /--template-dir nowhere: no such folder/],
    [
      '--template-version without --template-dir',
      ['--template-version', '3'],
      /--template-version goes with --template-dir/,
    ],
    [
      'both --template and --template-dir',
      ['--template-dir', 'templates', '--template', 'templates/acme-v4.json'],
      /give --template or --template-dir, not both/,
    ],
  ])('%s', (_name, extra, message) => {
    const r = rdtax(['check', study, ...extra], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('rdtax template upgrade on a folder of CSV sheets', () => {
  test('writes a folder: Employees.csv in version 2’s order, values kept; Summary and Form 6765 (formulas) not written', () => {
    const v2 = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'templates', 'software.json'), 'utf8'));
    v2.version = 2;
    v2.sheets.find((s: { name: string }) => s.name === 'Employees').columns.splice(2, 0, { header: 'Project Code' });
    v2.changelog = { '2': 'Project Code on Employees' };
    fs.writeFileSync(path.join(dir, 'templates', 'software-v2.json'), JSON.stringify(v2));
    const out = path.join(dir, 'clean-csv-v2');
    const r = rdtax(
      ['template', 'upgrade', '--template', 'templates/software-v2.json', path.join(EXAMPLES, 'clean-csv'), '-o', out],
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Not written to the CSV folder: Summary, Form 6765');
    const emp = fs.readFileSync(path.join(out, 'Employees.csv'), 'utf8').split('\r\n');
    expect(emp.slice(0, 2)).toEqual([
      'Employee,Role,Project Code,Location,W-2 Box 1 Wages,R&D %,Business Component,Qualified Service,Officer',
      'Alice Nguyen,Software Developer,,US,185000,1,Checkout Engine',
    ]);
    expect(fs.existsSync(path.join(out, 'Summary.csv'))).toBe(false);
    const c = rdtax(['check', out, '--template', 'templates/software-v2.json', '--quiet'], dir);
    expect(c.stdout).toContain('template: template software v2 — current');
  });
});
