/**
 * The state section of a computed study: the QREs of research done in each state — the rows
 * the row classifier put on Form 6765 Section F lines 42–45, grouped by the state their Location
 * names — and, for each state whose credit the engine knows, that credit with its arithmetic and
 * citations (calc/state-credit.ts, the same law RD_STATE_CREDIT computes).
 *
 * The amounts are the classifier's per-row amounts (what Section F and Section G add up), summed
 * exactly and rounded once per line, cumulatively, so each line's states and the US rows naming
 * no state add up to the Section F line to the cent. A credit whose input is missing is null with
 * the cell to fill; an input the law rejects is null with the law's message naming the cell.
 */
import { ArgumentError, isBlank, type CellValue } from '../cells';
import {
  amountText,
  parseStateCode,
  stateCredit,
  STATE_CREDIT_STATES,
  type StateCode,
  type StateCreditInput,
  type StateCreditResult,
} from '../calc/state-credit';
import { Dec, toCents, usd } from '../money';
import { cellRef } from '../study/a1';
import { stateOfLocation, US_STATES, type QreLine } from '../study/classify';
import type { AboutSheet, StudyRow, StudyTable } from '../study/model';
import { STATE_QRE_COLUMNS, stateAboutLabel, type PriorYearField, type StateAboutField } from '../study/schema';
import { readNumber, readText, toDec } from '../study/values';
import type { Amount } from './call';
import type { ClassifiedRow } from './section-g';

/** One Section F line's QREs in one state (or in the US rows naming no state). */
export interface StateQreLine extends Amount {
  readonly line: QreLine;
  readonly label: string;
  /** Rows that fed it. */
  readonly rows: number;
}

export interface StateQres {
  /** The state's code (`CA`); null: research in the US whose Location names no state (`US`). */
  readonly state: string | null;
  readonly name: string;
  /** Lines 42, 43, 44, 45 (wages, supplies, computer rental, contract research at 65/75/100%). */
  readonly lines: readonly StateQreLine[];
  /** The sum of its lines (as line 48 is the sum of 42–45). */
  readonly total: Amount;
  readonly rows: number;
}

export interface StateCreditStep {
  readonly label: string;
  /** Dollars to the cent (the exact amount rounded once), or a year (Texas's report year). */
  readonly amount: number;
  /** The amount as shown: `1,800.00`, `≈33,333.33` off the cent grid, or `2026` for a year. */
  readonly shown: string;
  /** The arithmetic as a reader checks it: "3% × (100,000.00 − 50% × 80,000.00)". */
  readonly arithmetic: string;
}

export interface StateCreditEntry extends Amount {
  readonly state: string;
  readonly name: string;
  readonly taxYear: number;
  /** Whether the engine computes this state's credit (STATE_CREDIT_STATES). */
  readonly supported: boolean;
  /** The method computed (`asc`, `regular`…), or null when none was. */
  readonly method: string | null;
  /** The state's QREs this year (its total above). */
  readonly qre: number | null;
  /** Prior Years `<ST> QRE` by tax year (null: no row or a blank cell). */
  readonly priorQres: Readonly<Record<string, number | null>>;
  readonly steps: readonly StateCreditStep[];
  readonly citations: readonly string[];
  /** True when a rule used rests on a secondary source or a reading of the law (LAW.md [verify]). */
  readonly interpretation: boolean;
  /** Why there is no credit when it is not an error in the study: a state not modelled, an input to fill. */
  readonly notApplicable?: string;
  /** What the credit assumed (a prior year with no row taken as none). */
  readonly notes: readonly string[];
}

export interface StateSection {
  /** States with research rows this year, by code. */
  readonly byState: readonly StateQres[];
  /** Research in the US naming no state (`US`), and supplies and cloud (Supplies has no Location). */
  readonly noState: StateQres;
  /** The credits of the states in `byState`, in the same order. */
  readonly credits: readonly StateCreditEntry[];
  /** The states whose credit the engine computes. */
  readonly supported: readonly string[];
  readonly notes: readonly string[];
  readonly citation: string;
}

export interface StateContext {
  readonly taxYear: number;
  /** Section F lines 42–45 as compute found them: the part naming no state is each less the states'. */
  readonly sectionF: Readonly<Record<QreLine, Amount>>;
  readonly employees: readonly ClassifiedRow[];
  readonly supplies: readonly ClassifiedRow[];
  readonly computers: readonly ClassifiedRow[];
  readonly contractors: readonly ClassifiedRow[];
  readonly priorYears: StudyTable<PriorYearField> | undefined;
  readonly about: AboutSheet | undefined;
}

const LINES: readonly { readonly line: QreLine; readonly label: string }[] = [
  { line: '42', label: 'Qualified wages' },
  { line: '43', label: 'Supplies' },
  { line: '44', label: 'Rental or lease of computers (cloud)' },
  { line: '45', label: 'Contract research (after 65% / 75% / 100%)' },
];

const CITATION =
  'State research credits are computed on the QREs of research done in the state (IRC §41(b) as each state adopts it; LAW.md "State credits")';

/** What a bucket gathers per line: the exact sum, its rows, and the first row whose amount cannot be read. */
interface LineAcc {
  exact: Dec;
  rows: number;
  blocked?: { readonly table: StudyTable<string>; readonly row: StudyRow<string> };
}
type Bucket = Record<QreLine, LineAcc>;
const newBucket = (): Bucket => ({
  '42': { exact: new Dec(0), rows: 0 },
  '43': { exact: new Dec(0), rows: 0 },
  '44': { exact: new Dec(0), rows: 0 },
  '45': { exact: new Dec(0), rows: 0 },
});

/** The state a row's Location names (Employees, Contractors); Supplies rows carry no Location. */
function rowState(c: ClassifiedRow, cache: Map<string, string | undefined>): string | undefined {
  if (c.table.columns.location === undefined) return undefined;
  const text = readText(c.row.cells.location ?? null);
  if (text.kind !== 'value') return undefined;
  if (!cache.has(text.value)) cache.set(text.value, stateOfLocation(text.value));
  return cache.get(text.value);
}

const BLOCKING_FIELDS: Readonly<Record<QreLine, readonly string[]>> = {
  '42': ['wages', 'rdPct'],
  '43': ['amount', 'rdPct'],
  '44': ['amount', 'environment', 'rdPct'],
  '45': ['amountPaid', 'rdPct', 'contractType'],
};

function blockedWhy(line: QreLine, b: NonNullable<LineAcc['blocked']>): Amount {
  const refs = BLOCKING_FIELDS[line]
    .filter((f) => b.table.columns[f] !== undefined)
    .map((f) => cellRef(b.table.sheet, b.row.row, b.table.columns[f] as number));
  return {
    amount: null,
    error: `Line ${line} is not computed because row ${b.row.row} of ${b.table.sheet} (${refs.join(', ')}) cannot be read as an amount; rdtax check names the cell.`,
    ...(refs[0] ? { cell: refs[0] } : {}),
  };
}

export function computeStates(ctx: StateContext): StateSection {
  const notes: string[] = [];
  const cache = new Map<string, string | undefined>();
  const buckets = new Map<string, Bucket>();
  const none = newBucket();
  const sources: readonly (readonly [QreLine, readonly ClassifiedRow[]])[] = [
    ['42', ctx.employees],
    ['43', ctx.supplies],
    ['44', ctx.computers],
    ['45', ctx.contractors],
  ];
  for (const [line, rows] of sources)
    for (const c of rows) {
      const state = rowState(c, cache);
      let b = none;
      if (state !== undefined) {
        b = buckets.get(state) ?? newBucket();
        buckets.set(state, b);
      }
      const acc = b[line];
      acc.rows++;
      // The rows naming no state are the line less the states' (below): no per-row arithmetic,
      // so a study naming no state costs compute nothing here.
      if (b === none) continue;
      const amount = c.cls.amount;
      if (amount === undefined) acc.blocked ??= { table: c.table, row: c.row };
      else acc.exact = acc.exact.plus(amount);
    }

  // Round once per line, cumulatively (states by code, then the rows naming none): each line's
  // parts add up to round(Σ exact), the Section F line, to the cent — as Section G's columns do.
  // The last part, the rows naming no state, is the Section F line less round(Σ the states'),
  // since the line is round(Σ of every row's exact amount) (the catalogue's sum of the same rows).
  const order = [...buckets.keys()].sort();
  const rounded = new Map<Bucket, Record<QreLine, Amount>>();
  for (const b of [...buckets.values(), none]) rounded.set(b, {} as Record<QreLine, Amount>);
  for (const { line } of LINES) {
    let running = new Dec(0);
    let shown = new Dec(0);
    let blocked = false;
    for (const state of order) {
      const bucket = buckets.get(state) as Bucket;
      const acc = bucket[line];
      const out = rounded.get(bucket) as Record<QreLine, Amount>;
      if (acc.blocked) {
        blocked = true;
        out[line] = blockedWhy(line, acc.blocked);
        continue;
      }
      running = running.plus(acc.exact);
      const upTo = new Dec(toCents(usd(running)));
      // After a part that cannot be computed, the rest are still each rounded on their own.
      out[line] = { amount: (blocked ? new Dec(toCents(usd(acc.exact))) : upTo.minus(shown)).toNumber() };
      shown = upTo;
    }
    const f = ctx.sectionF[line];
    const rest = rounded.get(none) as Record<QreLine, Amount>;
    if (none[line].rows === 0) rest[line] = { amount: 0 };
    else if (f.amount === null || blocked)
      rest[line] = {
        amount: null,
        error: f.error ?? `Line ${line} is not computed, so neither is the part of it that names no state.`,
        ...(f.cell ? { cell: f.cell } : {}),
      };
    else rest[line] = { amount: new Dec(f.amount).minus(shown).toNumber() };
  }

  const qresOf = (state: string | null, bucket: Bucket): StateQres => {
    const r = rounded.get(bucket) as Record<QreLine, Amount>;
    const lines = LINES.map(({ line, label }) => ({ line, label, rows: bucket[line].rows, ...r[line] }));
    const failed = lines.find((l) => l.amount === null);
    const total: Amount = failed
      ? {
          amount: null,
          // The line's own reason (it names the line and the cells).
          error: failed.error ?? `Line ${failed.line} is not computed.`,
          ...(failed.cell ? { cell: failed.cell } : {}),
        }
      : { amount: toCents(usd(lines.reduce((s, l) => s.plus(l.amount ?? 0), new Dec(0)))) };
    return {
      state,
      name: state === null ? 'United States, no state named' : (US_STATES.get(state) ?? state),
      lines,
      total,
      rows: lines.reduce((n, l) => n + l.rows, 0),
    };
  };
  const byState = order.map((s) => qresOf(s, buckets.get(s) as Bucket));
  const noState = qresOf(null, none);
  if (byState.length > 0 && noState.lines.some((l) => (l.line === '43' || l.line === '44') && l.rows > 0))
    notes.push(
      'Supplies and cloud rows carry no Location, so their QREs are in no state’s total; a state credit here counts only the wages and contract research done in the state.',
    );
  const supported = STATE_CREDIT_STATES.map((x) => x.code as string);
  const credits = byState.map((q) => creditOf(ctx, q, supported));
  return { byState, noState, credits, supported, notes, citation: CITATION };
}

// ------------------------------------------------------------------ the credit of one state

const cents = (d: Dec): number => toCents(usd(d));

interface StateInputs {
  readonly method?: { readonly text: string; readonly ref: string };
  readonly fixedBasePct?: { readonly value: Dec; readonly ref: string };
  readonly avgGrossReceipts?: { readonly value: Dec; readonly ref: string };
  readonly basicResearchPayments?: { readonly value: Dec; readonly ref: string };
}

/** The About sheet's `<ST> …` fields: text for the method, numbers for the rest (or why a cell cannot be read). */
function stateInputs(
  about: AboutSheet | undefined,
  state: string,
): { inputs: StateInputs } | { why: string; cell: string } {
  const fields = about?.states.get(state) ?? {};
  const out: {
    -readonly [K in keyof StateInputs]: StateInputs[K];
  } = {};
  for (const f of ['creditMethod', 'fixedBasePct', 'avgGrossReceipts', 'basicResearchPayments'] as StateAboutField[]) {
    const v = fields[f];
    if (!v || isBlank(v.value)) continue;
    const ref = cellRef(v.at.sheet, v.at.row, v.at.col);
    const label = stateAboutLabel(state, f);
    if (f === 'creditMethod') {
      const t = readText(v.value);
      if (t.kind !== 'value')
        return {
          why: `${label} on the About sheet (${ref}) cannot be read; enter a method such as ASC or Regular.`,
          cell: ref,
        };
      out.method = { text: t.value, ref };
      continue;
    }
    const n = readNumber(v.value);
    if (n.kind !== 'value')
      return {
        why: `${label} on the About sheet (${ref}) ${n.kind === 'invalid' ? n.why : 'is blank'}; enter ${f === 'fixedBasePct' ? 'a fraction, e.g. 0.03 for 3%' : 'an amount in dollars'}.`,
        cell: ref,
      };
    out[f] = { value: toDec(n.value), ref };
  }
  return { inputs: out };
}

/** Prior Years `<ST> QRE` for the three years before `taxYear`: what was found, and the cells. */
function priorStateQres(
  t: StudyTable<PriorYearField> | undefined,
  state: string,
  taxYear: number,
):
  | { column: false; header: string }
  | {
      column: true;
      header: string;
      values: { year: number; value: Dec | null; ref: string | null }[];
      bad?: { why: string; cell: string };
    } {
  const header = STATE_QRE_COLUMNS.header(state);
  const i = t ? t.patterned.findIndex((p) => p.pattern === STATE_QRE_COLUMNS && p.key === state) : -1;
  if (!t || i < 0) return { column: false, header };
  const p = t.patterned[i];
  const values: { year: number; value: Dec | null; ref: string | null }[] = [];
  for (let k = 3; k >= 1; k--) {
    const year = taxYear - k;
    const row = t.rows.find((r) => {
      const y = readNumber(r.cells.taxYear);
      return y.kind === 'value' && toDec(y.value).eq(year);
    });
    if (!row || !p) {
      values.push({ year, value: null, ref: null });
      continue;
    }
    const v: CellValue = row.more?.[i] ?? null;
    const ref = cellRef(t.sheet, row.row, p.col);
    const n = readNumber(v);
    if (n.kind === 'invalid')
      return { column: true, header, values, bad: { why: `${p.header} for ${year} (${ref}) ${n.why}`, cell: ref } };
    values.push({ year, value: n.kind === 'value' ? toDec(n.value) : null, ref });
  }
  return { column: true, header, values };
}

/**
 * Where a state credit's argument (as calc/state-credit.ts names it) comes from in the study: the
 * About label and its cell (or the label to add), the Prior Years cells; undefined for the
 * arguments the study does not hold.
 */
function argumentPlace(
  state: string,
  arg: string | undefined,
  inputs: StateInputs,
  prior: { readonly refs: readonly string[]; readonly cell: string | undefined },
): { readonly place: string; readonly cell?: string } | undefined {
  const about = (f: StateAboutField, given: { readonly ref: string } | undefined) =>
    given
      ? { place: `${stateAboutLabel(state, f)} (${given.ref})`, cell: given.ref }
      : { place: `"${stateAboutLabel(state, f)}" on the About sheet` };
  switch (arg) {
    case 'method':
      return inputs.method ? about('creditMethod', inputs.method) : undefined;
    case 'fixed_base_pct':
      return about('fixedBasePct', inputs.fixedBasePct);
    case 'avg_gross_receipts':
      return about('avgGrossReceipts', inputs.avgGrossReceipts);
    case 'basic_research':
      return about('basicResearchPayments', inputs.basicResearchPayments);
    case 'prior_qres':
      return {
        place: `${STATE_QRE_COLUMNS.header(state)} on Prior Years (${prior.refs.length > 0 ? prior.refs.join(', ') : 'no rows for the 3 preceding years'})`,
        ...(prior.cell ? { cell: prior.cell } : {}),
      };
    default:
      return undefined;
  }
}

function creditOf(ctx: StateContext, q: StateQres, supported: readonly string[]): StateCreditEntry {
  const state = q.state as string;
  const base = {
    state,
    name: q.name,
    taxYear: ctx.taxYear,
    qre: q.total.amount,
    steps: [] as StateCreditStep[],
    citations: [] as string[],
    method: null,
    notes: [] as string[],
    interpretation: false,
  };
  const code: StateCode | undefined = supported.includes(state) ? parseStateCode(state) : undefined;
  if (code === undefined)
    return {
      ...base,
      supported: false,
      priorQres: {},
      amount: null,
      notApplicable: `No ${q.name} research credit is computed (the engine computes ${supported.join(', ')}); its QREs are shown for the return you prepare.`,
    };
  const prior = priorStateQres(ctx.priorYears, state, ctx.taxYear);
  const priorQres: Record<string, number | null> = {};
  if (prior.column) for (const v of prior.values) priorQres[String(v.year)] = v.value === null ? null : cents(v.value);
  const entry = { ...base, supported: true, priorQres };
  if (!prior.column)
    return {
      ...entry,
      amount: null,
      notApplicable: `Add a "${prior.header}" column to Prior Years with ${state}'s QREs for ${ctx.taxYear - 3}–${ctx.taxYear - 1} (0 where there were none) to compute the ${q.name} credit.`,
    };
  if (prior.bad)
    return { ...entry, amount: null, error: `${prior.bad.why}; enter the amount in dollars.`, cell: prior.bad.cell };
  const read = stateInputs(ctx.about, state);
  if ('why' in read) return { ...entry, amount: null, error: read.why, cell: read.cell };
  if (q.total.amount === null)
    return {
      ...entry,
      amount: null,
      error: `${state}'s QREs are not computed: ${(q.total.error ?? 'a line is not computed').replace(/^Line/, 'line')}`,
      ...(q.total.cell ? { cell: q.total.cell } : {}),
    };

  const inputs = read.inputs;
  // A year with no Prior Years row is left out of the list (fewer than 3 given: the law's zero-prior-year path); a blank cell is 0.
  const given = prior.values.filter((v) => v.ref !== null);
  // The cell an error about the prior years points at: the first year without QREs, else the first given.
  const zero = given.find((v) => v.value === null || v.value.isZero());
  const priorAt = { refs: given.map((v) => v.ref as string), cell: (zero ?? given[0])?.ref ?? undefined };
  for (const v of prior.values)
    if (v.ref === null)
      entry.notes.push(
        `Prior Years has no row for ${v.year}, so ${state} is taken to have had no QREs that year; add the row with its ${prior.header} if there were any.`,
      );
  const input: StateCreditInput = {
    state: code,
    qre: new Dec(q.total.amount),
    priorQres: given.map((v) => v.value ?? new Dec(0)),
    taxYear: ctx.taxYear,
    ...(inputs.method ? { method: inputs.method.text } : {}),
    ...(inputs.fixedBasePct ? { fixedBasePct: inputs.fixedBasePct.value } : {}),
    ...(inputs.avgGrossReceipts ? { avgGrossReceipts: inputs.avgGrossReceipts.value } : {}),
    ...(inputs.basicResearchPayments ? { basicResearch: inputs.basicResearchPayments.value } : {}),
  } as StateCreditInput;
  let r: StateCreditResult;
  try {
    r = stateCredit(input);
  } catch (e) {
    if (!(e instanceof ArgumentError)) throw e;
    const arg = e.at?.arg;
    const at = argumentPlace(state, arg, inputs, priorAt);
    // The message begins with the argument's name: the study's label and cell take its place.
    let message = at && arg ? e.message.replace(new RegExp(`^${arg}\\b`), at.place) : e.message;
    // A year outside a method's law: the method cell is where to change it.
    if (arg === 'tax_year')
      message = `${message.replace(/^tax_year\b/, 'Tax year').replace(/\.$/, '')}${inputs.method ? `; ${stateAboutLabel(state, 'creditMethod')} is ${inputs.method.ref}` : ''}.`;
    // An input the method needs and the About sheet lacks: nothing is wrong, a label is to be added.
    const absent =
      (arg === 'fixed_base_pct' && !inputs.fixedBasePct) || (arg === 'avg_gross_receipts' && !inputs.avgGrossReceipts);
    if (absent)
      return {
        ...entry,
        amount: null,
        notApplicable: `${message.replace(/\.$/, '')}. Enter "${stateAboutLabel(state, 'fixedBasePct')}" and "${stateAboutLabel(state, 'avgGrossReceipts')}" on the About sheet${inputs.method ? '' : `, or "${stateAboutLabel(state, 'creditMethod')}" to choose another method`}.`,
      };
    const cell = arg === 'tax_year' ? inputs.method?.ref : at?.cell;
    return { ...entry, amount: null, error: message, ...(cell ? { cell } : {}) };
  }
  return {
    ...entry,
    method: r.method,
    amount: cents(r.credit),
    // Amounts appear in the arithmetic with cents (1,000.00); a step without any is a year (2025 + 1).
    steps: r.steps.map((x) =>
      /\d\.\d/.test(x.arithmetic)
        ? { label: x.label, amount: cents(x.amount), shown: amountText(x.amount), arithmetic: x.arithmetic }
        : { label: x.label, amount: x.amount.toNumber(), shown: x.amount.toString(), arithmetic: x.arithmetic },
    ),
    citations: [...r.citations],
    interpretation: r.interpretation,
  };
}
