/**
 * The Excel host's applyWorkbookEdit (excel-addin/src/apply-plan.ts) against the fake Excel
 * object model, driven through the panel's year actions as the task pane drives it (issue 14 §1,
 * §2): nothing is written before "I saved a copy"; next year's study has 2026 on About and 2025 in
 * Prior Years; a formula among the amounts is never written over; an upgrade keeps every
 * non-formula cell where its column moved, text as text (a cell "+ paid in March" is not made a
 * formula); a sheet whose columns move and that holds a formula is left as it was.
 */
import type { CellValue } from '@core/cells';
import { planTemplateUpgrade } from '@core/templates/upgrade';
import { createController } from '@panel/controller';
import { createYearActions } from '@panel/year-actions';
import { createExcelHost } from '../../excel-addin/src/excel-host';
import { compareKept, studyV3, thisYear, v4, V4_JSON, type Book } from '../panel/year-fixtures';
import { installFakeOffice, type FakeCell, type FakeState } from './fake-excel';

const g = globalThis as unknown as Record<string, unknown>;
afterEach(() => {
  delete g.Excel;
  delete g.Office;
  delete g.CustomFunctions;
});

function setup(book: Book, formulas: Record<string, Record<string, string>> = {}) {
  const state = installFakeOffice(g, {
    sheets: book.map((s) => ({
      name: s.name,
      values: s.values.map((r) => r.map((v) => (v === undefined ? null : (v as FakeCell)))),
      ...(formulas[s.name] ? { formulas: formulas[s.name] } : {}),
    })),
  });
  const controller = createController(createExcelHost());
  return { state, controller, year: createYearActions(controller) };
}
const sheetOf = (state: FakeState, name: string) => state.sheets.find((s) => s.name === name)!;
const at = (state: FakeState, sheet: string, row: number, col: number): CellValue =>
  sheetOf(state, sheet).values[row - 1]?.[col] ?? null;

describe('Start next year’s study in Excel', () => {
  test('gate, then About C2 2025 → 2026 and 2025’s row in Prior Years; D2’s formula kept, D3 cleared', async () => {
    const book = thisYear();
    const { state, year } = setup(book, { Employees: { D2: '=150000+35000' } });
    const before = JSON.stringify(state.sheets);
    await year.preview('roll');
    await year.confirm('roll');
    expect(JSON.stringify(state.sheets)).toBe(before); // "I saved a copy" not ticked: nothing written
    year.setSavedCopy(true);
    await year.confirm('roll');
    expect(at(state, 'About', 2, 2)).toBe(2026);
    const years = sheetOf(state, 'Prior Years').values.map((r) => r[0]);
    expect(years).toEqual(expect.arrayContaining([2025, 2024, 2023]));
    expect(sheetOf(state, 'Employees').formulas?.D2).toBe('=150000+35000');
    expect(at(state, 'Employees', 3, 3)).toBe(''); // 172,000 cleared
    expect(year.state.roll.result).toContain('Kept 1 formula cell as they were (Employees!D2)');
  });
});

describe('Upgrade to template version 4 in Excel', () => {
  const loadV4 = (c: ReturnType<typeof createController>) =>
    c.loadTemplateFile({ name: 'acme-v4.json', size: V4_JSON.length, text: async () => V4_JSON });

  test('every non-formula cell kept where its column moved; text stays text; About version "4"; Time Study added', async () => {
    const before = studyV3();
    const { state, controller, year } = setup(studyV3());
    await loadV4(controller);
    await controller.validate();
    await year.preview('upgrade');
    year.setSavedCopy(true);
    await year.confirm('upgrade');
    const r = planTemplateUpgrade({ sheets: before }, v4());
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
    const kept = compareKept(before, state.sheets, moves, skip);
    expect(kept.differ).toEqual([]);
    expect(kept.compared).toBeGreaterThan(100);
    expect(sheetOf(state, 'Employees').values[0]?.slice(0, 5)).toEqual([
      'Employee',
      'Role',
      'Project Code',
      'Location',
      'Box 1 Wages',
    ]);
    expect(Object.keys(sheetOf(state, 'Employees').formulas ?? {})).toEqual([]); // "+ paid in March" is text
    expect(at(state, 'About', 2, 1)).toBe('4');
    expect(state.sheets.map((s) => s.name)).toContain('Time Study');
  });

  test('a formula in Employees (columns move): Employees left as it was, the CLI named', async () => {
    const book = studyV3();
    const { state, controller, year } = setup(book, { Employees: { E2: '=0.5+0.5' } });
    await loadV4(controller);
    await controller.validate();
    const employees = JSON.stringify(sheetOf(state, 'Employees'));
    await year.preview('upgrade');
    year.setSavedCopy(true);
    await year.confirm('upgrade');
    expect(JSON.stringify(sheetOf(state, 'Employees'))).toBe(employees);
    expect(year.state.upgrade.result).toContain('Employees was not re-laid out: E2 holds a formula');
    expect(at(state, 'About', 2, 1)).toBe('4'); // the rest of the upgrade is done
  });

  test('a cell typed in Employees after the preview (Z2): Employees left as it was, the used range’s end named', async () => {
    const { state, controller, year } = setup(studyV3());
    await loadV4(controller);
    await controller.validate();
    await year.preview('upgrade');
    sheetOf(state, 'Employees').values[1]![25] = 'typed later';
    const employees = JSON.stringify(sheetOf(state, 'Employees'));
    year.setSavedCopy(true);
    await year.confirm('upgrade');
    expect(JSON.stringify(sheetOf(state, 'Employees'))).toBe(employees);
    expect(year.state.upgrade.result).toContain(
      'Employees was not re-laid out: it holds cells the panel did not read (it reaches Z3)',
    );
  });
});
