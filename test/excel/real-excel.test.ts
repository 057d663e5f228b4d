/**
 * The real Excel's quirks, against the fake Excel object model:
 *
 * - Study formulas stuck at #NAME? (a file written by `rdtax template --host excel`, which stores
 *   `RDTAX.RD_QRE(…)`, or saved by Excel as `_xldudf_RDTAX_RD_QRE(…)`, opened before the add-in
 *   loaded: OfficeDev office-js issues 6611 and 6395, Excel-Custom-Functions issue 108) are
 *   written back, one `formulas` write per block, and nothing else changes; another add-in's
 *   #NAME?, a typo and an error our own function returned are left alone.
 * - Requirement sets: each action asks `isSetSupported('ExcelApi', …)` and, on an older Excel,
 *   does what it can and says what it left out (the fake throws ApiNotFound on any API newer
 *   than the Excel it plays, so each row also proves nothing newer was called).
 */
import { BUILTIN_TEMPLATES, renderTemplate } from '@core/templates';
import { MARK_COLOURS } from '@core/plans/mark-plan';
import type { Finding } from '@core/study/types';
import { createExcelHost } from '../../excel-addin/src/excel-host';
import { blocksOf, normaliseStudyFormula, studyCalls, type StuckCell } from '../../excel-addin/src/reenter';
import { EXCEL_API, WITHOUT } from '../../excel-addin/src/requirements';
import { reenterSentence } from '@panel/controller';
import { installFakeOffice, type FakeCell, type FakeSheetSpec, type FakeSpec, type FakeState } from './fake-excel';

const g = globalThis as unknown as Record<string, unknown>;
const setup = (spec: FakeSpec): FakeState => installFakeOffice(g, spec);
afterEach(() => {
  delete g.Excel;
  delete g.Office;
  delete g.CustomFunctions;
});

/** How Excel spells our functions in a file. */
const asXldudf = (formula: string) => formula.replace(/RDTAX\./g, '_xldudf_RDTAX_');

/** The rendered template's sheets as the fake holds them after a program wrote the file. */
function writtenByRdtax(stuck: (formula: string) => FakeCell | undefined, spell = (f: string) => f): FakeSheetSpec[] {
  return renderTemplate(BUILTIN_TEMPLATES.software, 'excel').map((s) => {
    const values = s.values.map((row) => row.map((v) => (v instanceof Date ? v.toISOString() : v) as FakeCell));
    const formulas: Record<string, string> = {};
    const shows: Record<string, FakeCell> = {};
    for (const f of s.formulas ?? []) {
      const m = /^([A-Z]+)(\d+)$/.exec(f.cell)!;
      const r = Number(m[2]) - 1;
      const c = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      while (values.length <= r) values.push([]);
      values[r][c] = spell(f.formula);
      formulas[f.cell] = spell(f.formula);
      const shown = stuck(f.formula);
      if (shown !== undefined) shows[f.cell] = shown;
    }
    return { name: s.name, values, formulas, shows };
  });
}

/** Everything but the formulas' shown values: what must not change. */
const snapshot = (state: FakeState) =>
  JSON.stringify(state.sheets.map((s) => ({ n: s.name, v: s.values, f: s.formulas, fills: s.fills, names: s.names })));

/** Our formulas, found by plain text (an oracle independent of reenter.ts): the template has no "RDTAX." inside text. */
const ours = (formula: string) => formula.includes('RDTAX.');
const NAME = '#NAME?';

describe('reenter.ts: which calls are ours, and the spelling written back', () => {
  test.each<[string, string, string[], string]>([
    ['the typed spelling', '=RDTAX.RD_QRE(A2:A9,B2:B9)', ['RD_QRE'], '=RDTAX.RD_QRE(A2:A9,B2:B9)'],
    ['the file spelling', '=_xldudf_RDTAX_RD_QRE(A2:A9,B2:B9)', ['RD_QRE'], '=RDTAX.RD_QRE(A2:A9,B2:B9)'],
    [
      'lower case, nested',
      '=rdtax.rd_asc(_xldudf_rdtax_rd_qre(A1), 1)',
      ['RD_ASC', 'RD_QRE'],
      '=RDTAX.RD_ASC(RDTAX.RD_QRE(A1), 1)',
    ],
    ['a space before the bracket', '=RDTAX.RD_QRE (A1)', ['RD_QRE'], '=RDTAX.RD_QRE(A1)'],
    ['inside text: not a call', '="RDTAX.RD_QRE(" & A1', [], '="RDTAX.RD_QRE(" & A1'],
    [
      'a doubled quote inside text',
      '="a""RDTAX.RD_QRE(" & RDTAX.RD_QRE(A1)',
      ['RD_QRE'],
      '="a""RDTAX.RD_QRE(" & RDTAX.RD_QRE(A1)',
    ],
    ['a quoted sheet name', "='RDTAX.RD_QRE(x'!A1", [], "='RDTAX.RD_QRE(x'!A1"],
    ['another namespace ending in RDTAX', '=XRDTAX.RD_QRE(A1)', [], '=XRDTAX.RD_QRE(A1)'],
    ['another workbook’s function ([1]!…)', '=[1]!_xldudf_RDTAX_RD_QRE(A1)', [], '=[1]!_xldudf_RDTAX_RD_QRE(A1)'],
    ['a name not in the catalogue (typo RD_QRR)', '=RDTAX.RD_QRR(A1)', [], '=RDTAX.RD_QRR(A1)'],
    ['another add-in', '=CONTOSO.ADD(1,2)', [], '=CONTOSO.ADD(1,2)'],
  ])('%s: %s', (_name, formula, calls, written) => {
    expect(studyCalls(formula)).toEqual(calls);
    expect(normaliseStudyFormula(formula)).toBe(written);
  });

  const cell = (row: number, column: number): StuckCell => ({
    row,
    column,
    formula: `=RDTAX.RD_QRE(${row},${column})`,
  });
  test.each<[string, StuckCell[], [number, number, number, number][]]>([
    ['one cell: one 1 × 1 block', [cell(1, 2)], [[1, 2, 1, 1]]],
    ['a run down a column: one block', [cell(1, 2), cell(2, 2), cell(3, 2)], [[1, 2, 3, 1]]],
    [
      'a gap splits the run (the cell between is not written)',
      [cell(1, 2), cell(3, 2)],
      [
        [1, 2, 1, 1],
        [3, 2, 1, 1],
      ],
    ],
    [
      'two columns over the same rows: one 2 × 2 block',
      [cell(1, 2), cell(2, 2), cell(1, 3), cell(2, 3)],
      [[1, 2, 2, 2]],
    ],
    [
      'columns over different rows stay apart',
      [cell(1, 2), cell(2, 2), cell(1, 3)],
      [
        [1, 2, 2, 1],
        [1, 3, 1, 1],
      ],
    ],
    ['the same cell twice is written once', [cell(1, 2), cell(1, 2)], [[1, 2, 1, 1]]],
  ])('blocks: %s', (_name, cells, expected) => {
    const blocks = blocksOf(cells);
    expect(blocks.map((b) => [b.row, b.column, b.formulas.length, b.formulas[0].length])).toEqual(expected);
    // Every cell of every block is one of the stuck cells, with its own formula.
    for (const b of blocks)
      b.formulas.forEach((row, r) =>
        row.forEach((f, c) => expect(f).toBe(`=RDTAX.RD_QRE(${b.row + r},${b.column + c})`)),
      );
  });
});

describe('re-entering study formulas that show #NAME? (fake Excel)', () => {
  const summaryFormulas = renderTemplate(BUILTIN_TEMPLATES.software, 'excel')
    .find((s) => s.name === 'Summary')!
    .formulas!.filter((f) => ours(f.formula));

  test.each<[string, FakeSpec['excelApi']]>([
    ['ExcelApi 1.9+: formula cells showing an error found with getSpecialCells', undefined],
    ['ExcelApi 1.8: each used range’s formulas and values read instead; same result', '1.8'],
    ['ExcelApi 1.6: written by A1 address (no getRangeByIndexes); same result', '1.6'],
  ])('a study written by rdtax template (RDTAX.NAME in the file), %s', async (_name, excelApi) => {
    const sheets = writtenByRdtax((f) => (ours(f) ? NAME : undefined));
    const state = setup({ sheets, excelApi });
    // Counted before Excel sees them (re-entering clears what the fake shows).
    const stuckBySheet = sheets
      .map((s) => ({ sheet: s.name, count: Object.values(s.shows ?? {}).filter((v) => v === NAME).length }))
      .filter((x) => x.count > 0);
    const before = snapshot(state);
    const report = await createExcelHost().reenterStudyFormulas!();
    expect(stuckBySheet.find((x) => x.sheet === 'Summary')?.count).toBe(summaryFormulas.length);
    expect(report).toEqual({ reentered: stuckBySheet, failed: [] });
    // Same formulas back, nothing else: values, formulas, fills and names are as they were.
    expect(snapshot(state)).toBe(before);
    // Every written cell was a stuck one, written with its own formula; each stuck cell once.
    const written = state.formulaWrites.flatMap((w) => w.formulas.flat());
    expect(written.length).toBe(stuckBySheet.reduce((n, x) => n + x.count, 0));
    expect(state.formulaWrites.filter((w) => w.sheet === 'Summary').flatMap((w) => w.formulas.flat())).toEqual(
      summaryFormulas.map((f) => f.formula),
    );
    // Fewer writes than cells: a block is one write (Summary's formulas are one column).
    expect(state.formulaWrites.filter((w) => w.sheet === 'Summary').length).toBeLessThan(summaryFormulas.length);
    // Excel resolves them now: no study formula shows #NAME? any more.
    expect(state.sheets.flatMap((s) => Object.values(s.shows ?? {})).filter((v) => v === NAME)).toEqual([]);
  });

  test('the file spelling _xldudf_RDTAX_NAME( is written back as RDTAX.NAME(', async () => {
    const state = setup({ sheets: writtenByRdtax((f) => (ours(f) ? NAME : undefined), asXldudf) });
    const report = await createExcelHost().reenterStudyFormulas!();
    expect(report.reentered.find((x) => x.sheet === 'Summary')?.count).toBe(summaryFormulas.length);
    const summary = state.sheets.find((s) => s.name === 'Summary')!;
    for (const f of summaryFormulas) expect(summary.formulas![f.cell]).toBe(f.formula);
    expect(JSON.stringify(state.formulaWrites)).not.toContain('_xldudf_');
  });

  // Each row: the sheet's cells (A1: formula, what it shows), and what is re-entered.
  test.each<[string, Record<string, [string, FakeCell]>, string[]]>([
    ['someone else’s #NAME? (another add-in): untouched', { B2: ['=CONTOSO.ADD(1,2)', NAME] }, []],
    ['a typo of ours (RD_QRR is no function): untouched', { B2: ['=RDTAX.RD_QRR(A1)', NAME] }, []],
    ['our function returned #VALUE! (bad input): untouched', { B2: ['=RDTAX.RD_QRE(A1)', '#VALUE!'] }, []],
    ['computed (no error): untouched', { B2: ['=RDTAX.RD_QRE(A1)', 1234.5] }, []],
    [
      '#NAME? only because it refers to a stuck cell: untouched (Excel recalculates it)',
      { B2: ['=RDTAX.RD_QRE(A1)', NAME], B3: ['=B2*0.2', NAME] },
      ['B2'],
    ],
    [
      'ours mixed with someone else’s: only ours',
      { B2: ['=RDTAX.RD_QRE(A1)', NAME], C2: ['=CONTOSO.ADD(1,2)', NAME], B3: ['=RDTAX.RD_ASC(1,2,3,4)', NAME] },
      ['B2:B3'],
    ],
  ])('%s', async (_name, cells, writes) => {
    const values: FakeCell[][] = [['x'], [1]];
    const formulas: Record<string, string> = {};
    const shows: Record<string, FakeCell> = {};
    for (const [a, [f, v]] of Object.entries(cells)) {
      formulas[a] = f;
      shows[a] = v;
      const m = /^([A-Z])(\d+)$/.exec(a)!;
      const r = Number(m[2]) - 1;
      while (values.length <= r) values.push([]);
      values[r][m[1].charCodeAt(0) - 65] = f;
    }
    const state = setup({ sheets: [{ name: 'Summary', values, formulas, shows }] });
    const before = snapshot(state);
    const report = await createExcelHost().reenterStudyFormulas!();
    expect(state.formulaWrites.map((w) => w.address)).toEqual(writes);
    expect(report.failed).toEqual([]);
    expect(report.reentered).toEqual(
      writes.length > 0
        ? [{ sheet: 'Summary', count: state.formulaWrites.flatMap((w) => w.formulas.flat()).length }]
        : [],
    );
    expect(snapshot(state)).toBe(before);
  });

  test('no #NAME? anywhere (and an empty sheet): nothing is written', async () => {
    const state = setup({
      sheets: [...writtenByRdtax(() => undefined), { name: 'Empty', values: [] }],
    });
    expect(await createExcelHost().reenterStudyFormulas!()).toEqual({ reentered: [], failed: [] });
    expect(state.formulaWrites).toEqual([]);
  });

  test('ExcelApi 1.8, a sheet of 12,000 rows: read in blocks of 5,000 rows; stuck cells in the first and last block both found', async () => {
    const values: FakeCell[][] = [['Amount', 'QRE']];
    for (let r = 1; r < 12_000; r++) values.push([r, null]);
    values[1][1] = '=RDTAX.RD_QRE(A2)';
    values[11_999][1] = '=RDTAX.RD_QRE(A12000)';
    const state = setup({
      excelApi: '1.8',
      sheets: [
        {
          name: 'Big',
          values,
          formulas: { B2: '=RDTAX.RD_QRE(A2)', B12000: '=RDTAX.RD_QRE(A12000)' },
          shows: { B2: NAME, B12000: NAME },
        },
      ],
    });
    expect(await createExcelHost().reenterStudyFormulas!()).toEqual({
      reentered: [{ sheet: 'Big', count: 2 }],
      failed: [],
    });
    expect(state.formulaWrites.map((w) => w.address)).toEqual(['B2', 'B12000']);
    // Three blocks of at most 5,000 rows, formulas and values together.
    expect(state.formulaLoads).toEqual(['Big', 'Big', 'Big']);
  });

  test('a protected sheet: Excel’s reason is reported and the other sheets are still re-entered', async () => {
    const sheets = writtenByRdtax((f) => (ours(f) ? NAME : undefined));
    sheets.find((s) => s.name === 'Summary')!.protected = true;
    const state = setup({ sheets });
    const report = await createExcelHost().reenterStudyFormulas!();
    expect(report.failed).toEqual([
      { sheet: 'Summary', count: summaryFormulas.length, reason: expect.stringMatching(/protected sheet/) },
    ]);
    expect(report.reentered.map((x) => x.sheet)).not.toContain('Summary');
    expect(state.formulaWrites.some((w) => w.sheet === 'Summary')).toBe(false);
  });

  test(`an Excel without ExcelApi ${EXCEL_API.usedRangeAndNames}: nothing is read or written, and the note says why`, async () => {
    const state = setup({ sheets: writtenByRdtax((f) => (ours(f) ? NAME : undefined)), excelApi: '1.3' });
    expect(await createExcelHost().reenterStudyFormulas!()).toEqual({
      reentered: [],
      failed: [],
      note: WITHOUT.reenter,
    });
    expect(state.formulaWrites).toEqual([]);
  });
});

describe('the sentence next to Re-enter formulas (controller)', () => {
  test.each<[string, Parameters<typeof reenterSentence>[0], boolean, string]>([
    [
      'one sheet',
      { reentered: [{ sheet: 'Summary', count: 14 }], failed: [] },
      false,
      'Re-entered 14 formulas on Summary that showed #NAME? so Excel recalculates them; nothing else in the workbook was changed.',
    ],
    [
      'one formula',
      { reentered: [{ sheet: 'Summary', count: 1 }], failed: [] },
      true,
      'Re-entered 1 formula on Summary that showed #NAME? so Excel recalculates it; nothing else in the workbook was changed.',
    ],
    [
      'two sheets (14 + 3 = 17)',
      {
        reentered: [
          { sheet: 'Summary', count: 14 },
          { sheet: 'Form 6765', count: 3 },
        ],
        failed: [],
      },
      false,
      'Re-entered 17 formulas (14 on Summary and 3 on Form 6765) that showed #NAME? so Excel recalculates them; nothing else in the workbook was changed.',
    ],
    [
      'nothing, on request',
      { reentered: [], failed: [] },
      false,
      'No study formula shows #NAME?, so nothing was re-entered and nothing in the workbook was changed.',
    ],
    ['nothing, as the pane opens: says nothing', { reentered: [], failed: [] }, true, ''],
    [
      'a protected sheet',
      { reentered: [], failed: [{ sheet: 'Summary', count: 8, reason: 'Excel refused: the sheet is protected' }] },
      true,
      'Could not re-enter 8 formulas on Summary: Excel refused: the sheet is protected. If the sheet is protected, unprotect it and press Re-enter formulas.',
    ],
    ['an older Excel', { reentered: [], failed: [], note: WITHOUT.reenter }, true, WITHOUT.reenter],
  ])('%s', (_name, report, quiet, sentence) => {
    expect(reenterSentence(report, quiet)).toBe(sentence);
  });
});

describe('requirement sets: each action on an older Excel does what it can and says what it left out', () => {
  const finding = (cell: string): Finding => ({
    rule: 'test/rule',
    severity: 'error',
    sheet: cell.replace(/!.*$/, ''),
    cell,
    message: 'm',
    citation: 'c',
  });

  test('Office is asked, not assumed: isSetSupported("ExcelApi", …) for the versions an action needs', async () => {
    const state = setup({ sheets: [{ name: 'Employees', values: [['a']] }] });
    const host = createExcelHost();
    await host.readWorkbook();
    await host.insertSheets(renderTemplate(BUILTIN_TEMPLATES.software, 'excel'));
    expect(new Set(state.setsAsked)).toEqual(
      new Set(
        [EXCEL_API.usedRangeAndNames, EXCEL_API.rangeByIndexes, EXCEL_API.freezePanes, EXCEL_API.dataValidation].map(
          (v) => `ExcelApi ${v}`,
        ),
      ),
    );
  });

  // Each row: the ExcelApi the fake plays, a cell's fill before marking, the note expected, the fill after clearing.
  test.each<[string, string, { color: string; pattern: string } | undefined, string | undefined, unknown]>([
    [
      '1.9: patterns recorded, no note',
      '1.9',
      { color: '#00FF00', pattern: 'Gray50' },
      undefined,
      { color: '#00FF00', pattern: 'Gray50' },
    ],
    [
      '1.8, a coloured cell: its colour comes back, and the note says only the colour',
      '1.8',
      { color: '#00FF00', pattern: 'Solid' },
      WITHOUT.fillPattern,
      { color: '#00FF00', pattern: 'Solid' },
    ],
    ['1.8, no fill before: cleared, not painted white', '1.8', undefined, WITHOUT.fillPattern, undefined],
  ])('Highlight, ExcelApi %s', async (_name, excelApi, fill, note, after) => {
    const state = setup({
      excelApi,
      sheets: [
        {
          name: 'Employees',
          values: [
            ['a', 'b'],
            ['x', 1],
          ],
          fills: fill ? { B2: fill } : {},
        },
      ],
    });
    const host = createExcelHost();
    const marked = await host.markCells([finding('Employees!B2')]);
    expect(marked.note).toBe(note);
    expect(state.sheets[0].fills!.B2.color).toBe(MARK_COLOURS.excel.error.toUpperCase());
    await host.clearMarks();
    expect(state.sheets[0].fills?.B2).toEqual(after);
  });

  test(`Highlight and Validate on an Excel without ExcelApi ${EXCEL_API.usedRangeAndNames}: a sentence, nothing changed`, async () => {
    const state = setup({ excelApi: '1.3', sheets: [{ name: 'Employees', values: [['a'], [1]] }] });
    const host = createExcelHost();
    await expect(host.readWorkbook()).rejects.toThrow(WITHOUT.read);
    await expect(host.markCells([finding('Employees!A2')])).rejects.toThrow(WITHOUT.marks);
    expect(state.sheets[0].fills ?? {}).toEqual({});
  });

  test.each<[string, string, string[]]>([
    ['1.8: everything, no note', '1.8', []],
    ['1.7: no drop-down lists, and the note says so', '1.7', [WITHOUT.dataValidation]],
    ['1.6: no lists, no frozen header, blocks by A1 address', '1.6', [WITHOUT.freezePanes, WITHOUT.dataValidation]],
  ])('Insert template, ExcelApi %s', async (_name, excelApi, leftOut) => {
    const state = setup({ excelApi, sheets: [] });
    const sheets = renderTemplate(BUILTIN_TEMPLATES.software, 'excel');
    const result = await createExcelHost().insertSheets(sheets);
    expect(result.inserted).toEqual(sheets.map((s) => s.name));
    expect(result.note).toBe(
      leftOut.length ? `This version of Excel could not do everything: ${leftOut.join('; ')}.` : undefined,
    );
    expect(state.validations.length > 0).toBe(leftOut.length === 0);
    // The values and formulas are there whatever the version.
    const summary = state.sheets.find((s) => s.name === 'Summary')!;
    expect(Object.keys(summary.formulas ?? {}).length).toBe(sheets.find((s) => s.name === 'Summary')!.formulas!.length);
  });

  test.each<[string, string]>([
    ['1.4: getItemOrNullObject', '1.4'],
    ['1.3: getItem, same selection', '1.3'],
  ])('Select a cell, ExcelApi %s', async (_name, excelApi) => {
    const state = setup({ excelApi, sheets: [{ name: 'Prior Years', values: [['Year'], [2024]] }] });
    await createExcelHost().selectCell("'Prior Years'!A2");
    expect(state.selected).toEqual({ sheet: 'Prior Years', address: 'A2' });
    // A sheet that is not there is a sentence either way.
    await expect(createExcelHost().selectCell('Nowhere!A1')).rejects.toThrow(/^Excel could not select Nowhere!A1: /);
  });

  test(`Add short names on an Excel without ExcelApi ${EXCEL_API.usedRangeAndNames}: a sentence, no name added`, async () => {
    const state = setup({ excelApi: '1.3', sheets: [] });
    await expect(createExcelHost().addShortNames!()).rejects.toThrow(WITHOUT.shortNames);
    expect(state.names).toEqual({});
  });

  test('Validate on ExcelApi 1.6, a sheet too large for one response: read again in blocks by A1 address', async () => {
    const state = setup({
      excelApi: '1.6',
      payloadLimitOnce: true,
      sheets: [{ name: 'Employees', values: [['Employee'], ['Ada'], ['Ben']] }],
    });
    const wb = await createExcelHost().readWorkbook();
    expect(wb.sheets[0].values).toEqual([['Employee'], ['Ada'], ['Ben']]);
    expect(state.valueLoads.length).toBe(2);
  });
});
