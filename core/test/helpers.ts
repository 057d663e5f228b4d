/** Test helpers: call a catalogue function and unwrap, or expect a coded error. */
import { callFunction, type CellResult } from '../src/catalogue';
import type { CellArg, ErrorCode } from '../src/cells';

export function value(name: string, ...args: (CellArg | undefined)[]): CellResult {
  const o = callFunction(name, args);
  if (!o.ok) throw new Error(`${name} failed: [${o.code}] ${o.message}`);
  return o.value;
}

export function failure(name: string, ...args: (CellArg | undefined)[]): { code: ErrorCode; message: string } {
  const o = callFunction(name, args);
  if (o.ok) throw new Error(`${name} unexpectedly returned ${JSON.stringify(o.value)}`);
  return { code: o.code, message: o.message };
}

/** A column range from a list. */
export const col = (...xs: CellArg[]): CellArg => xs.map((x) => [x]) as CellArg;
