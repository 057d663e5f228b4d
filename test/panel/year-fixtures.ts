/**
 * Studies for the year actions' tests (issue 14 §1, §2), shared by the panel, Excel and Sheets
 * tests: this year's computed study (core's clean example), and a study made from version 3 of a
 * firm template with version 4 at hand (a column renamed and moved, one added, a new sheet).
 */
import type { CellValue } from '@core/cells';
import { BUILTIN_TEMPLATES, parseTemplate, renderTemplate, type FirmTemplate } from '@core/templates';
import { cleanStudy } from '../../core/test/example-studies';

export type Book = { name: string; values: CellValue[][] }[];

export function thisYear(): Book {
  return cleanStudy().map((s) => ({ name: s.name, values: s.values.map((r) => [...r]) }));
}

const base = BUILTIN_TEMPLATES.software;
const E = base.sheets.find((s) => s.name === 'Employees')!;
const V3: FirmTemplate = {
  ...base,
  id: 'acme-software',
  name: 'Acme studies',
  version: '3',
  firm: 'Acme CPAs LLP',
  sheets: [
    {
      name: 'Employees',
      columns: E.columns.map((c) => (c.header === 'W-2 Box 1 Wages' ? { ...c, header: 'W-2 Wages' } : c)),
    },
    ...base.sheets.filter((s) => s.name !== 'Employees'),
  ],
};
/** Version 4: "W-2 Wages" renamed "Box 1 Wages" (declared), "Project Code" inserted after Role, a Time Study sheet. */
export const V4_JSON = JSON.stringify({
  ...V3,
  version: 4,
  sheets: [
    {
      name: 'Employees',
      columns: [
        E.columns[0],
        E.columns[1],
        { header: 'Project Code' },
        ...E.columns.slice(2).map((c) => (c.header === 'W-2 Box 1 Wages' ? { ...c, header: 'Box 1 Wages' } : c)),
      ],
    },
    ...base.sheets.filter((s) => s.name !== 'Employees'),
    { name: 'Time Study', columns: [{ header: 'Employee' }, { header: 'Week' }, { header: 'Hours' }] },
  ],
  renames: [{ sheet: 'Employees', from: 'W-2 Wages', to: 'Box 1 Wages', since: 4 }],
  changelog: { '4': 'Box 1 Wages, Project Code, the Time Study sheet' },
});

export function v4(): FirmTemplate {
  const r = parseTemplate(V4_JSON);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.template;
}

/** A study made from version 3: two employees (one with text that reads like a formula), a contractor. */
export function studyV3(): Book {
  const book: Book = renderTemplate(V3, 'excel').map((s) => ({ name: s.name, values: s.values.map((r) => [...r]) }));
  const sheet = (n: string) => book.find((s) => s.name === n)!;
  sheet('Employees').values.push(
    ['Alice Nguyen', 'Software Developer', 'US', 185000, 1, 'Checkout', 'Direct research', 'No'],
    ['Bob Martinez', 'QA Engineer', 'CA', 120000, 0.7, 'Checkout', null, 'No'],
  );
  sheet('Employees').values[2]![10] = '+ paid in March';
  sheet('Contractors').values.push(['Acme Labs LLC', 'US', 100000, 1, 'standard', 'Yes', 'Yes', 'Checkout', 65000]);
  return book;
}

/**
 * Every non-blank cell of `before` found in `after` where its column went (`to` of the plan's
 * relayout), but for the cells named in `except` (`About!B2`-style, "sheet|row|col"). Returns the
 * count compared and the cells that differ.
 */
export function compareKept(
  before: Book,
  after: { name: string; values: readonly (readonly CellValue[])[] }[],
  moves: ReadonlyMap<string, ReadonlyMap<number, number>>,
  skip: (sheet: string, row: number, col: number) => boolean = () => false,
): { compared: number; differ: string[] } {
  let compared = 0;
  const differ: string[] = [];
  for (const s of before) {
    const out = after.find((x) => x.name === s.name);
    s.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === '' || skip(s.name, r, c)) return;
        const to = moves.get(s.name)?.get(c) ?? c;
        compared++;
        const got = out?.values[r]?.[to];
        if (got !== v) differ.push(`${s.name} r${r} c${c}→${to}: ${String(v)} ≠ ${String(got)}`);
      }),
    );
  }
  return { compared, differ };
}
