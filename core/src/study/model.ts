/**
 * The study model: a workbook of named grids (what Excel's `range.values`, Apps Script
 * `getValues()` and exceljs produce) read into the tables of docs/design.md §4, each row keeping
 * its sheet row number and each field its column, so a finding can point at the exact cell.
 *
 * Reading never throws. Every table is optional; the shape problems of a present table
 * (no header row, a missing column, a column named twice) come back as findings in `issues`.
 */
import { errorValueText, isBlank, type CellValue } from '../cells';
import { columnLetter, cellRef } from './a1';
import { finding, type CellAt, type LocatedFinding } from './findings';
import {
  ABOUT_FIELDS,
  ALLOCATIONS,
  COMPONENTS,
  CONTRACTORS,
  EMPLOYEES,
  PRIOR_YEARS,
  ROLES,
  ROLLED_FORWARD_LABEL,
  WAIVERS,
  SHEET_NAMES,
  STATE_ABOUT_FIELDS,
  SUPPLIES,
  TABLE_KINDS,
  headerKey,
  type AboutField,
  type AllocationField,
  type ColumnPattern,
  type ColumnSpec,
  type ComponentField,
  type ContractorField,
  type EmployeeField,
  type PriorYearField,
  type RoleField,
  type WaiverField,
  type StateAboutField,
  type SupplyField,
  type TableKind,
  type TableSpec,
} from './schema';
import type { WorkbookGrids } from './types';

/** One data row: its 1-based sheet row and the cells of the recognised columns (absent column → undefined). */
export interface StudyRow<F extends string> {
  readonly row: number;
  readonly cells: Readonly<Record<F, CellValue>>;
  /** The cells of the table's pattern columns (`StudyTable.patterned`), in that order; only when it has some. */
  readonly more?: readonly CellValue[];
}

/** A column of a pattern family (`CA QRE` of `<ST> QRE`): its key and where it is. */
export interface PatternColumn {
  readonly pattern: ColumnPattern;
  /** The key its header names, upper case (`CA`); not checked against any list here. */
  readonly key: string;
  /** The header as written. */
  readonly header: string;
  /** 0-based column index and its letter. */
  readonly col: number;
  readonly letter: string;
}

/** A header cell the study does not use (kept so rules can look at it: `wages/not-box1`). */
export interface ExtraColumn {
  readonly header: string;
  /** 0-based column index and its letter. */
  readonly col: number;
  readonly letter: string;
}

export interface SheetInfo {
  /** The sheet's name as it appears in the workbook. */
  readonly sheet: string;
  /** Its position among the workbook's sheets (findings are sorted by it). */
  readonly sheetIndex: number;
}

export interface StudyTable<F extends string> extends SheetInfo {
  readonly spec: TableSpec<F>;
  /** 0-based column index of each recognised column. */
  readonly columns: Readonly<Partial<Record<F, number>>>;
  /** Column letter of each recognised column ("E"). */
  readonly letters: Readonly<Partial<Record<F, string>>>;
  readonly extraColumns: readonly ExtraColumn[];
  /** Columns of the spec's patterns (Prior Years `CA QRE`…), in sheet order; each row's cells are in `more`. */
  readonly patterned: readonly PatternColumn[];
  /** Non-blank data rows in sheet order (a row is blank when every recognised column is blank). */
  readonly rows: readonly StudyRow<F>[];
  /** The first column after the header row's last cell: where a missing column would go. */
  readonly nextFreeColumn: number;
}

export interface AboutValue {
  readonly value: CellValue;
  readonly at: CellAt;
}
export interface AboutSheet extends SheetInfo {
  readonly fields: Readonly<Partial<Record<AboutField, AboutValue>>>;
  /**
   * The `<ST> …` fields (`CA Credit Method`, `CA Fixed-Base %`) by the two letters their label
   * names (upper case, not checked against the states here), in the layout the fields above use.
   */
  readonly states: ReadonlyMap<string, Readonly<Partial<Record<StateAboutField, AboutValue>>>>;
  /** The `Rolled Forward` cell (schema.ts ROLLED_FORWARD_LABEL), in the layout the fields above use. */
  readonly rolledForward?: AboutValue;
}

export interface Study {
  /** Sheet names in workbook order. */
  readonly sheets: readonly string[];
  readonly employees?: StudyTable<EmployeeField>;
  readonly allocations?: StudyTable<AllocationField>;
  readonly contractors?: StudyTable<ContractorField>;
  readonly supplies?: StudyTable<SupplyField>;
  readonly components?: StudyTable<ComponentField>;
  readonly priorYears?: StudyTable<PriorYearField>;
  readonly roles?: StudyTable<RoleField>;
  /** Reviewer waivers (schema.ts WAIVERS; applied by waivers.ts). */
  readonly waivers?: StudyTable<WaiverField>;
  readonly summary?: SheetInfo;
  readonly about?: AboutSheet;
  /** Shape problems of the present sheets (missing columns, blank header rows…). */
  readonly issues: readonly LocatedFinding[];
  /**
   * Sheets whose name is no study table but whose row 1 carries a table's headers
   * ("people" with Employee, Role, Location…): what to rename when no study table is found.
   */
  readonly lookalikes: readonly Lookalike[];
}

export interface Lookalike extends SheetInfo {
  /** The study table whose headers the sheet carries (its sheet name, e.g. "Employees"). */
  readonly table: string;
}

/** The data tables that make a workbook a study: About, Summary or Roles alone do not. */
export const STUDY_DATA_TABLES = ['employees', 'contractors', 'supplies', 'components', 'priorYears'] as const;
const DATA_SPECS: readonly TableSpec[] = [EMPLOYEES, CONTRACTORS, SUPPLIES, COMPONENTS, PRIOR_YEARS];

/** Whether any study data table was found (by sheet name, as hosts and templates name them). */
export function hasStudyTable(study: Study): boolean {
  return STUDY_DATA_TABLES.some((k) => study[k] !== undefined);
}

/** The data table whose headers row 1 of an unrecognised sheet carries (2 or more of them), if any. */
function lookalikeOf(grid: Grid): TableSpec | undefined {
  let best: TableSpec | undefined;
  let bestCount = 1;
  for (const spec of DATA_SPECS) {
    const n = recognisedCount(rowOf(grid, 0), aliasesOf(spec));
    if (n > bestCount) {
      best = spec;
      bestCount = n;
    }
  }
  return best;
}

/** Where a field of a row is; a missing column points at the header row's next free column. */
export function fieldAt<F extends string>(table: StudyTable<F>, row: number, field: F): CellAt {
  return { sheet: table.sheet, sheetIndex: table.sheetIndex, row, col: table.columns[field] ?? table.nextFreeColumn };
}
/** The A1 reference of a field of a row: `Employees!E7`. */
export function fieldRef<F extends string>(table: StudyTable<F>, row: number, field: F): string {
  const at = fieldAt(table, row, field);
  return cellRef(at.sheet, at.row, at.col);
}

type Grid = readonly (readonly CellValue[])[];

function gridOf(values: unknown): Grid {
  return Array.isArray(values) ? (values as Grid) : [];
}
function rowOf(grid: Grid, i: number): readonly CellValue[] {
  const r: unknown = grid[i];
  return Array.isArray(r) ? (r as readonly CellValue[]) : [];
}
/** Header text of a cell: text or a number; blanks, logicals, dates and error values are not headers. */
function headerText(v: CellValue): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string' || isBlank(v) || errorValueText(v)) return undefined;
  return v.trim();
}

/** headerKey → field, built once per spec. */
const aliasCache = new Map<TableSpec, Map<string, ColumnSpec>>();
function aliasesOf(spec: TableSpec): Map<string, ColumnSpec> {
  let m = aliasCache.get(spec);
  if (!m) {
    m = new Map();
    for (const c of spec.columns)
      for (const h of [c.header, ...(c.aliases ?? [])]) if (!m.has(headerKey(h))) m.set(headerKey(h), c);
    aliasCache.set(spec, m);
  }
  return m;
}

function patternColumn(patterns: readonly ColumnPattern[], header: string, col: number): PatternColumn | undefined {
  for (const pattern of patterns) {
    const key = pattern.keyOf(header);
    if (key !== undefined) return { pattern, key, header, col, letter: columnLetter(col) };
  }
  return undefined;
}

function recognisedCount(row: readonly CellValue[], aliases: Map<string, ColumnSpec>): number {
  let n = 0;
  for (const v of row) {
    const t = headerText(v);
    if (t !== undefined && aliases.has(headerKey(t))) n++;
  }
  return n;
}

function anyNonBlank(grid: Grid, from: number): boolean {
  for (let i = from; i < grid.length; i++) for (const v of rowOf(grid, i)) if (!isBlank(v)) return true;
  return false;
}

/** How far down a title-above-the-headers layout is looked for. */
const HEADER_SEARCH_ROWS = 10;

function readTable<F extends string>(
  spec: TableSpec<F>,
  sheet: SheetInfo,
  grid: Grid,
  issues: LocatedFinding[],
): StudyTable<F> {
  const at = (row: number, col: number): CellAt => ({ ...sheet, row, col });
  const aliases = aliasesOf(spec) as Map<string, ColumnSpec<F>>;
  const header = rowOf(grid, 0);
  const columns: Partial<Record<F, number>> = {};
  const letters: Partial<Record<F, string>> = {};
  const extraColumns: ExtraColumn[] = [];
  const patterned: PatternColumn[] = [];
  let lastHeader = -1;
  for (let c = 0; c < header.length; c++) {
    const text = headerText(header[c]);
    if (text === undefined) continue;
    lastHeader = c;
    const column = aliases.get(headerKey(text));
    if (!column) {
      const p = spec.patterns ? patternColumn(spec.patterns, text, c) : undefined;
      const twice = p && patterned.find((q) => q.pattern === p.pattern && q.key === p.key);
      if (twice)
        issues.push(
          finding(
            'table/duplicate-column',
            at(1, c),
            `Column "${p.pattern.header(p.key)}" appears twice on ${sheet.sheet} (${cellRef(sheet.sheet, 1, twice.col)} and ${cellRef(sheet.sheet, 1, c)}); only the first is read, so rename or delete the other.`,
          ),
        );
      else if (p) patterned.push(p);
      else extraColumns.push({ header: text, col: c, letter: columnLetter(c) });
    } else if (columns[column.field] === undefined) {
      columns[column.field] = c;
      letters[column.field] = columnLetter(c);
    } else {
      const first = cellRef(sheet.sheet, 1, columns[column.field] as number);
      issues.push(
        finding(
          'table/duplicate-column',
          at(1, c),
          `Column "${column.header}" appears twice on ${sheet.sheet} (${first} and ${cellRef(sheet.sheet, 1, c)}); only the first is read, so rename or delete the other.`,
        ),
      );
    }
  }
  const nextFreeColumn = lastHeader + 1;
  const none: Partial<Record<F, never>> = {};
  const empty = (): StudyTable<F> => ({
    ...sheet,
    spec,
    columns: none,
    letters: none,
    extraColumns: [],
    patterned: [],
    rows: [],
    nextFreeColumn,
  });

  const found = spec.columns.filter((c) => columns[c.field] !== undefined);
  if (found.length === 0) {
    // Headers further down (a title above them) or none at all: one clear finding, not one per column.
    for (let i = 1; i < Math.min(grid.length, HEADER_SEARCH_ROWS); i++) {
      if (recognisedCount(rowOf(grid, i), aliases) >= 2) {
        issues.push(
          finding(
            'table/missing-header',
            at(1, 0),
            `The headers of ${sheet.sheet} are on row ${i + 1}, not row 1 (${cellRef(sheet.sheet, 1, 0)}); delete the rows above them so the headers are on row 1.`,
          ),
        );
        return empty();
      }
    }
    if (lastHeader < 0) {
      if (anyNonBlank(grid, 1)) {
        issues.push(
          finding(
            'table/missing-header',
            at(1, 0),
            `Row 1 of ${sheet.sheet} (${cellRef(sheet.sheet, 1, 0)}) is blank but the sheet holds data; put the headers (${spec.columns.map((c) => c.header).join(', ')}) on row 1.`,
          ),
        );
      } else {
        issues.push(
          finding(
            'table/empty',
            at(1, 0),
            `The ${sheet.sheet} sheet (${cellRef(sheet.sheet, 1, 0)}) is empty; add the header row (${spec.columns.map((c) => c.header).join(', ')}) and its rows, or delete the sheet.`,
          ),
        );
      }
      return empty();
    }
  }

  // Suggested places for missing columns: the next free header cells, required columns first.
  let missingAt = nextFreeColumn;
  const missing = spec.columns.filter((c) => columns[c.field] === undefined);
  for (const c of [...missing.filter((m) => m.required), ...missing.filter((m) => !m.required)]) {
    if (c.required) {
      issues.push(
        finding(
          'table/missing-column',
          at(1, missingAt),
          `${sheet.sheet} has no "${c.header}" column; add it to the header row (e.g. at ${cellRef(sheet.sheet, 1, missingAt)}).`,
          c.citation,
        ),
      );
      missingAt++;
    } else if (c.withoutIt) {
      issues.push(
        finding(
          'table/missing-optional-column',
          at(1, missingAt),
          `${sheet.sheet} has no "${c.header}" column, so ${c.withoutIt}; add the column (e.g. at ${cellRef(sheet.sheet, 1, missingAt)}) to check it.`,
          c.citation,
        ),
      );
      missingAt++;
    }
  }

  const fields = found.map((c) => c.field);
  const cols = found.map((c) => columns[c.field] as number);
  const n = fields.length;
  const rows: StudyRow<F>[] = [];
  for (let i = 1; i < grid.length; i++) {
    const r = rowOf(grid, i);
    let blank = true;
    for (let k = 0; k < n && blank; k++) {
      const v = r[cols[k] as number];
      // Text starting with a printable ASCII character is not blank: no need to trim it.
      const c = typeof v === 'string' && v.length > 0 ? v.charCodeAt(0) : 0;
      blank = c > 32 && c < 127 ? false : isBlank(v);
    }
    // A row holding only a pattern column's cell (a CA QRE without its Tax Year) is a row too.
    if (blank && patterned.length > 0) blank = patterned.every((p) => isBlank(r[p.col]));
    if (blank) continue;
    const cells = {} as Record<F, CellValue>;
    for (let k = 0; k < n; k++) cells[fields[k] as F] = r[cols[k] as number];
    rows.push(
      patterned.length > 0 ? { row: i + 1, cells, more: patterned.map((p) => r[p.col]) } : { row: i + 1, cells },
    );
  }
  return { ...sheet, spec, columns, letters, extraColumns, patterned, rows, nextFreeColumn };
}

const ABOUT_KEYS = new Map(ABOUT_FIELDS.map((f) => [headerKey(f.header), f.field] as const));
function aboutField(v: CellValue): AboutField | undefined {
  const t = headerText(v);
  return t === undefined ? undefined : ABOUT_KEYS.get(headerKey(t));
}

/** A state's About label (`CA Fixed-Base %`): the state's two letters and the field; not a federal label. */
function stateAboutField(v: CellValue): { key: string; field: StateAboutField } | undefined {
  const t = headerText(v);
  if (t === undefined || ABOUT_KEYS.has(headerKey(t))) return undefined;
  for (const spec of STATE_ABOUT_FIELDS) {
    const key = spec.keyOf(t);
    if (key !== undefined) return { key, field: spec.field };
  }
  return undefined;
}

/**
 * The About sheet, in either layout a template may write: a header row with the values on
 * row 2 (Template | Version | Tax Year | Profile), or labels down column A with the values in
 * column B. The layout with more labels wins.
 */
function readAbout(sheet: SheetInfo, grid: Grid): AboutSheet {
  const across = new Map<AboutField, number>();
  rowOf(grid, 0).forEach((v, c) => {
    const f = aboutField(v);
    if (f && !across.has(f)) across.set(f, c);
  });
  const down = new Map<AboutField, number>();
  for (let r = 0; r < Math.min(grid.length, 50); r++) {
    const f = aboutField(rowOf(grid, r)[0]);
    if (f && !down.has(f)) down.set(f, r);
  }
  const fields: Partial<Record<AboutField, AboutValue>> = {};
  const states = new Map<string, Partial<Record<StateAboutField, AboutValue>>>();
  const stateField = (label: CellValue, value: CellValue, at: CellAt) => {
    const f = stateAboutField(label);
    if (!f) return;
    let m = states.get(f.key);
    if (!m) states.set(f.key, (m = {}));
    // The first label wins, as for the fields above.
    if (!m[f.field]) m[f.field] = { value, at };
  };
  // More labels wins; on a tie (one label: "Tax Year" over 2026, or beside it), the layout with values.
  const filled = (m: Map<AboutField, number>, at: (i: number) => CellValue) =>
    [...m.values()].filter((i) => !isBlank(at(i))).length;
  // A state's labels (`CA Fixed-Base %`) count as labels too.
  let acrossStates = 0;
  for (const v of rowOf(grid, 0)) if (stateAboutField(v)) acrossStates++;
  let downStates = 0;
  for (let r = 0; r < Math.min(grid.length, 50); r++) if (stateAboutField(rowOf(grid, r)[0])) downStates++;
  const acrossFirst =
    across.size + acrossStates > down.size + downStates ||
    (across.size + acrossStates === down.size + downStates &&
      filled(across, (c) => rowOf(grid, 1)[c]) > filled(down, (r) => rowOf(grid, r)[1]));
  const rolledKey = headerKey(ROLLED_FORWARD_LABEL);
  const isRolled = (v: CellValue) => typeof v === 'string' && headerKey(v) === rolledKey;
  let rolledForward: AboutValue | undefined;
  if (acrossFirst) {
    for (const [f, c] of across) fields[f] = { value: rowOf(grid, 1)[c], at: { ...sheet, row: 2, col: c } };
    rowOf(grid, 0).forEach((v, c) => stateField(v, rowOf(grid, 1)[c], { ...sheet, row: 2, col: c }));
    const c = rowOf(grid, 0).findIndex(isRolled);
    if (c >= 0) rolledForward = { value: rowOf(grid, 1)[c], at: { ...sheet, row: 2, col: c } };
  } else {
    for (const [f, r] of down) fields[f] = { value: rowOf(grid, r)[1], at: { ...sheet, row: r + 1, col: 1 } };
    for (let r = 0; r < Math.min(grid.length, 50); r++)
      stateField(rowOf(grid, r)[0], rowOf(grid, r)[1], { ...sheet, row: r + 1, col: 1 });
    for (let r = 0; r < Math.min(grid.length, 50) && !rolledForward; r++)
      if (isRolled(rowOf(grid, r)[0]))
        rolledForward = { value: rowOf(grid, r)[1], at: { ...sheet, row: r + 1, col: 1 } };
  }
  return { ...sheet, fields, states, ...(rolledForward ? { rolledForward } : {}) };
}

/** sheet-name key → table, built on first use (hosts re-run top-level code on every call). */
let sheetKinds: Map<string, TableKind> | undefined;
/** The study table a sheet name is (name or alias, as `headerKey` compares): what hosts' insert plans also ask. */
export function kindOfSheet(name: string): TableKind | undefined {
  if (!sheetKinds) {
    sheetKinds = new Map();
    for (const k of TABLE_KINDS)
      for (const n of [SHEET_NAMES[k].sheet, ...(SHEET_NAMES[k].aliases ?? [])]) sheetKinds.set(headerKey(n), k);
  }
  return sheetKinds.get(headerKey(name));
}

function sheetName(s: unknown): string {
  const n: unknown = s !== null && typeof s === 'object' ? (s as { name?: unknown }).name : undefined;
  return typeof n === 'string' ? n : n === undefined || n === null ? '' : String(n);
}

/** Read a workbook into the study tables. Never throws; see `Study.issues`. */
export function readStudy(wb: WorkbookGrids): Study {
  const raw: unknown = wb !== null && typeof wb === 'object' ? (wb as { sheets?: unknown }).sheets : undefined;
  const sheets: readonly unknown[] = Array.isArray(raw) ? raw : [];
  const names = sheets.map(sheetName);
  const issues: LocatedFinding[] = [];
  const taken = new Map<TableKind, number>();
  const lookalikes: Lookalike[] = [];
  const study: { -readonly [K in keyof Study]: Study[K] } = { sheets: names, issues, lookalikes };

  sheets.forEach((s, sheetIndex) => {
    const sheet = sheetName(s);
    const kind = kindOfSheet(sheet);
    const info: SheetInfo = { sheet, sheetIndex };
    if (!kind) {
      const like = lookalikeOf(
        gridOf(s !== null && typeof s === 'object' ? (s as { values?: unknown }).values : undefined),
      );
      if (like) lookalikes.push({ ...info, table: like.sheet });
      return;
    }
    const first = taken.get(kind);
    if (first !== undefined) {
      issues.push(
        finding(
          'table/duplicate-sheet',
          { ...info, row: 1, col: 0 },
          `Sheets "${names[first]}" and "${info.sheet}" are both the ${SHEET_NAMES[kind].sheet} table; only "${names[first]}" is read, so merge them or rename one.`,
        ),
      );
      return;
    }
    taken.set(kind, sheetIndex);
    const grid = gridOf(s !== null && typeof s === 'object' ? (s as { values?: unknown }).values : undefined);
    switch (kind) {
      case 'employees':
        study.employees = readTable(EMPLOYEES, info, grid, issues);
        break;
      case 'allocations':
        study.allocations = readTable(ALLOCATIONS, info, grid, issues);
        break;
      case 'contractors':
        study.contractors = readTable(CONTRACTORS, info, grid, issues);
        break;
      case 'supplies':
        study.supplies = readTable(SUPPLIES, info, grid, issues);
        break;
      case 'components':
        study.components = readTable(COMPONENTS, info, grid, issues);
        break;
      case 'priorYears':
        study.priorYears = readTable(PRIOR_YEARS, info, grid, issues);
        break;
      case 'roles':
        study.roles = readTable(ROLES, info, grid, issues);
        break;
      case 'waivers':
        study.waivers = readTable(WAIVERS, info, grid, issues);
        break;
      case 'summary':
        study.summary = info;
        break;
      case 'about':
        study.about = readAbout(info, grid);
        break;
    }
  });
  return study;
}
