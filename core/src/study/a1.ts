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

/** The sheet part of a reference, quoted when needed (a `'` inside is doubled). */
export function sheetRef(sheet: string): string {
  if (PLAIN_NAME.test(sheet) && !LOOKS_LIKE_A1.test(sheet) && !LOOKS_LIKE_R1C1.test(sheet)) return sheet;
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** `Sheet!E7` for 1-based `row` and 0-based `col`. */
export function cellRef(sheet: string, row: number, col: number): string {
  return `${sheetRef(sheet)}!${columnLetter(col)}${Math.max(1, Math.floor(row))}`;
}
