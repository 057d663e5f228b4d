/**
 * The Summary sheet agrees with `rdtax compute`, to the cent, on every example study: each
 * Summary formula stored in templates/examples/*.xlsx (read with exceljs, as written) is
 * evaluated over the study's cells (read with read-workbook.ts, as `rdtax` reads them) and
 * compared with computeStudy. One row classifier decides which rows feed a line
 * (core/src/study/classify.ts); the built-in formulas are written from its words.
 *
 * A line may differ only where it is named below with the reason.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { computeStudy, type StudyComputation } from '@core/compute';
import { WorkbookEvaluator } from '../../core/test/formula-eval';
import { readWorkbookFile } from '../src/read-workbook';
import { EXAMPLES } from './helpers';

const LINES = ['42', '43', '44', '45', '48', 'ASC', 'Regular', 'Payroll'] as const;
type Line = (typeof LINES)[number];

/** Lines of an example where the Summary legitimately shows something else than compute, and why. */
const EXCEPTIONS: Readonly<Record<string, { readonly lines: readonly Line[]; readonly why: string }>> = {
  'table-missing-header.xlsx': {
    lines: ['42', '48', 'ASC', 'Regular', 'Payroll'],
    why: 'Employees has a blank header row: compute finds columns by their headers and says the wages column is missing; the formula reads column D whatever its header',
  },
  'table-empty.xlsx': {
    lines: ['45', '48', 'ASC', 'Regular', 'Payroll'],
    why: 'Contractors is an empty sheet: compute says it lacks its columns; the formula sums no rows to 0',
  },
  'cell-not-a-year.xlsx': {
    lines: ['ASC'],
    why: 'RD_ASC reads Prior Years rows 2–4 whatever years they hold; compute finds 2022–2024 by year and, with 2023 unreadable, takes the 6% path (§41(c)(4)(B))',
  },
  'prior-years-duplicate-year.xlsx': {
    lines: ['ASC'],
    why: 'RD_ASC reads Prior Years rows 2–4; compute finds each year, and with 2023 listed twice 2022 is missing: the 6% path',
  },
  'about-invalid-value.xlsx': {
    lines: ['42', '43', '44', '45', '48'],
    why: 'About’s Tax Year reads "next year": compute gives no number at all without a tax year; the Summary still sums Section F (its credits fail on the year)',
  },
  'about-assumed.xlsx': {
    lines: ['42', '43', '44', '45', '48', 'ASC', 'Regular'],
    why: 'About records no Tax Year: compute gives no number at all without a tax year; the Summary sums Section F and RD_ASC/RD_REGULAR take their default year (RD_PAYROLL_OFFSET requires one)',
  },
};

function computed(c: StudyComputation, line: Line): number | null {
  if (line === 'ASC') return c.credits.asc.amount;
  if (line === 'Regular') return c.credits.regular.amount;
  if (line === 'Payroll') return c.payroll.amount;
  return c.sectionF.find((l) => l.line === line)?.amount ?? null;
}

/** The Summary formulas as stored in the file, by cell, and the cell of each line. */
async function summaryFormulas(file: string): Promise<{ formulas: Map<string, string>; cellOf: Map<string, string> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const formulas = new Map<string, string>();
  const cellOf = new Map<string, string>();
  wb.getWorksheet('Summary')?.eachRow((row, r) => {
    const c = row.getCell(3);
    if (!c.formula) return;
    formulas.set(`C${r}`, `=${c.formula}`);
    cellOf.set(String(row.getCell(1).value), `C${r}`);
  });
  return { formulas, cellOf };
}

const examples = (JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'index.json'), 'utf8')) as { file: string }[])
  .map((e) => e.file)
  .filter((f) => f.endsWith('.xlsx'));

it('every example workbook is checked, and every exception names an example', () => {
  expect([...examples].sort()).toEqual(
    fs
      .readdirSync(EXAMPLES)
      .filter((f) => f.endsWith('.xlsx'))
      .sort(),
  );
  for (const f of Object.keys(EXCEPTIONS)) expect(examples).toContain(f);
});

describe.each(examples)('%s: Summary = compute', (file) => {
  it(
    EXCEPTIONS[file] ? `except ${EXCEPTIONS[file].lines.join(', ')}: ${EXCEPTIONS[file].why}` : 'every line',
    async () => {
      const full = path.join(EXAMPLES, file);
      const wb = await readWorkbookFile(full);
      const { formulas, cellOf } = await summaryFormulas(full);
      if (!wb.sheets.some((s) => s.name === 'Summary')) return; // table/no-study: no Summary to compare
      expect([...cellOf.keys()]).toEqual([...LINES]);
      const sheet = new WorkbookEvaluator(wb, 'Summary', formulas);
      const result = computeStudy(wb);
      const differ: string[] = [];
      for (const line of LINES) {
        const shown = sheet.cell(cellOf.get(line)!);
        const amount = result.ok ? computed(result.computation, line) : undefined;
        // Agreement: the same amount to the cent, or no number on either side (an error, or "Enter …" text).
        const same =
          typeof shown === 'number' && typeof amount === 'number'
            ? Math.round(shown * 100) === Math.round(amount * 100)
            : typeof shown !== 'number' && (amount === null || amount === undefined);
        if (!same) differ.push(line);
      }
      expect(differ).toEqual(EXCEPTIONS[file]?.lines ?? []);
    },
  );
});

describe('the two lines issue 9 found in disagreement now agree', () => {
  it.each([
    ['wages-foreign.xlsx', '42', 507500, 'India’s 172,000 left out (§41(d)(4)(F)): 679,500 − 172,000'],
    ['contract-no-rights.xlsx', '45', 30000, 'Acme’s 65,000 left out (funded research, §41(d)(4)(H)): 95,000 − 65,000'],
  ] as const)('%s line %s = %d (%s)', async (file, line, amount, _why) => {
    const full = path.join(EXAMPLES, file);
    const wb = await readWorkbookFile(full);
    const { formulas, cellOf } = await summaryFormulas(full);
    expect(new WorkbookEvaluator(wb, 'Summary', formulas).cell(cellOf.get(line)!)).toBe(amount);
    const c = computeStudy(wb);
    expect(c.ok && computed(c.computation, line)).toBe(amount);
  });
});
