/** Reading the A1 references findings carry: `Employees!E7`, `'Prior Years'!B3`, `'O''Brien'!A1`. */
import { parseCellRef as parseCoreCellRef } from '@core/study/a1';

export interface CellRef {
  readonly sheet: string;
  /** the cell without its sheet, e.g. "E7" */
  readonly a1: string;
  /** 1-based */
  readonly row: number;
  /** 1-based, as Apps Script's getRange(row, column) wants */
  readonly col: number;
}

export function parseCellRef(ref: string): CellRef | undefined {
  const c = parseCoreCellRef(ref);
  return c && { sheet: c.sheet, a1: c.address, row: c.row, col: c.col + 1 };
}
