/**
 * `rdtax check`'s readable report for reviewers (issue 14 §4): a rule on more than GROUP_AFTER
 * cells of one file is listed once (count, first cells, first message) unless --all;
 * --severity lists the findings at or above a severity (the counts still count all of them);
 * --quiet prints the counts only. The exit code never depends on what is listed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Finding, Severity } from '@core/study/types';
import { countFindings, formatReport, GROUP_AFTER, shownFindings, type ReportOptions } from '../src/check';
import { EXAMPLES, expectNoStackTrace, json, rdtax } from './helpers';

/** n findings of one rule on Employees!E2, E3, … (the validator's 80% note as the example). */
function findings(rule: string, severity: Severity, n: number, firstRow = 2): Finding[] {
  return Array.from({ length: n }, (_, i) => ({
    rule,
    severity,
    sheet: 'Employees',
    cell: `Employees!E${firstRow + i}`,
    message: `message ${rule} ${firstRow + i}`,
    citation: 'IRC §41(b)(2)(B)',
  }));
}

const report = (fs: Finding[], o?: ReportOptions) =>
  formatReport({ file: 'study.xlsx', findings: fs, summary: countFindings(fs) }, o);

/** The rule lines of a report (the entries' first lines), in order. */
const entries = (text: string) =>
  text
    .split('\n')
    .filter((l) => /^ {2}(error|warning|info)/.test(l))
    .map((l) => l.trim().replace(/\s+/g, ' '));

describe('one entry for a rule on many cells', () => {
  test.each<[string, Finding[], ReportOptions, string[]]>([
    [
      `${GROUP_AFTER} cells (the boundary): each listed`,
      findings('wages/substantially-all', 'info', GROUP_AFTER),
      {},
      Array.from({ length: GROUP_AFTER }, (_, i) => `info Employees!E${i + 2} wages/substantially-all`),
    ],
    [
      `${GROUP_AFTER + 1} cells: one entry with the count`,
      findings('wages/substantially-all', 'info', GROUP_AFTER + 1),
      {},
      [`info Employees!E2 wages/substantially-all — ${GROUP_AFTER + 1} cells`],
    ],
    [
      `${GROUP_AFTER + 1} cells with --all: each listed`,
      findings('wages/substantially-all', 'info', GROUP_AFTER + 1),
      { all: true },
      Array.from({ length: GROUP_AFTER + 1 }, (_, i) => `info Employees!E${i + 2} wages/substantially-all`),
    ],
    [
      'an error rule on 2 cells and an info rule on 50,000: the error rows listed, the info rule once, in report order',
      [...findings('contract/rate', 'error', 2), ...findings('wages/substantially-all', 'info', 50_000, 10)],
      {},
      [
        'error Employees!E2 contract/rate',
        'error Employees!E3 contract/rate',
        'info Employees!E10 wages/substantially-all — 50,000 cells',
      ],
    ],
    [
      '--severity warning: the info rule is not listed',
      [...findings('wages/role-range', 'warning', 1), ...findings('wages/substantially-all', 'info', 7, 5)],
      { minSeverity: 'warning' },
      ['warning Employees!E2 wages/role-range'],
    ],
    [
      '--severity error: warnings and info not listed',
      [...findings('contract/rate', 'error', 1), ...findings('wages/role-range', 'warning', 3, 5)],
      { minSeverity: 'error' },
      ['error Employees!E2 contract/rate'],
    ],
    [
      '--severity info is everything',
      [...findings('contract/rate', 'error', 1), ...findings('wages/substantially-all', 'info', 1, 5)],
      { minSeverity: 'info' },
      ['error Employees!E2 contract/rate', 'info Employees!E5 wages/substantially-all'],
    ],
  ])('%s', (_name, fs, o, expected) => {
    expect(entries(report(fs, o))).toEqual(expected);
  });

  it('the folded entry names the first cells, how many more, the first message and its citation', () => {
    const text = report(findings('wages/substantially-all', 'info', 50_000));
    expect(text).toContain(
      'Employees!E2, Employees!E3, Employees!E4, Employees!E5, Employees!E6 and 49,995 more; the first:',
    );
    expect(text).toContain('message wages/substantially-all 2\n           (IRC §41(b)(2)(B))');
    expect(text).not.toContain('message wages/substantially-all 3');
    expect(text).toContain('rdtax check --all lists every finding');
    expect(text.split('\n').length).toBeLessThan(10);
  });

  it('the counts line counts every finding, and says how many are not listed', () => {
    const fs = [...findings('wages/role-range', 'warning', 1), ...findings('wages/substantially-all', 'info', 7, 5)];
    expect(report(fs, { minSeverity: 'warning' }).split('\n')[0]).toBe(
      'study.xlsx: 0 errors, 1 warning, 7 info (7 below warning not listed)',
    );
    expect(report(fs, { quiet: true })).toBe('study.xlsx: 0 errors, 1 warning, 7 info\n');
    expect(shownFindings(fs, { minSeverity: 'warning' })).toHaveLength(1);
  });
});

describe('the options on the command line', () => {
  const clean = path.join(EXAMPLES, 'clean.xlsx');
  const rate = path.join(EXAMPLES, 'contract-rate.xlsx');
  const about = path.join(EXAMPLES, 'about-assumed.xlsx');

  test.each<[string, string[], number, RegExp]>([
    [
      '--severity bogus: a usage error naming the accepted words',
      ['check', clean, '--severity', 'bogus'],
      2,
      /--severity bogus is not a severity; use error, warning or info/,
    ],
    ['--quiet --json: they do not go together', ['check', clean, '--quiet', '--json'], 2, /usage\/conflicting-options/],
    [
      '--quiet --all: they do not go together',
      ['check', clean, '--quiet', '--all'],
      2,
      /--quiet prints the counts only, so it does not go with --all/,
    ],
    ['compute --all: check only', ['compute', clean, '--all'], 2, /compute does not take --all/],
    [
      '--quiet on an error study: the counts, exit 1 all the same',
      ['check', rate, '--quiet'],
      1,
      /^.*contract-rate\.xlsx: 1 error, 0 warnings, 0 info\n$/,
    ],
    [
      '--severity error on an info-only study: nothing listed, exit 0',
      ['check', about, '--severity', 'error'],
      0,
      /0 errors, 0 warnings, 1 info \(1 below error not listed\)\n$/,
    ],
  ])('%s', (_name, args, code, out) => {
    const r = rdtax(args);
    expectNoStackTrace(r);
    expect(r.code).toBe(code);
    expect(r.stdout + r.stderr).toMatch(out);
  });

  it('--json --severity error: only the errors in findings, the summary counts all', () => {
    const r = rdtax(['check', about, '--json', '--severity', 'error']);
    const doc = json(r);
    expect(doc.files[0].findings).toEqual([]);
    expect(doc.files[0].summary).toEqual({ errors: 0, warnings: 0, info: 1 });
  });
});

describe('waivers on the Waivers sheet (issue 13 §2): honoured, counted apart, listed', () => {
  // The clean CSV study with Acme's QRE entered as 100,000 (Contractors!I2): contract/rate, an
  // error (65% × 100,000 = 65,000 under IRC §41(b)(3)(A)), waived at the value "100000".
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-waivers-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const studyWith = (name: string, waivedAt: string) => {
    const folder = path.join(dir, name);
    fs.cpSync(path.join(EXAMPLES, 'clean-csv'), folder, { recursive: true });
    const contractors = path.join(folder, 'Contractors.csv');
    fs.writeFileSync(
      contractors,
      fs
        .readFileSync(contractors, 'utf8')
        .replace(
          'Acme Labs LLC,US,100000,1,standard,Yes,Yes,Checkout Engine,65000',
          'Acme Labs LLC,US,100000,1,standard,Yes,Yes,Checkout Engine,100000',
        ),
    );
    fs.writeFileSync(
      path.join(folder, 'Waivers.csv'),
      `Rule,Cell,Value,Reason,Reviewer,Date\ncontract/rate,Contractors!I2,${waivedAt},Engagement letter: Acme's fee is all qualified (see memo 12),J. Reviewer,2026-11-30\n`,
    );
    return folder;
  };

  it('waived at the value the cell holds: exit 0, the error listed as waived with its reason', () => {
    const r = rdtax(['check', studyWith('held', '100000')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('held: no findings (1 waived by a reviewer)');
    expect(r.stdout).toContain('waived by a reviewer (1; not counted above):');
    expect(r.stdout).toContain(
      "contract/rate — waived (Waivers!A2, J. Reviewer, 2026-11-30)\n           Engagement letter: Acme's fee is all qualified (see memo 12)",
    );
    const doc = json(rdtax(['check', '--json', studyWith('held-json', '100000')]));
    expect(doc.exitCode).toBe(0);
    expect(doc.files[0].findings).toEqual([]);
    expect(doc.files[0].waived).toEqual([
      expect.objectContaining({
        rule: 'contract/rate',
        severity: 'error',
        cell: 'Contractors!I2',
        waiver: expect.objectContaining({
          value: '100000',
          reason: "Engagement letter: Acme's fee is all qualified (see memo 12)",
          at: 'Waivers!A2',
        }),
      }),
    ]);
  });

  it('waived at another value: the error stands (exit 1) with the lapse noted', () => {
    const r = rdtax(['check', '--json', studyWith('changed', '90000')]);
    expect(r.code).toBe(1);
    const rules = json(r).files[0].findings.map((f: { rule: string; cell: string }) => `${f.rule} ${f.cell}`);
    expect(rules).toEqual(['contract/rate Contractors!I2', 'waiver/lapsed Waivers!C2']);
    expect(json(r).files[0].waived).toEqual([]);
  });
});

describe('rdtax check --report: the findings report the panel exports, as a file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-report-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const rate = path.join(EXAMPLES, 'contract-rate.xlsx');
  const clean = path.join(EXAMPLES, 'clean.xlsx');

  test.each<[string, string, RegExp[]]>([
    [
      'report.html: a printable page with the finding, its cell, rule and citation',
      'report.html',
      [
        /<!DOCTYPE html>/,
        /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/,
        /✖ Error<\/td><td class="cell">Contractors!I2<\/td><td class="rule">contract\/rate/,
        /IRC §41\(b\)\(3\)\(A\)/,
        /<h2>.*clean\.xlsx<\/h2>\n<p class="counts">no findings<\/p>/,
      ],
    ],
    [
      'report.csv: one row per finding, the clean study none',
      'report.csv',
      [
        /^file,severity,rule,sheet,cell,message,citation,waived,waiver_reason,waiver_value,waiver_reviewer,waiver_date\r\n.*contract-rate\.xlsx,error,contract\/rate,Contractors,Contractors!I2,"QRE of ""Acme Labs LLC""/,
      ],
    ],
  ])('%s', (_name, name, patterns) => {
    const out = path.join(dir, name);
    const r = rdtax(['check', rate, clean, '--report', out]);
    expect(r.code).toBe(1); // the exit code is check's own
    expect(r.stdout).toContain(`Wrote ${out}: the findings report of 2 files`);
    const text = fs.readFileSync(out, 'utf8');
    for (const p of patterns) expect(text).toMatch(p);
    expect(text).not.toMatch(/<script/i);
  });

  test.each<[string, (out: string) => string[], number, RegExp]>([
    [
      'an existing file is not replaced without --force',
      (out) => ['check', clean, '--report', out],
      2,
      /already exists; choose another name or add --force/,
    ],
    [
      'with --force it is replaced',
      (out) => ['check', clean, '--report', out, '--force'],
      0,
      /Wrote .*: the findings report of 1 file/,
    ],
    [
      'a .pdf is not a report kind',
      () => ['check', clean, '--report', path.join(dir, 'r.pdf')],
      2,
      /name an \.html file \(a printable page\) or a \.csv file/,
    ],
    ['--force alone is not check’s', () => ['check', clean, '--force'], 2, /check takes --force only with --report/],
    [
      'a folder that does not exist',
      () => ['check', clean, '--report', path.join(dir, 'nope', 'r.html')],
      2,
      /--report .*: the folder .* does not exist/,
    ],
  ])('%s', (_name, args, code, message) => {
    const out = path.join(dir, 'existing.html');
    fs.writeFileSync(out, 'keep me');
    const r = rdtax(args(out));
    expectNoStackTrace(r);
    expect(r.code).toBe(code);
    expect(r.stdout + r.stderr).toMatch(message);
    if (code === 2) expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
  });

  it('--json --report: stdout is the one JSON document; the note goes to stderr', () => {
    const out = path.join(dir, 'json.csv');
    const r = rdtax(['check', '--json', rate, '--report', out]);
    expect(json(r).exitCode).toBe(1);
    expect(r.stderr).toContain('Wrote');
    expect(fs.existsSync(out)).toBe(true);
  });
});
