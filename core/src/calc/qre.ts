/**
 * Qualified research expenses, IRC §41(b): wages, supplies and computer rental, contract
 * research. Exact sums; the caller rounds once at the edge.
 */
import { CONTRACT_RESEARCH_RATE, WAGE_SUBSTANTIALLY_ALL_THRESHOLD, type ContractType } from '../law/rules';
import { resolve, type Citations } from '../law/types';
import { errorValueText } from '../cells';
import { rate, times, plus, ZERO_USD, type Rate, type Usd } from '../money';
import { centsOf, NO_THRESHOLD, sumCentsTimesUnits } from './fast';

// Bound once when the library is built: a global lookup per row is slow in a vm context.
const round = Math.round;
const isArray = Array.isArray;
const Big = BigInt;

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

/** Σ wages × qualified share (exact), each row its own individual. */
export function wageQre(rows: readonly WageRow[], substantiallyAll: boolean, taxYear: number): Usd {
  const threshold = substantiallyAllThreshold(taxYear).value;
  let total = ZERO_USD;
  for (const r of rows) total = plus(total, times(r.wages, qualifiedWageShare(r.rdPct, substantiallyAll, threshold)));
  return total;
}

// ------------------------------------------------------------------ the 80% rule per individual

/**
 * The key that makes rows one individual: the name trimmed, without case, runs of spaces as one
 * ("  Jane   DOE " is "jane doe"). Hyphens and other marks still count ("Mary-Jane" ≠ "Mary Jane").
 */
export function individualKey(name: string): string {
  // Printable ASCII with single spaces inside (what 200,000 names mostly are): lower-cased only
  // when it holds a capital, and returned as is otherwise. Anything else takes the general path.
  const n = name.length;
  if (n > 0 && name.charCodeAt(0) > 32 && name.charCodeAt(n - 1) > 32) {
    let upper = false;
    let plain = true;
    for (let i = 0; i < n; i++) {
      const c = name.charCodeAt(i);
      if (c >= 65 && c <= 90) upper = true;
      else if (c > 126 || c < 32 || (c === 32 && name.charCodeAt(i + 1) === 32)) {
        plain = false;
        break;
      }
    }
    if (plain) return upper ? name.toLowerCase() : name;
  }
  const lower = name.trim().toLowerCase();
  return /\s\s|[^\S ]/.test(lower) ? lower.replace(/\s+/g, ' ') : lower;
}

/**
 * The individual a cell names: text or a number (an employee ID) is a name; a blank, a logical, a
 * date or an error value names no one, so its row is an individual of its own. The catalogue and
 * the row classifier both key rows with this, so a formula and `rdtax compute` group alike.
 */
export function individualOf(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  if (t === '' || (t.charCodeAt(0) === 35 /* # */ && errorValueText(t) !== undefined)) return undefined;
  return individualKey(t);
}

/**
 * How an individual's rows are read:
 * - `single`: one row.
 * - `repeated`: every row carries the same wage — one W-2 repeated, each row's R&D % the time on
 *   that row (usually another business component); the total share is Σ %, the W-2 counted once.
 * - `parts`: the wages differ — each row a part of the year's wages; W = Σ wages and the total
 *   share is Σ(wage × %) ÷ W.
 */
export type WageReading = 'single' | 'repeated' | 'parts';

export interface IndividualWages {
  /** Indices of the individual's rows in the rows given, in order. */
  readonly rows: readonly number[];
  readonly reading: WageReading;
  /** W: the wage counted once (single, repeated) or the sum of the parts. */
  readonly wages: Usd;
  /** The individual's total R&D share (Σ % when repeated, Σ(wage × %) ÷ W for parts); may pass 1. */
  readonly share: Rate;
  /** The share is at or above the threshold and the rule applies: all of W counts. */
  readonly substantiallyAll: boolean;
  /** The total share is above 100%: the rows claim more time than a year holds. */
  readonly overFull: boolean;
  /** The individual's qualified wages: W × share, or all of W when substantially all. */
  readonly qualified: Usd;
}

export interface IndividualWageResult {
  readonly individuals: readonly IndividualWages[];
  /**
   * Each row's part of its individual's qualified wages, exact. An individual's parts sum exactly
   * to its qualified wages (the last row takes what the others leave, so a division never leaves
   * a remainder): repeated W × % (at ≥ 80%: W × % ÷ Σ %); parts wage × % (at ≥ 80%: the wage).
   */
  readonly amounts: readonly Usd[];
}

const ONE_RATE = rate(1);
/**
 * A part that is a quotient is kept to this many decimals (far below a cent), so that the last
 * part, the whole less the others, is exact within the 50 digits of `Dec`.
 */
export const PART_PLACES = 20;

/**
 * The 80% rule per individual (IRC §41(b)(2)(B) last sentence; Treas. Reg. §1.41-2(d)(2)):
 * "substantially all of the services performed by an individual" is tested on the individual's
 * total, not row by row. `keys[i]` names the individual of row i (undefined: a row of its own);
 * without keys every row is its own individual, as `wageQre`.
 */
export function wageIndividuals(
  rows: readonly WageRow[],
  keys: readonly (string | undefined)[] | undefined,
  substantiallyAll: boolean,
  threshold: Rate,
): IndividualWageResult {
  const groups: number[][] = [];
  const byKey = new Map<string, number[]>();
  rows.forEach((_, i) => {
    const k = keys?.[i];
    if (k === undefined) return void groups.push([i]);
    const g = byKey.get(k);
    if (g) g.push(i);
    else {
      const fresh = [i];
      byKey.set(k, fresh);
      groups.push(fresh);
    }
  });
  const amounts: Usd[] = new Array<Usd>(rows.length);
  const individuals = groups.map((g) => individual(rows, g, substantiallyAll, threshold, amounts));
  return { individuals, amounts };
}

function individual(
  given: readonly WageRow[],
  g: readonly number[],
  substantiallyAll: boolean,
  threshold: Rate,
  amounts: Usd[],
): IndividualWages {
  const rows = g.map((i) => given[i] as WageRow);
  const set = (parts: readonly Usd[]) => parts.forEach((x, n) => (amounts[g[n] as number] = x));
  const [first] = rows as [WageRow, ...WageRow[]];
  if (rows.length === 1) {
    const qualified = times(first.wages, qualifiedWageShare(first.rdPct, substantiallyAll, threshold));
    set([qualified]);
    return {
      rows: g,
      reading: 'single',
      wages: first.wages,
      share: first.rdPct,
      substantiallyAll: substantiallyAll && first.rdPct.gte(threshold),
      overFull: first.rdPct.gt(ONE_RATE),
      qualified,
    };
  }
  if (rows.every((r) => r.wages.eq(first.wages))) {
    const W = first.wages;
    let sumPct = rate(0);
    for (const r of rows) sumPct = sumPct.plus(r.rdPct) as Rate;
    const all = substantiallyAll && sumPct.gte(threshold);
    if (all && !sumPct.isZero()) {
      // All of W counts, split by each row's time: W × p ÷ Σp, the last row taking the rest.
      let split = ZERO_USD;
      set(
        rows.map((r, n) => {
          const part =
            n === rows.length - 1
              ? (W.minus(split) as Usd)
              : (W.times(r.rdPct).div(sumPct).toDecimalPlaces(PART_PLACES) as Usd);
          split = plus(split, part);
          return part;
        }),
      );
    } else set(rows.map((r) => times(W, r.rdPct)));
    return {
      rows: g,
      reading: 'repeated',
      wages: W,
      share: sumPct,
      substantiallyAll: all,
      overFull: sumPct.gt(ONE_RATE),
      qualified: all ? W : times(W, sumPct),
    };
  }
  let W = ZERO_USD;
  let weighted = ZERO_USD;
  for (const r of rows) {
    W = plus(W, r.wages);
    weighted = plus(weighted, times(r.wages, r.rdPct));
  }
  // W > 0: the wages differ and none is negative. Compared without dividing: Σwp ≥ t × W.
  const all = substantiallyAll && weighted.gte(W.times(threshold));
  set(rows.map((r) => (all ? r.wages : times(r.wages, r.rdPct))));
  const share = weighted.div(W) as Rate;
  return {
    rows: g,
    reading: 'parts',
    wages: W,
    share,
    substantiallyAll: all,
    overFull: share.gt(ONE_RATE),
    qualified: all ? W : weighted,
  };
}

/**
 * The integer fast path for `wageQre` over plain numbers: wages in whole cents and R&D %
 * in whole hundredths of a percent (4 decimals of a fraction), summed as integers, so
 * 100,000 rows cost a float loop, not 100,000 decimal multiplications. Returns the total
 * rounded half-up to the cent as a number, or `undefined` when any value does not fit the
 * integer grid (more decimals, text, negatives, huge values) — the caller then takes the
 * exact decimal path. Blank cells count 0, as the decimal path reads them. Why it is exact:
 * `sumCentsTimesUnits` (./fast); equality with the decimal path is proven by property tests.
 */
export function wageQreCentsFast(
  wages: readonly (readonly unknown[])[],
  rdPct: readonly (readonly unknown[])[] | number,
  substantiallyAll: boolean,
  thresholdUnits: number,
): number | undefined {
  // Works on the host's 2-D grid directly: no flattening copy of 100,000 rows.
  const total = sumCentsTimesUnits(wages, rdPct, substantiallyAll ? thresholdUnits : NO_THRESHOLD);
  return total === undefined ? undefined : centsOf(total, 10000);
}

interface FastIndividual {
  /** The first row's wage in cents; whether every row repeats it. */
  readonly cents: number;
  repeated: boolean;
  rows: number;
  /** Σ cents, Σ units, Σ cents × units: each kept below 2^53 or the fast path declines. */
  sumCents: number;
  sumUnits: number;
  sumProducts: number;
}

/**
 * The integer fast path of `wageIndividuals` summed, for a wages grid with an aligned grid of
 * names (same shape) — what RD_WAGE_QRE with `employees` takes. Same grid and rounding as
 * `wageQreCentsFast`; declines (undefined) on anything off the grid, a name that is not text or
 * a number, a total share above 100% (the decimal path says so), or sums that would leave the
 * exactly-representable integers. Equality with the decimal path is proven by a property test.
 *
 * Per individual, in units of 1/10,000 of a cent: single c × u (10,000 at ≥ threshold);
 * repeated c × Σu (c × 10,000 at Σu ≥ threshold); parts Σ(c × u) (Σc × 10,000 when
 * Σ(c × u) ≥ threshold × Σc — the share Σ(c × u) ÷ Σc compared without dividing).
 */
export function wageQreCentsFastNamed(
  wages: readonly (readonly unknown[])[],
  rdPct: readonly (readonly unknown[])[] | number,
  names: readonly (readonly unknown[])[],
  substantiallyAll: boolean,
  thresholdUnits: number,
): number | undefined {
  const single = typeof rdPct === 'number';
  if ((!single && rdPct.length !== wages.length) || names.length !== wages.length) return undefined;
  let singleUnits = 0;
  if (single) {
    const u = toUnits(rdPct);
    if (u === undefined) return undefined;
    singleUnits = u;
  }
  const SAFE = 9007199254740991;
  const FLUSH = 2 ** 53 - 2 ** 47;
  let acc = 0;
  let big = Big(0);
  const add = (units: number) => {
    if (units >= 2 ** 47) {
      big += Big(units);
      return;
    }
    acc += units;
    if (acc >= FLUSH) {
      big += Big(acc);
      acc = 0;
    }
  };
  const people = new Map<string, FastIndividual>();
  const width = wages[0]?.length;
  for (let r = 0; r < wages.length; r++) {
    const wRow = wages[r];
    const pRow = single ? undefined : (rdPct as readonly (readonly unknown[])[])[r];
    const nRow = names[r];
    if (
      !isArray(wRow) ||
      wRow.length !== width ||
      !isArray(nRow) ||
      nRow.length !== width ||
      (pRow !== undefined && (!isArray(pRow) || pRow.length !== wRow.length))
    )
      return undefined;
    for (let c = 0; c < wRow.length; c++) {
      const w = wRow[c];
      if (typeof w !== 'number' || !(w >= 0) || w > 1e8) return undefined;
      const cents = round(w * 100);
      if (cents / 100 !== w) return undefined;
      let u = singleUnits;
      if (pRow !== undefined) {
        const p = pRow[c];
        if (typeof p !== 'number' || !(p >= 0 && p <= 1)) return undefined;
        u = round(p * 10000);
        if (u / 10000 !== p) return undefined;
      }
      const n = nRow[c];
      if (n !== null && n !== undefined && typeof n !== 'string' && typeof n !== 'number') return undefined;
      // An error value among the names: the decimal path says where.
      if (typeof n === 'string' && n.indexOf('#') !== -1 && errorValueText(n) !== undefined) return undefined;
      const key = individualOf(n);
      if (key === undefined) {
        add(cents * (substantiallyAll && u >= thresholdUnits ? 10000 : u));
        continue;
      }
      const p = people.get(key);
      if (!p) {
        people.set(key, { cents, repeated: true, rows: 1, sumCents: cents, sumUnits: u, sumProducts: cents * u });
        continue;
      }
      p.rows++;
      if (cents !== p.cents) p.repeated = false;
      p.sumCents += cents;
      p.sumUnits += u;
      p.sumProducts += cents * u;
      if (p.sumProducts > SAFE || p.sumUnits > SAFE) return undefined;
    }
  }
  for (const p of people.values()) {
    if (p.rows === 1) add(p.cents * (substantiallyAll && p.sumUnits >= thresholdUnits ? 10000 : p.sumUnits));
    else if (p.repeated) {
      if (p.sumUnits > 10000) return undefined; // above 100%: the decimal path reports it
      add(p.cents * (substantiallyAll && p.sumUnits >= thresholdUnits ? 10000 : p.sumUnits));
    } else {
      const bar = thresholdUnits * p.sumCents;
      if (bar > SAFE || p.sumCents * 10000 > SAFE) return undefined;
      add(substantiallyAll && p.sumProducts >= bar ? p.sumCents * 10000 : p.sumProducts);
    }
  }
  big += Big(acc);
  const totalCents = (big + Big(5000)) / Big(10000);
  if (totalCents > Big(9007199254740991)) return undefined;
  return Number(totalCents) / 100;
}

/** A fraction 0–1 with at most 4 decimals as whole units of 1/10,000, else undefined. */
function toUnits(p: number): number | undefined {
  if (!(p >= 0 && p <= 1)) return undefined;
  const u = round(p * 10000);
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
