/**
 * State research credits on the QREs of research done in the state (issue 12; LAW.md "State
 * credits"): California, Texas, Illinois, Arizona and Massachusetts, each read from its rules in
 * `law/states/<st>/`. The credit is before any limitation by tax (California's $5M limit on
 * business credits, Texas's 50% of franchise tax due, Massachusetts's excise limit): those
 * limit what can be used, not the credit. Pure and exact; the caller rounds once.
 *
 * The regular method's base is the base amount of IRC §41(c), which CA, AZ and MA adopt: its
 * 50% floor is the federal rule `credit.regular.minimum-base-share` (§41(c)(2)).
 *
 * Bad input is an ArgumentError naming the argument as RD_STATE_CREDIT spells it (`state`,
 * `qre`, `prior_qres`, `tax_year`, `method`, `fixed_base_pct`, `avg_gross_receipts`,
 * `basic_research`), so the CLI, the panel and the cell all say the same thing.
 */
import { ArgumentError } from '../cells';
import { formatScalar } from '../law/format';
import { REGULAR_MINIMUM_BASE_SHARE } from '../law/rules';
import {
  AZ_FIRST_TIER_RATE,
  AZ_SECOND_TIER_RATE,
  AZ_TIER_THRESHOLD,
  CA_ASC_BASE_SHARE,
  CA_ASC_NO_PRIOR_QRE_RATE,
  CA_ASC_PRIOR_YEARS,
  CA_ASC_RATE,
  CA_BASIC_RESEARCH_RATE,
  CA_REGULAR_RATE,
  IL_BASE_PERIOD_YEARS,
  IL_MISSING_BASE_YEAR,
  IL_RATE,
  MA_ASC_BASE_SHARE,
  MA_ASC_NO_PRIOR_QRE_RATE,
  MA_ASC_PRIOR_YEARS,
  MA_ASC_RATE,
  MA_BASIC_RESEARCH_RATE,
  MA_REGULAR_RATE,
  TX_BASE_SHARE,
  TX_HIGHER_EDUCATION_NO_PRIOR_QRE_RATE,
  TX_HIGHER_EDUCATION_RATE,
  TX_NO_PRIOR_QRE_RATE,
  TX_PRIOR_PERIODS,
  TX_RATE,
} from '../law/states';
import { inForce, resolve, type Rule } from '../law/types';
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
   * The method taken when none is given, where it exists for the tax year: see
   * `defaultStateMethod` (CA before 2025 and MA before 2015 have only `regular`, and a
   * fixed-base % or gross receipts given means `regular`).
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

const fail = (code: 'invalid-value' | 'invalid-number' | 'not-available', arg: string, message: string): never => {
  throw new ArgumentError(code, message, { arg });
};

export function stateCreditState(code: StateCode): StateCreditState {
  return (
    STATE_CREDIT_STATES.find((x) => x.code === code) ??
    fail('invalid-value', 'state', `state: ${String(code)} is not supported; use one of ${STATE_CREDIT_STATES_TEXT}.`)
  );
}

/**
 * Texas keys its credit on the report year: a report is due the year after the accounting
 * year ends. Knowing only the year the accounting year begins, it is taken to end in the same
 * calendar year (issue 12), so tax year 2025 → report year 2026 → subchapter T.
 */
export function texasReportYear(taxYear: number): number {
  return taxYear + 1;
}

/** The first year a rule has a value, for "from …" messages. */
const firstYear = (rule: Rule<unknown>) => rule.history.find((v) => v.value !== null)?.from;

/** The years a rule has a value, as a reader writes them: "1994–2002, 2004–2031", "2000 on". */
function yearsInForce(rule: Rule<unknown>): string {
  const ranges: [number, number | undefined][] = [];
  let open = false;
  for (const v of rule.history) {
    const last = ranges[ranges.length - 1];
    if (v.value === null) open = false;
    else if (open && last) last[1] = v.through;
    else {
      ranges.push([v.from, v.through]);
      open = true;
    }
  }
  return ranges.map(([from, through]) => (through === undefined ? `${from} on` : `${from}–${through}`)).join(', ');
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
  const asc = state === 'CA' ? CA_ASC_RATE : state === 'MA' ? MA_ASC_RATE : undefined;
  if (asc && !(inForce(asc, taxYear) && resolve(asc, taxYear).value !== null)) return 'regular';
  return s.defaultMethod;
}

/** The method as typed ('ASC', 'higher-education', 'Higher Education') → the state's method, or an error naming `method`. */
function readMethod(s: StateCreditState, typed: string): StateMethod {
  const word = typed
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const m = (['asc', 'regular', 'higher_education', 'incremental'] as const).find((x) => x === word);
  if (m && s.methods.includes(m)) return m;
  const accepted = s.methods.map((x) => `"${x}"`).join(' or ');
  return fail(
    'invalid-value',
    'method',
    m
      ? `method: ${s.name} (${s.code}) has no "${m}" method; use ${accepted}.`
      : `method: "${typed}" is not a method of a state credit; ${s.name} (${s.code}) takes ${accepted}.`,
  );
}

// ---------------------------------------------------------------- text of the arithmetic

/** An amount as the arithmetic shows it: 1,234,567.80; an amount off the cent grid is shown ≈ to the cent. */
export function amountText(d: Dec): string {
  const cents = d.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
  const [whole = '0', frac = '00'] = cents.abs().toFixed(2).split('.');
  const text = `${cents.isNegative() && !cents.isZero() ? '−' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
  return cents.eq(d) ? text : `≈${text}`;
}
const pct = (r: string) => formatScalar(r, 'rate');

// ---------------------------------------------------------------- the computation

const ZERO = new Dec(0);
const max0 = (d: Dec) => (d.isNegative() ? ZERO : d);

/** What one computation collects: its steps, the citations of the rules it read, whether any is an interpretation. */
interface Work {
  readonly input: StateCreditInput;
  readonly steps: StateCreditStep[];
  readonly cites: string[];
  interpretation: boolean;
  /**
   * The rule's value for `year` (a tax year, or Texas's report year); none is an error naming
   * tax_year: `outside`, or the years the state's rule is encoded for.
   */
  read<V>(rule: Rule<V | null>, year: number, outside?: string): V;
  /** Record a rule the computation follows (its citations and status). */
  follow(rule: Rule<unknown>, year: number): void;
  step(label: string, amount: Dec, arithmetic: string): Dec;
}

function work(input: StateCreditInput): Work {
  const w: Work = {
    input,
    steps: [],
    cites: [],
    interpretation: false,
    follow(rule, year) {
      const r = resolve(rule, year);
      for (const c of r.citations) if (!w.cites.includes(c)) w.cites.push(c);
      if (r.status === 'interpretation') w.interpretation = true;
    },
    read<V>(rule: Rule<V | null>, year: number, outside?: string): V {
      const v = inForce(rule, year) ? resolve(rule, year).value : null;
      if (v === null) {
        const why = `the ${stateCreditState(input.state).name} credit is encoded for tax years beginning ${yearsInForce(rule)} (${rule.history[0].citations[0]}).`;
        return fail('not-available', 'tax_year', `tax_year ${input.taxYear}: ${outside ?? why}`);
      }
      w.follow(rule, year);
      return v;
    },
    step(label, amount, arithmetic) {
      w.steps.push({ label, amount, arithmetic });
      return amount;
    },
  };
  return w;
}

/** An amount that must be 0 or more. */
function checkAmount(d: Dec | undefined, arg: string): void {
  if (d !== undefined && (!d.isFinite() || (d.isNegative() && !d.isZero()))) {
    fail('invalid-number', arg, `${arg}: ${d.toString()} is negative or not a number; amounts must be 0 or more.`);
  }
}

/**
 * A state's research credit for one tax year, before any limitation by tax. Throws an
 * ArgumentError naming the argument for bad input, a method the state lacks, a tax year
 * outside the state's law, or (MA's ASC with a preceding year without QREs) a rate the law
 * has not settled (code `not-available`).
 */
export function stateCredit(input: StateCreditInput): StateCreditResult {
  const s = stateCreditState(input.state);
  const { taxYear, fixedBasePct: fbp } = input;
  if (!Number.isInteger(taxYear)) fail('invalid-number', 'tax_year', `tax_year: ${taxYear} is not a whole year.`);
  checkAmount(input.qre, 'qre');
  for (const q of input.priorQres) checkAmount(q, 'prior_qres');
  if (input.priorQres.length > STATE_CREDIT_PRIOR_YEARS) {
    fail(
      'invalid-value',
      'prior_qres',
      `prior_qres: ${input.priorQres.length} amounts given; give the state QREs of the ${STATE_CREDIT_PRIOR_YEARS} preceding tax years only.`,
    );
  }
  if (fbp?.gt(1)) {
    fail(
      'invalid-number',
      'fixed_base_pct',
      `fixed_base_pct: ${fbp.toString()} is more than 1 — a percentage typed as a whole number? Enter it as a fraction (3% is 0.03).`,
    );
  }
  checkAmount(fbp, 'fixed_base_pct');
  checkAmount(input.avgGrossReceipts, 'avg_gross_receipts');
  checkAmount(input.basicResearch, 'basic_research');
  const method = input.method?.trim()
    ? readMethod(s, input.method)
    : defaultStateMethod(s.code, taxYear, fbp !== undefined || input.avgGrossReceipts !== undefined);
  const w = work(input);
  const credit =
    s.code === 'TX'
      ? texas(w, method === 'higher_education')
      : s.code === 'IL'
        ? illinois(w)
        : s.code === 'AZ'
          ? arizona(w)
          : method === 'asc'
            ? s.code === 'CA'
              ? californiaAsc(w)
              : massachusettsAsc(w)
            : regularWithBasicResearch(w, s.code === 'CA' ? CA : MA);
  return {
    state: s.code,
    taxYear,
    method,
    credit: max0(credit) as Usd,
    steps: w.steps,
    citations: w.cites,
    interpretation: w.interpretation,
  };
}

// ---------------------------------------------------------------- ASC-style: CA, MA, TX

interface AscRules {
  readonly rate: string;
  /** null: the law has not settled it (MA) — `unsettled` answers. */
  readonly noPriorRate: string | null;
  readonly baseShare: string;
  readonly years: number;
}

/**
 * rate × max(0, QRE − share × average of the preceding years), the no-prior rate × QRE when
 * fewer than `years` are given or one is zero; computed as rate × (QRE × years − share × Σ) ÷
 * years so that the only division comes last and a half cent is seen exactly.
 */
function ascLike(w: Work, r: AscRules, unsettled?: (given: number) => never): Dec {
  const { qre, priorQres } = w.input;
  const given = priorQres.length;
  if (given < r.years || priorQres.some((q) => q.isZero())) {
    if (r.noPriorRate === null) return unsettled!(given);
    return w.step(
      `Credit (${given < r.years ? `${given} of ${r.years} preceding years given` : 'a preceding year without QREs'})`,
      qre.times(r.noPriorRate),
      `${pct(r.noPriorRate)} × ${amountText(qre)}`,
    );
  }
  const sum = priorQres.reduce((a, b) => a.plus(b), ZERO);
  const avg = w.step(
    `Average QREs of the ${r.years} preceding years`,
    sum.div(r.years),
    `(${priorQres.map(amountText).join(' + ')}) ÷ ${r.years}`,
  );
  const base = w.step(
    `${pct(r.baseShare)} of the average`,
    sum.times(r.baseShare).div(r.years),
    `${pct(r.baseShare)} × ${amountText(avg)}`,
  );
  const over = max0(qre.times(r.years).minus(sum.times(r.baseShare)));
  const excess = w.step('QREs over that amount', over.div(r.years), `max(0, ${amountText(qre)} − ${amountText(base)})`);
  return w.step('Credit', over.times(r.rate).div(r.years), `${pct(r.rate)} × ${amountText(excess)}`);
}

function californiaAsc(w: Work): Dec {
  const y = w.input.taxYear;
  const notYet = `California's ASC did not exist for tax years beginning before ${firstYear(CA_ASC_RATE)} (SB 711); use method "regular" (the repealed alternative incremental credit is not modelled).`;
  return ascLike(w, {
    rate: w.read(CA_ASC_RATE, y, notYet),
    noPriorRate: w.read(CA_ASC_NO_PRIOR_QRE_RATE, y, notYet),
    baseShare: w.read(CA_ASC_BASE_SHARE, y, notYet),
    years: w.read(CA_ASC_PRIOR_YEARS, y, notYet),
  });
}

function massachusettsAsc(w: Work): Dec {
  const y = w.input.taxYear;
  const notYet = `Massachusetts's ASC did not exist for tax years beginning before ${firstYear(MA_ASC_RATE)}; use method "regular".`;
  const years = w.read(MA_ASC_PRIOR_YEARS, y, notYet);
  const rules = {
    rate: w.read(MA_ASC_RATE, y, notYet),
    noPriorRate: null,
    baseShare: w.read(MA_ASC_BASE_SHARE, y, notYet),
    years,
  };
  return ascLike(w, rules, (given) => {
    w.follow(MA_ASC_NO_PRIOR_QRE_RATE, y);
    return fail(
      'not-available',
      'prior_qres',
      `prior_qres: ${given < years ? `only ${given} of the ${years} preceding years given` : 'a preceding year had no QREs'}; the Massachusetts ASC rate for that is not settled (M.G.L. c. 63 §38M), so none is guessed. Use method "regular".`,
    );
  });
}

function texas(w: Work, higherEducation: boolean): Dec {
  const { taxYear } = w.input;
  const report = texasReportYear(taxYear);
  const first = firstYear(TX_RATE)!;
  const outside = `the Texas credit applies to reports due from ${first} (tax years from ${first - 1}); tax year ${taxYear} reports in ${report}.`;
  const rules = {
    rate: w.read(higherEducation ? TX_HIGHER_EDUCATION_RATE : TX_RATE, report, outside),
    noPriorRate: w.read(
      higherEducation ? TX_HIGHER_EDUCATION_NO_PRIOR_QRE_RATE : TX_NO_PRIOR_QRE_RATE,
      report,
      outside,
    ),
    baseShare: w.read(TX_BASE_SHARE, report, outside),
    years: w.read(TX_PRIOR_PERIODS, report, outside),
  };
  w.step(`Report year (tax year ${taxYear}, taken to end in ${taxYear})`, new Dec(report), `${taxYear} + 1`);
  return ascLike(w, rules);
}

// ---------------------------------------------------------------- IL

function illinois(w: Work): Dec {
  const { taxYear: y, qre, priorQres } = w.input;
  const rate = w.read(IL_RATE, y);
  const years = w.read(IL_BASE_PERIOD_YEARS, y);
  // Fewer than 3 base-period years given: a missing year is a year without qualifying
  // expenditures and counts as zero in the 3-year average (il.credit.base-period-missing-year).
  const missing = years - priorQres.length;
  if (missing > 0) w.follow(IL_MISSING_BASE_YEAR, y);
  const sum = priorQres.reduce((a, b) => a.plus(b), ZERO);
  const avg = w.step(
    missing > 0
      ? `Base-period average (${missing} of the ${years} years not given count as zero)`
      : 'Base-period average',
    sum.div(years),
    `(${[...priorQres.map(amountText), ...Array<string>(Math.max(0, missing)).fill('0.00')].join(' + ')}) ÷ ${years}`,
  );
  const over = max0(qre.times(years).minus(sum));
  const excess = w.step('QREs over the average', over.div(years), `max(0, ${amountText(qre)} − ${amountText(avg)})`);
  return w.step('Credit', over.times(rate).div(years), `${pct(rate)} × ${amountText(excess)}`);
}

// ---------------------------------------------------------------- regular: CA, MA, AZ

interface RegularRules {
  readonly name: string;
  readonly rate: Rule<string>;
  readonly basicResearchRate: Rule<string>;
}
const CA: RegularRules = { name: 'California', rate: CA_REGULAR_RATE, basicResearchRate: CA_BASIC_RESEARCH_RATE };
const MA: RegularRules = { name: 'Massachusetts', rate: MA_REGULAR_RATE, basicResearchRate: MA_BASIC_RESEARCH_RATE };

/** max(0, QRE − max(fixed-base % × average gross receipts, 50% × QRE)) — the §41(c) base the state adopts — with its steps. */
function excessOverBase(w: Work, stateName: string): Dec {
  const { qre, fixedBasePct: fbp, avgGrossReceipts: agr, taxYear } = w.input;
  const missing = (arg: string, what: string) =>
    fail('invalid-value', arg, `${arg} is required for ${stateName}'s regular credit: ${what}.`);
  if (fbp === undefined) return missing('fixed_base_pct', 'the state fixed-base percentage as a fraction (3% is 0.03)');
  if (agr === undefined)
    return missing('avg_gross_receipts', "the state's average annual gross receipts of the 4 preceding tax years");
  const share = resolve(REGULAR_MINIMUM_BASE_SHARE, taxYear).value;
  w.follow(REGULAR_MINIMUM_BASE_SHARE, taxYear);
  const base = w.step(
    'Base amount',
    Dec.max(agr.times(fbp), qre.times(share)),
    `max(${fbp.toString()} × ${amountText(agr)}, ${pct(share)} × ${amountText(qre)})`,
  );
  return w.step('QREs over the base amount', max0(qre.minus(base)), `max(0, ${amountText(qre)} − ${amountText(base)})`);
}

function regularWithBasicResearch(w: Work, r: RegularRules): Dec {
  const y = w.input.taxYear;
  const rate = w.read(r.rate, y);
  const brRate = w.read(r.basicResearchRate, y);
  const excess = excessOverBase(w, r.name);
  const br = w.input.basicResearch ?? ZERO;
  const onExcess = w.step('Credit on QREs over the base', excess.times(rate), `${pct(rate)} × ${amountText(excess)}`);
  const onBasic = w.step('Credit on basic research payments', br.times(brRate), `${pct(brRate)} × ${amountText(br)}`);
  return w.step('Credit', onExcess.plus(onBasic), `${amountText(onExcess)} + ${amountText(onBasic)}`);
}

/**
 * Arizona: (QREs over the §41(c) base with Arizona gross receipts) + basic research payments,
 * then 24% of the first $2,500,000 and 15% above (20% / 11% for tax years beginning after 2030).
 */
function arizona(w: Work): Dec {
  const y = w.input.taxYear;
  const first = w.read(AZ_FIRST_TIER_RATE, y);
  const second = w.read(AZ_SECOND_TIER_RATE, y);
  const tier = w.read(AZ_TIER_THRESHOLD, y);
  const threshold = new Dec(tier);
  const excess = excessOverBase(w, 'Arizona');
  const br = w.input.basicResearch ?? ZERO;
  const sum = w.step(
    'Excess plus basic research payments',
    excess.plus(br),
    `${amountText(excess)} + ${amountText(br)}`,
  );
  const lower = Dec.min(sum, threshold);
  const upper = max0(sum.minus(threshold));
  const usd = formatScalar(tier, 'USD');
  const onLower = w.step(`First tier (up to ${usd})`, lower.times(first), `${pct(first)} × ${amountText(lower)}`);
  const onUpper = w.step(`Second tier (above ${usd})`, upper.times(second), `${pct(second)} × ${amountText(upper)}`);
  return w.step('Credit', onLower.plus(onUpper), `${amountText(onLower)} + ${amountText(onUpper)}`);
}
