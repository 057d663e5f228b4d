/**
 * A PanelHost over an in-memory workbook (named 2-D arrays): the demo page's spreadsheet and
 * the host the panel's own tests run against. It behaves like the real hosts where the panel
 * can tell: a missing sheet rejects with a sentence, sheet names match case-insensitively,
 * marks and inserted sheets follow core's plans (as Excel's), and clearing marks leaves
 * everything else alone.
 */
import type { CellValue } from '@core/cells';
import type { Finding, WorkbookGrids } from '@core/study/types';
import { headerKey, SHEET_NAMES, WAIVER_HEADERS, waiverValueText } from '@core/study';
import { parseCellRef, type CellAddress } from './a1';
import { shownValue, type MarkCellsResult, type PanelHost, type RenderedSheet } from './host';
import { sheetContents } from '@core/templates/render';
import { insertReport, planInsert } from '@core/plans/insert-plan';
import { planMarks } from '@core/plans/mark-plan';
import { applyEditToMemory } from './memory-apply';

export interface MemorySheet {
  name: string;
  values: CellValue[][];
}

export interface MemoryWorkbook {
  sheets: MemorySheet[];
}

export type MemoryHostEvent =
  | { readonly type: 'select'; readonly cell: CellAddress }
  | { readonly type: 'marks' }
  | { readonly type: 'sheets'; readonly inserted: readonly string[] }
  /** A cell was written (Fix, Undo) or a waiver row added. */
  | { readonly type: 'cells'; readonly sheet: string };

export interface MemoryHost extends PanelHost {
  readonly workbook: MemoryWorkbook;
  /** The selected cell, if any. */
  selected(): CellAddress | undefined;
  /** Marked cells as `sheet → set of "row,col"` (row 1-based, col 0-based). */
  marks(): ReadonlyMap<string, ReadonlySet<string>>;
  /** Be told when the panel selects, marks or inserts (the demo page redraws). */
  onChange(listener: (e: MemoryHostEvent) => void): void;
}

export interface MemoryHostOptions {
  readonly kind?: PanelHost['kind'];
  /** Offer "Add short names" (the demo shows what the Excel button says). */
  readonly shortNames?: () => { added: string[]; note?: string };
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The names the study reader takes for the Waivers sheet, as headerKey reads them. */
const WAIVER_SHEET_KEYS = new Set(
  [SHEET_NAMES.waivers.sheet, ...(SHEET_NAMES.waivers.aliases ?? [])].map((n) => headerKey(n)),
);

function copyValues(values: readonly (readonly CellValue[])[]): CellValue[][] {
  return values.map((r) => [...r]);
}

export function createMemoryHost(workbook: MemoryWorkbook, options: MemoryHostOptions = {}): MemoryHost {
  let selected: CellAddress | undefined;
  const marks = new Map<string, Set<string>>();
  const listeners: ((e: MemoryHostEvent) => void)[] = [];
  const emit = (e: MemoryHostEvent) => listeners.forEach((l) => l(e));
  const sheetOf = (name: string) => workbook.sheets.find((s) => sameName(s.name, name));

  const address = (a1: string): CellAddress => {
    const at = parseCellRef(a1);
    if (!at) throw new Error(`${a1} is not a cell reference.`);
    const sheet = sheetOf(at.sheet);
    if (!sheet) throw new Error(`There is no sheet named ${at.sheet}.`);
    return { ...at, sheet: sheet.name };
  };

  const host: MemoryHost = {
    kind: options.kind ?? 'demo',
    workbook,
    selected: () => selected,
    marks: () => marks,
    onChange: (l) => void listeners.push(l),

    async readWorkbook(): Promise<WorkbookGrids> {
      // A copy, as a real host's read is: the panel cannot change the workbook through it.
      return { sheets: workbook.sheets.map((s) => ({ name: s.name, values: copyValues(s.values) })) };
    },

    async selectCell(a1: string): Promise<void> {
      selected = address(a1);
      emit({ type: 'select', cell: selected });
    },

    async markCells(findings: readonly Finding[]): Promise<MarkCellsResult> {
      const plan = planMarks(findings, options.kind === 'sheets' ? 'sheets' : 'excel', {
        sheets: workbook.sheets.map((s) => s.name),
      });
      for (const m of plan.marks) {
        let set = marks.get(m.sheet);
        if (!set) marks.set(m.sheet, (set = new Set()));
        set.add(`${m.row},${m.col}`);
      }
      emit({ type: 'marks' });
      return { marked: plan.marks.length, notMarked: plan.unmarked.length };
    },

    async clearMarks(): Promise<void> {
      marks.clear();
      emit({ type: 'marks' });
    },

    async insertSheets(sheets: readonly RenderedSheet[]): Promise<{ inserted: string[]; skipped: string[] }> {
      const plan = planInsert(
        workbook.sheets.map((s) => s.name),
        sheets,
      );
      // A preview shows formulas as their text in their cells, as a formula bar would.
      for (const s of plan.insert) workbook.sheets.push({ name: s.name, values: sheetContents(s) });
      const report = insertReport(plan);
      emit({ type: 'sheets', inserted: report.inserted });
      return report;
    },

    async writeCell(a1: string, value: CellValue, expected: CellValue): Promise<CellValue> {
      const at = address(a1);
      const sheet = sheetOf(at.sheet) as MemorySheet;
      const now = sheet.values[at.row - 1]?.[at.col] ?? null;
      // The demo keeps a formula as its text.
      if (typeof now === 'string' && now.startsWith('='))
        throw new Error(`${a1} holds a formula (${shownValue(now)}), so it was not changed; change it by hand.`);
      if (waiverValueText(now) !== waiverValueText(expected))
        throw new Error(
          `${a1} now holds ${shownValue(now)}, not ${shownValue(expected)}, so it was not changed; press Validate and try again.`,
        );
      while (sheet.values.length < at.row) sheet.values.push([]);
      const row = sheet.values[at.row - 1] as CellValue[];
      while (row.length < at.col) row.push(null);
      row[at.col] = value;
      emit({ type: 'cells', sheet: sheet.name });
      return now;
    },
    async removeWaiver(at: string, expected: readonly CellValue[]): Promise<void> {
      const a = address(at);
      const sheet = sheetOf(a.sheet) as MemorySheet;
      const row = sheet.values[a.row - 1] ?? [];
      const width = Math.max(row.length, expected.length);
      for (let c = 0; c < width; c++)
        if (waiverValueText(row[c] ?? null) !== waiverValueText(expected[c] ?? null))
          throw new Error(
            `Row ${a.row} of ${sheet.name} has changed since Validate, so the waiver was not removed; press Validate and try again.`,
          );
      sheet.values[a.row - 1] = row.map(() => null);
      emit({ type: 'cells', sheet: sheet.name });
    },
    async applyWorkbookEdit(edit) {
      const done = applyEditToMemory(workbook, edit);
      emit({ type: 'sheets', inserted: [...done.added] });
      return done;
    },
    async appendWaiver(values: readonly string[]): Promise<void> {
      let sheet = workbook.sheets.find((s) => WAIVER_SHEET_KEYS.has(headerKey(s.name)));
      if (!sheet) workbook.sheets.push((sheet = { name: SHEET_NAMES.waivers.sheet, values: [[...WAIVER_HEADERS]] }));
      // After the last row with anything in it, as a spreadsheet's next empty row.
      let last = sheet.values.length;
      while (last > 0 && (sheet.values[last - 1] ?? []).every((c) => waiverValueText(c) === '')) last--;
      sheet.values.splice(last, sheet.values.length - last, [...values]);
      emit({ type: 'cells', sheet: sheet.name });
    },
  };
  const shortNames = options.shortNames;
  if (shortNames) {
    return Object.assign(host, { addShortNames: async () => shortNames() });
  }
  return host;
}
