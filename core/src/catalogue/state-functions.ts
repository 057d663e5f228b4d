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
  CA_ASC_BASE_SHARE,
  CA_ASC_NO_PRIOR_QRE_RATE,
  CA_ASC_PRIOR_YEARS,
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
import { toCents } from '../money';
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

/** The states with a method, "CA, MA, AZ" style, from the list of supported states. */
const statesWith = (m: string) =>
  STATE_CREDIT_STATES.filter((st) => st.methods.some((x) => x === m))
    .map((st) => st.code)
    .join(', ');
const REGULAR_STATES = statesWith('regular');
const ASC_STATES = statesWith('asc');

const METHOD_HELP = `Left out: asc where the state has it for tax_year (CA from ${CA_ASC_FROM}, MA from ${MA_ASC_FROM}, TX), else regular, and regular when fixed_base_pct is given; IL: incremental. TX also: higher_education (QREs under a contract with an institution of higher education).`;

const SUMMARY = [
  `A state's research credit before any limitation by tax, on the QREs of research done there.`,
  `CA: asc ${lawText(CA_ASC_RATE, Y)} × (QRE − ${lawText(CA_ASC_BASE_SHARE, Y)} × ${lawText(CA_ASC_PRIOR_YEARS, Y)}-year average) (${lawText(CA_ASC_NO_PRIOR_QRE_RATE, Y)} × QRE without prior QREs) from ${CA_ASC_FROM}; regular ${lawText(CA_REGULAR_RATE, Y)} × (QRE − base) + ${lawText(CA_BASIC_RESEARCH_RATE, Y)} of basic research.`,
  `TX (report year = tax_year + 1): ${TX.now} / ${TX_NO_PRIOR.now} from reports due ${TX.reportYear}, ${TX.before} / ${TX_NO_PRIOR.before} before; higher_education ${TX_HE.now} / ${TX_HE_NO_PRIOR.now} (${TX_HE.before} / ${TX_HE_NO_PRIOR.before}).`,
  `IL: ${lawText(IL_RATE, Y)} × (QRE − ${lawText(IL_BASE_PERIOD_YEARS, Y)}-year average).`,
  `AZ: ${AZ_TEXT}.`,
  `MA: asc ${rateHistory(MA_ASC_RATE)} (#N/A without prior QREs: not settled); regular ${lawText(MA_REGULAR_RATE, Y)} + ${lawText(MA_BASIC_RESEARCH_RATE, Y)} of basic research.`,
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
      { name: 'qre', kind: 'amount', optional: false, help: 'The year’s QREs of research done in the state.' },
      {
        name: 'prior_qres',
        kind: 'amounts',
        optional: false,
        help: `State QREs of the ${N} preceding years, any order. asc (${ASC_STATES}): fewer than ${N} or a 0 is a year without QREs; IL: a year not given counts as 0.`,
      },
      {
        name: 'tax_year',
        kind: 'year',
        optional: true,
        default: String(DEFAULT_TAX_YEAR),
        help: 'Calendar year in which the tax year begins (TX: its report is due the next year).',
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
        help: `Regular method (${REGULAR_STATES}): the state fixed-base % as a fraction (3% is 0.03).`,
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
        help: `Regular method: basic research payments as IRC §41(e)(1)(A) determines them (AZ’s extra university credit is not modelled).`,
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
      const fbpArg = args.get('fixed_base_pct');
      let fixedBasePct;
      if (!isOmitted(fbpArg)) {
        const cell = scalarOf(fbpArg as CellArg, 'fixed_base_pct');
        if (typeof cell === 'number' && cell > 1) {
          throw new ArgumentError(
            'invalid-number',
            `fixed_base_pct: ${cell} is more than 1 — a percentage typed as a whole number? Enter it as a fraction (3% is 0.03).`,
            { arg: 'fixed_base_pct' },
          );
        }
        fixedBasePct = readFraction(cell, { arg: 'fixed_base_pct' }, 'the fixed-base %');
      }
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
