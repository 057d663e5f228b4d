/**
 * What a reviewer does to a finding (issue 13 §2): **Fix** (write the one value the finding's
 * message computes into its cell), **Undo** (put back what the cell held), **Waive** with a reason
 * (a row of the Waivers sheet, core's `waiverRow`), and **Export** the findings report (core's
 * report.ts — the same page and CSV as `rdtax check --report`). Each write is guarded by what the
 * cell held when it was read, so a cell changed meanwhile is never overwritten, and is followed by
 * a new Validate, so the list shows the workbook as it now is. Nothing here computes a tax number
 * or touches a host API other than through the PanelHost.
 */
import type { CellValue } from '@core/cells';
import {
  findingsReportCsv,
  findingsReportHtml,
  headerKey,
  SHEET_NAMES,
  WAIVER_HEADERS,
  waiverRow,
  type Finding,
  type WaivedFinding,
  type WorkbookGrids,
} from '@core/study';
import { UNWAIVABLE } from '@core/study/checks/waivers';
import { parseCellRef } from './a1';
import { shownValue, type PanelHost } from './host';
import { bounded } from './text';

/** The longest waiver reason the panel takes (a sentence or two; the cell holds 32,767). */
export const MAX_WAIVER_REASON = 500;

/** The last Fix, Undo or Waive: its sentence, shown by the findings, and how to undo a fix. */
export interface FindingAct {
  /** The cell acted on (`Employees!E7`). */
  readonly cell: string;
  readonly text: string;
  /** The action did not happen (the sentence says why). */
  readonly failed?: boolean;
  /** A fix that Undo can take back: write `value` to `cell` while it still holds `expected`. */
  readonly undo?: { readonly cell: string; readonly value: CellValue; readonly expected: CellValue };
  /** A waiver just added, that Undo removes again (the waived finding with this rule and cell). */
  readonly unwaive?: { readonly rule: string; readonly cell: string };
}

/** A report to save: its file name, media type and text. */
export interface ReportDownload {
  readonly name: string;
  readonly type: string;
  readonly text: string;
}

export type ReportKind = 'html' | 'csv';

export interface FindingActionsDeps {
  readonly host: PanelHost;
  /** The findings and waived findings of the last Validate. */
  current(): { readonly findings: readonly Finding[]; readonly waived: readonly WaivedFinding[] };
  /** The grids the last Validate read (the values the guards expect). */
  grids(): WorkbookGrids | undefined;
  act(act: FindingAct | undefined): void;
  /** Run a host call; undefined when it failed (`fail` got the sentence). */
  attempt<T>(what: string, call: () => Promise<T>, fail: (sentence: string) => void): Promise<{ value: T } | undefined>;
  /** Validate again (after a write). */
  revalidate(): Promise<void>;
  now(): Date;
}

export interface FindingActions {
  fix(f: Finding): Promise<void>;
  undo(): Promise<void>;
  waive(f: Finding, reason: string, reviewer?: string): Promise<void>;
  unwaive(f: WaivedFinding): Promise<void>;
  report(kind: ReportKind): ReportDownload;
}

/** The host offers Fix for this finding (its message computes the value, the host can write). */
export const canFix = (host: PanelHost, f: Finding): boolean => host.writeCell !== undefined && f.fix !== undefined;
/** The host can remove a waiver (Remove waiver, and Undo after Waive). */
export const canUnwaive = (host: PanelHost): boolean => host.removeWaiver !== undefined;
/** The host offers Waive for this finding (not a waiver's own note). */
export const canWaive = (host: PanelHost, f: Finding): boolean =>
  host.appendWaiver !== undefined && !UNWAIVABLE.has(f.rule);

/** Why a reason cannot be used, or undefined. */
export function reasonProblem(reason: string): string | undefined {
  const r = reason.trim();
  if (r === '')
    return 'Give a reason: a waiver says why the finding is accepted (for example, “time records show 85%”).';
  if (r.length > MAX_WAIVER_REASON)
    return `The reason is ${r.length.toLocaleString('en-US')} characters long; a waiver takes at most ${MAX_WAIVER_REASON}.`;
  return undefined;
}

const WAIVER_SHEET_KEYS = new Set(
  [SHEET_NAMES.waivers.sheet, ...(SHEET_NAMES.waivers.aliases ?? [])].map((n) => headerKey(n)),
);

/** The value of `a1` in the grids as read (sheet names compared ignoring case), blank as null. */
export function valueIn(wb: WorkbookGrids | undefined, a1: string): CellValue {
  const at = parseCellRef(a1);
  if (!wb || !at) return null;
  const s = wb.sheets.find((x) => x.name.toLowerCase() === at.sheet.toLowerCase());
  return s?.values[at.row - 1]?.[at.col] ?? null;
}

/**
 * The waiver row laid out for the Waivers sheet as read: its own column order when it has one
 * (matched by header as the study reader matches them), else WAIVER_HEADERS' order. A sheet
 * lacking Rule, Cell, Value or Reason cannot hold a waiver: the sentence says which.
 */
export function waiverRowFor(
  wb: WorkbookGrids | undefined,
  row: readonly string[],
): { row: string[] } | { problem: string } {
  const sheet = wb?.sheets.find((s) => WAIVER_SHEET_KEYS.has(headerKey(s.name)));
  const header = sheet?.values[0];
  if (!sheet || !header || header.every((c) => c === null || c === undefined || String(c).trim() === ''))
    return { row: [...row] };
  const keys = header.map((c) => headerKey(typeof c === 'string' ? c : String(c ?? '')));
  const missing = WAIVER_HEADERS.slice(0, 4).filter((h) => !keys.includes(headerKey(h)));
  if (missing.length > 0)
    return {
      problem: `The ${sheet.name} sheet has no ${missing.join(', ')} ${missing.length === 1 ? 'column' : 'columns'} in row 1, so a waiver cannot be added; put back the headers ${WAIVER_HEADERS.join(', ')}.`,
    };
  return {
    row: keys.map((k) => {
      const i = WAIVER_HEADERS.findIndex((h) => headerKey(h) === k);
      return i >= 0 ? (row[i] ?? '') : '';
    }),
  };
}

const REPORT_TOOL: Readonly<Record<PanelHost['kind'], string>> = {
  excel: 'RD Credit Studio for Excel',
  sheets: 'RD Credit Studio for Google Sheets',
  demo: 'RD Credit Studio (demo)',
};

export function createFindingActions(d: FindingActionsDeps): FindingActions {
  const { host } = d;
  /** The last fix, while Undo can take it back. */
  let lastUndo: FindingAct['undo'];
  /** The last waiver added, while Undo can take it back. */
  let lastWaiver: FindingAct['unwaive'];

  async function fix(f: Finding): Promise<void> {
    const write = host.writeCell;
    if (!write || !f.fix) return;
    const value = f.fix.value;
    const expected = valueIn(d.grids(), f.cell);
    lastUndo = undefined;
    lastWaiver = undefined;
    d.act({ cell: f.cell, text: `Setting ${f.cell} to ${value}…` });
    const done = await d.attempt(
      `Setting ${f.cell}`,
      () => write.call(host, f.cell, value, expected),
      (text) => d.act({ cell: f.cell, text, failed: true }),
    );
    if (!done) return;
    const before = done.value ?? null;
    lastUndo = { cell: f.cell, value: before, expected: value };
    await d.revalidate();
    d.act({
      cell: f.cell,
      text: `Set ${f.cell} to ${value} (it held ${shownValue(before)}); nothing else was changed.`,
      undo: lastUndo,
    });
  }

  async function undo(): Promise<void> {
    if (lastWaiver) {
      const { rule, cell } = lastWaiver;
      const w = d.current().waived.find((x) => x.rule === rule && x.cell === cell);
      if (w) await unwaive(w);
      return;
    }
    const u = lastUndo;
    const write = host.writeCell;
    if (!u || !write) return;
    const done = await d.attempt(
      `Undoing the fix of ${u.cell}`,
      () => write.call(host, u.cell, u.value, u.expected),
      (text) => d.act({ cell: u.cell, text, failed: true }),
    );
    if (!done) return;
    lastUndo = undefined;
    await d.revalidate();
    d.act({ cell: u.cell, text: `Put back ${shownValue(u.value)} in ${u.cell}; nothing else was changed.` });
  }

  async function waive(f: Finding, reason: string, reviewer = ''): Promise<void> {
    const append = host.appendWaiver;
    if (!append || UNWAIVABLE.has(f.rule)) return;
    const problem = reasonProblem(reason);
    if (problem) {
      d.act({ cell: f.cell, text: problem, failed: true });
      return;
    }
    const wb = d.grids();
    const value = valueIn(wb, f.cell);
    const laid = waiverRowFor(wb, waiverRow(f, value, reason, reviewer, d.now()));
    if ('problem' in laid) {
      d.act({ cell: f.cell, text: laid.problem, failed: true });
      return;
    }
    lastUndo = undefined;
    lastWaiver = undefined;
    const done = await d.attempt(
      `Waiving ${f.rule} on ${f.cell}`,
      () => append.call(host, laid.row),
      (text) => d.act({ cell: f.cell, text, failed: true }),
    );
    if (!done) return;
    await d.revalidate();
    if (host.removeWaiver) lastWaiver = { rule: f.rule, cell: f.cell };
    d.act({
      cell: f.cell,
      ...(lastWaiver ? { unwaive: lastWaiver } : {}),
      text: `Waived ${f.rule} on ${f.cell} while it holds ${shownValue(value)}: “${bounded(reason.trim(), 120)}”. The waiver is a row of the Waivers sheet, saved with the workbook; it lapses if the cell changes.`,
    });
  }

  /** Remove a waiver: empty its row of the Waivers sheet (guarded by the row as read), then validate. */
  async function unwaive(w: WaivedFinding): Promise<void> {
    const remove = host.removeWaiver;
    if (!remove) return;
    const at = parseCellRef(w.waiver.at);
    const sheet = at && d.grids()?.sheets.find((s) => s.name.toLowerCase() === at.sheet.toLowerCase());
    const expected = sheet?.values[(at?.row ?? 0) - 1];
    if (!at || !expected) {
      d.act({
        cell: w.cell,
        text: `The waiver at ${w.waiver.at} was not found; press Validate and try again.`,
        failed: true,
      });
      return;
    }
    lastUndo = undefined;
    lastWaiver = undefined;
    const done = await d.attempt(
      `Removing the waiver of ${w.rule} on ${w.cell}`,
      () => remove.call(host, w.waiver.at, expected),
      (text) => d.act({ cell: w.cell, text, failed: true }),
    );
    if (!done) return;
    await d.revalidate();
    d.act({
      cell: w.cell,
      text: `Removed the waiver of ${w.rule} on ${w.cell} (row ${at.row} of ${at.sheet} is now empty); the finding counts again.`,
    });
  }

  function report(kind: ReportKind): ReportDownload {
    const { findings, waived } = d.current();
    const generated = d.now();
    const input = {
      files: [{ file: 'This workbook', findings, waived }],
      generated,
      tool: REPORT_TOOL[host.kind],
    };
    const day = generated.toISOString().slice(0, 10);
    return kind === 'html'
      ? { name: `findings-${day}.html`, type: 'text/html;charset=utf-8', text: findingsReportHtml(input) }
      : { name: `findings-${day}.csv`, type: 'text/csv;charset=utf-8', text: findingsReportCsv(input) };
  }

  return { fix, undo, waive, unwaive, report };
}
