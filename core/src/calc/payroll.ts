/**
 * The payroll tax election of a qualified small business, IRC §41(h) and §3111(f).
 */
import {
  PAYROLL_ELECTION_CAP,
  PAYROLL_GROSS_RECEIPTS_LIMIT,
  PAYROLL_MAX_PRIOR_ELECTIONS,
  PAYROLL_RECEIPTS_WINDOW_YEARS,
} from '../law/rules';
import { resolve } from '../law/types';
import { maxUsd, minUsd, usd, ZERO_USD, type Usd } from '../money';

export type PayrollPortion = 'total' | 'oasdi' | 'medicare';

export interface PayrollElectionInput {
  /** The research credit determined for the year (the election cannot exceed it, §41(h)(2)). */
  readonly credit: Usd;
  readonly grossReceipts: Usd;
  /** First tax year with gross receipts; undefined = none yet. */
  readonly firstReceiptsYear: number | undefined;
  readonly taxYear: number;
  readonly priorElections: number;
  readonly portion: PayrollPortion;
}

export interface PayrollElectionResult {
  readonly amount: Usd;
  readonly qualifiedSmallBusiness: boolean;
  /** Why the amount is what it is, in one sentence. */
  readonly reason: string;
  readonly citations: readonly string[];
}

export function payrollElection(i: PayrollElectionInput): PayrollElectionResult {
  const cap = resolve(PAYROLL_ELECTION_CAP, i.taxYear);
  const none = (reason: string, cites: readonly string[]): PayrollElectionResult => ({
    amount: ZERO_USD,
    qualifiedSmallBusiness: false,
    reason,
    citations: cites,
  });
  if (cap.value === null)
    return none(`no payroll election exists for tax years beginning in ${i.taxYear}`, cap.citations);
  const limit = resolve(PAYROLL_GROSS_RECEIPTS_LIMIT, i.taxYear);
  if (!i.grossReceipts.lt(limit.value)) {
    return none(`gross receipts ${i.grossReceipts.toString()} are not less than ${limit.value}`, limit.citations);
  }
  const receiptsWindow = resolve(PAYROLL_RECEIPTS_WINDOW_YEARS, i.taxYear);
  const windowStart = i.taxYear - receiptsWindow.value + 1;
  if (i.firstReceiptsYear !== undefined && i.firstReceiptsYear < windowStart) {
    return none(
      `gross receipts began in ${i.firstReceiptsYear}, before the ${receiptsWindow.value}-tax-year period ${windowStart}–${i.taxYear}`,
      receiptsWindow.citations,
    );
  }
  const maxElections = resolve(PAYROLL_MAX_PRIOR_ELECTIONS, i.taxYear);
  if (i.priorElections >= maxElections.value) {
    return none(
      `elections were made for ${i.priorElections} preceding tax years (at most ${maxElections.value})`,
      maxElections.citations,
    );
  }
  const total = minUsd(i.credit, usd(cap.value.total));
  const oasdi = minUsd(total, usd(cap.value.oasdi));
  const medicare = minUsd(maxUsd(usd(total.minus(oasdi)), ZERO_USD), usd(cap.value.medicare));
  const amount = i.portion === 'total' ? total : i.portion === 'oasdi' ? oasdi : medicare;
  return {
    amount,
    qualifiedSmallBusiness: true,
    reason: `qualified small business: ${i.portion} of min(credit, ${cap.value.total})`,
    citations: [...limit.citations, ...receiptsWindow.citations, ...maxElections.citations, ...cap.citations],
  };
}
