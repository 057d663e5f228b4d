/**
 * The sidebar's server functions and the menu, through the built Code.js in the Apps Script
 * emulation: each google.script.run call is its own execution over one fake spreadsheet that
 * persists between them, and arguments/results cross a JSON wire as they do in Sheets.
 */
import { validateWorkbook } from '@core/study';
import { BUILTIN_TEMPLATES, renderTemplate } from '@core/templates';
import { CATALOGUE } from '@core/catalogue';
import { MARK_LIMITS } from '@core/plans/mark-plan';
import { EXISTING_SHEET_CASES } from '../../core/test/insert-cases';
import {
  NOTE_PREFIX,
  type ClearReport,
  type InsertReport,
  type MarkReport,
  type WireMark,
  type WireWorkbook,
} from '../../gsheets/src/shared/api';
import { reviveWorkbook, wireTemplateSheet } from '../../gsheets/src/shared/wire';
import { FakeSpreadsheet, StoredDate, a1 } from './fake-spreadsheet';
import { execute, scriptRun } from './harness';
import { HTML_CELL, STUDY, studyBook, type Rows } from './study';

const readWorkbook = (book: FakeSpreadsheet) => scriptRun(book, 'sidebarReadWorkbook', []) as WireWorkbook;
const mark = (book: FakeSpreadsheet, marks: WireMark[]) => scriptRun(book, 'sidebarMarkCells', [marks]) as MarkReport;
const clear = (book: FakeSpreadsheet) => scriptRun(book, 'sidebarClearMarks', []) as ClearReport;
const insert = (book: FakeSpreadsheet, sheets: unknown) =>
  scriptRun(book, 'sidebarInsertSheets', [sheets]) as InsertReport;

/** The error a server function throws, as the failure handler would get its message. */
function failure(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the server function to throw');
}

describe('menu and sidebar', () => {
  // Each row: how the script runs for this user (ScriptApp.getInstallationSource), the
  // authorization mode Apps Script runs the trigger in, the trigger, and where the menu goes:
  // Extensions (createAddonMenu) for a published add-on, a top-level menu for a bound script.
  // In AuthMode.NONE the fake throws on anything but the menu, so those rows also prove onOpen
  // touches nothing else then.
  type Source = FakeSpreadsheet['installationSource'];
  type Mode = FakeSpreadsheet['authMode'];
  test.each<[string, Source, Mode, 'onOpen' | 'onInstall', Mode | undefined, 'addon' | 'top']>([
    ['bound script, opened (LIMITED)', 'NONE', 'LIMITED', 'onOpen', 'LIMITED', 'top'],
    ['bound script, onOpen run from the editor (no event)', 'NONE', 'FULL', 'onOpen', undefined, 'top'],
    ['add-on installed, not yet used in this file (NONE)', 'WEB_STORE_ADD_ON', 'NONE', 'onOpen', 'NONE', 'addon'],
    ['add-on used in this file (LIMITED)', 'WEB_STORE_ADD_ON', 'LIMITED', 'onOpen', 'LIMITED', 'addon'],
    [
      'add-on installed by the domain (LIMITED)',
      'APPS_MARKETPLACE_DOMAIN_ADD_ON',
      'LIMITED',
      'onOpen',
      'LIMITED',
      'addon',
    ],
    ['add-on just installed: onInstall calls onOpen (FULL)', 'WEB_STORE_ADD_ON', 'FULL', 'onInstall', 'FULL', 'addon'],
    ['ScriptApp refuses to say: Extensions, which works either way', 'NONE', 'NONE', 'onOpen', 'LIMITED', 'addon'],
  ])('%s → %s menu', (_name, source, mode, trigger, eventMode, place) => {
    const book = new FakeSpreadsheet();
    book.installationSource = source;
    book.authMode = mode;
    execute(book).call(trigger, eventMode === undefined ? undefined : { authMode: { toString: () => eventMode } });
    expect(book.menus).toHaveLength(1);
    expect(book.menus[0]).toMatchObject(
      place === 'addon' ? { title: '(add-on)', addon: true } : { title: 'RD Credit Studio', addon: false },
    );
    expect(book.menus[0].items.map((i) => i.caption)).toEqual(['Validate study…', 'Insert template…']);
    // Menu items can call only public top-level functions.
    book.authMode = 'FULL';
    const exec = execute(book);
    for (const item of book.menus[0].items) {
      expect(typeof exec.global(item.fn)).toBe('function');
      expect(item.fn.endsWith('_')).toBe(false);
    }
  });

  test.each([
    ['showValidateSidebar', 'validate'],
    ['showTemplateSidebar', 'templates'],
  ])('%s shows Sidebar.html titled "RD Credit Studio", starting on %s', (fn, view) => {
    const book = new FakeSpreadsheet();
    execute(book).call(fn);
    expect(book.sidebars).toHaveLength(1);
    expect(book.sidebars[0].title).toBe('RD Credit Studio');
    expect(book.sidebars[0].content).toContain(`data-start-view="${view}"`);
    expect(book.sidebars[0].content).toMatch(/^<!DOCTYPE html>/);
  });
});

describe('sidebarReadWorkbook', () => {
  test('reads each study table with exactly one getValues(), other sheets by their header row only', () => {
    const book = studyBook();
    const wb = readWorkbook(book);
    expect(wb.sheets.map((s) => s.name)).toEqual(Object.keys(STUDY));
    for (const s of book.sheets) expect({ sheet: s.name, reads: s.reads }).toEqual({ sheet: s.name, reads: 1 });
    expect(wb.sheets.find((s) => s.name === 'Notes')!.values).toEqual([['Reviewer notes']]);
    expect(wb.sheets.find((s) => s.name === 'Summary')!.values).toEqual([['Line', 'Description', 'Amount']]);
    expect(wb.sheets.find((s) => s.name === 'Employees')!.values[2]).toEqual([
      'Grace Hopper',
      'QA Engineer',
      'US',
      120000,
      1.2,
      'Search ranking',
      '2019-11-15T00:00:00',
    ]);
    expect(wb.spreadsheetName).toBe(book.name);
  });

  test('dates cross the wire as wall-clock text in the spreadsheet time zone, listed by position, and come back as the same calendar day', () => {
    const wb = readWorkbook(studyBook());
    const employees = wb.sheets.find((s) => s.name === 'Employees')!;
    expect(employees.dates).toEqual([
      [1, 6],
      [2, 6],
    ]);
    expect(employees.values[1][6]).toBe('2021-03-01T00:00:00');
    const revived = reviveWorkbook(wb).sheets.find((s) => s.name === 'Employees')!.values[1][6] as Date;
    expect(Object.prototype.toString.call(revived)).toBe('[object Date]');
    expect([revived.getFullYear(), revived.getMonth() + 1, revived.getDate()]).toEqual([2021, 3, 1]);
  });

  test('a text that only looks like a date is not revived as one', () => {
    const employees = STUDY.Employees.map((r, i) => (i === 3 ? [...r.slice(0, 6), '2021-03-01T00:00:00'] : r));
    const wb = readWorkbook(studyBook({ ...STUDY, Employees: employees }));
    expect(reviveWorkbook(wb).sheets.find((s) => s.name === 'Employees')!.values[3][6]).toBe('2021-03-01T00:00:00');
  });

  test('reading changes nothing in the spreadsheet', () => {
    const book = studyBook();
    const before = book.snapshot();
    readWorkbook(book);
    expect(book.snapshot()).toBe(before);
  });

  test('what it returns is what the validator needs: findings at the known cells', () => {
    const findings = validateWorkbook(reviveWorkbook(readWorkbook(studyBook())));
    const at = findings.map((f) => `${f.rule} ${f.cell}`);
    expect(at).toEqual(
      expect.arrayContaining([
        'wages/pct-out-of-bounds Employees!E3',
        'contract/rate Contractors!I2',
        'supplies/production-cloud Supplies!C3',
      ]),
    );
  });

  test('a cell holding HTML is read as the same text', () => {
    const wb = readWorkbook(studyBook());
    expect(wb.sheets.find((s) => s.name === 'Employees')!.values[3][0]).toBe(HTML_CELL);
  });

  test('a renamed header: read as is, the validator names the missing column, nothing changes', () => {
    const employees = STUDY.Employees.map((r, i) =>
      i === 0 ? r.map((h) => (h === 'W-2 Box 1 Wages' ? 'Salary' : h)) : r,
    );
    const book = studyBook({ ...STUDY, Employees: employees });
    const before = book.snapshot();
    const findings = validateWorkbook(reviveWorkbook(readWorkbook(book)));
    expect(findings.filter((f) => f.rule === 'table/missing-column').map((f) => f.sheet)).toEqual(['Employees']);
    expect(book.snapshot()).toBe(before);
  });

  test('no study tables: each sheet is named, only header rows are read, nothing changes', () => {
    const book = studyBook({
      Sheet1: [
        ['Budget', 'Amount'],
        ['Travel', 1000],
      ],
      Sheet2: [],
    });
    const before = book.snapshot();
    const wb = readWorkbook(book);
    expect(wb.sheets).toEqual([
      { name: 'Sheet1', values: [['Budget', 'Amount']], dates: [] },
      { name: 'Sheet2', values: [], dates: [] },
    ]);
    expect(book.snapshot()).toBe(before);
  });

  test('50,000 employees: one read, the rows that fit in one reply, and where the rest is (paged-read.test.ts reads them)', () => {
    const rows: Rows = [STUDY.Employees[0].slice(0, 6)];
    for (let i = 0; i < 50_000; i++)
      rows.push([`Employee ${i}`, 'Software Developer', 'US', 100000 + i, 0.5, 'Search ranking']);
    const book = studyBook({ Employees: rows });
    const wb = readWorkbook(book);
    expect(book.sheet('Employees').reads).toBe(1);
    const employees = wb.sheets[0];
    expect(employees.values.length).toBeLessThan(50_001);
    expect(employees.values[1][0]).toBe('Employee 0');
    expect(employees.more).toEqual({
      sheetId: book.sheet('Employees').id,
      fromRow: employees.values.length + 1,
      lastRow: 50_001,
      columns: 6,
    });
  });

  test('a table beyond what the sidebar reads at once: a sentence saying so, and nothing read', () => {
    const book = studyBook({ Employees: [STUDY.Employees[0]] });
    book.sheet('Employees').maxRows = 300_000;
    book.sheet('Employees').set(250_000, 9, 'stray');
    const message = failure(() => readWorkbook(book));
    expect(message).toBe(
      'The Employees sheet has 250,000 rows × 9 columns, more than the 2,000,000 cells the sidebar reads at once; delete unused rows and columns, or check the file with the rdtax command.',
    );
    expect(book.sheet('Employees').reads).toBe(0);
  });
});

describe('sidebarSelectCell', () => {
  test.each([
    ['Employees!E3', 'Employees!E3'],
    ["'Prior Years'!B3", 'Prior Years!B3'],
  ])('%s selects that cell on its sheet', (ref, selected) => {
    const book = studyBook();
    scriptRun(book, 'sidebarSelectCell', [ref]);
    expect(book.active).toBe(selected);
  });

  test('a cell on a sheet that no longer exists: a sentence, no selection', () => {
    const book = studyBook();
    expect(failure(() => scriptRun(book, 'sidebarSelectCell', ['Payroll!B2']))).toBe(
      'Payroll!B2 is not a cell of this spreadsheet any more (was its sheet renamed or deleted?); validate again.',
    );
    expect(book.active).toBeUndefined();
  });
});

describe('marks: sidebarMarkCells and sidebarClearMarks', () => {
  const FINDINGS: WireMark[] = [
    {
      cell: 'Employees!E3',
      severity: 'error',
      rule: 'wages/pct-out-of-bounds',
      message: 'R&D % of "Grace Hopper" is 1.2.',
    },
    { cell: 'Employees!E3', severity: 'warning', rule: 'wages/role-range', message: 'Above the typical range.' },
    { cell: 'Employees!E2', severity: 'info', rule: 'wages/substantially-all', message: '90% counts 100%.' },
    { cell: "'Prior Years'!B3", severity: 'warning', rule: 'prior-years/six-percent', message: 'Check 2023.' },
    { cell: 'Payroll!B2', severity: 'error', rule: 'x/y', message: 'On a sheet that is gone.' },
  ];
  /** A study where E3 already carries the user's note and colour. */
  function userBook(): FakeSpreadsheet {
    const book = studyBook();
    book.sheet('Employees').notes.set('E3', 'Checked with HR on 3 March');
    book.sheet('Employees').backgrounds.set('E3', '#00ff00');
    return book;
  }

  test('marks each cell once with a note naming every finding there and a background by the worst severity', () => {
    const book = userBook();
    const report = mark(book, FINDINGS);
    expect(report).toEqual({ marked: 3, notMarked: 1 });
    const emp = book.sheet('Employees');
    expect(emp.notes.get('E3')).toBe(
      `${NOTE_PREFIX} error — R&D % of "Grace Hopper" is 1.2. (wages/pct-out-of-bounds)\n\nwarning — Above the typical range. (wages/role-range)`,
    );
    expect(emp.backgrounds.get('E3')).toBe('#f4cccc');
    expect(emp.backgrounds.get('E2')).toBe('#c9daf8');
    expect(book.sheet('Prior Years').backgrounds.get('B3')).toBe('#fff2cc');
    expect(book.sheet('Prior Years').notes.get('B3')).toMatch(new RegExp(`^${NOTE_PREFIX}`));
  });

  test('marking changes nothing but the marked cells (and the remembered originals)', () => {
    const book = userBook();
    const before = JSON.parse(book.snapshot());
    mark(book, FINDINGS);
    const after = JSON.parse(book.snapshot());
    for (const s of after.sheets) {
      const was = before.sheets.find((x: { name: string }) => x.name === s.name);
      expect({ ...s, notes: [], backgrounds: [] }).toEqual({ ...was, notes: [], backgrounds: [] });
    }
  });

  test('clear restores exactly what was there: notes, backgrounds and the property store', () => {
    const book = userBook();
    const before = book.snapshot();
    mark(book, FINDINGS);
    expect(book.snapshot()).not.toBe(before);
    expect(clear(book)).toEqual({ restored: 3, leftAlone: 0 });
    expect(book.snapshot()).toBe(before);
  });

  test('marking twice, then clearing once, still restores the originals', () => {
    const book = userBook();
    const before = book.snapshot();
    mark(book, FINDINGS);
    mark(book, [
      FINDINGS[1],
      { cell: 'Supplies!C3', severity: 'error', rule: 'supplies/production-cloud', message: 'Production.' },
    ]);
    expect(book.sheet('Employees').notes.get('E3')).toMatch(/wages\/role-range\)$/);
    clear(book);
    expect(book.snapshot()).toBe(before);
  });

  test('what the user changed after marking is theirs: clear leaves it and restores only what is still the mark', () => {
    const book = userBook();
    mark(book, FINDINGS);
    const emp = book.sheet('Employees');
    emp.notes.set('E2', 'Reviewer: confirmed'); // the user rewrote our note on E2
    emp.backgrounds.set('E3', '#ff00ff'); // and recoloured E3
    expect(clear(book)).toEqual({ restored: 1, leftAlone: 2 });
    expect(emp.notes.get('E2')).toBe('Reviewer: confirmed');
    expect(emp.backgrounds.get('E2')).toBeUndefined(); // our colour on E2 was still ours: back to no fill
    expect(emp.backgrounds.get('E3')).toBe('#ff00ff');
    expect(emp.notes.get('E3')).toBe('Checked with HR on 3 March');
    expect(book.properties.size).toBe(0);
  });

  test('clearing with no marks changes nothing', () => {
    const book = userBook();
    const before = book.snapshot();
    expect(clear(book)).toEqual({ restored: 0, leftAlone: 0 });
    expect(book.snapshot()).toBe(before);
  });

  test(`at most ${MARK_LIMITS.sheets} cells per request, within the property store's limits, and all restored`, () => {
    const rows: Rows = [STUDY.Employees[0]];
    for (let i = 0; i < 700; i++) rows.push([`E${i}`, 'Software Developer', 'US', 1000, 1.5, 'X', null]);
    const book = studyBook({ Employees: rows });
    for (let r = 2; r <= 701; r += 3)
      book.sheet('Employees').notes.set(a1(r, 5), `Reviewed by staff member ${r} — see workpaper §41 memo`);
    const before = book.snapshot();
    const marks: WireMark[] = Array.from({ length: 700 }, (_, i) => ({
      cell: `Employees!E${i + 2}`,
      severity: 'error',
      rule: 'wages/pct-out-of-bounds',
      message: `Row ${i + 2} is over 100%.`,
    }));
    expect(mark(book, marks)).toEqual({ marked: MARK_LIMITS.sheets, notMarked: 200 });
    expect(clear(book)).toEqual({ restored: MARK_LIMITS.sheets, leftAlone: 0 });
    expect(book.snapshot()).toBe(before);
  });

  test('originals too large to remember: a sentence, and nothing is marked', () => {
    const rows: Rows = [STUDY.Employees[0]];
    for (let i = 0; i < 300; i++) rows.push([`E${i}`, 'Software Developer', 'US', 1000, 1.5, 'X', null]);
    const book = studyBook({ Employees: rows });
    for (let r = 2; r <= 301; r++) book.sheet('Employees').notes.set(a1(r, 5), 'x'.repeat(2000));
    const before = book.snapshot();
    const marks: WireMark[] = Array.from({ length: 300 }, (_, i) => ({
      cell: `Employees!E${i + 2}`,
      severity: 'error',
      rule: 'r',
      message: 'm',
    }));
    expect(failure(() => mark(book, marks))).toMatch(
      /^The cells to mark carry too much existing note text to remember safely/,
    );
    expect(book.snapshot()).toBe(before);
  });

  test('a mark on a sheet renamed since is still cleared (sheets are remembered by id)', () => {
    const book = userBook();
    const before = JSON.parse(book.snapshot());
    mark(book, FINDINGS);
    book.sheet('Prior Years').name = 'History 2022-2024';
    clear(book);
    const after = JSON.parse(book.snapshot());
    const renamed = after.sheets.find((s: { name: string }) => s.name === 'History 2022-2024');
    const was = before.sheets.find((s: { name: string }) => s.name === 'Prior Years');
    expect({ notes: renamed.notes, backgrounds: renamed.backgrounds }).toEqual({
      notes: was.notes,
      backgrounds: was.backgrounds,
    });
  });
});

describe('sidebarInsertSheets', () => {
  const software = () => renderTemplate(BUILTIN_TEMPLATES.software, 'sheets').map(wireTemplateSheet);

  test('inserts every sheet of the built-in software template, in order, after the existing sheets', () => {
    const book = studyBook({ Sheet1: [] });
    const report = insert(book, software());
    const names = software().map((s) => s.name);
    expect(report).toEqual({ inserted: names, skipped: [] });
    expect(book.sheets.map((s) => s.name)).toEqual(['Sheet1', ...names]);
  });

  test('headers bold and frozen, drop-down lists (a range list for roles, a literal list elsewhere), formats before values', () => {
    const book = studyBook({ Sheet1: [] });
    insert(book, software());
    const emp = book.sheet('Employees');
    expect(emp.values[0]).toEqual([
      'Employee',
      'Role',
      'Location',
      'W-2 Box 1 Wages',
      'R&D %',
      'Business Component',
      'Qualified Service',
      'Officer',
    ]);
    expect(emp.frozenRows).toBe(1);
    expect(emp.boldRows.has(1)).toBe(true);
    const role = emp.validations.find((v) => v.range === 'B2:B1000');
    expect(role).toMatchObject({ kind: 'range', listRange: 'Roles!A2:A200', allowInvalid: true });
    const location = emp.validations.find((v) => v.range === 'C2:C1000');
    expect(location).toMatchObject({ kind: 'list', allowInvalid: true });
    expect(location!.list).toContain('US');
    const contractType = book.sheet('Contractors').validations.find((v) => v.list?.includes('consortium'));
    expect(contractType).toMatchObject({
      kind: 'list',
      allowInvalid: false,
      list: ['standard', 'consortium', 'energy'],
    });
    expect(emp.numberFormats).toContainEqual({ range: 'E2:E1000', format: '0.00%' });
  });

  test('the About sheet records template id and version (the version stays text)', () => {
    const book = studyBook({ Sheet1: [] });
    insert(book, software());
    const about = book.sheet('About');
    const header = about.values[0];
    expect(about.values[1][header.indexOf('Template')]).toBe('software');
    expect(about.values[1][header.indexOf('Version')]).toBe('1');
    const versionCell = `${String.fromCharCode(65 + header.indexOf('Version'))}2`;
    expect(about.numberFormats).toContainEqual({ range: versionCell, format: '@' });
  });

  test('Summary holds formulas in Sheets spelling that call only catalogue functions', () => {
    const book = studyBook({ Sheet1: [] });
    insert(book, software());
    const formulas = [...book.sheet('Summary').formulas.values()];
    // templates/software.json's Summary: lines 42, 43, 44, 45, 48, ASC, Regular and Payroll.
    expect(formulas.length).toBe(8);
    expect(formulas.join('\n')).not.toContain('RDTAX.');
    const called = new Set(
      formulas.flatMap((f) => [...f.matchAll(/\b((?:RD|SEC174)_[A-Z0-9_]+)\(/g)].map((m) => m[1])),
    );
    const catalogue = new Set(CATALOGUE.map((f) => f.name));
    expect([...called].filter((n) => !catalogue.has(n))).toEqual([]);
    expect(called.has('RD_WAGE_QRE')).toBe(true);
    expect(formulas.some((f) => f.startsWith('=ARRAYFORMULA('))).toBe(true);
  });

  test('inserting again skips every sheet and changes nothing', () => {
    const book = studyBook({ Sheet1: [] });
    insert(book, software());
    const before = book.snapshot();
    const again = insert(book, software());
    expect(again).toEqual({ inserted: [], skipped: software().map((s) => s.name) });
    expect(book.snapshot()).toBe(before);
  });

  test('an existing sheet the reader would take for the same table ("employees", "PriorYears") is skipped, not overwritten', () => {
    const book = studyBook({ employees: [['mine']], PriorYears: [['also mine']] });
    const report = insert(book, software());
    expect(report.skipped).toEqual(['Employees', 'Prior Years']);
    expect(book.sheet('employees').values).toEqual([['mine']]);
    expect(book.sheet('PriorYears').values).toEqual([['also mine']]);
  });

  // The same table as core's insert plan and the Excel host's (core/test/insert-cases.ts).
  test.each(EXISTING_SHEET_CASES)(
    'an existing sheet, as core’s insert plan decides: %s',
    (_case, existing, skipped) => {
      const book = studyBook(Object.fromEntries(existing.map((name) => [name, [['mine']]])));
      const names = software().map((s) => s.name);
      const inserted = names.filter((n) => !skipped.includes(n));
      expect(insert(book, software())).toEqual({ inserted, skipped });
      expect(book.sheets.map((s) => s.name)).toEqual([...existing, ...inserted]);
      for (const name of existing) expect(book.sheet(name).values).toEqual([['mine']]);
    },
  );

  test.each([
    ['no sheets', [], 'The template cannot be inserted: it has no sheets.'],
    [
      'a sheet name Sheets refuses',
      [{ name: 'Q1/Q2', values: [['A']] }],
      'The template cannot be inserted: "Q1/Q2" is not a name Sheets accepts for a sheet.',
    ],
    [
      'a sheet without rows',
      [{ name: 'Fine', values: [['A']] }, { name: 'Broken' }],
      'The template cannot be inserted: the Broken sheet has no rows of values.',
    ],
  ])('bad input (%s): a sentence, and nothing inserted', (_name, sheets, message) => {
    const book = studyBook({ Sheet1: [] });
    const before = book.snapshot();
    expect(failure(() => insert(book, sheets))).toBe(message);
    expect(book.snapshot()).toBe(before);
  });
});

test('no server function hands google.script.run a Date (the wire would refuse it)', () => {
  // scriptRun asserts this on every call; here with dates in every table the server reads.
  const book = studyBook({
    ...STUDY,
    About: [
      ['Template', 'Version', 'Tax Year', 'Profile', 'Prepared'],
      ['software', '1', 2025, 'software', new StoredDate(2026, 2, 1)],
    ],
  });
  const about = readWorkbook(book).sheets.find((s) => s.name === 'About')!;
  expect(about.values[1][4]).toBe('2026-02-01T00:00:00');
});
