/**
 * The Excel PanelHost against a fake Excel object model (fake-excel.ts): one `values` load per
 * sheet, grids aligned to A1, the payload-limit fallback, selecting quoted sheets, marks that
 * restore exactly the fill they replaced wherever the cell went (renamed sheet, inserted rows),
 * leave a cell re-filled by the user alone and name the cells they can no longer find,
 * template insertion that never overwrites a sheet, and LAMBDA short names.
 */
import type { Finding } from '@core/study/types';
import { BUILTIN_TEMPLATES, renderTemplate } from '@core/templates';
import { MARK_COLOURS, MARK_LIMITS } from '@core/plans/mark-plan';
import { EXISTING_SHEET_CASES } from '../../core/test/insert-cases';
import { createController } from '@panel/controller';
import { createExcelHost, gridFromUsedRange, rangeSize } from '../../excel-addin/src/excel-host';
import {
  deleteName,
  deleteSheet,
  insertRows,
  installFakeOffice,
  renameSheet,
  type FakeFill,
  type FakeSpec,
  type FakeState,
} from './fake-excel';

const g = globalThis as unknown as Record<string, unknown>;
function setup(spec: FakeSpec): FakeState {
  return installFakeOffice(g, spec);
}
afterEach(() => {
  delete g.Excel;
  delete g.Office;
  delete g.CustomFunctions;
});

const finding = (cell: string, severity: Finding['severity'] = 'error'): Finding => ({
  rule: 'test/rule',
  severity,
  sheet: cell.replace(/!.*$/, '').replace(/^'|'$/g, ''),
  cell,
  message: 'm',
  citation: 'c',
});

describe('reading the workbook', () => {
  test('one values load per sheet; a used range starting at B3 still lands at row 3, column B', async () => {
    const state = setup({
      sheets: [
        {
          name: 'Employees',
          values: [
            ['Employee', 'R&D %'],
            ['Ada', 0.5],
          ],
        },
        { name: 'Notes', values: [[], [], [null, 'late start']] },
        { name: 'Empty', values: [] },
      ],
    });
    const wb = await createExcelHost().readWorkbook();
    expect(state.valueLoads.sort()).toEqual(['Employees', 'Notes']);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Employees', 'Notes', 'Empty']);
    expect(wb.sheets[0].values).toEqual([
      ['Employee', 'R&D %'],
      ['Ada', 0.5],
    ]);
    expect(wb.sheets[1].values[2]).toEqual([null, 'late start']);
    expect(wb.sheets[2].values).toEqual([]);
  });

  test('a response too large for one batch is read again in blocks of rows', async () => {
    const state = setup({
      payloadLimitOnce: true,
      sheets: [{ name: 'Employees', values: [['Employee'], ['Ada'], ['Ben']] }],
    });
    const wb = await createExcelHost().readWorkbook();
    expect(wb.sheets[0].values).toEqual([['Employee'], ['Ada'], ['Ben']]);
    expect(state.valueLoads.length).toBe(2);
  });

  test('an Excel failure becomes a sentence naming what failed', async () => {
    setup({ failRun: 'The workbook is busy.', sheets: [] });
    await expect(createExcelHost().readWorkbook()).rejects.toThrow(
      'Excel could not read the sheets: The workbook is busy.',
    );
  });

  test.each([
    ['no offset', [['a']], 0, 0, [['a']]],
    ['two rows down, one column right', [['a', 'b']], 2, 1, [[], [], [null, 'a', 'b']]],
  ])('gridFromUsedRange: %s', (_n, values, r, c, expected) => {
    expect(gridFromUsedRange(values, r, c)).toEqual(expected);
  });

  test.each([
    ['B2:B1000', { rows: 999, cols: 1 }],
    ['A1', { rows: 1, cols: 1 }],
    ['$C$2:$E$4', { rows: 3, cols: 3 }],
  ])('rangeSize(%s)', (a1, size) => {
    expect(rangeSize(a1)).toEqual(size);
  });
});

describe('selecting a cell', () => {
  test.each([
    ['a plain sheet', 'Employees!E7', { sheet: 'Employees', address: 'E7' }],
    ['a quoted sheet with a space', "'Prior Years'!B3", { sheet: 'Prior Years', address: 'B3' }],
    ['a sheet with an apostrophe', "'O''Brien LLC'!A1", { sheet: "O'Brien LLC", address: 'A1' }],
  ])('%s', async (_n, ref, selected) => {
    const state = setup({
      sheets: [
        { name: 'Employees', values: [] },
        { name: 'Prior Years', values: [] },
        { name: "O'Brien LLC", values: [] },
      ],
    });
    await createExcelHost().selectCell(ref);
    expect(state.selected).toEqual(selected);
    expect(state.active).toBe(selected.sheet);
  });

  test('a sheet that is not there rejects with a sentence', async () => {
    setup({ sheets: [{ name: 'Employees', values: [] }] });
    await expect(createExcelHost().selectCell('Contractors!A1')).rejects.toThrow(/no sheet named Contractors/);
  });
});

describe('marks: the original fill comes back wherever the cell went', () => {
  type Action = (state: FakeState) => void;
  const none: Action = () => undefined;
  // Each row: the cell's fill before marking (undefined: none), what the user does after
  // marking, where the cell is then, the fill expected there after Clear, the cells reported lost.
  test.each<[string, FakeFill | undefined, Action, string, string, FakeFill | undefined, string[]]>([
    ['no fill before: cleared, not painted white', undefined, none, 'Employees', 'B2', undefined, []],
    [
      'a solid colour',
      { color: '#00FF00', pattern: 'Solid' },
      none,
      'Employees',
      'B2',
      { color: '#00FF00', pattern: 'Solid' },
      [],
    ],
    [
      'a pattern with its pattern colour',
      { color: '#FFFF00', pattern: 'Gray50', patternColor: '#FF0000' },
      none,
      'Employees',
      'B2',
      { color: '#FFFF00', pattern: 'Gray50', patternColor: '#FF0000' },
      [],
    ],
    [
      'a tinted theme colour (tintAndShade)',
      { color: '#4472C4', pattern: 'Solid', tintAndShade: 0.4 },
      none,
      'Employees',
      'B2',
      { color: '#4472C4', pattern: 'Solid', tintAndShade: 0.4 },
      [],
    ],
    [
      'a tinted pattern colour (patternTintAndShade)',
      { color: '#FFFFFF', pattern: 'Checker', patternColor: '#000000', patternTintAndShade: -0.25 },
      none,
      'Employees',
      'B2',
      { color: '#FFFFFF', pattern: 'Checker', patternColor: '#000000', patternTintAndShade: -0.25 },
      [],
    ],
    [
      'the sheet renamed: found by worksheet id',
      { color: '#00FF00', pattern: 'Solid' },
      (st) => renameSheet(st, 'Employees', 'Staff'),
      'Staff',
      'B2',
      { color: '#00FF00', pattern: 'Solid' },
      [],
    ],
    [
      'three rows inserted above: found by its name, now at B5',
      { color: '#00FF00', pattern: 'Gray50', patternColor: '#FF0000' },
      (st) => insertRows(st, 'Employees', 1, 3),
      'Employees',
      'B5',
      { color: '#00FF00', pattern: 'Gray50', patternColor: '#FF0000' },
      [],
    ],
    [
      'a row inserted below: the cell stays at B2',
      { color: '#00FF00', pattern: 'Solid' },
      (st) => insertRows(st, 'Employees', 3, 1),
      'Employees',
      'B2',
      { color: '#00FF00', pattern: 'Solid' },
      [],
    ],
    [
      'renamed and rows inserted',
      { color: '#4472C4', pattern: 'Solid', tintAndShade: -0.5 },
      (st) => (renameSheet(st, 'Employees', 'Prior Years'), insertRows(st, 'Prior Years', 2, 1)),
      'Prior Years',
      'B3',
      { color: '#4472C4', pattern: 'Solid', tintAndShade: -0.5 },
      [],
    ],
    [
      're-filled by the user since: theirs, left alone',
      { color: '#00FF00', pattern: 'Solid' },
      (st) => (st.sheets[0].fills!.B2 = { color: '#ABCDEF', pattern: 'Solid' }),
      'Employees',
      'B2',
      { color: '#ABCDEF', pattern: 'Solid' },
      [],
    ],
    [
      'the sheet deleted: reported, not claimed restored',
      { color: '#00FF00', pattern: 'Solid' },
      (st) => deleteSheet(st, 'Employees'),
      '',
      '',
      undefined,
      ['Employees!B2 (its sheet was deleted)'],
    ],
    [
      'the mark’s name deleted: reported with the cell it had',
      { color: '#00FF00', pattern: 'Solid' },
      (st) => deleteName(st, 'Employees', Object.keys(st.sheets[0].names ?? {})[0]),
      'Employees',
      'B2',
      { color: MARK_COLOURS.excel.error, pattern: 'Solid' },
      ['Employees!B2 (the cell was deleted or its mark removed)'],
    ],
  ])('%s', async (_name, before, act, sheet, address, after, lost) => {
    const state = setup({
      sheets: [
        { name: 'Employees', values: [['Employee'], ['Ada']], ...(before ? { fills: { B2: { ...before } } } : {}) },
        { name: 'Other', values: [] },
      ],
    });
    const host = createExcelHost();
    await host.markCells([finding('Employees!B2')]);
    expect(state.sheets[0].fills!.B2.color).toBe(MARK_COLOURS.excel.error);
    act(state);
    const result = await host.clearMarks();
    expect(result).toEqual({ notFound: lost });
    if (sheet) expect(state.sheets.find((s) => s.name === sheet)!.fills?.[address]).toEqual(after);
    // Nothing is left behind: no record, no name.
    expect(state.settings['rdcs.marks.v2']).toBeUndefined();
    for (const s of state.sheets) expect(Object.keys(s.names ?? {})).toEqual([]);
  });
});

describe('marks: records and names', () => {
  test('each mark is a hidden worksheet-scoped name on its cell, recorded with the worksheet id', async () => {
    const state = setup({ sheets: [{ name: 'Employees', values: [['a', 'b']] }] });
    await createExcelHost().markCells([finding('Employees!A1'), finding('Employees!B1', 'warning')]);
    const names = Object.values(state.sheets[0].names ?? {});
    expect(names.map((n) => n.address).sort()).toEqual(['A1', 'B1']);
    expect(names.every((n) => !n.visible)).toBe(true);
    const records = Object.values(
      state.settings['rdcs.marks.v2'] as Record<string, { sheetId: string; address: string }>,
    );
    expect(records.map((r) => [r.sheetId, r.address]).sort()).toEqual([
      [state.sheets[0].id, 'A1'],
      [state.sheets[0].id, 'B1'],
    ]);
  });

  test('the record is kept in the workbook settings, so a reopened pane can clear old marks', async () => {
    const state = setup({
      sheets: [{ name: 'Employees', values: [['a']], fills: { A1: { color: '#00FF00', pattern: 'Solid' } } }],
    });
    await createExcelHost().markCells([finding('Employees!A1')]);
    insertRows(state, 'Employees', 1, 2);
    await createExcelHost().clearMarks(); // a new host: nothing in memory
    expect(state.sheets[0].fills!.A3).toEqual({ color: '#00FF00', pattern: 'Solid' });
  });

  test('re-marking a marked cell (even after rows moved it) keeps its original fill on record', async () => {
    const state = setup({
      sheets: [{ name: 'Employees', values: [['a']], fills: { A1: { color: '#00FF00', pattern: 'Solid' } } }],
    });
    const host = createExcelHost();
    await host.markCells([finding('Employees!A1', 'info')]);
    insertRows(state, 'Employees', 1, 1);
    await host.markCells([finding('Employees!A2', 'error')]);
    expect(Object.keys(state.sheets[0].names ?? {})).toHaveLength(1);
    expect(state.sheets[0].fills!.A2.color).toBe(MARK_COLOURS.excel.error);
    await host.clearMarks();
    expect(state.sheets[0].fills!.A2).toEqual({ color: '#00FF00', pattern: 'Solid' });
  });

  test('findings on sheets that do not exist are skipped, and counted', async () => {
    const state = setup({ sheets: [{ name: 'Employees', values: [['a']] }] });
    const report = await createExcelHost().markCells([finding('Contractors!A1'), finding('Employees!A1')]);
    expect(report).toEqual({ marked: 1, notMarked: 1 });
    expect(
      Object.values(state.settings['rdcs.marks.v2'] as Record<string, { address: string }>).map((r) => r.address),
    ).toEqual(['A1']);
  });

  test('one cell, several findings: marked once in the worst severity’s colour (core’s plan)', async () => {
    const state = setup({ sheets: [{ name: 'Employees', values: [['a']] }] });
    const report = await createExcelHost().markCells([
      finding('Employees!A1', 'info'),
      finding('Employees!A1', 'error'),
      finding('Employees!A1', 'warning'),
    ]);
    expect(report).toEqual({ marked: 1, notMarked: 0 });
    expect(state.sheets[0].fills!.A1).toEqual({ color: MARK_COLOURS.excel.error, pattern: 'Solid' });
  });

  // [case, cells with findings, marked, not marked] — the limit is core's, for Excel.
  test.each([
    ['exactly the limit', MARK_LIMITS.excel, MARK_LIMITS.excel, 0],
    ['one over: the last cell is left unmarked and counted', MARK_LIMITS.excel + 1, MARK_LIMITS.excel, 1],
  ])('limit: %s', async (_case, cells, marked, notMarked) => {
    const state = setup({ sheets: [{ name: 'Employees', values: [['a']] }] });
    const findings = Array.from({ length: cells }, (_, i) => finding(`Employees!A${i + 2}`));
    expect(await createExcelHost().markCells(findings)).toEqual({ marked, notMarked });
    expect(Object.keys(state.sheets[0].names ?? {})).toHaveLength(marked);
    expect(state.sheets[0].fills?.[`A${MARK_LIMITS.excel + 2}`]).toBeUndefined();
  });

  test('clearing with nothing marked finds nothing missing', async () => {
    setup({ sheets: [{ name: 'Employees', values: [['a']] }] });
    await expect(createExcelHost().clearMarks()).resolves.toEqual({ notFound: [] });
  });

  test('an Excel failure while clearing keeps every record for another try', async () => {
    const state = setup({ sheets: [{ name: 'Employees', values: [['a']] }] });
    await createExcelHost().markCells([finding('Employees!A1')]);
    const saved = state.settings['rdcs.marks.v2'];
    (globalThis as unknown as { Excel: { run: unknown } }).Excel.run = () =>
      Promise.reject(Object.assign(new Error('The workbook is busy.'), { code: 'GeneralException' }));
    await expect(createExcelHost().clearMarks()).rejects.toThrow(
      'Excel could not remove the marks: The workbook is busy.',
    );
    expect(state.settings['rdcs.marks.v2']).toEqual(saved);
  });
});

describe('marks made by an earlier build (settings key rdcs.marks, by sheet name and address)', () => {
  const legacy = (ref: string, fill: { color: string | null; pattern: string | null }) => ({
    'rdcs.marks': { [ref]: { ...fill, mark: MARK_COLOURS.excel.error } },
  });
  // Each row: the earlier build's record, the sheets, where the cell is, the fill after Clear, cells reported lost.
  test.each<[string, Record<string, unknown>, string, string, FakeFill | undefined, string[]]>([
    [
      'a solid fill put back where it was painted',
      legacy('Employees!B2', { color: '#00FF00', pattern: 'Solid' }),
      'Employees',
      'B2',
      { color: '#00FF00', pattern: 'Solid' },
      [],
    ],
    [
      'no fill before: cleared',
      legacy('Employees!B2', { color: '#FFFFFF', pattern: 'None' }),
      'Employees',
      'B2',
      undefined,
      [],
    ],
    [
      'a quoted sheet name',
      legacy("'Prior Years'!C3", { color: '#FFFF00', pattern: 'Solid' }),
      'Prior Years',
      'C3',
      { color: '#FFFF00', pattern: 'Solid' },
      [],
    ],
    [
      'its sheet no longer there: reported',
      legacy('Gone!A1', { color: '#00FF00', pattern: 'Solid' }),
      '',
      '',
      undefined,
      ['Gone!A1 (its sheet was deleted)'],
    ],
  ])('%s', async (_n, settings, sheet, address, after, lost) => {
    const marked = { color: MARK_COLOURS.excel.error, pattern: 'Solid' };
    const state = setup({
      sheets: [
        { name: 'Employees', values: [['a']], fills: { B2: { ...marked } } },
        { name: 'Prior Years', values: [['a']], fills: { C3: { ...marked } } },
      ],
      settings,
    });
    expect(await createExcelHost().clearMarks()).toEqual({ notFound: lost });
    if (sheet) expect(state.sheets.find((s) => s.name === sheet)!.fills?.[address]).toEqual(after);
    expect(state.settings['rdcs.marks']).toBeUndefined();
    expect(state.settings['rdcs.marks.v2']).toBeUndefined();
  });

  test('re-marking a cell an earlier build marked keeps the fill it recorded, now under a name', async () => {
    const state = setup({
      sheets: [
        { name: 'Employees', values: [['a']], fills: { B2: { color: MARK_COLOURS.excel.info, pattern: 'Solid' } } },
      ],
      settings: {
        'rdcs.marks': { 'Employees!B2': { color: '#00FF00', pattern: 'Solid', mark: MARK_COLOURS.excel.info } },
      },
    });
    const host = createExcelHost();
    await host.markCells([finding('Employees!B2')]);
    expect(state.settings['rdcs.marks']).toBeUndefined();
    expect(Object.keys(state.sheets[0].names ?? {})).toHaveLength(1);
    insertRows(state, 'Employees', 1, 1);
    await host.clearMarks();
    expect(state.sheets[0].fills!.B3).toEqual({ color: '#00FF00', pattern: 'Solid' });
  });
});

describe('inserting template sheets', () => {
  test('adds the template’s sheets with formulas, formats and lists; an existing sheet is skipped, not changed', async () => {
    const state = setup({ sheets: [{ name: 'supplies', values: [['mine']] }] });
    const sheets = renderTemplate(BUILTIN_TEMPLATES.software, 'excel');
    const result = await createExcelHost().insertSheets(sheets);
    expect(result.skipped).toEqual(['Supplies']);
    expect(result.inserted).toEqual(sheets.map((s) => s.name).filter((n) => n !== 'Supplies'));
    expect(state.sheets.find((s) => s.name === 'supplies')!.values).toEqual([['mine']]);
    expect(state.validations.some((v) => v.sheet === 'supplies')).toBe(false);
    const summary = state.sheets.find((s) => s.name === 'Summary')!;
    expect(summary.values.flat().some((v) => typeof v === 'string' && v.startsWith('=RDTAX.RD_WAGE_QRE('))).toBe(true);
    const about = state.sheets.find((s) => s.name === 'About')!;
    expect(about.values[1].slice(0, 2)).toEqual(['software', BUILTIN_TEMPLATES.software.version]);
    // Contract Type is a strict list; Role points at the Roles sheet so a firm can extend it.
    const contractType = state.validations.find(
      (v) => v.sheet === 'Contractors' && JSON.stringify(v.rule).includes('consortium'),
    );
    expect(contractType?.errorAlert).toMatchObject({ style: 'Stop' });
    expect(state.validations.some((v) => JSON.stringify(v.rule).includes('=Roles!$A$2:$A$200'))).toBe(true);
    // Number formats are written as a grid the size of their range (the fake records the range's
    // first cell, the grid's shape and its first format): W-2 wages D2:D1000 is 999 × 1 cells of
    // "#,##0.00"; About's gross receipts H2:I2 is 1 × 2.
    expect(state.numberFormats).toContainEqual({
      sheet: 'Employees',
      range: 'D2',
      rows: 999,
      cols: 1,
      format: '#,##0.00',
    });
    expect(state.numberFormats).toContainEqual({ sheet: 'About', range: 'H2', rows: 1, cols: 2, format: '#,##0.00' });
  });
});

describe('inserting: an existing sheet is the one the study reader would take for it (core’s insert plan)', () => {
  const template = renderTemplate(BUILTIN_TEMPLATES.software, 'excel');
  test.each(EXISTING_SHEET_CASES)('%s', async (_case, existing, skipped) => {
    const state = setup({ sheets: existing.map((name) => ({ name, values: [['mine']] })) });
    const result = await createExcelHost().insertSheets(template);
    expect(result.skipped).toEqual(skipped);
    const inserted = template.map((s) => s.name).filter((n) => !skipped.includes(n));
    expect(result.inserted).toEqual(inserted);
    expect(state.sheets.map((s) => s.name)).toEqual([...existing, ...inserted]);
    for (const name of existing) expect(state.sheets.find((s) => s.name === name)!.values).toEqual([['mine']]);
  });
});

describe('short names', () => {
  test('adds a LAMBDA name per function, keeps a name that already exists', async () => {
    const state = setup({ sheets: [], names: ['RD_ASC'] });
    const result = await createExcelHost().addShortNames!();
    expect(result.added).not.toContain('RD_ASC');
    expect(result.added).toContain('RD_QRE');
    expect(state.names.RD_ASC.formula).toBe('=1');
    expect(state.names.RD_QRE.formula).toMatch(/^=LAMBDA\(wages,wage_pct,\[supplies\]/);
    expect(result.note).toMatch(/RD_ASC already existed/);
  });

  test('an Excel without LAMBDA says so in a sentence', async () => {
    setup({ sheets: [], rejectLambda: true });
    await expect(createExcelHost().addShortNames!()).rejects.toThrow(/Microsoft 365 or Excel 2024/);
  });
});

describe('Fix, Undo and Waive in Excel (issue 13 §2)', () => {
  const HEADER = ['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %', 'Business Component'];
  /** Ann's R&D % typed as 85 in E2 (fix 0.85); a Notes sheet that must never change. */
  const spec = (): FakeSpec => ({
    sheets: [
      {
        name: 'Employees',
        values: [
          [...HEADER],
          ['Ann', 'Software Developer', 'US', 100000, 85, 'Search'],
          ['Bob', 'Software Developer', 'US', 90000, 0.9, 'Search'],
        ],
      },
      { name: 'Notes', values: [['keep'], ['=not a formula']], formulas: { B1: '=1+1' } },
    ],
  });
  const snapshot = (state: FakeState) =>
    JSON.stringify(state.sheets.map((s) => ({ name: s.name, values: s.values, formulas: s.formulas ?? {} })));
  const controller = () => createController(createExcelHost(), { now: () => new Date('2026-12-03T09:00:00Z') });

  test('Fix writes 0.85 to Employees!E2 only; Undo puts back 85: the workbook is as it was', async () => {
    const state = setup(spec());
    const before = snapshot(state);
    const c = controller();
    await c.validate();
    const f = c.state.findings.find((x) => x.cell === 'Employees!E2' && x.fix)!;
    await c.fix(f);
    expect(state.sheets[0]!.values[1]).toEqual(['Ann', 'Software Developer', 'US', 100000, 0.85, 'Search']);
    const after = JSON.parse(snapshot(state)) as { values: unknown[][] }[];
    after[0]!.values[1]![4] = 85;
    expect(JSON.stringify(after)).toBe(before);
    expect(c.state.act?.undo).toEqual({ cell: 'Employees!E2', value: 85, expected: 0.85 });
    await c.undo();
    expect(snapshot(state)).toBe(before);
  });

  test.each<[string, (s: FakeState) => void, string]>([
    [
      'the cell changed since Validate (85 → 90)',
      (s) => (s.sheets[0]!.values[1]![4] = 90),
      'Employees!E2 now holds 90, not 85, so it was not changed; press Validate and try again.',
    ],
    [
      'the cell now holds a formula',
      (s) => {
        s.sheets[0]!.values[1]![4] = '=0.85';
        s.sheets[0]!.formulas = { E2: '=0.85' };
      },
      'Employees!E2 holds a formula (“=0.85”), so it was not changed; change it by hand.',
    ],
    ['its sheet was deleted', (s) => deleteSheet(s, 'Employees'), 'There is no sheet named Employees'],
  ])('writeCell refuses when %s, and writes nothing', async (_name, edit, sentence) => {
    const state = setup(spec());
    const c = controller();
    await c.validate();
    const f = c.state.findings.find((x) => x.cell === 'Employees!E2' && x.fix)!;
    edit(state);
    const before = snapshot(state);
    await c.fix(f);
    expect(snapshot(state)).toBe(before);
    expect(c.state.act?.failed).toBe(true);
    expect(c.state.act?.text).toContain(sentence);
  });

  test('waive → reopen (a new host and panel) → still waived → the cell edited → waiver/lapsed and the finding back', async () => {
    const state = setup(spec());
    const c = controller();
    await c.validate();
    const f = c.state.findings.find((x) => x.cell === 'Employees!E2' && x.rule === 'wages/pct-out-of-bounds')!;
    await c.waive(f, '=HYPERLINK("x") is what the reviewer typed; 85 hours of 100');
    const sheet = state.sheets.find((s) => s.name === 'Waivers')!;
    // Text as text: the reason starting with "=" is no formula; the value "85" and the date stay text.
    expect(sheet.values).toEqual([
      ['Rule', 'Cell', 'Value', 'Reason', 'Reviewer', 'Date'],
      [
        'wages/pct-out-of-bounds',
        'Employees!E2',
        '85',
        '=HYPERLINK("x") is what the reviewer typed; 85 hours of 100',
        '',
        '2026-12-03',
      ],
    ]);
    expect(sheet.formulas ?? {}).toEqual({});
    expect(c.state.waived.map((w) => w.cell)).toEqual(['Employees!E2']);

    const reopened = controller();
    await reopened.validate();
    expect(reopened.state.waived.map((w) => w.cell)).toEqual(['Employees!E2']);
    expect(reopened.state.findings.some((x) => x.rule === 'wages/pct-out-of-bounds')).toBe(false);

    state.sheets[0]!.values[1]![4] = 86;
    await reopened.validate();
    expect(reopened.state.waived).toEqual([]);
    expect(
      reopened.state.findings.filter((x) => /pct-out-of-bounds|waiver\/lapsed/.test(x.rule)).map((x) => x.cell),
    ).toEqual(['Employees!E2', 'Waivers!C2']);
  });

  test('Undo after Waive, and Remove waiver: the Waivers row is emptied, refused if it changed', async () => {
    const state = setup(spec());
    const c = controller();
    await c.validate();
    await c.waive(
      c.state.findings.find((x) => x.rule === 'wages/pct-out-of-bounds')!,
      'records',
    );
    await c.undo();
    const waivers = () => state.sheets.find((s) => s.name === 'Waivers')!.values;
    expect(waivers()[1]).toEqual(['', '', '', '', '', '']);
    expect(c.state.waived).toEqual([]);
    await c.waive(
      c.state.findings.find((x) => x.rule === 'wages/pct-out-of-bounds')!,
      'records again',
    );
    // The new waiver goes after the used range (row 2 is empty, so it is row 2 again).
    expect(c.state.waived.map((w) => w.waiver.at)).toEqual(['Waivers!A2']);
    waivers()[1]![3] = 'edited by hand';
    await c.unwaive(c.state.waived[0]!);
    expect(c.state.act?.text).toContain('Row 2 of Waivers has changed since Validate, so the waiver was not removed');
    expect(waivers()[1]![3]).toBe('edited by hand');
  });

  test('a second waiver goes under the first (after the used range), in the sheet as it is', async () => {
    const state = setup(spec());
    state.sheets.push({ name: 'Waivers', values: [['Rule', 'Cell', 'Value', 'Reason', 'Reviewer', 'Date'], [], []] });
    const host = createExcelHost();
    await host.appendWaiver!(['a/b', 'Employees!E2', '85', 'one', '', '2026-12-03']);
    await host.appendWaiver!(['a/b', 'Employees!E3', '0.9', 'two', '', '2026-12-03']);
    expect(state.sheets.find((s) => s.name === 'Waivers')!.values.map((r) => r[1])).toEqual([
      'Cell',
      'Employees!E2',
      'Employees!E3',
    ]);
  });
});
