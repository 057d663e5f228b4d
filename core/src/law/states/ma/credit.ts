/**
 * Massachusetts research credit, M.G.L. c. 63 §38M and 830 CMR 63.38M.1: the regular credit,
 * 10% of Massachusetts QREs over the base amount plus 15% of basic research payments (for
 * expenses from January 1, 1991, 830 CMR 63.38M.1(1)(c); the engine's years start in 1994), and
 * the alternative simplified credit, 10% of QREs over 50% of the 3-year average from 2021 (5% for
 * 2015–2017, 7.5% for 2018–2020). The rate for a year whose 3 preceding years include one without
 * QREs is not settled (LAW.md): the rule holds no value, and the engine declines to guess.
 * The limit of the credit to the excise (§38M(c)) is not applied here.
 */
import { https, notYetEnacted, rulesOf } from '../../define';

const ma = rulesOf('US-MA');

/** M.G.L. c. 63 §38M on the Legislature's site. */
export const MGL_63_38M = https('malegislature.gov/Laws/GeneralLaws/PartI/TitleIX/Chapter63/Section38M');

const CITE = 'M.G.L. c. 63 §38M';
const enacted = <V>(from: number, through: number | undefined, value: V, ...more: string[]) =>
  ({
    from,
    ...(through === undefined ? {} : { through }),
    value,
    status: 'enacted',
    citations: [CITE, ...more],
    url: MGL_63_38M,
  }) as const;
const ASC_NOT_YET = notYetEnacted(
  2014,
  `${CITE}: the ASC, tax years beginning on or after January 1, 2015`,
  MGL_63_38M,
);

export const MA_REGULAR_RATE = ma<string>({
  id: 'ma.credit.regular.rate',
  title: 'Regular credit rate on Massachusetts QREs over the base amount',
  unit: 'rate',
  history: [enacted(1994, undefined, '0.1', '830 CMR 63.38M.1')],
});

export const MA_BASIC_RESEARCH_RATE = ma<string>({
  id: 'ma.credit.basic-research.rate',
  title: 'Credit rate on Massachusetts basic research payments',
  unit: 'rate',
  history: [enacted(1994, undefined, '0.15', '830 CMR 63.38M.1(6)')],
});

export const MA_ASC_RATE = ma<string | null>({
  id: 'ma.credit.asc.rate',
  title: 'ASC rate on QREs over 50% of the 3-year average',
  unit: 'rate',
  history: [ASC_NOT_YET, enacted(2015, 2017, '0.05'), enacted(2018, 2020, '0.075'), enacted(2021, undefined, '0.1')],
});

export const MA_ASC_BASE_SHARE = ma<string | null>({
  id: 'ma.credit.asc.base-share',
  title: 'Share of the 3 preceding years’ average QREs the ASC subtracts',
  unit: 'rate',
  history: [ASC_NOT_YET, enacted(2015, undefined, '0.5')],
});

export const MA_ASC_PRIOR_YEARS = ma<number | null>({
  id: 'ma.credit.asc.prior-years',
  title: 'Preceding tax years the ASC averages',
  unit: 'count',
  history: [ASC_NOT_YET, enacted(2015, undefined, 3)],
});

/**
 * The ASC when one of the 3 preceding years had no QREs: practitioners disagree on the rate
 * (LAW.md: "unsettled — do not guess"), so the rule holds no value and RD_STATE_CREDIT answers
 * #N/A saying so.
 */
export const MA_ASC_NO_PRIOR_QRE_RATE = ma<string | null>({
  id: 'ma.credit.asc.no-prior-qre-rate',
  title: 'ASC rate when any of the 3 preceding years had no QREs: not settled',
  unit: 'rate',
  history: [
    ASC_NOT_YET,
    {
      from: 2015,
      value: null,
      status: 'interpretation',
      citations: [`${CITE}: the rate without QREs in one of the 3 preceding years is not settled`],
      url: MGL_63_38M,
    },
  ],
});
