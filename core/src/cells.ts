/**
 * Host-neutral cell values and their coercion (docs/design.md §2, cell conventions).
 *
 * What hosts hand a function: Sheets gives a scalar for one cell and a 2-D array for a range,
 * "" for blanks, Date objects (from *its* realm: never test `instanceof Date`), and error
 * values as their text ("#REF!"); Excel gives 2-D arrays for matrix parameters, `null` for an
 * omitted optional and serial numbers for dates. Every reader here turns one of those into a
 * typed value or throws an `ArgumentError` naming the argument and the position.
 */
import { Dec, type Rate, type Usd } from './money';
import { TAX_YEAR_MAX, TAX_YEAR_MIN } from './law/types';

/** An error value from the host (`#REF!`, `#N/A`…), for hosts that hand errors as objects. */
export interface CellErrorValue {
  readonly errorCode: string;
}
export type CellValue = number | string | boolean | Date | null | undefined | CellErrorValue;
export type CellGrid = readonly (readonly CellValue[])[];
export type CellArg = CellValue | CellGrid;

/**
 * The closed set of error codes. Hosts map them to their own error values:
 * `invalid-value` (wrong kind of input, unknown word, misaligned ranges), `invalid-number`
 * (a number outside its domain: negative, 80 for 80%, a year out of range), `not-available`
 * (the law or the table has no value for this), `internal` (a defect: never a raw stack).
 */
export type ErrorCode = 'invalid-value' | 'invalid-number' | 'not-available' | 'internal';
export const ERROR_CODES: readonly ErrorCode[] = ['invalid-value', 'invalid-number', 'not-available', 'internal'];

export interface Position {
  readonly arg: string;
  /** 1-based row and column within the argument's range. */
  readonly row?: number;
  readonly col?: number;
}

export class ArgumentError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly at?: Position,
  ) {
    super(message);
    this.name = 'ArgumentError';
  }
}

const ERROR_TEXT =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|ERROR!|SPILL!|CALC!|BUSY!|GETTING_DATA|BLOCKED!|CONNECT!|FIELD!|UNKNOWN!|PYTHON!)$/i;

export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}
export function errorValueText(v: unknown): string | undefined {
  if (typeof v === 'string' && ERROR_TEXT.test(v.trim())) return v.trim().toUpperCase();
  if (v !== null && typeof v === 'object' && !isDate(v) && typeof (v as CellErrorValue).errorCode === 'string') {
    return (v as CellErrorValue).errorCode;
  }
  return undefined;
}
/** Blank: nothing, or text that is only spaces. */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}
export function isRange(a: CellArg): a is CellGrid {
  return Array.isArray(a);
}

/** A range flattened row-major, with its shape; a single cell is 1 × 1. */
export interface Cells {
  readonly arg: string;
  readonly rows: number;
  readonly cols: number;
  readonly values: readonly CellValue[];
}

export function cellsOf(a: CellArg, arg: string): Cells {
  if (!isRange(a)) return { arg, rows: 1, cols: 1, values: [a] };
  if (a.length === 0) return { arg, rows: 0, cols: 0, values: [] };
  const values: CellValue[] = [];
  let cols = -1;
  for (const row of a) {
    // A 1-D array (a list, not a grid) is read as one column.
    const r: readonly CellValue[] = Array.isArray(row) ? row : [row as unknown as CellValue];
    if (cols === -1) cols = r.length;
    else if (r.length !== cols) {
      throw new ArgumentError(
        'invalid-value',
        `${arg} is not a rectangular range: its rows have ${cols} and ${r.length} cells.`,
        { arg },
      );
    }
    for (const v of r) values.push(v);
  }
  return { arg, rows: a.length, cols, values };
}

/** Where cell `i` (row-major) of `c` is, for messages and `at`. */
export function positionOf(c: Pick<Cells, 'arg' | 'rows' | 'cols'>, i: number): Position {
  if (c.rows * c.cols <= 1) return { arg: c.arg };
  return { arg: c.arg, row: Math.floor(i / c.cols) + 1, col: (i % c.cols) + 1 };
}
export function describePosition(p: Position): string {
  if (p.row === undefined) return p.arg;
  return `${p.arg} (row ${p.row}, column ${p.col})`;
}
export function shapeText(c: Pick<Cells, 'rows' | 'cols'>): string {
  return `${c.rows} row${c.rows === 1 ? '' : 's'} × ${c.cols} column${c.cols === 1 ? '' : 's'}`;
}

/** At most this many characters of a cell's text are quoted in a message. */
export const QUOTE_LIMIT = 80;
/** At most this many accepted words are listed in a message. */
export const LIST_LIMIT = 10;

/**
 * Text as a message quotes it: in double quotes, control characters escaped, at most
 * `QUOTE_LIMIT` characters then "…" — a 1 MB cell must not become a 1 MB message.
 */
export function quoteText(s: string, limit = QUOTE_LIMIT): string {
  return JSON.stringify(clipText(s, limit));
}

/** At most `limit` characters of `s`, then "…" (unquoted: for names such as a command-line option). */
export function clipText(s: string, limit = QUOTE_LIMIT): string {
  if (s.length <= limit) return s;
  let cut = s.slice(0, limit);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1); // never half a surrogate pair
  return `${cut}…`;
}

/** "a", "b", "c" — at most `LIST_LIMIT` items, then "and N more". `quote` puts each item in quotes. */
export function listWords(items: readonly string[], quote = true, limit = LIST_LIMIT): string {
  const shown = items.slice(0, limit).map((w) => (quote ? quoteText(w) : clipText(w)));
  return items.length > limit ? `${shown.join(', ')} and ${items.length - limit} more` : shown.join(', ');
}

/** How a value reads in a message. */
export function describeValue(v: CellValue): string {
  if (v === null || v === undefined) return 'a blank';
  if (typeof v === 'string') return quoteText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return String(v);
  if (isDate(v)) return 'a date';
  return errorValueText(v) ?? 'an unreadable value';
}

const NUMBER_BODY = /^([+-]?)\s*\$?\s*([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)\s*(%?)$/;

/**
 * Text that is plainly a number: "1200", "1,200.50", "$1,200", "80%", "(1,200)" (an accounting
 * negative), "-$5". Returns undefined for anything else ("12abc", "1,20", "N/A").
 */
export function parseNumericText(s: string): Dec | undefined {
  let t = s.trim();
  const paren = /^\(.*\)$/.test(t);
  if (paren) t = t.slice(1, -1).trim();
  const m = NUMBER_BODY.exec(t);
  if (!m) return undefined;
  const [, outerSign, innerSign, digits, percent] = m;
  if (digits === undefined || (outerSign && innerSign) || (paren && (outerSign || innerSign))) return undefined;
  let d = new Dec(digits.replace(/,/g, ''));
  if (percent === '%') d = d.div(100);
  return paren || outerSign === '-' || innerSign === '-' ? d.neg() : d;
}

function fail(code: ErrorCode, at: Position, what: string): never {
  throw new ArgumentError(code, `${describePosition(at)}: ${what}`, at);
}

/**
 * An error value from the host (#REF!, #N/A…) in any argument is that error, named with its
 * argument and position — never read as a word, a role or text.
 */
export function rejectErrorValue(v: CellValue, at: Position): void {
  const err = errorValueText(v);
  if (err) fail('invalid-value', at, `the cell holds the error ${err}; fix that cell first.`);
}

/**
 * The largest amount rdtax computes with: 2^53 − 1 cents, the most a spreadsheet number holds
 * exactly to the cent. A larger amount, or amounts that add up to more, is an error naming the
 * argument — never an infinite or silently rounded result.
 */
export const AMOUNT_LIMIT = new Dec(Number.MAX_SAFE_INTEGER).div(100);
export const AMOUNT_LIMIT_TEXT = '$90,071,992,547,409.91';

/**
 * Any number a cell may hold, as an exact decimal (numbers go through their shortest
 * round-trip text, so 0.1 is exactly 0.1). Blank → `blank`.
 */
function readDecimal(v: CellValue, at: Position, expected: string, blank: Dec | undefined): Dec {
  if (isBlank(v)) {
    if (blank !== undefined) return blank;
    fail('invalid-value', at, `is blank; enter ${expected}.`);
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) fail('invalid-number', at, `${v} is not a finite number; enter ${expected}.`);
    return new Dec(v);
  }
  rejectErrorValue(v, at);
  if (typeof v === 'string') {
    const d = parseNumericText(v);
    if (d !== undefined) return d;
    fail('invalid-value', at, `${describeValue(v)} is text, not a number; enter ${expected}.`);
  }
  if (typeof v === 'boolean')
    fail('invalid-value', at, `${describeValue(v)} is a logical value, not a number; enter ${expected}.`);
  if (isDate(v)) fail('invalid-value', at, `a date is not ${expected}.`);
  return fail('invalid-value', at, `${describeValue(v)} is not ${expected}.`);
}

/** An amount of dollars, 0 or more. Blank counts as 0. */
export function readAmount(v: CellValue, at: Position): Usd {
  const d = readDecimal(v, at, 'an amount in dollars', new Dec(0));
  if (d.isNegative() && !d.isZero())
    fail('invalid-number', at, `${describeValue(v)} is negative; amounts must be 0 or more.`);
  if (d.gt(AMOUNT_LIMIT)) {
    fail(
      'invalid-number',
      at,
      `${describeValue(v)} is more than ${AMOUNT_LIMIT_TEXT}, the largest amount computed exactly to the cent; check the cell.`,
    );
  }
  return d as Usd;
}

/**
 * A percentage given as a fraction 0–1 (a cell showing 80% holds 0.8). Blank counts as 0.
 * `label` names the quantity in the message ("R&D %", "fixed-base %").
 */
export function readFraction(v: CellValue, at: Position, label = 'R&D %'): Rate {
  const d = readDecimal(v, at, `${label} as a fraction between 0 and 1`, new Dec(0));
  if (d.gt(1) || (d.isNegative() && !d.isZero())) {
    fail('invalid-number', at, `${label} must be a fraction between 0 and 1 (80% is 0.8); got ${describeValue(v)}.`);
  }
  return d as Rate;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', 'no', 'n']);
export function readBoolean(v: CellValue, at: Position): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  rejectErrorValue(v, at);
  if (typeof v === 'string') {
    const w = v.trim().toLowerCase();
    if (TRUE_WORDS.has(w)) return true;
    if (FALSE_WORDS.has(w)) return false;
  }
  return fail('invalid-value', at, `${describeValue(v)} is not TRUE or FALSE.`);
}

/** A whole number ≥ 0 (a count of elections). */
export function readCount(v: CellValue, at: Position, what: string): number {
  const d = readDecimal(v, at, what, new Dec(0));
  if (!d.isInteger() || d.isNegative() || d.gt(1000)) fail('invalid-number', at, `${describeValue(v)} is not ${what}.`);
  return d.toNumber();
}

/** A calendar year, whole, within the engine's range. */
export function readYear(
  v: CellValue,
  at: Position,
  what = 'the calendar year in which the tax year begins (e.g. 2025)',
  min = TAX_YEAR_MIN,
): number {
  if (isDate(v)) fail('invalid-value', at, `a date is not a year; enter ${what}.`);
  const d = readDecimal(v, at, what, undefined);
  if (!d.isInteger()) fail('invalid-number', at, `${describeValue(v)} is not a whole year; enter ${what}.`);
  if (d.lt(min) || d.gt(TAX_YEAR_MAX)) {
    fail('invalid-number', at, `${describeValue(v)} is outside ${min}–${TAX_YEAR_MAX}; enter ${what}.`);
  }
  return d.toNumber();
}

/** Normalise a word for matching: case, runs of spaces, hyphens/underscores as spaces. */
export function normalizeWord(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

/** One of a closed set of words (case- and space-insensitive); anything else lists the accepted words. */
export function readWord<T>(v: CellValue, at: Position, accepted: ReadonlyMap<string, T>, what: string): T {
  rejectErrorValue(v, at);
  if (typeof v === 'string') {
    const hit = accepted.get(normalizeWord(v));
    if (hit !== undefined) return hit;
  }
  return fail(
    'invalid-value',
    at,
    `${describeValue(v)} is not a known ${what}; use one of ${listWords([...accepted.keys()])}.`,
  );
}

/**
 * Free text (a role, a function name): an error value is that error; a blank, a number, a
 * logical or a date is not text. Returns the text trimmed.
 */
export function readText(v: CellValue, at: Position, what: string): string {
  rejectErrorValue(v, at);
  if (typeof v === 'string' && !isBlank(v)) return v.trim();
  return fail('invalid-value', at, `${isBlank(v) ? 'a blank' : describeValue(v)} is not ${what}.`);
}

/** Excel's date serial numbers: 1 is 1900-01-01, 2,958,465 is 9999-12-31 (a fraction is the time of day). */
export const DATE_SERIAL_MIN = 1;
export const DATE_SERIAL_MAX = 2958465;

/** A month, from "2025-07", "2025/7", "07/2025", a Date, or an Excel date serial number. */
export function readMonth(v: CellValue, at: Position): { year: number; month: number } {
  const expected = 'a month such as "2025-07" or a date';
  rejectErrorValue(v, at);
  let y: number | undefined;
  let m: number | undefined;
  if (isDate(v)) {
    if (Number.isNaN(v.getTime())) fail('invalid-value', at, `the date is invalid; enter ${expected}.`);
    y = v.getFullYear();
    m = v.getMonth() + 1;
  } else if (typeof v === 'number') {
    // Excel hands dates to custom functions as serial numbers (1 = 1900-01-01, with the
    // 1900 leap-year bug: serials from 61 on count from 1899-12-30). Outside Excel's range a
    // serial is no date at all, and past ±8.64e15 ms JavaScript's Date would be NaN.
    if (!Number.isFinite(v) || v < DATE_SERIAL_MIN || v >= DATE_SERIAL_MAX + 1) {
      fail(
        'invalid-number',
        at,
        `${describeValue(v)} is not a date: Excel date serial numbers run from ${DATE_SERIAL_MIN} (1900-01-01) to ${DATE_SERIAL_MAX} (9999-12-31); enter ${expected}.`,
      );
    }
    const day = Math.floor(v);
    const d = new Date(Date.UTC(1899, 11, day >= 61 ? 30 : 31) + day * 86400000);
    y = d.getUTCFullYear();
    m = d.getUTCMonth() + 1;
  } else if (typeof v === 'string') {
    const t = v.trim();
    let r = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/.exec(t);
    if (r) {
      y = Number(r[1]);
      m = Number(r[2]);
    } else if ((r = /^(\d{1,2})[-/.](?:(\d{1,2})[-/.])?(\d{4})$/.exec(t))) {
      y = Number(r[3]);
      m = Number(r[1]);
    }
  }
  if (y === undefined || m === undefined || !Number.isInteger(y) || !Number.isInteger(m) || m < 1 || m > 12) {
    fail('invalid-value', at, `${describeValue(v)} is not ${expected}.`);
  }
  if (y < TAX_YEAR_MIN || y > TAX_YEAR_MAX) {
    fail(
      'invalid-number',
      at,
      `${describeValue(v)} falls in ${y}, outside ${TAX_YEAR_MIN}–${TAX_YEAR_MAX}; enter ${expected}.`,
    );
  }
  return { year: y, month: m };
}

/**
 * Make `other` line up with `primary`: one cell applies to every cell of `primary`, otherwise
 * the shapes must match. Returns a reader index → value.
 */
export function alignWith(primary: Cells, other: Cells): (i: number) => { v: CellValue; at: Position } {
  if (other.rows * other.cols === 1) return () => ({ v: other.values[0], at: positionOf(other, 0) });
  if (other.rows !== primary.rows || other.cols !== primary.cols) {
    throw new ArgumentError(
      'invalid-value',
      `${primary.arg} is ${shapeText(primary)} but ${other.arg} is ${shapeText(other)}; give ${other.arg} as one cell or a range of the same shape as ${primary.arg}.`,
      { arg: other.arg },
    );
  }
  return (i) => ({ v: other.values[i], at: positionOf(other, i) });
}

/** An omitted optional argument: Sheets passes undefined, Excel passes null; a blank single cell counts too. */
export function isOmitted(a: CellArg | undefined): boolean {
  if (a === undefined || a === null) return true;
  if (isRange(a))
    return a.length === 0 || (a.length === 1 && Array.isArray(a[0]) && a[0].length === 1 && isBlank(a[0][0]));
  return isBlank(a);
}

/** A single-cell argument: a scalar, or a 1 × 1 range (Excel matrix parameters). */
export function scalarOf(a: CellArg, arg: string): CellValue {
  if (!isRange(a)) return a;
  const c = cellsOf(a, arg);
  if (c.rows * c.cols !== 1) {
    throw new ArgumentError('invalid-value', `${arg} must be a single cell, not a range of ${shapeText(c)}.`, { arg });
  }
  return c.values[0];
}
