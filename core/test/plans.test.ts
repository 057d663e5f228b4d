/**
 * The plans hosts carry out: which template sheets are inserted (core/src/plans/insert-plan.ts)
 * and which cells are marked, in which colour, up to which limit (core/src/plans/mark-plan.ts).
 */
import { planInsert, sheetIdentity } from '../src/plans/insert-plan';
import { MARK_COLOURS, MARK_LIMITS, planMarks, type MarkableFinding } from '../src/plans/mark-plan';
import { BUILTIN_TEMPLATES, renderTemplate } from '../src/templates';
import { readStudy } from '../src/study/model';
import type { Severity } from '../src/study/types';
import { EXISTING_SHEET_CASES } from './insert-cases';

describe('insert plan: a template sheet the reader would take for an existing sheet is skipped', () => {
  const template = renderTemplate(BUILTIN_TEMPLATES.software, 'excel');
  const names = template.map((s) => s.name);

  test.each(EXISTING_SHEET_CASES)('%s', (_case, existing, skipped) => {
    const plan = planInsert(existing, template);
    expect(plan.skip.map((s) => s.sheet.name)).toEqual(skipped);
    expect(plan.insert.map((s) => s.name)).toEqual(names.filter((n) => !skipped.includes(n)));
  });

  test('each skipped sheet names the sheet it would duplicate', () => {
    expect(planInsert(['Sheet1', 'PriorYears'], template).skip).toEqual([
      { sheet: template.find((s) => s.name === 'Prior Years'), existing: 'PriorYears' },
    ]);
  });

  test('two template sheets the reader takes for one: the second is skipped', () => {
    const plan = planInsert(
      [],
      [
        { name: 'Prior Years', values: [] },
        { name: 'PriorYears', values: [] },
      ],
    );
    expect(plan.insert.map((s) => s.name)).toEqual(['Prior Years']);
    expect(plan.skip).toEqual([{ sheet: { name: 'PriorYears', values: [] }, existing: 'Prior Years' }]);
  });

  // [case, existing sheet, template sheet, skipped?]
  test.each<[string, string, string, boolean]>([
    ['a sheet of no table, other case and spacing', 'r&d notes', 'R&D Notes', true],
    ['"&" counts: "RD Notes" is another sheet', 'RD Notes', 'R&D Notes', false],
    ['a digit counts', 'Notes 2024', 'Notes 2025', false],
  ])('sheets that are no study table: %s', (_case, existing, sheet, skipped) => {
    expect(planInsert([existing], [{ name: sheet, values: [] }]).skip.length).toBe(skipped ? 1 : 0);
  });

  test('the plan and the study reader agree: after inserting, the reader finds no table twice', () => {
    for (const [, existing] of EXISTING_SHEET_CASES) {
      const plan = planInsert(existing, template);
      const sheets = [...existing, ...plan.insert.map((s) => s.name)].map((name) => ({ name, values: [] }));
      const twice = readStudy({ sheets }).issues.filter((f) => f.rule === 'table/duplicate-sheet');
      expect({ existing, twice }).toEqual({ existing, twice: [] });
    }
  });

  test.each([
    ['PriorYears', 'Prior Years'],
    ['Prior Year', 'prior_years'],
    ['Role Table', 'Roles'],
  ])('sheetIdentity(%s) = sheetIdentity(%s)', (a, b) => {
    expect(sheetIdentity(a)).toBe(sheetIdentity(b));
  });
});

describe('mark plan', () => {
  const f = (cell: string, severity: Severity = 'error', rule = 'r'): MarkableFinding & { rule: string } => ({
    cell,
    severity,
    rule,
  });

  // [case, the findings' severities on one cell, the cell's severity] — the worst wins.
  test.each<[string, Severity[], Severity]>([
    ['info then error: error', ['info', 'error'], 'error'],
    ['warning then info: warning', ['warning', 'info'], 'warning'],
    ['info, warning, error: error', ['info', 'warning', 'error'], 'error'],
    ['info alone', ['info'], 'info'],
  ])('precedence: %s', (_case, severities, worst) => {
    for (const host of ['excel', 'sheets'] as const) {
      const plan = planMarks(
        severities.map((s, i) => f('Employees!E7', s, `rule${i}`)),
        host,
      );
      expect(plan.marks).toHaveLength(1);
      expect(plan.marks[0]).toMatchObject({ sheet: 'Employees', address: 'E7', row: 7, col: 4, severity: worst });
      expect(plan.marks[0].colour).toBe(MARK_COLOURS[host][worst]);
      // Every finding rides with its cell, in the order given (Sheets writes them all in its note).
      expect(plan.marks[0].findings.map((x) => x.rule)).toEqual(severities.map((_s, i) => `rule${i}`));
    }
  });

  test('colours: Excel’s Office theme tints and Sheets’ own palette', () => {
    expect(MARK_COLOURS).toEqual({
      excel: { error: '#F8CBAD', warning: '#FFE699', info: '#DDEBF7' },
      sheets: { error: '#f4cccc', warning: '#fff2cc', info: '#c9daf8' },
    });
  });

  // [case, host, cells with findings, marked, left unmarked]
  test.each<[string, 'excel' | 'sheets', number, number, number]>([
    ['Excel: exactly its limit, all marked', 'excel', 2000, 2000, 0],
    ['Excel: one over, the last left unmarked', 'excel', 2001, 2000, 1],
    ['Sheets: exactly its limit', 'sheets', 500, 500, 0],
    ['Sheets: one over', 'sheets', 501, 500, 1],
    ['Sheets: 700 cells (the store holds 500 marks safely)', 'sheets', 700, 500, 200],
  ])('limit: %s', (_case, host, cells, marked, unmarked) => {
    const findings = Array.from({ length: cells }, (_, i) => f(`Employees!E${i + 2}`));
    const plan = planMarks(findings, host);
    expect(plan.limit).toBe(MARK_LIMITS[host]);
    expect([plan.marks.length, plan.unmarked.length]).toEqual([marked, unmarked]);
    expect(plan.unmarked.every((u) => u.reason === 'limit')).toBe(true);
    if (unmarked > 0) expect(plan.unmarked[0].finding.cell).toBe(`Employees!E${marked + 2}`);
  });

  test('a finding on a cell already marked rides along even after the limit is reached', () => {
    const findings = [
      ...Array.from({ length: MARK_LIMITS.sheets + 1 }, (_, i) => f(`Employees!E${i + 2}`)),
      f('Employees!E2', 'warning', 'second'),
    ];
    const plan = planMarks(findings, 'sheets');
    expect(plan.marks[0].findings.map((x) => x.rule)).toEqual(['r', 'second']);
    expect(plan.unmarked.map((u) => u.finding.cell)).toEqual([`Employees!E${MARK_LIMITS.sheets + 2}`]);
  });

  // [case, the workbook's sheets (undefined: not given), finding cell, sheet marked, reason left unmarked]
  test.each<[string, string[] | undefined, string, string | undefined, string | undefined]>([
    ['the sheet is there', ['Employees'], 'Employees!E7', 'Employees', undefined],
    ['the sheet differs in case: the workbook’s name is used', ['Employees'], 'employees!e7', 'Employees', undefined],
    ['the sheet is gone', ['Employees'], 'Contractors!A1', undefined, 'no-sheet'],
    ['a quoted sheet', ['Prior Years'], "'Prior Years'!B3", 'Prior Years', undefined],
    ['no cell reference', ['Employees'], 'Employees', undefined, 'not-a-cell'],
    ['an empty reference', ['Employees'], '', undefined, 'not-a-cell'],
    ['sheets not given: assumed there', undefined, 'Contractors!A1', 'Contractors', undefined],
  ])('sheets: %s', (_case, sheets, cell, marked, reason) => {
    const plan = planMarks([f(cell)], 'excel', sheets ? { sheets } : {});
    expect(plan.marks.map((m) => m.sheet)).toEqual(marked ? [marked] : []);
    expect(plan.unmarked.map((u) => u.reason)).toEqual(reason ? [reason] : []);
  });

  test('a sheet that is gone takes no place under the limit', () => {
    const findings = [f('Gone!A1'), ...Array.from({ length: MARK_LIMITS.sheets }, (_, i) => f(`Employees!E${i + 2}`))];
    const plan = planMarks(findings, 'sheets', { sheets: ['Employees'] });
    expect([plan.marks.length, plan.unmarked.map((u) => u.reason)]).toEqual([MARK_LIMITS.sheets, ['no-sheet']]);
  });
});
