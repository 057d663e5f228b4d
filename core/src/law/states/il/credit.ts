/**
 * Illinois research and development credit, 35 ILCS 5/201(k): 6.5% of the qualifying
 * expenditures for increasing research activities in Illinois — the excess of the year's
 * Illinois qualifying expenditures over the average of those of the base period, the 3
 * taxable years immediately preceding. The statute keys on tax years *ending*: after July 1,
 * 1990 and before December 31, 2003; on or after December 31, 2004 and before January 1, 2027
 * (86 Ill. Adm. Code 100.2160(a), the lapse of 2016–2017 validated by P.A. 100-22); extended to
 * tax years ending before January 1, 2032 by P.A. 103-0595 (LAW.md [verify]). Here the years are
 * begin years of calendar tax years; a fiscal year crossing one of those dates needs a check.
 */
import { https, rulesOf } from '../../define';

const il = rulesOf('US-IL');

/** The Illinois Income Tax Act, §201 (35 ILCS 5/201) on the General Assembly's site. */
export const ILCS_5_201 = https('www.ilga.gov/legislation/ilcs/fulltext.asp?DocName=003500050K201');

const CITE = '35 ILCS 5/201(k)';
const REG = '86 Ill. Adm. Code 100.2160';

export const IL_RATE = il<string | null>({
  id: 'il.credit.rate',
  title: 'Illinois credit rate on Illinois qualifying expenditures over the base-period average',
  unit: 'rate',
  history: [
    {
      from: 1994,
      through: 2002,
      value: '0.065',
      status: 'enacted',
      citations: [CITE, `${REG}(a)–(b) (tax years ending after July 1, 1990 and before December 31, 2003)`],
      url: ILCS_5_201,
    },
    {
      from: 2003,
      through: 2003,
      value: null,
      status: 'enacted',
      citations: [
        CITE,
        `${REG}(a): no credit for tax years ending on or after December 31, 2003 and before December 31, 2004`,
      ],
      url: ILCS_5_201,
      note: 'A calendar 2003 tax year has no credit; a fiscal year beginning in 2003 and ending on or after December 31, 2004 has one — check the year end.',
    },
    {
      from: 2004,
      through: 2025,
      value: '0.065',
      status: 'enacted',
      citations: [
        CITE,
        `${REG}(a)–(b) (tax years ending on or after December 31, 2004 and before January 1, 2027)`,
        'P.A. 100-22',
      ],
      url: ILCS_5_201,
      note: 'Continuous through 2016–2017: P.A. 100-22 restored the credit retroactively from January 1, 2016.',
    },
    {
      from: 2026,
      through: 2031,
      value: '0.065',
      status: 'interpretation',
      citations: [`${CITE} as extended by P.A. 103-0595 (tax years ending before January 1, 2032)`],
      url: ILCS_5_201,
      note: 'The extension is read from a practitioner summary (LAW.md [verify]). A fiscal year beginning in 2031 that ends in 2032 is not covered — check the year end.',
    },
    {
      from: 2032,
      value: null,
      status: 'interpretation',
      citations: [`${CITE} as extended by P.A. 103-0595: tax years ending on or after January 1, 2032 have no credit`],
      url: ILCS_5_201,
      note: 'Expired unless extended again.',
    },
  ],
});

export const IL_BASE_PERIOD_YEARS = il<number>({
  id: 'il.credit.base-period-years',
  title: 'The base period: this many taxable years immediately preceding the credit year, averaged',
  unit: 'count',
  history: [
    {
      from: 1994,
      value: 3,
      status: 'enacted',
      citations: [CITE, `${REG}(d)–(e)`],
      url: ILCS_5_201,
    },
  ],
});

/**
 * A base-period year without Illinois qualifying expenditures, or before the taxpayer existed
 * or began research: the statute averages "the qualifying expenditures for each year in the
 * base period" over its 3 years and has no start-up rule, so such a year counts as zero and
 * the average still divides by 3.
 */
export const IL_MISSING_BASE_YEAR = il<string>({
  id: 'il.credit.base-period-missing-year',
  title: 'A base-period year with no Illinois qualifying expenditures (or none given)',
  history: [
    {
      from: 1994,
      value: 'counts as zero; the average divides by the 3 base-period years',
      status: 'interpretation',
      citations: [
        `${CITE} ("the average of the qualifying expenditures for each year in the base period")`,
        `${REG}(d)–(e)`,
      ],
      url: ILCS_5_201,
      note: 'The statute has no rule for a taxpayer with fewer than 3 preceding years; this reading is the engine’s and should be reviewed.',
    },
  ],
});
