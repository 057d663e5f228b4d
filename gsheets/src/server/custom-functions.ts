/**
 * The one body behind every custom function stub in Code.js: unwrap nothing (Sheets already
 * passes a scalar for one cell, a 2-D array for a range, "" for a blank, undefined for an
 * omitted trailing argument and Dates from its own realm — exactly core's CellArg), call the
 * catalogue, and map an error to what Sheets shows: a thrown Error's message on #ERROR!.
 */
import { callFunction, type CellResult } from '@core/catalogue';
import type { CellArg } from '@core/cells';

export function customFunction(name: string, args: ArrayLike<unknown>): CellResult {
  const outcome = callFunction(name, Array.prototype.slice.call(args) as CellArg[]);
  if (outcome.ok) return outcome.value;
  throw new Error(outcome.message);
}
