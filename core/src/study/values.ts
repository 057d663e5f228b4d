/**
 * Reading study cells without throwing: a cell is blank, a value, or invalid with a reason the
 * validator turns into a finding. (The catalogue's readers in ../cells throw `ArgumentError`,
 * which is right for one formula and wrong for 50,000 rows.)
 *
 * Numbers stay JavaScript numbers on the hot path. That is exact, not approximate: a cell's
 * number means the decimal of its shortest round-trip text (what `new Dec(n)` reads), and
 * round-to-nearest is monotone, so for two doubles `a < b` exactly when their decimals compare
 * the same way. A `Threshold` keeps its double only when that double's decimal *is* the
 * threshold (0.8, 0.65, 1); otherwise comparisons go through decimals.
 */
import {
  describeValue,
  errorValueText,
  isBlank,
  isDate,
  normalizeWord,
  parseNumericText,
  type CellValue,
} from '../cells';
import { Dec, type DecimalInput } from '../money';

/** A number read from a cell: a double whose decimal is exact, or (rarely, from long text) a decimal. */
export type Num = number | Dec;

export type Read<T> =
  | { readonly kind: 'blank' }
  | { readonly kind: 'value'; readonly value: T }
  /** `why` completes "the cell …": "holds the error #REF!", "is text (\"abc\")". */
  | { readonly kind: 'invalid'; readonly why: string };

const BLANK = { kind: 'blank' } as const;

/** Error values all start with '#': test that first, it is the hot path for every text cell. */
function isErrorText(s: string): boolean {
  return s.indexOf('#') !== -1 && errorValueText(s) !== undefined;
}

function invalidWhy(v: CellValue): string {
  const err = errorValueText(v);
  if (err) return `holds the error ${err}`;
  if (typeof v === 'string') return `is the text ${describeValue(v)}`;
  if (typeof v === 'boolean') return `is a logical value (${describeValue(v)})`;
  if (isDate(v)) return 'is a date';
  if (typeof v === 'number')
    return Number.isNaN(v) ? 'holds an invalid number' : Number.isFinite(v) ? `is ${v}` : 'is infinite';
  return 'holds an unreadable value';
}

function narrow(d: Dec): Num {
  const n = d.toNumber();
  return Number.isFinite(n) && new Dec(n).eq(d) ? n : d;
}

/** An amount or a % cell: numbers, and text that is plainly a number ("$1,200", "80%", "(5)"). */
export function readNumber(v: CellValue): Read<Num> {
  if (typeof v === 'number')
    return Number.isFinite(v) ? { kind: 'value', value: v } : { kind: 'invalid', why: invalidWhy(v) };
  if (isBlank(v)) return BLANK;
  if (typeof v === 'string' && !isErrorText(v)) {
    const d = parseNumericText(v);
    if (d !== undefined) return { kind: 'value', value: narrow(d) };
  }
  return { kind: 'invalid', why: invalidWhy(v) };
}

/** The words a Yes/No cell reads as Yes (any case); a logical TRUE is Yes too. */
export const YES_WORDS: readonly string[] = ['Yes', 'Y', 'True'];
const YES = new Set(YES_WORDS.map((w) => w.toLowerCase()));
const NO = new Set(['n', 'no', 'false']);
/** Y/N/Yes/No/TRUE/FALSE (any case) or a logical value. */
export function readYesNo(v: CellValue): Read<boolean> {
  if (typeof v === 'boolean') return { kind: 'value', value: v };
  if (isBlank(v)) return BLANK;
  if (typeof v === 'string' && !isErrorText(v)) {
    const w = v.trim().toLowerCase();
    if (YES.has(w)) return { kind: 'value', value: true };
    if (NO.has(w)) return { kind: 'value', value: false };
  }
  return { kind: 'invalid', why: invalidWhy(v) };
}

/**
 * A text cell. Numbers and logicals read as their text (an employee ID, a year, TRUE); a date
 * as "a date". Only an error value (#REF!, #N/A…) or an unreadable object is invalid.
 */
export function readText(v: CellValue): Read<string> {
  if (isBlank(v)) return BLANK;
  if (typeof v === 'string') {
    return isErrorText(v)
      ? { kind: 'invalid', why: `holds the error ${errorValueText(v)}` }
      : { kind: 'value', value: v.trim() };
  }
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean' || isDate(v))
    return { kind: 'value', value: describeValue(v) };
  if (typeof v === 'number') return { kind: 'invalid', why: invalidWhy(v) };
  const err = errorValueText(v);
  return { kind: 'invalid', why: err ? `holds the error ${err}` : 'is not text' };
}

/**
 * Normalised for matching names across rows and sheets (case, runs of spaces, hyphens and
 * underscores), as `normalizeWord` does; names that need only lower-casing skip its regex.
 */
export function nameKey(s: string): string {
  const lower = s.toLowerCase();
  return /[^\S ]|[_-]|\s\s|^\s|\s$/.test(lower) ? normalizeWord(lower) : lower;
}

export interface Threshold {
  readonly dec: Dec;
  /** The double nearest `dec` (what `dec.toNumber()` gives). */
  readonly num: number;
  /** The double's decimal equals `dec`, so double comparison is exact. */
  readonly exact: boolean;
  /**
   * `num` is finite: a double other than `num` compares with `dec` as it compares with `num`,
   * and `num` itself compares with `dec` as `atNum` says — no decimal on the hot path.
   */
  readonly finite: boolean;
  /** −1, 0 or 1: the decimal of `num` against `dec` (0 exactly when `exact`). */
  readonly atNum: number;
}
/**
 * A threshold to compare cell numbers with. Exact for any decimal, not only one a double holds
 * (2^53 − 1 cents, 0.333…): `num` is the double nearest `dec`, and a double `v` means the
 * decimal of its shortest text, which rounds back to `v`. Rounding to nearest is monotone, so
 * `v < num` forces decimal(v) < dec (else v = round(decimal(v)) ≥ round(dec) = num), likewise
 * `v > num`; only `v === num` needs the decimal comparison, made here once.
 */
export function threshold(d: DecimalInput): Threshold {
  const dec = new Dec(d);
  const num = dec.toNumber();
  const finite = Number.isFinite(num);
  const atNum = finite ? new Dec(num).cmp(dec) : 0;
  return { dec, num, exact: finite && atNum === 0, finite, atNum };
}
export function toDec(v: Num): Dec {
  return typeof v === 'number' ? new Dec(v) : v;
}
/** −1, 0 or 1 as `v` is below, at or above `t`, exactly. */
export function compare(v: Num, t: Threshold): number {
  if (typeof v === 'number' && t.finite && v === v) return v < t.num ? -1 : v > t.num ? 1 : t.atNum;
  return toDec(v).cmp(t.dec);
}

export const ZERO = threshold(0);
export const ONE = threshold(1);

/** The percentages of numbers already formatted: 50,000 findings quote a few dozen shares. */
const pctText = new Map<number, string>();
const PCT_TEXTS_KEPT = 4096;

/** 0.8 → "80%", 80 → "8000%" (exact: the decimal point is moved in the number's own text). */
export function formatPct(v: Num): string {
  if (typeof v === 'number') {
    const known = pctText.get(v);
    if (known !== undefined) return known; // -0 finds 0's text: String(-0) is "0" too
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(v));
    if (m) {
      const frac = (m[3] ?? '').padEnd(2, '0');
      const whole = (m[2] + frac.slice(0, 2)).replace(/^0+(?=\d)/, '');
      const rest = frac.slice(2);
      const text = `${m[1]}${whole}${rest ? `.${rest}` : ''}%`;
      if (pctText.size >= PCT_TEXTS_KEPT) pctText.clear();
      pctText.set(v, text);
      return text;
    }
  }
  return `${toDec(v).times(100).toString()}%`;
}
/** 1234.5 → "$1,234.50"; more than two decimals are kept ("$0.005"). */
export function formatUsd(v: Num | Dec): string {
  const d = toDec(v);
  const places = Math.max(2, d.decimalPlaces());
  const fixed = d.abs().toFixed(places); // places ≥ 2: always a point
  const point = fixed.indexOf('.');
  const grouped = fixed.slice(0, point).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${d.isNegative() && !d.isZero() ? '-' : ''}$${grouped}${fixed.slice(point)}`;
}
