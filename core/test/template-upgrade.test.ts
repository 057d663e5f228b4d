/**
 * Template upgrades (issue 14 §2): a study made from version 3 of a firm template upgraded to
 * version 4 keeps every data cell (compared one by one, following moved columns), gains the new
 * sheets and columns, has renamed columns moved under their new names, keeps a dropped column and
 * says so. And the template schema's `renames` and `changelog`, each problem one located message.
 */
import type { CellValue } from '../src/cells';
import { readStudy } from '../src/study/model';
import type { WorkbookGrids } from '../src/study/types';
import {
  BUILTIN_TEMPLATES,
  compareTemplateVersions,
  parseTemplate,
  renderTemplate,
  type FirmTemplate,
  type TemplateSheet,
} from '../src/templates';
import { applyUpgradeToGrids, planTemplateUpgrade, type TemplateUpgradePlan } from '../src/templates/upgrade';

const base = BUILTIN_TEMPLATES.software;
const employees = (cols: TemplateSheet['columns']): TemplateSheet => ({ name: 'Employees', columns: cols });
const E = base.sheets.find((s) => s.name === 'Employees')!;

/** Version 3: Employees with "W-2 Wages" and a "Bonus Notes" column; a Notes sheet with "Memo". */
const V3: FirmTemplate = {
  ...base,
  id: 'acme-software',
  name: 'Acme studies',
  version: '3',
  firm: 'Acme CPAs LLP',
  sheets: [
    employees([
      ...E.columns.map((c) => (c.header === 'W-2 Box 1 Wages' ? { ...c, header: 'W-2 Wages' } : c)),
      { header: 'Bonus Notes' },
    ]),
    ...base.sheets.filter((s) => s.name !== 'Employees'),
    { name: 'Notes', columns: [{ header: 'Topic' }, { header: 'Memo' }] },
  ],
};
/**
 * Version 4: "W-2 Wages" becomes "Box 1 Wages" (declared), "Project Code" is inserted after Role,
 * "Bonus Notes" is dropped, Notes' "Memo" becomes "Reviewer Memo" (declared), a new "Time Study" sheet.
 */
const V4_JSON = {
  ...V3,
  version: 4,
  sheets: [
    employees([
      E.columns[0],
      E.columns[1],
      { header: 'Project Code' },
      ...E.columns.slice(2).map((c) => (c.header === 'W-2 Box 1 Wages' ? { ...c, header: 'Box 1 Wages' } : c)),
    ]),
    ...base.sheets.filter((s) => s.name !== 'Employees'),
    { name: 'Notes', columns: [{ header: 'Topic' }, { header: 'Reviewer Memo' }] },
    { name: 'Time Study', columns: [{ header: 'Employee' }, { header: 'Week' }, { header: 'Hours' }] },
  ],
  renames: [
    { sheet: 'Employees', from: 'W-2 Wages', to: 'Box 1 Wages', since: 4 },
    { sheet: 'Notes', from: 'Memo', to: 'Reviewer Memo', since: 4 },
  ],
  changelog: { '3': 'Bonus Notes on Employees', '4': 'Box 1 Wages, Project Code, the Time Study sheet' },
};
function v4(): FirmTemplate {
  const r = parseTemplate(JSON.stringify(V4_JSON));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.template;
}

type Book = { name: string; values: CellValue[][] }[];
/** A study made from version 3, with data in every kind of column. */
function studyV3(): Book {
  const book = renderTemplate(V3, 'excel').map((s) => ({ name: s.name, values: s.values.map((r) => [...r]) }));
  const sheet = (n: string) => book.find((s) => s.name === n)!;
  // Employee, Role, Location, W-2 Wages, R&D %, Business Component, Qualified Service, Officer, Bonus Notes
  sheet('Employees').values.push(
    ['Alice Nguyen', 'Software Developer', 'US', 185000, 1, 'Checkout', 'Direct research', 'No', 'paid in March'],
    ['Bob Martinez', 'QA Engineer', 'CA', 120000, 0.7, 'Checkout', null, 'No', '=not a formula'],
  );
  // A column the firm added by hand, with no header.
  sheet('Employees').values[2][11] = 'scribble';
  sheet('Notes').values.push(['Scope', 'agreed with the client']);
  sheet('Contractors').values.push(['Acme Labs LLC', 'US', 100000, 1, 'standard', 'Yes', 'Yes', 'Checkout', 65000]);
  sheet('Roles').values.push(['Firm Specialist', 0.2, 0.6]);
  return book;
}
const grids = (b: Book): WorkbookGrids => ({ sheets: b });
function plan(b: Book, to = v4(), from?: FirmTemplate): TemplateUpgradePlan {
  const r = planTemplateUpgrade(grids(b), to, from ? { from } : {});
  if (!r.ok) throw new Error(r.message);
  return r.plan;
}

describe('template upgrade keeps every data cell (issue 14 §2)', () => {
  test('every non-formula cell of the version 3 study is in the upgraded study, where its column moved to', () => {
    const before = studyV3();
    const p = plan(before);
    const after = applyUpgradeToGrids(grids(before), p);
    const generated = new Set(p.replaceSheets.map((r) => r.sheet));
    let compared = 0;
    for (const s of before) {
      if (generated.has(s.name)) continue; // Summary and Form 6765: the template's formulas, not data
      const lay = p.relayouts.find((r) => r.sheet === s.name);
      const out = after.sheets.find((x) => x.name === s.name)!;
      s.values.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === null || v === undefined || v === '') return;
          if (s.name === 'About' && r === 1 && s.values[0][c] === 'Version') return; // bumped: checked below
          const place = lay?.columns.find((x) => x.from === c);
          const to = place ? place.to : c;
          // A renamed header is the only cell whose value changes.
          if (r === 0 && place && place.how === 'renamed') return;
          expect([s.name, r, to, out.values[r]?.[to]]).toEqual([s.name, r, to, v]);
          compared++;
        }),
      );
    }
    // 9 Employees headers (1 renamed, not counted) + 2 rows × 9 (Bob has no Qualified Service) + 'scribble', …
    expect(compared).toBeGreaterThan(100);
  });

  test.each([
    [
      'Employees W-2 Wages → Box 1 Wages (declared rename), moved D → E',
      'renamed',
      'Employees',
      'W-2 Wages',
      'Box 1 Wages',
    ],
    ['Notes Memo → Reviewer Memo (declared rename), in place', 'renamed', 'Notes', 'Memo', 'Reviewer Memo'],
  ])('%s', (_name, _how, sheet, from, to) => {
    const p = plan(studyV3());
    expect(p.report.renamed).toContainEqual(expect.objectContaining({ sheet, from, to, declared: true }));
  });

  test('new column at the template’s position: Project Code at C, the columns after it move right by one', () => {
    const p = plan(studyV3());
    expect(p.report.columnsAdded).toEqual([{ sheet: 'Employees', header: 'Project Code', cell: 'Employees!C1' }]);
    const after = applyUpgradeToGrids(grids(studyV3()), p);
    const emp = after.sheets.find((s) => s.name === 'Employees')!.values;
    expect(emp[0].slice(0, 9)).toEqual([
      'Employee',
      'Role',
      'Project Code',
      'Location',
      'Box 1 Wages',
      'R&D %',
      'Business Component',
      'Qualified Service',
      'Officer',
    ]);
    expect(emp[1].slice(0, 5)).toEqual(['Alice Nguyen', 'Software Developer', null, 'US', 185000]);
    // The study reader reads the upgraded sheet: wages under Box 1 Wages (an alias of W-2 Box 1 Wages).
    const study = readStudy(after);
    expect(study.employees?.columns.wages).toBe(4);
    expect(study.employees?.rows[0].cells.wages).toBe(185000);
  });

  test('a column version 4 drops is kept after the template’s columns and reported (with version 3 given: "drops it")', () => {
    const p = plan(studyV3(), v4(), V3);
    expect(p.report.kept).toEqual([
      { sheet: 'Employees', header: 'Bonus Notes', cell: 'Employees!J1', droppedBy: '4' },
      { sheet: 'Employees', header: '(no header, column L)', cell: 'Employees!K1' },
    ]);
    const emp = applyUpgradeToGrids(grids(studyV3()), p).sheets.find((s) => s.name === 'Employees')!.values;
    expect([emp[0][9], emp[1][9], emp[2][9], emp[2][10]]).toEqual([
      'Bonus Notes',
      'paid in March',
      '=not a formula',
      'scribble',
    ]);
  });

  test('new sheet added after the sheet before it in the template; Summary and Form 6765 replaced; About version 3 → 4', () => {
    const before = studyV3();
    const p = plan(before);
    expect(p.addSheets.map((a) => [a.sheet.name, a.after])).toEqual([['Time Study', 'Notes']]);
    expect(p.report.sheetsReplaced).toEqual(['Summary', 'Form 6765']);
    const after = applyUpgradeToGrids(grids(before), p);
    const names = after.sheets.map((s) => s.name);
    expect(names.indexOf('Time Study')).toBe(names.indexOf('Notes') + 1);
    const about = after.sheets.find((s) => s.name === 'About')!.values;
    expect(about[1][about[0].indexOf('Version')]).toBe('4');
    expect(about[1][about[0].indexOf('Template')]).toBe('acme-software');
    // Roles: the firm's own row kept; nothing to add (version 4 lists the same roles).
    expect(after.sheets.find((s) => s.name === 'Roles')!.values.some((r) => r[0] === 'Firm Specialist')).toBe(true);
    expect(p.report.rolesAdded).toEqual([]);
  });

  test('drop-down lists and formats come from version 4, in the upgraded layout (Location’s list at D)', () => {
    const p = plan(studyV3());
    const emp = p.relayouts.find((r) => r.sheet === 'Employees')!;
    expect(emp.moved).toBe(true);
    expect(emp.validations.map((v) => v.range)).toContain('D2:D1000');
    expect(emp.formats).toContainEqual({ range: 'E2:E1000', format: '#,##0.00' });
  });

  test('the changelog lines after the study’s version', () => {
    expect(plan(studyV3()).report.changelog).toEqual([
      { version: '4', line: 'Box 1 Wages, Project Code, the Time Study sheet' },
    ]);
  });
});

describe('template upgrade refusals: one sentence each', () => {
  const spoilAbout = (field: string, v: CellValue) => (b: Book) => {
    const a = b.find((s) => s.name === 'About')!;
    a.values[1][a.values[0].indexOf(field)] = v;
    return b;
  };
  test.each([
    [
      'a study of another template',
      spoilAbout('Template', 'other-firm'),
      /made from template "other-firm", not "acme-software"/,
    ],
    ['already at version 4', spoilAbout('Version', '4'), /already at version 4/],
    [
      'made from a newer version (5)',
      spoilAbout('Version', '5'),
      /version 5 of "acme-software", newer than the version 4 given/,
    ],
    ['no template on About', spoilAbout('Template', null), /records no template on its About sheet/],
  ])('%s', (_name, spoil, message) => {
    const r = planTemplateUpgrade(grids(spoil(studyV3())), v4());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe('template schema: renames and changelog', () => {
  const withFields = (extra: Record<string, unknown>) => parseTemplate(JSON.stringify({ ...V4_JSON, ...extra }));
  test.each([
    ['renames not a list', { renames: {} }, /^renames: \{…\}|^renames: .* is an object/],
    [
      'rename to a header the sheet lacks',
      { renames: [{ sheet: 'Employees', from: 'Pay', to: 'Salary', since: 4 }] },
      /renames\[0\]\.to: "Salary" is not a column of Employees/,
    ],
    [
      'rename from a header still in the sheet',
      { renames: [{ sheet: 'Employees', from: 'Role', to: 'Box 1 Wages', since: 4 }] },
      /renames\[0\]\.from: "Role" is still a column of Employees/,
    ],
    [
      'rename on a sheet the template lacks',
      { renames: [{ sheet: 'Payroll', from: 'a', to: 'b', since: 4 }] },
      /renames\[0\]\.sheet: "Payroll" is not one of this template’s sheets/,
    ],
    [
      'rename since a later version',
      { renames: [{ sheet: 'Notes', from: 'Memo', to: 'Reviewer Memo', since: 5 }] },
      /renames\[0\]\.since: version 5 is after this template’s version 4/,
    ],
    [
      'rename without since',
      { renames: [{ sheet: 'Notes', from: 'Memo', to: 'Reviewer Memo' }] },
      /renames\[0\]\.since: missing/,
    ],
    [
      'rename text that starts like a formula',
      { renames: [{ sheet: 'Notes', from: '=Memo', to: 'Reviewer Memo', since: 4 }] },
      /renames\[0\]\.from: starts with/,
    ],
    [
      'rename with an unknown field',
      { renames: [{ sheet: 'Notes', from: 'Memo', to: 'Reviewer Memo', since: 4, why: 'x' }] },
      /renames\[0\]\.why: unknown field/,
    ],
    ['changelog not an object', { changelog: ['4: x'] }, /^changelog: .* write \{ "4"/],
    ['changelog without this version', { changelog: { '3': 'x' } }, /changelog: has no line for version 4/],
    [
      'changelog of a later version',
      { changelog: { '4': 'x', '5': 'y' } },
      /changelog\["5"\]: version 5 is after this template’s version 4/,
    ],
    [
      'changelog line that starts like a formula',
      { changelog: { '4': '=HYPERLINK("x")' } },
      /changelog\["4"\]: starts with/,
    ],
    ['changelog line not text', { changelog: { '4': 4 } }, /changelog\["4"\]: 4 is not a line of text/],
  ])('%s', (_name, extra, message) => {
    const r = withFields(extra);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toMatch(message);
  });
  test('a good template keeps renames and changelog (versions as text)', () => {
    const t = v4();
    expect(t.renames?.[0]).toEqual({ sheet: 'Employees', from: 'W-2 Wages', to: 'Box 1 Wages', since: '4' });
    expect(t.changelog).toEqual({
      '3': 'Bonus Notes on Employees',
      '4': 'Box 1 Wages, Project Code, the Time Study sheet',
    });
  });
  test.each([
    ['3 < 4', '3', '4', -1],
    ['10 > 9 (numbers, not text)', '10', '9', 1],
    ['1.0 = 1', '1.0', '1', 0],
    ['2025.10 > 2025.9', '2025.10', '2025.9', 1],
    ['text versions are only equal or not', 'beta', 'gamma', undefined],
  ])('compareTemplateVersions: %s', (_name, a, b, want) => {
    expect(compareTemplateVersions(a, b)).toBe(want);
  });
});
