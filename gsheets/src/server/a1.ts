/** Reading the A1 references findings carry: `Employees!E7`, `'Prior Years'!B3`, `'O''Brien'!A1`. */

export interface CellRef {
  readonly sheet: string;
  /** the cell without its sheet, e.g. "E7" */
  readonly a1: string;
  /** 1-based */
  readonly row: number;
  readonly col: number;
}

const REF = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;

export function parseCellRef(ref: string): CellRef | undefined {
  const m = REF.exec(ref.trim());
  if (!m) return undefined;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  let col = 0;
  for (const ch of m[3].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[4]);
  if (row < 1) return undefined;
  return { sheet, a1: `${m[3].toUpperCase()}${row}`, row, col };
}
