/**
 * The state section of `rdtax compute`'s report: the QREs of each state (Section F's four lines,
 * as compute grouped them by the state a row's Location names) and each state's credit with its
 * arithmetic, citations and notes. Printed only when a row names a state; the JSON carries the
 * section always (empty lists without states).
 */
import type { Amount, StateCreditEntry, StateQres, StateSection } from '@core/compute';
import { money, noteWithCell, plain, WIDTH, wrap as wrapLines } from './form6765-format';

const NAME_WIDTH = 22;
const COL = 15;
const TOTAL = WIDTH - 2 - NAME_WIDTH - 4 * COL;
const INDENT = ' '.repeat(8);

const value = (a: Amount, width: number): string =>
  (a.amount === null ? 'not computed' : money(a.amount)).padStart(width);
const wrap = (text: string, indent = INDENT): string[] => wrapLines(plain(text), indent);

function qreRow(q: StateQres): string[] {
  const name = q.state === null ? 'US, no state named' : `${q.state}  ${q.name}`;
  const amounts = `${q.lines.map((l) => value(l, COL)).join('')}${value(q.total, TOTAL)}`;
  // A long name (DC  District of Columbia) gets a line of its own, its amounts on the next.
  const out =
    name.length < NAME_WIDTH
      ? [`  ${name.padEnd(NAME_WIDTH)}${amounts}`]
      : [`  ${name}`, `  ${''.padEnd(NAME_WIDTH)}${amounts}`];
  for (const l of q.lines) if (l.error) out.push(...wrap(noteWithCell(l.error, l.cell) ?? l.error));
  return out;
}

const METHOD: Readonly<Record<string, string>> = {
  asc: 'alternative simplified credit',
  regular: 'regular credit',
  higher_education: 'credit with a higher-education contract',
  incremental: 'incremental credit',
};

function creditLines(c: StateCreditEntry): string[] {
  const what = c.method ? ` — ${METHOD[c.method] ?? c.method}` : '';
  const head = `  ${`${c.state}  ${c.name}${what}`.padEnd(WIDTH - 2 - 19)}${(c.amount !== null
    ? money(c.amount)
    : c.notApplicable
      ? 'n/a'
      : 'not computed'
  ).padStart(19)}`;
  const out = [head];
  for (const s of c.steps) out.push(...wrap(`${s.label}: ${s.arithmetic} = ${s.shown}`));
  if (c.citations.length > 0)
    out.push(...wrap(`${c.citations.join('; ')}${c.interpretation ? ' (rests in part on an interpretation)' : ''}`));
  if (c.notApplicable) out.push(...wrap(c.notApplicable));
  if (c.error) out.push(...wrap(noteWithCell(c.error, c.cell) ?? c.error));
  for (const n of c.notes) out.push(...wrap(`- ${n}`));
  return out;
}

export function formatStates(s: StateSection): string[] {
  if (s.byState.length === 0) return [];
  const out: string[] = [];
  out.push('State research credits — QREs by the state of the research (Location)');
  const head = ['Wages (42)', 'Supplies (43)', 'Cloud (44)', 'Contract (45)'].map((h) => h.padStart(COL)).join('');
  out.push(`  ${''.padEnd(NAME_WIDTH)}${head}${'Total'.padStart(TOTAL)}`);
  for (const q of s.byState) out.push(...qreRow(q));
  out.push(...qreRow(s.noState));
  out.push('');
  out.push('  Credits, before any limitation by tax (each state’s own return applies the limits)');
  for (const c of s.credits) out.push(...creditLines(c));
  for (const n of s.notes) out.push(...wrap(`- ${n}`, '  '));
  return out;
}
