/** The research credit: regular credit and start-up fixed base (IRC §41(a)(1), (c)(1)–(3)), ASC (§41(c)(4)). */
import { notYetEnacted } from '../define';
import { federal, usc26 } from './define';

// ---------------------------------------------------------------- Regular credit, §41(a)(1), (c)

export const REGULAR_CREDIT_RATE = federal<string>({
  id: 'credit.regular.rate',
  title: 'Regular research credit rate on QREs over the base amount',
  unit: 'rate',
  history: [{ from: 1994, value: '0.2', status: 'enacted', citations: ['IRC §41(a)(1)'], url: usc26('41', 'a_1') }],
});

export const REGULAR_MINIMUM_BASE_SHARE = federal<string>({
  id: 'credit.regular.minimum-base-share',
  title: 'The base amount is never less than this share of current-year QREs',
  unit: 'rate',
  history: [{ from: 1994, value: '0.5', status: 'enacted', citations: ['IRC §41(c)(2)'], url: usc26('41', 'c_2') }],
});

export const REGULAR_GROSS_RECEIPTS_YEARS = federal<number>({
  id: 'credit.regular.gross-receipts-years',
  title: 'The base amount uses the average annual gross receipts of this many preceding tax years',
  unit: 'count',
  history: [{ from: 1994, value: 4, status: 'enacted', citations: ['IRC §41(c)(1)(B)'], url: usc26('41', 'c_1_B') }],
});

export const FIXED_BASE_PERCENTAGE_CAP = federal<string>({
  id: 'credit.regular.fixed-base-cap',
  title: 'Maximum fixed-base percentage',
  unit: 'rate',
  history: [
    { from: 1994, value: '0.16', status: 'enacted', citations: ['IRC §41(c)(3)(C)'], url: usc26('41', 'c_3_C') },
  ],
});

export const FIXED_BASE_PERCENTAGE_DECIMALS = federal<number>({
  id: 'credit.regular.fixed-base-rounding',
  title: 'Fixed-base percentage rounded to the nearest 1/100 of 1 percent (4 decimals of a fraction)',
  unit: 'decimal-places',
  history: [{ from: 1994, value: 4, status: 'enacted', citations: ['IRC §41(c)(3)(D)'], url: usc26('41', 'c_3_D') }],
});

/**
 * Start-up fixed-base percentage (§41(c)(3)(B)(ii)), by the start-up year counted from the
 * first tax year beginning after 1993 with QREs: `multiplier` × (aggregate QREs ÷ aggregate
 * gross receipts) over the start-up years `fromYear`..`toYear`. `selectFive` = the taxpayer
 * selects any 5 of those years (the 11th and later years).
 */
export interface StartupStep {
  readonly year: number | 'later';
  readonly fixed?: string;
  readonly multiplier?: { readonly n: number; readonly d: number };
  readonly fromYear?: number;
  readonly toYear?: number;
  readonly selectFive?: boolean;
}

export const STARTUP_FIXED_BASE = federal<readonly StartupStep[]>({
  id: 'credit.regular.startup-fixed-base',
  title: 'Start-up company fixed-base percentage phase-in',
  unit: { year: 'count', fixed: 'rate', multiplier: 'factor', fromYear: 'count', toYear: 'count' },
  history: [
    {
      from: 1994,
      value: [
        { year: 1, fixed: '0.03' },
        { year: 2, fixed: '0.03' },
        { year: 3, fixed: '0.03' },
        { year: 4, fixed: '0.03' },
        { year: 5, fixed: '0.03' },
        { year: 6, multiplier: { n: 1, d: 6 }, fromYear: 4, toYear: 5 },
        { year: 7, multiplier: { n: 1, d: 3 }, fromYear: 5, toYear: 6 },
        { year: 8, multiplier: { n: 1, d: 2 }, fromYear: 5, toYear: 7 },
        { year: 9, multiplier: { n: 2, d: 3 }, fromYear: 5, toYear: 8 },
        { year: 10, multiplier: { n: 5, d: 6 }, fromYear: 5, toYear: 9 },
        { year: 'later', multiplier: { n: 1, d: 1 }, fromYear: 5, toYear: 10, selectFive: true },
      ],
      status: 'enacted',
      citations: ['IRC §41(c)(3)(B)(ii)(I)–(VI)', 'IRC §41(c)(3)(B)(i)'],
      url: usc26('41', 'c_3_B'),
      note: 'For the 11th and later years the taxpayer selects any 5 of years 5–10; the engine takes the selection giving the lowest percentage.',
    },
  ],
});

// ---------------------------------------------------------------- ASC, §41(c)(4)

export const ASC_RATE = federal<string | null>({
  id: 'credit.asc.rate',
  title: 'Alternative simplified credit rate on QREs over 50% of the 3-year average',
  unit: 'rate',
  history: [
    notYetEnacted(2006, 'P.L. 109-432 §104(c)(4) (taxable years ending after December 31, 2006)'),
    {
      from: 2007,
      through: 2008,
      value: '0.12',
      status: 'interpretation',
      citations: ['IRC §41(c)(5)(A) as added by P.L. 109-432 §104(c)'],
      url: usc26('41', 'c_5'),
      note: 'The 14% rate applies to tax years ending after December 31, 2008; a fiscal year beginning in 2008 that ends in 2009 is at 14% — check the year end.',
    },
    {
      from: 2009,
      value: '0.14',
      status: 'enacted',
      citations: ['IRC §41(c)(4)(A)', 'P.L. 110-343 §301(b)'],
      url: usc26('41', 'c_4_A'),
    },
  ],
});

export const ASC_BASE_SHARE = federal<string>({
  id: 'credit.asc.base-share',
  title: 'Share of the 3 preceding years’ average QREs subtracted from current QREs',
  unit: 'rate',
  history: [
    { from: 2007, value: '0.5', status: 'enacted', citations: ['IRC §41(c)(4)(A)'], url: usc26('41', 'c_4_A') },
  ],
});

export const ASC_STARTUP_RATE = federal<string>({
  id: 'credit.asc.no-prior-qre-rate',
  title: 'ASC rate when any of the 3 preceding years had no QREs',
  unit: 'rate',
  history: [
    { from: 2007, value: '0.06', status: 'enacted', citations: ['IRC §41(c)(4)(B)'], url: usc26('41', 'c_4_B') },
  ],
});

export const ASC_PRIOR_YEARS = federal<number>({
  id: 'credit.asc.prior-years',
  title: 'Number of preceding tax years averaged by the ASC',
  unit: 'count',
  history: [
    {
      from: 2007,
      value: 3,
      status: 'enacted',
      citations: ['IRC §41(c)(4)(A)', 'Form 6765 (Rev. Dec. 2024) line 22'],
      url: usc26('41', 'c_4_A'),
    },
  ],
});
