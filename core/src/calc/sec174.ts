/**
 * Recovery of specified research or experimental expenditures: IRC §174 (TCJA, tax years
 * beginning 2022–2024 and foreign research after), §174A (domestic, from 2025) and the
 * transition rules of P.L. 119-21 §70302(f).
 */
import {
  SEC174_DOMESTIC,
  SEC174_FOREIGN,
  SEC174_TRANSITION_ACCELERATION,
  SEC174_TRANSITION_RETROACTIVE,
  SEC174A_ELECTIVE_AMORTIZATION,
  type Sec174Treatment,
  type TransitionWindow,
} from '../law/rules';
import { resolve, type Rule } from '../law/types';
import { cumulativeSchedule, usd, ZERO_USD, plus, Dec, type Fraction, type Usd } from '../money';

export type ResearchLocation = 'domestic' | 'foreign';
export type Sec174Method = 'auto' | 'accelerate' | 'accelerate_2yr' | 'retroactive' | 'elect_60';
export const SEC174_METHODS: readonly Sec174Method[] = [
  'auto',
  'accelerate',
  'accelerate_2yr',
  'retroactive',
  'elect_60',
];

export interface Vintage {
  readonly amount: Usd;
  /** Tax year (begin year) in which the expenditure was paid or incurred. */
  readonly yearIncurred: number;
  readonly location: ResearchLocation;
  /** Month benefits are first realized (§174A(c)); needed by `elect_60`. */
  readonly benefitStart?: { readonly year: number; readonly month: number };
}

export interface ScheduleEntry {
  readonly year: number;
  readonly deduction: Usd;
}

export class Sec174InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Sec174InputError';
  }
}

/** The first tax year a rule has a non-null value (the transition year, 2025). */
function firstYearInForce<V>(rule: Rule<V | null>): { year: number; value: V } {
  const v = rule.history.find((h) => h.value !== null);
  if (!v) throw new Error(`${rule.id} is never in force`);
  return { year: v.from, value: v.value as V };
}

function inWindow(year: number, w: TransitionWindow): boolean {
  return year >= w.vintagesFrom && year <= w.vintagesThrough;
}

/** The treatment of one vintage under `method`. */
function treatmentOf(v: Vintage, method: Sec174Method): Sec174Treatment {
  const base = resolve(v.location === 'domestic' ? SEC174_DOMESTIC : SEC174_FOREIGN, v.yearIncurred).value;
  if (v.location !== 'domestic') return base;
  if (method === 'retroactive' && inWindow(v.yearIncurred, firstYearInForce(SEC174_TRANSITION_RETROACTIVE).value)) {
    return { kind: 'deduct' };
  }
  if (method === 'elect_60') {
    const elective = resolve(SEC174A_ELECTIVE_AMORTIZATION, v.yearIncurred).value;
    if (elective !== null) return elective;
  }
  return base;
}

/** Shares of the amount by tax year, as exact fractions. */
function shares(v: Vintage, t: Sec174Treatment): { year: number; share: Fraction }[] {
  switch (t.kind) {
    case 'deduct':
      return [{ year: v.yearIncurred, share: { n: 1, d: 1 } }];
    case 'midpoint': {
      // Half a year in the year incurred and half a year at the end (the midpoint convention).
      const out = [{ year: v.yearIncurred, share: { n: 6, d: t.months } }];
      const fullYears = (t.months - 12) / 12;
      for (let k = 1; k <= fullYears; k++) out.push({ year: v.yearIncurred + k, share: { n: 12, d: t.months } });
      out.push({ year: v.yearIncurred + fullYears + 1, share: { n: 6, d: t.months } });
      return out;
    }
    case 'benefit-months': {
      const b = v.benefitStart;
      if (!b)
        throw new Sec174InputError(
          'the elect_60 method needs benefit_start, the month benefits are first realized (e.g. "2025-07")',
        );
      // A NaN month would pass every comparison below and yield an empty schedule, i.e. a silent 0.
      if (!Number.isInteger(b.year) || !Number.isInteger(b.month) || b.month < 1 || b.month > 12) {
        throw new Sec174InputError(
          `benefit_start ${String(b.year)}-${String(b.month)} is not a calendar month; give the month benefits are first realized (e.g. "2025-07")`,
        );
      }
      if (b.year < v.yearIncurred) {
        throw new Sec174InputError(
          `benefit_start ${b.year}-${String(b.month).padStart(2, '0')} is before the tax year incurred ${v.yearIncurred}`,
        );
      }
      const out: { year: number; share: Fraction }[] = [];
      let left = t.months;
      let year = b.year;
      let monthsThisYear = 13 - b.month;
      while (left > 0) {
        const m = Math.min(monthsThisYear, left);
        out.push({ year, share: { n: m, d: t.months } });
        left -= m;
        year += 1;
        monthsThisYear = 12;
      }
      return out;
    }
  }
}

/** The deduction schedule of one vintage, in cents, summing exactly to the amount (rounded). */
function vintageSchedule(v: Vintage, method: Sec174Method): ScheduleEntry[] {
  const parts = shares(v, treatmentOf(v, method));
  const slices = cumulativeSchedule(
    v.amount,
    parts.map((p) => p.share),
  );
  // cumulativeSchedule returns one slice per share, in order.
  let schedule: ScheduleEntry[] = parts.map((p, i) => ({ year: p.year, deduction: slices[i]! }));

  if ((method === 'accelerate' || method === 'accelerate_2yr') && v.location === 'domestic') {
    const transition = firstYearInForce(SEC174_TRANSITION_ACCELERATION);
    if (inWindow(v.yearIncurred, transition.value)) {
      // §70302(f)(2): the unamortized remainder at the start of the first tax year beginning
      // after 2024 is deducted then (or half then and half in the next year).
      const first = transition.year;
      const kept = schedule.filter((e) => e.year < first);
      const whole = v.amount.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
      const remainder = usd(kept.reduce((r, e) => r.minus(e.deduction), whole));
      if (method === 'accelerate') {
        schedule = [...kept, { year: first, deduction: remainder }];
      } else {
        const half = usd(remainder.div(2).toDecimalPlaces(2, Dec.ROUND_HALF_UP));
        schedule = [
          ...kept,
          { year: first, deduction: half },
          { year: first + 1, deduction: usd(remainder.minus(half)) },
        ];
      }
    }
  }
  return schedule;
}

/**
 * The shape of one vintage's schedule, the same for every amount of that year, location and
 * method (not `elect_60`, whose months depend on each row): the tax years, each year's
 * cumulative share as a numerator over `denominator`, and — under the §70302(f)(2) transition —
 * how many of those years are kept before the remainder is deducted in `first` (and `first + 1`
 * when split). `fastVintageCents` (./fast-sec174) turns it into cents exactly as
 * `vintageSchedule` does.
 */
export interface VintagePlan {
  readonly years: readonly number[];
  readonly cumulative: readonly number[];
  readonly denominator: number;
  readonly transition?: { readonly kept: number; readonly first: number; readonly split: boolean };
}

export function vintagePlan(
  yearIncurred: number,
  location: ResearchLocation,
  method: Exclude<Sec174Method, 'elect_60'>,
): VintagePlan {
  const v: Vintage = { amount: ZERO_USD, yearIncurred, location };
  const t = treatmentOf(v, method);
  const parts = shares(v, t);
  const denominator = t.kind === 'deduct' ? 1 : t.months;
  let n = 0;
  const cumulative = parts.map((p) => {
    if (p.share.d !== denominator) throw new Error('a share over another denominator');
    return (n += p.share.n);
  });
  const years = parts.map((p) => p.year);
  if ((method === 'accelerate' || method === 'accelerate_2yr') && location === 'domestic') {
    const transition = firstYearInForce(SEC174_TRANSITION_ACCELERATION);
    if (inWindow(yearIncurred, transition.value)) {
      const first = transition.year;
      const kept = years.filter((y) => y < first).length;
      return {
        years,
        cumulative,
        denominator,
        transition: { kept, first, split: method === 'accelerate_2yr' },
      };
    }
  }
  return { years, cumulative, denominator };
}

/** All vintages together: one row per tax year from the first to the last, gaps as 0. */
export function sec174Schedule(vintages: readonly Vintage[], method: Sec174Method): ScheduleEntry[] {
  const byYear = new Map<number, Usd>();
  for (const v of vintages) {
    for (const e of vintageSchedule(v, method)) byYear.set(e.year, plus(byYear.get(e.year) ?? ZERO_USD, e.deduction));
  }
  if (byYear.size === 0) return [];
  const years = [...byYear.keys()];
  const first = Math.min(...years);
  const last = Math.max(...years);
  const out: ScheduleEntry[] = [];
  for (let y = first; y <= last; y++) out.push({ year: y, deduction: byYear.get(y) ?? ZERO_USD });
  return out;
}

/** The deduction for tax year `taxYear` over all vintages. */
export function sec174Deduction(vintages: readonly Vintage[], method: Sec174Method, taxYear: number): Usd {
  let total = ZERO_USD;
  for (const v of vintages) {
    for (const e of vintageSchedule(v, method)) if (e.year === taxYear) total = plus(total, e.deduction);
  }
  return total;
}
