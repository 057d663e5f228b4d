/**
 * A1 references that Excel and Google Sheets both accept, so a host can select the cell a
 * finding points at: `Employees!E7`, `'Prior Years'!B3`, `'O''Brien LLC'!A1`.
 */

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(col: number): string {
  let n = Math.max(0, Math.floor(col)) + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// Unquoted only when the name cannot be read as anything else: letters, digits and `_`, not
// starting with a digit, and not itself a cell address (`AB12`) or an R1C1 form (`R`, `C3`,
// `R2C4`). Quoting is always valid, so anything doubtful is quoted.
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LOOKS_LIKE_A1 = /^[A-Za-z]{1,3}[0-9]+$/;
const LOOKS_LIKE_R1C1 = /^(?:[Rr][0-9]*[Cc]?[0-9]*|[Cc][0-9]*)$/;

/** The last sheet name asked for and its reference: 50,000 findings on one sheet test it once. */
let lastSheet: string | undefined;
let lastRef = '';

/** The sheet part of a reference, quoted when needed (a `'` inside is doubled). */
export function sheetRef(sheet: string): string {
  if (sheet === lastSheet) return lastRef;
  const ref =
    PLAIN_NAME.test(sheet) && !LOOKS_LIKE_A1.test(sheet) && !LOOKS_LIKE_R1C1.test(sheet)
      ? sheet
      : `'${sheet.replace(/'/g, "''")}'`;
  lastSheet = sheet;
  lastRef = ref;
  return ref;
}

/** `Sheet!E7` for 1-based `row` and 0-based `col`. */
export function cellRef(sheet: string, row: number, col: number): string {
  return `${sheetRef(sheet)}!${columnLetter(col)}${Math.max(1, Math.floor(row))}`;
}

// Reading references back (hosts select or mark the cell a finding points at).

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
  const [, letters, digits] = m;
  if (letters === undefined || digits === undefined) return undefined;
  const col = columnIndex(letters);
  const row = Number(digits);
  if (col === undefined || row < 1) return undefined;
  return { sheet, row, col, address: `${letters.toUpperCase()}${row}` };
}
