/**
 * Exact sums at the speed of a float loop (docs/design.md §9): amounts in whole cents times
 * percentages in whole 1/10,000ths, summed as integers, rounded once, half-up — the answer the
 * decimal path gives, or `undefined` when any cell is off that grid or would be an error, and
 * the caller then takes the decimal path (which words the error). Equality with the decimal path
 * is proven by the properties in core/test/fast-path.test.ts and on the bench data.
 *
 * Why it is exact: a number `w` is read as c cents only when `c / 100 === w`, i.e. `w` is the
 * double nearest the decimal c/100, whose shortest round-trip text — the text decimal.js reads —
 * is that decimal (at most 12 significant digits, far inside the 15 a double keeps). Likewise a
 * percentage `p` is u/10,000 only when `u / 10000 === p`. Each product c × u is at most
 * 10^10 × 10^4 = 10^14, so a block of 90 products stays below 2^53 and is summed exactly as a
 * double; each block's sum is then moved into two counters (multiples of 2^32 and the rest),
 * both exact for far more rows than a sheet holds, and turned into one BigInt at the end.
 */
import type { CellArg } from '../cells';

// Built-ins bound once, when the library is built (never at the bundle's top level): inside a
// vm context (Apps Script's executions, our harness) a global lookup costs ~0.5 µs a row.
const round = Math.round;
const floor = Math.floor;
const isArray = Array.isArray;
const Big = BigInt;

/** A host's 2-D range (rows of cells), read as given: no flattening copy of 100,000 rows. */
export type Grid = readonly (readonly unknown[])[];

/** The largest amount a row may hold on the fast path: $100M, 10^10 cents. */
const MAX_DOLLARS = 1e8;
/** Products summed as doubles before a block is moved out: 90 × 10^14 < 2^53. */
const BLOCK = 90;
const TWO32 = 4294967296;
/** 2^53 − 1: the amount limit in cents (AMOUNT_LIMIT) and the largest exact integer. */
const SAFE = 9007199254740991;
/** One whole in units of 1/10,000. */
const WHOLE = 10000;
/** A percentage no threshold reaches: the substantially-all rule is off. */
export const NO_THRESHOLD = Infinity;

/** A fraction 0–1 with at most 4 decimals as whole units of 1/10,000, else −1. */
export function unitsOf(p: unknown): number {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) return -1;
  const u = round(p * WHOLE);
  return u / WHOLE === p ? u : -1;
}

/** An exact sum kept in two doubles: hi × 2^32 + lo. */
interface Exact {
  hi: number;
  lo: number;
}
function flush(acc: Exact, s: number): void {
  const h = floor(s / TWO32);
  acc.hi += h;
  acc.lo += s - h * TWO32;
}
function toBig(acc: Exact): bigint {
  return Big(acc.hi) * Big(TWO32) + Big(acc.lo);
}

/**
 * A grid to sum: a range as given, a single cell as a 1 × 1 grid. An empty range or a range
 * whose first row is not a row is `undefined` (the decimal path decides).
 */
export function gridOf(a: CellArg | undefined): Grid | undefined {
  if (!isArray(a)) return [[a]];
  const first = a[0];
  return a.length > 0 && isArray(first) && first.length > 0 ? (a as Grid) : undefined;
}

/**
 * A percentage argument as the fast path takes it: one cell as its number (it applies to every
 * row), a range as a grid; `omitted` when the argument is left out or is one blank cell (the
 * caller's default applies), `undefined` for anything else (text, an error: the decimal path).
 */
export function pctOf(a: CellArg | undefined): Grid | number | 'omitted' | undefined {
  let v: unknown = a;
  if (isArray(a)) {
    const first = a[0];
    if (a.length === 0) return 'omitted';
    if (a.length > 1 || !isArray(first) || first.length !== 1) return gridOf(a);
    v = first[0];
  }
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return 'omitted';
  return typeof v === 'number' ? v : undefined;
}

/**
 * Σ cents × units over an amounts grid and a percentage (one number for every row, or a grid of
 * the same shape), in units of 1/10,000 of a cent. A percentage at or above `saUnits` counts
 * 10,000 (100%, the substantially-all rule). Blank cells ("", null) count 0, as the decimal path
 * reads them. `undefined` on anything else: text, negatives, more than $100M a row, more than 4
 * decimals of a percentage, shapes that differ, or amounts adding up to more than the limit.
 */
export function sumCentsTimesUnits(amounts: Grid, pct: Grid | number, saUnits: number): bigint | undefined {
  const n = amounts.length;
  // No rows: nothing to sum, with no percentage or one that is itself in range.
  if (n === 0) return (typeof pct === 'number' ? unitsOf(pct) >= 0 : pct.length === 0) ? Big(0) : undefined;
  const first = amounts[0];
  if (!isArray(first)) return undefined;
  const width = first.length;
  if (width === 0 || width > BLOCK) return undefined;
  const single = typeof pct === 'number';
  let singleU = 0;
  if (single) {
    singleU = unitsOf(pct);
    if (singleU < 0) return undefined;
    if (singleU >= saUnits) singleU = WHOLE;
  } else if (pct.length !== n) return undefined;
  if (width === 1 && !single) return columnSum(amounts, pct as Grid, saUnits);
  const step = floor(BLOCK / width);
  const acc: Exact = { hi: 0, lo: 0 };
  let sumCents = 0;
  for (let b = 0; b < n; b += step) {
    const end = b + step < n ? b + step : n;
    let s = 0;
    for (let r = b; r < end; r++) {
      const aRow = amounts[r];
      if (!isArray(aRow) || aRow.length !== width) return undefined;
      let pRow: readonly unknown[] = aRow;
      if (!single) {
        const p = (pct as Grid)[r];
        if (!isArray(p) || p.length !== width) return undefined;
        pRow = p;
      }
      for (let c = 0; c < width; c++) {
        const w = aRow[c];
        let cents = 0;
        if (typeof w === 'number') {
          if (!(w >= 0 && w <= MAX_DOLLARS)) return undefined;
          cents = round(w * 100);
          if (cents / 100 !== w) return undefined;
        } else if (w !== '' && w !== null && w !== undefined) return undefined;
        let u = singleU;
        if (!single) {
          const p = pRow[c];
          if (typeof p === 'number') {
            if (!(p >= 0 && p <= 1)) return undefined;
            u = round(p * WHOLE);
            if (u / WHOLE !== p) return undefined;
            if (u >= saUnits) u = WHOLE;
          } else if (p === '' || p === null || p === undefined) u = 0;
          else return undefined;
        }
        s += cents * u;
        sumCents += cents;
      }
    }
    flush(acc, s);
  }
  if (sumCents > SAFE) return undefined;
  return toBig(acc);
}

/**
 * `sumCentsTimesUnits` over two columns (the usual range: one cell a row), the same checks
 * without the loop over a row's cells. Rounding to the grid is by adding and taking away
 * 1.5 × 2^52 (to nearest; |x| < 2^51 here) and by truncating x + ½ (0 ≤ x ≤ 10,000): either way
 * a value is accepted only when its division gives the cell back exactly, so the way it was
 * rounded cannot change an answer.
 */
function columnSum(amounts: Grid, pct: Grid, saUnits: number): bigint | undefined {
  const n = amounts.length;
  const acc: Exact = { hi: 0, lo: 0 };
  let sumCents = 0;
  for (let b = 0; b < n; b += BLOCK) {
    const end = b + BLOCK < n ? b + BLOCK : n;
    let s = 0;
    for (let r = b; r < end; r++) {
      const aRow = amounts[r];
      const pRow = pct[r];
      if (!isArray(aRow) || aRow.length !== 1 || !isArray(pRow) || pRow.length !== 1) return undefined;
      const w = aRow[0];
      let cents = 0;
      if (typeof w === 'number') {
        if (!(w >= 0 && w <= 1e8)) return undefined;
        cents = w * 100 + 6755399441055744 - 6755399441055744;
        if (cents / 100 !== w) return undefined;
      } else if (w !== '' && w !== null && w !== undefined) return undefined;
      const p = pRow[0];
      let u = 0;
      if (typeof p === 'number') {
        if (!(p >= 0 && p <= 1)) return undefined;
        u = (p * 10000 + 0.5) | 0;
        if (u / 10000 !== p) return undefined;
        if (u >= saUnits) u = 10000;
      } else if (p !== '' && p !== null && p !== undefined) return undefined;
      s += cents * u;
      sumCents += cents;
    }
    flush(acc, s);
  }
  if (sumCents > SAFE) return undefined;
  return toBig(acc);
}

/** A word cell the fast path leaves to the decimal path (unknown, an error, not text). */
export const WORD_DECLINE = -1;
/** A blank word cell (nothing, "", spaces). */
export const WORD_BLANK = -2;

/**
 * A per-call reader of word cells: each distinct text is looked up once (`lookup` gives a code
 * ≥ 0, or `WORD_DECLINE`); a blank (null, "", spaces) is `WORD_BLANK`; any other cell
 * (a number, a logical, a date, an error object) declines.
 */
export function wordReader(lookup: (text: string) => number): (v: unknown) => number {
  const seen = new Map<string, number>();
  let lastText: unknown = undefined;
  let lastCode: number = WORD_DECLINE;
  return (v) => {
    if (v === lastText) return lastCode;
    let code: number;
    if (typeof v === 'string') {
      const hit = seen.get(v);
      if (hit !== undefined) code = hit;
      else {
        code = v.trim() === '' ? WORD_BLANK : lookup(v);
        seen.set(v, code);
      }
    } else code = v === null || v === undefined ? WORD_BLANK : WORD_DECLINE;
    lastText = v;
    lastCode = code;
    return code;
  };
}

/** A per-row word argument: one code for every row, or a grid of the same shape. */
export type WordsArg = { readonly single: number } | { readonly grid: Grid };

/** A word argument as the fast path takes it (one cell or a range); `undefined`: the decimal path. */
export function wordsOf(a: CellArg | undefined, read: (v: unknown) => number): WordsArg | undefined {
  if (!isArray(a)) return { single: read(a) };
  const first = a[0];
  if (a.length === 1 && isArray(first) && first.length === 1) return { single: read(first[0]) };
  const g = gridOf(a);
  return g === undefined ? undefined : { grid: g };
}

/** Cloud environments: the codes `cloudUnits` takes from its word reader. */
export const CLOUD_PRODUCTION = 0;
export const CLOUD_RESEARCH = 1;
export const CLOUD_STAGING = 2;

/**
 * RD_CLOUD_QRE's Σ in units of 1/10,000 of a cent: research rows at the percentage (10,000 when
 * none is given), production rows 0, staging rows only with a percentage, a blank environment only
 * beside a zero amount. `undefined` for anything the decimal path must word.
 */
export function cloudUnits(
  amounts: Grid,
  envs: WordsArg,
  pct: Grid | number | 'omitted',
  read: (v: unknown) => number,
): bigint | undefined {
  const n = amounts.length;
  const first = amounts[0];
  if (n === 0 || !isArray(first)) return undefined;
  const width = first.length;
  if (width === 0 || width > BLOCK) return undefined;
  const explicit = pct !== 'omitted';
  const singlePct = typeof pct === 'number';
  let singleU = WHOLE;
  if (singlePct) {
    singleU = unitsOf(pct);
    if (singleU < 0) return undefined;
  } else if (explicit && (pct as Grid).length !== n) return undefined;
  const envGrid = 'grid' in envs ? envs.grid : undefined;
  const singleEnv = 'single' in envs ? envs.single : 0;
  if (envGrid !== undefined && envGrid.length !== n) return undefined;
  if (envGrid === undefined && singleEnv === WORD_DECLINE) return undefined;
  const step = floor(BLOCK / width);
  const acc: Exact = { hi: 0, lo: 0 };
  let sumCents = 0;
  for (let b = 0; b < n; b += step) {
    const end = b + step < n ? b + step : n;
    let s = 0;
    for (let r = b; r < end; r++) {
      const aRow = amounts[r];
      if (!isArray(aRow) || aRow.length !== width) return undefined;
      let pRow: readonly unknown[] = aRow;
      if (explicit && !singlePct) {
        const p = (pct as Grid)[r];
        if (!isArray(p) || p.length !== width) return undefined;
        pRow = p;
      }
      let eRow: readonly unknown[] = aRow;
      if (envGrid !== undefined) {
        const e = envGrid[r];
        if (!isArray(e) || e.length !== width) return undefined;
        eRow = e;
      }
      for (let c = 0; c < width; c++) {
        const w = aRow[c];
        let cents = 0;
        if (typeof w === 'number') {
          if (!(w >= 0 && w <= MAX_DOLLARS)) return undefined;
          cents = round(w * 100);
          if (cents / 100 !== w) return undefined;
        } else if (w !== '' && w !== null && w !== undefined) return undefined;
        let u = singleU;
        if (explicit && !singlePct) {
          const p = pRow[c];
          if (typeof p === 'number') {
            if (!(p >= 0 && p <= 1)) return undefined;
            u = round(p * WHOLE);
            if (u / WHOLE !== p) return undefined;
          } else if (p === '' || p === null || p === undefined) u = 0;
          else return undefined;
        }
        const env = envGrid === undefined ? singleEnv : read(eRow[c]);
        if (env === CLOUD_RESEARCH) s += cents * u;
        else if (env === CLOUD_STAGING) {
          if (!explicit) return undefined;
          s += cents * u;
        } else if (env !== CLOUD_PRODUCTION && !(env === WORD_BLANK && cents === 0)) return undefined;
        sumCents += cents;
      }
    }
    flush(acc, s);
  }
  if (sumCents > SAFE) return undefined;
  return toBig(acc);
}

/**
 * RD_CONTRACT_QRE's Σ amount × % × applicable rate, in units of 1/1,000,000 of a cent: the
 * products are summed per contract type (code 0, 1, 2, each exact) and each sum is multiplied by
 * its rate in whole hundredths (`rateHundredths`, −1 for a rate not in force: the decimal path
 * says so) once, at the end. A blank type is `blankType`.
 */
export function contractUnits(
  amounts: Grid,
  pct: Grid | number,
  types: WordsArg,
  read: (v: unknown) => number,
  rateHundredths: readonly number[],
  blankType: number,
): bigint | undefined {
  const n = amounts.length;
  const first = amounts[0];
  if (n === 0 || !isArray(first)) return undefined;
  const width = first.length;
  if (width === 0 || width > BLOCK) return undefined;
  const singlePct = typeof pct === 'number';
  let singleU = 0;
  if (singlePct) {
    singleU = unitsOf(pct);
    if (singleU < 0) return undefined;
  } else if (pct.length !== n) return undefined;
  const typeGrid = 'grid' in types ? types.grid : undefined;
  let singleType = 'single' in types ? types.single : 0;
  if (singleType === WORD_BLANK) singleType = blankType;
  if (typeGrid !== undefined && typeGrid.length !== n) return undefined;
  if (typeGrid === undefined && !(singleType >= 0 && singleType <= 2)) return undefined;
  const step = floor(BLOCK / width);
  const acc0: Exact = { hi: 0, lo: 0 };
  const acc1: Exact = { hi: 0, lo: 0 };
  const acc2: Exact = { hi: 0, lo: 0 };
  const used = [false, false, false];
  let sumCents = 0;
  for (let b = 0; b < n; b += step) {
    const end = b + step < n ? b + step : n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let r = b; r < end; r++) {
      const aRow = amounts[r];
      if (!isArray(aRow) || aRow.length !== width) return undefined;
      let pRow: readonly unknown[] = aRow;
      if (!singlePct) {
        const p = (pct as Grid)[r];
        if (!isArray(p) || p.length !== width) return undefined;
        pRow = p;
      }
      let tRow: readonly unknown[] = aRow;
      if (typeGrid !== undefined) {
        const t = typeGrid[r];
        if (!isArray(t) || t.length !== width) return undefined;
        tRow = t;
      }
      for (let c = 0; c < width; c++) {
        const w = aRow[c];
        let cents = 0;
        if (typeof w === 'number') {
          if (!(w >= 0 && w <= MAX_DOLLARS)) return undefined;
          cents = round(w * 100);
          if (cents / 100 !== w) return undefined;
        } else if (w !== '' && w !== null && w !== undefined) return undefined;
        let u = singleU;
        if (!singlePct) {
          const p = pRow[c];
          if (typeof p === 'number') {
            if (!(p >= 0 && p <= 1)) return undefined;
            u = round(p * WHOLE);
            if (u / WHOLE !== p) return undefined;
          } else if (p === '' || p === null || p === undefined) u = 0;
          else return undefined;
        }
        let t = singleType;
        if (typeGrid !== undefined) {
          t = read(tRow[c]);
          if (t === WORD_BLANK) t = blankType;
        }
        if (t === 0) s0 += cents * u;
        else if (t === 1) s1 += cents * u;
        else if (t === 2) s2 += cents * u;
        else return undefined;
        used[t] = true;
        sumCents += cents;
      }
    }
    flush(acc0, s0);
    flush(acc1, s1);
    flush(acc2, s2);
  }
  if (sumCents > SAFE) return undefined;
  let total = Big(0);
  const accs = [acc0, acc1, acc2];
  for (let t = 0; t < 3; t++) {
    if (!used[t]) continue;
    const rate = rateHundredths[t];
    if (rate === undefined || rate < 0) return undefined;
    total += toBig(accs[t] as Exact) * Big(rate);
  }
  return total;
}

/**
 * An exact total in units of 1/`scale` of a cent, rounded half-up to the cent (never negative
 * here: amounts and percentages are ≥ 0), as a cell number; `undefined` past the amount limit.
 */
export function centsOf(total: bigint, scale: number): number | undefined {
  const s = Big(scale);
  const cents = (total + s / Big(2)) / s;
  if (cents > Big(SAFE)) return undefined;
  return Number(cents) / 100;
}
