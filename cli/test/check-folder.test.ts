/**
 * `rdtax check folder/`: a folder holding .xlsx studies and no .csv file is that many studies,
 * checked in one run (sorted by name; Excel's ~$ lock files are not studies); a folder with
 * .csv files is still one study, its sheets.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXAMPLES, json, rdtax } from './helpers';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-folder-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string | null>): string {
  const d = path.join(dir, name);
  fs.mkdirSync(d);
  for (const [f, example] of Object.entries(files)) {
    if (example === null) fs.writeFileSync(path.join(d, f), 'not a workbook');
    else fs.copyFileSync(path.join(EXAMPLES, example), path.join(d, f));
  }
  return d;
}

describe('rdtax check on a folder', () => {
  it('of .xlsx studies: each is checked, sorted by name, the lock file left out; the worst exit code wins', () => {
    const d = folder('studies', {
      'b.xlsx': 'wages-foreign.xlsx',
      'a.xlsx': 'clean.xlsx',
      'c.XLSX': 'cell-not-a-number.xlsx',
      '~$a.xlsx': null,
      'notes.txt': null,
    });
    const r = rdtax(['check', d, '--json']);
    expect(r.code).toBe(1); // wages-foreign and cell-not-a-number have an error finding each
    expect(json(r).files.map((f: { file: string }) => path.basename(f.file))).toEqual(['a.xlsx', 'b.xlsx', 'c.XLSX']);
    const text = rdtax(['check', d]);
    expect(text.stdout).toContain('3 files: 2 with errors, 0 unusable, 1 without errors');
    expect(text.stderr).toMatch(/^\[1\/3\] .*a\.xlsx$/m);
  });

  it('of .csv sheets (and an .xlsx beside them): one study, as before', () => {
    const d = folder('csv-study', { 'notes.xlsx': 'clean.xlsx' });
    for (const f of fs.readdirSync(path.join(EXAMPLES, 'clean-csv')))
      fs.copyFileSync(path.join(EXAMPLES, 'clean-csv', f), path.join(d, f));
    const r = rdtax(['check', d, '--json']);
    expect(r.code).toBe(0);
    expect(json(r).files).toHaveLength(1);
  });

  it('with neither: the reason, as before (exit 2)', () => {
    const d = folder('empty', { 'readme.txt': null });
    const r = rdtax(['check', d]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a folder with no .csv files');
  });
});

describe('rdtax check --recursive and rdtax compute on many studies', () => {
  /** firm/ a.xlsx, 2026/b.xlsx, 2026/deep/c.xlsx, csv-study/ (one study of .csv sheets), .hidden/x.xlsx, loop → firm, elsewhere → outside/ (z.xlsx) */
  let tree: string;
  beforeAll(() => {
    tree = folder('firm', { 'a.xlsx': 'clean.xlsx' });
    fs.mkdirSync(path.join(tree, '2026', 'deep'), { recursive: true });
    fs.copyFileSync(path.join(EXAMPLES, 'wages-foreign.xlsx'), path.join(tree, '2026', 'b.xlsx'));
    fs.copyFileSync(path.join(EXAMPLES, 'clean.xlsx'), path.join(tree, '2026', 'deep', 'c.xlsx'));
    fs.mkdirSync(path.join(tree, 'csv-study'));
    for (const f of fs.readdirSync(path.join(EXAMPLES, 'clean-csv')))
      fs.copyFileSync(path.join(EXAMPLES, 'clean-csv', f), path.join(tree, 'csv-study', f));
    fs.mkdirSync(path.join(tree, '.hidden'));
    fs.copyFileSync(path.join(EXAMPLES, 'clean.xlsx'), path.join(tree, '.hidden', 'x.xlsx'));
    fs.symlinkSync(tree, path.join(tree, 'loop'), 'dir'); // a link back to the top: never followed
    const outside = folder('outside', { 'z.xlsx': 'clean.xlsx' });
    fs.symlinkSync(outside, path.join(tree, 'elsewhere'), 'dir'); // a link to a folder of studies: not followed either
  });
  const names = (r: ReturnType<typeof rdtax>) =>
    json(r).files.map((f: { file: string }) => path.relative(tree, f.file).split(path.sep).join('/'));

  it.each([
    ['without --recursive: the top folder’s workbooks only', [], ['a.xlsx'], 0],
    [
      '--recursive: every study below, in name order (2026/ before a.xlsx: digits sort first), the .csv folder as one study, no hidden folder, the link not followed',
      ['--recursive'],
      ['2026/b.xlsx', '2026/deep/c.xlsx', 'a.xlsx', 'csv-study'],
      1, // b.xlsx (wages-foreign) has an error finding: the worst exit code
    ],
    ['-r is --recursive', ['-r'], ['2026/b.xlsx', '2026/deep/c.xlsx', 'a.xlsx', 'csv-study'], 1],
  ])('check: %s', (_n, flags, expected, code) => {
    const r = rdtax(['check', tree, '--json', ...flags]);
    expect(names(r)).toEqual(expected);
    expect(r.code).toBe(code);
  });

  it('a folder whose studies are all in sub-folders, without --recursive: the reason says to add it (exit 2)', () => {
    const only = folder('only-sub', {});
    fs.mkdirSync(path.join(only, 'client-a'));
    fs.copyFileSync(path.join(EXAMPLES, 'clean.xlsx'), path.join(only, 'client-a', 'study.xlsx'));
    const without = rdtax(['check', only]);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('add --recursive to check the studies in its sub-folders');
    expect(rdtax(['check', only, '--recursive']).code).toBe(0);
  });

  it('check --recursive as text: a result line per file, then the total', () => {
    const r = rdtax(['check', tree, '-r', '--quiet']);
    expect(r.stdout).toContain('4 files: 1 with errors, 0 unusable, 3 without errors');
    expect(r.stdout.match(/^.*(a|b|c)\.xlsx: /gm)).toHaveLength(3);
  });

  it('compute DIR --recursive: one section per study, then the total; exit code the worst', () => {
    const r = rdtax(['compute', tree, '-r']);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/— tax year beginning in /g)).toHaveLength(4);
    expect(r.stdout).toContain('4 files: 3 computed from a study without errors, 1 with error findings, 0 unusable');
  });

  it('compute a.xlsx b.xlsx --json: one entry per file, in the order given', () => {
    const a = path.join(tree, 'a.xlsx');
    const b = path.join(tree, '2026', 'b.xlsx');
    const r = rdtax(['compute', b, a, '--json']);
    expect(json(r).files.map((f: { file: string }) => f.file)).toEqual([b, a]);
    expect(json(r).files.every((f: { form6765?: unknown }) => f.form6765 !== undefined)).toBe(true);
  });

  it('compute --csv on a folder of many studies: a usage error, nothing written', () => {
    const r = rdtax(['compute', tree, '-r', '--csv']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('holds 4 studies; give one file');
  });
});
