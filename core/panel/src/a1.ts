/**
 * Reading the A1 references findings carry (`Employees!E7`, `'Prior Years'!B3`,
 * `'O''Brien LLC'!A1`) back into sheet, row and column — what a host needs to select or
 * mark the cell. The inverse of core/src/study/a1.ts `cellRef`.
 */

export interface CellAddress {
  readonly sheet: string;
  /** 1-based row. */
  readonly row: number;
  /** 0-based column (A = 0). */
  readonly col: number;
  /** The address without the sheet, e.g. "E7". */
  readonly address: string;
}

/** "E" → 4, "AA" → 26; undefined for anything else. */
export function columnIndex(letters: string): number | undefined {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return undefined;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Parse `Sheet!A1` (sheet quoted when needed); undefined when it is not one cell of a named sheet. */
export function parseCellRef(ref: string): CellAddress | undefined {
  const text = ref.trim();
  let sheet: string;
  let rest: string;
  if (text.startsWith("'")) {
    let i = 1;
    let name = '';
    for (; i < text.length; i++) {
      if (text[i] === "'") {
        if (text[i + 1] === "'") {
          name += "'";
          i++;
          continue;
        }
        break;
      }
      name += text[i];
    }
    if (i >= text.length || text[i + 1] !== '!') return undefined;
    sheet = name;
    rest = text.slice(i + 2);
  } else {
    const bang = text.lastIndexOf('!');
    if (bang <= 0) return undefined;
    sheet = text.slice(0, bang);
    rest = text.slice(bang + 1);
  }
  const m = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/.exec(rest);
  if (!m || sheet === '') return undefined;
  const col = columnIndex(m[1]);
  const row = Number(m[2]);
  if (col === undefined || row < 1) return undefined;
  return { sheet, row, col, address: `${m[1].toUpperCase()}${row}` };
}
