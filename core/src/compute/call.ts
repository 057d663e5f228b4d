/**
 * Calling the function catalogue from compute: every amount is what the same formula in a cell
 * returns. An error names the study's cell instead of the argument position, and never the
 * function's name (the reader knows the study and the law, not our catalogue).
 */
import type { CellValue } from '../cells';
import { callFunction, type CellResult } from '../catalogue';
import { Dec, toCents, usd } from '../money';
import { cellRef } from '../study/a1';
import type { StudyRow, StudyTable } from '../study/model';

/** One amount: computed (`amount`), or not (`amount: null` and `error` saying why and where). */
export interface Amount {
  readonly amount: number | null;
  readonly error?: string;
  /** The cell the error points at. */
  readonly cell?: string;
}

/** An argument built from study rows: a one-column range plus the cell each entry came from. */
export interface Column {
  readonly values: CellValue[][];
  readonly refs: string[];
}

export function columnOf<F extends string>(t: StudyTable<F>, rows: readonly StudyRow<F>[], field: F): Column {
  const values: CellValue[][] = [];
  const refs: string[] = [];
  const col = t.columns[field];
  for (const r of rows) {
    values.push([col === undefined ? null : r.cells[field]]);
    refs.push(cellRef(t.sheet, r.row, col ?? t.nextFreeColumn));
  }
  return { values, refs };
}

export type Arg = Column | CellValue;
export const isColumn = (a: Arg): a is Column => a !== null && typeof a === 'object' && 'refs' in (a as object);

/**
 * Call a catalogue function; on error, the message names the study cell instead of
 * "wages (row 5, column 1)". `names` are the parameter names, in order.
 */
export function call(
  fn: string,
  names: readonly string[],
  args: readonly Arg[],
): { value: CellResult } | { error: string; cell?: string } {
  const out = callFunction(
    fn,
    args.map((a) => (isColumn(a) ? a.values : a)),
  );
  if (out.ok) return { value: out.value };
  let message = out.message;
  let cell: string | undefined;
  // Every "arg (row r, column c)" of a column argument becomes that row's cell.
  names.forEach((name, i) => {
    const a = args[i];
    if (a === undefined || !isColumn(a)) return;
    message = message.replace(new RegExp(`\\b${name} \\(row (\\d+), column 1\\)`, 'g'), (whole, r: string) => {
      const ref = a.refs[Number(r) - 1];
      return ref ?? whole;
    });
  });
  if (out.at) {
    const i = names.indexOf(out.at.arg);
    const a = i >= 0 ? args[i] : undefined;
    if (a !== undefined && isColumn(a) && out.at.row !== undefined) {
      const ref = a.refs[out.at.row - 1];
      if (ref) cell = ref;
    } else if (a !== undefined && isColumn(a) && a.refs.length === 1 && a.refs[0]) {
      // A one-cell range is read as a single value: its message names the argument alone.
      cell = a.refs[0];
      message = message.replace(new RegExp(`^${out.at.arg}\\b`), cell);
    }
  }
  return cell ? { error: message, cell } : { error: message };
}

export function amountOf(r: { value: CellResult } | { error: string; cell?: string }): Amount {
  if ('error' in r) return { amount: null, error: r.error, ...(r.cell ? { cell: r.cell } : {}) };
  return typeof r.value === 'number'
    ? { amount: r.value }
    : { amount: null, error: `unexpected result ${JSON.stringify(r.value).slice(0, 60)}` };
}

/** Exact sum of computed amounts (cents in, cents out), or the first error. */
export function sumAmounts(parts: readonly Amount[], what: string): Amount {
  let s = new Dec(0);
  for (const p of parts) {
    if (p.amount === null)
      return {
        amount: null,
        error: `${what} is not computed because a part of it is not: ${p.error ?? 'not available'}`,
        ...(p.cell ? { cell: p.cell } : {}),
      };
    s = s.plus(p.amount);
  }
  return { amount: toCents(usd(s)) };
}
