/**
 * Readers that turn named cell arguments into typed values, with every error naming the
 * argument and the position. The order inside each function follows formulajs: coerce →
 * check errors → check domain → compute.
 */
import {
  alignWith,
  AMOUNT_LIMIT,
  AMOUNT_LIMIT_TEXT,
  ArgumentError,
  describePosition,
  cellsOf,
  isBlank,
  isOmitted,
  positionOf,
  readAmount,
  readBoolean,
  readFraction,
  readWord,
  readYear,
  scalarOf,
  type CellArg,
  type Cells,
  type CellValue,
  type Position,
} from '../cells';
import { DEFAULT_TAX_YEAR } from '../law/types';
import { Dec, type Rate, type Usd } from '../money';
import type { ArgList } from './types';

export function required(args: ArgList, name: string): CellArg {
  const a = args.get(name);
  if (a === undefined || a === null) throw new ArgumentError('invalid-value', `${name} is required.`, { arg: name });
  return a;
}

/**
 * A range (or one cell) of amounts; blanks count as 0. Their total must stay within
 * AMOUNT_LIMIT (two cells of 1e308 are each finite, their sum is not).
 */
export function readAmounts(a: CellArg, name: string): { cells: Cells; values: Usd[] } {
  const cells = cellsOf(a, name);
  // A float running total is cheap and, for non-negative terms, within n·2^-53 of the exact
  // one: only when it comes near the limit is the exact total worked out.
  let approx = 0;
  const values = cells.values.map((v, i) => {
    const x = readAmount(v, positionOf(cells, i));
    approx += typeof v === 'number' ? v : x.toNumber();
    return x;
  });
  if (approx > AMOUNT_LIMIT.toNumber() * 0.999999) {
    let total = new Dec(0);
    values.forEach((x, i) => {
      total = total.plus(x);
      if (total.gt(AMOUNT_LIMIT)) {
        const at = positionOf(cells, i);
        throw new ArgumentError(
          'invalid-number',
          `${name}: the amounts add up to more than ${AMOUNT_LIMIT_TEXT}, the largest amount computed exactly to the cent (the total passes it at ${describePosition(at)}); check for a misplaced decimal point.`,
          at,
        );
      }
    });
  }
  return { cells, values };
}

/** One amount in a single cell. */
export function readSingleAmount(args: ArgList, name: string): Usd {
  return readAmount(scalarOf(required(args, name), name), { arg: name });
}

/**
 * Fractions lined up with `primary`: one cell for every row, or a range of the same shape.
 * When the argument is omitted every row takes `fallback`.
 */
export function readAlignedFractions(
  args: ArgList,
  name: string,
  primary: Cells,
  fallback: Rate | undefined,
  label = 'R&D %',
): (i: number) => Rate {
  const a = args.get(name);
  if (isOmitted(a)) {
    if (fallback === undefined) throw new ArgumentError('invalid-value', `${name} is required.`, { arg: name });
    return () => fallback;
  }
  const cells = cellsOf(a as CellArg, name);
  alignWith(primary, cells); // shapes must match, or one cell serves every row
  // Read every cell once, up front, so an error anywhere surfaces even if a row is skipped.
  const values = cells.values.map((v, i) => readFraction(v, positionOf(cells, i), label));
  return (i) => {
    const pct = values.length === 1 ? values[0] : values[i];
    if (pct === undefined) throw new RangeError(`${name} has no cell for row ${i + 1} of ${primary.arg}`);
    return pct;
  };
}

/** Raw cells lined up with `primary` (for words that depend on the row), or undefined when omitted. */
export function alignedCells(
  args: ArgList,
  name: string,
  primary: Cells,
): ((i: number) => { v: CellValue; at: Position }) | undefined {
  const a = args.get(name);
  if (isOmitted(a)) return undefined;
  return alignWith(primary, cellsOf(a as CellArg, name));
}

export function readOptionalBoolean(args: ArgList, name: string, fallback: boolean): boolean {
  const a = args.get(name);
  if (isOmitted(a)) return fallback;
  return readBoolean(scalarOf(a as CellArg, name), { arg: name });
}

export function readTaxYear(args: ArgList, name: string, optional: boolean): number {
  const a = args.get(name);
  if (isOmitted(a)) {
    if (optional) return DEFAULT_TAX_YEAR;
    throw new ArgumentError(
      'invalid-value',
      `${name} is required: the calendar year in which the tax year begins (e.g. 2025).`,
      { arg: name },
    );
  }
  return readYear(scalarOf(a as CellArg, name), { arg: name });
}

export function readOptionalWord<T>(
  args: ArgList,
  name: string,
  accepted: ReadonlyMap<string, T>,
  fallback: T,
  what: string,
): T {
  const a = args.get(name);
  if (isOmitted(a)) return fallback;
  return readWord(scalarOf(a as CellArg, name), { arg: name }, accepted, what);
}

/** A word per row: an omitted argument or a blank cell takes `fallback`. */
export function readAlignedWords<T>(
  args: ArgList,
  name: string,
  primary: Cells,
  accepted: ReadonlyMap<string, T>,
  fallback: T | undefined,
  what: string,
): (i: number) => T | undefined {
  const at = alignedCells(args, name, primary);
  if (!at) return () => fallback;
  return (i) => {
    const { v, at: pos } = at(i);
    return isBlank(v) ? fallback : readWord(v, pos, accepted, what);
  };
}

/** Map words (as the user may type them) to values; keys are normalised like `normalizeWord`. */
export function words<T>(entries: readonly (readonly [string, T])[]): ReadonlyMap<string, T> {
  return new Map(
    entries.map(
      ([k, v]) =>
        [
          k
            .trim()
            .toLowerCase()
            .replace(/[\s_-]+/g, ' '),
          v,
        ] as const,
    ),
  );
}
