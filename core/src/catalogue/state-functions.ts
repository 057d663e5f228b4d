/** Catalogue: state research credits (issue 12; LAW.md "State credits"), from `calc/state-credit.ts`. */
import { ArgumentError, isOmitted, quoteText, readFraction, readText, scalarOf, type CellArg } from '../cells';
import {
  STATE_CREDIT_PRIOR_YEARS,
  STATE_CREDIT_STATES,
  STATE_CREDIT_STATES_TEXT,
  parseStateCode,
  stateCredit,
} from '../calc/state-credit';
import { formatScalar, formatValue, lawText } from '../law/format';
import { REGULAR_GROSS_RECEIPTS_YEARS } from '../law/rules';
import {
  AZ_FIRST_TIER_RATE,
  AZ_SECOND_TIER_RATE,
  AZ_TIER_THRESHOLD,
  CA_ASC_NO_PRIOR_QRE_RATE,
  CA_ASC_RATE,
  CA_BASIC_RESEARCH_RATE,
  CA_REGULAR_RATE,
  IL_BASE_PERIOD_YEARS,
  IL_RATE,
  MA_ASC_RATE,
  MA_BASIC_RESEARCH_RATE,
  MA_REGULAR_RATE,
  TX_HIGHER_EDUCATION_NO_PRIOR_QRE_RATE,
  TX_HIGHER_EDUCATION_RATE,
  TX_NO_PRIOR_QRE_RATE,
  TX_RATE,
} from '../law/states';
import { DEFAULT_TAX_YEAR, type Rule } from '../law/types';
import { Dec, toCents } from '../money';
import { US_STATES } from '../study/classify';
import { readAmounts, readSingleAmount, readTaxYear, required } from './read';
import type { FunctionSpec } from './types';

// The law as the help states it: the values for the default tax year, and each rate's history.
const Y = DEFAULT_TAX_YEAR;
const N = STATE_CREDIT_PRIOR_YEARS;
const firstValueYear = (rule: Rule<unknown>) => rule.history.find((v) => v.value !== null)?.from ?? 0;
/** A rate's versions in force, newest first: "<rate> from <year>, <rate> in <year>–<year>, …". */
function rateHistory(rule: Rule<string | null>): string {
  return [...rule.history]
    .reverse()
    .filter((v) => v.value !== null)
    .map((v) => {
      const value = formatValue(v.value, rule.unit);
      return v.through === undefined ? `${value} from ${v.from}` : `${value} in ${v.from}–${v.through}`;
    })
    .join(', ');
}
/** Texas: a rate for reports due from the last change, and before (report years). */
function texasRates(rule: Rule<string>): { now: string; before: string; reportYear: number } {
  const last = rule.history[rule.history.length - 1];
  const prev = rule.history[rule.history.length - 2];
  if (!last) throw new RangeError(`${rule.id} has no history`);
  return {
    now: formatScalar(last.value, 'rate'),
    before: prev ? formatScalar(prev.value, 'rate') : '',
    reportYear: last.from,
  };
}
const TX = texasRates(TX_RATE);
const TX_NO_PRIOR = texasRates(TX_NO_PRIOR_QRE_RATE);
const TX_HE = texasRates(TX_HIGHER_EDUCATION_RATE);
const TX_HE_NO_PRIOR = texasRates(TX_HIGHER_EDUCATION_NO_PRIOR_QRE_RATE);
const CA_ASC_FROM = firstValueYear(CA_ASC_RATE);
const MA_ASC_FROM = firstValueYear(MA_ASC_RATE);
const AZ_FIRST = AZ_FIRST_TIER_RATE.history;
const AZ_LAST = AZ_FIRST[AZ_FIRST.length - 1]!;
const AZ_SECOND = AZ_SECOND_TIER_RATE.history;
const AZ_TEXT = `${formatScalar(AZ_FIRST[0].value, 'rate')} of the first ${lawText(AZ_TIER_THRESHOLD, Y)} of excess and ${formatScalar(AZ_SECOND[0].value, 'rate')} above (${formatScalar(AZ_LAST.value, 'rate')} / ${formatScalar(AZ_SECOND[AZ_SECOND.length - 1]!.value, 'rate')} from ${AZ_LAST.from})`;

const METHOD_HELP = `Default: asc where the state has it for tax_year (CA from ${CA_ASC_FROM}, MA from ${MA_ASC_FROM}, TX), else regular, or regular if fixed_base_pct is given; IL: incremental. TX also: higher_education.`;

const SUMMARY = [
  `A state's research credit on its QREs, before any limitation by tax.`,
  `CA: asc ${lawText(CA_ASC_RATE, Y)} (${lawText(CA_ASC_NO_PRIOR_QRE_RATE, Y)} without prior QREs) from ${CA_ASC_FROM}; regular ${lawText(CA_REGULAR_RATE, Y)} + ${lawText(CA_BASIC_RESEARCH_RATE, Y)} of basic research.`,
  `TX (report year = tax_year + 1): ${TX.now} / ${TX_NO_PRIOR.now} from reports due ${TX.reportYear}, ${TX.before} / ${TX_NO_PRIOR.before} before; higher_education ${TX_HE.now} / ${TX_HE_NO_PRIOR.now} (${TX_HE.before} / ${TX_HE_NO_PRIOR.before}).`,
  `IL: ${lawText(IL_RATE, Y)} over the ${lawText(IL_BASE_PERIOD_YEARS, Y)}-year average.`,
  `AZ: ${AZ_TEXT}.`,
  `MA: asc ${rateHistory(MA_ASC_RATE)} (#N/A without prior QREs); regular ${lawText(MA_REGULAR_RATE, Y)} + ${lawText(MA_BASIC_RESEARCH_RATE, Y)} of basic research.`,
].join(' ');

/** The state argument: a supported code, or an error listing them (saying so when it is another state). */
function readState(a: CellArg): (typeof STATE_CREDIT_STATES)[number]['code'] {
  const text = readText(
    scalarOf(a, 'state'),
    { arg: 'state' },
    `a state's two-letter code (${STATE_CREDIT_STATES_TEXT})`,
  );
  const code = parseStateCode(text);
  if (code) return code;
  const upper = text.trim().toUpperCase();
  const other = US_STATES.get(upper.startsWith('US-') ? upper.slice(3) : upper);
  throw new ArgumentError(
    'invalid-value',
    `state: ${quoteText(text)}${other === undefined ? '' : ` (${other})`} is not supported; use one of ${STATE_CREDIT_STATES_TEXT}.`,
    { arg: 'state' },
  );
}

export const STATE_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: 'RD_STATE_CREDIT',
    summary: SUMMARY,
    params: [
      {
        name: 'state',
        kind: 'text',
        optional: false,
        help: `Two-letter code (CA or US-CA): ${STATE_CREDIT_STATES.map((st) => st.code).join(', ')}.`,
      },
      { name: 'qre', kind: 'amount', optional: false, help: 'The year’s QREs in the state.' },
      {
        name: 'prior_qres',
        kind: 'amounts',
        optional: false,
        help: `State QREs of the ${N} preceding years. asc: fewer than ${N} or a 0 is a year without QREs; IL: a missing year is 0.`,
      },
      {
        name: 'tax_year',
        kind: 'year',
        optional: true,
        default: String(DEFAULT_TAX_YEAR),
        help: 'Year the tax year begins (TX reports the next year).',
      },
      {
        name: 'method',
        kind: 'word',
        optional: true,
        words: ['asc', 'regular', 'higher_education', 'incremental'],
        help: METHOD_HELP,
      },
      {
        name: 'fixed_base_pct',
        kind: 'fraction',
        optional: true,
        help: 'Regular method: the state fixed-base % as a fraction (3% is 0.03).',
      },
      {
        name: 'avg_gross_receipts',
        kind: 'amount',
        optional: true,
        help: `Regular method: the state’s average gross receipts of the ${lawText(REGULAR_GROSS_RECEIPTS_YEARS, Y)} preceding years.`,
      },
      {
        name: 'basic_research',
        kind: 'amount',
        optional: true,
        default: '0',
        help: 'Regular method: basic research payments, IRC §41(e)(1)(A) (AZ’s university extra is not modelled).',
      },
    ],
    citations: [
      'R&TC §23609',
      'R&TC §17052.12',
      'SB 711 (Stats. 2025)',
      'Tex. Tax Code §171.9204 (subch. T)',
      'Tex. Tax Code §171.659 (subch. M)',
      '35 ILCS 5/201(k)',
      'A.R.S. §43-1168',
      'M.G.L. c. 63 §38M',
      '830 CMR 63.38M.1',
    ],
    returns: 'number',
    example: '=RD_STATE_CREDIT("CA", 1000000, B2:B4, 2025)',
    impl: (args) => {
      const state = readState(required(args, 'state'));
      const qre = readSingleAmount(args, 'qre');
      const prior = readAmounts(required(args, 'prior_qres'), 'prior_qres');
      const taxYear = readTaxYear(args, 'tax_year', true);
      const methodArg = args.get('method');
      const method = isOmitted(methodArg)
        ? undefined
        : readText(scalarOf(methodArg as CellArg, 'method'), { arg: 'method' }, 'a method (asc, regular…)');
      // A number above 1 goes to stateCredit, whose message says it looks like a percentage typed as 5.
      const fbpCell = isOmitted(args.get('fixed_base_pct'))
        ? undefined
        : scalarOf(required(args, 'fixed_base_pct'), 'fixed_base_pct');
      const fixedBasePct =
        fbpCell === undefined
          ? undefined
          : typeof fbpCell === 'number' && fbpCell > 1
            ? new Dec(fbpCell)
            : readFraction(fbpCell, { arg: 'fixed_base_pct' }, 'the fixed-base %');
      const avgGrossReceipts = isOmitted(args.get('avg_gross_receipts'))
        ? undefined
        : readSingleAmount(args, 'avg_gross_receipts');
      const basicResearch = isOmitted(args.get('basic_research'))
        ? undefined
        : readSingleAmount(args, 'basic_research');
      const r = stateCredit({
        state,
        taxYear,
        qre,
        priorQres: prior.values,
        ...(method === undefined ? {} : { method }),
        ...(fixedBasePct === undefined ? {} : { fixedBasePct }),
        ...(avgGrossReceipts === undefined ? {} : { avgGrossReceipts }),
        ...(basicResearch === undefined ? {} : { basicResearch }),
      });
      return toCents(r.credit);
    },
  },
];
