/**
 * The year actions (issue 14 §1, §2) at the controller level, over the memory host: Start next
 * year's study and Upgrade to template version N preview core's plan, write nothing until Confirm
 * with "I saved a copy" ticked, then change the open workbook as core's grids say, keep every data
 * cell (compared one by one, following moved columns) and never write over a formula.
 */
import type { CellValue } from '@core/cells';
import { applyUpgradeToGrids, planTemplateUpgrade } from '@core/templates/upgrade';
import { applyPlanToGrids, planRollForward } from '@core/yoy/rollforward';
import { createController } from '@panel/controller';
import { createMemoryHost, type MemoryWorkbook } from '@panel/memory-host';
import { copyFirst, createYearActions, upgradeTarget } from '@panel/year-actions';
import { compareKept, studyV3, thisYear, v4, V4_JSON, type Book } from './year-fixtures';

function setup(book: Book, kind: 'excel' | 'sheets' = 'excel') {
  const workbook: MemoryWorkbook = { sheets: book };
  const host = createMemoryHost(workbook, { kind });
  const controller = createController(host);
  const year = createYearActions(controller);
  return { workbook, host, controller, year };
}
const cell = (wb: MemoryWorkbook, sheet: string, row: number, header: string): CellValue => {
  const s = wb.sheets.find((x) => x.name === sheet)!;
  return s.values[row - 1]?.[s.values[0]!.indexOf(header)] ?? null;
};
const snapshot = (wb: MemoryWorkbook) => JSON.stringify(wb.sheets);

describe('Start next year’s study (issue 14 §1)', () => {
  test.each([
    ['Excel', 'excel' as const, 'File › Save a Copy'],
    ['Sheets (no copy: the add-on’s scope is spreadsheets.currentonly)', 'sheets' as const, 'File › Make a copy'],
  ])('%s: preview, the "I saved a copy" gate, then 2025 → 2026 as core’s grids say', async (_n, kind, menu) => {
    const { workbook, controller, year } = setup(thisYear(), kind);
    const expected = (() => {
      const r = planRollForward({ sheets: thisYear() });
      if (!r.ok) throw new Error(r.message);
      return applyPlanToGrids({ sheets: thisYear() }, r.plan);
    })();
    const before = snapshot(workbook);
    await year.preview('roll');
    expect(year.state.roll.preview).toContain('Tax year 2025 → 2026.');
    expect(copyFirst(kind)).toContain(menu);
    // Confirm without the box ticked: nothing written.
    await year.confirm('roll');
    expect(year.state.roll.result).toMatch(/Tick “I saved a copy” first/);
    expect(snapshot(workbook)).toBe(before);
    year.setSavedCopy(true);
    await year.confirm('roll');
    // About Tax Year 2025 → 2026; 2025's QRE (Form 6765 line 48 = 832,500) joins Prior Years.
    expect(cell(workbook, 'About', 2, 'Tax Year')).toBe(2026);
    const prior = workbook.sheets.find((s) => s.name === 'Prior Years')!.values;
    expect(prior.map((r) => r[0]).filter((v) => v !== null && v !== undefined)).toEqual(
      expect.arrayContaining(['Tax Year', 2025, 2024, 2023]),
    );
    // Every cell is what core's applyPlanToGrids makes (blank and missing alike).
    const norm = (v: CellValue | undefined) => (v === undefined || v === '' ? null : v);
    for (const s of expected.sheets) {
      const got = workbook.sheets.find((x) => x.name === s.name)!.values;
      s.values.forEach((row, r) =>
        row.forEach((v, c) => expect([s.name, r, c, norm(got[r]?.[c])]).toEqual([s.name, r, c, norm(v)])),
      );
    }
    expect(year.state.roll.result).toMatch(/^Started next year’s study: wrote \d+ cells\./);
    expect(year.state.savedCopy).toBe(false); // ticked again for the next change
    expect(controller.state.about?.taxYear).toBe('2026'); // validated again
  });

  test('a formula among the amounts (Employees wages) is kept and named, not cleared', async () => {
    const book = thisYear();
    book.find((s) => s.name === 'Employees')!.values[1]![3] = '=150000+35000';
    const { workbook, year } = setup(book);
    await year.preview('roll');
    year.setSavedCopy(true);
    await year.confirm('roll');
    expect(cell(workbook, 'Employees', 2, 'W-2 Box 1 Wages')).toBe('=150000+35000');
    expect(cell(workbook, 'Employees', 3, 'W-2 Box 1 Wages')).toBeNull(); // 172,000 cleared
    expect(year.state.roll.result).toContain('Kept 1 formula cell as they were (Employees!D2)');
  });

  test('Keep amounts: the preview says so and the wages stay (flagged for review)', async () => {
    const { workbook, year } = setup(thisYear());
    year.setKeepAmounts(true);
    await year.preview('roll');
    expect(year.state.roll.preview).toContain('Amounts and R&D % kept (--keep-amounts): About is marked for review.');
    year.setSavedCopy(true);
    await year.confirm('roll');
    expect(cell(workbook, 'Employees', 2, 'W-2 Box 1 Wages')).toBe(185000);
  });

  test('Cancel forgets the preview: Confirm then writes nothing', async () => {
    const { workbook, year } = setup(thisYear());
    const before = snapshot(workbook);
    await year.preview('roll');
    year.cancel('roll');
    year.setSavedCopy(true);
    await year.confirm('roll');
    expect(snapshot(workbook)).toBe(before);
  });

  test('a workbook that is not a study: core’s sentence, nothing written', async () => {
    const { workbook, year } = setup([{ name: 'Sheet1', values: [['hello']] }]);
    await year.preview('roll');
    expect(year.state.roll.preview).toBeUndefined();
    expect(year.state.roll.result).not.toBe('');
    expect(workbook.sheets).toHaveLength(1);
  });
});

describe('Upgrade to template version 4 (issue 14 §2)', () => {
  const loadV4 = (c: ReturnType<typeof createController>) =>
    c.loadTemplateFile({ name: 'acme-v4.json', size: V4_JSON.length, text: async () => V4_JSON });

  test('offered only when the panel has a newer version: v3 study + v4 loaded → target 4; v4 study → none', async () => {
    const { controller } = setup(studyV3());
    await controller.validate();
    expect(upgradeTarget(controller.state)).toBeUndefined(); // no acme template at hand
    await loadV4(controller);
    expect(upgradeTarget(controller.state)?.template.version).toBe('4');
    const same = setup(thisYear()); // built-in software version 1, study version 1
    await same.controller.validate();
    expect(upgradeTarget(same.controller.state)).toBeUndefined();
  });

  test('every non-formula cell kept where its column moved; Project Code added; Time Study added; About version 4', async () => {
    const { workbook, controller, year } = setup(studyV3());
    await loadV4(controller);
    await controller.validate();
    const before = studyV3();
    const r = planTemplateUpgrade({ sheets: before }, v4());
    if (!r.ok) throw new Error(r.message);
    await year.preview('upgrade');
    expect(year.state.upgrade.preview?.[0]).toBe('Template acme-software: version 3 → 4.');
    year.setSavedCopy(true);
    await year.confirm('upgrade');
    const moves = new Map(
      r.plan.relayouts.map((l) => [
        l.sheet,
        new Map(l.columns.filter((p) => p.from !== null).map((p) => [p.from!, p.to])),
      ]),
    );
    const renamed = (sheet: string, row: number, col: number) =>
      (row === 0 &&
        r.plan.relayouts.some(
          (l) => l.sheet === sheet && l.columns.some((p) => p.from === col && p.how === 'renamed'),
        )) ||
      (sheet === 'About' && row === 1 && col === 1);
    const kept = compareKept(before, workbook.sheets, moves, renamed);
    expect(kept.differ).toEqual([]);
    expect(kept.compared).toBeGreaterThan(100);
    // What core's grids say for Employees, cell by cell.
    const want = applyUpgradeToGrids({ sheets: before }, r.plan).sheets.find((s) => s.name === 'Employees')!.values;
    const got = workbook.sheets.find((s) => s.name === 'Employees')!.values;
    want.forEach((row, i) => row.forEach((v, c) => expect([i, c, got[i]?.[c] ?? null]).toEqual([i, c, v ?? null])));
    expect(got[0]?.slice(0, 5)).toEqual(['Employee', 'Role', 'Project Code', 'Location', 'Box 1 Wages']);
    expect(got[2]?.[moves.get('Employees')!.get(10)!]).toBe('+ paid in March'); // the hand-made column, kept
    expect(workbook.sheets.map((s) => s.name)).toContain('Time Study');
    expect(cell(workbook, 'About', 2, 'Version')).toBe('4');
    expect(year.state.upgrade.result).toMatch(
      /^Upgraded to template version 4: wrote \d+ cells and added Time Study\./,
    );
    expect(controller.state.about?.version).toBe('4');
  });

  test('a formula in a sheet whose columns move: that sheet left as it was and the CLI named', async () => {
    const book = studyV3();
    book.find((s) => s.name === 'Employees')!.values[1]![4] = '=0.5+0.5';
    const { workbook, controller, year } = setup(book);
    await loadV4(controller);
    await controller.validate();
    const employees = JSON.stringify(workbook.sheets.find((s) => s.name === 'Employees'));
    await year.preview('upgrade');
    year.setSavedCopy(true);
    await year.confirm('upgrade');
    expect(JSON.stringify(workbook.sheets.find((s) => s.name === 'Employees'))).toBe(employees);
    expect(year.state.upgrade.result).toContain(
      'Employees was not re-laid out: E2 holds a formula the move would break, so the sheet is as it was; upgrade it with rdtax template upgrade',
    );
  });
  test('a cell typed in Employees after the preview (Z2): Employees left as it was, the rest upgraded', async () => {
    const { workbook, controller, year } = setup(studyV3());
    await loadV4(controller);
    await controller.validate();
    await year.preview('upgrade');
    workbook.sheets.find((s) => s.name === 'Employees')!.values[1]![25] = 'typed later';
    const employees = JSON.stringify(workbook.sheets.find((s) => s.name === 'Employees'));
    year.setSavedCopy(true);
    await year.confirm('upgrade');
    expect(JSON.stringify(workbook.sheets.find((s) => s.name === 'Employees'))).toBe(employees);
    expect(year.state.upgrade.result).toContain('Employees was not re-laid out: it holds cells the panel did not read');
    expect(cell(workbook, 'About', 2, 'Version')).toBe('4');
  });
});
