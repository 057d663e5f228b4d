/**
 * Exact money. Every amount inside core is a decimal.js value from one private clone
 * (never the global `Decimal.set`), and rounding happens once, at a named edge:
 * `toCents` for a cell result or a form line, `cumulativeSchedule` for schedules.
 *
 * `Usd` and `Rate` are branded so that `Usd × Usd` or `Rate + Usd` does not compile:
 * the only products are `times(usd, rate)`.
 */
import Decimal from 'decimal.js';

/** 50 significant digits: far beyond any study's amounts × rates; rounding half-up at the edge. */
export const Dec = Decimal.clone({
  precision: 50,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Dec = InstanceType<typeof Dec>;

declare const usdBrand: unique symbol;
declare const rateBrand: unique symbol;
/** An amount of US dollars, exact. */
export type Usd = Dec & { readonly [usdBrand]: 'USD' };
/** A dimensionless rate or fraction (0.14, 0.65, 1/6), exact. */
export type Rate = Dec & { readonly [rateBrand]: 'rate' };

export type DecimalInput = string | number | Dec;

export function usd(v: DecimalInput): Usd {
  return new Dec(v) as Usd;
}
export function rate(v: DecimalInput): Rate {
  return new Dec(v) as Rate;
}

export const ZERO_USD = usd(0);

export function plus(a: Usd, b: Usd): Usd {
  return a.plus(b) as Usd;
}
export function times(a: Usd, r: Rate): Usd {
  return a.times(r) as Usd;
}
export function maxUsd(a: Usd, b: Usd): Usd {
  return (a.gte(b) ? a : b) as Usd;
}
export function minUsd(a: Usd, b: Usd): Usd {
  return (a.lte(b) ? a : b) as Usd;
}
export function sumUsd(xs: readonly Usd[]): Usd {
  let s = ZERO_USD;
  for (const x of xs) s = plus(s, x);
  return s;
}

/** The edge: round half-up to the cent and hand out a plain JavaScript number. */
export function toCents(a: Usd): number {
  const n = a.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
  return n === 0 ? 0 : n; // never -0 in a cell
}
/** Round a rate to `places` decimals half-up (e.g. §41(c)(3)(D): 1/100 of 1% = 4 places). */
export function roundRate(r: Rate, places: number): Rate {
  return r.toDecimalPlaces(places, Decimal.ROUND_HALF_UP) as Rate;
}
export function rateToNumber(r: Rate): number {
  const n = r.toNumber();
  return n === 0 ? 0 : n;
}

/** An exact fraction n/d (schedule shares such as 1/30 or 6/60 must not be decimal-approximated:
 * 0.15 × 1/30 is exactly half a cent and must round up). */
export interface Fraction {
  readonly n: number;
  readonly d: number;
}
function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return Math.abs(a);
}
function addFractions(a: Fraction, b: Fraction): Fraction {
  const n = a.n * b.d + b.n * a.d;
  const d = a.d * b.d;
  const g = gcd(n, d) || 1;
  return { n: n / g, d: d / g };
}

/**
 * Cumulative rounding: slice `amount` by `shares` (which must add up to 1) so that every
 * slice is in whole cents and the slices add up to the amount rounded to the cent exactly.
 * Slice k = round(amount × (s1+…+sk)) − round(amount × (s1+…+s(k−1))), each cumulative
 * product computed as amount × N ÷ D with one division, so ties are seen exactly.
 */
export function cumulativeSchedule(amount: Usd, shares: readonly Fraction[]): Usd[] {
  const out: Usd[] = [];
  let cum: Fraction = { n: 0, d: 1 };
  let prevRounded = new Dec(0);
  for (const s of shares) {
    cum = addFractions(cum, s);
    const rounded = amount.times(cum.n).div(cum.d).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    out.push(rounded.minus(prevRounded) as Usd);
    prevRounded = rounded;
  }
  return out;
}
