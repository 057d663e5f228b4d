/**
 * Texas franchise-tax credit for certain research and development activities. Its years are
 * **report years** (`rulesOf('US-TX', 'reports due')`): a franchise-tax report is due the year
 * after the accounting year on which it is based ends, and the law changed for reports due on
 * or after January 1, 2026. Tax Code ch. 171 subch. M (§171.651 ff., HB 800, 83rd Leg., for
 * reports due from January 1, 2014) gave 5% × (QRE − 50% × 3-period average), 2.5% without
 * QREs in a preceding period, 6.25% / 3.125% with a higher-education contract; SB 2206 (89th
 * Leg., 2025) repealed it and added subch. T (§171.9201 ff.): 8.722% / 4.361%, 10.903% / 5.451%.
 * The credit is limited to 50% of the franchise tax due (a limitation, not applied here).
 */
import { https, rulesOf } from '../../define';

const tx = rulesOf('US-TX', 'reports due');

/** Tax Code ch. 171 as in force (subchapter T). */
export const TAX_CODE_171 = https('statutes.capitol.texas.gov/Docs/TX/htm/TX.171.htm');
/** HB 800 (83rd Leg., R.S., ch. 1266), which enacted subchapter M. */
export const HB_800 = https('capitol.texas.gov/tlodocs/83R/billtext/html/HB00800F.htm');

/** First and last report years of subchapter M, and the first of subchapter T. */
const M_FROM = 2014;
const T_FROM = 2026;
const M_CITE = 'Tex. Tax Code §171.659 (subch. M, HB 800, 83rd Leg.)';
const T_CITE = 'Tex. Tax Code §171.9204 (subch. T, SB 2206, 89th Leg.)';

/** One subchapter-M value and its subchapter-T successor, keyed on report years. */
function mThenT<V>(subsectionM: string, m: V, subsectionT: string, t: V) {
  return [
    {
      from: M_FROM,
      through: T_FROM - 1,
      value: m,
      status: 'interpretation',
      citations: [M_CITE.replace('§171.659', `§171.659${subsectionM}`)],
      url: HB_800,
    },
    {
      from: T_FROM,
      value: t,
      status: 'enacted',
      citations: [T_CITE.replace('§171.9204', `§171.9204${subsectionT}`), 'SB 2206 (89th Leg., 2025)'],
      url: `${TAX_CODE_171}#171.9204`,
    },
  ] as const;
}

export const TX_RATE = tx<string>({
  id: 'tx.credit.rate',
  title: 'Credit rate on QREs over 50% of the 3 preceding periods’ average',
  unit: 'rate',
  history: mThenT('(a)', '0.05', '(a)', '0.08722'),
});

export const TX_NO_PRIOR_QRE_RATE = tx<string>({
  id: 'tx.credit.no-prior-qre-rate',
  title: 'Credit rate on QREs when a preceding period had none',
  unit: 'rate',
  history: mThenT('(c)', '0.025', '(c)', '0.04361'),
});

export const TX_HIGHER_EDUCATION_RATE = tx<string>({
  id: 'tx.credit.higher-education.rate',
  title: 'Credit rate with QREs under a contract with an institution of higher education',
  unit: 'rate',
  history: mThenT('(b)', '0.0625', '(b)', '0.10903'),
});

export const TX_HIGHER_EDUCATION_NO_PRIOR_QRE_RATE = tx<string>({
  id: 'tx.credit.higher-education.no-prior-qre-rate',
  title: 'Higher-education rate when a preceding period had no QREs',
  unit: 'rate',
  history: mThenT('(d)', '0.03125', '(d)', '0.05451'),
});

export const TX_BASE_SHARE = tx<string>({
  id: 'tx.credit.base-share',
  title: 'Share of the 3 preceding periods’ average QREs subtracted',
  unit: 'rate',
  history: mThenT('(a)', '0.5', '(a)', '0.5'),
});

export const TX_PRIOR_PERIODS = tx<number>({
  id: 'tx.credit.prior-periods',
  title: 'Preceding tax periods averaged',
  unit: 'count',
  history: mThenT('(a)(2)', 3, '(a)(2)', 3),
});
