/**
 * Arizona credit for increased research activities, A.R.S. §43-1168 (corporations; §43-1074.01
 * for individuals): the excess of Arizona QREs over the base amount of IRC §41(c) (Arizona
 * gross receipts), plus basic research payments determined under IRC §41(e)(1)(A), taxed in two
 * tiers: 24% of the first $2,500,000 and 15% above for tax years beginning before December 31,
 * 2030; 20% and 11% from and after (§43-1168(A)(1)(b)–(c): "$600,000 plus fifteen percent",
 * "$500,000 plus eleven percent", i.e. the first-tier rate × $2,500,000). The additional 10%
 * for basic research paid to Arizona Board of Regents universities (§43-1168(A)(1)(d)) needs
 * the department's certification under a statewide cap and is not modelled.
 */
import { https, rulesOf } from '../../define';

const az = rulesOf('US-AZ');

/** A.R.S. §43-1168 on the Legislature's site. */
export const ARS_43_1168 = https('www.azleg.gov/ars/43/01168.htm');

/** First year encoded: the 24% / 15% rates govern tax years 2011–2030 (earlier years, at other rates, are not encoded). */
const FROM = 2011;
const FIRST_YEAR_NOTE =
  'The 24% / 15% tiers govern tax years beginning 2011 through 2030 (first year from practitioner summaries); earlier years are not encoded.';

export const AZ_TIER_THRESHOLD = az<string>({
  id: 'az.credit.tier-threshold',
  title: 'Arizona excess (QREs over the base, plus basic research payments) taxed at the first-tier rate',
  unit: 'USD',
  history: [
    {
      from: FROM,
      value: '2500000',
      status: 'enacted',
      citations: ['A.R.S. §43-1168(A)(1)(b)–(c)'],
      url: ARS_43_1168,
      note: FIRST_YEAR_NOTE,
    },
  ],
});

export const AZ_FIRST_TIER_RATE = az<string>({
  id: 'az.credit.first-tier-rate',
  title: 'Arizona credit rate on the first $2,500,000 of excess',
  unit: 'rate',
  history: [
    {
      from: FROM,
      through: 2030,
      value: '0.24',
      status: 'enacted',
      citations: ['A.R.S. §43-1168(A)(1)(b)(i) (taxable years beginning before December 31, 2030)'],
      url: ARS_43_1168,
      note: FIRST_YEAR_NOTE,
    },
    {
      from: 2031,
      value: '0.2',
      status: 'enacted',
      citations: ['A.R.S. §43-1168(A)(1)(b)(ii) (taxable years beginning from and after December 31, 2030)'],
      url: ARS_43_1168,
    },
  ],
});

export const AZ_SECOND_TIER_RATE = az<string>({
  id: 'az.credit.second-tier-rate',
  title: 'Arizona credit rate on excess above $2,500,000',
  unit: 'rate',
  history: [
    {
      from: FROM,
      through: 2030,
      value: '0.15',
      status: 'enacted',
      citations: ['A.R.S. §43-1168(A)(1)(c)(i) ($600,000 plus 15% of the excess over $2,500,000)'],
      url: ARS_43_1168,
      note: FIRST_YEAR_NOTE,
    },
    {
      from: 2031,
      value: '0.11',
      status: 'enacted',
      citations: ['A.R.S. §43-1168(A)(1)(c)(ii) ($500,000 plus 11% of the excess over $2,500,000)'],
      url: ARS_43_1168,
    },
  ],
});

export const AZ_MINIMUM_BASE_SHARE = az<string>({
  id: 'az.credit.minimum-base-share',
  title: 'The Arizona base amount (IRC §41(c), Arizona gross receipts) is never less than this share of Arizona QREs',
  unit: 'rate',
  history: [
    {
      from: FROM,
      value: '0.5',
      status: 'enacted',
      citations: ['A.R.S. §43-1168(A)(1)(a)(i) (base amount as defined in IRC §41(c))', 'IRC §41(c)(2)'],
      url: ARS_43_1168,
      note: FIRST_YEAR_NOTE,
    },
  ],
});
