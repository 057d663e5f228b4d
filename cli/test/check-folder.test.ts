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
