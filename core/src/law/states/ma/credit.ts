/**
 * Massachusetts research credit, M.G.L. c. 63 §38M and 830 CMR 63.38M.1: the regular credit,
 * 10% of Massachusetts QREs over the base amount plus 15% of basic research payments, and the
 * alternative simplified credit, 10% of QREs over 50% of the 3-year average from 2021 (5% for
 * 2015–2017, 7.5% for 2018–2020). The rate for a year whose 3 preceding years include one without
 * QREs is not settled (LAW.md): it is recorded as not encoded, and the engine declines to guess.
 * The limit of the credit to the excise (§38M(c)) is not applied here.
 */
import { https, notYetEnacted, rulesOf } from '../../define';

const ma = rulesOf('US-MA');

/** M.G.L. c. 63 §38M on the Legislature's site. */
export const MGL_63_38M = https('malegislature.gov/Laws/GeneralLaws/PartI/TitleIX/Chapter63/Section38M');

const CITE = 'M.G.L. c. 63 §38M';
const REG = '830 CMR 63.38M.1';
const FIRST_YEAR_NOTE =
  'The credit applies to expenses incurred on or after January 1, 1991 (830 CMR 63.38M.1(1)(c)); the engine accepts tax years from 1994.';

export const MA_REGULAR_RATE = ma<string>({
  id: 'ma.credit.regular.rate',
  title: 'Massachusetts regular research credit rate on Massachusetts QREs over the base amount',
  unit: 'rate',
  history: [
    { from: 1994, value: '0.1', status: 'enacted', citations: [CITE, REG], url: MGL_63_38M, note: FIRST_YEAR_NOTE },
  ],
});

export const MA_MINIMUM_BASE_SHARE = ma<string>({
  id: 'ma.credit.regular.minimum-base-share',
  title: 'The Massachusetts base amount is never less than this share of current-year Massachusetts QREs',
  unit: 'rate',
  history: [
    {
      from: 1994,
      value: '0.5',
      status: 'enacted',
      citations: [CITE, `${REG}(5)`],
      url: MGL_63_38M,
      note: FIRST_YEAR_NOTE,
    },
  ],
});

export const MA_BASIC_RESEARCH_RATE = ma<string>({
  id: 'ma.credit.basic-research.rate',
  title: 'Massachusetts credit rate on Massachusetts basic research payments',
  unit: 'rate',
  history: [
    {
      from: 1994,
      value: '0.15',
      status: 'enacted',
      citations: [CITE, `${REG}(6)`],
      url: MGL_63_38M,
      note: FIRST_YEAR_NOTE,
    },
  ],
});

const ASC_NOT_YET = notYetEnacted(
  2014,
  `${CITE}: the alternative simplified credit, tax years beginning on or after January 1, 2015`,
  MGL_63_38M,
);

export const MA_ASC_RATE = ma<string | null>({
  id: 'ma.credit.asc.rate',
  title: 'Massachusetts alternative simplified credit rate on QREs over 50% of the 3-year average',
  unit: 'rate',
  history: [
    ASC_NOT_YET,
    { from: 2015, through: 2017, value: '0.05', status: 'enacted', citations: [CITE], url: MGL_63_38M },
    { from: 2018, through: 2020, value: '0.075', status: 'enacted', citations: [CITE], url: MGL_63_38M },
    { from: 2021, value: '0.1', status: 'enacted', citations: [CITE], url: MGL_63_38M },
  ],
});

export const MA_ASC_BASE_SHARE = ma<string | null>({
  id: 'ma.credit.asc.base-share',
  title: 'Share of the 3 preceding years’ average Massachusetts QREs subtracted by the ASC',
  unit: 'rate',
  history: [ASC_NOT_YET, { from: 2015, value: '0.5', status: 'enacted', citations: [CITE], url: MGL_63_38M }],
});

export const MA_ASC_PRIOR_YEARS = ma<number | null>({
  id: 'ma.credit.asc.prior-years',
  title: 'Number of preceding tax years averaged by the Massachusetts ASC',
  unit: 'count',
  history: [ASC_NOT_YET, { from: 2015, value: 3, status: 'enacted', citations: [CITE], url: MGL_63_38M }],
});

/**
 * The ASC when one of the 3 preceding years had no QREs: practitioners disagree on the rate
 * (LAW.md: "unsettled — do not guess"), so the rule holds no value and RD_STATE_CREDIT answers
 * #N/A saying so.
 */
export const MA_ASC_NO_PRIOR_QRE_RATE = ma<string | null>({
  id: 'ma.credit.asc.no-prior-qre-rate',
  title: 'Massachusetts ASC rate when any of the 3 preceding years had no QREs — not settled, not encoded',
  unit: 'rate',
  history: [
    ASC_NOT_YET,
    {
      from: 2015,
      value: null,
      status: 'interpretation',
      citations: [`${CITE}: the rate for a year without QREs in one of the 3 preceding years is not settled`],
      url: MGL_63_38M,
      note: 'Secondary sources disagree; the engine returns #N/A rather than a guess. Use the regular method or check with the DOR.',
    },
  ],
});
