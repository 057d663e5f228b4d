/**
 * SEC174_AMORT over many vintages at the speed of a float loop: one plan per (year incurred,
 * location) — the years and cumulative shares `vintagePlan` reads from the law — and each
 * vintage's slices worked out in whole cents with integer arithmetic, rounded half-up exactly as
 * `cumulativeSchedule` rounds (round(c × N ÷ D) as ⌊(2cN + D) ÷ 2D⌋, every operand below 2^53).
 * Anything off the grid (text, a blank year beside an amount, benefit months, elect_60, more than
 * $100B a row) is `undefined`: the decimal path answers or words the error.
 */
import type { CellArg } from '../cells';
import { TAX_YEAR_MAX, TAX_YEAR_MIN } from '../law/types';
import { gridOf, wordReader, wordsOf, WORD_BLANK, type Grid, type WordsArg } from './fast';
import { vintagePlan, type ResearchLocation, type Sec174Method, type VintagePlan } from './sec174';

const round = Math.round;
const floor = Math.floor;
const isArray = Array.isArray;

/** The largest amount a row may hold here: $100B (2 × 10^13 cents × 180 months < 2^53). */
const MAX_DOLLARS = 1e11;
const SAFE = 9007199254740991;
const LOCATIONS: readonly ResearchLocation[] = ['domestic', 'foreign'];

/** A plan with its entries' years (the transition's included) and where `taxYear` falls. */
interface Plan {
  readonly plan: VintagePlan;
  readonly entryYears: readonly number[];
  /** The entry of the tax year asked for, −1 when the vintage has none. */
  readonly at: number;
}

/** round(c × n ÷ d) half-up, c, n, d whole and ≥ 0, 2cn + d < 2^53. */
function roundedShare(c: number, n: number, d: number): number {
  const a = 2 * c * n + d;
  const b = 2 * d;
  return (a - (a % b)) / b;
}

/** The cents of entry `k` of a vintage of `c` cents under `p` (as `vintageSchedule` slices it). */
function entryCents(p: VintagePlan, c: number, k: number): number {
  const t = p.transition;
  const cum = p.cumulative;
  const d = p.denominator;
  if (t === undefined || k < t.kept) {
    const now = roundedShare(c, cum[k] as number, d);
    return k === 0 ? now : now - roundedShare(c, cum[k - 1] as number, d);
  }
  const rem = c - (t.kept === 0 ? 0 : roundedShare(c, cum[t.kept - 1] as number, d));
  if (!t.split) return rem;
  const half = (rem + 1 - ((rem + 1) % 2)) / 2;
  return k === t.kept ? half : rem - half;
}

export interface Sec174FastArgs {
  readonly amount: CellArg;
  readonly yearIncurred: CellArg | undefined;
  readonly location: CellArg | undefined;
  /** The location word of a text (0 domestic, 1 foreign), or −1 (the decimal path). */
  readonly locationCode: (text: string) => number;
  readonly method: Sec174Method;
  /** The tax year asked for, or undefined for the whole schedule. */
  readonly taxYear: number | undefined;
}

/** The deduction (a number) or the schedule (year, deduction rows), or undefined. */
export function sec174Fast(a: Sec174FastArgs): number | (number | string)[][] | undefined {
  const method = a.method;
  if (method === 'elect_60') return undefined;
  const amounts = gridOf(a.amount);
  if (amounts === undefined) return undefined;
  const n = amounts.length;
  const width = (amounts[0] as readonly unknown[]).length;
  const years = yearsOf(a.yearIncurred);
  if (years === undefined) return undefined;
  const readLocation = wordReader(a.locationCode);
  const locations: WordsArg | undefined =
    a.location === undefined || a.location === null ? { single: WORD_BLANK } : wordsOf(a.location, readLocation);
  if (locations === undefined) return undefined;
  const yearGrid = typeof years === 'number' ? undefined : years;
  const locGrid = 'grid' in locations ? locations.grid : undefined;
  const singleLoc = 'single' in locations ? locations.single : 0;
  if ((yearGrid !== undefined && yearGrid.length !== n) || (locGrid !== undefined && locGrid.length !== n))
    return undefined;
  const taxYear = a.taxYear;
  // Plans by (year − TAX_YEAR_MIN) × 2 + location, built on first use.
  const plans: (Plan | undefined)[] = [];
  const planOf = (year: number, loc: number): Plan | undefined => {
    const key = (year - TAX_YEAR_MIN) * 2 + loc;
    let p = plans[key];
    if (p === undefined) {
      let plan: VintagePlan;
      try {
        plan = vintagePlan(year, LOCATIONS[loc] as ResearchLocation, method);
      } catch {
        return undefined;
      }
      const t = plan.transition;
      const entryYears = t ? [...plan.years.slice(0, t.kept), t.first, ...(t.split ? [t.first + 1] : [])] : plan.years;
      p = { plan, entryYears, at: taxYear === undefined ? -1 : entryYears.indexOf(taxYear) };
      plans[key] = p;
    }
    return p;
  };
  // The schedule's totals by year (from TAX_YEAR_MIN; entries run at most 16 years past TAX_YEAR_MAX).
  const totals: number[] = new Array<number>(TAX_YEAR_MAX - TAX_YEAR_MIN + 64).fill(0);
  let firstYear = Infinity;
  let lastYear = -Infinity;
  let deduction = 0;
  let sumCents = 0;
  let any = false;
  for (let r = 0; r < n; r++) {
    const aRow = amounts[r];
    if (!isArray(aRow) || aRow.length !== width) return undefined;
    let yRow: readonly unknown[] = aRow;
    if (yearGrid !== undefined) {
      const y = yearGrid[r];
      if (!isArray(y) || y.length !== width) return undefined;
      yRow = y;
    }
    let lRow: readonly unknown[] = aRow;
    if (locGrid !== undefined) {
      const l = locGrid[r];
      if (!isArray(l) || l.length !== width) return undefined;
      lRow = l;
    }
    for (let c = 0; c < width; c++) {
      const w = aRow[c];
      let cents = 0;
      if (typeof w === 'number') {
        if (!(w >= 0 && w <= MAX_DOLLARS)) return undefined;
        cents = round(w * 100);
        if (cents / 100 !== w) return undefined;
      } else if (w !== '' && w !== null && w !== undefined) return undefined;
      sumCents += cents;
      const y = yearGrid === undefined ? (years as number) : yRow[c];
      if (typeof y !== 'number') {
        if ((y === '' || y === null || y === undefined) && cents === 0) continue; // an empty row
        return undefined;
      }
      if (!(y >= TAX_YEAR_MIN && y <= TAX_YEAR_MAX) || floor(y) !== y) return undefined;
      let loc = locGrid === undefined ? singleLoc : readLocation(lRow[c]);
      if (loc === WORD_BLANK) loc = 0;
      if (loc !== 0 && loc !== 1) return undefined;
      const p = planOf(y, loc);
      if (p === undefined) return undefined;
      any = true;
      if (taxYear !== undefined) {
        if (p.at >= 0) deduction += entryCents(p.plan, cents, p.at);
        continue;
      }
      const ys = p.entryYears;
      for (let k = 0; k < ys.length; k++) {
        const year = ys[k] as number;
        const i = year - TAX_YEAR_MIN;
        totals[i] = (totals[i] as number) + entryCents(p.plan, cents, k);
        if (year < firstYear) firstYear = year;
        if (year > lastYear) lastYear = year;
      }
    }
  }
  if (sumCents > SAFE) return undefined;
  if (taxYear !== undefined) return deduction / 100;
  if (!any) return 0;
  const out: (number | string)[][] = [];
  for (let y = firstYear; y <= lastYear; y++) out.push([y, (totals[y - TAX_YEAR_MIN] ?? 0) / 100]);
  return out;
}

/** The year argument: one whole number for every row, a grid, or undefined (the decimal path). */
function yearsOf(a: CellArg | undefined): number | Grid | undefined {
  if (a === undefined || a === null) return undefined;
  if (!isArray(a)) return typeof a === 'number' ? a : undefined;
  const first = a[0];
  if (a.length === 1 && isArray(first) && first.length === 1) {
    const v = first[0];
    return typeof v === 'number' ? v : undefined;
  }
  return gridOf(a);
}
