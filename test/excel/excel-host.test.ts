/**
 * The Excel PanelHost against a fake Excel object model (fake-excel.ts): one `values` load per
 * sheet, grids aligned to A1, the payload-limit fallback, selecting quoted sheets, marks that
 * restore exactly the fill they replaced (and leave a cell re-filled by the user alone),
 * template insertion that never overwrites a sheet, and LAMBDA short names.
 */
import type { Finding } from '../../core/src/study/types';
import { BUILTIN_TEMPLATES, renderTemplate } from '../../core/src/templates';
import { MARK_COLORS, createExcelHost, gridFromUsedRange, rangeSize } from '../../excel-addin/src/excel-host';
import { installFakeOffice, type FakeSpec, type FakeState } from './fake-excel';

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
        { name: 'Employees', values: [['Employee', 'R&D %'], ['Ada', 0.5]] },
        { name: 'Notes', values: [[], [], [null, 'late start']] },
        { name: 'Empty', values: [] },
      ],
    });
    const wb = await createExcelHost().readWorkbook();
    expect(state.valueLoads.sort()).toEqual(['Employees', 'Notes']);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Employees', 'Notes', 'Empty']);
    expect(wb.sheets[0].values).toEqual([['Employee', 'R&D %'], ['Ada', 0.5]]);
    expect(wb.sheets[1].values[2]).toEqual([null, 'late start']);
    expect(wb.sheets[2].values).toEqual([]);
  });

  test('a response too large for one batch is read again in blocks of rows', async () => {
    const state = setup({ payloadLimitOnce: true, sheets: [{ name: 'Employees', values: [['Employee'], ['Ada'], ['Ben']] }] });
    const wb = await createExcelHost().readWorkbook();
    expect(wb.sheets[0].values).toEqual([['Employee'], ['Ada'], ['Ben']]);
    expect(state.valueLoads.length).toBe(2);
  });

  test('an Excel failure becomes a sentence naming what failed', async () => {
    setup({ failRun: 'The workbook is busy.', sheets: [] });
    await expect(createExcelHost().readWorkbook()).rejects.toThrow('Excel could not read the sheets: The workbook is busy.');
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
    ["a sheet with an apostrophe", "'O''Brien LLC'!A1", { sheet: "O'Brien LLC", address: 'A1' }],
  ])('%s', async (_n, ref, selected) => {
    const state = setup({ sheets: [{ name: 'Employees', values: [] }, { name: 'Prior Years', values: [] }, { name: "O'Brien LLC", values: [] }] });
    await createExcelHost().selectCell(ref);
    expect(state.selected).toEqual(selected);
    expect(state.active).toBe(selected.sheet);
  });

  test('a sheet that is not there rejects with a sentence', async () => {
    setup({ sheets: [{ name: 'Employees', values: [] }] });
    await expect(createExcelHost().selectCell('Contractors!A1')).rejects.toThrow(/no sheet named Contractors/);
  });
});

describe('marks', () => {
  test('marking records each cell’s own fill; clearing restores exactly that and nothing else', async () => {
    const state = setup({
      sheets: [{ name: 'Employees', values: [['a', 'b', 'c', 'd']], fills: { B1: { color: '#00FF00', pattern: 'Solid' }, D1: { color: '#123456', pattern: 'Solid' } } }],
    });
    const host = createExcelHost();
    await host.markCells([finding('Employees!A1'), finding('Employees!B1', 'warning'), finding('Employees!C1', 'info')]);
    const fills = state.sheets[0].fills!;
    expect(fills.A1.color).toBe(MARK_COLORS.error);
    expect(fills.B1.color).toBe(MARK_COLORS.warning);
    expect(fills.C1.color).toBe(MARK_COLORS.info);
    expect(fills.D1.color).toBe('#123456');
    // The user re-fills C1 while it is marked: it is theirs now.
    fills.C1 = { color: '#ABCDEF', pattern: 'Solid' };
    await host.clearMarks();
    expect(fills.A1).toBeUndefined(); // had no fill: cleared
    expect(fills.B1).toEqual({ color: '#00FF00', pattern: 'Solid' });
    expect(fills.C1).toEqual({ color: '#ABCDEF', pattern: 'Solid' });
    expect(fills.D1).toEqual({ color: '#123456', pattern: 'Solid' });
    expect(state.settings['rdcs.marks']).toBeUndefined();
  });

  test('the record is kept in the workbook settings, so a reopened pane can clear old marks', async () => {
    const state = setup({ sheets: [{ name: 'Employees', values: [['a']], fills: { A1: { color: '#00FF00', pattern: 'Solid' } } }] });
    await createExcelHost().markCells([finding('Employees!A1')]);
    expect(Object.keys(state.settings['rdcs.marks'] as object)).toEqual(['Employees!A1']);
    await createExcelHost().clearMarks(); // a new host: nothing in memory
    expect(state.sheets[0].fills!.A1).toEqual({ color: '#00FF00', pattern: 'Solid' });
  });

  test('re-marking a marked cell keeps its original fill on record', async () => {
    const state = setup({ sheets: [{ name: 'Employees', values: [['a']], fills: { A1: { color: '#00FF00', pattern: 'Solid' } } }] });
    const host = createExcelHost();
    await host.markCells([finding('Employees!A1', 'info')]);
    await host.markCells([finding('Employees!A1', 'error')]);
    await host.clearMarks();
    expect(state.sheets[0].fills!.A1).toEqual({ color: '#00FF00', pattern: 'Solid' });
  });

  test('findings on sheets that do not exist are skipped', async () => {
    const state = setup({ sheets: [{ name: 'Employees', values: [['a']] }] });
    await createExcelHost().markCells([finding('Contractors!A1'), finding('Employees!A1')]);
    expect(Object.keys(state.settings['rdcs.marks'] as object)).toEqual(['Employees!A1']);
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
    const contractType = state.validations.find((v) => v.sheet === 'Contractors' && JSON.stringify(v.rule).includes('consortium'));
    expect(contractType?.errorAlert).toMatchObject({ style: 'Stop' });
    expect(state.validations.some((v) => JSON.stringify(v.rule).includes('=Roles!$A$2:$A$200'))).toBe(true);
    // Number formats are written as a grid the size of their range.
    expect(state.numberFormats.length).toBeGreaterThan(0);
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
