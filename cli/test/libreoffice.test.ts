/**
 * rdtax on .xlsx files written by another program: LibreOffice Calc (headless) converts a
 * flat OpenDocument spreadsheet (.fods) this test writes — percentages as percent cells,
 * rich text, a hyperlink, a date, formulas with their results — to .xlsx, and rdtax reads it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CellValue } from '@core/cells';
import { cleanStudy } from '../../core/test/example-studies';
import { expectNoStackTrace, json, rdtax } from './helpers';

const INSTALL = 'apt-get update && apt-get install -y --no-install-recommends libreoffice-calc';

function sofficeAvailable(): boolean {
  const r = spawnSync('soffice', ['--version'], { encoding: 'utf8', timeout: 60000 });
  return !r.error && r.status === 0;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A cell as ODF: strings, numbers, percentages (a cell showing 70% holds 0.7), or raw XML. */
type FodsCell = CellValue | { readonly raw: string };
const PERCENT_HEADERS = new Set(['R&D %', 'Low %', 'High %', 'Fixed-Base %']);

function cellXml(v: FodsCell, percent: boolean): string {
  if (v === null || v === undefined) return '<table:table-cell/>';
  if (typeof v === 'object' && 'raw' in v) return v.raw;
  if (typeof v === 'number') {
    return percent
      ? `<table:table-cell table:style-name="pct" office:value-type="percentage" office:value="${v}"><text:p>${v * 100}%</text:p></table:table-cell>`
      : `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
  }
  return `<table:table-cell office:value-type="string"><text:p>${xml(String(v))}</text:p></table:table-cell>`;
}

function toFods(sheets: readonly { name: string; values: FodsCell[][] }[]): string {
  const tables = sheets
    .map((s) => {
      const header = s.values[0] ?? [];
      const rows = s.values
        .map(
          (r, i) =>
            `<table:table-row>${r.map((v, c) => cellXml(v, i > 0 && PERCENT_HEADERS.has(String(header[c])))).join('')}</table:table-row>`,
        )
        .join('\n');
      return `<table:table table:name="${xml(s.name)}">\n${rows}\n</table:table>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
 <number:percentage-style style:name="N10"><number:number number:decimal-places="0" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
 <number:date-style style:name="N37"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
 <style:style style:name="pct" style:family="table-cell" style:data-style-name="N10"/>
 <style:style style:name="date" style:family="table-cell" style:data-style-name="N37"/>
 <style:style style:name="bold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
${tables}
</office:spreadsheet></office:body></office:document>
`;
}

let tmp: string;
let profile: string;
beforeAll(() => {
  if (!sofficeAvailable()) throw new Error(`LibreOffice (soffice) is not installed; install it with: ${INSTALL}`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-lo-'));
  profile = path.join(tmp, 'profile'); // a private LibreOffice profile: no clash with another running instance
});
afterAll(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

/** Write `sheets` as .fods, let LibreOffice convert it, return the .xlsx path. */
function viaLibreOffice(name: string, sheets: readonly { name: string; values: FodsCell[][] }[]): string {
  const fods = path.join(tmp, `${name}.fods`);
  fs.writeFileSync(fods, toFods(sheets));
  const r = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'xlsx:Calc MS Excel 2007 XML',
      '--outdir',
      tmp,
      fods,
    ],
    { encoding: 'utf8', timeout: 180000 },
  );
  const out = path.join(tmp, `${name}.xlsx`);
  if (r.status !== 0 || !fs.existsSync(out)) throw new Error(`soffice failed (${r.status}): ${r.stderr}${r.stdout}`);
  return out;
}

/** The clean example study, with the awkward cells another program produces. */
function cleanSheets(): { name: string; values: FodsCell[][] }[] {
  return cleanStudy()
    .filter((s) => s.name !== 'Summary') // its formulas call add-in functions LibreOffice does not have
    .map((s) => ({ name: s.name, values: s.values.map((r) => [...r] as FodsCell[]) }));
}

describe('a study written by LibreOffice Calc', () => {
  it('the clean study: rich text, a hyperlink, percent cells, a date and a formula read right — no findings, same numbers', () => {
    const sheets = cleanSheets();
    const emp = sheets.find((s) => s.name === 'Employees')!.values;
    emp[0].push('Hired');
    emp[1][0] = {
      raw: '<table:table-cell office:value-type="string"><text:p>Alice <text:span text:style-name="bold">Nguyen</text:span></text:p></table:table-cell>',
    };
    emp[1].push({
      raw: '<table:table-cell table:style-name="date" office:value-type="date" office:date-value="2020-01-06"><text:p>2020-01-06</text:p></table:table-cell>',
    });
    // A wage computed by a formula, with its cached result.
    emp[2][3] = {
      raw: '<table:table-cell table:formula="of:=172000*1" office:value-type="float" office:value="172000"><text:p>172000</text:p></table:table-cell>',
    };
    const con = sheets.find((s) => s.name === 'Contractors')!.values;
    con[1][0] = {
      raw: '<table:table-cell office:value-type="string"><text:p><text:a xlink:type="simple" xlink:href="https://acme.example.invalid/">Acme Labs LLC</text:a></text:p></table:table-cell>',
    };

    const file = viaLibreOffice('clean-lo', sheets);
    const check = rdtax(['check', '--json', file]);
    expectNoStackTrace(check);
    expect(check.code).toBe(0);
    expect(json(check).files[0].findings).toEqual([]);

    const c = json(rdtax(['compute', '--json', file])).files[0];
    expect(c.sectionF.map((l: { amount: number }) => l.amount)).toEqual([679500, 8000, 50000, 95000, 832500]);
    expect(c).toMatchObject({ credits: { asc: { amount: 74550 }, regular: { amount: 83250 } } });
  });

  it('a formula error in a wage cell is reported at that cell with its error code', () => {
    const sheets = cleanSheets();
    const emp = sheets.find((s) => s.name === 'Employees')!.values;
    emp[2][3] = {
      raw: '<table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0"><text:p>#DIV/0!</text:p></table:table-cell>',
    };
    const file = viaLibreOffice('div0-lo', sheets);
    const r = rdtax(['check', '--json', file]);
    expect(r.code).toBe(1);
    const f = json(r).files[0].findings.filter((x: { severity: string }) => x.severity === 'error');
    expect(f).toEqual([
      expect.objectContaining({
        rule: 'cell/not-a-number',
        cell: 'Employees!D3',
        message: expect.stringContaining('#DIV/0!'),
      }),
    ]);
  });
});
