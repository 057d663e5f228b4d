/** The payroll tax election of a qualified small business, IRC §41(h), §3111(f). */
import { notYetEnacted } from '../define';
import { federal, usc26 } from './define';

export const PAYROLL_GROSS_RECEIPTS_LIMIT = federal<string>({
  id: 'payroll.qsb.gross-receipts-limit',
  title: 'Qualified small business: gross receipts for the tax year must be less than',
  unit: 'USD',
  history: [
    {
      from: 2016,
      value: '5000000',
      status: 'enacted',
      citations: ['IRC §41(h)(3)(A)(i)(I)', 'P.L. 114-113 div. Q §121'],
      url: usc26('41', 'h_3_A'),
    },
  ],
});

export const PAYROLL_RECEIPTS_WINDOW_YEARS = federal<number>({
  id: 'payroll.qsb.receipts-window-years',
  title: 'No gross receipts for any tax year before the period of this many tax years ending with the tax year',
  unit: 'count',
  history: [
    {
      from: 2016,
      value: 5,
      status: 'enacted',
      citations: ['IRC §41(h)(3)(A)(i)(II)'],
      url: usc26('41', 'h_3_A'),
    },
  ],
});

export const PAYROLL_MAX_PRIOR_ELECTIONS = federal<number>({
  id: 'payroll.election.max-prior-elections',
  title: 'No election for a year after elections for this many preceding tax years',
  unit: 'count',
  history: [
    { from: 2016, value: 5, status: 'enacted', citations: ['IRC §41(h)(4)(B)(ii)'], url: usc26('41', 'h_4_B') },
  ],
});

export interface PayrollCap {
  /** Total amount that may be elected. */
  readonly total: string;
  /** The part that offsets the employer share of OASDI (social security). */
  readonly oasdi: string;
  /** The part that offsets the employer share of Medicare (hospital insurance). */
  readonly medicare: string;
}

export const PAYROLL_ELECTION_CAP = federal<PayrollCap | null>({
  id: 'payroll.election.cap',
  title: 'Payroll tax credit election: maximum amount and its OASDI/Medicare split',
  unit: 'USD',
  history: [
    notYetEnacted(2015, 'P.L. 114-113 div. Q §121(d) (taxable years beginning after December 31, 2015)'),
    {
      from: 2016,
      through: 2022,
      value: { total: '250000', oasdi: '250000', medicare: '0' },
      status: 'enacted',
      citations: ['IRC §41(h)(4)(B)(i)', 'IRC §3111(f)'],
      url: usc26('41', 'h_4_B'),
    },
    {
      from: 2023,
      value: { total: '500000', oasdi: '250000', medicare: '250000' },
      status: 'enacted',
      citations: ['IRC §41(h)(4)(B)(i)(II)', 'IRC §3111(f)(1)–(2)', 'P.L. 117-169 §13902'],
      url: usc26('41', 'h_4_B'),
      note: 'The first $250,000 offsets employer OASDI; only the rest offsets employer Medicare.',
    },
  ],
});
