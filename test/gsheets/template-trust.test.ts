/**
 * The Sheets insert and templates from outside (issue 8 §1), through the built Code.js in the
 * Apps Script emulation, whose setValues reads a value as Sheets does (a leading apostrophe is
 * the quote prefix and not part of the value; "=" — and, stricter than Sheets, "+", "-" or "@"
 * before anything but a number — starts a formula). A template forced past the importer crosses
 * the wire as the sidebar sends it: every text reads back as itself; the only formula is the
 * renderer's checked one.
 */
import { BUILTIN_TEMPLATES, renderTemplate } from '@core/templates';
import { DDE, FORCED, HYPERLINK, IMPORTXML, WEBSERVICE } from '../../core/test/template-trust-forced';
import type { InsertReport } from '../../gsheets/src/shared/api';
import { wireTemplateSheet } from '../../gsheets/src/shared/wire';
import { FakeSpreadsheet } from './fake-spreadsheet';
import { scriptRun } from './harness';
import { studyBook } from './study';

const insert = (book: FakeSpreadsheet, sheets: unknown) =>
  scriptRun(book, 'sidebarInsertSheets', [sheets]) as InsertReport;
const formulaCells = (book: FakeSpreadsheet) =>
  book.sheets.flatMap((s) => [...s.formulas].map(([a, f]) => `${s.name}!${a}=${f}`));

/** The Form 6765 sheet's formulas as the renderer checked them, as `formulaCells` lists them. */
const formFormulas = (t: Parameters<typeof renderTemplate>[0]) =>
  renderTemplate(t, 'sheets')
    .find((s) => s.name === 'Form 6765')!
    .formulas.map((f) => `Form 6765!${f.cell}=${f.formula}`);

/** The error a server function throws, as the failure handler would get its message. */
function failure(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the server function to throw');
}

describe('Sheets insert: text is text, whatever it starts with', () => {
  test('a template forced past the importer: hostile texts read back as themselves, the checked formula is the only formula', () => {
    const book = studyBook({ Sheet1: [] });
    insert(book, renderTemplate(FORCED, 'sheets').map(wireTemplateSheet));
    // The checked Summary formula, and the Form 6765 sheet's (written by the renderer from the form's description).
    expect(formulaCells(book)).toEqual(['Summary!C3==SUM(C2:C2)', ...formFormulas(FORCED)]);
    const about = book.sheet('About');
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
    expect(book.sheet('Roles').values[1][0]).toBe(DDE);
    expect(book.sheet('Employees').values[0][5]).toBe('@SUM(1)');
    expect(book.sheet('Summary').values[1]).toEqual(['-1', '\t=1+1', IMPORTXML]);
    // A drop-down word is a word of the list (requireValueInList), never evaluated.
    expect(book.sheet('Employees').validations.find((v) => v.range === 'C2:C1000')).toMatchObject({
      kind: 'list',
      list: ['US', '=1+1'],
    });
  });

  test('the built-in template: the Summary formulas and nothing else are formulas', () => {
    const book = studyBook({ Sheet1: [] });
    insert(book, renderTemplate(BUILTIN_TEMPLATES.software, 'sheets').map(wireTemplateSheet));
    const formulas = formulaCells(book);
    expect(formulas.filter((f) => !f.startsWith('Form 6765!'))).toHaveLength(BUILTIN_TEMPLATES.software.summary.length);
    expect(formulas.filter((f) => !f.startsWith('Form 6765!')).every((f) => f.startsWith('Summary!C'))).toBe(true);
    expect(formulas.filter((f) => f.startsWith('Form 6765!'))).toEqual(formFormulas(BUILTIN_TEMPLATES.software));
    // Line 42 counts US wages only (§41(d)(4)(F)): the wage passes where Location is a US word, else 0.
    expect(formulas[0]).toMatch(
      /^Summary!C2==ARRAYFORMULA\(RD_WAGE_QRE\(IF\(RD_IN_US\(Employees!C2:C1000\), Employees!D2:D1000, 0\), Employees!E2:E1000, TRUE, Employees!A2:A1000\)\)$/,
    );
  });

  test('a text value that starts with "=" sent without `formulas` (an old or tampered sidebar) is still text', () => {
    const book = studyBook({ Sheet1: [] });
    insert(book, [{ name: 'Notes', values: [['Note'], [WEBSERVICE]] }]);
    expect(formulaCells(book)).toEqual([]);
    expect(book.sheet('Notes').values[1][0]).toBe(WEBSERVICE);
  });

  test.each([
    ['not a list', 'x'],
    ['a cell that is not an A1 address', [{ cell: 'Employees!A1', formula: '=1' }]],
    ['a formula that does not start with "="', [{ cell: 'A1', formula: 'WEBSERVICE("x")' }]],
  ])('malformed formulas on the wire (%s): a sentence, and nothing inserted', (_n, formulas) => {
    const book = studyBook({ Sheet1: [] });
    const before = book.snapshot();
    expect(failure(() => insert(book, [{ name: 'Notes', values: [['Note']], formulas }]))).toBe(
      "The template cannot be inserted: the Notes sheet's formulas are not cells with formulas.",
    );
    expect(book.snapshot()).toBe(before);
  });
});
