/**
 * Catalogue: the law's values by tax year, for formulas that follow the form line by line (the
 * templates' `Form 6765` sheet reads its rates through RD_LAW_VALUE, so a study for 2017 and one for
 * 2025 each get that year's §280C factor, from the same law data `rdtax compute` resolves), and
 * Section G's amounts per business component (RD_COMPONENT_QRE: the study's own tables, read by
 * their headers and grouped by the row classifier exactly as `rdtax compute` groups them).
 */
import {
  AMOUNT_LIMIT,
  AMOUNT_LIMIT_TEXT,
  ArgumentError,
  cellsOf,
  errorValueText,
  isBlank,
  isOmitted,
  listWords,
  quoteText,
  readText,
  scalarOf,
  type CellArg,
  type CellValue,
} from '../cells';
import { sectionGComponents, type ClassifiedRow } from '../compute/section-g';
import type { SectionGComponent } from '../form6765/result';
import { ALL_RULES } from '../law/registry';
import { DEFAULT_TAX_YEAR, NotInForce, resolve, type Rule } from '../law/types';
import { RowClassifier } from '../study/classify';
import { readStudy, type Study, type StudyTable } from '../study/model';
import { ALLOCATIONS, COMPONENTS, CONTRACTORS, EMPLOYEES, SUPPLIES, type TableSpec } from '../study/schema';
import { nameKey } from '../study/values';
import { readTaxYear, required } from './read';
import type { ArgList, FunctionSpec } from './types';

const NUMERIC = /^-?[0-9]+(\.[0-9]+)?$/;

let byId: ReadonlyMap<string, Rule<unknown>> | undefined;
/** Built on first use: hosts re-run top-level code on every call. */
function rulesById(): ReadonlyMap<string, Rule<unknown>> {
  if (!byId) byId = new Map(ALL_RULES.map((r) => [r.id.toLowerCase(), r] as const));
  return byId;
}

/**
 * The ids a mistyped `id` may mean: those it begins ("credit.asc.rat" → "credit.asc.rate"), else
 * those sharing its longest leading part ("credit.asc.x" → the credit.asc.* ids).
 */
function nearIds(id: string): string[] {
  const lower = id.toLowerCase();
  const begun = ALL_RULES.map((r) => r.id).filter((r) => r.startsWith(lower));
  if (begun.length > 0) return begun;
  const parts = lower.split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const prefix = `${parts.slice(0, n).join('.')}.`;
    const near = ALL_RULES.map((r) => r.id).filter((r) => r.startsWith(prefix));
    if (near.length > 0) return near;
  }
  return [];
}

const LAW_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: 'RD_LAW_VALUE',
    summary:
      'A numeric value of the law (a rate, factor, amount or count; a yes/no rule is 1 or 0) for the tax year, by its rule id as docs/law.md lists it.',
    params: [
      {
        name: 'rule_id',
        kind: 'text',
        optional: false,
        help: 'The rule id, e.g. "credit.asc.rate" or "credit.280c.reduced-credit-factor" (docs/law.md).',
      },
      {
        name: 'tax_year',
        kind: 'year',
        optional: true,
        default: String(DEFAULT_TAX_YEAR),
        help: 'Calendar year in which the tax year begins.',
      },
    ],
    citations: ['docs/law.md (every rule: its id, its value by tax year and its citation)'],
    returns: 'number',
    example: '=RD_LAW_VALUE("credit.280c.reduced-credit-factor", 2025)',
    impl: (args) => {
      const id = readText(
        scalarOf(required(args, 'rule_id'), 'rule_id'),
        { arg: 'rule_id' },
        'a rule id such as "credit.asc.rate"',
      );
      const taxYear = readTaxYear(args, 'tax_year', true);
      const rule = rulesById().get(id.toLowerCase());
      if (!rule) {
        const near = nearIds(id);
        throw new ArgumentError(
          'not-available',
          `rule_id: ${quoteText(id)} is not a rule of the law${near.length > 0 ? `; did you mean ${listWords(near)}?` : ''} (docs/law.md lists every rule id).`,
          { arg: 'rule_id' },
        );
      }
      let value: unknown;
      let citation: string;
      try {
        const r = resolve(rule, taxYear);
        value = r.value;
        citation = r.citations[0];
      } catch (e) {
        if (e instanceof NotInForce)
          throw new ArgumentError(
            'not-available',
            `${rule.id} (${rule.title}) is not in force for tax years beginning in ${taxYear}; it governs from ${e.firstYear}.`,
            { arg: 'tax_year' },
          );
        throw e;
      }
      if (value === null)
        throw new ArgumentError(
          'not-available',
          `${rule.id} (${rule.title}) has no value for tax years beginning in ${taxYear} (${citation}).`,
          { arg: 'tax_year' },
        );
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
      throw new ArgumentError(
        'invalid-value',
        `${rule.id} (${rule.title}) is not a number for tax years beginning in ${taxYear} (it is a table of values); only rates, factors, amounts, counts and yes/no (1/0) can be read into a cell.`,
        { arg: 'rule_id' },
      );
    },
  },
];

// ------------------------------------------------------------------ Section G per business component

/** Form 6765 Section G's amount lines (49(a)–(f) are text the sheet reads from About and Components). */
const G_LINES = ['50', '51', '52', '53', '54', '55', '56'] as const;
type GLine = (typeof G_LINES)[number];

/** The study tables a Section G amount reads, by argument; `needs`: the columns it cannot do without. */
const G_TABLES: readonly { readonly arg: string; readonly spec: TableSpec; readonly needs?: readonly string[] }[] = [
  { arg: 'components', spec: COMPONENTS, needs: ['component'] },
  { arg: 'employees', spec: EMPLOYEES },
  { arg: 'supplies', spec: SUPPLIES },
  { arg: 'contractors', spec: CONTRACTORS },
  { arg: 'allocations', spec: ALLOCATIONS },
];

/** A table argument as the grid of its sheet (header row first); undefined when omitted or entirely blank. */
function tableGrid(args: ArgList, arg: string): CellValue[][] | undefined {
  const a = args.get(arg);
  if (isOmitted(a)) return undefined;
  const cells = cellsOf(a as CellArg, arg);
  if (cells.values.every((v) => isBlank(v))) return undefined;
  const grid: CellValue[][] = [];
  for (let r = 0; r < cells.rows; r++) grid.push(cells.values.slice(r * cells.cols, (r + 1) * cells.cols));
  return grid;
}

/** The study the table arguments make, read as `rdtax` reads a workbook: columns found by their headers. */
function studyOfTables(args: ArgList): Study {
  const sheets: { name: string; values: CellValue[][] }[] = [];
  for (const t of G_TABLES) {
    const grid = tableGrid(args, t.arg);
    if (grid) sheets.push({ name: t.spec.sheet, values: grid });
  }
  const study = readStudy({ sheets });
  const tables: Record<string, StudyTable<string> | undefined> = {
    components: study.components,
    employees: study.employees,
    supplies: study.supplies,
    contractors: study.contractors,
    allocations: study.allocations,
  };
  for (const t of G_TABLES) {
    const table = tables[t.arg];
    if (!table) continue;
    const missing = t.spec.columns.filter(
      (c) => (t.needs ? t.needs.includes(c.field) : c.required) && table.columns[c.field] === undefined,
    );
    if (missing.length > 0)
      throw new ArgumentError(
        'invalid-value',
        `${t.arg}: its first row has no ${missing.map((c) => `"${c.header}"`).join(' or ')} column; give the whole ${t.spec.sheet} sheet's table with its header row (e.g. ${t.spec.sheet}!A1:J1000).`,
        { arg: t.arg },
      );
  }
  return study;
}

/** Section G of the tables: the classifier's rows grouped as `rdtax compute` groups them. */
function sectionGOf(taxYear: number, study: Study) {
  const classifier = new RowClassifier(taxYear, { allocations: study.allocations });
  const employees: ClassifiedRow[] = [];
  const supplies: ClassifiedRow[] = [];
  const computers: ClassifiedRow[] = [];
  const contractors: ClassifiedRow[] = [];
  const emp = study.employees;
  if (emp)
    for (const row of emp.rows) {
      const cls = classifier.employee(emp, row);
      if (cls.line) employees.push({ table: emp, row, cls });
    }
  const sup = study.supplies;
  if (sup)
    for (const row of sup.rows) {
      const cls = classifier.supply(sup, row);
      if (cls.line === '43') supplies.push({ table: sup, row, cls });
      else if (cls.line === '44') computers.push({ table: sup, row, cls });
    }
  const con = study.contractors;
  if (con)
    for (const row of con.rows) {
      const cls = classifier.contractor(con, row);
      if (cls.line) contractors.push({ table: con, row, cls });
    }
  const g = sectionGComponents({
    about: {},
    employees,
    supplies,
    computers,
    contractors,
    componentsTable: study.components,
    classifier,
  });
  return { byKey: new Map(g.components.map((c) => [nameKey(c.name), c] as const)), unassigned: g.unassigned };
}

/**
 * The last Section G worked out, by its inputs: a Form 6765 sheet asks for every component and line
 * over the same tables, and a host that keeps its runtime between cells (Excel) groups them once.
 */
let lastSectionG: { readonly key: string; readonly g: ReturnType<typeof sectionGOf> } | undefined;

function readComponent(args: ArgList): string | undefined {
  const v = scalarOf(args.get('component') ?? null, 'component');
  const error = errorValueText(v);
  if (error)
    throw new ArgumentError('invalid-value', `component: the cell holds the error ${error}; fix that cell first.`, {
      arg: 'component',
    });
  if (isBlank(v)) return undefined;
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  throw new ArgumentError(
    'invalid-value',
    'component: give the name of a business component as text (or a blank for the QREs that name none).',
    { arg: 'component' },
  );
}

function readGLine(args: ArgList): GLine {
  const v = scalarOf(required(args, 'line'), 'line');
  const text = typeof v === 'number' || typeof v === 'string' ? String(v).trim() : '';
  const line = G_LINES.find((l) => l === text);
  if (!line)
    throw new ArgumentError(
      'invalid-value',
      `line: ${typeof v === 'string' ? quoteText(v) : String(v)} is not a Section G amount line; use one of ${listWords([...G_LINES], false)}.`,
      { arg: 'line' },
    );
  return line;
}

const tableHelp = (sheet: string, example: string) =>
  `The ${sheet} sheet's table with its header row (${example}); columns are found by their headers.`;

const COMPONENT_QRE: FunctionSpec = {
  name: 'RD_COMPONENT_QRE',
  summary:
    'Form 6765 Section G: one business component’s amount on line 50–56 (wages by qualified service, supplies, computer rental, contract research), grouped and rounded as rdtax compute does; a blank component: the QREs naming none.',
  params: [
    {
      name: 'component',
      kind: 'text',
      optional: false,
      help: 'The business component’s name as on the Components sheet; a blank ("") for the QREs that name no component.',
    },
    { name: 'line', kind: 'text', optional: false, help: 'The Section G line: 50, 51, 52, 53, 54, 55 or 56.' },
    {
      name: 'tax_year',
      kind: 'year',
      optional: false,
      help: 'Calendar year in which the tax year begins (the substantially-all rule for wages and the contract research rates are the year’s).',
    },
    { name: 'components', kind: 'table', optional: false, help: tableHelp('Components', 'Components!A1:J1000') },
    { name: 'employees', kind: 'table', optional: false, help: tableHelp('Employees', 'Employees!A1:I1000') },
    { name: 'supplies', kind: 'table', optional: true, help: tableHelp('Supplies', 'Supplies!A1:F1000') },
    { name: 'contractors', kind: 'table', optional: true, help: tableHelp('Contractors', 'Contractors!A1:I1000') },
    {
      name: 'allocations',
      kind: 'table',
      optional: true,
      help: 'The Allocations sheet’s table with its header row (Allocations!A1:C1000): an employee’s wages split across components.',
    },
  ],
  citations: [
    'Form 6765 (Rev. Dec. 2024) Section G, lines 49–56',
    'Instructions for Form 6765 (Rev. Dec. 2024), Section G',
    'IRC §41(b)(2)(B); Treas. Reg. §1.41-2(d)(2)',
  ],
  returns: 'number',
  example:
    '=RD_COMPONENT_QRE(Components!A2, 50, About!C2, Components!A1:J1000, Employees!A1:I1000, Supplies!A1:F1000, Contractors!A1:I1000, Allocations!A1:C1000)',
  impl: (args) => {
    const component = readComponent(args);
    const line = readGLine(args);
    const taxYear = readTaxYear(args, 'tax_year', false);
    let key: string;
    try {
      key = JSON.stringify([taxYear, ...G_TABLES.map((t) => args.get(t.arg) ?? null)]);
    } catch {
      key = '';
    }
    let g = key !== '' && lastSectionG?.key === key ? lastSectionG.g : undefined;
    if (!g) {
      g = sectionGOf(taxYear, studyOfTables(args));
      if (key !== '') lastSectionG = { key, g };
    }
    const c: SectionGComponent | null | undefined =
      component === undefined ? g.unassigned : g.byKey.get(nameKey(component));
    const v = c?.lines[line];
    if (typeof v !== 'number') return 0;
    // A wage of 1e308 is a cell to fix, never an amount: name the table the line comes from.
    if (!Number.isFinite(v) || Math.abs(v) > AMOUNT_LIMIT.toNumber()) {
      const arg = line === '56' ? 'contractors' : line === '54' || line === '55' ? 'supplies' : 'employees';
      const whose = component === undefined ? 'the QREs that name no component' : `the QREs of ${quoteText(component)}`;
      throw new ArgumentError(
        'invalid-number',
        `${arg}: ${whose} on line ${line} come to more than ${AMOUNT_LIMIT_TEXT}, the largest amount computed exactly to the cent; check its amounts for a misplaced decimal point.`,
        { arg },
      );
    }
    return v;
  },
};

export const FORM_FUNCTIONS: readonly FunctionSpec[] = [...LAW_FUNCTIONS, COMPONENT_QRE];
