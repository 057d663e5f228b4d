/** Catalogue: state research credits (issue 12; LAW.md "State credits"), from `calc/state-credit.ts`. */
import {
  ArgumentError,
  isOmitted,
  quoteText,
  readFraction,
  readText,
  scalarOf,
  shapeText,
  type CellArg,
} from '../cells';
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
const AZ_TEXT = `${formatScalar(AZ_FIRST[0].value, 'rate')} of the first ${lawText(AZ_TIER_THRESHOLD, Y)} of excess plus basic research and ${formatScalar(AZ_SECOND[0].value, 'rate')} above (${formatScalar(AZ_LAST.value, 'rate')} / ${formatScalar(AZ_SECOND[AZ_SECOND.length - 1]!.value, 'rate')} for tax years from ${AZ_LAST.from})`;

/** The states with a method, "CA, MA, AZ" style, from the list of supported states. */
const statesWith = (m: string) =>
  STATE_CREDIT_STATES.filter((st) => st.methods.some((x) => x === m))
    .map((st) => st.code)
    .join(', ');
const REGULAR_STATES = statesWith('regular');
const ASC_STATES = statesWith('asc');

const METHOD_HELP = [
  `CA: asc (tax years from ${CA_ASC_FROM}; the default) or regular (the default before ${CA_ASC_FROM} or when fixed_base_pct is given)`,
  `TX: asc (the default) or higher_education (QREs under a contract with a public or private institution of higher education)`,
  `IL: incremental (its only method)`,
  `AZ: regular (its only method)`,
  `MA: asc (tax years from ${MA_ASC_FROM}; the default) or regular (the default before ${MA_ASC_FROM} or when fixed_base_pct is given)`,
].join('; ');

const SUMMARY = [
  `A state's research credit on the QREs of research done in the state, before any limitation by tax (a state's cap on credits or share of tax is applied on the return, not here).`,
  `CA: asc ${lawText(CA_ASC_RATE, Y)} × (QRE − ${lawText(CA_ASC_BASE_SHARE, Y)} × ${lawText(CA_ASC_PRIOR_YEARS, Y)}-year average), ${lawText(CA_ASC_NO_PRIOR_QRE_RATE, Y)} × QRE if any of those years had none; regular ${lawText(CA_REGULAR_RATE, Y)} × (QRE − base) + ${lawText(CA_BASIC_RESEARCH_RATE, Y)} of basic research.`,
  `TX (franchise tax, by report year = tax_year + 1): ${TX.now} × (QRE − half the 3-period average), ${TX_NO_PRIOR.now} × QRE if a prior period had none, for reports due from ${TX.reportYear} (${TX.before} / ${TX_NO_PRIOR.before} before); higher_education ${TX_HE.now} / ${TX_HE_NO_PRIOR.now} (${TX_HE.before} / ${TX_HE_NO_PRIOR.before} before).`,
  `IL: ${lawText(IL_RATE, Y)} × (QRE − average of the ${lawText(IL_BASE_PERIOD_YEARS, Y)} prior years; a year not given counts as zero).`,
  `AZ: ${AZ_TEXT}, over the federal regular base with AZ gross receipts; the extra credit for basic research paid to Arizona universities is not modelled.`,
  `MA: asc rate × (QRE − half the 3-year average), the rate ${rateHistory(MA_ASC_RATE)}; #N/A when a prior year had no QREs (the law's rate is not settled); regular ${lawText(MA_REGULAR_RATE, Y)} × (QRE − base) + ${lawText(MA_BASIC_RESEARCH_RATE, Y)} of basic research.`,
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
    other !== undefined
      ? `state: ${quoteText(text)} (${other}) has no state credit in RD Credit Studio yet; the supported states are ${STATE_CREDIT_STATES_TEXT}.`
      : `state: ${quoteText(text)} is not a supported state; use a two-letter code (CA or US-CA): ${STATE_CREDIT_STATES_TEXT}.`,
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
        help: `The state's two-letter code (CA, ca or US-CA); supported: ${STATE_CREDIT_STATES_TEXT}.`,
      },
      { name: 'qre', kind: 'amount', optional: false, help: 'The tax year’s QREs of research done in the state.' },
      {
        name: 'prior_qres',
        kind: 'amounts',
        optional: false,
        help: `The state QREs of the ${N} preceding tax years (up to ${N} cells, any order; a blank cell counts as 0). For ${ASC_STATES} (asc) fewer than ${N} or a 0 means a year without QREs; IL counts a year not given as 0; the regular method does not read them.`,
      },
      {
        name: 'tax_year',
        kind: 'year',
        optional: true,
        default: String(DEFAULT_TAX_YEAR),
        help: 'Calendar year in which the tax year begins (for TX the accounting year, taken to end the same year: its report is due the next year).',
      },
      {
        name: 'method',
        kind: 'word',
        optional: true,
        default: 'the state’s default',
        words: ['asc', 'regular', 'higher_education', 'incremental'],
        help: `${METHOD_HELP}.`,
      },
      {
        name: 'fixed_base_pct',
        kind: 'fraction',
        optional: true,
        help: `Regular method (${REGULAR_STATES}): the state fixed-base percentage as a fraction (3% is 0.03).`,
      },
      {
        name: 'avg_gross_receipts',
        kind: 'amount',
        optional: true,
        help: `Regular method (${REGULAR_STATES}): the state’s average annual gross receipts of the ${lawText(REGULAR_GROSS_RECEIPTS_YEARS, Y)} preceding tax years.`,
      },
      {
        name: 'basic_research',
        kind: 'amount',
        optional: true,
        default: '0',
        help: `Regular method (${REGULAR_STATES}): basic research payments as IRC §41(e)(1)(A) determines them (over the qualified organization base period amount).`,
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
      if (prior.values.length > N) {
        throw new ArgumentError(
          'invalid-value',
          `prior_qres is ${shapeText(prior.cells)} (${prior.values.length} cells); give the state QREs of the ${N} preceding tax years only.`,
          { arg: 'prior_qres' },
        );
      }
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
