/**
 * The Contractors table: contract research expenses (IRC §41(b)(3)) and the conditions for
 * counting them at all — performed in the US, rights to the results kept, the taxpayer bears
 * the cost if the research fails (Treas. Reg. §1.41-2(e)).
 */
import { isBlank, normalizeWord } from '../../cells';
import { CONTRACT_RESEARCH_RATE, type ContractType } from '../../law/rules';
import { inForce, resolve } from '../../law/types';
import { Dec } from '../../money';
import { CONTRACT_TYPE_WORDS, isUnknownStateCode } from '../classify';
import { fieldRef, type StudyRow, type StudyTable } from '../model';
import type { ContractorField } from '../schema';
import { formatPct, formatUsd, toDec, type Num } from '../values';
import {
  amountField,
  ComponentRefs,
  report,
  rowLabel,
  shareField,
  textField,
  where,
  yesNoField,
  UnassignedQre,
  type CheckContext,
  type Share,
} from './context';

const TYPE_WORDS = '"standard", "consortium" or "energy"';
const TYPE_NAMES: Readonly<Record<ContractType, string>> = {
  standard: 'standard contract research',
  consortium: 'a qualified research consortium',
  energy: 'energy research',
};

interface ApplicableRate {
  readonly type: ContractType;
  readonly rate: Dec;
  readonly citation: string;
}

function rateFor(
  ctx: CheckContext,
  t: StudyTable<ContractorField>,
  r: StudyRow<ContractorField>,
  type: ContractType,
): ApplicableRate | undefined {
  const rule = CONTRACT_RESEARCH_RATE[type];
  const resolved = inForce(rule, ctx.taxYear) ? resolve(rule, ctx.taxYear) : undefined;
  if (resolved && resolved.value !== null)
    return { type, rate: new Dec(resolved.value), citation: resolved.citations.join('; ') };
  report(
    ctx,
    'contract/unknown-type',
    t,
    r,
    'contractType',
    `Contract Type of ${rowLabel(t, r)} (${fieldRef(t, r.row, 'contractType')}) is ${type}, which has no rate for tax years beginning in ${ctx.taxYear}; use "standard" or "consortium".`,
    resolved?.citations.join('; '),
  );
  return undefined;
}

/** The applicable % for the row's Contract Type (blank = standard), or undefined (reported). */
function applicableRate(
  ctx: CheckContext,
  t: StudyTable<ContractorField>,
  r: StudyRow<ContractorField>,
): ApplicableRate | undefined {
  const text = textField(ctx, t, r, 'contractType');
  if (text === undefined) {
    // Absent column or blank cell: standard. An error value was reported and leaves the rate unknown.
    const blank = t.columns.contractType === undefined || isBlank(r.cells.contractType);
    return blank ? rateFor(ctx, t, r, 'standard') : undefined;
  }
  const type = CONTRACT_TYPE_WORDS.get(normalizeWord(text));
  if (type !== undefined) return rateFor(ctx, t, r, type);
  report(
    ctx,
    'contract/unknown-type',
    t,
    r,
    'contractType',
    `Contract Type of ${rowLabel(t, r)} (${fieldRef(t, r.row, 'contractType')}) is ${JSON.stringify(text)}; use ${TYPE_WORDS} (blank means standard, 65%).`,
  );
  return undefined;
}

const HALF_CENT = new Dec('0.005');

/**
 * The claimed QRE agrees with the expected amount when both round half-up to the same cent,
 * or when they are less than half a cent apart (binary arithmetic can land a tie such as
 * x.xx5 on x.xx4999…, which rounds the other way).
 */
export function contractQreAgrees(claimed: Num, expected: Dec): boolean {
  const c = toDec(claimed);
  return (
    c.toDecimalPlaces(2, Dec.ROUND_HALF_UP).eq(expected.toDecimalPlaces(2, Dec.ROUND_HALF_UP)) ||
    c.minus(expected).abs().lt(HALF_CENT)
  );
}

/**
 * A number as the spreadsheet shows and rounds it: 15 significant digits. An amount computed
 * by a formula can hold binary noise past them (3540.3 held as 3540.2999999999997), and
 * Excel's ROUND of 0.75 × that is 2655.23, not 2655.22.
 */
function spreadsheetDigits(v: Num): Dec {
  return typeof v === 'number' ? new Dec(v.toPrecision(15)) : v;
}

/** Amount Paid × R&D % × rate, from the cells as held and as shown (see spreadsheetDigits). */
export function expectedContractQre(amount: Num, pct: Num, rate: Dec): readonly [Dec, Dec] {
  return [
    toDec(amount).times(toDec(pct)).times(rate),
    spreadsheetDigits(amount).times(spreadsheetDigits(pct)).times(rate),
  ];
}

function checkRate(
  ctx: CheckContext,
  t: StudyTable<ContractorField>,
  r: StudyRow<ContractorField>,
  amount: Num,
  pct: Share,
  rate: ApplicableRate,
): void {
  const qre = amountField(ctx, t, r, 'qre');
  // A blank QRE cell claims nothing, so there is nothing to compare.
  if (qre.kind !== 'value') return;
  const [expected, asShown] = expectedContractQre(amount, pct.value, rate.rate);
  if (contractQreAgrees(qre.value, expected) || contractQreAgrees(qre.value, asShown)) return;
  const cents = expected.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
  const shown = formatUsd(cents);
  report(
    ctx,
    'contract/rate',
    t,
    r,
    'qre',
    `${where(t, r, 'qre')} is ${formatUsd(qre.value)} but Amount Paid × R&D % × ${formatPct(rate.rate)} (${TYPE_NAMES[rate.type]}) is ${shown}; enter ${shown}.`,
    rate.citation,
    cents.toNumber(), // the double nearest the cents, as a cell holds them
  );
}

export function checkContractors(ctx: CheckContext, t: StudyTable<ContractorField>): void {
  const components = new ComponentRefs(ctx, t, 'component');
  const unassigned = new UnassignedQre(ctx, t);
  for (const r of t.rows) {
    textField(ctx, t, r, 'vendor');
    const amount = amountField(ctx, t, r, 'amountPaid');
    const pct = shareField(ctx, t, r, 'rdPct', 'cell/pct-out-of-bounds');
    const rate = applicableRate(ctx, t, r);
    const location = textField(ctx, t, r, 'location');
    const cls = ctx.classifier.contractor(t, r);
    for (const e of cls.excluded) {
      if (e.rule === 'contract/foreign')
        report(
          ctx,
          e.rule,
          t,
          r,
          'location',
          location !== undefined && isUnknownStateCode(location)
            ? `${rowLabel(t, r)} performs the research in ${JSON.stringify(location)} (${fieldRef(t, r.row, 'location')}), which is no US state, DC or territory code, so it reads as outside the United States and is not qualified research; enter the state's code (e.g. US-CA or CA) or US.`
            : `${rowLabel(t, r)} performs the research in ${JSON.stringify(location)} (${fieldRef(t, r.row, 'location')}), and research outside the United States is not qualified research; set R&D % to the share performed in the US, or enter US if the location is wrong.`,
        );
      else if (e.rule === 'contract/no-rights')
        report(
          ctx,
          e.rule,
          t,
          r,
          'rightsRetained',
          `${rowLabel(t, r)} (${fieldRef(t, r.row, 'rightsRetained')}) does not leave the taxpayer the rights to the research results, so the payments are funded research for someone else; set R&D % to 0 or correct Rights Retained if the contract keeps the rights.`,
        );
      else if (e.rule === 'contract/no-risk')
        report(
          ctx,
          e.rule,
          t,
          r,
          'financialRisk',
          `${rowLabel(t, r)} (${fieldRef(t, r.row, 'financialRisk')}) is paid only if the research succeeds, so the taxpayer does not bear its cost; set R&D % to 0 or correct Financial Risk if payment is due regardless of success.`,
        );
    }
    // Cell findings for the Yes/No columns (blank, not Yes or No).
    yesNoField(ctx, t, r, 'rightsRetained');
    yesNoField(ctx, t, r, 'financialRisk');
    // A row left out for a reason already reported (abroad, funded) is not told what its QRE
    // "should" be: one finding per cause.
    const reported = cls.excluded.some((e) => e.rule !== undefined);
    if (!reported && amount.kind === 'value' && pct?.inBounds && rate) checkRate(ctx, t, r, amount.value, pct, rate);
    else amountField(ctx, t, r, 'qre');
    components.note(r);
    unassigned.note(r, cls, () => cls.amount?.gt(0) ?? false);
  }
  components.flush();
  unassigned.flush();
}
