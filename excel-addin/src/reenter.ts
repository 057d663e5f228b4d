/**
 * Study formulas stuck at #NAME?, and how to write them back (pure: no Office.js here).
 *
 * Excel saves an add-in's custom functions in a file as `_xldudf_<NAMESPACE>_<NAME>` (ours:
 * `_xldudf_RDTAX_RD_QRE`), and a formula that reached the workbook before the add-in's functions
 * were registered — written by a program such as `rdtax template --host excel`, which stores
 * `RDTAX.RD_QRE(…)` in the file, or typed while the add-in was not loaded — stays `#NAME?` after
 * the add-in loads; recalculating does not help, re-entering the same formula does (OfficeDev
 * office-js issues 6611 and 6395, Excel-Custom-Functions issue 108). So the task pane looks for
 * cells whose value is `#NAME?` and whose formula calls a catalogue function in either spelling,
 * and writes those formulas back, spelled `RDTAX.NAME(`, one `formulas` write per block of cells.
 * Another add-in's `#NAME?`, or a formula that calls no function of ours, is never touched.
 */
import { catalogueFunctionNames, EXCEL_NAMESPACE } from '@core/templates/formula';

/** What `range.values` holds for a cell Excel cannot resolve a name in. */
export const NAME_ERROR = '#NAME?';

/** How a file spells an add-in function: `_xldudf_RDTAX_RD_QRE(`. */
export const FILE_PREFIX = `_xldudf_${EXCEL_NAMESPACE}_`;
/** A call of ours at the scan position, in either spelling; group 2 is the function's name. */
const CALL = new RegExp(`(${FILE_PREFIX}|${EXCEL_NAMESPACE}\\.)([A-Za-z0-9_]+)(\\s*\\()`, 'iy');
/**
 * A character a call of ours cannot follow: the middle of a name (`XRDTAX.`), or a book or sheet
 * prefix (`[1]!_xldudf_RDTAX_…`, another workbook's function: not ours to rewrite).
 */
const NAME_CHAR = /[A-Za-z0-9_.\\!\]]/;

interface Call {
  /** Where the spelling starts in the formula, and where the name and its `(` end. */
  readonly at: number;
  readonly end: number;
  /** The catalogue name, in capitals. */
  readonly name: string;
}

/**
 * The calls of catalogue functions in a formula, outside text ("…") and quoted sheet names
 * ('…'), where `""` and `''` are a quote inside them.
 */
function callsIn(formula: string): Call[] {
  const names = catalogueFunctionNames();
  const out: Call[] = [];
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // Skip to the closing quote; a doubled quote is one quote inside.
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      i = j + 1;
      continue;
    }
    if (i === 0 || !NAME_CHAR.test(formula[i - 1] ?? '')) {
      CALL.lastIndex = i;
      const m = CALL.exec(formula);
      if (m) {
        const name = (m[2] ?? '').toUpperCase();
        if (names.has(name)) out.push({ at: i, end: i + m[0].length, name });
        i += m[0].length;
        continue;
      }
    }
    i++;
  }
  return out;
}

/** The catalogue functions a formula calls (`RDTAX.RD_QRE(` or `_xldudf_RDTAX_RD_QRE(`), in capitals. */
export function studyCalls(formula: string): string[] {
  return callsIn(formula).map((c) => c.name);
}

/** The formula with every call of ours spelled as a user types it: `=RDTAX.RD_QRE(`. */
export function normaliseStudyFormula(formula: string): string {
  const calls = callsIn(formula);
  if (calls.length === 0) return formula;
  let out = '';
  let from = 0;
  for (const c of calls) {
    out += `${formula.slice(from, c.at)}${EXCEL_NAMESPACE}.${c.name}(`;
    from = c.end;
  }
  return out + formula.slice(from);
}

/** A cell Excel shows as #NAME? although its formula calls a function of ours. */
export function isStuckStudyFormula(value: unknown, formula: unknown): formula is string {
  return (
    value === NAME_ERROR && typeof formula === 'string' && formula.startsWith('=') && studyCalls(formula).length > 0
  );
}

/** A stuck cell, 0-based within its sheet, with the formula to write (already normalised). */
export interface StuckCell {
  readonly row: number;
  readonly column: number;
  readonly formula: string;
}

/** A rectangle of stuck cells written with one `formulas` assignment. */
export interface FormulaBlock {
  readonly row: number;
  readonly column: number;
  /** rows × columns, every cell one of the stuck cells. */
  readonly formulas: string[][];
}

/** The stuck cells of one loaded range (its top-left cell at `rowIndex`, `columnIndex`). */
export function stuckCellsOf(
  values: readonly (readonly unknown[])[],
  formulas: readonly (readonly unknown[])[],
  rowIndex: number,
  columnIndex: number,
): StuckCell[] {
  const out: StuckCell[] = [];
  values.forEach((row, r) =>
    row.forEach((v, c) => {
      const f = formulas[r]?.[c];
      if (isStuckStudyFormula(v, f))
        out.push({ row: rowIndex + r, column: columnIndex + c, formula: normaliseStudyFormula(f) });
    }),
  );
  return out;
}

/**
 * Stuck cells as few rectangles as a simple rule gives: runs down a column, then side-by-side
 * runs over the same rows joined. Only stuck cells are inside a block, so nothing else is written.
 */
export function blocksOf(cells: readonly StuckCell[]): FormulaBlock[] {
  // One entry per cell (the last wins), in column order, top to bottom.
  const unique = [...new Map(cells.map((c) => [`${c.row},${c.column}`, c])).values()].sort(
    (a, b) => a.column - b.column || a.row - b.row,
  );
  // Runs down each column.
  const runs: { row: number; column: number; formulas: string[] }[] = [];
  for (const c of unique) {
    const last = runs[runs.length - 1];
    if (last && last.column === c.column && last.row + last.formulas.length === c.row) last.formulas.push(c.formula);
    else runs.push({ row: c.row, column: c.column, formulas: [c.formula] });
  }
  // A run over the same rows as a block ending in the column before it joins that block.
  const blocks: { row: number; column: number; columns: string[][] }[] = [];
  const open = new Map<string, (typeof blocks)[number]>();
  const key = (row: number, column: number, height: number) => `${row},${column},${height}`;
  for (const r of runs) {
    const k = key(r.row, r.column, r.formulas.length);
    const b = open.get(k);
    open.delete(k);
    const into = b ?? { row: r.row, column: r.column, columns: [] };
    if (!b) blocks.push(into);
    into.columns.push(r.formulas);
    open.set(key(r.row, r.column + 1, r.formulas.length), into);
  }
  return blocks.map((b) => ({
    row: b.row,
    column: b.column,
    formulas: (b.columns[0] ?? []).map((_, i) => b.columns.map((col) => col[i] ?? '')),
  }));
}
