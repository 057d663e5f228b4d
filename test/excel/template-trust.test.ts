/**
 * The Excel insert and templates from outside (issue 8 §1), against the fake Excel object model,
 * which reads `range.values` as Excel does (text starting with "=", "+", "-" or "@" becomes a
 * formula; a leading apostrophe is the quote prefix). A template forced past the importer is
 * inserted: every text reads back as itself, and the only formula is the renderer's checked one.
 */
import { BUILTIN_TEMPLATES, renderTemplate } from '@core/templates';
import { DDE, FORCED, HYPERLINK, IMPORTXML, WEBSERVICE } from '../../core/test/template-trust-forced';
import { createExcelHost } from '../../excel-addin/src/excel-host';
import { installFakeOffice, type FakeState } from './fake-excel';

const g = globalThis as unknown as Record<string, unknown>;
afterEach(() => {
  delete g.Excel;
  delete g.Office;
  delete g.CustomFunctions;
});

async function insert(sheets: ReturnType<typeof renderTemplate>): Promise<FakeState> {
  const state = installFakeOffice(g, { sheets: [] });
  await createExcelHost().insertSheets(sheets);
  return state;
}
const sheet = (state: FakeState, name: string) => state.sheets.find((s) => s.name === name)!;
const formulaCells = (state: FakeState) =>
  state.sheets.flatMap((s) => Object.entries(s.formulas ?? {}).map(([a, f]) => `${s.name}!${a}=${f}`));
/** The Form 6765 sheet's formulas as the renderer checked them, as `formulaCells` lists them. */
const formFormulas = (t: Parameters<typeof renderTemplate>[0]) =>
  renderTemplate(t, 'excel')
    .find((s) => s.name === 'Form 6765')!
    .formulas.map((f) => `Form 6765!${f.cell}=${f.formula}`);

describe('Excel insert: text is text, whatever it starts with', () => {
  test('a template forced past the importer: hostile texts read back as themselves, the checked formula is the only formula', async () => {
    const state = await insert(renderTemplate(FORCED, 'excel'));
    // The checked Summary formula, and the Form 6765 sheet's (written by the renderer from the form's description).
    expect(formulaCells(state)).toEqual(['Summary!C3==SUM(C2:C2)', ...formFormulas(FORCED)]);
    const about = sheet(state, 'About');
    const field = (h: string) => about.values[1][about.values[0].indexOf(h)];
    expect({
      Template: field('Template'),
      Version: field('Version'),
      Firm: field('Firm'),
      'Template Name': field('Template Name'),
    }).toEqual({
      Template: '@evil',
      Version: '+1+1',
      Firm: WEBSERVICE,
      'Template Name': HYPERLINK,
    });
    expect(sheet(state, 'Roles').values[1][0]).toBe(DDE);
    expect(sheet(state, 'Employees').values[0][5]).toBe('@SUM(1)');
    expect(sheet(state, 'Summary').values[1]).toEqual(['-1', '\t=1+1', IMPORTXML]);
    // The drop-down list keeps its hostile word as a word of a literal list, not a formula source.
    const location = state.validations.find((v) => v.sheet === 'Employees' && v.range === 'C2:C1000');
    expect(location?.rule).toEqual({ list: { inCellDropDown: true, source: 'US,=1+1' } });
  });

  test('a literal drop-down list whose first word starts with "=" is left out (Excel would read the source as a formula)', async () => {
    const t = {
      ...BUILTIN_TEMPLATES.software,
      sheets: BUILTIN_TEMPLATES.software.sheets.map((s, i) =>
        i === 0 ? { ...s, columns: s.columns.map((c, j) => (j === 2 ? { ...c, list: [WEBSERVICE, 'US'] } : c)) } : s,
      ),
    };
    const state = await insert(renderTemplate(t, 'excel'));
    expect(state.validations.find((v) => v.sheet === 'Employees' && v.range === 'C2:C1000')).toBeUndefined();
    expect(JSON.stringify(state.validations)).not.toContain('WEBSERVICE');
  });

  test('the built-in template: the Summary formulas and nothing else are formulas; plain text is written unchanged', async () => {
    const state = await insert(renderTemplate(BUILTIN_TEMPLATES.software, 'excel'));
    const formulas = formulaCells(state);
    expect(formulas.filter((f) => !f.startsWith('Form 6765!'))).toHaveLength(BUILTIN_TEMPLATES.software.summary.length);
    expect(formulas.filter((f) => !f.startsWith('Form 6765!')).every((f) => f.startsWith('Summary!C'))).toBe(true);
    expect(formulas.filter((f) => f.startsWith('Form 6765!'))).toEqual(formFormulas(BUILTIN_TEMPLATES.software));
    // Line 42 counts US wages only (§41(d)(4)(F)): the wage passes where Location is a US word, else 0.
    expect(formulas[0]).toMatch(
      /^Summary!C2==RDTAX\.RD_WAGE_QRE\(IF\(RDTAX\.RD_IN_US\(Employees!C2:C1000\), Employees!D2:D1000, 0\), Employees!E2:E1000, TRUE, Employees!A2:A1000\)$/,
    );
    expect(sheet(state, 'Employees').values[0]).toEqual([
      'Employee',
      'Role',
      'Location',
      'W-2 Box 1 Wages',
      'R&D %',
      'Business Component',
      'Qualified Service',
      'Officer',
    ]);
  });
});
