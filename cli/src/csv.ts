/**
 * A small, strict CSV reader (RFC 4180): comma-separated, fields optionally in double quotes,
 * a doubled quote inside quotes is one quote, quoted fields may hold commas and line breaks,
 * lines end in LF or CRLF. What spreadsheets export; nothing more is guessed.
 */
import { LIMITS, count } from './read-limits';

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

export interface CsvLimits {
  readonly rows: number;
  readonly columns: number;
  readonly lineChars: number;
}
const CSV_LIMITS: CsvLimits = { rows: LIMITS.rows, columns: LIMITS.columns, lineChars: LIMITS.csvLineChars };

/** Refuse a physical line longer than the limit before parsing (LF, CRLF or CR line ends). */
function checkLineLengths(text: string, max: number): void {
  if (text.length <= max) return;
  const lineEnd = /\r\n?|\n/g;
  let start = 0;
  let line = 1;
  for (;;) {
    const m = lineEnd.exec(text);
    const end = m ? m.index : text.length;
    if (end - start > max) {
      throw new CsvError(
        `line ${line} is ${count(end - start)} characters long, more than rdtax reads in one line (${count(max)}); a cell holds at most 32,767 characters`,
        line,
      );
    }
    if (!m) return;
    start = lineEnd.lastIndex;
    line++;
  }
}

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/** Rows of raw field texts. A trailing line break does not make an extra row. */
export function parseCsv(text: string, limits: CsvLimits = CSV_LIMITS): string[][] {
  checkLineLengths(text, limits.lineChars);
  const rows: string[][] = [];
  let row: string[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  const endRow = () => {
    rows.push(row);
    row = [];
    if (rows.length > limits.rows) {
      throw new CsvError(
        `line ${line}: more than ${count(limits.rows)} rows, the most a worksheet can have; split the file`,
        line,
      );
    }
  };
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === QUOTE) {
      const openedAt = line;
      let j = i + 1;
      field = '';
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new CsvError(`a quoted field opened on line ${openedAt} is never closed`, openedAt);
        if (text.charCodeAt(q + 1) === QUOTE) {
          field += text.slice(j, q + 1);
          j = q + 2;
          continue;
        }
        field += text.slice(j, q);
        i = q + 1;
        break;
      }
      for (let k = field.indexOf('\n'); k >= 0; k = field.indexOf('\n', k + 1)) line++;
      // After the closing quote: a separator, a line end or the end of the text.
      const c = text.charCodeAt(i);
      if (i < n && c !== COMMA && c !== LF && c !== CR) {
        throw new CsvError(
          `line ${line}: text after a closing quote (${JSON.stringify(text.slice(i, i + 10))}); quote the whole field`,
          line,
        );
      }
    } else {
      let j = i;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (c === COMMA || c === LF || c === CR) break;
        if (c === QUOTE)
          throw new CsvError(
            `line ${line}: a double quote inside an unquoted field; put the whole field in quotes and double the quote ("")`,
            line,
          );
      }
      field = text.slice(i, j);
      i = j;
    }
    row.push(field);
    if (row.length > limits.columns) {
      throw new CsvError(
        `line ${line}: more than ${count(limits.columns)} fields, the most columns a worksheet can have`,
        line,
      );
    }
    if (i >= n) break;
    const c = text.charCodeAt(i);
    i++;
    if (c === COMMA) {
      if (i >= n) row.push(''); // `a,` at the very end is two fields
      continue;
    }
    if (c === CR && text.charCodeAt(i) === LF) i++;
    endRow();
    line++;
  }
  if (row.length > 0) endRow();
  return rows;
}

/** The offset of the first byte that is not part of valid UTF-8 (RFC 3629), or -1. */
export function invalidUtf8At(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Decode a CSV file's bytes: UTF-8 (with or without the BOM Excel's "CSV UTF-8" writes), or
 * UTF-16 with a BOM. Anything else — including Windows-1252 from Excel's plain "CSV" — is
 * refused with the line and column of the first byte that is not UTF-8, rather than guessed.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const body =
    bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const at = invalidUtf8At(body);
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < at; k++) {
      if (body[k] === LF) {
        line++;
        lineStart = k + 1;
      }
    }
    const hex = (body[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new CsvError(
      `line ${line} is not UTF-8 text (byte 0x${hex} at byte ${at - lineStart + 1} of the line, perhaps Windows-1252 from Excel's plain "CSV" format); save it as "CSV UTF-8 (Comma delimited)"`,
      line,
    );
  }
}

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A field as a cell value, the way a spreadsheet opening the CSV would see it: empty → blank,
 * a plain number → a number; everything else stays text ("1,200", "80%", "$5" are read as
 * numbers later by the engine's own cell conventions, with a located message when they are not).
 */
export function csvCell(field: string): string | number | null {
  if (field === '') return null;
  const t = field.trim();
  if (PLAIN_NUMBER.test(t)) {
    const n = Number(t);
    if (Number.isFinite(n)) return n;
  }
  return field;
}
