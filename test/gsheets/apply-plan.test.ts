/**
 * Start next year's study and Upgrade the template in Google Sheets (issue 14 §1, §2), end to
 * end without a browser: the panel's year actions over the sidebar's host, each google.script.run
 * call a fresh execution of the built Code.js over a fake spreadsheet (harness.ts).
 *
 * The add-on's scope is spreadsheets.currentonly, which cannot create a spreadsheet, so the open
 * spreadsheet is what changes, after "I saved a copy" (File › Make a copy): nothing is written
 * before. Every non-formula cell is kept where its column moved; text stays text; a formula is
 * never written over; a sheet holding cells the panel did not read is not re-laid out.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CellValue } from '@core/cells';
import { planTemplateUpgrade } from '@core/templates/upgrade';
import { createController } from '@panel/controller';
import { createYearActions } from '@panel/year-actions';
import { createSheetsHost } from '../../gsheets/src/sidebar/host';
import { compareKept, studyV3, thisYear, v4, V4_JSON, type Book } from '../panel/year-fixtures';
import { FakeSpreadsheet, type StoredValue } from './fake-spreadsheet';
import { recordingCall, type Reply } from './harness';

function setup(book: Book) {
  const sheets = new FakeSpreadsheet();
  for (const s of book)
    sheets.addSheet(
      s.name,
      s.values.map((r) => r.map((v) => (v === null || v === undefined ? null : (v as StoredValue)))),
    );
  const replies: Reply[] = [];
  const controller = createController(createSheetsHost(recordingCall(sheets, replies) as never));
  return { sheets, replies, controller, year: createYearActions(controller) };
}
const grid = (sheets: FakeSpreadsheet) =>
  sheets.sheets.map((s) => ({ name: s.name, values: s.values.map((r) => r.map((v) => (v === '' ? null : v))) }));
const loadV4 = (c: ReturnType<typeof createController>) =>
  c.loadTemplateFile({ name: 'acme-v4.json', size: V4_JSON.length, text: async () => V4_JSON });

test('the add-on asks only for spreadsheets.currentonly, so it cannot copy the spreadsheet (Spreadsheet.copy needs spreadsheets)', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../gsheets/src/appsscript.json'), 'utf8')) as {
    oauthScopes: string[];
  };
  expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
  expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/spreadsheets');
});

test('Start next year’s study: nothing written before “I saved a copy”; then About 2026, 2025 in Prior Years, the formula in D2 kept', async () => {
  const { sheets, year, replies } = setup(thisYear());
  sheets.sheet('Employees').formulas.set('D2', '=150000+35000');
  const before = sheets.snapshot();
  await year.preview('roll');
  expect(year.state.roll.preview).toContain('Tax year 2025 → 2026.');
  await year.confirm('roll');
  expect(sheets.snapshot()).toBe(before);
  year.setSavedCopy(true);
  await year.confirm('roll');
  expect(sheets.sheet('About').get(2, 3)).toBe(2026);
  expect(sheets.sheet('Prior Years').values.map((r) => r[0])).toEqual(expect.arrayContaining([2025, 2024, 2023]));
  expect(sheets.sheet('Employees').formulas.get('D2')).toBe('=150000+35000');
  expect(sheets.sheet('Employees').get(3, 4)).toBe(''); // 172,000 cleared
  expect(year.state.roll.result).toContain('Kept 1 formula cell as they were (Employees!D2)');
  expect(replies.filter((r) => r.name === 'sidebarApplyEdit')).toHaveLength(1);
});

test('Upgrade to version 4: every non-formula cell kept where its column moved, text as text, About version 4, Time Study added', async () => {
  const before = studyV3();
  const { sheets, controller, year } = setup(studyV3());
  await loadV4(controller);
  await controller.validate();
  await year.preview('upgrade');
  year.setSavedCopy(true);
  await year.confirm('upgrade');
  const r = planTemplateUpgrade({ sheets: before }, v4(), { host: 'sheets' });
  if (!r.ok) throw new Error(r.message);
  const moves = new Map(
    r.plan.relayouts.map((l) => [
      l.sheet,
      new Map(l.columns.filter((p) => p.from !== null).map((p) => [p.from!, p.to])),
    ]),
  );
  const skip = (sheet: string, row: number, col: number) =>
    (row === 0 &&
      r.plan.relayouts.some(
        (l) => l.sheet === sheet && l.columns.some((p) => p.from === col && p.how === 'renamed'),
      )) ||
    (sheet === 'About' && row === 1 && col === 1);
  const kept = compareKept(before, grid(sheets) as { name: string; values: CellValue[][] }[], moves, skip);
  expect(kept.differ).toEqual([]);
  expect(kept.compared).toBeGreaterThan(100);
  expect(sheets.sheet('Employees').values[0]?.slice(0, 5)).toEqual([
    'Employee',
    'Role',
    'Project Code',
    'Location',
    'Box 1 Wages',
  ]);
  expect([...sheets.sheet('Employees').formulas]).toEqual([]); // "+ paid in March" is text
  expect(sheets.sheet('About').get(2, 2)).toBe('4');
  expect(sheets.sheets.map((s) => s.name)).toContain('Time Study');
});

test.each<[string, (s: FakeSpreadsheet) => void, string]>([
  [
    'a formula in Employees (E2)',
    (s) => s.sheet('Employees').formulas.set('E2', '=0.5+0.5'),
    'Employees was not re-laid out: E2 holds a formula',
  ],
  [
    'a cell typed in Employees after the preview (Z2)',
    (s) => s.sheet('Employees').set(2, 26, 'typed later'),
    'Employees was not re-laid out: it holds cells the panel did not read (it reaches Z3)',
  ],
])('Upgrade with %s: Employees left as it was, the rest upgraded', async (_n, edit, sentence) => {
  const { sheets, controller, year } = setup(studyV3());
  await loadV4(controller);
  await controller.validate();
  await year.preview('upgrade');
  edit(sheets);
  const employees = JSON.stringify(sheets.sheet('Employees').values);
  year.setSavedCopy(true);
  await year.confirm('upgrade');
  expect(JSON.stringify(sheets.sheet('Employees').values)).toBe(employees);
  expect(year.state.upgrade.result).toContain(sentence);
  expect(sheets.sheet('About').get(2, 2)).toBe('4');
});
