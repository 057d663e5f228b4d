/**
 * The law the engine encodes (shared/LAW.md), as typed, year-versioned, cited data.
 * Formulas read these through `resolve(rule, taxYear)` and never branch on a year themselves.
 *
 * Rates are decimal strings (exact), amounts are whole dollars as strings, schedules are
 * exact fractions. A version with `status: 'interpretation'` was taken from a practitioner
 * summary ([verify] in LAW.md) rather than the primary text.
 */
import type { Rule } from './types';

const law = <V>(rule: Rule<V>): Rule<V> => rule;

/**
 * The version that says "this provision does not exist yet", so that every rule resolves for
 * every tax year the engine accepts and a formula can say *why* a value is unavailable.
 */
const notYetEnacted = (through: number, citation: string) =>
  ({
    from: 1994,
    through,
    value: null,
    status: 'enacted',
    citations: [citation],
    note: `Not in force for tax years beginning before ${through + 1}.`,
  }) as const;

// ---------------------------------------------------------------- QREs, §41(b)

export const WAGE_SUBSTANTIALLY_ALL_THRESHOLD = law<string>({
  id: 'qre.wages.substantially-all-threshold',
  title: 'Share of services at or above which 100% of the wages are qualified services wages',
  basis: 'tax years beginning',
  history: [
    {
      from: 1994,
      value: '0.8',
      status: 'enacted',
      citations: ['IRC §41(b)(2)(B) (last sentence)', 'Treas. Reg. §1.41-2(d)(2)'],
      note: 'A cliff: 79.99% counts 79.99%, 80% counts 100%. Not the 80% process-of-experimentation rule of Reg. §1.41-4(a)(6).',
    },
  ],
});

export type ContractType = 'standard' | 'consortium' | 'energy';

export const CONTRACT_RESEARCH_RATE: Record<ContractType, Rule<string | null>> = {
  standard: law({
    id: 'qre.contract.standard-rate',
    title: 'Contract research expenses: share of amounts paid to non-employees',
    basis: 'tax years beginning',
    history: [{ from: 1994, value: '0.65', status: 'enacted', citations: ['IRC §41(b)(3)(A)'] }],
  }),
  consortium: law({
    id: 'qre.contract.consortium-rate',
    title: 'Contract research expenses paid to a qualified research consortium',
    basis: 'tax years beginning',
    history: [{ from: 1994, value: '0.75', status: 'enacted', citations: ['IRC §41(b)(3)(C)'] }],
  }),
  energy: law<string | null>({
    id: 'qre.contract.energy-rate',
    title: 'Energy research paid to an eligible small business, university or federal laboratory',
    basis: 'tax years beginning',
    history: [
      notYetEnacted(2004, 'P.L. 109-58 §1351(c) (amounts paid or incurred after August 8, 2005)'),
      {
        from: 2005,
        value: '1',
        status: 'interpretation',
        citations: ['IRC §41(b)(3)(D)', 'Energy Policy Act of 2005, P.L. 109-58 §1351'],
        note: 'Enacted for amounts paid or incurred after August 8, 2005; keyed here on tax years beginning in 2005. Non-energy university research stays at 65%.',
      },
    ],
  }),
};

// ---------------------------------------------------------------- Regular credit, §41(a)(1), (c)

export const REGULAR_CREDIT_RATE = law<string>({
  id: 'credit.regular.rate',
  title: 'Regular research credit rate on QREs over the base amount',
  basis: 'tax years beginning',
  history: [{ from: 1994, value: '0.2', status: 'enacted', citations: ['IRC §41(a)(1)'] }],
});

export const REGULAR_MINIMUM_BASE_SHARE = law<string>({
  id: 'credit.regular.minimum-base-share',
  title: 'The base amount is never less than this share of current-year QREs',
  basis: 'tax years beginning',
  history: [{ from: 1994, value: '0.5', status: 'enacted', citations: ['IRC §41(c)(2)'] }],
});

export const FIXED_BASE_PERCENTAGE_CAP = law<string>({
  id: 'credit.regular.fixed-base-cap',
  title: 'Maximum fixed-base percentage',
  basis: 'tax years beginning',
  history: [{ from: 1994, value: '0.16', status: 'enacted', citations: ['IRC §41(c)(3)(C)'] }],
});

export const FIXED_BASE_PERCENTAGE_DECIMALS = law<number>({
  id: 'credit.regular.fixed-base-rounding',
  title: 'Fixed-base percentage rounded to the nearest 1/100 of 1 percent (4 decimals of a fraction)',
  basis: 'tax years beginning',
  history: [{ from: 1994, value: 4, status: 'enacted', citations: ['IRC §41(c)(3)(D)'] }],
});

/**
 * Start-up fixed-base percentage (§41(c)(3)(B)(ii)), by the start-up year counted from the
 * first tax year beginning after 1993 with QREs: `multiplier` × (aggregate QREs ÷ aggregate
 * gross receipts) over the start-up years `fromYear`..`toYear`. `selectFive` = the taxpayer
 * selects any 5 of those years (the 11th and later years).
 */
export interface StartupStep {
  readonly year: number | 'later';
  readonly fixed?: string;
  readonly multiplier?: { readonly n: number; readonly d: number };
  readonly fromYear?: number;
  readonly toYear?: number;
  readonly selectFive?: boolean;
}

export const STARTUP_FIXED_BASE = law<readonly StartupStep[]>({
  id: 'credit.regular.startup-fixed-base',
  title: 'Start-up company fixed-base percentage phase-in',
  basis: 'tax years beginning',
  history: [
    {
      from: 1994,
      value: [
        { year: 1, fixed: '0.03' },
        { year: 2, fixed: '0.03' },
        { year: 3, fixed: '0.03' },
        { year: 4, fixed: '0.03' },
        { year: 5, fixed: '0.03' },
        { year: 6, multiplier: { n: 1, d: 6 }, fromYear: 4, toYear: 5 },
        { year: 7, multiplier: { n: 1, d: 3 }, fromYear: 5, toYear: 6 },
        { year: 8, multiplier: { n: 1, d: 2 }, fromYear: 5, toYear: 7 },
        { year: 9, multiplier: { n: 2, d: 3 }, fromYear: 5, toYear: 8 },
        { year: 10, multiplier: { n: 5, d: 6 }, fromYear: 5, toYear: 9 },
        { year: 'later', multiplier: { n: 1, d: 1 }, fromYear: 5, toYear: 10, selectFive: true },
      ],
      status: 'enacted',
      citations: ['IRC §41(c)(3)(B)(ii)(I)–(VI)', 'IRC §41(c)(3)(B)(i)'],
      note: 'For the 11th and later years the taxpayer selects any 5 of years 5–10; the engine takes the selection giving the lowest percentage.',
    },
  ],
});

// ---------------------------------------------------------------- ASC, §41(c)(4)

export const ASC_RATE = law<string | null>({
  id: 'credit.asc.rate',
  title: 'Alternative simplified credit rate on QREs over 50% of the 3-year average',
  basis: 'tax years beginning',
  history: [
    notYetEnacted(2006, 'P.L. 109-432 §104(c)(4) (taxable years ending after December 31, 2006)'),
    {
      from: 2007,
      through: 2008,
      value: '0.12',
      status: 'interpretation',
      citations: ['IRC §41(c)(5)(A) as added by P.L. 109-432 §104(c)'],
      note: 'The 14% rate applies to tax years ending after December 31, 2008; a fiscal year beginning in 2008 that ends in 2009 is at 14% — check the year end.',
    },
    {
      from: 2009,
      value: '0.14',
      status: 'enacted',
      citations: ['IRC §41(c)(4)(A)', 'P.L. 110-343 §301(b)'],
    },
  ],
});

export const ASC_BASE_SHARE = law<string>({
  id: 'credit.asc.base-share',
  title: 'Share of the 3 preceding years’ average QREs subtracted from current QREs',
  basis: 'tax years beginning',
  history: [{ from: 2007, value: '0.5', status: 'enacted', citations: ['IRC §41(c)(4)(A)'] }],
});

export const ASC_STARTUP_RATE = law<string>({
  id: 'credit.asc.no-prior-qre-rate',
  title: 'ASC rate when any of the 3 preceding years had no QREs',
  basis: 'tax years beginning',
  history: [{ from: 2007, value: '0.06', status: 'enacted', citations: ['IRC §41(c)(4)(B)'] }],
});

export const ASC_PRIOR_YEARS = law<number>({
  id: 'credit.asc.prior-years',
  title: 'Number of preceding tax years averaged by the ASC',
  basis: 'tax years beginning',
  history: [
    { from: 2007, value: 3, status: 'enacted', citations: ['IRC §41(c)(4)(A)', 'Form 6765 (Rev. Dec. 2024) line 22'] },
  ],
});

// ---------------------------------------------------------------- §280C(c) reduced credit

export const SEC280C_REDUCED_CREDIT_FACTOR = law<string>({
  id: 'credit.280c.reduced-credit-factor',
  title: 'Reduced credit = credit × (1 − maximum §11(b) corporate rate)',
  basis: 'tax years beginning',
  history: [
    {
      from: 1994,
      through: 2017,
      value: '0.65',
      status: 'enacted',
      citations: ['IRC §280C(c)(3)(B) (pre-2018)', 'IRC §11(b) (35% maximum rate)'],
    },
    {
      from: 2018,
      value: '0.79',
      status: 'enacted',
      citations: ['IRC §280C(c)(2)(B)', 'IRC §11(b) (21%, P.L. 115-97 §13001)'],
    },
  ],
});

// ---------------------------------------------------------------- Payroll tax election, §41(h)

export const PAYROLL_GROSS_RECEIPTS_LIMIT = law<string>({
  id: 'payroll.qsb.gross-receipts-limit',
  title: 'Qualified small business: gross receipts for the tax year must be less than',
  basis: 'tax years beginning',
  history: [
    {
      from: 2016,
      value: '5000000',
      status: 'enacted',
      citations: ['IRC §41(h)(3)(A)(i)(I)', 'P.L. 114-113 div. Q §121'],
    },
  ],
});

export const PAYROLL_RECEIPTS_WINDOW_YEARS = law<number>({
  id: 'payroll.qsb.receipts-window-years',
  title: 'No gross receipts for any tax year before the period of this many tax years ending with the tax year',
  basis: 'tax years beginning',
  history: [{ from: 2016, value: 5, status: 'enacted', citations: ['IRC §41(h)(3)(A)(i)(II)'] }],
});

export const PAYROLL_MAX_PRIOR_ELECTIONS = law<number>({
  id: 'payroll.election.max-prior-elections',
  title: 'No election for a year after elections for this many preceding tax years',
  basis: 'tax years beginning',
  history: [{ from: 2016, value: 5, status: 'enacted', citations: ['IRC §41(h)(4)(B)(ii)'] }],
});

export interface PayrollCap {
  /** Total amount that may be elected. */
  readonly total: string;
  /** The part that offsets the employer share of OASDI (social security). */
  readonly oasdi: string;
  /** The part that offsets the employer share of Medicare (hospital insurance). */
  readonly medicare: string;
}

export const PAYROLL_ELECTION_CAP = law<PayrollCap | null>({
  id: 'payroll.election.cap',
  title: 'Payroll tax credit election: maximum amount and its OASDI/Medicare split',
  basis: 'tax years beginning',
  history: [
    notYetEnacted(2015, 'P.L. 114-113 div. Q §121(d) (taxable years beginning after December 31, 2015)'),
    {
      from: 2016,
      through: 2022,
      value: { total: '250000', oasdi: '250000', medicare: '0' },
      status: 'enacted',
      citations: ['IRC §41(h)(4)(B)(i)', 'IRC §3111(f)'],
    },
    {
      from: 2023,
      value: { total: '500000', oasdi: '250000', medicare: '250000' },
      status: 'enacted',
      citations: ['IRC §41(h)(4)(B)(i)(II)', 'IRC §3111(f)(1)–(2)', 'P.L. 117-169 §13902'],
      note: 'The first $250,000 offsets employer OASDI; only the rest offsets employer Medicare.',
    },
  ],
});

// ---------------------------------------------------------------- §174 / §174A

/** How specified research or experimental expenditures of one vintage are recovered. */
export type Sec174Treatment =
  | { readonly kind: 'deduct' }
  | { readonly kind: 'midpoint'; readonly months: number }
  | { readonly kind: 'benefit-months'; readonly months: number };

export const SEC174_DOMESTIC = law<Sec174Treatment>({
  id: 'sec174.domestic',
  title: 'Domestic research or experimental expenditures: recovery by the tax year paid or incurred',
  basis: 'tax years beginning',
  history: [
    {
      from: 1994,
      through: 2021,
      value: { kind: 'deduct' },
      status: 'enacted',
      citations: ['IRC §174(a) (before P.L. 115-97)'],
      note: 'Current deduction, the default before TCJA (the §174(b) 60-month election is not modelled).',
    },
    {
      from: 2022,
      through: 2024,
      value: { kind: 'midpoint', months: 60 },
      status: 'enacted',
      citations: ['IRC §174(a)(2)(B) as amended by P.L. 115-97 §13206', 'IRC §174(c)(3) (software development)'],
      note: 'Ratably over 60 months from the midpoint of the tax year: 10%, 20%, 20%, 20%, 20%, 10%.',
    },
    {
      from: 2025,
      value: { kind: 'deduct' },
      status: 'enacted',
      citations: ['IRC §174A(a)', 'P.L. 119-21 §70302(a)'],
    },
  ],
});

export const SEC174_FOREIGN = law<Sec174Treatment>({
  id: 'sec174.foreign',
  title: 'Foreign research: recovery by the tax year paid or incurred',
  basis: 'tax years beginning',
  history: [
    {
      from: 1994,
      through: 2021,
      value: { kind: 'deduct' },
      status: 'enacted',
      citations: ['IRC §174(a) (before P.L. 115-97)'],
    },
    {
      from: 2022,
      value: { kind: 'midpoint', months: 180 },
      status: 'enacted',
      citations: ['IRC §174(a)(2)(B)', 'P.L. 115-97 §13206', 'P.L. 119-21 §70302 (foreign research stays under §174)'],
      note: 'Ratably over 15 years from the midpoint: 1/30, then 1/15 for 14 years, then 1/30.',
    },
  ],
});

const SEC174A_EFFECTIVE =
  'P.L. 119-21 §70302 (amounts paid or incurred in tax years beginning after December 31, 2024)';

export const SEC174A_ELECTIVE_AMORTIZATION = law<Sec174Treatment | null>({
  id: 'sec174a.elective-amortization',
  title: '§174A(c) election: domestic R&E amortized ratably from the month benefits are first realized',
  basis: 'tax years beginning',
  history: [
    notYetEnacted(2024, SEC174A_EFFECTIVE),
    {
      from: 2025,
      value: { kind: 'benefit-months', months: 60 },
      status: 'enacted',
      citations: ['IRC §174A(c)', 'P.L. 119-21 §70302(a)'],
      note: 'At least 60 months; the engine uses exactly 60, counted in calendar months (calendar-year taxpayers).',
    },
  ],
});

export interface TransitionWindow {
  /** First and last vintages (tax years incurred) the transition applies to. */
  readonly vintagesFrom: number;
  readonly vintagesThrough: number;
}

export const SEC174_TRANSITION_ACCELERATION = law<TransitionWindow | null>({
  id: 'sec174.transition.accelerate-remainder',
  title:
    'Unamortized 2022–2024 domestic R&E deducted in the first tax year beginning after 2024 (or half then, half the next year)',
  basis: 'tax years beginning',
  history: [
    notYetEnacted(2024, SEC174A_EFFECTIVE),
    {
      from: 2025,
      value: { vintagesFrom: 2022, vintagesThrough: 2024 },
      status: 'interpretation',
      citations: ['P.L. 119-21 §70302(f)(2)'],
    },
  ],
});

export const SEC174_TRANSITION_RETROACTIVE = law<(TransitionWindow & { readonly grossReceiptsLimit: string }) | null>({
  id: 'sec174.transition.small-business-retroactive',
  title: 'Eligible small business: §174A applied to domestic R&E of tax years beginning after 2021',
  basis: 'tax years beginning',
  history: [
    notYetEnacted(2024, SEC174A_EFFECTIVE),
    {
      from: 2025,
      value: { vintagesFrom: 2022, vintagesThrough: 2024, grossReceiptsLimit: '31000000' },
      status: 'interpretation',
      citations: ['P.L. 119-21 §70302(f)(1)', 'IRC §448(c)', 'Rev. Proc. 2025-28'],
      note: '§448(c) average gross receipts ≤ $31M for the first tax year beginning after 2024, not a tax shelter; amended returns were due by July 6, 2026.',
    },
  ],
});

/** Every rule, for the code-health tests and the README. */
export const ALL_RULES: readonly Rule<unknown>[] = [
  WAGE_SUBSTANTIALLY_ALL_THRESHOLD,
  CONTRACT_RESEARCH_RATE.standard,
  CONTRACT_RESEARCH_RATE.consortium,
  CONTRACT_RESEARCH_RATE.energy,
  REGULAR_CREDIT_RATE,
  REGULAR_MINIMUM_BASE_SHARE,
  FIXED_BASE_PERCENTAGE_CAP,
  FIXED_BASE_PERCENTAGE_DECIMALS,
  STARTUP_FIXED_BASE,
  ASC_RATE,
  ASC_BASE_SHARE,
  ASC_STARTUP_RATE,
  ASC_PRIOR_YEARS,
  SEC280C_REDUCED_CREDIT_FACTOR,
  PAYROLL_GROSS_RECEIPTS_LIMIT,
  PAYROLL_RECEIPTS_WINDOW_YEARS,
  PAYROLL_MAX_PRIOR_ELECTIONS,
  PAYROLL_ELECTION_CAP,
  SEC174_DOMESTIC,
  SEC174_FOREIGN,
  SEC174A_ELECTIVE_AMORTIZATION,
  SEC174_TRANSITION_ACCELERATION,
  SEC174_TRANSITION_RETROACTIVE,
];
