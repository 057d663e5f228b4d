/**
 * The Waivers sheet (schema.ts WAIVERS): reading a waiver row, and the validator's check of the
 * rows. Applying them is ../waivers.ts (`reviewWorkbook`).
 */
import { isDate, type CellValue } from '../../cells';
import { cellRef, parseCellRef } from '../a1';
import type { StudyRow, StudyTable } from '../model';
import { STUDY_RULES } from '../rules';
import type { WaiverField } from '../schema';
import { report, textField, type CheckContext } from './context';

/** A waiver as read from its row. */
export interface Waiver {
  readonly rule: string;
  /** The cell it applies to, as written (`Employees!E7`). */
  readonly cell: string;
  /** The value the cell held when the finding was accepted, as `waiverValueText` writes it. */
  readonly value: string;
  readonly reason: string;
  readonly reviewer?: string;
  readonly date?: string;
  /** Where the waiver itself is: `Waivers!A3`. */
  readonly at: string;
}

/**
 * A cell's value as a waiver records it, so that the value written when a finding is waived and
 * the value read back later compare equal exactly when the cell is unchanged, whichever host
 * wrote it and whether it came back as a number or as text: a number in its shortest exact
 * form (0.85, 60000.37), TRUE/FALSE, a date as yyyy-mm-dd (with the time when it has one), an
 * error value as its code, text trimmed (Unicode NFC), blank as ''.
 */
export function waiverValueText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Object.is(v, -0) ? '0' : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof v === 'object') return String((v as { errorCode?: unknown }).errorCode ?? '');
  return String(v).normalize('NFC').trim();
}

/** Rules a waiver cannot cover: the waivers' own notes (a waiver of a waiver would hide itself). */
export const UNWAIVABLE = new Set<string>(['waiver/invalid', 'waiver/lapsed', 'internal/error']);

export interface ParsedWaiver {
  readonly waiver: Waiver;
  readonly key: string;
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  /** The waiver's own row, for its notes. */
  readonly waiverRow: number;
}

export const keyOf = (rule: string, sheet: string, row: number, col: number) =>
  `${rule}\u0000${sheet.toLowerCase()}\u0000${row}\u0000${col}`;

/** A waiver row read, or why it cannot be used (reported by `checkWaivers`). */
export function readWaiver(
  t: StudyTable<WaiverField>,
  r: StudyRow<WaiverField>,
  text: (field: WaiverField) => string | undefined,
): ParsedWaiver | { readonly why: string; readonly field: WaiverField } | undefined {
  const rule = text('rule');
  const cell = text('cell');
  const reason = text('reason');
  if (rule === undefined || cell === undefined || reason === undefined) return undefined; // blank: reported as such
  if (!Object.prototype.hasOwnProperty.call(STUDY_RULES, rule) || UNWAIVABLE.has(rule))
    return {
      field: 'rule',
      why: `names ${JSON.stringify(rule.slice(0, 80))}, which is no rule a waiver can cover (rule ids look like wages/role-range: the rule line of the finding)`,
    };
  const at = parseCellRef(cell);
  if (!at)
    return {
      field: 'cell',
      why: `names the cell ${JSON.stringify(cell.slice(0, 80))}, which is not a sheet and a cell like Employees!E7 (the cell of the finding)`,
    };
  const reviewer = text('reviewer');
  const date = t.columns.date === undefined ? undefined : waiverValueText(r.cells.date) || undefined;
  const waiver: Waiver = {
    rule,
    cell,
    value: waiverValueText(t.columns.value === undefined ? undefined : r.cells.value),
    reason,
    ...(reviewer !== undefined ? { reviewer } : {}),
    ...(date !== undefined ? { date } : {}),
    at: cellRef(t.sheet, r.row, 0),
  };
  return {
    waiver,
    key: keyOf(rule, at.sheet, at.row, at.col),
    sheet: at.sheet,
    row: at.row,
    col: at.col,
    waiverRow: r.row,
  };
}

/** The validator's check of the Waivers sheet: blank required cells, unknown rules, unreadable cells. */
export function checkWaivers(ctx: CheckContext, t: StudyTable<WaiverField>): void {
  for (const r of t.rows) {
    const w = readWaiver(t, r, (field) => textField(ctx, t, r, field));
    if (w === undefined || !('why' in w)) continue;
    report(
      ctx,
      'waiver/invalid',
      t,
      r,
      w.field,
      `The waiver on ${t.sheet} row ${r.row} ${w.why}, so it waives nothing; correct it or delete the row.`,
    );
  }
}
