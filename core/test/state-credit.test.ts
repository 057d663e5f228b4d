/**
 * State research credits (issue 12; LAW.md "State credits"): RD_STATE_CREDIT and stateCredit().
 * Each row: name, inputs, the expected credit written out, the arithmetic, the citation. Every
 * year boundary of each state has its rows (CA 2024/2025, TX tax years 2024/2025 = reports
 * 2025/2026, AZ 2030/2031, MA 2014/2015, 2017/2018, 2020/2021, IL 2002/2003/2004 and 2031/2032,
 * and the first year each state's law is encoded), the no-prior-year paths, the AZ tier
 * boundary, and every bad input of issue 12 §1.
 */
import { callFunction } from '../src/catalogue';
import type { CellArg } from '../src/cells';
import {
  parseStateCode,
  STATE_CREDIT_PRIOR_YEARS,
  STATE_CREDIT_STATES,
  stateCredit,
  type StateCode,
  type StateCreditInput,
} from '../src/calc/state-credit';
import {
  CA_ASC_PRIOR_YEARS,
  IL_BASE_PERIOD_YEARS,
  MA_ASC_PRIOR_YEARS,
  STATE_LAW,
  TX_PRIOR_PERIODS,
} from '../src/law/states';
import { resolve } from '../src/law/types';
import { Dec } from '../src/money';
import { col, failure, value } from './helpers';

const FN = 'RD_STATE_CREDIT';
/** The worked ASC inputs of LAW.md: prior years 600,000 / 750,000 / 900,000 (average 750,000, half 375,000). */
const PRIOR = col(600000, 750000, 900000);
type Args = readonly (CellArg | undefined)[];

// [name, args (state, qre, prior_qres, tax_year, method, fixed_base_pct, avg_gross_receipts, basic_research), expected, arithmetic, citation]
type Row = readonly [string, Args, number, string, string];

describe('California — R&TC §23609', () => {
  test.each<Row>([
    [
      'ASC, worked example (tax year 2025, the default)',
      ['CA', 1000000, PRIOR],
      18750,
      '3% × (1,000,000 − 50% × 750,000) = 3% × 625,000',
      'R&TC §23609 (SB 711)',
    ],
    [
      'ASC, first year 2025 given explicitly',
      ['CA', 1000000, PRIOR, 2025, 'asc'],
      18750,
      '3% × 625,000',
      'SB 711: tax years beginning on/after 1/1/2025',
    ],
    [
      'ASC, prior years in any order',
      ['CA', 1000000, col(900000, 600000, 750000), 2025],
      18750,
      'order irrelevant',
      'R&TC §23609',
    ],
    [
      'ASC, QRE exactly 50% of the average → 0',
      ['CA', 300000, col(600000, 600000, 600000)],
      0,
      '3% × (300,000 − 300,000)',
      'R&TC §23609',
    ],
    [
      'ASC, one dollar over 50% of the average → 0.03',
      ['CA', 300001, col(600000, 600000, 600000)],
      0.03,
      '3% × 1',
      'R&TC §23609',
    ],
    [
      'ASC, below 50% of the average → 0, never negative',
      ['CA', 100000, col(600000, 600000, 600000)],
      0,
      'max(0, 100,000 − 300,000)',
      'R&TC §23609',
    ],
    [
      'ASC, a zero prior year → 1.3% of QRE',
      ['CA', 1000000, col(0, 750000, 900000)],
      13000,
      '1.3% × 1,000,000',
      'R&TC §23609 (SB 711)',
    ],
    [
      'ASC, a blank prior year → 1.3% of QRE',
      ['CA', 1000000, col('', 750000, 900000)],
      13000,
      'a blank cell is 0',
      'R&TC §23609',
    ],
    [
      'ASC, only 2 prior years given → 1.3% (fewer than 3 counts as none)',
      ['CA', 1000000, col(750000, 900000)],
      13000,
      '1.3% × 1,000,000',
      'issue 12 §1',
    ],
    [
      'ASC, exact: 3% × (1 − 5/6) = 0.005 → 0.01 (half up, the thirds not cut short)',
      ['CA', 1, col(1, 2, 2)],
      0.01,
      '3% × (3 × 1 − 50% × 5) ÷ 3 = 0.005',
      'round once',
    ],
    [
      'regular, LAW.md example in 2024 (the default before 2025)',
      ['CA', 2000000, col(0), 2024, undefined, 0.03, 10000000],
      150000,
      'base max(300,000, 1,000,000); 15% × 1,000,000',
      'R&TC §23609(a)(1)(A)',
    ],
    [
      'regular, with basic research 100,000',
      ['CA', 2000000, col(0), 2024, 'regular', 0.03, 10000000, 100000],
      174000,
      '150,000 + 24% × 100,000',
      'R&TC §23609(a)(1)(B)',
    ],
    [
      'regular in 2025 when fixed_base_pct is given without method',
      ['CA', 2000000, PRIOR, 2025, undefined, 0.03, 10000000],
      150000,
      'fixed_base_pct given → regular',
      'help: the default',
    ],
    [
      'regular, the fixed base governs',
      ['CA', 2000000, col(0), 2025, 'regular', 0.12, 10000000],
      120000,
      'base max(1,200,000, 1,000,000); 15% × 800,000',
      'R&TC §23609; IRC §41(c)',
    ],
    [
      'regular, QRE under the base: 0 on QREs, basic research still counts',
      ['CA', 1000000, col(0), 2025, 'regular', 0.16, 10000000, 50000],
      12000,
      'max(0, 1,000,000 − 1,600,000) = 0; 24% × 50,000',
      'R&TC §23609(a)(1)(B)',
    ],
    [
      'regular, first year encoded: 2000',
      ['CA', 2000000, col(0), 2000, 'regular', 0.03, 10000000],
      150000,
      '15% from 2000',
      'R&TC §23609(a)(1)(A)',
    ],
  ])('%s', (_name, args, expected) => {
    expect(value(FN, ...args)).toBe(expected);
  });
});

describe('Texas — franchise tax, Tax Code ch. 171 subch. M (reports due before 2026) and subch. T (from 2026)', () => {
  test.each<Row>([
    [
      'tax year 2025 → report 2026, subch. T',
      ['TX', 1000000, PRIOR, 2025],
      54512.5,
      '8.722% × 625,000',
      'Tax Code §171.9204(a)',
    ],
    [
      'tax year 2024 → report 2025, subch. M',
      ['TX', 1000000, PRIOR, 2024],
      31250,
      '5% × 625,000',
      'Tax Code §171.659(a)',
    ],
    [
      'tax year 2013 → report 2014, the first report of subch. M',
      ['TX', 1000000, PRIOR, 2013],
      31250,
      '5% × 625,000',
      'HB 800: reports due from 1/1/2014',
    ],
    [
      'no prior QREs, tax year 2025 → 4.361%',
      ['TX', 1000000, col(0, 750000, 900000), 2025],
      43610,
      '4.361% × 1,000,000',
      'Tax Code §171.9204(c)',
    ],
    [
      'no prior QREs, tax year 2024 → 2.5%',
      ['TX', 1000000, col(750000, 900000), 2024],
      25000,
      '2.5% × 1,000,000',
      'Tax Code §171.659(c)',
    ],
    [
      'higher education, tax year 2025 → 10.903%',
      ['TX', 1000000, PRIOR, 2025, 'higher_education'],
      68143.75,
      '10.903% × 625,000',
      'Tax Code §171.9204(b)',
    ],
    [
      'higher education, tax year 2024 → 6.25%',
      ['TX', 1000000, PRIOR, 2024, 'higher education'],
      39062.5,
      '6.25% × 625,000',
      'Tax Code §171.659(b)',
    ],
    [
      'higher education, no prior QREs, 2025 → 5.451%',
      ['TX', 1000000, col(0, 1, 1), 2025, 'higher-education'],
      54510,
      '5.451% × 1,000,000',
      'Tax Code §171.9204(d)',
    ],
    [
      'higher education, no prior QREs, 2024 → 3.125%',
      ['TX', 1000000, col(1), 2024, 'HIGHER_EDUCATION'],
      31250,
      '3.125% × 1,000,000',
      'Tax Code §171.659(d)',
    ],
    ['QRE exactly half the average → 0', ['TX', 375000, PRIOR, 2025], 0, '8.722% × 0', 'Tax Code §171.9204(a)'],
  ])('%s', (_name, args, expected) => {
    expect(value(FN, ...args)).toBe(expected);
  });
});

describe('Illinois — 35 ILCS 5/201(k): 6.5% × (QRE − average of the 3 prior years)', () => {
  test.each<Row>([
    ['worked example', ['IL', 1000000, PRIOR], 16250, '6.5% × (1,000,000 − 750,000)', '35 ILCS 5/201(k)'],
    [
      'two prior years given: the third counts as zero',
      ['IL', 1000000, col(600000, 750000)],
      35750,
      '6.5% × (1,000,000 − 1,350,000 ÷ 3)',
      'il.credit.base-period-missing-year',
    ],
    [
      'one blank prior year: no base at all',
      ['IL', 1000000, col('')],
      65000,
      '6.5% × (1,000,000 − 0)',
      'il.credit.base-period-missing-year',
    ],
    [
      'a zero prior year is averaged, not a special rate',
      ['IL', 1000000, col(0, 750000, 900000)],
      29250,
      '6.5% × (1,000,000 − 550,000) = 6.5% × 450,000',
      '35 ILCS 5/201(k)',
    ],
    ['QRE equal to the average → 0', ['IL', 750000, PRIOR], 0, '6.5% × 0', '35 ILCS 5/201(k)'],
    [
      'QRE below the average → 0, never negative',
      ['IL', 100000, PRIOR],
      0,
      'max(0, 100,000 − 750,000)',
      '35 ILCS 5/201(k)',
    ],
    [
      'thirds: 6.5% × (1,000,000 − 1) = 64,999.935 → 64,999.94',
      ['IL', 1000000, col(1, 1, 1)],
      64999.94,
      'half up, once',
      '35 ILCS 5/201(k)',
    ],
    [
      '2002: the last year of the first period',
      ['IL', 1000000, PRIOR, 2002],
      16250,
      'tax years ending before 12/31/2003',
      '86 Ill. Adm. Code 100.2160(a)',
    ],
    [
      '2004: the credit again',
      ['IL', 1000000, PRIOR, 2004],
      16250,
      'tax years ending on/after 12/31/2004',
      '86 Ill. Adm. Code 100.2160(a)',
    ],
    [
      '2031: the last year (ends before 1/1/2032)',
      ['IL', 1000000, PRIOR, 2031],
      16250,
      'P.A. 103-0595',
      '35 ILCS 5/201(k)',
    ],
    ['method "incremental" is its only one', ['IL', 1000000, PRIOR, 2025, 'incremental'], 16250, 'the same', 'help'],
  ])('%s', (_name, args, expected) => {
    expect(value(FN, ...args)).toBe(expected);
  });
});

describe('Arizona — A.R.S. §43-1168: (excess over the §41(c) base + basic research) in two tiers', () => {
  test.each<Row>([
    [
      '2030: excess exactly $2,500,000 → 24% of it',
      ['AZ', 5000000, col(0), 2030, undefined, 0.03, 10000000],
      600000,
      'base max(300,000, 2,500,000); 24% × 2,500,000',
      'A.R.S. §43-1168(A)(1)(b)(i)',
    ],
    [
      '2030: one dollar over the tier → 15% of it',
      ['AZ', 5000002, col(0), 2030, undefined, 0.03, 10000000],
      600000.15,
      'excess 2,500,001: 600,000 + 15% × 1',
      'A.R.S. §43-1168(A)(1)(c)(i)',
    ],
    [
      '2031: one dollar over the tier → 20% / 11%',
      ['AZ', 5000002, col(0), 2031, undefined, 0.03, 10000000],
      500000.11,
      '20% × 2,500,000 + 11% × 1',
      'A.R.S. §43-1168(A)(1)(c)(ii)',
    ],
    [
      '2030: excess 5,000,000',
      ['AZ', 10000000, col(0), 2030, 'regular', 0.03, 10000000],
      975000,
      '600,000 + 15% × 2,500,000',
      'A.R.S. §43-1168(A)(1)(c)(i)',
    ],
    [
      '2031: excess 5,000,000',
      ['AZ', 10000000, col(0), 2031, 'regular', 0.03, 10000000],
      775000,
      '500,000 + 11% × 2,500,000',
      'A.R.S. §43-1168(A)(1)(c)(ii)',
    ],
    [
      'basic research is added before the tiers',
      ['AZ', 4000000, col(0), 2025, 'regular', 0.03, 10000000, 1000000],
      675000,
      '(2,000,000 + 1,000,000): 600,000 + 15% × 500,000',
      'A.R.S. §43-1168(A)(1)(a)(ii)',
    ],
    [
      'QRE under the base → 0',
      ['AZ', 1000000, col(0), 2025, 'regular', 0.16, 10000000],
      0,
      'max(0, 1,000,000 − 1,600,000)',
      'A.R.S. §43-1168(A)(1)(a)(i)',
    ],
    [
      '2011: the first year encoded',
      ['AZ', 5000000, col(0), 2011, 'regular', 0.03, 10000000],
      600000,
      '24% × 2,500,000',
      'A.R.S. §43-1168',
    ],
  ])('%s', (_name, args, expected) => {
    expect(value(FN, ...args)).toBe(expected);
  });
});

describe('Massachusetts — M.G.L. c. 63 §38M', () => {
  test.each<Row>([
    ['ASC 2025 (the default): 10%', ['MA', 1000000, PRIOR], 62500, '10% × 625,000', 'M.G.L. c. 63 §38M'],
    ['ASC 2021, the first year at 10%', ['MA', 1000000, PRIOR, 2021], 62500, '10% × 625,000', 'M.G.L. c. 63 §38M'],
    ['ASC 2020, the last year at 7.5%', ['MA', 1000000, PRIOR, 2020], 46875, '7.5% × 625,000', 'M.G.L. c. 63 §38M'],
    [
      'ASC 2018, the first year at 7.5%',
      ['MA', 1000000, PRIOR, 2018, 'asc'],
      46875,
      '7.5% × 625,000',
      'M.G.L. c. 63 §38M',
    ],
    ['ASC 2017, the last year at 5%', ['MA', 1000000, PRIOR, 2017, 'asc'], 31250, '5% × 625,000', 'M.G.L. c. 63 §38M'],
    [
      'ASC 2015, the first year of the ASC',
      ['MA', 1000000, PRIOR, 2015, 'asc'],
      31250,
      '5% × 625,000',
      'M.G.L. c. 63 §38M',
    ],
    [
      'regular 2025 with basic research',
      ['MA', 2000000, col(0), 2025, 'regular', 0.03, 10000000, 100000],
      115000,
      '10% × 1,000,000 + 15% × 100,000',
      '830 CMR 63.38M.1',
    ],
    [
      'regular 2014 (the default before the ASC)',
      ['MA', 2000000, col(0), 2014, undefined, 0.03, 10000000],
      100000,
      '10% × (2,000,000 − 1,000,000)',
      'M.G.L. c. 63 §38M',
    ],
    [
      'regular 1994, the first year the engine accepts',
      ['MA', 2000000, col(0), 1994, 'regular', 0.03, 10000000],
      100000,
      '10% × 1,000,000',
      'M.G.L. c. 63 §38M',
    ],
  ])('%s', (_name, args, expected) => {
    expect(value(FN, ...args)).toBe(expected);
  });
});

describe('bad input: a clear error naming the argument (issue 12 §1)', () => {
  const supported = /CA \(California\), TX \(Texas\), IL \(Illinois\), AZ \(Arizona\), MA \(Massachusetts\)/;
  test.each([
    ['unknown state: the supported ones listed', ['XX', 1000000, PRIOR], 'invalid-value', 'state', supported],
    [
      'a state without a credit here, named',
      ['NY', 1000000, PRIOR],
      'invalid-value',
      'state',
      /^state: "NY" \(New York\) is not supported; use one of CA \(California\)/,
    ],
    ['US-NJ, named too', ['US-NJ', 1000000, PRIOR], 'invalid-value', 'state', /New Jersey/],
    ['a blank state', ['', 1000000, PRIOR], 'invalid-value', 'state', /two-letter code/],
    ['a number as state', [6, 1000000, PRIOR], 'invalid-value', 'state', /^state/],
    [
      'a rate typed as 5 instead of 0.05',
      ['CA', 2000000, PRIOR, 2024, 'regular', 5, 10000000],
      'invalid-number',
      'fixed_base_pct',
      /5 is more than 1 — a percentage typed as a whole number\? Enter it as a fraction \(3% is 0\.03\)/,
    ],
    [
      'a negative fixed-base %',
      ['CA', 2000000, PRIOR, 2024, 'regular', -0.03, 10000000],
      'invalid-number',
      'fixed_base_pct',
      /^fixed_base_pct/,
    ],
    ['negative QREs', ['CA', -1, PRIOR], 'invalid-number', 'qre', /^qre: -1 is negative/],
    [
      'negative prior QREs, with the cell',
      ['IL', 1000000, col(600000, -1, 900000)],
      'invalid-number',
      'prior_qres',
      /^prior_qres \(row 2, column 1\): -1 is negative/,
    ],
    [
      'negative gross receipts',
      ['AZ', 1000000, PRIOR, 2025, 'regular', 0.03, -5],
      'invalid-number',
      'avg_gross_receipts',
      /negative/,
    ],
    [
      'negative basic research',
      ['MA', 1000000, PRIOR, 2025, 'regular', 0.03, 5, -5],
      'invalid-number',
      'basic_research',
      /negative/,
    ],
    [
      'a method the state lacks: AZ asc',
      ['AZ', 1000000, PRIOR, 2025, 'asc', 0.03, 5],
      'invalid-value',
      'method',
      /Arizona \(AZ\) has no "asc" method; use "regular"/,
    ],
    [
      'a method the state lacks: IL regular',
      ['IL', 1000000, PRIOR, 2025, 'regular'],
      'invalid-value',
      'method',
      /Illinois \(IL\) has no "regular" method; use "incremental"/,
    ],
    [
      'a method the state lacks: CA higher_education',
      ['CA', 1000000, PRIOR, 2025, 'higher_education'],
      'invalid-value',
      'method',
      /California \(CA\) has no "higher_education" method; use "asc" or "regular"/,
    ],
    [
      'a word that is no method',
      ['TX', 1000000, PRIOR, 2025, 'fast'],
      'invalid-value',
      'method',
      /"fast" is not a method of a state credit; Texas \(TX\) takes "asc" or "higher_education"/,
    ],
    [
      'too many prior_qres',
      ['CA', 1000000, col(1, 2, 3, 4)],
      'invalid-value',
      'prior_qres',
      /^prior_qres: 4 amounts given; give the state QREs of the 3 preceding tax years only\.$/,
    ],
    [
      'a year outside the engine',
      ['CA', 1000000, PRIOR, 1990],
      'invalid-number',
      'tax_year',
      /^tax_year: 1990 is outside 1994–2100/,
    ],
    [
      'CA ASC before 2025: it did not exist then',
      ['CA', 1000000, PRIOR, 2024, 'asc'],
      'not-available',
      'tax_year',
      /^tax_year 2024: California's ASC did not exist for tax years beginning before 2025 \(SB 711\); use method "regular" \(the repealed alternative incremental credit is not modelled\)\.$/,
    ],
    [
      'CA regular before 2000: not encoded',
      ['CA', 2000000, PRIOR, 1999, 'regular', 0.03, 10000000],
      'not-available',
      'tax_year',
      /^tax_year 1999: the California credit is encoded for tax years beginning 2000 on \(R&TC §23609\(a\)\(1\)\(A\)\)\.$/,
    ],
    [
      'TX before the first report year',
      ['TX', 1000000, PRIOR, 2012],
      'not-available',
      'tax_year',
      /^tax_year 2012: the Texas credit applies to reports due from 2014 \(tax years from 2013\); tax year 2012 reports in 2013\.$/,
    ],
    [
      'IL 2003: no credit that year',
      ['IL', 1000000, PRIOR, 2003],
      'not-available',
      'tax_year',
      /^tax_year 2003: the Illinois credit is encoded for tax years beginning 1994–2002, 2004–2031 \(35 ILCS 5\/201\(k\)\)\.$/,
    ],
    [
      'IL 2032: expired',
      ['IL', 1000000, PRIOR, 2032],
      'not-available',
      'tax_year',
      /^tax_year 2032: the Illinois credit is encoded for tax years beginning 1994–2002, 2004–2031/,
    ],
    [
      'AZ before 2011: not encoded',
      ['AZ', 5000000, PRIOR, 2010, 'regular', 0.03, 10000000],
      'not-available',
      'tax_year',
      /^tax_year 2010: the Arizona credit is encoded for tax years beginning 2011 on \(A\.R\.S\. §43-1168/,
    ],
    [
      'MA ASC before 2015',
      ['MA', 1000000, PRIOR, 2014, 'asc'],
      'not-available',
      'tax_year',
      /did not exist for tax years beginning before 2015/,
    ],
    [
      'MA ASC, a zero prior year: the law’s rate is not settled (#N/A)',
      ['MA', 1000000, col(0, 750000, 900000)],
      'not-available',
      'prior_qres',
      /^prior_qres: a preceding year had no QREs; the Massachusetts ASC rate .* is not settled \(M\.G\.L\. c\. 63 §38M\), so none is guessed\. Use method "regular"\.$/,
    ],
    [
      'MA ASC, fewer than 3 prior years: not settled either',
      ['MA', 1000000, col(750000, 900000)],
      'not-available',
      'prior_qres',
      /only 2 of the 3 preceding years given; .* not settled/,
    ],
    [
      'regular without fixed_base_pct',
      ['CA', 2000000, PRIOR, 2024],
      'invalid-value',
      'fixed_base_pct',
      /^fixed_base_pct is required for California's regular credit/,
    ],
    [
      'regular without avg_gross_receipts',
      ['MA', 2000000, PRIOR, 2025, 'regular', 0.03],
      'invalid-value',
      'avg_gross_receipts',
      /^avg_gross_receipts is required for Massachusetts's regular credit/,
    ],
  ] as const)('%s', (_name, args, code, arg, message) => {
    const o = callFunction(FN, args as unknown as CellArg[]);
    expect(o.ok).toBe(false);
    if (o.ok) return;
    expect([o.code, o.at?.arg]).toEqual([code, arg]);
    expect(o.message).toMatch(message);
    expect(o.message.length).toBeLessThan(400);
  });

  test('RD_CITATION names the statute of each state', () => {
    expect(value('RD_CITATION', FN)).toBe(
      'R&TC §23609; R&TC §17052.12; SB 711 (Stats. 2025); Tex. Tax Code §171.9204 (subch. T); Tex. Tax Code §171.659 (subch. M); 35 ILCS 5/201(k); A.R.S. §43-1168; M.G.L. c. 63 §38M; 830 CMR 63.38M.1',
    );
  });

  test('a state by its full name or ISO code reads as the code', () => {
    expect([value(FN, 'us-ca', 1000000, PRIOR), value(FN, ' California ', 1000000, PRIOR)]).toEqual([18750, 18750]);
  });

  test('the error text names supported states once each, from the list of states', () => {
    const { message } = failure(FN, 'ZZ', 1, PRIOR);
    for (const s of STATE_CREDIT_STATES) expect(message.split(`${s.code} (${s.name})`).length).toBe(2);
  });
});

describe('stateCredit: the steps, citations and interpretation flag a reviewer reads', () => {
  const d = (x: number | string) => new Dec(x);
  const base: Omit<StateCreditInput, 'state'> = {
    taxYear: 2025,
    qre: d(1000000),
    priorQres: [d(600000), d(750000), d(900000)],
  };

  test('CA regular, LAW.md numbers: each step with its arithmetic', () => {
    const r = stateCredit({
      state: 'CA',
      taxYear: 2024,
      qre: d(2000000),
      priorQres: [],
      fixedBasePct: d('0.03'),
      avgGrossReceipts: d(10000000),
      basicResearch: d(100000),
    });
    expect(r.method).toBe('regular');
    expect(r.credit.toString()).toBe('174000');
    expect(r.steps.map((s) => [s.label, s.amount.toString(), s.arithmetic])).toEqual([
      ['Base amount', '1000000', 'max(0.03 × 10,000,000.00, 50% × 2,000,000.00)'],
      ['QREs over the base amount', '1000000', 'max(0, 2,000,000.00 − 1,000,000.00)'],
      ['Credit on QREs over the base', '150000', '15% × 1,000,000.00'],
      ['Credit on basic research payments', '24000', '24% × 100,000.00'],
      ['Credit', '174000', '150,000.00 + 24,000.00'],
    ]);
    expect(r.citations).toEqual(expect.arrayContaining(['R&TC §23609(a)(1)(A)', 'R&TC §23609(a)(1)(B)']));
    expect(r.interpretation).toBe(false);
  });

  test('TX 2025: the report year is a step, subch. T is cited, and no interpretation', () => {
    const r = stateCredit({ state: 'TX', ...base });
    expect(r.steps.map((s) => s.arithmetic)).toEqual([
      '2025 + 1',
      '(600,000.00 + 750,000.00 + 900,000.00) ÷ 3',
      '50% × 750,000.00',
      'max(0, 1,000,000.00 − 375,000.00)',
      '8.722% × 625,000.00',
    ]);
    expect(r.steps[0]!.amount.toString()).toBe('2026');
    expect(r.citations[0]).toBe('Tex. Tax Code §171.9204(a) (subch. T, SB 2206, 89th Leg.)');
    expect(r.interpretation).toBe(false);
  });

  test.each([
    ['TX tax year 2024 reads subch. M rates (LAW.md [verify])', 'TX', 2024, 3, true],
    ['TX tax year 2025 reads subch. T (the statute)', 'TX', 2025, 3, false],
    ['IL 2025 with 3 prior years', 'IL', 2025, 3, false],
    ['IL 2025 with 2 prior years: the missing-year reading', 'IL', 2025, 2, true],
    ['IL 2026: the P.A. 103-0595 extension', 'IL', 2026, 3, true],
    ['CA 2025 ASC', 'CA', 2025, 3, false],
    ['AZ 2025', 'AZ', 2025, 3, false],
  ] as const)('%s → interpretation %s', (_name, state, taxYear, priors, expected) => {
    const r = stateCredit({
      ...base,
      state,
      taxYear,
      priorQres: base.priorQres.slice(0, priors),
      ...(state === 'AZ' ? { fixedBasePct: d('0.03'), avgGrossReceipts: d(10000000) } : {}),
    });
    expect(r.interpretation).toBe(expected);
  });

  test('a repeating average is shown to the cent with ≈; the credit stays exact', () => {
    const r = stateCredit({ ...base, state: 'IL', priorQres: [d(1), d(1), d(2)] });
    expect(r.steps[0]!.arithmetic).toBe('(1.00 + 1.00 + 2.00) ÷ 3');
    expect(r.steps[1]!.arithmetic).toBe('max(0, 1,000,000.00 − ≈1.33)');
    // 6.5% × (3,000,000 − 4) ÷ 3 = 194,999.74 ÷ 3 = 64,999.91333…
    expect(r.credit.times(3).toString()).toBe('194999.74');
  });

  test.each([
    ['CA 2025, nothing but the ASC inputs → asc', 'CA', 2025, {}, 'asc'],
    [
      'CA 2024 → regular (no ASC before 2025)',
      'CA',
      2024,
      { fixedBasePct: new Dec('0.03'), avgGrossReceipts: new Dec(1) },
      'regular',
    ],
    [
      'CA 2025 with a fixed-base % → regular',
      'CA',
      2025,
      { fixedBasePct: new Dec('0.03'), avgGrossReceipts: new Dec(1) },
      'regular',
    ],
    ['MA 2025 → asc', 'MA', 2025, {}, 'asc'],
    ['MA 2014 → regular', 'MA', 2014, { fixedBasePct: new Dec('0.03'), avgGrossReceipts: new Dec(1) }, 'regular'],
    ['TX → asc', 'TX', 2025, {}, 'asc'],
    ['IL → incremental', 'IL', 2025, {}, 'incremental'],
    ['AZ → regular', 'AZ', 2025, { fixedBasePct: new Dec('0.03'), avgGrossReceipts: new Dec(1) }, 'regular'],
  ] as const)('default method: %s', (_name, state, taxYear, extra, method) => {
    expect(stateCredit({ ...base, ...extra, state, taxYear }).method).toBe(method);
  });

  test('never negative: QRE 0 against large prior years and bases, every state and method', () => {
    for (const s of STATE_CREDIT_STATES) {
      for (const method of s.methods) {
        if (s.code === 'MA' && method === 'asc') continue; // all priors positive below, so it computes
        const r = stateCredit({
          state: s.code,
          taxYear: 2025,
          qre: d(0),
          priorQres: [d(9e9), d(9e9), d(9e9)],
          method,
          fixedBasePct: d('0.16'),
          avgGrossReceipts: d(9e9),
        });
        expect([s.code, method, r.credit.toString()]).toEqual([s.code, method, '0']);
      }
    }
  });
});

describe('the list of states is the law’s', () => {
  test('STATE_CREDIT_STATES and the states/ law folders name the same states, in the same order', () => {
    expect(STATE_CREDIT_STATES.map((s) => [`US-${s.code}`, s.name])).toEqual(
      STATE_LAW.map((f) => [f.jurisdiction, f.name]),
    );
  });

  test('every state reads the same number of preceding years, and the calculation checks that many', () => {
    expect([
      resolve(CA_ASC_PRIOR_YEARS, 2025).value,
      resolve(MA_ASC_PRIOR_YEARS, 2025).value,
      resolve(TX_PRIOR_PERIODS, 2025).value,
      resolve(TX_PRIOR_PERIODS, 2026).value,
      resolve(IL_BASE_PERIOD_YEARS, 2025).value,
    ]).toEqual([3, 3, 3, 3, 3]);
    expect(STATE_CREDIT_PRIOR_YEARS).toBe(3);
  });

  test.each([
    ['CA', 'CA'],
    ['ca', 'CA'],
    ['US-CA', 'CA'],
    [' us-tx ', 'TX'],
    ['Illinois', 'IL'],
    ['massachusetts', 'MA'],
    ['AZ', 'AZ'],
    ['NY', undefined],
    ['US', undefined],
    ['US-', undefined],
    ['CAL', undefined],
    ['', undefined],
  ] as const)('parseStateCode(%j) → %s', (text, expected) => {
    expect(parseStateCode(text)).toBe(expected as StateCode | undefined);
  });
});
