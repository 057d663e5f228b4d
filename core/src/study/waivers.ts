/**
 * Reviewer waivers (issue 13 §2): a reviewer accepts a finding with a reason; the waiver (rule,
 * cell, the value the cell held, reason, reviewer, date) is a row of the study's Waivers sheet
 * (schema.ts WAIVERS), so it is saved with the workbook in either host. A waiver holds only while
 * the cell still holds that value: when the cell changes, the finding is back and a
 * `waiver/lapsed` note says why. Hosts write waiver rows with `waiverRow`; the validator checks
 * the rows (`checkWaivers`); `reviewWorkbook` applies them — the one place they are honoured,
 * for the panel and `rdtax check` alike.
 */
import type { CellValue } from '../cells';
import { waiverValueText, type Waiver } from './checks/waivers';
import { headerOf, WAIVERS, type WaiverField } from './schema';
import type { Finding } from './types';

export { waiverValueText, type Waiver };
export { reviewWorkbook, type Review, type WaivedFinding } from './validator';

/**
 * The row a host appends to the Waivers sheet (in WAIVERS' column order) when a reviewer
 * waives `f`, whose cell holds `value` now. Every entry is text: hosts write it as text (the
 * quote prefix / text format), never as a formula.
 */
export function waiverRow(
  f: Pick<Finding, 'rule' | 'cell'>,
  value: CellValue,
  reason: string,
  reviewer: string,
  date: Date,
): string[] {
  const byField: Record<WaiverField, string> = {
    rule: f.rule,
    cell: f.cell,
    value: waiverValueText(value),
    reason: reason.trim(),
    reviewer: reviewer.trim(),
    date: date.toISOString().slice(0, 10),
  };
  return WAIVERS.columns.map((c) => byField[c.field]);
}

/** The headers of a new Waivers sheet, in column order. */
export const WAIVER_HEADERS: readonly string[] = WAIVERS.columns.map((c) => c.header);

/** The header of a Waivers column (for hosts creating the sheet). */
export const waiverHeader = (field: WaiverField): string => headerOf(WAIVERS, field);
