/**
 * A rule's value as a reader writes it, by its unit: 0.14 → "14%", 500000 → "$500,000",
 * 0.79 → "0.79". The catalogue's help and docs/law.md both render law through these, so a
 * changed value changes every text that states it.
 */
import { Dec } from '../money';
import type { Rule, Unit, UnitName } from './types';
import { resolve } from './types';

type Scalar = string | number;

/** One scalar value in its unit. */
export function formatScalar(v: Scalar, unit: UnitName | undefined): string {
  switch (unit) {
    case 'rate':
      return `${new Dec(v).times(100).toString()}%`;
    case 'USD':
      return `$${new Dec(v).toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
    case 'month':
      return `${v} months`;
    default:
      return String(v);
  }
}

/** Any rule value: scalars by unit, records field by field, lists item by item, `null` as not in force. */
export function formatValue(v: unknown, unit: Unit | undefined): string {
  if (v === null || v === undefined) return 'not in force';
  if (typeof v === 'string' || typeof v === 'number')
    return formatScalar(v, typeof unit === 'string' ? unit : undefined);
  if (Array.isArray(v)) return v.map((item) => formatValue(item, unit)).join('; ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // An exact fraction {n, d} (the start-up multipliers).
    if (typeof o.n === 'number' && typeof o.d === 'number' && Object.keys(o).length === 2) return `${o.n}/${o.d}`;
    return Object.entries(o)
      .map(([k, x]) => `${k}: ${formatValue(x, typeof unit === 'object' ? unit[k] : unit)}`)
      .join(', ');
  }
  return String(v);
}

/** The value of `rule` for tax years beginning in `taxYear`, written in its unit. */
export function lawText(rule: Rule<Scalar | null>, taxYear: number): string {
  return formatValue(resolve(rule, taxYear).value, rule.unit);
}

/** The latest change of `rule`: the first tax year of its current version, and the values before and from then. */
export function latestChange<V>(rule: Rule<V>): { readonly year: number; readonly before: V; readonly after: V } {
  const h = rule.history;
  const after = h[h.length - 1];
  const before = h[h.length - 2];
  if (!after || !before) throw new Error(`${rule.id} has never changed`);
  return { year: after.from, before: before.value, after: after.value };
}
