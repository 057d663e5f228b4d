/**
 * How Form 6765 values read in the panel (no DOM here, so node tests can load it): amounts to
 * the cent with thousands separators, rates as percentages, Yes/No, counts. Exact: amounts and
 * rates go through decimal.js (core/src/money.ts), never float arithmetic.
 */
import type { LineKind, LineValue } from '@core/form6765';
import { Dec } from '@core/money';
import { bounded } from './text';

/** What a line without a value shows in its value column (its note says why). */
export const NOT_COMPUTED = 'not computed';

const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 1234.5 → "1,234.50"; −0.004 → "0.00"; a negative amount keeps its sign: "-12.00". */
export function formatAmount(n: number): string {
  const fixed = new Dec(n).toFixed(2);
  const neg = fixed.startsWith('-') && /[1-9]/.test(fixed);
  const [whole = '0', cents = '00'] = fixed.replace(/^-/, '').split('.');
  return `${neg ? '-' : ''}${group(whole)}.${cents}`;
}

/** A fraction as a percentage, exact up to 4 decimals of a percent: 0.03 → "3%", 0.0166667 → "1.6667%". */
export function formatRate(n: number): string {
  return `${new Dec(n).times(100).toDecimalPlaces(4).toString()}%`;
}

/**
 * A share as a percentage to one decimal, rounded down so that a share under a threshold never
 * reads as reaching it: 0.942219 → "94.2%", 0.79999 → "79.9%", 1 → "100%".
 */
export function formatShare(n: number): string {
  return `${new Dec(n).times(100).toDecimalPlaces(1, Dec.ROUND_DOWN).toString()}%`;
}

/** A count: 3 → "3", 1200 → "1,200". */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : new Dec(n).toString();
}

/** A line's value as the form shows it, by the line's kind; null is `NOT_COMPUTED`. */
export function formatLineValue(kind: LineKind, value: LineValue): string {
  if (value === null) return NOT_COMPUTED;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return bounded(value, 120);
  if (!Number.isFinite(value)) return NOT_COMPUTED;
  switch (kind) {
    case 'amount':
      return formatAmount(value);
    case 'rate':
      return formatRate(value);
    case 'count':
      return formatCount(value);
    case 'yes-no':
      return value === 0 ? 'No' : 'Yes';
    case 'text':
      return String(value);
  }
}
