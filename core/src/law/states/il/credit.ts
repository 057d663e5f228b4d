/**
 * Illinois research and development credit, 35 ILCS 5/201(k): 6.5% of the qualifying
 * expenditures for increasing research activities in Illinois — the excess of the year's
 * Illinois qualifying expenditures over the average of those of the base period, the 3
 * taxable years immediately preceding. The statute keys on tax years *ending*: after July 1,
 * 1990 and before December 31, 2003; on or after December 31, 2004 and before January 1, 2027
 * (86 Ill. Adm. Code 100.2160(a); the lapse of 2016–2017 was made good by P.A. 100-22); extended
 * to tax years ending before January 1, 2032 by P.A. 103-0595 (LAW.md [verify]). Here the years
 * are begin years of calendar tax years: a fiscal year beginning in 2003 that ends on or after
 * December 31, 2004 has a credit, and one beginning in 2031 that ends in 2032 has none.
 */
import { https, rulesOf } from '../../define';

const il = rulesOf('US-IL');

/** The Illinois Income Tax Act, §201 (35 ILCS 5/201) on the General Assembly's site. */
export const ILCS_5_201 = https('www.ilga.gov/legislation/ilcs/fulltext.asp?DocName=003500050K201');

const CITE = '35 ILCS 5/201(k)';
const REG = '86 Ill. Adm. Code 100.2160';
const version = <V>(
  from: number,
  through: number | undefined,
  value: V,
  status: 'enacted' | 'interpretation',
  ...more: string[]
) =>
  ({
    from,
    ...(through === undefined ? {} : { through }),
    value,
    status,
    citations: [CITE, ...more],
    url: ILCS_5_201,
  }) as const;
const EXTENDED = 'P.A. 103-0595 (tax years ending before January 1, 2032)';

export const IL_RATE = il<string | null>({
  id: 'il.credit.rate',
  title: 'Credit rate on Illinois qualifying expenditures over the base-period average',
  unit: 'rate',
  history: [
    version(1994, 2002, '0.065', 'enacted', `${REG}(a)–(b)`),
    version(2003, 2003, null, 'enacted', `${REG}(a): none for tax years ending 12/31/2003–12/30/2004`),
    version(2004, 2025, '0.065', 'enacted', `${REG}(a)–(b)`, 'P.A. 100-22'),
    version(2026, 2031, '0.065', 'interpretation', EXTENDED),
    version(2032, undefined, null, 'interpretation', EXTENDED),
  ],
});

export const IL_BASE_PERIOD_YEARS = il<number>({
  id: 'il.credit.base-period-years',
  title: 'Base period: the taxable years immediately preceding, averaged',
  unit: 'count',
  history: [version(1994, undefined, 3, 'enacted', `${REG}(d)–(e)`)],
});

/**
 * A base-period year without Illinois qualifying expenditures, or before the taxpayer existed
 * or began research: the statute averages "the qualifying expenditures for each year in the
 * base period" over its 3 years and has no start-up rule, so such a year counts as zero and
 * the average still divides by 3 — the engine's reading, for a reviewer to check.
 */
export const IL_MISSING_BASE_YEAR = il<string>({
  id: 'il.credit.base-period-missing-year',
  title: 'A base-period year with no qualifying expenditures (or none given)',
  history: [
    version(
      1994,
      undefined,
      'counts as zero; the average divides by the 3 base-period years',
      'interpretation',
      `${REG}(d)–(e)`,
    ),
  ],
});
