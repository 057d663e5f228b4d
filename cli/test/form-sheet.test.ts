/**
 * The Form 6765 sheet agrees with `rdtax compute`, line by line, to the cent, on every example
 * study: each formula stored in templates/examples/*.xlsx (read with exceljs, as written) is
 * evaluated over the study's cells (read with read-workbook.ts, as `rdtax` reads them) and
 * compared with computeStudy's form6765.lines — Items A and B and lines 1–48. Amounts to the cent,
 * rates and counts exactly, Yes/No as true/false; a blank, a note or an error value in the sheet
 * is a line compute leaves null.
 *
 * A line may differ only where it is named below with the reason.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { computeStudy } from '@core/compute';
import { FORM_6765_LINES, type FormLineSpec } from '@core/form6765/form';
import { formLayout, SECTION_G_COLUMNS } from '@core/templates/form-sheet';
import type { LineValue } from '@core/form6765/result';
import { FormulaError, WorkbookEvaluator, type Scalar } from '../../core/test/formula-eval';
import { readWorkbookFile } from '../src/read-workbook';
import { EXAMPLES } from './helpers';

/** Lines of an example where the sheet legitimately shows something else than compute, and why. */
const EXCEPTIONS: Readonly<Record<string, { readonly lines: readonly string[]; readonly why: string }>> = {
  'table-missing-header.xlsx': {
    lines: ['5', '9', '10', '11', '12', '13', '20', '23', '24', '25', '26', '28', '30', '32', '37', '38', '42', '48'],
    why: 'Employees has a blank header row: compute finds columns by their headers and leaves line 42 and all that depends on it null; the formulas read column D whatever its header',
  },
  'table-empty.xlsx': {
    lines: ['5', '9', '10', '11', '12', '13', '20', '23', '24', '25', '26', '28', '30', '32', '37', '45', '47', '48'],
    why: 'Contractors is an empty sheet: compute says it lacks its columns and leaves line 45 and all that depends on it null; the formula sums no rows to 0',
  },
  'component-unknown.xlsx': {
    lines: ['37'],
    why: 'an Employees row names "Project X", which Components lacks: compute counts it as a component of its own (3, and lists it in Section G); the sheet counts the names on Components (2) — component/unknown asks to add it there',
  },
  'allocations-unknown-component.xlsx': {
    lines: ['37'],
    why: 'Allocations puts Alice Nguyen on "Project X", which Components lacks: compute counts it as a component of its own (3); the sheet counts the names on Components (2) — allocations/unknown-component asks to fix the name',
  },
  'prior-years-duplicate-year.xlsx': {
    lines: ['21'],
    why: 'Prior Years lists 2023 twice: compute reads the first 2023 row; SUMIF adds both (prior-years/duplicate-year is an error to fix first)',
  },
  'about-invalid-value.xlsx': {
    lines: [
      'A',
      '1',
      '2',
      '3',
      '4',
      '7',
      '14',
      '15',
      '16',
      '17',
      '18',
      '21',
      '27',
      '29',
      '31',
      '33a',
      '33b',
      '38',
      '41',
      '42',
      '43',
      '44',
      '45',
    ],
    why: 'About’s Tax Year reads "next year": compute gives no number at all without a tax year; the sheet still shows what needs no year (About’s inputs, Section F) and its rates fail on the year',
  },
  'about-assumed.xlsx': {
    lines: [
      'A',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
      '13',
      '14',
      '15',
      '16',
      '17',
      '18',
      '19',
      '20',
      '21',
      '24',
      '25',
      '26',
      '27',
      '28',
      '29',
      '30',
      '31',
      '32',
      '33a',
      '33b',
      '37',
      '38',
      '41',
      '42',
      '43',
      '44',
      '45',
      '46',
      '47',
      '48',
    ],
    why: 'About records no Tax Year: compute gives no number at all without a tax year; the sheet’s rates take the default year (2025) and Prior Years are looked up for years before 0, so the 6% path applies',
  },
};

/** The Form 6765 formulas as stored in the file, by cell, and the cell of each line (its Line column names it). */
async function formFormulas(file: string): Promise<{ formulas: Map<string, string>; cellOf: Map<string, string> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const formulas = new Map<string, string>();
  const cellOf = new Map<string, string>();
  const lines = new Set(FORM_6765_LINES.map((l) => l.line));
  wb.getWorksheet('Form 6765')?.eachRow((row, r) => {
    row.eachCell((c) => {
      if (c.formula) formulas.set(c.address, `=${c.formula}`);
    });
    const line = String(row.getCell(1).value);
    if (row.getCell(3).formula && lines.has(line)) cellOf.set(line, `C${r}`);
  });
  return { formulas, cellOf };
}

/** What the sheet shows for a line, in compute's terms. */
function asLineValue(spec: FormLineSpec, v: Scalar): LineValue {
  if (spec.kind === 'yes-no') return v === 'Yes' ? true : v === 'No' ? false : null;
  return typeof v === 'number' ? v : null;
}
function sameLine(spec: FormLineSpec, shown: LineValue, computed: LineValue | undefined): boolean {
  if (typeof shown === 'number' && typeof computed === 'number')
    return spec.kind === 'amount' ? Math.round(shown * 100) === Math.round(computed * 100) : shown === computed;
  return shown === (computed ?? null);
}

const examples = (JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'index.json'), 'utf8')) as { file: string }[])
  .map((e) => e.file)
  .filter((f) => f.endsWith('.xlsx'));

it('the worked studies are among the examples, and every exception names an example', () => {
  expect(examples).toEqual(expect.arrayContaining(['clean.xlsx', 'worked-2025.xlsx', 'worked-2026.xlsx']));
  for (const f of Object.keys(EXCEPTIONS)) expect(examples).toContain(f);
});

describe.each(examples)('%s: Form 6765 sheet = compute', (file) => {
  it(
    EXCEPTIONS[file] ? `except ${EXCEPTIONS[file].lines.join(', ')}: ${EXCEPTIONS[file].why}` : 'every line',
    async () => {
      const full = path.join(EXAMPLES, file);
      const wb = await readWorkbookFile(full);
      const { formulas, cellOf } = await formFormulas(full);
      if (!wb.sheets.some((s) => s.name === 'Form 6765')) return; // table/no-study: no form to compare
      expect([...cellOf.keys()]).toEqual(FORM_6765_LINES.map((l) => l.line));
      const sheet = new WorkbookEvaluator(wb, 'Form 6765', formulas);
      const result = computeStudy(wb);
      const computed = new Map(
        result.ok ? result.computation.form6765.lines.map((l) => [l.line, l.value] as const) : [],
      );
      const differ = FORM_6765_LINES.filter(
        (spec) => !sameLine(spec, asLineValue(spec, sheet.cell(cellOf.get(spec.line)!)), computed.get(spec.line)),
      ).map((spec) => spec.line);
      expect(differ).toEqual(EXCEPTIONS[file]?.lines ?? []);
    },
  );
});

describe('the worked studies, line by line as filed', () => {
  it.each([
    ['worked-2025.xlsx', '13', 63437, 'regular credit with §280C: 401,500 × 20% × 79%'],
    ['worked-2025.xlsx', '26', 57053.8, 'ASC with §280C: (6,000 + 14% × (743,000 − 1,620,000 ÷ 6)) × 79%'],
    ['worked-2025.xlsx', '28', 61937, 'the larger (regular) − the Form 8932 credit: 63,437 − 1,500'],
    ['worked-2026.xlsx', '24', 59820, 'a preceding year without QREs: 6% × 997,000 (§41(c)(4)(B))'],
    ['worked-2026.xlsx', '36', 40000, 'payroll credit: min(line 34 59,820, line 35 40,000)'],
    [
      'worked-2026.xlsx',
      '7',
      1525000,
      'no Avg Gross Receipts on About: (3,500,000 + 2,000,000 + 500,000 + 100,000) ÷ 4',
    ],
  ] as const)('%s line %s = %d (%s)', async (file, line, amount, _why) => {
    const full = path.join(EXAMPLES, file);
    const { formulas, cellOf } = await formFormulas(full);
    const shown = new WorkbookEvaluator(await readWorkbookFile(full), 'Form 6765', formulas).cell(cellOf.get(line)!);
    expect(Math.round((shown as number) * 100)).toBe(Math.round(amount * 100));
  });
});

// ------------------------------------------------------------------ Section G

/**
 * Examples whose Section G on the sheet legitimately differs from compute, and why. Each names
 * what differs (the sheet's row or cell, as the test reports it).
 */
const G_EXCEPTIONS: Readonly<Record<string, string>> = {
  'table-missing-column.xlsx':
    'Employees has no R&D % column: each amount cell says so (employees: its first row has no "R&D %" column); compute leaves the Employees rows out of Section G and lists the supplies and contract research alone',
  'table-missing-header.xlsx':
    'Employees has a blank header row: each amount cell says the columns are missing; compute leaves the Employees rows out of Section G',
  'component-unknown.xlsx':
    'an Employees row names "Project X", which Components lacks: compute lists it as a component of its own; the sheet has a row per Components row only (component/unknown asks to add it)',
  'allocations-unknown-component.xlsx':
    'Allocations puts Alice Nguyen on "Project X", which Components lacks: compute lists it as a component of its own; the sheet has a row per Components row only (allocations/unknown-component asks to fix the name)',
  'about-invalid-value.xlsx':
    'About’s Tax Year reads "next year": compute gives no Section G without a tax year; the sheet’s RD_LAW_VALUE and RD_COMPONENT_QRE fail on the year',
  'about-assumed.xlsx':
    'About records no Tax Year: compute gives no Section G without a tax year; the sheet’s cells fail on the blank year',
};

/** The differences between the sheet's Section G and compute's, readable (none: equal). */
function sectionGDifferences(sheet: WorkbookEvaluator, wb: Parameters<typeof computeStudy>[0]): string[] {
  const result = computeStudy(wb);
  if (!result.ok) return [`compute: ${result.ok}`];
  const sg = result.computation.form6765.sectionG;
  const { g } = formLayout();
  const C = SECTION_G_COLUMNS;
  const lines = ['50', '51', '52', '53', '54', '55', '56'] as const;
  const cents = (v: unknown) => (typeof v === 'number' ? Math.round(v * 100) : v);
  const show = (v: unknown) => (v instanceof FormulaError ? v.message.slice(0, 160) : String(v));
  const out: string[] = [];
  const required = sheet.cell(`C${g.requiredRow}`);
  if (required !== (sg.required ? 'Yes' : 'No'))
    out.push(`required: sheet ${String(required)}, compute ${sg.required}`);
  const listed = new Set(sg.components.map((c) => c.name));
  const shown = new Set<string>();
  for (let r = g.firstRow; r <= g.lastRow; r++) {
    const name = sheet.cell(`${C.name}${r}`);
    if (name === '' || name === null) continue;
    const qre = sheet.cell(`${C.qre}${r}`);
    const c = sg.all.find((x) => x.name === name);
    if (!c) {
      if (qre !== 0) out.push(`${String(name)}: QRE ${String(qre)} on the sheet, none in compute`);
      continue;
    }
    shown.add(c.name);
    for (const l of lines) {
      const v = sheet.cell(`${C[l]}${r}`);
      if (cents(v) !== cents(c.lines[l]))
        out.push(`${c.name} line ${l}: sheet ${show(v)}, compute ${String(c.lines[l])}`);
    }
    const flag = sheet.cell(`${C.listed}${r}`);
    if ((flag === 'Yes') !== listed.has(c.name))
      out.push(`${c.name} listed: sheet ${String(flag)}, compute ${listed.has(c.name)}`);
  }
  for (const c of sg.all) if (!shown.has(c.name)) out.push(`${c.name}: in compute, no row on the sheet`);
  for (const l of lines) {
    const v = sheet.cell(`${C[l]}${g.unassignedRow}`);
    const expected = sg.unassigned ? sg.unassigned.lines[l] : 0;
    if (cents(v) !== cents(expected)) out.push(`unassigned line ${l}: sheet ${show(v)}, compute ${String(expected)}`);
  }
  return out;
}

describe.each(examples)('%s: Form 6765 Section G = compute', (file) => {
  it(
    G_EXCEPTIONS[file]
      ? `differs: ${G_EXCEPTIONS[file]}`
      : 'required, every component’s lines 50–56 and listing, and the unassigned QREs',
    async () => {
      const full = path.join(EXAMPLES, file);
      const wb = await readWorkbookFile(full);
      if (!wb.sheets.some((s) => s.name === 'Form 6765')) return;
      const { formulas } = await formFormulas(full);
      const differ = sectionGDifferences(new WorkbookEvaluator(wb, 'Form 6765', formulas), wb);
      if (G_EXCEPTIONS[file]) expect(differ).not.toEqual([]);
      else expect(differ).toEqual([]);
    },
  );
});
