/**
 * California research credit, R&TC §23609 (corporations; §17052.12 applies it to the personal
 * income tax): the regular credit on California QREs over a §41(c)-style base, 24% of basic
 * research payments, and — for tax years beginning on or after 1/1/2025 — the alternative
 * simplified credit added by SB 711 (Stats. 2025), which also repealed the alternative
 * incremental credit (not modelled). The $5,000,000 limit on business credits for 2024–2026
 * (R&TC §23036.4) limits the use of the credit, not the credit, and is not applied here.
 */
import { https, notYetEnacted, rulesOf } from '../../define';

const ca = rulesOf('US-CA');

/** R&TC §23609 on the Legislature's site. */
export const RTC_23609 = https(
  'leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=RTC&sectionNum=23609.',
);
/** SB 711 (2025), the ASC and the repeal of the alternative incremental credit. */
export const SB_711 = https('leginfo.legislature.ca.gov/faces/billNavClient.xhtml?bill_id=202520260SB711');

const FROM = 2000;
const FIRST_YEAR_NOTE =
  'The 15% rate governs tax years beginning on or after January 1, 2000 (FTB); earlier years, at lower rates, are not encoded.';

export const CA_REGULAR_RATE = ca<string>({
  id: 'ca.credit.regular.rate',
  title: 'California regular research credit rate on California QREs over the base amount',
  unit: 'rate',
  history: [
    {
      from: FROM,
      value: '0.15',
      status: 'enacted',
      citations: ['R&TC §23609(a)(1)(A)', 'R&TC §17052.12'],
      url: RTC_23609,
      note: FIRST_YEAR_NOTE,
    },
  ],
});

export const CA_MINIMUM_BASE_SHARE = ca<string>({
  id: 'ca.credit.regular.minimum-base-share',
  title: 'The California base amount is never less than this share of current-year California QREs',
  unit: 'rate',
  history: [
    {
      from: FROM,
      value: '0.5',
      status: 'enacted',
      citations: ['R&TC §23609 (IRC §41(c) as incorporated)', 'IRC §41(c)(2)'],
      url: RTC_23609,
      note: FIRST_YEAR_NOTE,
    },
  ],
});

export const CA_BASIC_RESEARCH_RATE = ca<string>({
  id: 'ca.credit.basic-research.rate',
  title: 'California credit rate on basic research payments (as determined under IRC §41(e)(1)(A), as modified)',
  unit: 'rate',
  history: [
    {
      from: FROM,
      value: '0.24',
      status: 'enacted',
      citations: ['R&TC §23609(a)(1)(B)'],
      url: RTC_23609,
      note: FIRST_YEAR_NOTE,
    },
  ],
});

export const CA_ASC_RATE = ca<string | null>({
  id: 'ca.credit.asc.rate',
  title: 'California alternative simplified credit rate on QREs over 50% of the 3-year average',
  unit: 'rate',
  history: [
    notYetEnacted(2024, 'SB 711 (Stats. 2025): taxable years beginning on or after January 1, 2025', SB_711),
    {
      from: 2025,
      value: '0.03',
      status: 'enacted',
      citations: ['R&TC §23609 as amended by SB 711 (Stats. 2025)'],
      url: RTC_23609,
    },
  ],
});

export const CA_ASC_NO_PRIOR_QRE_RATE = ca<string | null>({
  id: 'ca.credit.asc.no-prior-qre-rate',
  title: 'California ASC rate when any of the 3 preceding years had no California QREs',
  unit: 'rate',
  history: [
    notYetEnacted(2024, 'SB 711 (Stats. 2025): taxable years beginning on or after January 1, 2025', SB_711),
    {
      from: 2025,
      value: '0.013',
      status: 'enacted',
      citations: ['R&TC §23609 as amended by SB 711 (Stats. 2025)'],
      url: RTC_23609,
    },
  ],
});

export const CA_ASC_BASE_SHARE = ca<string | null>({
  id: 'ca.credit.asc.base-share',
  title: 'Share of the 3 preceding years’ average California QREs subtracted by the California ASC',
  unit: 'rate',
  history: [
    notYetEnacted(2024, 'SB 711 (Stats. 2025): taxable years beginning on or after January 1, 2025', SB_711),
    {
      from: 2025,
      value: '0.5',
      status: 'enacted',
      citations: ['R&TC §23609 as amended by SB 711 (Stats. 2025)'],
      url: RTC_23609,
    },
  ],
});

export const CA_ASC_PRIOR_YEARS = ca<number | null>({
  id: 'ca.credit.asc.prior-years',
  title: 'Number of preceding tax years averaged by the California ASC',
  unit: 'count',
  history: [
    notYetEnacted(2024, 'SB 711 (Stats. 2025): taxable years beginning on or after January 1, 2025', SB_711),
    {
      from: 2025,
      value: 3,
      status: 'enacted',
      citations: ['R&TC §23609 as amended by SB 711 (Stats. 2025)'],
      url: RTC_23609,
    },
  ],
});
