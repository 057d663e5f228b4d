/**
 * Which cells a host marks for a list of findings, in which colour, and which findings are left
 * unmarked — decided once for every host. A host asks `planMarks` and paints exactly
 * `marks`; it decides neither the colour, nor the precedence, nor how many.
 *
 * - One mark per cell, carrying every finding on that cell in the order given; its severity is
 *   the worst of them (error over warning over info), and its colour that severity's.
 * - Cells are taken in the order their first finding comes (the validator lists errors first),
 *   up to the host's limit; a finding on a cell already planned always rides along with it.
 * - A finding whose cell is no cell reference, or whose sheet the workbook no longer has, or
 *   whose cell lies beyond the limit is in `unmarked`, with the reason, so the panel can say
 *   how many were not marked.
 */
import { parseCellRef } from '../study/a1';
import type { Severity } from '../study/types';

/** The hosts that paint marks (the demo page imitates Excel's). */
export type MarkHost = 'excel' | 'sheets';

/** The fill of a marked cell, by host and severity: each host's own palette, so marks look native. */
export const MARK_COLOURS: Readonly<Record<MarkHost, Readonly<Record<Severity, string>>>> = {
  // Office theme colours: Orange Accent 2, Gold Accent 4 (lighter 60%), Blue Accent 5 (lighter 80%).
  excel: { error: '#F8CBAD', warning: '#FFE699', info: '#DDEBF7' },
  // Sheets' own palette: light red 2, light yellow 2, light cornflower blue 2.
  sheets: { error: '#f4cccc', warning: '#fff2cc', info: '#c9daf8' },
};

/**
 * The most cells marked at once, by host. Sheets is lower because each mark is remembered in the
 * document's properties (500 kB in all, and a mark's record holds the note it wrote and the note
 * it replaced: a few hundred characters), and each note is its own setNote call within the
 * 6-minute execution limit; 2,000 marks would overflow the store. Excel keeps its records in
 * the workbook's settings and writes every mark in one batch. Either way the findings list
 * still has every finding: the first cells are the ones to fix before validating again.
 */
export const MARK_LIMITS: Readonly<Record<MarkHost, number>> = { excel: 2000, sheets: 500 };

/** Precedence of a cell's findings: the worst decides its colour. */
const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

/** What a mark needs of a finding (a validator Finding, or one that crossed Sheets' wire). */
export interface MarkableFinding {
  readonly cell: string;
  readonly severity: Severity;
}

export interface PlannedMark<F extends MarkableFinding = MarkableFinding> {
  /** The sheet as the workbook names it now. */
  readonly sheet: string;
  /** The cell without its sheet, e.g. "E7". */
  readonly address: string;
  /** 1-based row. */
  readonly row: number;
  /** 0-based column (A = 0). */
  readonly col: number;
  /** The worst severity of the cell's findings. */
  readonly severity: Severity;
  readonly colour: string;
  /** Every finding on the cell, in the order given. */
  readonly findings: readonly F[];
}

export type UnmarkedReason = 'not-a-cell' | 'no-sheet' | 'limit';

export interface MarkPlan<F extends MarkableFinding = MarkableFinding> {
  readonly marks: readonly PlannedMark<F>[];
  readonly unmarked: readonly { readonly finding: F; readonly reason: UnmarkedReason }[];
  /** The limit the plan kept to. */
  readonly limit: number;
}

export interface MarkPlanOptions {
  /**
   * The workbook's sheet names now. A finding's sheet is matched exactly, else ignoring case
   * (Excel and Sheets refuse two names differing only in case); absent, every sheet is assumed
   * there (the sidebar plans before the server sees the spreadsheet).
   */
  readonly sheets?: readonly string[];
}

export function planMarks<F extends MarkableFinding>(
  findings: readonly F[],
  host: MarkHost,
  options: MarkPlanOptions = {},
): MarkPlan<F> {
  const limit = MARK_LIMITS[host];
  const exact = options.sheets && new Set(options.sheets);
  const folded = options.sheets && new Map(options.sheets.map((s) => [s.toLowerCase(), s] as const));
  const sheetOf = (name: string): string | undefined =>
    !exact || !folded ? name : exact.has(name) ? name : folded.get(name.toLowerCase());

  const cells = new Map<string, { sheet: string; address: string; row: number; col: number; findings: F[] }>();
  const unmarked: { finding: F; reason: UnmarkedReason }[] = [];
  for (const finding of findings) {
    const at = parseCellRef(String(finding?.cell ?? ''));
    if (!at) {
      unmarked.push({ finding, reason: 'not-a-cell' });
      continue;
    }
    const sheet = sheetOf(at.sheet);
    if (sheet === undefined) {
      unmarked.push({ finding, reason: 'no-sheet' });
      continue;
    }
    const key = `${sheet}!${at.address}`;
    const cell = cells.get(key);
    if (cell) cell.findings.push(finding);
    else if (cells.size < limit)
      cells.set(key, { sheet, address: at.address, row: at.row, col: at.col, findings: [finding] });
    else unmarked.push({ finding, reason: 'limit' });
  }

  const marks = [...cells.values()].map((c) => {
    const severity = SEVERITY_ORDER.find((s) => c.findings.some((f) => f.severity === s)) ?? 'info';
    return { ...c, severity, colour: MARK_COLOURS[host][severity] };
  });
  return { marks, unmarked, limit };
}
