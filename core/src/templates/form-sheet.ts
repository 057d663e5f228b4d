/**
 * The `Form 6765` sheet: Form 6765 (Rev. December 2024) rendered from its one description
 * (form6765/form.ts) — Line | Description | Amount | Citation, a header row per section, one row
 * per line in form order — with every amount a live formula over the study's sheets:
 *
 * - a line computed from other lines (`expr`) is the same arithmetic over those lines' Amount
 *   cells; a rate of the law is RD_LAW_VALUE(rule id, About's Tax Year), so the year's law applies;
 *   a line the form says to skip is blank;
 * - a line read from the study (`input`) reads the About sheet (a blank amount is 0), Prior Years
 *   by tax year (SUMIF), or the study's rows — lines 42–45 with the Summary's own formulas
 *   (study-formulas.ts, one place).
 *
 * It is meant to equal `rdtax compute` line by line (a test evaluates it). Section G (per business
 * component: the classifier's rows grouped by component and qualified service, with Allocations,
 * the per-individual 80% rule and the 80%-of-QRE listing) is not a formula here: its rows list the
 * lines and say to run `rdtax compute`, which computes it exactly.
 */
import type { CellValue } from '../cells';
import {
  FORM_6765_G_LINES,
  FORM_6765_LINES,
  FORM_6765_SECTIONS,
  type Expr,
  type FormCondition,
  type FormInput,
  type FormLineSpec,
  type LineKind,
} from '../form6765/form';
import { FIXED_BASE_PERCENTAGE_CAP } from '../law/rules';
import type { Rule } from '../law/types';
import { CREDIT_METHOD_WORDS, type AboutField } from '../study/schema';
import { formulaProblems, hostFormula, studySheetNames } from './formula';
import { aboutCell, FORM_SHEET } from './layout';
import {
  componentCountFormula,
  isYes,
  priorYearsColumn,
  sectionFFormula,
  studyColumns,
  type StudyColumns,
} from './study-formulas';
import type { FirmTemplate, Host, RenderedFormat, RenderedFormula, RenderedSheet } from './types';

export const FORM_COLUMNS = ['Line', 'Description', 'Amount', 'Citation'] as const;
/** The column of the amounts (C). */
const AMOUNT_COLUMN = 'C';

const FORMATS: Partial<Record<LineKind, string>> = { amount: '#,##0.00', rate: '0.00%', count: '0' };

/** Whether a template gets the sheet: every template unless it says `"form6765": false`. */
export function hasFormSheet(template: Pick<FirmTemplate, 'form6765'>): boolean {
  return template.form6765 !== false;
}

/** A formula cannot be written: the study columns it needs are not in the template. */
class Missing extends Error {
  constructor(readonly columns: readonly string[]) {
    super(`needs ${columns.join(', ')}`);
  }
}

/** A line's formula, in catalogue names (`=RD_LAW_VALUE(…)`), and whether it evaluates ranges element-wise. */
interface LineFormula {
  readonly formula: string;
  readonly array: boolean;
}

/** The row of each line of the form on the sheet, and the rows themselves. */
export interface FormLayout {
  readonly rows: readonly CellValue[][];
  /** Line ("13", "A") → its Amount cell ("C19"). */
  readonly cellOf: ReadonlyMap<string, string>;
}

/** Rows: header, then each section's title row and its lines; Section G lists its lines with a note. */
export function formLayout(): FormLayout {
  const rows: CellValue[][] = [[...FORM_COLUMNS]];
  const cellOf = new Map<string, string>();
  for (const section of FORM_6765_SECTIONS) {
    rows.push([null, section.title, null, null]);
    if (section.id === 'G') {
      rows.push([
        null,
        'Per business component (descending QREs until 80% of line 48, at most 50): run `rdtax compute` — it groups every QRE row by component and qualified service, with Allocations and the per-individual 80% rule.',
        null,
        null,
      ]);
      for (const g of FORM_6765_G_LINES) rows.push([g.line, g.label, null, g.citation]);
      continue;
    }
    for (const l of FORM_6765_LINES.filter((x) => x.section === section.id)) {
      rows.push([l.line, l.label, null, l.citation]);
      cellOf.set(l.line, `${AMOUNT_COLUMN}${rows.length}`);
    }
  }
  return { rows, cellOf };
}

/** The formulas of the lines, built from the description and the template's layout. */
class FormFormulas {
  private readonly ty = aboutCell('taxYear');
  private readonly cols: StudyColumns;

  constructor(
    template: Pick<FirmTemplate, 'sheets'>,
    private readonly cellOf: ReadonlyMap<string, string>,
  ) {
    this.cols = studyColumns(template.sheets);
  }

  line(spec: FormLineSpec): LineFormula {
    if ('input' in spec.calc) return this.input(spec.calc.input);
    return { formula: `=${this.expr(spec.calc.expr, true)}`, array: false };
  }

  private cell(line: string): string {
    const c = this.cellOf.get(line);
    if (!c) throw new RangeError(`Form 6765 has no line ${line}`);
    return c;
  }

  private law(rule: Rule<unknown>): string {
    return `RD_LAW_VALUE("${rule.id}", ${this.ty})`;
  }

  /** Spreadsheet arithmetic for an expression; `top` leaves off the outer parentheses. */
  private expr(e: Expr, top = false): string {
    const wrap = (s: string) => (top ? s : `(${s})`);
    switch (e.k) {
      case 'line':
        return this.cell(e.line);
      case 'num':
        return e.value;
      case 'law':
        return this.law(e.rule);
      case 'skip':
        return '""';
      case 'if':
        return `IF(${this.condition(e.cond)}, ${this.expr(e.then, true)}, ${this.expr(e.else, true)})`;
      case 'add':
        return wrap(e.args.map((a) => this.expr(a)).join('+'));
      case 'sub':
        return wrap(e.args.map((a) => this.expr(a)).join('-'));
      case 'mul':
        return wrap(e.args.map((a) => this.expr(a)).join('*'));
      case 'div':
        return wrap(e.args.map((a) => this.expr(a)).join('/'));
      case 'max':
      case 'min': {
        // MAX and MIN skip a blank (a skipped line) where the form has no amount: the result is blank too.
        const call = `${e.k.toUpperCase()}(${e.args.map((a) => this.expr(a, true)).join(', ')})`;
        const lines = e.args.flatMap((a) => (a.k === 'line' ? [this.cell(a.line)] : []));
        return lines.length === 0 ? call : `IF(OR(${lines.map((c) => `${c}=""`).join(', ')}), "", ${call})`;
      }
    }
  }

  private about(f: AboutField): string {
    return aboutCell(f);
  }

  /** SUMIF of a Prior Years column over the tax year `k` years before the study's. */
  private prior(field: 'qre' | 'grossReceipts', k: number): string {
    const year = priorYearsColumn(this.cols, 'taxYear');
    const col = priorYearsColumn(this.cols, field);
    if (!year || !col) throw new Missing([`Prior Years › ${field === 'qre' ? 'QRE' : 'Gross Receipts'}`]);
    return `SUMIF(${year}, ${this.ty}-${k}, ${col})`;
  }

  private condition(c: FormCondition): string {
    switch (c) {
      case 'itemA':
        return isYes(this.about('reduced280c'));
      case 'ascStartup':
        // RD_ASC's test: any of the 3 preceding years with no QREs (a missing or blank year is 0), §41(c)(4)(B).
        return `OR(${[1, 2, 3].map((k) => `${this.prior('qre', k)}=0`).join(', ')})`;
      case 'methodAsc': {
        const [asc, regular] = ['asc', 'regular'].map((w) => CREDIT_METHOD_WORDS.find((x) => x.toLowerCase() === w));
        const m = this.about('creditMethod');
        const l13 = this.cell('13');
        const l26 = this.cell('26');
        // Named on About, else the larger (a tie is the ASC); one not computed → the other.
        return `IF(${m}="${asc}", TRUE, IF(${m}="${regular}", FALSE, IFERROR(NOT(${l13}>${l26}), IFERROR(${l13}*0, 1)=1)))`;
      }
      case 'line35Given':
        return `${this.about('businessCreditCarryforward')}<>""`;
    }
  }

  private study(f: ReturnType<typeof sectionFFormula>): LineFormula {
    if ('missing' in f) throw new Missing(f.missing);
    return { formula: `=${f.body}`, array: f.array };
  }

  private input(i: FormInput): LineFormula {
    const plain = (formula: string): LineFormula => ({ formula: `=${formula}`, array: false });
    const amount = (f: AboutField) => plain(`IF(${this.about(f)}="", 0, ${this.about(f)})`);
    const yesNo = (f: AboutField) => {
      const c = this.about(f);
      return plain(`IF(${c}="", "", IF(${isYes(c)}, "Yes", "No"))`);
    };
    /** Yes, or a number above 0 (an amount elected, QREs under the directive); blank or No is No. */
    const yesOrAmount = (c: string) =>
      `IF(${c}="", "No", IF(${isYes(c)}, "Yes", IF(IFERROR(${c}*1>0, FALSE), "Yes", "No")))`;
    switch (i) {
      case 'reduced280c':
        return plain(`IF(${isYes(this.about('reduced280c'))}, "Yes", "No")`);
      case 'controlledGroup':
        return yesNo('controlledGroup');
      case 'energyConsortia':
      case 'basicResearchPayments':
      case 'qualifiedOrgBase':
      case 'form8932Credit':
      case 'passThroughCredit':
      case 'allocatedToBeneficiaries':
      case 'priorPayrollElections':
        return amount(i);
      case 'fixedBasePct': {
        const c = this.about('fixedBasePct');
        return plain(
          `IF(${c}="", "Enter Fixed-Base % on About (§41(c)(3))", IF(OR(${c}<0, ${c}>${this.law(FIXED_BASE_PERCENTAGE_CAP)}), "Fixed-Base % on About must be 0%–16% (§41(c)(3)(C))", ${c}))`,
        );
      }
      case 'avgGrossReceipts': {
        const c = this.about('avgGrossReceipts');
        const year = priorYearsColumn(this.cols, 'taxYear');
        const gr = priorYearsColumn(this.cols, 'grossReceipts');
        if (!year || !gr) return plain(`IF(${c}="", "Enter Avg Gross Receipts on About (§41(c)(1)(B))", ${c})`);
        const ks = [1, 2, 3, 4];
        const missing = ks.map((k) => `COUNTIFS(${year}, ${this.ty}-${k}, ${gr}, "<>")=0`).join(', ');
        const average = `(${ks.map((k) => this.prior('grossReceipts', k)).join('+')})/4`;
        return plain(
          `IF(${c}<>"", ${c}, IF(OR(${missing}), "Enter Avg Gross Receipts on About, or Gross Receipts for the 4 preceding years on Prior Years (§41(c)(1)(B))", ${average}))`,
        );
      }
      case 'priorQre3':
        return plain([1, 2, 3].map((k) => this.prior('qre', k)).join('+'));
      case 'payrollElected':
        return plain(yesOrAmount(this.about('payrollElection')));
      case 'payrollAmount': {
        const e = this.about('payrollElection');
        const gr = this.about('grossReceipts');
        const fry = this.about('firstReceiptsYear');
        const available = `RD_PAYROLL_OFFSET(${this.cell('28')}, ${gr}, ${fry}, ${this.ty}, ${this.about('priorPayrollElections')})`;
        // Yes elects the most available; an amount elects that much, never more (§41(h)(4)(B)(i)).
        return plain(
          `IF(${this.cell('33a')}<>"Yes", "", IF(OR(${gr}="", ${fry}=""), "Enter Gross Receipts and First Receipts Year on About (§41(h)(3))", IF(${isYes(e)}, ${available}, MIN(${e}*1, ${available}))))`,
        );
      }
      case 'businessCreditCarryforward': {
        const c = this.about('businessCreditCarryforward');
        return plain(`IF(${c}="", "", ${c})`);
      }
      case 'componentCount':
        return this.study(componentCountFormula(this.cols, this.cell('48')));
      case 'officerWages':
        return this.study(sectionFFormula(this.cols, 'officerWages'));
      case 'acquisitionOrDisposition':
      case 'newQreCategories':
        return yesNo(i);
      case 'asc730Directive':
        return plain(yesOrAmount(this.about('asc730Directive')));
      case 'wages':
      case 'supplies':
      case 'computers':
      case 'contractResearch':
        return this.study(sectionFFormula(this.cols, i));
    }
  }
}

/** Each line's formula in catalogue names (before the host's spelling), or why it cannot be written. */
export function formLineFormulas(
  template: Pick<FirmTemplate, 'sheets'>,
): Map<string, LineFormula | { readonly missing: readonly string[] }> {
  const { cellOf } = formLayout();
  const build = new FormFormulas(template, cellOf);
  const out = new Map<string, LineFormula | { readonly missing: readonly string[] }>();
  for (const spec of FORM_6765_LINES) {
    try {
      out.set(spec.line, build.line(spec));
    } catch (e) {
      if (e instanceof Missing) out.set(spec.line, { missing: e.columns });
      else throw e;
    }
  }
  return out;
}

/** The `Form 6765` sheet for `host`. Every formula passes the template vocabulary check or is written as text. */
export function renderFormSheet(template: FirmTemplate, host: Host): RenderedSheet {
  const { rows, cellOf } = formLayout();
  const values = rows.map((r) => [...r]);
  const formulas: RenderedFormula[] = [];
  const sheetNames = studySheetNames(template);
  for (const [line, f] of formLineFormulas(template)) {
    const cell = cellOf.get(line)!;
    const row = Number(cell.slice(AMOUNT_COLUMN.length)) - 1;
    if ('missing' in f) {
      values[row]![2] = `Not computed here: the template has no ${f.missing.join(', ')} column`;
      continue;
    }
    if (formulaProblems(f.formula, sheetNames).length > 0) {
      values[row]![2] = f.formula; // outside the vocabulary: its text, never a formula
      continue;
    }
    let formula = hostFormula(f.formula, host);
    if (f.array && host === 'sheets') formula = `=ARRAYFORMULA(${formula.slice(1)})`;
    formulas.push({ cell, formula, ...(f.array && host === 'excel' ? { array: true } : {}) });
  }
  return {
    name: FORM_SHEET,
    values,
    formulas,
    validations: [],
    formats: formFormats(cellOf),
    columnWidths: [8, 70, 18, 48],
  };
}

/** Number formats of the Amount cells by line kind, neighbouring rows of one kind sharing a range. */
function formFormats(cellOf: ReadonlyMap<string, string>): RenderedFormat[] {
  const out: { from: number; to: number; format: string }[] = [];
  for (const spec of FORM_6765_LINES) {
    const format = FORMATS[spec.kind];
    const cell = cellOf.get(spec.line);
    if (!format || !cell) continue;
    const row = Number(cell.slice(AMOUNT_COLUMN.length));
    const prev = out[out.length - 1];
    if (prev && prev.to === row - 1 && prev.format === format) prev.to = row;
    else out.push({ from: row, to: row, format });
  }
  return out.map((r) => ({ range: `${AMOUNT_COLUMN}${r.from}:${AMOUNT_COLUMN}${r.to}`, format: r.format }));
}
