/** Catalogue: the credit computations, IRC §41(a), (c), (h), §280C(c). */
import {
  ArgumentError,
  isBlank,
  isOmitted,
  readCount,
  readFraction,
  readYear,
  scalarOf,
  shapeText,
  type CellArg,
} from '../cells';
import {
  alternativeSimplifiedCredit,
  ascPriorYears,
  fixedBaseCap,
  regularCredit,
  startupFixedBasePercentage,
} from '../calc/credit';
import { payrollElection, type PayrollPortion } from '../calc/payroll';
import { formatScalar, latestChange, lawText } from '../law/format';
import {
  ASC_BASE_SHARE,
  ASC_PRIOR_YEARS,
  ASC_RATE,
  ASC_STARTUP_RATE,
  FIXED_BASE_PERCENTAGE_CAP,
  FIXED_BASE_PERCENTAGE_DECIMALS,
  PAYROLL_ELECTION_CAP,
  PAYROLL_GROSS_RECEIPTS_LIMIT,
  PAYROLL_MAX_PRIOR_ELECTIONS,
  PAYROLL_RECEIPTS_WINDOW_YEARS,
  REGULAR_CREDIT_RATE,
  REGULAR_GROSS_RECEIPTS_YEARS,
  REGULAR_MINIMUM_BASE_SHARE,
  SEC280C_REDUCED_CREDIT_FACTOR,
  STARTUP_FIXED_BASE,
} from '../law/rules';
import { DEFAULT_TAX_YEAR, resolve } from '../law/types';
import { rateToNumber, roundRate, toCents } from '../money';
import {
  readAmounts,
  readOptionalBoolean,
  readOptionalWord,
  readSingleAmount,
  readTaxYear,
  required,
  words,
} from './read';
import type { FunctionSpec } from './types';

// The law as the help states it: the values for the default tax year, and the latest changes.
const Y = DEFAULT_TAX_YEAR;
const ASC = {
  rate: lawText(ASC_RATE, Y),
  baseShare: lawText(ASC_BASE_SHARE, Y),
  years: lawText(ASC_PRIOR_YEARS, Y),
  noPriorRate: lawText(ASC_STARTUP_RATE, Y),
};
const FACTOR_280C = latestChange(SEC280C_REDUCED_CREDIT_FACTOR);
const REDUCED_280C_HELP = `TRUE for the §280C(c)(2) reduced credit (× ${FACTOR_280C.after} from ${FACTOR_280C.year}, × ${FACTOR_280C.before} before).`;
const FIXED_BASE_CAP = lawText(FIXED_BASE_PERCENTAGE_CAP, Y);
/** 4 decimals of a fraction = the nearest 1/100 of 1 percent. */
const FIXED_BASE_ROUNDING = `1/${10 ** (resolve(FIXED_BASE_PERCENTAGE_DECIMALS, Y).value - 2)} of 1%`;
const STARTUP_FIXED = resolve(STARTUP_FIXED_BASE, Y).value.filter((s) => s.fixed !== undefined);
const STARTUP_FIXED_TEXT = `${formatScalar(STARTUP_FIXED[0]?.fixed ?? '', 'rate')} for years ${STARTUP_FIXED[0]?.year}–${STARTUP_FIXED[STARTUP_FIXED.length - 1]?.year}`;
const CAP = latestChange(PAYROLL_ELECTION_CAP);
const usdText = (v: string | undefined) => formatScalar(v ?? '', 'USD');
const PAYROLL = {
  capBefore: usdText(CAP.before?.total),
  capAfter: usdText(CAP.after?.total),
  capYear: CAP.year,
  oasdi: usdText(CAP.after?.oasdi),
  receiptsLimit: lawText(PAYROLL_GROSS_RECEIPTS_LIMIT, Y),
  window: lawText(PAYROLL_RECEIPTS_WINDOW_YEARS, Y),
  maxElections: lawText(PAYROLL_MAX_PRIOR_ELECTIONS, Y),
};

const PORTION_WORDS = words<PayrollPortion>([
  ['total', 'total'],
  ['oasdi', 'oasdi'],
  ['medicare', 'medicare'],
]);

export const CREDIT_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: 'RD_ASC',
    summary: `Alternative simplified credit: ${ASC.rate} × (QRE − ${ASC.baseShare} × average QRE of the ${ASC.years} preceding years); ${ASC.noPriorRate} × QRE if any of them had no QREs.`,
    params: [
      { name: 'qre', kind: 'amount', optional: false, help: 'Current-year QREs.' },
      {
        name: 'prior_qres',
        kind: 'amounts',
        optional: false,
        help: `QREs of the ${ASC.years} preceding tax years (up to ${ASC.years} cells, any order); fewer than ${ASC.years} or a zero means the ${ASC.noPriorRate} rate.`,
      },
      {
        name: 'reduced_280c',
        kind: 'boolean',
        optional: true,
        default: 'FALSE',
        help: REDUCED_280C_HELP,
      },
      {
        name: 'tax_year',
        kind: 'year',
        optional: true,
        default: String(DEFAULT_TAX_YEAR),
        help: 'Calendar year in which the tax year begins.',
      },
    ],
    citations: ['IRC §41(c)(4)(A)', 'IRC §41(c)(4)(B)', 'IRC §280C(c)(2)', 'Form 6765 (Rev. Dec. 2024) Section B'],
    returns: 'number',
    example: '=RD_ASC(1000000, B2:B4, TRUE, 2025)',
    impl: (args) => {
      const qre = readSingleAmount(args, 'qre');
      const taxYear = readTaxYear(args, 'tax_year', true);
      const prior = readAmounts(required(args, 'prior_qres'), 'prior_qres');
      const years = ascPriorYears(taxYear);
      if (prior.values.length > years) {
        throw new ArgumentError(
          'invalid-value',
          `prior_qres is ${shapeText(prior.cells)} (${prior.values.length} cells); give the QREs of the ${years} preceding tax years only.`,
          { arg: 'prior_qres' },
        );
      }
      const reduced = readOptionalBoolean(args, 'reduced_280c', false);
      return toCents(alternativeSimplifiedCredit(qre, prior.values, reduced, taxYear).credit);
    },
  },
  {
    name: 'RD_REGULAR',
    summary: `Regular credit: ${lawText(REGULAR_CREDIT_RATE, Y)} × (QRE − base), base = max(fixed-base % × average gross receipts, ${lawText(REGULAR_MINIMUM_BASE_SHARE, Y)} × QRE).`,
    params: [
      { name: 'qre', kind: 'amount', optional: false, help: 'Current-year QREs.' },
      {
        name: 'fixed_base_pct',
        kind: 'fraction',
        optional: false,
        help: `Fixed-base percentage as a fraction (3% is 0.03), at most ${FIXED_BASE_CAP}; rounded to ${FIXED_BASE_ROUNDING}.`,
      },
      {
        name: 'avg_gross_receipts',
        kind: 'amount',
        optional: false,
        help: `Average annual gross receipts of the ${lawText(REGULAR_GROSS_RECEIPTS_YEARS, Y)} preceding tax years.`,
      },
      {
        name: 'reduced_280c',
        kind: 'boolean',
        optional: true,
        default: 'FALSE',
        help: REDUCED_280C_HELP,
      },
      {
        name: 'tax_year',
        kind: 'year',
        optional: true,
        default: String(DEFAULT_TAX_YEAR),
        help: 'Calendar year in which the tax year begins.',
      },
    ],
    citations: ['IRC §41(a)(1)', 'IRC §41(c)(1)–(2)', 'IRC §41(c)(3)(C)–(D)', 'IRC §280C(c)(2)'],
    returns: 'number',
    example: '=RD_REGULAR(2000000, 0.03, 10000000)',
    impl: (args) => {
      const qre = readSingleAmount(args, 'qre');
      const taxYear = readTaxYear(args, 'tax_year', true);
      const pctRaw = readFraction(
        scalarOf(required(args, 'fixed_base_pct'), 'fixed_base_pct'),
        { arg: 'fixed_base_pct' },
        'fixed_base_pct',
      );
      const { cap, decimals, citations } = fixedBaseCap(taxYear);
      const pct = roundRate(pctRaw, decimals);
      if (pct.gt(cap)) {
        throw new ArgumentError(
          'invalid-number',
          `fixed_base_pct: ${pctRaw.toString()} is above the ${cap.times(100).toString()}% cap (${citations[0]}); the fixed-base percentage is at most ${cap.toString()}.`,
          { arg: 'fixed_base_pct' },
        );
      }
      const agr = readSingleAmount(args, 'avg_gross_receipts');
      const reduced = readOptionalBoolean(args, 'reduced_280c', false);
      return toCents(regularCredit(qre, pct, agr, reduced, taxYear).credit);
    },
  },
  {
    name: 'RD_FIXED_BASE_PCT',
    summary: `Start-up fixed-base percentage for the year after the history given: ${STARTUP_FIXED_TEXT}, then the phase-in of §41(c)(3)(B), capped at ${FIXED_BASE_CAP}.`,
    params: [
      {
        name: 'qres',
        kind: 'amounts',
        optional: false,
        help: 'QREs by year, chronological from the first tax year beginning after 1993 with QREs; a year with no QREs is not a start-up year and is skipped.',
      },
      {
        name: 'gross_receipts',
        kind: 'amounts',
        optional: false,
        help: 'Gross receipts for the same years, same shape as qres.',
      },
    ],
    citations: ['IRC §41(c)(3)(B)', 'IRC §41(c)(3)(C)', 'IRC §41(c)(3)(D)'],
    returns: 'number',
    example: '=RD_FIXED_BASE_PCT(B2:B7, C2:C7)',
    impl: (args) => {
      const q = readAmounts(required(args, 'qres'), 'qres');
      const g = readAmounts(required(args, 'gross_receipts'), 'gross_receipts');
      if (
        q.values.length !== g.values.length ||
        (q.values.length > 1 && (q.cells.rows !== g.cells.rows || q.cells.cols !== g.cells.cols))
      ) {
        throw new ArgumentError(
          'invalid-value',
          `qres is ${shapeText(q.cells)} but gross_receipts is ${shapeText(g.cells)}; give one gross-receipts cell for each year of QREs.`,
          { arg: 'gross_receipts' },
        );
      }
      // A study prepared now applies the phase-in as it has stood since 1994.
      return rateToNumber(startupFixedBasePercentage(q.values, g.values, DEFAULT_TAX_YEAR).pct);
    },
  },
  {
    name: 'RD_PAYROLL_OFFSET',
    summary: `Payroll tax election of a qualified small business: min(credit, ${PAYROLL.capBefore} before ${PAYROLL.capYear} / ${PAYROLL.capAfter} from ${PAYROLL.capYear}), 0 if not qualified.`,
    params: [
      { name: 'credit', kind: 'amount', optional: false, help: 'The research credit determined for the year.' },
      {
        name: 'gross_receipts',
        kind: 'amount',
        optional: false,
        help: `Gross receipts for the tax year (must be under ${PAYROLL.receiptsLimit}).`,
      },
      {
        name: 'first_receipts_year',
        kind: 'year',
        optional: false,
        help: `First tax year with gross receipts (blank if none yet); must fall within the ${PAYROLL.window}-tax-year period ending with tax_year.`,
      },
      { name: 'tax_year', kind: 'year', optional: false, help: 'Calendar year in which the tax year begins.' },
      {
        name: 'prior_elections',
        kind: 'count',
        optional: true,
        default: '0',
        help: `Number of preceding tax years with a payroll election (at most ${PAYROLL.maxElections} allowed before).`,
      },
      {
        name: 'portion',
        kind: 'word',
        optional: true,
        default: 'total',
        words: ['total', 'oasdi', 'medicare'],
        help: `total, oasdi (the first ${PAYROLL.oasdi}) or medicare (the rest, from ${PAYROLL.capYear}).`,
      },
    ],
    citations: [
      'IRC §41(h)(3)',
      'IRC §41(h)(4)(B)',
      'IRC §3111(f)',
      'Form 6765 (Rev. Dec. 2024) Section D',
      'Form 8974',
    ],
    returns: 'number',
    example: '=RD_PAYROLL_OFFSET(620000, 3200000, 2022, 2025)',
    impl: (args) => {
      const credit = readSingleAmount(args, 'credit');
      const grossReceipts = readSingleAmount(args, 'gross_receipts');
      const taxYear = readTaxYear(args, 'tax_year', false);
      const firstArg = args.get('first_receipts_year');
      if (firstArg === undefined || firstArg === null) {
        throw new ArgumentError(
          'invalid-value',
          'first_receipts_year is required: the first tax year with gross receipts, or a blank cell if none yet.',
          { arg: 'first_receipts_year' },
        );
      }
      const firstCell = scalarOf(firstArg as CellArg, 'first_receipts_year');
      const firstReceiptsYear = isBlank(firstCell)
        ? undefined
        : readYear(
            firstCell,
            { arg: 'first_receipts_year' },
            'the first tax year with gross receipts (e.g. 2021)',
            1900,
          );
      if (firstReceiptsYear !== undefined && firstReceiptsYear > taxYear && grossReceipts.gt(0)) {
        throw new ArgumentError(
          'invalid-value',
          `first_receipts_year ${firstReceiptsYear} is after tax_year ${taxYear}, yet gross_receipts for ${taxYear} are ${grossReceipts.toString()}.`,
          { arg: 'first_receipts_year' },
        );
      }
      const prior = args.get('prior_elections');
      const priorElections = isOmitted(prior)
        ? 0
        : readCount(
            scalarOf(prior as CellArg, 'prior_elections'),
            { arg: 'prior_elections' },
            `a whole number of prior elections (0–${PAYROLL.maxElections})`,
          );
      const portion = readOptionalWord(args, 'portion', PORTION_WORDS, 'total', 'portion');
      return toCents(
        payrollElection({ credit, grossReceipts, firstReceiptsYear, taxYear, priorElections, portion }).amount,
      );
    },
  },
];
