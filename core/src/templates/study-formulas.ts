/**
 * Formulas over the study's sheets that more than one generated sheet writes — the Section F
 * lines 42–45 of both the Summary and the Form 6765 sheet come from here, once. Columns are found
 * in the template's own layout by the study reader's headers (and aliases), so a firm template
 * that orders its columns differently still gets formulas over the right cells.
 *
 * The words are the row classifier's own (study/classify.ts) and where research is done is its own
 * test (RD_IN_US), so a formula leaves out exactly the rows `rdtax compute` and the validator leave out.
 */
import { sheetRef, columnLetter } from '../study/a1';
import { PRODUCTION_ENVIRONMENTS, SUPPLY_CATEGORY_WORDS } from '../study/classify';
import {
  ALLOCATIONS,
  COMPONENTS,
  CONTRACTORS,
  EMPLOYEES,
  PRIOR_YEARS,
  SUPPLIES,
  type ContractorField,
  type EmployeeField,
  type PriorYearField,
  type SupplyField,
  type TableSpec,
} from '../study/schema';
import { YES_WORDS } from '../study/values';
import { DEFAULT_ROWS, headerMatches, studyTableOf } from './layout';
import type { TemplateSheet } from './types';

/** 1 on each row whose cell holds one of `words`, else 0 (a spreadsheet's "=" ignores case). */
export const oneOf = (cells: string, words: readonly string[]) =>
  `(${words.map((w) => `(${cells}="${w}")`).join('+')})`;
/** 1 on each row whose Location is research in the United States (§41(d)(4)(F)): the classifier's own test, in a cell. */
const inUs = (cells: string) => `RD_IN_US(${cells})`;
/** A Yes/No cell that reads Yes: the words, or a logical TRUE. */
export const isYes = (cells: string) => `(${oneOf(cells, YES_WORDS).slice(1, -1)}+(${cells}=TRUE))`;
/** Production environments, also as typed with a hyphen ("customer-facing"). */
const PRODUCTION_WORDS = [
  ...new Set(PRODUCTION_ENVIRONMENTS.flatMap((w) => (w.includes(' ') ? [w, w.replace(/ /g, '-')] : [w]))),
];
const SUPPLY_WORDS = [...SUPPLY_CATEGORY_WORDS]
  .filter(([, c]) => c === 'supply')
  .map(([w]) => w.charAt(0).toUpperCase() + w.slice(1));

/** Where each study column is in a template's sheets: `Employees!D2:D1000`, or undefined when it is not laid out. */
export interface StudyColumns {
  range<F extends string>(table: TableSpec<F>, field: F): string | undefined;
  /** The sheet that is the table, as a formula names it (`'Prior Years'`). */
  sheet(table: TableSpec): string | undefined;
}

export function studyColumns(sheets: readonly TemplateSheet[]): StudyColumns {
  const sheetOf = (table: TableSpec) => sheets.find((s) => studyTableOf(s.name) === table);
  return {
    range<F extends string>(table: TableSpec<F>, field: F) {
      const sheet = sheetOf(table);
      const spec = table.columns.find((c) => c.field === field);
      if (!sheet || !spec) return undefined;
      const i = sheet.columns.findIndex((c) => headerMatches(c.header, spec));
      if (i < 0) return undefined;
      const c = columnLetter(i);
      return `${sheetRef(sheet.name)}!${c}2:${c}${DEFAULT_ROWS}`;
    },
    sheet(table: TableSpec) {
      const sheet = sheetOf(table);
      return sheet ? sheetRef(sheet.name) : undefined;
    },
  };
}

/** A formula's body (without "="), or the columns it needs and the template lacks. */
export type StudyFormula = { readonly body: string; readonly array: boolean } | { readonly missing: readonly string[] };

function need<F extends string>(cols: StudyColumns, table: TableSpec<F>, fields: readonly F[]) {
  const ranges = fields.map((f) => cols.range(table, f));
  const missing = fields
    .filter((_, i) => ranges[i] === undefined)
    .map((f) => {
      const header = table.columns.find((c) => c.field === f)?.header ?? f;
      return `${table.sheet} › ${header}`;
    });
  return { ranges: ranges as string[], missing };
}

/** The Section F lines a study formula computes (Form 6765 lines 42–45), and line 38. */
export type SectionFLine = 'wages' | 'supplies' | 'computers' | 'contractResearch' | 'officerWages';

/**
 * Form 6765 (Rev. December 2024) Section F lines 42–45 and line 38, over the study's rows. Each
 * passes only the amounts of the rows that feed it (IF over the range, element-wise, so an array
 * formula): research in the US (§41(d)(4)(F)); contract research with rights retained and the
 * taxpayer at risk (§41(d)(4)(H); Treas. Reg. §1.41-2(e)); supplies by Category, never in
 * production; line 38 the wages of the rows whose Officer reads Yes.
 */
export function sectionFFormula(cols: StudyColumns, line: SectionFLine): StudyFormula {
  switch (line) {
    case 'wages':
    case 'officerWages': {
      const fields: EmployeeField[] =
        line === 'wages'
          ? ['employee', 'location', 'wages', 'rdPct']
          : ['employee', 'location', 'wages', 'rdPct', 'officer'];
      const { ranges, missing } = need(cols, EMPLOYEES, fields);
      if (missing.length > 0) return { missing };
      const [employee, loc, wages, pct, officer] = ranges;
      const domestic = inUs(loc!);
      // The Employee column makes rows naming one person one individual for the 80% rule (§41(b)(2)(B)).
      if (!officer)
        return { body: `RD_WAGE_QRE(IF(${domestic}, ${wages}, 0), ${pct}, TRUE, ${employee})`, array: true };
      // Line 38 reads only the officers' rows: another row's R&D % or name is not its business (compute reads them alone).
      const mask = `${domestic}*${isYes(officer)}`;
      return {
        body: `RD_WAGE_QRE(IF(${mask}, ${wages}, 0), IF(${mask}, ${pct}, 0), TRUE, IF(${mask}, ${employee}, ""))`,
        array: true,
      };
    }
    case 'supplies': {
      const { ranges, missing } = need<SupplyField>(cols, SUPPLIES, ['category', 'environment', 'amount', 'rdPct']);
      if (missing.length > 0) return { missing };
      const [cat, env, amount, pct] = ranges;
      return {
        body: `RD_SUPPLY_QRE(IF(${oneOf(cat!, SUPPLY_WORDS)}*(1-${oneOf(env!, PRODUCTION_WORDS)}), ${amount}, 0), ${pct})`,
        array: true,
      };
    }
    case 'computers': {
      const { ranges, missing } = need<SupplyField>(cols, SUPPLIES, ['category', 'environment', 'amount', 'rdPct']);
      if (missing.length > 0) return { missing };
      const [cat, env, amount, pct] = ranges;
      return { body: `RD_CLOUD_QRE(IF(${cat}="Cloud", ${amount}, 0), ${env}, ${pct})`, array: true };
    }
    case 'contractResearch': {
      const { ranges, missing } = need<ContractorField>(cols, CONTRACTORS, [
        'location',
        'rightsRetained',
        'financialRisk',
        'amountPaid',
        'rdPct',
        'contractType',
      ]);
      if (missing.length > 0) return { missing };
      const [loc, rights, risk, amount, pct, type] = ranges;
      return {
        body: `RD_CONTRACT_QRE(IF(${inUs(loc!)}*${isYes(rights!)}*${isYes(risk!)}, ${amount}, 0), ${pct}, ${type})`,
        array: true,
      };
    }
  }
}

/** The Prior Years columns a formula reads by tax year (SUMIF over Tax Year). */
export function priorYearsColumn(cols: StudyColumns, field: PriorYearField): string | undefined {
  return cols.range(PRIOR_YEARS, field);
}

/**
 * Business components generating QREs (Form 6765 line 37): the names on Components (each counted
 * once, whatever its case) that some Employees, Allocations, Supplies or Contractors row names;
 * blank while line 48 (`line48`, its cell) is not computed, as in `rdtax compute`.
 */
export function componentCountFormula(cols: StudyColumns, line48: string): StudyFormula {
  const names = cols.range(COMPONENTS, 'component');
  if (!names) return { missing: [`${COMPONENTS.sheet} › Business Component`] };
  const users = [
    cols.range(EMPLOYEES, 'component'),
    cols.range(ALLOCATIONS, 'component'),
    cols.range(SUPPLIES, 'component'),
    cols.range(CONTRACTORS, 'component'),
  ].filter((r): r is string => r !== undefined);
  if (users.length === 0) return { body: `IFERROR(${line48}*0, "")`, array: false };
  const used = users.map((r) => `COUNTIF(${r}, ${names})`).join('+');
  const once = `(COUNTIF(${names}, ${names})+(${names}=""))`;
  return { body: `IFERROR(${line48}*0+SUMPRODUCT((${names}<>"")*((${used})>0)/${once}), "")`, array: true };
}
