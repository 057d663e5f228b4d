/**
 * The research credit, IRC §41(a), (c): the regular credit, the alternative simplified
 * credit, the start-up fixed-base percentage and the §280C(c) reduced credit. All exact;
 * the caller rounds once.
 */
import {
  ASC_BASE_SHARE,
  ASC_PRIOR_YEARS,
  ASC_RATE,
  ASC_STARTUP_RATE,
  FIXED_BASE_PERCENTAGE_CAP,
  FIXED_BASE_PERCENTAGE_DECIMALS,
  REGULAR_CREDIT_RATE,
  REGULAR_MINIMUM_BASE_SHARE,
  SEC280C_REDUCED_CREDIT_FACTOR,
  STARTUP_FIXED_BASE,
  type StartupStep,
} from '../law/rules';
import { resolve, type Citations } from '../law/types';
import { Dec, maxUsd, rate, roundRate, sumUsd, times, usd, ZERO_USD, type Rate, type Usd } from '../money';

export interface CreditResult {
  readonly credit: Usd;
  readonly citations: readonly string[];
  /** How the number was reached, in words a reviewer reads. */
  readonly trace: string;
}

export class CreditNotAvailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CreditNotAvailable';
  }
}

function reducedCredit(credit: Usd, reduced280c: boolean, taxYear: number, cites: string[]): Usd {
  if (!reduced280c) return credit;
  const f = resolve(SEC280C_REDUCED_CREDIT_FACTOR, taxYear);
  cites.push(...f.citations);
  return times(credit, rate(f.value));
}

/**
 * Alternative simplified credit, §41(c)(4): 14% × (QRE − 50% × average QRE of the 3
 * preceding years), or 6% × QRE when any of those years had no QREs (fewer than 3 given
 * counts as a year without QREs). Computed as rate × (QRE × 3 − share × Σprior) ÷ 3 so the
 * only division comes last and ties are seen exactly.
 */
/** How many preceding years the ASC averages in `taxYear` (throws when there is no ASC). */
export function ascPriorYears(taxYear: number): number {
  const r = resolve(ASC_RATE, taxYear);
  if (r.value === null) {
    throw new CreditNotAvailable(
      `the alternative simplified credit does not exist for tax years beginning in ${taxYear} (${r.citations[0]})`,
    );
  }
  return resolve(ASC_PRIOR_YEARS, taxYear).value;
}

export function alternativeSimplifiedCredit(
  qre: Usd,
  priorQres: readonly Usd[],
  reduced280c: boolean,
  taxYear: number,
): CreditResult {
  const years = ascPriorYears(taxYear);
  const r = resolve(ASC_RATE, taxYear);
  if (r.value === null) throw new CreditNotAvailable('unreachable: checked by ascPriorYears');
  if (priorQres.length > years) throw new RangeError(`at most ${years} prior years`);
  const cites: string[] = [...r.citations];
  let credit: Usd;
  let trace: string;
  if (priorQres.length < years || priorQres.some((q) => q.isZero())) {
    const startup = resolve(ASC_STARTUP_RATE, taxYear);
    cites.push(...startup.citations);
    credit = times(qre, rate(startup.value));
    trace = `a preceding year has no QREs: ${startup.value} × ${qre.toString()}`;
  } else {
    const share = resolve(ASC_BASE_SHARE, taxYear).value;
    const excessTimesYears = qre.times(years).minus(sumUsd(priorQres).times(share));
    const excess = Dec.max(excessTimesYears, 0).div(years) as Usd;
    credit = times(excess, rate(r.value));
    trace = `${r.value} × max(0, ${qre.toString()} − ${share} × ${sumUsd(priorQres).toString()} ÷ ${years})`;
  }
  credit = reducedCredit(credit, reduced280c, taxYear, cites);
  return { credit, citations: cites, trace };
}

/**
 * Regular credit, §41(a)(1): 20% × max(0, QRE − base), base = max(fixed-base % × average
 * gross receipts of the 4 preceding years, 50% × QRE) (§41(c)(1)–(2)).
 */
export function regularCredit(
  qre: Usd,
  fixedBasePct: Rate,
  avgGrossReceipts: Usd,
  reduced280c: boolean,
  taxYear: number,
): CreditResult {
  const r = resolve(REGULAR_CREDIT_RATE, taxYear);
  const minShare = resolve(REGULAR_MINIMUM_BASE_SHARE, taxYear);
  const cites: string[] = [...r.citations, 'IRC §41(c)(1)', ...minShare.citations];
  const base = maxUsd(times(avgGrossReceipts, fixedBasePct), times(qre, rate(minShare.value)));
  const excess = maxUsd(usd(qre.minus(base)), ZERO_USD);
  const credit = reducedCredit(times(excess, rate(r.value)), reduced280c, taxYear, cites);
  return {
    credit,
    citations: cites,
    trace: `${r.value} × max(0, ${qre.toString()} − max(${fixedBasePct.toString()} × ${avgGrossReceipts.toString()}, ${minShare.value} × ${qre.toString()}))`,
  };
}

export function fixedBaseCap(taxYear: number): { cap: Rate; decimals: number; citations: Citations } {
  const c = resolve(FIXED_BASE_PERCENTAGE_CAP, taxYear);
  const d = resolve(FIXED_BASE_PERCENTAGE_DECIMALS, taxYear);
  return { cap: rate(c.value), decimals: d.value, citations: c.citations };
}

/**
 * Start-up fixed-base percentage, §41(c)(3)(B)(ii), for the tax year after the history
 * given (`qres[i]`, `grossReceipts[i]`, chronological from the first tax year beginning after
 * 1993). Only years with QREs are start-up years: a year without any is skipped, with its
 * gross receipts, when counting years 1–5 and choosing the years each step averages. The ratio is computed as one exact fraction
 * (multiplier × ΣQRE) ÷ (ΣGR), rounded once to 1/100 of 1% (§41(c)(3)(D)) and capped at 16%
 * (§41(c)(3)(C)). For the 11th and later years the taxpayer selects any 5 of years 5–10:
 * the lowest percentage is taken.
 */
export function startupFixedBasePercentage(
  qresByYear: readonly Usd[],
  grossReceiptsByYear: readonly Usd[],
  taxYear: number,
): { pct: Rate; citations: readonly string[]; trace: string } {
  const schedule = resolve(STARTUP_FIXED_BASE, taxYear);
  const { cap, decimals, citations: capCites } = fixedBaseCap(taxYear);
  const cites = [...schedule.citations, ...capCites, 'IRC §41(c)(3)(D)'];
  if (grossReceiptsByYear.length !== qresByYear.length) {
    throw new RangeError(`${qresByYear.length} years of QREs but ${grossReceiptsByYear.length} of gross receipts`);
  }
  // §41(c)(3)(B)(ii) counts "taxable years … for which the taxpayer has qualified research
  // expenses": a year without QREs, and its gross receipts, is not a start-up year.
  const startupYears = qresByYear.flatMap((q, i) => (q.isZero() ? [] : [{ q, g: grossReceiptsByYear[i] as Usd }]));
  const qres = startupYears.map((y) => y.q);
  const grossReceipts = startupYears.map((y) => y.g);
  const year = qres.length + 1;
  const step: StartupStep =
    schedule.value.find((s) => s.year === year) ?? schedule.value.find((s) => s.year === 'later')!;
  if (step.fixed !== undefined) {
    return { pct: rate(step.fixed), citations: cites, trace: `start-up year ${year}: ${step.fixed}` };
  }
  const m = step.multiplier!;
  const years: number[] = [];
  for (let y = step.fromYear!; y <= step.toYear!; y++) years.push(y);
  const selections: number[][] = step.selectFive ? choose(years, 5) : [years];
  let best: { pct: Rate; sel: number[] } | undefined;
  for (const sel of selections) {
    const q = sumUsd(sel.map((y) => amountOfYear(qres, y, 'QREs')));
    const g = sumUsd(sel.map((y) => amountOfYear(grossReceipts, y, 'gross receipts')));
    // No gross receipts against positive QREs: the ratio is unbounded, so the cap governs.
    const exact = g.isZero() ? (q.isZero() ? rate(0) : cap) : (q.times(m.n).div(g.times(m.d)) as Rate);
    const pct = minRate(roundRate(exact, decimals), cap);
    if (!best || pct.lt(best.pct)) best = { pct, sel };
  }
  const multiplier = m.n === m.d ? '' : `${m.n}/${m.d} × `;
  return {
    pct: best!.pct,
    citations: cites,
    trace: `start-up year ${year}: ${multiplier}ΣQRE ÷ Σgross receipts over years ${best!.sel.join(', ')}, rounded to ${decimals} decimals, capped at ${cap.toString()}`,
  };
}

/** Start-up year `year`'s amount (`xs[0]` is year 1); a history too short for the step is an error, not a zero. */
function amountOfYear(xs: readonly Usd[], year: number, what: string): Usd {
  const amount = xs[year - 1];
  if (amount === undefined) throw new RangeError(`no ${what} for start-up year ${year}: ${xs.length} given`);
  return amount;
}

function minRate(a: Rate, b: Rate): Rate {
  return (a.lte(b) ? a : b) as Rate;
}

function choose(xs: readonly number[], k: number): number[][] {
  if (k === 0) return [[]];
  const [h, ...t] = xs;
  if (h === undefined || xs.length < k) return [];
  return [...choose(t, k - 1).map((c) => [h, ...c]), ...choose(t, k)];
}
