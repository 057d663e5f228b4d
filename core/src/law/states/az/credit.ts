/**
 * Arizona credit for increased research activities, A.R.S. §43-1168 (corporations; §43-1074.01
 * for individuals): the excess of Arizona QREs over the base amount of IRC §41(c) (Arizona
 * gross receipts), plus basic research payments determined under IRC §41(e)(1)(A), taxed in two
 * tiers: 24% of the first $2,500,000 and 15% above for tax years beginning before December 31,
 * 2030; 20% and 11% from and after (§43-1168(A)(1)(b)–(c): "$600,000 plus fifteen percent",
 * "$500,000 plus eleven percent", i.e. the first-tier rate × $2,500,000). The additional 10%
 * for basic research paid to Arizona Board of Regents universities (§43-1168(A)(1)(d)) needs
 * the department's certification under a statewide cap and is not modelled. The 24% / 15%
 * tiers are encoded from 2011 (the year practitioner summaries give for them); earlier years,
 * at other rates, are not encoded.
 */
import { https, rulesOf } from '../../define';

const az = rulesOf('US-AZ');

/** A.R.S. §43-1168 on the Legislature's site. */
export const ARS_43_1168 = https('www.azleg.gov/ars/43/01168.htm');

const enacted = <V>(from: number, through: number | undefined, value: V, subsection: string) =>
  ({
    from,
    ...(through === undefined ? {} : { through }),
    value,
    status: 'enacted',
    citations: [`A.R.S. §43-1168(A)(1)${subsection}`],
    url: ARS_43_1168,
  }) as const;
const BEFORE_2031 = '(taxable years beginning before December 31, 2030)';
const FROM_2031 = '(taxable years beginning from and after December 31, 2030)';

export const AZ_TIER_THRESHOLD = az<string>({
  id: 'az.credit.tier-threshold',
  title: 'Excess (over the base, plus basic research) taxed at the first-tier rate',
  unit: 'USD',
  history: [enacted(2011, undefined, '2500000', '(b)–(c)')],
});

export const AZ_FIRST_TIER_RATE = az<string>({
  id: 'az.credit.first-tier-rate',
  title: 'Credit rate on the first-tier excess',
  unit: 'rate',
  history: [
    enacted(2011, 2030, '0.24', `(b)(i) ${BEFORE_2031}`),
    enacted(2031, undefined, '0.2', `(b)(ii) ${FROM_2031}`),
  ],
});

export const AZ_SECOND_TIER_RATE = az<string>({
  id: 'az.credit.second-tier-rate',
  title: 'Credit rate on excess above the first tier',
  unit: 'rate',
  history: [
    enacted(2011, 2030, '0.15', `(c)(i) ${BEFORE_2031}`),
    enacted(2031, undefined, '0.11', `(c)(ii) ${FROM_2031}`),
  ],
});
