/**
 * The CLI and firm templates from outside (issue 8 §1): `rdtax check --template` and
 * `rdtax template --template` refuse a hostile template with the path of the field (exit 2), and
 * the .xlsx writer, handed a template forced past the importer, stores every text as a string —
 * read back from the file's XML: the only <f> elements are the renderer's checked formulas.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { unzipSync, strFromU8 } from 'fflate';
import { FORM_6765_LINES } from '@core/form6765/form';
import { sectionGFormulas } from '@core/templates/form-sheet';
import { BUILTIN_TEMPLATES, renderTemplate } from '@core/templates';
import { DDE, FORCED, HYPERLINK, IMPORTXML, WEBSERVICE } from '../../core/test/template-trust-forced';
import { writeWorkbook } from '../src/xlsx-write';
import { expectNoStackTrace, rdtax } from './helpers';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-trust-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every worksheet's XML and the shared strings of an .xlsx file. */
function xlsxParts(file: string): { sheets: Record<string, string>; shared: string } {
  const zip = unzipSync(fs.readFileSync(file));
  const workbook = strFromU8(zip['xl/workbook.xml']);
  const rels = strFromU8(zip['xl/_rels/workbook.xml.rels']);
  const sheets: Record<string, string> = {};
  for (const m of workbook.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const target =
      new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"`).exec(rels) ??
      new RegExp(`Target="([^"]+)"[^>]*Id="${m[2]}"`).exec(rels);
    sheets[m[1].replace(/&amp;/g, '&')] = strFromU8(zip[`xl/${target![1].replace(/^\/?xl\//, '')}`]);
  }
  return { sheets, shared: zip['xl/sharedStrings.xml'] ? strFromU8(zip['xl/sharedStrings.xml']) : '' };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (_x, e: string) => ENTITIES[e]);

/** The texts of sharedStrings.xml, unescaped. */
function sharedTexts(xml: string): string[] {
  return [...xml.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)].map((m) => unescapeXml(m[1]));
}

describe('rdtax refuses a hostile firm template: exit 2, the field named, nothing written', () => {
  const CASES: readonly [string, (t: Record<string, any>) => void, string][] = [
    ['firm is a WEBSERVICE call', (t) => (t.firm = WEBSERVICE), 'firm: starts with "="'],
    ['a role is a DDE command', (t) => (t.roles[0].role = DDE), 'roles[0].role: starts with "="'],
    [
      'a header is a HYPERLINK',
      (t) => (t.sheets[0].columns[0].header = HYPERLINK),
      'sheets[0].columns[0].header: starts with "="',
    ],
    [
      'a summary formula is IMPORTXML',
      (t) => (t.summary[2].formula = IMPORTXML),
      'summary[2].formula: IMPORTXML and TEXTJOIN are not allowed',
    ],
  ];
  it.each(CASES)('%s', (_n, change, says) => {
    const t = JSON.parse(JSON.stringify(BUILTIN_TEMPLATES.software));
    change(t);
    const evil = path.join(dir, 'evil.json');
    fs.writeFileSync(evil, JSON.stringify(t));
    const out = path.join(dir, 'evil.xlsx');
    for (const args of [
      ['check', '--template', evil, 'templates/examples/clean.xlsx'],
      ['template', '--template', evil, '-o', out],
    ]) {
      const r = rdtax(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(says);
      expectNoStackTrace(r);
    }
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a key given twice is refused, not last-wins', () => {
    const text = JSON.stringify(BUILTIN_TEMPLATES.software).replace(
      '"firm":',
      `"firm":${JSON.stringify(WEBSERVICE)},"firm":`,
    );
    const evil = path.join(dir, 'twice.json');
    fs.writeFileSync(evil, text);
    const r = rdtax(['check', '--template', evil, 'templates/examples/clean.xlsx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('firm: is given twice in the same object');
  });
});

describe('the .xlsx writer, given a template forced past the importer', () => {
  it.each(['excel', 'sheets'] as const)(
    '%s: text is a string (t="s"), never <f>; the only formula is the checked one',
    async (host) => {
      const file = path.join(dir, `forced-${host}.xlsx`);
      await writeWorkbook(renderTemplate(FORCED, host), file, { date: new Date(Date.UTC(2026, 0, 1)) });
      const { sheets, shared } = xlsxParts(file);
      const formulas = Object.entries(sheets).flatMap(([name, xml]) =>
        [...xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*>\s*<f[^>]*>([^<]*)<\/f>/g)].map(
          (m) => `${name}!${m[1]}=${unescapeXml(m[2])}`,
        ),
      );
      // The checked Summary formula, and the Form 6765 sheet's: written by the renderer from the form's
      // description (no template text reaches them), exactly the renderer's checked formulas.
      const form = renderTemplate(FORCED, host).find((s) => s.name === 'Form 6765')!;
      expect(formulas).toEqual([
        'Summary!C3=SUM(C2:C2)',
        ...form.formulas.map((f) => `Form 6765!${f.cell}=${f.formula.slice(1)}`),
      ]);
      // The hostile texts are in the shared strings, each cell holding one is t="s".
      const texts = sharedTexts(shared);
      for (const text of [WEBSERVICE, DDE, IMPORTXML, HYPERLINK, '@SUM(1)', '+1+1', '@evil', '-1', '\t=1+1'])
        expect(texts).toContain(text);
      // Every cell holding text is a shared string: none is a formula's cached string result.
      for (const xml of Object.values(sheets)) expect(xml).not.toMatch(/t="(str|e)"/);
    },
  );

  it('text that reads like a formula is also formatted as text (@), so editing the cell keeps it text', async () => {
    const file = path.join(dir, 'forced-format.xlsx');
    await writeWorkbook(renderTemplate(FORCED, 'excel'), file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const about = wb.getWorksheet('About')!;
    const firmCol = (about.getRow(1).values as unknown[]).indexOf('Firm');
    const firm = about.getRow(2).getCell(firmCol);
    expect(firm.value).toBe(WEBSERVICE);
    expect(firm.numFmt).toBe('@');
    expect(wb.getWorksheet('Roles')!.getCell('A2').numFmt).toBe('@');
    expect(wb.getWorksheet('Summary')!.getCell('C2').value).toBe(IMPORTXML);
    expect(wb.getWorksheet('Summary')!.getCell('C2').numFmt).toBe('@');
  });

  it('the built-in template: its eight Summary formulas and the Form 6765 lines are the only <f> elements', async () => {
    const file = path.join(dir, 'software.xlsx');
    await writeWorkbook(renderTemplate(BUILTIN_TEMPLATES.software, 'excel'), file);
    const { sheets } = xlsxParts(file);
    const counts = Object.fromEntries(
      Object.entries(sheets).map(([name, xml]) => [name, (xml.match(/<f[ >]/g) ?? []).length]),
    );
    expect(counts).toEqual({
      Employees: 0,
      Allocations: 0,
      Contractors: 0,
      Supplies: 0,
      Components: 0,
      'Prior Years': 0,
      Roles: 0,
      Summary: BUILTIN_TEMPLATES.software.summary.length,
      // Items A and B and lines 1–48, one formula each, then Section G's (sectionGFormulas, checked in core/test/form-sheet.test.ts).
      'Form 6765': FORM_6765_LINES.length + sectionGFormulas(BUILTIN_TEMPLATES.software).length,
      About: 0,
    });
  });
});
