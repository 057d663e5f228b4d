/**
 * California research credit, R&TC §23609 (corporations; §17052.12 applies it to the personal
 * income tax): the regular credit on California QREs over the base amount of IRC §41(c), 24% of
 * basic research payments, and — for tax years beginning on or after 1/1/2025 — the alternative
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

/** A version read in R&TC §23609 (the 15% and 24% rates from 2000: earlier, lower rates are not encoded). */
const enacted = <V>(from: number, value: V, ...citations: [string, ...string[]]) =>
  ({ from, value, status: 'enacted', citations, url: RTC_23609 }) as const;

/** The ASC of SB 711: not in force before 2025, then `value`. */
const asc = <V>(value: V) =>
  [
    notYetEnacted(2024, 'SB 711 (Stats. 2025): taxable years beginning on or after January 1, 2025', SB_711),
    enacted(2025, value, 'R&TC §23609 as amended by SB 711 (Stats. 2025)'),
  ] as const;

export const CA_REGULAR_RATE = ca<string>({
  id: 'ca.credit.regular.rate',
  title: 'Regular credit rate on California QREs over the base amount',
  unit: 'rate',
  history: [enacted(2000, '0.15', 'R&TC §23609(a)(1)(A)', 'R&TC §17052.12')],
});

export const CA_BASIC_RESEARCH_RATE = ca<string>({
  id: 'ca.credit.basic-research.rate',
  title: 'Credit rate on basic research payments (IRC §41(e)(1)(A))',
  unit: 'rate',
  history: [enacted(2000, '0.24', 'R&TC §23609(a)(1)(B)')],
});

export const CA_ASC_RATE = ca<string | null>({
  id: 'ca.credit.asc.rate',
  title: 'ASC rate on QREs over 50% of the 3-year average',
  unit: 'rate',
  history: asc('0.03'),
});

export const CA_ASC_NO_PRIOR_QRE_RATE = ca<string | null>({
  id: 'ca.credit.asc.no-prior-qre-rate',
  title: 'ASC rate when any of the 3 preceding years had no QREs',
  unit: 'rate',
  history: asc('0.013'),
});

export const CA_ASC_BASE_SHARE = ca<string | null>({
  id: 'ca.credit.asc.base-share',
  title: 'Share of the 3 preceding years’ average QREs the ASC subtracts',
  unit: 'rate',
  history: asc('0.5'),
});

export const CA_ASC_PRIOR_YEARS = ca<number | null>({
  id: 'ca.credit.asc.prior-years',
  title: 'Preceding tax years the ASC averages',
  unit: 'count',
  history: asc(3),
});
