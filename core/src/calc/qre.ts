/**
 * Qualified research expenses, IRC §41(b): wages, supplies and computer rental, contract
 * research. Exact sums; the caller rounds once at the edge.
 */
import { CONTRACT_RESEARCH_RATE, WAGE_SUBSTANTIALLY_ALL_THRESHOLD, type ContractType } from '../law/rules';
import { resolve, type Citations } from '../law/types';
import { rate, times, plus, ZERO_USD, type Rate, type Usd } from '../money';

export interface WageRow {
  readonly wages: Usd;
  readonly rdPct: Rate;
}

/**
 * The share of an individual's wages that are qualified services wages: the R&D % itself,
 * or 100% when substantially all (≥ 80%) of the services are qualified (§41(b)(2)(B)).
 */
export function qualifiedWageShare(rdPct: Rate, substantiallyAll: boolean, threshold: Rate): Rate {
  return substantiallyAll && rdPct.gte(threshold) ? rate(1) : rdPct;
}

export function substantiallyAllThreshold(taxYear: number): { value: Rate; citations: Citations } {
  const r = resolve(WAGE_SUBSTANTIALLY_ALL_THRESHOLD, taxYear);
  return { value: rate(r.value), citations: r.citations };
}

/** Σ wages × qualified share (exact). */
export function wageQre(rows: readonly WageRow[], substantiallyAll: boolean, taxYear: number): Usd {
  const threshold = substantiallyAllThreshold(taxYear).value;
  let total = ZERO_USD;
  for (const r of rows) total = plus(total, times(r.wages, qualifiedWageShare(r.rdPct, substantiallyAll, threshold)));
  return total;
}

/**
 * The integer fast path for `wageQre` over plain numbers: wages in whole cents and R&D %
 * in whole hundredths of a percent (4 decimals of a fraction), summed as integers, so
 * 100,000 rows cost a float loop, not 100,000 decimal multiplications. Returns the total
 * rounded half-up to the cent as a number, or `undefined` when any value does not fit the
 * integer grid (more decimals, text, blanks, negatives, huge values) — the caller then
 * takes the exact decimal path. Equality with that path is proven by a property test.
 *
 * Why it is exact: a number `w` is taken as cents c only when `c / 100 === w`, i.e. `w` is
 * the double nearest to the decimal c/100, whose shortest round-trip text — the text the
 * decimal path reads — is that decimal. Each product c × u (u ≤ 10,000, c ≤ 10^10: wages up to
 * $100M a person) is at most 10^14 < 2^47; the running sum is flushed into a BigInt once it
 * passes 2^53 − 2^47, so it never leaves the exactly-representable integers.
 */
export function wageQreCentsFast(
  wages: readonly (readonly unknown[])[],
  rdPct: readonly (readonly unknown[])[] | number,
  substantiallyAll: boolean,
  thresholdUnits: number,
): number | undefined {
  // Works on the host's 2-D grid directly: no flattening copy of 100,000 rows.
  const single = typeof rdPct === 'number';
  if (!single && rdPct.length !== wages.length) return undefined;
  let singleUnits = 0;
  if (single) {
    const u = toUnits(rdPct);
    if (u === undefined) return undefined;
    singleUnits = substantiallyAll && u >= thresholdUnits ? 10000 : u;
  }
  const FLUSH = 2 ** 53 - 2 ** 47;
  let acc = 0;
  let big = BigInt(0);
  const width = wages[0]?.length;
  for (let r = 0; r < wages.length; r++) {
    const wRow = wages[r];
    const pRow = single ? undefined : (rdPct as readonly (readonly unknown[])[])[r];
    // A ragged grid is not a range: leave it to the decimal path, which says so.
    if (
      !Array.isArray(wRow) ||
      wRow.length !== width ||
      (pRow !== undefined && (!Array.isArray(pRow) || pRow.length !== wRow.length))
    )
      return undefined;
    for (let c = 0; c < wRow.length; c++) {
      const w = wRow[c];
      if (typeof w !== 'number' || !(w >= 0) || w > 1e8) return undefined;
      const cents = Math.round(w * 100);
      if (cents / 100 !== w) return undefined;
      let u = singleUnits;
      if (pRow !== undefined) {
        const p = pRow[c];
        if (typeof p !== 'number' || !(p >= 0 && p <= 1)) return undefined;
        u = Math.round(p * 10000);
        if (u / 10000 !== p) return undefined;
        if (substantiallyAll && u >= thresholdUnits) u = 10000;
      }
      acc += cents * u;
      if (acc >= FLUSH) {
        big += BigInt(acc);
        acc = 0;
      }
    }
  }
  big += BigInt(acc);
  // big is in units of 1/10,000 of a cent; round half-up to the cent.
  const totalCents = (big + BigInt(5000)) / BigInt(10000);
  if (totalCents > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return Number(totalCents) / 100;
}

/** A fraction 0–1 with at most 4 decimals as whole units of 1/10,000, else undefined. */
function toUnits(p: number): number | undefined {
  if (!(p >= 0 && p <= 1)) return undefined;
  const u = Math.round(p * 10000);
  return u / 10000 === p ? u : undefined;
}

export interface SupplyRow {
  readonly amount: Usd;
  readonly rdPct: Rate;
}

/** Σ amount × R&D % — supplies (§41(b)(2)(C)) and computer rental (§41(b)(2)(A)(iii)). */
export function supplyQre(rows: readonly SupplyRow[]): Usd {
  let total = ZERO_USD;
  for (const r of rows) total = plus(total, times(r.amount, r.rdPct));
  return total;
}

/** Cloud environments: research use, never research, or a judgement the preparer must make. */
export type CloudEnvironmentClass = 'research' | 'production' | 'needs-allocation';

export const CLOUD_ENVIRONMENTS: ReadonlyMap<string, CloudEnvironmentClass> = new Map<string, CloudEnvironmentClass>([
  ['training', 'research'],
  ['development', 'research'],
  ['experimentation', 'research'],
  ['tuning', 'research'],
  ['testing', 'research'],
  ['a/b testing', 'research'],
  ['data preparation for experiments', 'research'],
  ['production', 'production'],
  ['inference', 'production'],
  ['monitoring', 'production'],
  ['customer facing', 'production'],
  ['staging', 'needs-allocation'],
]);

export interface ContractRow {
  readonly amount: Usd;
  readonly rdPct: Rate;
  readonly type: ContractType;
}

export function contractResearchRate(
  type: ContractType,
  taxYear: number,
): { value: Rate; citations: Citations } | undefined {
  const r = resolve(CONTRACT_RESEARCH_RATE[type], taxYear);
  return r.value === null ? undefined : { value: rate(r.value), citations: r.citations };
}

/** Σ amount × R&D % × applicable % (65/75/100), §41(b)(3). */
export function contractQre(rows: readonly ContractRow[], taxYear: number): Usd {
  let total = ZERO_USD;
  for (const r of rows) {
    const applicable = contractResearchRate(r.type, taxYear);
    if (!applicable) throw new Error(`contract research rate for ${r.type} not in force in ${taxYear}`);
    total = plus(total, times(times(r.amount, r.rdPct), applicable.value));
  }
  return total;
}
