/**
 * The task pane's first load leaves out what panel/src/lazy.ts and excel-addin/src/names-loader.ts
 * load on demand (issue 13 §1: the pane within 300 KB). A single static import of a lazy module
 * anywhere in the pane pulls it back into taskpane.js, so each row names a sentence only that
 * module contains and checks it is in a chunk file, not in taskpane.js. Reads excel-addin/dist
 * (npm run build); test/gsheets/sidebar-chunks.test.ts is the sidebar's twin.
 */
import * as fs from 'fs';
import * as path from 'path';

const DIST = path.join(__dirname, '..', '..', 'excel-addin', 'dist');
/** The files every build writes; anything else ending in .js is a chunk loaded on demand. */
const ENTRIES = ['functions.js', 'taskpane.js', 'demo.js'];
const read = (f: string) => fs.readFileSync(path.join(DIST, f), 'utf8');
const chunks = () => fs.readdirSync(DIST).filter((f) => f.endsWith('.js') && !ENTRIES.includes(f));

describe('the task pane loads templates and Form 6765 on demand', () => {
  test('the build wrote chunk files next to taskpane.js, named [name].[contenthash].js', () => {
    const names = chunks();
    // templates, compute and the Excel function names (modules two of them share may form
    // numbered chunks of their own)
    for (const part of ['templates', 'compute', 'names'])
      expect({ part, found: names.some((f) => new RegExp(`^${part}\\.[0-9a-f]{8}\\.js$`).test(f)) }).toEqual({
        part,
        found: true,
      });
  });

  test.each([
    // [module, a sentence only it holds, why it is lazy]
    [
      'core/src/templates/parse.ts',
      'characters long, far larger than a firm template',
      'Load firm template (Template tab)',
    ],
    [
      'core/src/yoy/rollforward.ts',
      'The study has no Tax Year on an About sheet to advance.',
      'Start next year’s study (Template tab)',
    ],
    ['core/src/compute/form6765.ts', 'is used because the About sheet', 'the Form 6765 tab'],
    [
      'excel-addin/src/short-names.ts',
      'Each name is a LAMBDA that calls the RDTAX. function',
      'Add short names and the #NAME? re-entry (excel-addin/src/names-loader.ts)',
    ],
  ])('%s ("%s"): not in taskpane.js, in a chunk (needed by %s)', (_module, marker) => {
    expect(read('taskpane.js')).not.toContain(marker);
    expect(chunks().filter((f) => read(f).includes(marker)).length).toBeGreaterThanOrEqual(1);
  });
});
