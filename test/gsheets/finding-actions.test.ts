/**
 * Fix, Undo and Waive in Google Sheets (issue 13 §2), end to end without a browser: the panel's
 * controller over the sidebar's host, each google.script.run call a fresh execution of the
 * built Code.js over a fake spreadsheet (harness.ts). A fix writes exactly one cell (everything
 * else the user could see is compared), a waiver is a text-only Waivers row that survives
 * reopening and lapses when the cell changes.
 */
import { createController } from '@panel/controller';
import { createSheetsHost } from '../../gsheets/src/sidebar/host';
import type { FakeSpreadsheet } from './fake-spreadsheet';
import { recordingCall, type Reply } from './harness';
import { studyBook } from './study';

const controller = (book: FakeSpreadsheet) =>
  createController(createSheetsHost(recordingCall(book, [] as Reply[]) as never), {
    now: () => new Date('2026-12-03T09:00:00Z'),
  });

test('Fix sets Contractors!I2 to 65,000 (100,000 × 100% × 65%) and nothing else; Undo puts back 70,000', async () => {
  const book = studyBook();
  const before = book.snapshot();
  const c = controller(book);
  await c.validate();
  const f = c.state.findings.find((x) => x.rule === 'contract/rate' && x.cell === 'Contractors!I2')!;
  expect(f.fix).toEqual({ value: 65000 });
  await c.fix(f);
  expect(book.sheet('Contractors').get(2, 9)).toBe(65000);
  type Snapshot = { sheets: { name: string; values: unknown[][] }[] };
  const after = JSON.parse(book.snapshot()) as Snapshot;
  const expected = JSON.parse(before) as Snapshot;
  expected.sheets.find((s) => s.name === 'Contractors')!.values[1]![8] = 65000;
  expect(after).toEqual(expected);
  expect(c.state.findings.some((x) => x.rule === 'contract/rate')).toBe(false);
  expect(c.state.act?.text).toBe('Set Contractors!I2 to 65000 (it held 70000); nothing else was changed.');
  await c.undo();
  expect(book.snapshot()).toBe(before);
});

test.each<[string, (b: FakeSpreadsheet) => void, string]>([
  [
    'the cell changed since Validate (70,000 → 71,000)',
    (b) => b.sheet('Contractors').set(2, 9, 71000),
    'Contractors!I2 now holds 71000, not 70000, so it was not changed',
  ],
  [
    'the cell now holds a formula',
    (b) => b.sheet('Contractors').formulas.set('I2', '=C2*0.7'),
    'Contractors!I2 holds a formula, so it was not changed',
  ],
])('Fix is refused when %s, and nothing is written', async (_name, edit, sentence) => {
  const book = studyBook();
  const c = controller(book);
  await c.validate();
  const f = c.state.findings.find((x) => x.rule === 'contract/rate')!;
  edit(book);
  const before = book.snapshot();
  await c.fix(f);
  expect(book.snapshot()).toBe(before);
  expect(c.state.act?.failed).toBe(true);
  expect(c.state.act?.text).toContain(sentence);
});

test('waive → reopen → still waived → the cell edited → waiver/lapsed and the finding back', async () => {
  const book = studyBook();
  const c = controller(book);
  await c.validate();
  const f = c.state.findings.find((x) => x.rule === 'wages/pct-out-of-bounds' && x.cell === 'Employees!E3')!;
  await c.waive(f, '=IMPORTXML("http://x") — typed by a reviewer, kept as text');
  const sheet = book.sheet('Waivers');
  expect(sheet.values).toEqual([
    ['Rule', 'Cell', 'Value', 'Reason', 'Reviewer', 'Date'],
    [
      'wages/pct-out-of-bounds',
      'Employees!E3',
      '1.2',
      '=IMPORTXML("http://x") — typed by a reviewer, kept as text',
      '',
      '2026-12-03',
    ],
  ]);
  expect([...sheet.formulas]).toEqual([]);
  expect(c.state.waived.map((w) => w.cell)).toEqual(['Employees!E3']);

  const reopened = controller(book);
  await reopened.validate();
  expect(reopened.state.waived.map((w) => [w.cell, w.waiver.value])).toEqual([['Employees!E3', '1.2']]);
  expect(reopened.state.findings.some((x) => x.cell === 'Employees!E3')).toBe(false);

  book.sheet('Employees').set(3, 5, 1.3);
  await reopened.validate();
  expect(reopened.state.waived).toEqual([]);
  expect(
    reopened.state.findings.filter((x) => /pct-out-of-bounds|waiver\/lapsed/.test(x.rule)).map((x) => x.cell),
  ).toEqual(['Employees!E3', 'Waivers!C2']);
});

test('Undo after Waive empties the Waivers row (the server checks it still holds what was read)', async () => {
  const book = studyBook();
  const c = controller(book);
  await c.validate();
  await c.waive(
    c.state.findings.find((x) => x.cell === 'Employees!E3')!,
    'records',
  );
  await c.undo();
  expect(book.sheet('Waivers').values[1]).toEqual(['', '', '', '', '', '']);
  expect(c.state.waived).toEqual([]);
  expect(c.state.findings.some((x) => x.cell === 'Employees!E3')).toBe(true);
});
