/**
 * SEC174_AMORT over many vintages at the speed of a float loop: one plan per (year incurred,
 * location) — the years and cumulative shares `vintagePlan` reads from the law — and each
 * vintage's slices worked out in whole cents with integer arithmetic, rounded half-up exactly as
 * `cumulativeSchedule` rounds: round(c × N ÷ D) = ⌊(2cN + D) ÷ 2D⌋. With c = qD + b (0 ≤ b < D,
 * one division a row, checked) that is qN + ⌊(2bN + D) ÷ 2D⌋, whose second term depends only on
 * b — a small table per plan, built once a call. So a row costs a multiply and a table read per
 * slice, and no division past the first; every operand stays below 2^53.
 * Anything off the grid (text, a blank year beside an amount, benefit months, elect_60, more than
 * $100B a row) is `undefined`: the decimal path answers or words the error.
 */
import type { CellArg } from '../cells';
import { TAX_YEAR_MAX, TAX_YEAR_MIN } from '../law/types';
import { gridOf, wordReader, wordsOf, WORD_BLANK, type Grid, type WordsArg } from './fast';
import { vintagePlan, type ResearchLocation, type Sec174Method, type VintagePlan } from './sec174';

const floor = Math.floor;
const isArray = Array.isArray;

/** The largest amount a row may hold here: $100B (2 × 10^13 cents × 180 months < 2^53). */
const MAX_DOLLARS = 1e11;
const SAFE = 9007199254740991;
const LOCATIONS: readonly ResearchLocation[] = ['domestic', 'foreign'];

/**
 * A vintage plan compiled for one call: each entry's slice of c = qD + b cents is
 * `mult[k] × q + table[k × D + b]` for the entries before the transition (all of them when there
 * is none); the transition's remainder is `remMult × q + remTable[b]`, deducted whole or split in
 * two (the first half rounded up to the cent, as `vintageSchedule` halves it).
 */
interface Plan {
  readonly d: number;
  readonly invD: number;
  /** Entry k's tax year − TAX_YEAR_MIN (the transition's entries included). */
  readonly at: readonly number[];
  readonly firstYear: number;
  readonly lastYear: number;
  /** Entries before the transition (all entries when there is none). */
  readonly kept: number;
  readonly mult: readonly number[];
  readonly table: Int32Array;
  /** 0: no transition; 1: the remainder in one year; 2: split over two. */
  readonly transition: 0 | 1 | 2;
  readonly remMult: number;
  readonly remTable: Int32Array;
  /** The entry of the tax year asked for, −1 when the vintage has none. */
  readonly entry: number;
  /**
   * That entry's slice as `entryMult × q + entryTable[b]` when it is before the transition
   * (`entryKind` 0); 1: the remainder, 2: its first half, 3: its second half (from `remMult`,
   * `remTable`).
   */
  readonly entryKind: number;
  readonly entryMult: number;
  readonly entryTable: Int32Array;
}

/** A key whose plan is not built yet (kinds). */
const UNBUILT = -2;

/** Compiled plans by method, year, location and tax year (the law does not change while running). */
const compiled = new Map<string, Plan>();

/** ⌊(2bN + D) ÷ 2D⌋: the part of round(c × N ÷ D) that depends on b = c mod D (small integers). */
function smallShare(b: number, n: number, d: number): number {
  return floor((2 * b * n + d) / (2 * d));
}

function compile(p: VintagePlan, taxYear: number | undefined): Plan {
  const d = p.denominator;
  const cum = p.cumulative;
  const t = p.transition;
  const kept = t === undefined ? cum.length : t.kept;
  const years = t ? [...p.years.slice(0, kept), t.first, ...(t.split ? [t.first + 1] : [])] : [...p.years];
  const mult: number[] = [];
  const table = new Int32Array(kept * d);
  for (let k = 0; k < kept; k++) {
    const now = cum[k] as number;
    const before = k === 0 ? 0 : (cum[k - 1] as number);
    mult.push(now - before);
    for (let b = 0; b < d; b++) table[k * d + b] = smallShare(b, now, d) - (k === 0 ? 0 : smallShare(b, before, d));
  }
  // The remainder c − round(c × cum[kept − 1] ÷ D) = q(D − cum[kept − 1]) + b − small(b).
  const last = kept === 0 ? 0 : (cum[kept - 1] as number);
  const remTable = new Int32Array(d);
  for (let b = 0; b < d; b++) remTable[b] = b - (kept === 0 ? 0 : smallShare(b, last, d));
  const entry = taxYear === undefined ? -1 : years.indexOf(taxYear);
  const entryKind = entry < kept ? 0 : entry === kept ? (t?.split ? 2 : 1) : 3;
  return {
    d,
    invD: 1 / d,
    at: years.map((y) => y - TAX_YEAR_MIN),
    firstYear: Math.min(...years),
    lastYear: Math.max(...years),
    kept,
    mult,
    table,
    transition: t === undefined ? 0 : t.split ? 2 : 1,
    remMult: d - last,
    remTable,
    entry,
    entryKind,
    entryMult: entry >= 0 && entry < kept ? (mult[entry] as number) : 0,
    entryTable: entry >= 0 && entry < kept ? table.slice(entry * d, entry * d + d) : remTable,
  };
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
  const oneYear = taxYear !== undefined;
  if (oneYear && width === 1 && yearGrid !== undefined)
    return oneYearColumn(amounts, yearGrid, locGrid, singleLoc, readLocation, method, taxYear);
  // Plans by (year − TAX_YEAR_MIN) × 2 + location, built on first use (the schedule); for one
  // tax year, that year's numbers of each plan in flat typed arrays by the same key.
  const plans: (Plan | undefined)[] = [];
  const planOf = (year: number, loc: number): Plan | undefined =>
    (plans[(year - TAX_YEAR_MIN) * 2 + loc] = planFor(method, year, loc, taxYear));
  const t = newKeyTables();
  const kinds = t.kinds;
  const dens = t.dens;
  const invs = t.invs;
  const mults = t.mults;
  const tabs = t.tabs;
  // The schedule's totals by year (from TAX_YEAR_MIN; entries run at most 16 years past TAX_YEAR_MAX).
  const totals: number[] = new Array<number>(TAX_YEAR_MAX - TAX_YEAR_MIN + 64).fill(0);
  let firstYear = Infinity;
  let lastYear = -Infinity;
  let deduction = 0;
  let sumCents = 0;
  let any = false;
  // The last two location cells read and their codes (a column alternates between a few words):
  // the word reader is called only when a cell is neither.
  // Both start as the blank text (what the reader says of it), so that the comparisons see text
  // against text from the first row.
  let text1: unknown = '';
  let code1 = WORD_BLANK;
  let text2: unknown = '';
  let code2 = WORD_BLANK;
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
        // To the nearest integer (|w × 100| < 2^51): the exact division below decides.
        cents = w * 100 + 6755399441055744 - 6755399441055744;
        if (cents / 100 !== w) return undefined;
      } else if (w !== '' && w !== null && w !== undefined) return undefined;
      sumCents += cents;
      const y = yearGrid === undefined ? (years as number) : yRow[c];
      if (typeof y !== 'number') {
        if ((y === '' || y === null || y === undefined) && cents === 0) continue; // an empty row
        return undefined;
      }
      if (!(y >= TAX_YEAR_MIN && y <= TAX_YEAR_MAX) || floor(y) !== y) return undefined;
      let loc = singleLoc;
      if (locGrid !== undefined) {
        const v = lRow[c];
        if (v === text1) loc = code1;
        else if (v === text2) loc = code2;
        else {
          loc = readLocation(v);
          text2 = text1;
          code2 = code1;
          text1 = v;
          code1 = loc;
        }
      }
      if (loc === WORD_BLANK) loc = 0;
      if (loc !== 0 && loc !== 1) return undefined;
      const key = (y - TAX_YEAR_MIN) * 2 + loc;
      if (oneYear) {
        // One tax year: the plan's numbers for that year, read from flat typed arrays by key.
        let kind = kinds[key] as number;
        if (kind === UNBUILT) {
          if (!fillKey(t, y, loc, method, taxYear)) return undefined;
          kind = kinds[key] as number;
        }
        any = true;
        if (kind < 0) continue; // no deduction in that year
        const d = dens[key] as number;
        let q = floor(cents * (invs[key] as number));
        let b = cents - q * d;
        if (b < 0) {
          q -= 1;
          b += d;
        } else if (b >= d) {
          q += 1;
          b -= d;
        }
        const v = (mults[key] as number) * q + ((tabs[key] as Int32Array)[b] as number);
        if (kind === 0) deduction += v;
        else {
          const half = kind === 1 ? v : floor((v + 1) / 2);
          deduction += kind === 3 ? v - half : half;
        }
        continue;
      }
      const p = plans[key] ?? planOf(y, loc);
      if (p === undefined) return undefined;
      any = true;
      // c = qD + b, 0 ≤ b < D: the quotient by a multiplication, corrected to the exact one.
      const d = p.d;
      let q = floor(cents * p.invD);
      let b = cents - q * d;
      if (b < 0) {
        q -= 1;
        b += d;
      } else if (b >= d) {
        q += 1;
        b -= d;
      }
      const kept = p.kept;
      const at = p.at;
      for (let k = 0; k < kept; k++) {
        const i = at[k] as number;
        totals[i] = (totals[i] as number) + (p.mult[k] as number) * q + (p.table[k * d + b] as number);
      }
      if (p.transition !== 0) {
        const rem = p.remMult * q + (p.remTable[b] as number);
        const i = at[kept] as number;
        if (p.transition === 1) totals[i] = (totals[i] as number) + rem;
        else {
          const half = floor((rem + 1) / 2);
          totals[i] = (totals[i] as number) + half;
          const j = at[kept + 1] as number;
          totals[j] = (totals[j] as number) + rem - half;
        }
      }
      if (p.firstYear < firstYear) firstYear = p.firstYear;
      if (p.lastYear > lastYear) lastYear = p.lastYear;
    }
  }
  if (sumCents > SAFE) return undefined;
  if (taxYear !== undefined) return deduction / 100;
  if (!any) return 0;
  const out: (number | string)[][] = [];
  for (let y = firstYear; y <= lastYear; y++) out.push([y, (totals[y - TAX_YEAR_MIN] ?? 0) / 100]);
  return out;
}

/** The methods with a vintage plan (elect_60 is worked month by month on the decimal path). */
type PlannedMethod = Exclude<Sec174Method, 'elect_60'>;

/** Per-call tables by key = (year − TAX_YEAR_MIN) × 2 + location, for one tax year. */
interface KeyTables {
  /** The entry's kind (−1: no deduction in that year; `UNBUILT`: not looked up yet). */
  readonly kinds: Int8Array;
  readonly dens: Float64Array;
  readonly invs: Float64Array;
  /** The months multiplying q: the entry's before the transition, the remainder's at it. */
  readonly mults: Float64Array;
  readonly tabs: Int32Array[];
}

/** The compiled plan of vintages of `year` at `loc` (0 domestic, 1 foreign); undefined where the law has none. */
function planFor(method: PlannedMethod, year: number, loc: number, taxYear: number | undefined): Plan | undefined {
  const id = `${method} ${year} ${loc} ${taxYear ?? ''}`;
  let p = compiled.get(id);
  if (p === undefined) {
    let plan: VintagePlan;
    try {
      plan = vintagePlan(year, LOCATIONS[loc] as ResearchLocation, method);
    } catch {
      return undefined;
    }
    p = compile(plan, taxYear);
    if (compiled.size < 4096) compiled.set(id, p);
  }
  return p;
}

function newKeyTables(): KeyTables {
  const keys = (TAX_YEAR_MAX - TAX_YEAR_MIN + 1) * 2;
  return {
    kinds: new Int8Array(keys).fill(UNBUILT),
    dens: new Float64Array(keys),
    invs: new Float64Array(keys),
    mults: new Float64Array(keys),
    tabs: new Array<Int32Array>(keys),
  };
}

/** Looks up (and compiles) the plan of a key into `t`; false when the law has none (the decimal path words it). */
function fillKey(t: KeyTables, year: number, loc: number, method: PlannedMethod, taxYear: number): boolean {
  const p = planFor(method, year, loc, taxYear);
  if (p === undefined) return false;
  const key = (year - TAX_YEAR_MIN) * 2 + loc;
  const k = p.entry < 0 ? -1 : p.entryKind;
  t.kinds[key] = k;
  t.dens[key] = p.d;
  t.invs[key] = p.invD;
  // Before the transition: that entry's months and table; the transition's: the remainder's.
  t.mults[key] = k === 0 ? p.entryMult : p.remMult;
  t.tabs[key] = k === 0 ? p.entryTable : p.remTable;
  return true;
}

/**
 * One tax year's deduction over a column of vintages (the usual range: one cell a row): the
 * same checks and arithmetic as the general loop, with the per-key numbers in local typed arrays
 * (no closure holds them, so the loop keeps them in registers) and no loop over a row's cells.
 */
function oneYearColumn(
  amounts: Grid,
  years: Grid,
  locGrid: Grid | undefined,
  singleLoc: number,
  readLocation: (v: unknown) => number,
  method: PlannedMethod,
  taxYear: number,
): number | undefined {
  const n = amounts.length;
  if (years.length !== n) return undefined;
  const t = newKeyTables();
  const kinds = t.kinds;
  const dens = t.dens;
  const invs = t.invs;
  const mults = t.mults;
  const tabs = t.tabs;
  let deduction = 0;
  let sumCents = 0;
  // The last two location cells read and their codes, as in the general loop.
  let text1: unknown = '';
  let code1 = WORD_BLANK;
  let text2: unknown = '';
  let code2 = WORD_BLANK;
  for (let r = 0; r < n; r++) {
    const aRow = amounts[r];
    const yRow = years[r];
    if (!isArray(aRow) || aRow.length !== 1 || !isArray(yRow) || yRow.length !== 1) return undefined;
    const w = aRow[0];
    let cents = 0;
    if (typeof w === 'number') {
      if (!(w >= 0 && w <= MAX_DOLLARS)) return undefined;
      cents = w * 100 + 6755399441055744 - 6755399441055744;
      if (cents / 100 !== w) return undefined;
    } else if (w !== '' && w !== null && w !== undefined) return undefined;
    sumCents += cents;
    const y = yRow[0];
    if (typeof y !== 'number') {
      if ((y === '' || y === null || y === undefined) && cents === 0) continue; // an empty row
      return undefined;
    }
    if (!(y >= TAX_YEAR_MIN && y <= TAX_YEAR_MAX) || floor(y) !== y) return undefined;
    let loc = singleLoc;
    if (locGrid !== undefined) {
      const lRow = locGrid[r];
      if (!isArray(lRow) || lRow.length !== 1) return undefined;
      const v = lRow[0];
      if (v === text1) loc = code1;
      else if (v === text2) loc = code2;
      else {
        loc = readLocation(v);
        text2 = text1;
        code2 = code1;
        text1 = v;
        code1 = loc;
      }
    }
    if (loc === WORD_BLANK) loc = 0;
    if (loc !== 0 && loc !== 1) return undefined;
    const key = (y - TAX_YEAR_MIN) * 2 + loc;
    let kind = kinds[key] as number;
    if (kind === UNBUILT) {
      if (!fillKey(t, y, loc, method, taxYear)) return undefined;
      kind = kinds[key] as number;
    }
    if (kind < 0) continue; // no deduction in that year
    const d = dens[key] as number;
    let q = floor(cents * (invs[key] as number));
    let b = cents - q * d;
    if (b < 0) {
      q -= 1;
      b += d;
    } else if (b >= d) {
      q += 1;
      b -= d;
    }
    const v = (mults[key] as number) * q + ((tabs[key] as Int32Array)[b] as number);
    if (kind === 0) deduction += v;
    else {
      const half = kind === 1 ? v : floor((v + 1) / 2);
      deduction += kind === 3 ? v - half : half;
    }
  }
  if (sumCents > SAFE) return undefined;
  return deduction / 100;
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
