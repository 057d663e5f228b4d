/**
 * State research credits on the QREs of research done in the state (issue 12; LAW.md "State
 * credits"): California, Texas, Illinois, Arizona and Massachusetts, each read from its rules in
 * `law/states/<st>/`. The credit is before any limitation by tax (California's $5M limit on
 * business credits, Texas's 50% of franchise tax due, Massachusetts's excise limit): those
 * limit what can be used, not the credit. Pure and exact; the caller rounds once.
 *
 * Bad input is an ArgumentError naming the argument as RD_STATE_CREDIT spells it (`state`,
 * `qre`, `prior_qres`, `tax_year`, `method`, `fixed_base_pct`, `avg_gross_receipts`,
 * `basic_research`), so the CLI, the panel and the cell all say the same thing.
 */
import { ArgumentError, type ErrorCode } from '../cells';
import { formatScalar } from '../law/format';
import {
  AZ_FIRST_TIER_RATE,
  AZ_MINIMUM_BASE_SHARE,
  AZ_SECOND_TIER_RATE,
  AZ_TIER_THRESHOLD,
  CA_ASC_BASE_SHARE,
  CA_ASC_NO_PRIOR_QRE_RATE,
  CA_ASC_PRIOR_YEARS,
  CA_ASC_RATE,
  CA_BASIC_RESEARCH_RATE,
  CA_MINIMUM_BASE_SHARE,
  CA_REGULAR_RATE,
  IL_BASE_PERIOD_YEARS,
  IL_MISSING_BASE_YEAR,
  IL_RATE,
  MA_ASC_BASE_SHARE,
  MA_ASC_NO_PRIOR_QRE_RATE,
  MA_ASC_PRIOR_YEARS,
  MA_ASC_RATE,
  MA_BASIC_RESEARCH_RATE,
  MA_MINIMUM_BASE_SHARE,
  MA_REGULAR_RATE,
  TX_BASE_SHARE,
  TX_HIGHER_EDUCATION_NO_PRIOR_QRE_RATE,
  TX_HIGHER_EDUCATION_RATE,
  TX_NO_PRIOR_QRE_RATE,
  TX_PRIOR_PERIODS,
  TX_RATE,
} from '../law/states';
import { inForce, resolve, type Resolved, type Rule } from '../law/types';
import { Dec, type Usd } from '../money';

export type StateCode = 'CA' | 'TX' | 'IL' | 'AZ' | 'MA';

/**
 * The ways a state computes its credit. `asc`: rate × (QRE − 50% × 3-year average), a lower
 * rate × QRE when a preceding year had none (CA from 2025, MA from 2015, Texas's franchise-tax
 * credit); `regular`: rate × (QRE − base), base = max(fixed-base % × average gross receipts,
 * 50% × QRE) (CA, MA; AZ's tiers); `higher_education`: Texas with QREs under a contract with an
 * institution of higher education; `incremental`: Illinois, QRE over the 3-year average.
 */
export type StateMethod = 'asc' | 'regular' | 'higher_education' | 'incremental';

export interface StateCreditState {
  readonly code: StateCode;
  readonly name: string;
  readonly methods: readonly StateMethod[];
  /**
   * The method taken when none is given — where it exists for the tax year; see
   * `defaultStateMethod` for the exact rule (CA before 2025 and MA before 2015 have only
   * `regular`, and a fixed-base % or gross receipts given means `regular`).
   */
  readonly defaultMethod: StateMethod;
}

/** The supported states, in the order messages and the help list them. */
export const STATE_CREDIT_STATES: readonly StateCreditState[] = [
  { code: 'CA', name: 'California', methods: ['asc', 'regular'], defaultMethod: 'asc' },
  { code: 'TX', name: 'Texas', methods: ['asc', 'higher_education'], defaultMethod: 'asc' },
  { code: 'IL', name: 'Illinois', methods: ['incremental'], defaultMethod: 'incremental' },
  { code: 'AZ', name: 'Arizona', methods: ['regular'], defaultMethod: 'regular' },
  { code: 'MA', name: 'Massachusetts', methods: ['asc', 'regular'], defaultMethod: 'asc' },
];

/**
 * How many preceding years every supported state reads: CA's and MA's ASC, Texas's tax
 * periods, Illinois's base period (state-credit.test checks each rule says the same).
 */
export const STATE_CREDIT_PRIOR_YEARS = 3;

/** "CA (California), TX (Texas), …" for messages and help. */
export const STATE_CREDIT_STATES_TEXT = STATE_CREDIT_STATES.map((s) => `${s.code} (${s.name})`).join(', ');

export interface StateCreditInput {
  readonly state: StateCode;
  /** The calendar year in which the tax (accounting) year begins. */
  readonly taxYear: number;
  /** The year's QREs of research done in the state. */
  readonly qre: Dec;
  /** The state QREs of the preceding years, any order, at most 3. */
  readonly priorQres: readonly Dec[];
  /** `asc`, `regular`, `higher_education`, `incremental`; undefined = `defaultStateMethod`. */
  readonly method?: string;
  /** The state's fixed-base percentage as a fraction (3% is 0.03): regular method. */
  readonly fixedBasePct?: Dec;
  /** The state's average annual gross receipts of the 4 preceding years: regular method. */
  readonly avgGrossReceipts?: Dec;
  /** Basic research payments as IRC §41(e)(1)(A) determines them (CA, MA, AZ regular); 0 if absent. */
  readonly basicResearch?: Dec;
}

export interface StateCreditStep {
  readonly label: string;
  /** Exact (unrounded). */
  readonly amount: Dec;
  /** The arithmetic with the numbers used, e.g. `max(0.03 × 10,000,000.00, 50% × 2,000,000.00)`. */
  readonly arithmetic: string;
}

export interface StateCreditResult {
  readonly state: StateCode;
  readonly taxYear: number;
  readonly method: StateMethod;
  /** Unrounded exact; callers round once. Never negative. */
  readonly credit: Usd;
  readonly steps: readonly StateCreditStep[];
  readonly citations: readonly string[];
  /** True when any rule used is an interpretation (a practitioner reading, LAW.md [verify]). */
  readonly interpretation: boolean;
}

/** 'CA', 'ca', ' US-CA ', 'California' → 'CA'; anything else (another state included) → undefined. */
export function parseStateCode(text: string): StateCode | undefined {
  const t = text.trim().toUpperCase();
  const code = t.startsWith('US-') ? t.slice(3) : t;
  return STATE_CREDIT_STATES.find((s) => s.code === code || s.name.toUpperCase() === t)?.code;
}

export function stateCreditState(code: StateCode): StateCreditState {
  const s = STATE_CREDIT_STATES.find((x) => x.code === code);
  if (!s) {
    throw new ArgumentError(
      'invalid-value',
      `state: ${String(code)} is not a supported state; use one of ${STATE_CREDIT_STATES_TEXT}.`,
      { arg: 'state' },
    );
  }
  return s;
}

/**
 * Texas keys its credit on the report year: a report is due the year after the accounting
 * year ends. Knowing only the year the accounting year begins, it is taken to end in the same
 * calendar year (issue 12), so tax year 2025 → report year 2026 → subchapter T.
 */
export function texasReportYear(taxYear: number): number {
  return taxYear + 1;
}

/** Whether the state's ASC-style method exists for tax years beginning in `taxYear`. */
function ascInForce(state: StateCode, taxYear: number): boolean {
  const rule = state === 'CA' ? CA_ASC_RATE : state === 'MA' ? MA_ASC_RATE : undefined;
  if (!rule) return state === 'TX';
  return inForce(rule, taxYear) && resolve(rule, taxYear).value !== null;
}

/**
 * The method when none is given: `regular` when a fixed-base % or average gross receipts is
 * given (only the regular method reads them) and the state has it; otherwise the state's
 * `defaultMethod` where it exists for the tax year (CA's ASC from 2025, MA's from 2015),
 * else `regular`.
 */
export function defaultStateMethod(state: StateCode, taxYear: number, regularInputsGiven = false): StateMethod {
  const s = stateCreditState(state);
  if (regularInputsGiven && s.methods.includes('regular')) return 'regular';
  if (s.defaultMethod === 'asc' && state !== 'TX' && !ascInForce(state, taxYear)) return 'regular';
  return s.defaultMethod;
}

const METHOD_WORDS: ReadonlyMap<string, StateMethod> = new Map([
  ['asc', 'asc'],
  ['alternative simplified', 'asc'],
  ['alternative simplified credit', 'asc'],
  ['regular', 'regular'],
  ['higher education', 'higher_education'],
  ['incremental', 'incremental'],
]);

/** The method as typed ('ASC', 'higher-education', 'Higher Education') → the state's method, or an error naming `method`. */
function readMethod(s: StateCreditState, typed: string): StateMethod {
  const m = METHOD_WORDS.get(
    typed
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, ' '),
  );
  if (m !== undefined && s.methods.includes(m)) return m;
  const accepted = s.methods.map((x) => `"${x}"`).join(' or ');
  throw new ArgumentError(
    'invalid-value',
    m === undefined
      ? `method: "${typed}" is not a method of a state credit; ${s.name} (${s.code}) takes ${accepted}.`
      : `method: ${s.name} (${s.code}) has no "${m}" method; use ${accepted}${s.methods.length === 1 ? ' (or leave method out)' : ''}.`,
    { arg: 'method' },
  );
}

// ---------------------------------------------------------------- reading the law

/** The rules a computation read, for its citations and its interpretation flag. */
class LawUsed {
  private readonly cites: string[] = [];
  interpretation = false;
  constructor(
    readonly state: StateCreditState,
    readonly taxYear: number,
  ) {}
  /**
   * `rule` for `year` (the tax year, or Texas's report year); a year outside the rule's
   * versions, or a version that says "not in force", is an error naming tax_year.
   */
  read<V>(rule: Rule<V | null>, year: number, notInForce: () => string, code: ErrorCode = 'not-available'): V {
    const r: Resolved<V | null> | undefined = inForce(rule, year) ? resolve(rule, year) : undefined;
    if (r === undefined || r.value === null) {
      throw new ArgumentError(code, `tax_year ${this.taxYear}: ${notInForce()}`, { arg: 'tax_year' });
    }
    for (const c of r.citations) if (!this.cites.includes(c)) this.cites.push(c);
    if (r.status === 'interpretation') this.interpretation = true;
    return r.value;
  }
  /** Record a rule consulted for how the law reads (its citation, its status), whatever its value. */
  note(rule: Rule<unknown>, year: number): void {
    const r = resolve(rule, year);
    for (const c of r.citations) if (!this.cites.includes(c)) this.cites.push(c);
    if (r.status === 'interpretation') this.interpretation = true;
  }
  get citations(): readonly string[] {
    return this.cites;
  }
}

/** The first tax year a rule governs, for "encoded from …" messages. */
function firstYear(rule: Rule<unknown>): number {
  return rule.history.find((v) => v.value !== null)?.from ?? rule.history[0].from;
}

// ---------------------------------------------------------------- text of the arithmetic

const GROUP = /\B(?=(\d{3})+(?!\d))/g;
/** An amount as the arithmetic shows it: 1,234,567.80; an amount off the cent grid is shown ≈ to the cent. */
export function amountText(d: Dec): string {
  const cents = d.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
  const [whole = '0', frac = '00'] = cents.abs().toFixed(2).split('.');
  const text = `${cents.isNegative() && !cents.isZero() ? '−' : ''}${whole.replace(GROUP, ',')}.${frac}`;
  return cents.eq(d) ? text : `≈${text}`;
}
const pct = (r: string) => formatScalar(r, 'rate');

// ---------------------------------------------------------------- the computation

const ZERO = new Dec(0);
const max0 = (d: Dec) => (d.isNegative() ? ZERO : d);

function requireNonNegative(d: Dec, arg: string, what: string): void {
  if (!d.isFinite()) throw new ArgumentError('invalid-number', `${arg}: ${what} is not a finite number.`, { arg });
  if (d.isNegative() && !d.isZero()) {
    throw new ArgumentError(
      'invalid-number',
      `${arg}: ${what} is negative (${d.toString()}); amounts must be 0 or more.`,
      {
        arg,
      },
    );
  }
}

/** The inputs every method reads, checked once. */
function checkInputs(i: StateCreditInput, priorYears: number): void {
  if (!Number.isInteger(i.taxYear)) {
    throw new ArgumentError('invalid-number', `tax_year: ${i.taxYear} is not a whole year.`, { arg: 'tax_year' });
  }
  requireNonNegative(i.qre, 'qre', 'the QREs');
  i.priorQres.forEach((q, k) => requireNonNegative(q, 'prior_qres', `prior year ${k + 1}’s QREs`));
  if (i.priorQres.length > priorYears) {
    throw new ArgumentError(
      'invalid-value',
      `prior_qres: ${i.priorQres.length} amounts given; give the state QREs of the ${priorYears} preceding tax years only.`,
      { arg: 'prior_qres' },
    );
  }
  if (i.fixedBasePct !== undefined) {
    if (i.fixedBasePct.gt(1)) {
      throw new ArgumentError(
        'invalid-number',
        `fixed_base_pct: ${i.fixedBasePct.toString()} is more than 1 — a percentage typed as a whole number? Enter it as a fraction: 3% is 0.03.`,
        { arg: 'fixed_base_pct' },
      );
    }
    requireNonNegative(i.fixedBasePct, 'fixed_base_pct', 'the fixed-base percentage');
  }
  if (i.avgGrossReceipts !== undefined)
    requireNonNegative(i.avgGrossReceipts, 'avg_gross_receipts', 'the average gross receipts');
  if (i.basicResearch !== undefined)
    requireNonNegative(i.basicResearch, 'basic_research', 'the basic research payments');
}

/**
 * A state's research credit for one tax year, before any limitation by tax. Throws an
 * ArgumentError naming the argument for bad input, a method the state lacks, a tax year
 * outside the state's law, or (MA's ASC with a preceding year without QREs) a rate the law
 * has not settled (code `not-available`).
 */
export function stateCredit(input: StateCreditInput): StateCreditResult {
  const s = stateCreditState(input.state);
  checkInputs(input, STATE_CREDIT_PRIOR_YEARS);
  const method =
    input.method === undefined || input.method.trim() === ''
      ? defaultStateMethod(
          s.code,
          input.taxYear,
          input.fixedBasePct !== undefined || input.avgGrossReceipts !== undefined,
        )
      : readMethod(s, input.method);
  const law = new LawUsed(s, input.taxYear);
  const steps: StateCreditStep[] = [];
  let credit: Dec;
  switch (s.code) {
    case 'CA':
      credit = method === 'asc' ? californiaAsc(input, law, steps) : regularWithBasicResearch(input, law, steps, CA);
      break;
    case 'MA':
      credit = method === 'asc' ? massachusettsAsc(input, law, steps) : regularWithBasicResearch(input, law, steps, MA);
      break;
    case 'TX':
      credit = texas(input, method === 'higher_education', law, steps);
      break;
    case 'IL':
      credit = illinois(input, law, steps);
      break;
    case 'AZ':
      credit = arizona(input, law, steps);
      break;
  }
  return {
    state: s.code,
    taxYear: input.taxYear,
    method,
    credit: max0(credit) as Usd,
    steps,
    citations: law.citations,
    interpretation: law.interpretation,
  };
}

// ---------------------------------------------------------------- ASC-style: CA, MA, TX

interface AscRules {
  readonly rate: string;
  readonly noPriorRate: string | null;
  readonly baseShare: string;
  readonly years: number;
}

/**
 * rate × max(0, QRE − share × average of the preceding years), the no-prior rate × QRE when
 * fewer than `years` are given or one is zero; computed as rate × (QRE × years − share × Σ) ÷
 * years so that the only division comes last and a half cent is seen exactly.
 */
function ascLike(i: StateCreditInput, r: AscRules, steps: StateCreditStep[], noPriorUnsettled?: () => never): Dec {
  const given = i.priorQres.length;
  if (given < r.years || i.priorQres.some((q) => q.isZero())) {
    if (r.noPriorRate === null) return noPriorUnsettled!();
    const why =
      given < r.years
        ? `${given} of the ${r.years} preceding years given: a missing year counts as one without QREs`
        : 'a preceding year had no QREs';
    const credit = i.qre.times(r.noPriorRate);
    steps.push({
      label: `Credit at the no-prior-QRE rate (${why})`,
      amount: credit,
      arithmetic: `${pct(r.noPriorRate)} × ${amountText(i.qre)}`,
    });
    return credit;
  }
  const sum = i.priorQres.reduce((a, b) => a.plus(b), ZERO);
  const avg = sum.div(r.years);
  steps.push({
    label: `Average QREs of the ${r.years} preceding years`,
    amount: avg,
    arithmetic: `(${i.priorQres.map(amountText).join(' + ')}) ÷ ${r.years}`,
  });
  const base = sum.times(r.baseShare).div(r.years);
  steps.push({
    label: `${pct(r.baseShare)} of the average`,
    amount: base,
    arithmetic: `${pct(r.baseShare)} × ${amountText(avg)}`,
  });
  const excess = max0(i.qre.times(r.years).minus(sum.times(r.baseShare))).div(r.years);
  steps.push({
    label: 'QREs over that amount',
    amount: excess,
    arithmetic: `max(0, ${amountText(i.qre)} − ${amountText(base)})`,
  });
  const credit = max0(i.qre.times(r.years).minus(sum.times(r.baseShare)))
    .times(r.rate)
    .div(r.years);
  steps.push({ label: 'Credit', amount: credit, arithmetic: `${pct(r.rate)} × ${amountText(excess)}` });
  return credit;
}

function californiaAsc(i: StateCreditInput, law: LawUsed, steps: StateCreditStep[]): Dec {
  const y = i.taxYear;
  const notYet = () =>
    `California's alternative simplified credit did not exist for tax years beginning before ${firstYear(CA_ASC_RATE)} (SB 711, Stats. 2025); use method "regular" (the alternative incremental credit of earlier years was repealed and is not modelled).`;
  return ascLike(
    i,
    {
      rate: law.read(CA_ASC_RATE, y, notYet),
      noPriorRate: law.read(CA_ASC_NO_PRIOR_QRE_RATE, y, notYet),
      baseShare: law.read(CA_ASC_BASE_SHARE, y, notYet),
      years: law.read(CA_ASC_PRIOR_YEARS, y, notYet),
    },
    steps,
  );
}

function massachusettsAsc(i: StateCreditInput, law: LawUsed, steps: StateCreditStep[]): Dec {
  const y = i.taxYear;
  const notYet = () =>
    `Massachusetts's alternative simplified credit did not exist for tax years beginning before ${firstYear(MA_ASC_RATE)} (M.G.L. c. 63 §38M); use method "regular".`;
  const rate = law.read(MA_ASC_RATE, y, notYet);
  const baseShare = law.read(MA_ASC_BASE_SHARE, y, notYet);
  const years = law.read(MA_ASC_PRIOR_YEARS, y, notYet);
  const noPrior = inForce(MA_ASC_NO_PRIOR_QRE_RATE, y) ? resolve(MA_ASC_NO_PRIOR_QRE_RATE, y).value : null;
  return ascLike(i, { rate, noPriorRate: noPrior, baseShare, years }, steps, () => {
    const given = i.priorQres.length;
    throw new ArgumentError(
      'not-available',
      `prior_qres: ${
        given < years ? `only ${given} of the ${years} preceding years given` : 'a preceding year had no QREs'
      }; the Massachusetts ASC rate for a year without QREs in one of the ${years} preceding years is not settled in the law (M.G.L. c. 63 §38M), so no credit is guessed. ${
        given < years ? `Give the QREs of all ${years} preceding years, or use` : 'Use'
      } method "regular".`,
      { arg: 'prior_qres' },
    );
  });
}

function texas(i: StateCreditInput, higherEducation: boolean, law: LawUsed, steps: StateCreditStep[]): Dec {
  const report = texasReportYear(i.taxYear);
  const first = firstYear(TX_RATE);
  const outside = () =>
    `the Texas franchise-tax research credit applies to reports due from ${first} (Tax Code ch. 171 subch. M), i.e. tax years from ${first - 1}; tax year ${i.taxYear} reports in ${report}.`;
  const rate = law.read(higherEducation ? TX_HIGHER_EDUCATION_RATE : TX_RATE, report, outside);
  const noPriorRate = law.read(
    higherEducation ? TX_HIGHER_EDUCATION_NO_PRIOR_QRE_RATE : TX_NO_PRIOR_QRE_RATE,
    report,
    outside,
  );
  const baseShare = law.read(TX_BASE_SHARE, report, outside);
  const years = law.read(TX_PRIOR_PERIODS, report, outside);
  steps.push({
    label: `Report year (tax year ${i.taxYear}, assumed to end in ${i.taxYear}; the report is due the next year)`,
    amount: new Dec(report),
    arithmetic: `${i.taxYear} + 1`,
  });
  return ascLike(i, { rate, noPriorRate, baseShare, years }, steps);
}

// ---------------------------------------------------------------- IL

function illinois(i: StateCreditInput, law: LawUsed, steps: StateCreditStep[]): Dec {
  const y = i.taxYear;
  const rate = law.read(IL_RATE, y, () =>
    y === 2003
      ? 'Illinois had no research credit for tax years ending on or after December 31, 2003 and before December 31, 2004 (35 ILCS 5/201(k)).'
      : y >= 2032
        ? 'the Illinois research credit applies to tax years ending before January 1, 2032 (35 ILCS 5/201(k), P.A. 103-0595).'
        : `the Illinois research credit is encoded for tax years beginning from ${firstYear(IL_RATE)} (35 ILCS 5/201(k)).`,
  );
  const years = law.read(IL_BASE_PERIOD_YEARS, y, () => 'no Illinois base period is encoded for that year.');
  // Fewer than 3 base-period years given: a missing year is a year without qualifying
  // expenditures and counts as zero in the 3-year average (il.credit.base-period-missing-year).
  const given = i.priorQres.length;
  if (given < years) law.note(IL_MISSING_BASE_YEAR, y);
  const terms = [...i.priorQres.map(amountText), ...Array.from({ length: years - given }, () => '0.00')];
  const sum = i.priorQres.reduce((a, b) => a.plus(b), ZERO);
  const avg = sum.div(years);
  steps.push({
    label:
      given < years
        ? `Base-period average (${years - given} of the ${years} years not given count as zero)`
        : `Base-period average (the ${years} preceding years)`,
    amount: avg,
    arithmetic: `(${terms.join(' + ')}) ÷ ${years}`,
  });
  const excess = max0(i.qre.times(years).minus(sum)).div(years);
  steps.push({
    label: 'Qualifying expenditures for increasing research activities',
    amount: excess,
    arithmetic: `max(0, ${amountText(i.qre)} − ${amountText(avg)})`,
  });
  const credit = max0(i.qre.times(years).minus(sum)).times(rate).div(years);
  steps.push({ label: 'Credit', amount: credit, arithmetic: `${pct(rate)} × ${amountText(excess)}` });
  return credit;
}

// ---------------------------------------------------------------- regular: CA, MA, AZ

interface RegularRules {
  readonly name: string;
  readonly code: StateCode;
  readonly rate: Rule<string>;
  readonly minimumBaseShare: Rule<string>;
  readonly basicResearchRate: Rule<string>;
}
const CA: RegularRules = {
  name: 'California',
  code: 'CA',
  rate: CA_REGULAR_RATE,
  minimumBaseShare: CA_MINIMUM_BASE_SHARE,
  basicResearchRate: CA_BASIC_RESEARCH_RATE,
};
const MA: RegularRules = {
  name: 'Massachusetts',
  code: 'MA',
  rate: MA_REGULAR_RATE,
  minimumBaseShare: MA_MINIMUM_BASE_SHARE,
  basicResearchRate: MA_BASIC_RESEARCH_RATE,
};

/** max(0, QRE − max(fixed-base % × average gross receipts, share × QRE)), with its steps. */
function excessOverBase(i: StateCreditInput, minimumShare: string, stateName: string, steps: StateCreditStep[]): Dec {
  const missing = (arg: string, what: string) =>
    new ArgumentError('invalid-value', `${arg} is required for ${stateName}'s regular credit: ${what}.`, { arg });
  if (i.fixedBasePct === undefined) {
    throw missing('fixed_base_pct', `the state fixed-base percentage as a fraction (3% is 0.03)`);
  }
  if (i.avgGrossReceipts === undefined) {
    throw missing('avg_gross_receipts', `the state's average annual gross receipts of the 4 preceding tax years`);
  }
  const fixedBase = i.avgGrossReceipts.times(i.fixedBasePct);
  const minimum = i.qre.times(minimumShare);
  const base = Dec.max(fixedBase, minimum);
  steps.push({
    label: 'Base amount',
    amount: base,
    arithmetic: `max(${i.fixedBasePct.toString()} × ${amountText(i.avgGrossReceipts)}, ${pct(minimumShare)} × ${amountText(i.qre)})`,
  });
  const excess = max0(i.qre.minus(base));
  steps.push({
    label: 'QREs over the base amount',
    amount: excess,
    arithmetic: `max(0, ${amountText(i.qre)} − ${amountText(base)})`,
  });
  return excess;
}

function regularWithBasicResearch(i: StateCreditInput, law: LawUsed, steps: StateCreditStep[], r: RegularRules): Dec {
  const y = i.taxYear;
  const outside = () =>
    `${r.name}'s regular research credit is encoded for tax years beginning from ${firstYear(r.rate)} (${r.rate.history[0].citations[0]}).`;
  const rate = law.read(r.rate, y, outside);
  const share = law.read(r.minimumBaseShare, y, outside);
  const brRate = law.read(r.basicResearchRate, y, outside);
  const excess = excessOverBase(i, share, r.name, steps);
  const onExcess = excess.times(rate);
  steps.push({
    label: 'Credit on QREs over the base',
    amount: onExcess,
    arithmetic: `${pct(rate)} × ${amountText(excess)}`,
  });
  const br = i.basicResearch ?? ZERO;
  const onBasic = br.times(brRate);
  steps.push({
    label: 'Credit on basic research payments',
    amount: onBasic,
    arithmetic: `${pct(brRate)} × ${amountText(br)}`,
  });
  const credit = onExcess.plus(onBasic);
  steps.push({ label: 'Credit', amount: credit, arithmetic: `${amountText(onExcess)} + ${amountText(onBasic)}` });
  return credit;
}

/**
 * Arizona: (QREs over the §41(c) base with Arizona gross receipts) + basic research payments,
 * then 24% of the first $2,500,000 and 15% above (20% / 11% for tax years beginning after 2030).
 */
function arizona(i: StateCreditInput, law: LawUsed, steps: StateCreditStep[]): Dec {
  const y = i.taxYear;
  const outside = () =>
    `Arizona's research credit is encoded for tax years beginning from ${firstYear(AZ_FIRST_TIER_RATE)} (A.R.S. §43-1168); earlier years had other rates.`;
  const first = law.read(AZ_FIRST_TIER_RATE, y, outside);
  const second = law.read(AZ_SECOND_TIER_RATE, y, outside);
  const threshold = new Dec(law.read(AZ_TIER_THRESHOLD, y, outside));
  const share = law.read(AZ_MINIMUM_BASE_SHARE, y, outside);
  const excess = excessOverBase(i, share, 'Arizona', steps);
  const br = i.basicResearch ?? ZERO;
  const sum = excess.plus(br);
  steps.push({
    label: 'Excess plus basic research payments',
    amount: sum,
    arithmetic: `${amountText(excess)} + ${amountText(br)}`,
  });
  const lower = Dec.min(sum, threshold);
  const upper = max0(sum.minus(threshold));
  const onLower = lower.times(first);
  const onUpper = upper.times(second);
  steps.push({
    label: `First tier (up to ${formatScalar(threshold.toString(), 'USD')})`,
    amount: onLower,
    arithmetic: `${pct(first)} × ${amountText(lower)}`,
  });
  steps.push({
    label: `Second tier (above ${formatScalar(threshold.toString(), 'USD')})`,
    amount: onUpper,
    arithmetic: `${pct(second)} × ${amountText(upper)}`,
  });
  const credit = onLower.plus(onUpper);
  steps.push({ label: 'Credit', amount: credit, arithmetic: `${amountText(onLower)} + ${amountText(onUpper)}` });
  return credit;
}
