/**
 * The stale-bundle guard (scripts/dist-stamp.ts, test/dist-guard.ts): which test files it
 * guards, and what it says about a dist/ that no longer matches the sources that built it.
 * The bundles here are a temporary tree, so this file never reads a real one.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { distProblem, writeStamp } from '../scripts/dist-stamp';
import { distsReadBy } from './dist-guard';

describe('which test files read a bundle (they and their helpers in test/ name its dist folder)', () => {
  it.each([
    ['the demo page, through excel-harness', 'browser/demo.test.ts', ['excel-addin']],
    ['the Sheets sidebar in Chromium, through the Apps Script harness', 'browser/sheets-sidebar.test.ts', ['gsheets']],
    ['the CSP test opens pages of both hosts', 'browser/csp.test.ts', ['excel-addin', 'gsheets']],
    ['the Excel functions bundle', 'excel/functions-bundle.test.ts', ['excel-addin']],
    ['the Sheets custom functions, through the harness', 'gsheets/custom-functions.test.ts', ['gsheets']],
    ['the fake Excel host test imports sources only', 'excel/excel-host.test.ts', []],
    ['a core test reads no bundle', '../core/test/qre.test.ts', []],
  ])('%s', (_name, file, hosts) => {
    expect([...distsReadBy(path.join(__dirname, file))].sort()).toEqual(hosts);
  });
});

describe('what the guard says', () => {
  let root: string;
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  const host = 'gsheets';
  const out = path.join(host, 'dist');
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rdcs-dist-stamp-'));
    write('core/a.ts', 'export const a = 1;');
    write('core/b.ts', 'export const b = 2;');
    write(path.join(out, 'Code.js'), 'var a = 1;');
    writeStamp(host, [path.join(root, 'core/a.ts'), path.join(root, 'core/b.ts')], root);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('nothing, right after the build', () => {
    expect(distProblem(host, root)).toBeUndefined();
  });
  it('nothing when a source is rewritten with the same bytes (a checkout, an editor save)', () => {
    write('core/a.ts', 'export const a = 1;');
    expect(distProblem(host, root)).toBeUndefined();
  });
  it('a source edited since the build: older than its sources, naming the file', () => {
    write('core/b.ts', 'export const b = 3;');
    expect(distProblem(host, root)).toMatch(
      /^gsheets\/dist\/ is older than its sources \(core\/b\.ts changed since the build of .*\): run npm run build\.$/,
    );
  });
  it('two sources edited: the first and a count', () => {
    write('core/a.ts', '');
    write('core/b.ts', '');
    expect(distProblem(host, root)).toMatch(/\(core\/a\.ts and 1 more changed since/);
  });
  it('a source deleted since the build counts as changed', () => {
    fs.rmSync(path.join(root, 'core/a.ts'));
    expect(distProblem(host, root)).toMatch(/\(core\/a\.ts changed since/);
  });
  it('a bundle file changed after the build (another build, a hand edit)', () => {
    write(path.join(out, 'Code.js'), 'var a = 2;');
    // Spelled with ${host} so the guard does not take this file for a reader of the real bundle.
    expect(distProblem(host, root)).toBe(
      `${host}/dist/ is not what the last build wrote (${host}/dist/Code.js differs): run npm run build.`,
    );
  });
  it('no stamp (never built here, or the last build failed)', () => {
    fs.rmSync(path.join(root, '.tmp'), { recursive: true });
    expect(distProblem(host, root)).toMatch(/^gsheets\/dist\/ has no build stamp .*; run npm run build\.$/);
  });
  it('only repo sources are stamped: node_modules and dist/ are not', () => {
    write('node_modules/x/index.js', '');
    writeStamp(host, [path.join(root, 'node_modules/x/index.js'), path.join(root, out, 'Code.js')], root);
    const stamp = JSON.parse(fs.readFileSync(path.join(root, '.tmp/build-stamps/gsheets.json'), 'utf8'));
    expect(Object.keys(stamp.sources)).toEqual([]);
  });
});
