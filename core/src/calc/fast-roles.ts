/**
 * RD_ROLE_CHECK over a range at the speed of a float loop: each distinct role text is looked up
 * once, and each R&D % is compared with the role's range as a double — exact, because the range
 * ends are taken only when they are exactly the decimals of their doubles, and the decimal a
 * number reads as (its shortest round-trip text) orders as the number does. Anything else (a
 * role that is not text, a % that is text or out of 0–1, shapes that differ, one cell) is
 * `undefined`: the decimal path answers or words the error.
 */
import type { CellArg } from '../cells';
import { Dec } from '../money';
import { lookupRole, type RoleTable } from './roles';

const isArray = Array.isArray;

type Grid = readonly (readonly unknown[])[];

const OK = 'OK';
const ABOVE = 'ABOVE RANGE';
const BELOW = 'BELOW RANGE';
const UNKNOWN = 'UNKNOWN ROLE';

/** A role's range as doubles; `exact` false when a bound is not exactly its double's decimal. */
interface FastRange {
  readonly low: number;
  readonly high: number;
}
/** The role text is blank; the role is not in the table; the decimal path must decide. */
const BLANK = 1;
const NOT_FOUND = 2;
const DECLINE = 3;

/**
 * `table` is called once, after the shapes are checked and before any row is read, as the
 * decimal path reads the role table (so its errors are the same).
 */
export function roleCheckFast(
  roleArg: CellArg,
  pctArg: CellArg | undefined,
  table: () => RoleTable,
): string[][] | undefined {
  if (!isArray(roleArg) || !isArray(pctArg)) return undefined;
  const roles = roleArg as Grid;
  const pcts = pctArg as Grid;
  const n = roles.length;
  const first = roles[0];
  if (n === 0 || !isArray(first)) return undefined;
  const width = first.length;
  if (width === 0 || (n === 1 && width === 1) || pcts.length !== n) return undefined;
  for (let r = 0; r < n; r++) {
    const a = roles[r];
    const b = pcts[r];
    if (!isArray(a) || a.length !== width || !isArray(b) || b.length !== width) return undefined;
  }
  const t = table();
  const seen = new Map<string, FastRange | number>();
  const look = (text: string): FastRange | number => {
    if (text.trim() === '') return BLANK;
    if (text.indexOf('#') !== -1) return DECLINE; // perhaps an error value: the decimal path names it
    const e = lookupRole(t, text);
    if (!e) return NOT_FOUND;
    const low = e.low.toNumber();
    const high = e.high.toNumber();
    return new Dec(low).eq(e.low) && new Dec(high).eq(e.high) ? { low, high } : DECLINE;
  };
  // The role cell read last and what it gave (ranges repeat a role row after row).
  // Starting at the blank text (what `look` says of it), so that the comparison sees text
  // against text from the first row.
  let lastText: unknown = '';
  let last: FastRange | number = BLANK;
  /** One cell's answer, or undefined to decline. */
  const answer = (role: unknown, p: unknown): string | undefined => {
    let hit: FastRange | number;
    if (role === lastText) hit = last;
    else {
      if (typeof role === 'string') {
        const h = seen.get(role);
        if (h !== undefined) hit = h;
        else {
          hit = look(role);
          seen.set(role, hit);
        }
      } else hit = role === null || role === undefined ? BLANK : DECLINE;
      lastText = role;
      last = hit;
    }
    let x = 0;
    let pBlank = false;
    if (typeof p === 'number') {
      if (!(p >= 0 && p <= 1)) return undefined;
      x = p;
    } else if (p === '' || p === null || p === undefined) pBlank = true;
    else return undefined;
    if (typeof hit === 'number') {
      if (hit === DECLINE) return undefined;
      return hit === BLANK && pBlank ? '' : UNKNOWN;
    }
    return x < hit.low ? BELOW : x > hit.high ? ABOVE : OK;
  };
  // Each row of the answer is built at its final size: a one-cell row as a literal, the size a
  // float loop's `[x]` takes (a row grown by push reserves room for 17 cells: 100,000 of them
  // is what the collector was spending its time on).
  const out: string[][] = [];
  if (width === 1) {
    for (let r = 0; r < n; r++) {
      const a = answer((roles[r] as readonly unknown[])[0], (pcts[r] as readonly unknown[])[0]);
      if (a === undefined) return undefined;
      out.push([a]);
    }
    return out;
  }
  for (let r = 0; r < n; r++) {
    const rRow = roles[r] as readonly unknown[];
    const pRow = pcts[r] as readonly unknown[];
    const line = new Array<string>(width);
    for (let c = 0; c < width; c++) {
      const a = answer(rRow[c], pRow[c]);
      if (a === undefined) return undefined;
      line[c] = a;
    }
    out.push(line);
  }
  return out;
}
