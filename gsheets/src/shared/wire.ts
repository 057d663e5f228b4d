/**
 * Turning what crossed google.script.run back into core values (in the sidebar), and the
 * other way for what the sidebar sends. Pure: tested without a browser.
 */
import type { CellValue } from '@core/cells';
import { waiverValueText } from '@core/study/checks/waivers';
import type { SheetGrid, WorkbookGrids } from '@core/study/types';
import type { WireCell, WireMark, WireSheet, WireTemplateSheet, WireWorkbook } from './api';

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** A date sent as wall-clock text, rebuilt as a local Date with the same calendar fields. */
function reviveDate(text: string): Date | string {
  const m = WALL_CLOCK.exec(text);
  if (!m) return text;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function reviveSheet(s: WireSheet): SheetGrid {
  const values: CellValue[][] = s.values.map((row) => row.slice());
  for (const [r, c] of s.dates ?? []) {
    const v = values[r]?.[c];
    if (typeof v === 'string') values[r][c] = reviveDate(v);
  }
  return { name: s.name, values };
}

export function reviveWorkbook(wb: WireWorkbook): WorkbookGrids {
  return { sheets: wb.sheets.map(reviveSheet) };
}

/** A cell value for the wire: a date as core's waiver text (yyyy-mm-dd), anything else plain. */
export function wireValue(v: unknown): WireCell {
  return Object.prototype.toString.call(v) === '[object Date]' ? waiverValueText(v as Date) : wireCell(v);
}

function wireCell(v: unknown): WireCell {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return null;
}

/** A rendered template sheet for the wire: only plain cells, lists and formats. */
export function wireTemplateSheet(s: {
  readonly name: string;
  readonly values: readonly (readonly unknown[])[];
  readonly formulas?: readonly { readonly cell: string; readonly formula: string }[];
  readonly validations?: readonly {
    readonly range: string;
    readonly list: readonly string[];
    readonly listRange?: string;
    readonly strict?: boolean;
  }[];
  readonly formats?: readonly { readonly range: string; readonly format: string }[];
  readonly columnWidths?: readonly number[];
}): WireTemplateSheet {
  return {
    name: s.name,
    values: s.values.map((row) => row.map(wireCell)),
    // The checked formulas travel apart from the values, as core rendered them (Sheets needs no array flag).
    formulas: (s.formulas ?? []).map((f) => ({ cell: f.cell, formula: f.formula })),
    validations: (s.validations ?? []).map((v) => ({
      range: v.range,
      list: [...v.list],
      ...(v.listRange ? { listRange: v.listRange } : {}),
      ...(v.strict !== undefined ? { strict: v.strict } : {}),
    })),
    formats: (s.formats ?? []).map((f) => ({ range: f.range, format: f.format })),
    columnWidths: [...(s.columnWidths ?? [])],
  };
}

export function wireMark(f: {
  readonly cell: string;
  readonly severity: WireMark['severity'];
  readonly rule: string;
  readonly message: string;
}): WireMark {
  return { cell: f.cell, severity: f.severity, rule: f.rule, message: f.message };
}
