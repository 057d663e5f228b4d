/**
 * From a catalogue outcome to what an Excel custom function returns or throws. Excel shows a
 * custom message only on #VALUE! and #N/A, so every coded error becomes one of those two:
 * `not-available` → #N/A, everything else (a wrong kind of value, a number outside its domain,
 * a defect) → #VALUE! — with the catalogue's sentence naming the argument and position.
 */
import type { CellResult, Outcome } from '@core/catalogue';
import type { ErrorCode } from '@core/cells';

const EXCEL_ERROR: Readonly<Record<ErrorCode, 'invalidValue' | 'notAvailable'>> = {
  'invalid-value': 'invalidValue',
  'invalid-number': 'invalidValue',
  'not-available': 'notAvailable',
  internal: 'invalidValue',
};

export function excelError(code: ErrorCode, message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode[EXCEL_ERROR[code] ?? 'invalidValue'], message);
}

function valueOf(outcome: Outcome): CellResult {
  if (!outcome.ok) throw excelError(outcome.code, outcome.message);
  return outcome.value;
}

function unexpected(shape: string): CustomFunctions.Error {
  return excelError(
    'internal',
    `The function returned a ${shape} where Excel expected another shape; please report this with the inputs.`,
  );
}

export function excelNumber(outcome: Outcome): number {
  const v = valueOf(outcome);
  if (typeof v !== 'number') throw unexpected(typeof v === 'string' ? 'text' : 'range');
  return v;
}

export function excelText(outcome: Outcome): string {
  const v = valueOf(outcome);
  if (typeof v !== 'string') throw unexpected(typeof v === 'number' ? 'number' : 'range');
  return v;
}

/** A spilled result; a single value comes back as a 1 × 1 grid (the metadata declares a matrix). */
export function excelGrid(outcome: Outcome): (number | string)[][] {
  const v = valueOf(outcome);
  if (typeof v === 'number' || typeof v === 'string') return [[v]];
  return v.map((row) => [...row]);
}
