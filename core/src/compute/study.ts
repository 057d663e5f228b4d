/**
 * What a study computes to: QREs laid out as Form 6765 (Rev. December 2024) Section F, the
 * alternative simplified and regular credits, the §174/§174A deduction for the study year and
 * the payroll-election amount. Every amount comes from the function catalogue
 * (`callFunction`), exactly what the same formula in a cell returns; this module only picks
 * which rows feed which line, and says which rows it left out and why. A line that cannot be
 * computed carries the reason, pointing at the cell — never a silent number.
 */
import { isBlank, type CellValue } from '../cells';
import { findFunction } from '../catalogue';
import type { Form6765Result } from '../form6765';
import { SEC280C_WITHOUT_ELECTION } from '../law/rules';
import { resolve } from '../law/types';
import { Dec } from '../money';
import { cellRef, sheetRef } from '../study/a1';
import { RowClassifier, type RowClass, type Where } from '../study/classify';
import { fieldRef, readStudy, type Study, type StudyRow, type StudyTable } from '../study/model';
import { headerOf, PRIOR_YEARS, PRIOR_YEARS_RE_FIELDS, type AboutField, type PriorYearField } from '../study/schema';
import type { WorkbookGrids } from '../study/types';
import { readNumber, readYesNo } from '../study/values';
import { amountOf, call, columnOf, sumAmounts, type Amount, type Arg, type Column } from './call';
import { computeForm, payrollWhy, present, priorYearRow, type AboutInputValue, type ClassifiedRow } from './form6765';
import { computeStates, type StateSection } from './states';

export type { Amount } from './call';
export type { StateCreditEntry, StateCreditStep, StateQreLine, StateQres, StateSection } from './states';

export interface ComputeOptions {
  /** Overrides the About sheet's Tax Year. */
  readonly taxYear?: number;
}

export interface FormLine extends Amount {
  readonly line: string;
  readonly label: string;
  readonly citation: string;
  /** Rows that fed the line. */
  readonly rows: number;
}

export interface Exclusion {
  readonly sheet: string;
  readonly cell: string;
  readonly reason: string;
  readonly citation: string;
}

export interface CreditResult extends Amount {
  readonly method: 'asc' | 'regular';
  readonly label: string;
  readonly citation: string;
  /** The inputs the credit used, as the reader should see them. */
  readonly inputs: Readonly<Record<string, string | number | boolean | null>>;
  /** Why it was not computed when its inputs are simply absent (not an error in the study). */
  readonly notApplicable?: string;
}

export interface Sec174Part {
  /** Research or experimental expenditures of the study year (qualified share, 100% of contract research). */
  readonly incurred: Amount;
  /** The deduction in the study year for that vintage, after the §280C(c)(1) reduction. */
  readonly deduction: Amount;
  /**
   * §280C(c)(1) without the reduced-credit election: what the credit claimed takes off this
   * year's deduction (2025 on: the §174A deduction; before 2022: the deduction; 2022–2024: the
   * capital account, by the excess of the credit over the year's amortization). Domestic only.
   */
  readonly reduction280c?: Reduction280c;
  /** The deduction in the study year for earlier vintages listed on Prior Years. */
  readonly priorVintages: Amount;
}

export interface Reduction280c extends Amount {
  /** The deduction before the reduction. */
  readonly before: number | null;
  /**
   * The amount the base (capital account or amount charged to it) is reduced by, when only a
   * share of it falls in this year's deduction (2022–2024 midpoint amortization; §174A(c)).
   */
  readonly basis?: number;
  /** What is reduced, in the law's words (law/federal/sec280c.ts). */
  readonly applies: string;
  readonly citation: string;
}

export interface Sec174Result {
  readonly method: string;
  readonly domestic: Sec174Part;
  readonly foreign: Sec174Part;
  readonly total: Amount;
  readonly citation: string;
}

export interface PayrollResult extends Amount {
  readonly oasdi: number | null;
  readonly medicare: number | null;
  /** Which credit was offered (the larger computed one). */
  readonly creditUsed: 'asc' | 'regular' | null;
  readonly eligible: boolean | null;
  readonly citation: string;
  readonly notApplicable?: string;
  /** Why the amount is what it is: not a qualified small business (and why), a credit of 0, the cap. */
  readonly reason?: string;
}

export interface StudyComputation {
  readonly taxYear: number;
  /** Where the tax year came from: an About cell or the caller's option. */
  readonly taxYearSource: string;
  /** Form 6765 Section F: lines 42, 43, 44, 45 and 48. */
  readonly sectionF: readonly FormLine[];
  readonly reduced280c: boolean;
  readonly credits: { readonly asc: CreditResult; readonly regular: CreditResult };
  readonly sec174: Sec174Result;
  readonly payroll: PayrollResult;
  /** The whole return, line by line (Form 6765 Rev. December 2024). */
  readonly form6765: Form6765Result;
  /**
   * QREs by the state each row's Location names, and each such state's credit (empty lists when
   * no row names a state).
   */
  readonly states: StateSection;
  readonly excluded: readonly Exclusion[];
  readonly notes: readonly string[];
}

export type ComputeResult =
  { readonly ok: true; readonly computation: StudyComputation } | { readonly ok: false; readonly message: string };

// ------------------------------------------------------------------ About fields

/** The About fields as the study reader read them (study/schema.ts ABOUT_FIELDS), each with its cell. */
function aboutInputs(study: Study): Partial<Record<AboutField, AboutInputValue>> {
  const out: Partial<Record<AboutField, AboutInputValue>> = {};
  const fields = study.about?.fields ?? {};
  for (const f of Object.keys(fields) as AboutField[]) {
    const v = fields[f];
    if (v) out[f] = { value: v.value ?? null, ref: cellRef(v.at.sheet, v.at.row, v.at.col) };
  }
  return out;
}

// ------------------------------------------------------------------ the computation

const CITE = {
  wages: 'IRC §41(b)(2)(B), (D); Treas. Reg. §1.41-2(d)(2); Form 6765 (Rev. Dec. 2024) line 42',
  supplies: 'IRC §41(b)(2)(A)(ii), (C); Form 6765 (Rev. Dec. 2024) line 43',
  computers: 'IRC §41(b)(2)(A)(iii); Treas. Reg. §1.41-2(b)(4); Form 6765 (Rev. Dec. 2024) line 44',
  contract: 'IRC §41(b)(3)(A), (C), (D); Form 6765 (Rev. Dec. 2024) line 45',
  total: 'IRC §41(b)(1); Form 6765 (Rev. Dec. 2024) line 48',
  asc: 'IRC §41(c)(4); Form 6765 (Rev. Dec. 2024) Section B',
  regular: 'IRC §41(a)(1), (c); Form 6765 (Rev. Dec. 2024) Section A',
  sec174: 'IRC §174(a) (foreign: 15 years from the midpoint); IRC §174A(a), (c); P.L. 119-21 §70302',
  payroll: 'IRC §41(h); IRC §3111(f); Form 6765 (Rev. Dec. 2024) Section D; Form 8974',
} as const;

export function computeStudy(wb: WorkbookGrids, options: ComputeOptions = {}): ComputeResult {
  const study = readStudy(wb);
  const about = aboutInputs(study);
  const excluded: Exclusion[] = [];
  const notes: string[] = [];
  const exclude = (sheet: string, cell: string, reason: string, citation: string) =>
    excluded.push({ sheet, cell, reason, citation });

  // The tax year: the caller's, else About's. Every credit and §174 amount depends on it, so none is assumed.
  let taxYear: number;
  let taxYearSource: string;
  if (options.taxYear !== undefined) {
    taxYear = options.taxYear;
    taxYearSource = 'option';
  } else {
    const ty = about.taxYear;
    const read = ty ? readNumber(ty.value) : undefined;
    const n = read && read.kind === 'value' ? Number(read.value.toString()) : NaN;
    if (!ty || !present(ty) || !Number.isInteger(n) || n < 1994 || n > 2100) {
      return {
        ok: false,
        message:
          ty && present(ty)
            ? `The Tax Year on the About sheet (${ty.ref}) is not a year; enter the calendar year in which the tax year begins, e.g. 2025.`
            : 'The study records no Tax Year (About sheet); enter the calendar year in which the tax year begins, e.g. 2025.',
      };
    }
    taxYear = n;
    taxYearSource = ty.ref;
  }

  // ---- which line each row feeds, or why it is left out: decided once, by the row classifier
  const classifier = new RowClassifier(taxYear, { allocations: study.allocations });
  const leftOut = <F extends string>(t: StudyTable<F>, r: StudyRow<F>, cls: RowClass) => {
    const e = cls.excluded[0];
    if (e) exclude(t.sheet, fieldRef(t, r.row, e.field as F), e.reason, e.citation);
  };
  /**
   * A table missing a column its rows are classified by cannot be computed: the line is null with
   * the header cell where the column belongs — never 0, and no row is "left out" for it.
   */
  const missingColumn = <F extends string>(t: StudyTable<F>, line: string): Amount | undefined => {
    const missing = t.spec.columns.filter((c) => c.required && t.columns[c.field] === undefined);
    if (missing.length === 0) return undefined;
    const at = cellRef(t.sheet, 1, t.nextFreeColumn);
    return {
      amount: null,
      cell: at,
      error: `${t.sheet} has no ${missing.map((c) => `"${c.header}"`).join(' or ')} column, so line ${line} cannot be computed; add it to the header row (e.g. at ${at}).`,
    };
  };
  const lineError = (a: Amount, line: string): Amount =>
    a.amount === null && a.error && !a.error.startsWith('Line') && !/ column, so line /.test(a.error)
      ? { ...a, error: `Line ${line}: ${a.error}` }
      : a;

  // ---- line 42: wages of US research (the 80% rule per individual: rows with the same Employee are one person)
  const wageRows: StudyRow<string>[] = [];
  const wageRowsForeign: StudyRow<string>[] = [];
  const employeeRows: ClassifiedRow[] = [];
  const emp = study.employees;
  const empMissing = emp ? missingColumn(emp, '42') : undefined;
  if (emp && !empMissing) {
    for (const r of emp.rows) {
      const cls = classifier.employee(emp, r);
      if (cls.line) {
        wageRows.push(r);
        employeeRows.push({ table: emp, row: r, cls });
      } else {
        if (cls.where === 'foreign') wageRowsForeign.push(r);
        leftOut(emp, r, cls);
      }
    }
  }
  const byIndividual = findFunction('RD_WAGE_QRE')?.params.some((p) => p.name === 'employees') ?? false;
  const wagesLine: Amount = !emp
    ? { amount: 0 }
    : empMissing
      ? empMissing
      : wageRows.length === 0
        ? { amount: 0 }
        : lineError(
            amountOf(
              byIndividual
                ? call(
                    'RD_WAGE_QRE',
                    ['wages', 'rd_pct', 'substantially_all', 'employees'],
                    [
                      columnOf(emp, wageRows, 'wages'),
                      columnOf(emp, wageRows, 'rdPct'),
                      true,
                      columnOf(emp, wageRows, 'employee'),
                    ],
                  )
                : call(
                    'RD_WAGE_QRE',
                    ['wages', 'rd_pct'],
                    [columnOf(emp, wageRows, 'wages'), columnOf(emp, wageRows, 'rdPct')],
                  ),
            ),
            '42',
          );

  // ---- lines 43 and 44: supplies and computer rental (cloud)
  const sup = study.supplies;
  const supplyRows: StudyRow<string>[] = [];
  const cloudRows: StudyRow<string>[] = [];
  const supplyClassified: ClassifiedRow[] = [];
  const cloudClassified: ClassifiedRow[] = [];
  const supMissing = sup ? missingColumn(sup, '43 or 44') : undefined;
  if (sup && !supMissing) {
    for (const r of sup.rows) {
      const cls = classifier.supply(sup, r);
      if (cls.line === '43') {
        supplyRows.push(r);
        supplyClassified.push({ table: sup, row: r, cls });
      } else if (cls.line === '44') {
        cloudRows.push(r);
        cloudClassified.push({ table: sup, row: r, cls });
      } else leftOut(sup, r, cls);
    }
  }
  const suppliesLine: Amount = !sup
    ? { amount: 0 }
    : supMissing
      ? supMissing
      : supplyRows.length === 0
        ? { amount: 0 }
        : lineError(
            amountOf(
              call(
                'RD_SUPPLY_QRE',
                ['amounts', 'rd_pct'],
                [columnOf(sup, supplyRows, 'amount'), columnOf(sup, supplyRows, 'rdPct')],
              ),
            ),
            '43',
          );
  const cloudLine: Amount = !sup
    ? { amount: 0 }
    : supMissing
      ? supMissing
      : cloudRows.length === 0
        ? { amount: 0 }
        : lineError(
            amountOf(
              call(
                'RD_CLOUD_QRE',
                ['amounts', 'environments', 'rd_pct'],
                [
                  columnOf(sup, cloudRows, 'amount'),
                  columnOf(sup, cloudRows, 'environment'),
                  columnOf(sup, cloudRows, 'rdPct'),
                ],
              ),
            ),
            '44',
          );

  // ---- line 45: contract research performed in the US, rights kept, taxpayer at risk
  const con = study.contractors;
  const contractRows: StudyRow<string>[] = [];
  const contractClassified: ClassifiedRow[] = [];
  const contractRowsAll: { r: StudyRow<string>; where: Where }[] = [];
  const conMissing = con ? missingColumn(con, '45') : undefined;
  if (con && !conMissing) {
    for (const r of con.rows) {
      const cls = classifier.contractor(con, r);
      contractRowsAll.push({ r, where: cls.where ?? 'unknown' });
      if (cls.line) {
        contractRows.push(r);
        contractClassified.push({ table: con, row: r, cls });
      } else leftOut(con, r, cls);
    }
  }
  const contractLine: Amount = !con
    ? { amount: 0 }
    : conMissing
      ? conMissing
      : contractRows.length === 0
        ? { amount: 0 }
        : lineError(
            amountOf(
              call(
                'RD_CONTRACT_QRE',
                ['amounts', 'rd_pct', 'type'],
                [
                  columnOf(con, contractRows, 'amountPaid'),
                  columnOf(con, contractRows, 'rdPct'),
                  con.columns.contractType === undefined ? null : columnOf(con, contractRows, 'contractType'),
                ],
              ),
            ),
            '45',
          );

  const totalLine = sumAmounts([wagesLine, suppliesLine, cloudLine, contractLine], 'Line 48');
  const sectionF: FormLine[] = [
    { line: '42', label: 'Qualified wages', citation: CITE.wages, rows: wageRows.length, ...wagesLine },
    { line: '43', label: 'Supplies', citation: CITE.supplies, rows: supplyRows.length, ...suppliesLine },
    {
      line: '44',
      label: 'Rental or lease of computers (cloud)',
      citation: CITE.computers,
      rows: cloudRows.length,
      ...cloudLine,
    },
    {
      line: '45',
      label: 'Contract research (after 65% / 75% / 100%)',
      citation: CITE.contract,
      rows: contractRows.length,
      ...contractLine,
    },
    {
      line: '48',
      label: 'Total qualified research expenses',
      citation: CITE.total,
      rows: wageRows.length + supplyRows.length + cloudRows.length + contractRows.length,
      ...totalLine,
    },
  ];

  // ---- §280C(c)
  const reduced = about.reduced280c;
  let reduced280c = false;
  if (present(reduced)) {
    const read = readYesNo(reduced.value);
    if (read.kind === 'value') reduced280c = read.value;
    else
      notes.push(
        `The 280C Election on the About sheet (${reduced.ref}) is not Yes or No; the full credit (no election) is shown.`,
      );
  }

  // ---- ASC, when Prior Years are present
  const qre = totalLine.amount;
  const asc = ascCredit(study.priorYears, taxYear, qre, totalLine, reduced280c);

  // ---- regular credit, when a fixed-base % and average gross receipts are given
  const regular = regularCredit(about, taxYear, qre, totalLine, reduced280c);

  // ---- Form 6765, line by line (the credit claimed on line 28 feeds §280C(c)(1) below)
  const form = computeForm({
    taxYear,
    about,
    reduced280c,
    sectionF: { wages: wagesLine, supplies: suppliesLine, computers: cloudLine, contract: contractLine },
    priorYears: study.priorYears,
    employees: employeeRows,
    supplies: supplyClassified,
    computers: cloudClassified,
    contractors: contractClassified,
    componentsTable: study.components,
    allocations: study.allocations,
    employeesTable: emp,
    classifier,
  });
  notes.push(...form.notes);

  // ---- the states: the same rows, grouped by the state their Location names
  const states = computeStates({
    taxYear,
    sectionF: { '42': wagesLine, '43': suppliesLine, '44': cloudLine, '45': contractLine },
    employees: employeeRows,
    supplies: supplyClassified,
    computers: cloudClassified,
    contractors: contractClassified,
    priorYears: study.priorYears,
    about: study.about,
  });

  // ---- §174 / §174A
  const methodCell = about.sec174Method;
  const method = present(methodCell) ? String(methodCell.value).trim() : 'auto';
  const sec174 = sec174Deduction(
    study,
    taxYear,
    method,
    {
      emp,
      wageRows,
      wageRowsForeign,
      sup,
      supplyRows,
      cloudRows,
      con,
      contractRowsAll,
    },
    { reduced280c, credit: form.creditClaimed, method: form.form.method, why: form.form.methodReason },
  );
  if (
    !study.priorYears ||
    (study.priorYears.columns.domesticRe === undefined && study.priorYears.columns.foreignRe === undefined)
  ) {
    notes.push(
      `§174 earlier vintages: add "${headerOf(PRIOR_YEARS, PRIOR_YEARS_RE_FIELDS.domestic)}" and "${headerOf(PRIOR_YEARS, PRIOR_YEARS_RE_FIELDS.foreign)}" columns to Prior Years to include the amortization of amounts capitalized in earlier years.`,
    );
  }
  notes.push(
    '§174 amounts here are the study’s qualified shares of W-2 Box 1 wages, supplies, cloud and 100% of contract research; §174/§174A costs also include benefits, payroll taxes, overhead and depreciation — add those outside the study.',
  );

  // ---- payroll election
  // Offered against the credit claimed on line 28 (§41(h)(2): at most the research credit for the year).
  const line28 = form.form.lines.find((l) => l.line === '28')?.value;
  const payroll = payrollElection(about, taxYear, {
    method: form.form.method,
    amount: typeof line28 === 'number' ? line28 : null,
  });

  return {
    ok: true,
    computation: {
      taxYear,
      taxYearSource,
      sectionF,
      reduced280c,
      credits: { asc, regular },
      sec174,
      payroll,
      form6765: form.form,
      states,
      excluded,
      notes,
    },
  };
}

function ascCredit(
  t: StudyTable<PriorYearField> | undefined,
  taxYear: number,
  qre: number | null,
  totalLine: Amount,
  reduced280c: boolean,
): CreditResult {
  const base = { method: 'asc' as const, label: 'Alternative simplified credit', citation: CITE.asc };
  if (!t)
    return {
      ...base,
      amount: null,
      inputs: {},
      notApplicable: 'No Prior Years sheet: the ASC needs the QREs of the 3 preceding tax years.',
    };
  const priorValues: CellValue[][] = [];
  const priorRefs: string[] = [];
  const inputs: Record<string, string | number | boolean | null> = { qre, reduced280c };
  for (let k = 1; k <= 3; k++) {
    const year = taxYear - k;
    const row = priorYearRow(t, year);
    if (row && t.columns.qre !== undefined) {
      priorValues.push([row.cells.qre]);
      priorRefs.push(cellRef(t.sheet, row.row, t.columns.qre));
      const q = readNumber(row.cells.qre);
      inputs[`qre${year}`] =
        q.kind === 'value' ? Number(q.value.toString()) : isBlank(row.cells.qre) ? null : String(row.cells.qre);
    } else inputs[`qre${year}`] = null;
  }
  if (qre === null)
    return { ...base, amount: null, inputs, error: `Not computed: ${totalLine.error ?? 'line 48 is not available'}` };
  // A prior year that is absent or blank means no QREs that year: the 6% rate (§41(c)(4)(B)).
  const prior: Column = {
    values: priorValues.length > 0 ? priorValues : [[0]],
    refs: priorValues.length > 0 ? priorRefs : [`${sheetRef(t.sheet)}!B2`],
  };
  const r = call('RD_ASC', ['qre', 'prior_qres', 'reduced_280c', 'tax_year'], [qre, prior, reduced280c, taxYear]);
  return { ...base, inputs, ...amountOf(r) };
}

function regularCredit(
  about: Partial<Record<AboutField, AboutInputValue>>,
  taxYear: number,
  qre: number | null,
  totalLine: Amount,
  reduced280c: boolean,
): CreditResult {
  const base = { method: 'regular' as const, label: 'Regular credit', citation: CITE.regular };
  const fbp = about.fixedBasePct;
  const agr = about.avgGrossReceipts;
  const inputs = { qre, fixedBasePct: fbp?.value ?? null, avgGrossReceipts: agr?.value ?? null, reduced280c } as Record<
    string,
    string | number | boolean | null
  >;
  for (const k of ['fixedBasePct', 'avgGrossReceipts'])
    if (inputs[k] !== null && typeof inputs[k] === 'object') inputs[k] = String(inputs[k]);
  if (!present(fbp) || !present(agr)) {
    return {
      ...base,
      amount: null,
      inputs,
      notApplicable: 'Enter "Fixed-Base %" and "Avg Gross Receipts" on the About sheet to compute the regular credit.',
    };
  }
  if (qre === null)
    return { ...base, amount: null, inputs, error: `Not computed: ${totalLine.error ?? 'line 48 is not available'}` };
  const r = call(
    'RD_REGULAR',
    ['qre', 'fixed_base_pct', 'avg_gross_receipts', 'reduced_280c', 'tax_year'],
    [qre, { values: [[fbp.value]], refs: [fbp.ref] }, { values: [[agr.value]], refs: [agr.ref] }, reduced280c, taxYear],
  );
  const a = amountOf(r);
  // A single-cell argument's message names the argument; say which About cell that is.
  if (a.error) {
    const named = a.error
      .replace(/\bfixed_base_pct\b/, `Fixed-Base % (${fbp.ref})`)
      .replace(/\bavg_gross_receipts\b/, `Avg Gross Receipts (${agr.ref})`);
    return { ...base, inputs, amount: null, error: named };
  }
  return { ...base, inputs, ...a };
}

interface Sec174Rows {
  readonly emp: StudyTable<string> | undefined;
  readonly wageRows: readonly StudyRow<string>[];
  readonly wageRowsForeign: readonly StudyRow<string>[];
  readonly sup: StudyTable<string> | undefined;
  readonly supplyRows: readonly StudyRow<string>[];
  readonly cloudRows: readonly StudyRow<string>[];
  readonly con: StudyTable<string> | undefined;
  readonly contractRowsAll: readonly { r: StudyRow<string>; where: Where }[];
}

interface Credit280c {
  readonly reduced280c: boolean;
  /** The §41(a) credit claimed (line 13 or line 26), exact; null when none is computed. */
  readonly credit: Dec | null;
  readonly method: 'asc' | 'regular' | null;
  readonly why: string;
}

function sec174Deduction(
  study: ReturnType<typeof readStudy>,
  taxYear: number,
  method: string,
  rows: Sec174Rows,
  credit: Credit280c,
): Sec174Result {
  const { emp, sup, con } = rows;
  // Σ amount × R&D % without the 80% rule (that is §41 only) and at 100% for contract research (no 65%).
  const wagesAt = (rs: readonly StudyRow<string>[]): Amount =>
    !emp || rs.length === 0
      ? { amount: 0 }
      : amountOf(
          call(
            'RD_WAGE_QRE',
            ['wages', 'rd_pct', 'substantially_all'],
            [columnOf(emp, rs, 'wages'), columnOf(emp, rs, 'rdPct'), false],
          ),
        );
  const shareOf = (t: StudyTable<string> | undefined, rs: readonly StudyRow<string>[], amountField: string): Amount =>
    !t || rs.length === 0
      ? { amount: 0 }
      : amountOf(
          call('RD_SUPPLY_QRE', ['amounts', 'rd_pct'], [columnOf(t, rs, amountField), columnOf(t, rs, 'rdPct')]),
        );
  const cloud: Amount =
    !sup || rows.cloudRows.length === 0
      ? { amount: 0 }
      : amountOf(
          call(
            'RD_CLOUD_QRE',
            ['amounts', 'environments', 'rd_pct'],
            [
              columnOf(sup, rows.cloudRows, 'amount'),
              columnOf(sup, rows.cloudRows, 'environment'),
              columnOf(sup, rows.cloudRows, 'rdPct'),
            ],
          ),
        );
  const contractsAt = (w: Where) =>
    shareOf(
      con,
      rows.contractRowsAll.filter((x) => x.where === w).map((x) => x.r),
      'amountPaid',
    );

  const incurredDomestic = sumAmounts(
    [wagesAt(rows.wageRows), shareOf(sup, rows.supplyRows, 'amount'), cloud, contractsAt('domestic')],
    'Domestic R&E',
  );
  const incurredForeign = sumAmounts([wagesAt(rows.wageRowsForeign), contractsAt('foreign')], 'Foreign R&E');

  const deductionFor = (incurred: Amount, location: 'domestic' | 'foreign'): Amount => {
    if (incurred.amount === null) return { amount: null, error: incurred.error };
    if (incurred.amount === 0) return { amount: 0 };
    return amountOf(
      call(
        'SEC174_AMORT',
        ['amount', 'year_incurred', 'tax_year', 'location', 'method'],
        [incurred.amount, taxYear, taxYear, location, location === 'domestic' ? method : 'auto'],
      ),
    );
  };

  const priorFor = (location: 'domestic' | 'foreign'): Amount => {
    const t = study.priorYears;
    if (!t) return { amount: 0 };
    const field = PRIOR_YEARS_RE_FIELDS[location];
    const col = t.columns[field];
    if (col === undefined) return { amount: 0 };
    const amounts: Column = { values: [], refs: [] };
    const years: Column = { values: [], refs: [] };
    for (const r of t.rows) {
      const v = r.cells[field];
      if (isBlank(v)) continue;
      amounts.values.push([v]);
      amounts.refs.push(cellRef(t.sheet, r.row, col));
      years.values.push([r.cells.taxYear]);
      years.refs.push(cellRef(t.sheet, r.row, t.columns.taxYear ?? 0));
    }
    if (amounts.values.length === 0) return { amount: 0 };
    return amountOf(
      call(
        'SEC174_AMORT',
        ['amount', 'year_incurred', 'tax_year', 'location', 'method'],
        [amounts, years, taxYear, location, location === 'domestic' ? method : 'auto'],
      ),
    );
  };

  const domesticDeduction = deductionFor(incurredDomestic, 'domestic');
  const domesticPrior = priorFor('domestic');
  const foreignDeduction = deductionFor(incurredForeign, 'foreign');
  const foreignPrior = priorFor('foreign');
  const reduction = reduction280c(taxYear, method, incurredDomestic, domesticDeduction, credit, [
    domesticDeduction,
    domesticPrior,
    foreignDeduction,
    foreignPrior,
  ]);
  const domestic: Sec174Part = {
    incurred: incurredDomestic,
    deduction: reduction.after,
    priorVintages: domesticPrior,
    reduction280c: reduction.line,
  };
  const foreign: Sec174Part = {
    incurred: incurredForeign,
    deduction: foreignDeduction,
    priorVintages: foreignPrior,
  };
  return {
    method,
    domestic,
    foreign,
    total: sumAmounts(
      [domestic.deduction, domestic.priorVintages, foreign.deduction, foreign.priorVintages],
      'The §174/§174A deduction',
    ),
    citation: CITE.sec174,
  };
}

/**
 * §280C(c)(1) without the reduced-credit election (law/federal/sec280c.ts, by period): from 2025
 * the §174A domestic deduction (or amount charged to capital account) is reduced by the credit;
 * 2022–2024 the capital account is reduced by the excess of the credit over the year's §174
 * deduction; before 2022 the deduction is reduced by the credit. The reduced base is deducted by
 * the same method (so under §174A(c) or the 2022–2024 midpoint rule only this year's share of the
 * reduction falls in this year). With the election (Item A), nothing is reduced.
 */
function reduction280c(
  taxYear: number,
  method: string,
  incurred: Amount,
  deduction: Amount,
  credit: Credit280c,
  yearDeductions: readonly Amount[],
): { after: Amount; line: Reduction280c } {
  const rule = resolve(SEC280C_WITHOUT_ELECTION, taxYear);
  const citation = rule.citations.join('; ');
  const base = { applies: rule.value, citation, before: deduction.amount };
  if (credit.reduced280c)
    return {
      after: deduction,
      line: { ...base, amount: 0, applies: 'nothing: the reduced credit is elected (Item A, §280C(c)(2))' },
    };
  if (deduction.amount === null || incurred.amount === null)
    return { after: deduction, line: { ...base, amount: null, error: deduction.error ?? incurred.error } };
  if (credit.credit === null)
    return {
      after: {
        amount: null,
        error: `The §280C(c)(1) reduction needs the credit claimed, which is not computed: ${credit.why}`,
      },
      line: { ...base, amount: null, error: `Not computed: ${credit.why}` },
    };
  let reduceBy = credit.credit;
  if (rule.value.startsWith('capital account')) {
    // 2022–2024: only the excess of the credit over the year's §174 deduction (all vintages).
    const allowed = sumAmounts(yearDeductions, 'The year’s §174 deduction');
    if (allowed.amount === null) return { after: deduction, line: { ...base, amount: null, error: allowed.error } };
    reduceBy = Dec.max(0, credit.credit.minus(allowed.amount));
  }
  const cents = (d: Dec) => Number(d.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toString());
  const newBase = Dec.max(0, new Dec(incurred.amount).minus(reduceBy));
  if (reduceBy.isZero()) return { after: deduction, line: { ...base, amount: 0 } };
  const after = newBase.isZero()
    ? { amount: 0 }
    : amountOf(
        call(
          'SEC174_AMORT',
          ['amount', 'year_incurred', 'tax_year', 'location', 'method'],
          [cents(newBase), taxYear, taxYear, 'domestic', method],
        ),
      );
  const reducedBy = after.amount === null ? null : cents(new Dec(deduction.amount).minus(after.amount));
  return {
    after,
    line: {
      ...base,
      amount: reducedBy,
      ...(rule.value.startsWith('capital account')
        ? { basis: cents(reduceBy) }
        : rule.value.startsWith('§174A') && method !== 'elect_60'
          ? {}
          : { basis: cents(reduceBy) }),
    },
  };
}

function payrollElection(
  about: Partial<Record<AboutField, AboutInputValue>>,
  taxYear: number,
  claimed: { readonly method: 'asc' | 'regular' | null; readonly amount: number | null },
): PayrollResult {
  const base = { citation: CITE.payroll };
  const gr = about.grossReceipts;
  const fry = about.firstReceiptsYear;
  const best = claimed.method !== null && claimed.amount !== null ? claimed : undefined;
  if (!present(gr) || !present(fry)) {
    return {
      ...base,
      amount: null,
      oasdi: null,
      medicare: null,
      creditUsed: null,
      eligible: null,
      notApplicable:
        'Enter "Gross Receipts" and "First Receipts Year" on the About sheet to test the payroll election (qualified small business, §41(h)(3)).',
    };
  }
  if (!best)
    return {
      ...base,
      amount: null,
      oasdi: null,
      medicare: null,
      creditUsed: null,
      eligible: null,
      error: 'Not computed: no credit was computed.',
    };
  const prior = about.priorPayrollElections;
  const args = (portion: string): Arg[] => [
    best.amount,
    { values: [[gr.value]], refs: [gr.ref] },
    { values: [[fry.value]], refs: [fry.ref] },
    taxYear,
    present(prior) ? { values: [[prior.value]], refs: [prior.ref] } : null,
    portion,
  ];
  const names = ['credit', 'gross_receipts', 'first_receipts_year', 'tax_year', 'prior_elections', 'portion'];
  const rename = (e: string) =>
    e
      .replace(/\bgross_receipts\b/, `Gross Receipts (${gr.ref})`)
      .replace(/\bfirst_receipts_year\b/, `First Receipts Year (${fry.ref})`)
      .replace(/\bprior_elections\b/, `Prior Payroll Elections (${prior?.ref ?? 'About'})`);
  const total = amountOf(call('RD_PAYROLL_OFFSET', names, args('total')));
  if (total.amount === null)
    return {
      ...base,
      amount: null,
      oasdi: null,
      medicare: null,
      creditUsed: best.method,
      eligible: null,
      error: rename(total.error ?? ''),
    };
  const oasdi = amountOf(call('RD_PAYROLL_OFFSET', names, args('oasdi')));
  const medicare = amountOf(call('RD_PAYROLL_OFFSET', names, args('medicare')));
  const reason = payrollWhy({ about, taxYear }, new Dec(best.amount ?? 0));
  return {
    ...base,
    amount: total.amount,
    oasdi: oasdi.amount,
    medicare: medicare.amount,
    creditUsed: best.method,
    // Eligible = a qualified small business with elections left (§41(h)(3), (4)(B)(ii)), whatever the credit.
    eligible: !reason.startsWith('not a qualified small business') && !reason.startsWith('no election left'),
    reason,
  };
}
