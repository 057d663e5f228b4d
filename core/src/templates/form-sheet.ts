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
 * Section G is live too: whether it is required and why (the law's thresholds by About's Tax
 * Year, line 33a, line 48 and About's Gross Receipts), 49(a)–(b) from About, then a table with one
 * row per row of the Components sheet (its first SECTION_G_ROWS rows: the most Section G lists) —
 * 49(c)–(f) from Components, lines 50–56 from RD_COMPONENT_QRE (the row classifier's rows grouped
 * by component and qualified service exactly as compute groups them), the component's QRE, its
 * rank (descending, ties in Components order) and whether it is listed (until the listed QREs
 * reach 80% of line 48, at most 50) — and a row for the QREs that name no component. A name
 * repeated on Components is shown once, as compute lists it once; a component named on a QRE row
 * but not on Components has no row here (component/unknown asks to add it).
 *
 * It is meant to equal `rdtax compute` line by line (a test evaluates it).
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
import {
  FIXED_BASE_PERCENTAGE_CAP,
  SECTION_G_EXEMPT_QRE,
  SECTION_G_EXEMPT_RECEIPTS,
  SECTION_G_LISTED_SHARE,
  SECTION_G_MAX_COMPONENTS,
  SECTION_G_REQUIRED,
} from '../law/rules';
import { DEFAULT_TAX_YEAR, resolve, type Rule } from '../law/types';
import { columnIndex, columnLetter, sheetRef } from '../study/a1';
import {
  ALLOCATIONS,
  COMPONENTS,
  CONTRACTORS,
  CREDIT_METHOD_WORDS,
  EMPLOYEES,
  SUPPLIES,
  type AboutField,
  type ComponentField,
  type TableSpec,
} from '../study/schema';
import { formulaProblems, hostFormula, studySheetNames } from './formula';
import { aboutCell, DEFAULT_ROWS, FORM_SHEET, studyTableOf } from './layout';
import {
  componentCountFormula,
  isYes,
  priorYearsColumn,
  sectionFFormula,
  studyColumns,
  type StudyColumns,
} from './study-formulas';
import type { FirmTemplate, Host, RenderedFormat, RenderedFormula, RenderedSheet, TemplateSheet } from './types';

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

/** Rows of the Section G table: the most components Section G lists (one per row of Components). */
export const SECTION_G_ROWS = resolve(SECTION_G_MAX_COMPONENTS, DEFAULT_TAX_YEAR).value;

/** The Section G table's columns: A rank, B–E 49(c)–(f), F–L lines 50–56, M the QRE, N listed. */
export const SECTION_G_COLUMNS = {
  rank: 'A',
  name: 'B',
  '49d': 'C',
  '49e': 'D',
  '49f': 'E',
  '50': 'F',
  '51': 'G',
  '52': 'H',
  '53': 'I',
  '54': 'J',
  '55': 'K',
  '56': 'L',
  qre: 'M',
  listed: 'N',
} as const;
const G_AMOUNT_LINES = ['50', '51', '52', '53', '54', '55', '56'] as const;

/** Where Section G is on the sheet (1-based rows). */
export interface SectionGLayout {
  /** Required? Yes/No in C, the reason in B. */
  readonly requiredRow: number;
  /** 49(a) and 49(b): the value in C. */
  readonly einRow: number;
  readonly codeRow: number;
  /** The table's header row; its component rows follow, SECTION_G_ROWS of them. */
  readonly headerRow: number;
  readonly firstRow: number;
  readonly lastRow: number;
  /** The QREs that name no business component. */
  readonly unassignedRow: number;
}

/** The row of each line of the form on the sheet, and the rows themselves. */
export interface FormLayout {
  readonly rows: readonly CellValue[][];
  /** Line ("13", "A") → its Amount cell ("C19"). */
  readonly cellOf: ReadonlyMap<string, string>;
  readonly g: SectionGLayout;
}

const G_CITATION = resolve(SECTION_G_REQUIRED, DEFAULT_TAX_YEAR).citations.join('; ');

/** Rows: header, then each section's title row and its lines; Section G its required row, 49(a)–(b) and its table. */
export function formLayout(): FormLayout {
  const rows: CellValue[][] = [[...FORM_COLUMNS]];
  const cellOf = new Map<string, string>();
  let g: SectionGLayout | undefined;
  for (const section of FORM_6765_SECTIONS) {
    rows.push([null, section.title, null, null]);
    if (section.id === 'G') {
      rows.push(['Required', null, null, G_CITATION]);
      const requiredRow = rows.length;
      const spec = (line: string) => FORM_6765_G_LINES.find((x) => x.line === line)!;
      for (const line of ['49a', '49b']) rows.push([line, spec(line).label, null, spec(line).citation]);
      rows.push([
        null,
        `One row per business component on the Components sheet (its first ${SECTION_G_ROWS} rows), its QREs by line from the study's rows (Allocations, the 80% rule per individual) as rdtax compute groups them; listed in descending QREs (ties in Components order) until they reach 80% of line 48, at most ${SECTION_G_ROWS}.`,
        null,
        null,
      ]);
      const header = (line: string) => `${line.replace(/^49(.)$/, '49($1)')} ${spec(line).label}`;
      rows.push([
        'Rank',
        header('49c'),
        header('49d'),
        header('49e'),
        header('49f'),
        ...G_AMOUNT_LINES.map(header),
        'QRE',
        'Listed',
      ]);
      const headerRow = rows.length;
      const blank = (): CellValue[] => Array.from({ length: Object.keys(SECTION_G_COLUMNS).length }, () => null);
      for (let i = 0; i < SECTION_G_ROWS; i++) rows.push(blank());
      const unassigned = blank();
      unassigned[1] = 'Unassigned: QREs that name no business component';
      rows.push(unassigned);
      g = {
        requiredRow,
        einRow: requiredRow + 1,
        codeRow: requiredRow + 2,
        headerRow,
        firstRow: headerRow + 1,
        lastRow: headerRow + SECTION_G_ROWS,
        unassignedRow: rows.length,
      };
      continue;
    }
    for (const l of FORM_6765_LINES.filter((x) => x.section === section.id)) {
      rows.push([l.line, l.label, null, l.citation]);
      cellOf.set(l.line, `${AMOUNT_COLUMN}${rows.length}`);
    }
  }
  if (!g) throw new RangeError('Form 6765 has no Section G');
  return { rows, cellOf, g };
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

/** A whole study table as a formula reads it, header row included (`Employees!A1:I1000`), if the template has it. */
function tableRange(sheets: readonly TemplateSheet[], spec: TableSpec): string | undefined {
  const sheet = sheets.find((s) => studyTableOf(s.name) === spec);
  if (!sheet || sheet.columns.length === 0) return undefined;
  return `${sheetRef(sheet.name)}!A1:${columnLetter(sheet.columns.length - 1)}${DEFAULT_ROWS}`;
}

/** One cell of a study column range (`Components!A2:A1000`, sheet row 5 → `Components!A5`). */
function cellIn(range: string, row: number): string {
  const bang = range.lastIndexOf('!');
  const letters = /^([A-Z]+)/.exec(range.slice(bang + 1))?.[1] ?? 'A';
  return `${range.slice(0, bang + 1)}${letters}${row}`;
}

/** A Section G cell's formula (catalogue names), or why it cannot be written. */
type GFormula =
  { readonly cell: string; readonly formula: string } | { readonly cell: string; readonly missing: readonly string[] };

/**
 * Section G's formulas: required and why, 49(a)–(b), and per Components row its name, type,
 * software type, information sought, lines 50–56, QRE, rank and whether it is listed.
 */
export function sectionGFormulas(template: Pick<FirmTemplate, 'sheets'>): GFormula[] {
  const { cellOf, g } = formLayout();
  const cols = studyColumns(template.sheets);
  const ty = aboutCell('taxYear');
  const law = (rule: Rule<unknown>) => `RD_LAW_VALUE("${rule.id}", ${ty})`;
  const line = (l: string) => cellOf.get(l)!;
  const out: GFormula[] = [];

  // Required, and why (the instructions' exemptions, in compute's order).
  const gr = aboutCell('grossReceipts');
  const l48 = line('48');
  const required = `${law(SECTION_G_REQUIRED)}=0`;
  const payroll = `${line('33a')}="Yes"`;
  const exempt = `IFERROR(AND(${l48}<=${law(SECTION_G_EXEMPT_QRE)}, ${gr}<>"", ${gr}*1<=${law(SECTION_G_EXEMPT_RECEIPTS)}), FALSE)`;
  const needReceipts = `IFERROR(AND(${l48}<=${law(SECTION_G_EXEMPT_QRE)}, ${gr}=""), FALSE)`;
  out.push({
    cell: `C${g.requiredRow}`,
    formula: `=IF(${required}, "No", IF(${payroll}, "No", IF(${exempt}, "No", "Yes")))`,
  });
  out.push({
    cell: `B${g.requiredRow}`,
    formula: `=IF(${required}, "Optional: Section G is required for tax years beginning in 2026 or later; filled in anyway.", IF(${payroll}, "Not required: a qualified small business electing the payroll tax credit (line 33a) is exempt; filled in anyway.", IF(${exempt}, "Not required: line 48 and Gross Receipts on About are within the exemption (for an original return); filled in anyway.", IF(${needReceipts}, "Required unless gross receipts are within the exemption: enter Gross Receipts on About.", "Required: a tax year beginning after 2025, no payroll election (line 33a), and QREs (line 48) or gross receipts over the exemption."))))`,
  });
  for (const [row, f] of [
    [g.einRow, 'ein'],
    [g.codeRow, 'businessActivityCode'],
  ] as const) {
    const c = aboutCell(f);
    out.push({ cell: `C${row}`, formula: `=IF(${c}="", "", ${c})` });
  }

  // The table.
  const C = SECTION_G_COLUMNS;
  const names = cols.range(COMPONENTS, 'component');
  const components = tableRange(template.sheets, COMPONENTS);
  const employees = tableRange(template.sheets, EMPLOYEES);
  const missing = [
    ...(names && components ? [] : [`${COMPONENTS.sheet} › Business Component`]),
    ...(employees ? [] : [`${EMPLOYEES.sheet} sheet`]),
  ];
  const tables = [
    components,
    employees,
    ...[SUPPLIES, CONTRACTORS, ALLOCATIONS].map((t) => tableRange(template.sheets, t) ?? '""'),
  ].join(', ');
  const amount = (component: string, l: string) => `RD_COMPONENT_QRE(${component}, ${l}, ${ty}, ${tables})`;
  const first = g.firstRow;
  const last = g.lastRow;
  const tableRows = [...Array.from({ length: SECTION_G_ROWS }, (_, i) => first + i), g.unassignedRow];
  for (const r of tableRows) {
    const unassigned = r === g.unassignedRow;
    const cells: [string, string][] = [];
    const name = `${C.name}${r}`;
    const guard = (f: string) => (unassigned ? f : `IF(${name}="", "", ${f})`);
    if (!unassigned && names) {
      const k = r - g.firstRow + 2; // its Components row
      const n = cellIn(names, k);
      const repeated =
        k > 2
          ? `, COUNTIF(${cellIn(names, 2)}:${cellIn(names, k - 1).slice(cellIn(names, k - 1).lastIndexOf('!') + 1)}, ${n})>0`
          : '';
      cells.push([name, repeated ? `=IF(OR(${n}=""${repeated}), "", ${n})` : `=IF(${n}="", "", ${n})`]);
      for (const [col, field] of [
        [C['49d'], 'type'],
        [C['49e'], 'softwareType'],
        [C['49f'], 'informationSought'],
      ] as const) {
        const range = cols.range(COMPONENTS, field as ComponentField);
        if (!range) continue;
        const v = cellIn(range, k);
        cells.push([`${col}${r}`, `=IF(${name}="", "", IF(${v}="", "", ${v}))`]);
      }
    }
    const component = unassigned ? '""' : name;
    for (const l of G_AMOUNT_LINES) {
      if (l === '53') continue;
      cells.push([`${C[l]}${r}`, `=${guard(amount(component, l))}`]);
    }
    cells.push([`${C['53']}${r}`, `=${guard(`${C['50']}${r}+${C['51']}${r}+${C['52']}${r}`)}`]);
    cells.push([`${C.qre}${r}`, `=${guard(`ROUND(${C['53']}${r}+${C['54']}${r}+${C['55']}${r}+${C['56']}${r}, 2)`)}`]);
    if (!unassigned) {
      const q = `${C.qre}${r}`;
      const all = `${C.qre}${first}:${C.qre}${last}`;
      const above = r > first ? `${C.qre}${first}:${C.qre}${r - 1}` : undefined;
      const ties = above ? `+COUNTIF(${above}, ${q})` : '';
      cells.push([`${C.rank}${r}`, `=IF(${name}="", "", IF(${q}>0, 1+COUNTIF(${all}, ">"&${q})${ties}, ""))`]);
      // Listed: among the first 50, and the QREs ranked before it are still short of 80% of line 48.
      const before = `SUMIF(${all}, ">"&${q})${above ? `+${q}*COUNTIF(${above}, ${q})` : ''}`;
      const rank = `${C.rank}${r}`;
      cells.push([
        `${C.listed}${r}`,
        `=IF(${rank}="", "", IF(AND(${rank}<=${law(SECTION_G_MAX_COMPONENTS)}, OR(${rank}=1, IFERROR(${before}<${l48}*${law(SECTION_G_LISTED_SHARE)}, TRUE))), "Yes", "No"))`,
      ]);
    }
    for (const [cell, formula] of cells) out.push(missing.length > 0 ? { cell, missing } : { cell, formula });
  }
  // In the order a file stores its cells: by row, then by column.
  const at = (cell: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
    return Number(m[2]) * 1000 + (columnIndex(m[1]!) ?? 0);
  };
  return out.sort((a, b) => at(a.cell) - at(b.cell));
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
  const { rows, cellOf, g } = formLayout();
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
  for (const f of sectionGFormulas(template)) {
    const m = /^([A-Z]+)(\d+)$/.exec(f.cell)!;
    const row = Number(m[2]) - 1;
    const col = columnIndex(m[1]!) ?? 0;
    if ('missing' in f) {
      if (f.cell === `${SECTION_G_COLUMNS['50']}${g.firstRow}`)
        values[row]![col] = `Not computed here: the template has no ${f.missing.join(', ')}`;
      continue;
    }
    if (formulaProblems(f.formula, sheetNames).length > 0) {
      values[row]![col] = f.formula;
      continue;
    }
    formulas.push({ cell: f.cell, formula: hostFormula(f.formula, host) });
  }
  return {
    name: FORM_SHEET,
    values,
    formulas,
    validations: [],
    formats: [
      ...formFormats(cellOf),
      {
        range: `${SECTION_G_COLUMNS['50']}${g.firstRow}:${SECTION_G_COLUMNS.qre}${g.unassignedRow}`,
        format: '#,##0.00',
      },
      { range: `${SECTION_G_COLUMNS.rank}${g.firstRow}:${SECTION_G_COLUMNS.rank}${g.lastRow}`, format: '0' },
    ],
    columnWidths: [8, 70, 18, 48, 40, 16, 16, 16, 16, 16, 16, 16, 16, 8],
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
