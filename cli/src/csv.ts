/**
 * Reading the CSV files of a study: csv-parse (`csv-parse/sync`) does the parsing — RFC 4180
 * quoting (a doubled quote inside quotes is one quote; quoted fields may hold separators and line
 * breaks), LF, CRLF or CR line ends, a byte-order mark. What stays here is what a library cannot
 * know: which separator a file uses (comma, semicolon — Excel's CSV in locales whose decimal mark
 * is a comma — or tab, Excel's "Unicode text"), the limits of a worksheet (rows, columns, line
 * length) checked before and while parsing, the decoding (UTF-8 or UTF-16 with a BOM, anything
 * else refused rather than guessed), a header that only makes sense split on another separator,
 * and each problem said as one sentence with its line.
 */
import { parse, type CsvError as LibraryError } from 'csv-parse/sync';
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

/** A file that parses, but whose header only makes sense split on another separator. */
export class CsvSeparatorError extends CsvError {
  constructor(message: string) {
    super(message, 1);
    this.name = 'CsvSeparatorError';
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

/** The separators a study's CSV may use, in the order a tie is decided. */
export const SEPARATORS = [',', ';', '\t'] as const;
export type Separator = (typeof SEPARATORS)[number];

/** How a message names a separator. */
export function separatorName(s: Separator): string {
  return s === '\t' ? 'tab' : `"${s}"`;
}

/** A library error that a CSV file's own content caused (not a defect here). */
function isLibraryError(e: unknown): e is LibraryError & { lines?: number } {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && 'lines' in e;
}

/** The fields of the first row when split on `separator` (0 when the first row does not parse that way). */
function headerWidth(text: string, separator: Separator): number {
  try {
    const [first] = parse(text, { delimiter: separator, to: 1, relax_column_count: true }) as string[][];
    return first?.length ?? 0;
  } catch {
    return 0;
  }
}

/**
 * The separator of a file: of comma, semicolon and tab, the one that splits its first row into
 * the most fields (a tie goes to the earlier in that order; a one-column file is comma). Only
 * the first line is looked at — it is at most `lineChars` long, checked before.
 */
export function detectSeparator(text: string): Separator {
  const firstLines = text.slice(0, CSV_LIMITS.lineChars + 2);
  let best: Separator = ',';
  let most = 1;
  for (const s of SEPARATORS) {
    const n = headerWidth(firstLines, s);
    if (n > most) {
      best = s;
      most = n;
    }
  }
  return best;
}

const parseOptions = (separator: Separator) => ({
  delimiter: separator,
  bom: true,
  // Files joined from several sources mix them; each row ends at whichever it has.
  record_delimiter: ['\r\n', '\n', '\r'],
  relax_column_count: true,
});

/** Rows of raw field texts, split on `separator`. A trailing line break does not make an extra row. */
export function parseCsv(text: string, limits: CsvLimits = CSV_LIMITS, separator: Separator = ','): string[][] {
  checkLineLengths(text, limits.lineChars);
  // The fast way: csv-parse alone, stopping one row past the limit. A file within every limit is
  // read once; any other is read again the slow way, which says what is wrong and on which line.
  try {
    const rows = parse(text, { ...parseOptions(separator), to: limits.rows + 1 }) as string[][];
    if (rows.length <= limits.rows && rows.every((r) => r.length <= limits.columns)) return rows;
  } catch (e) {
    if (!isLibraryError(e)) throw e;
  }
  return parseCsvSaying(text, limits, separator);
}

/** Parse row by row, watching the limits: the first problem as a CsvError with its line. */
function parseCsvSaying(text: string, limits: CsvLimits, separator: Separator): never {
  // Where the last whole row ended: an unclosed quote is in the row after it.
  let lastRowEnd = 0;
  try {
    parse(text, {
      ...parseOptions(separator),
      on_record: (record: string[], context: { records: number; lines: number }) => {
        if (context.records > limits.rows)
          throw new CsvError(
            `line ${context.lines}: more than ${count(limits.rows)} rows, the most a worksheet can have; split the file`,
            context.lines,
          );
        if (record.length > limits.columns)
          throw new CsvError(
            `line ${context.lines}: more than ${count(limits.columns)} fields, the most columns a worksheet can have`,
            context.lines,
          );
        lastRowEnd = context.lines;
        return record;
      },
    });
  } catch (e) {
    if (e instanceof CsvError) throw e;
    if (!isLibraryError(e)) throw e;
    const line = e.lines ?? 1;
    switch (e.code) {
      case 'CSV_QUOTE_NOT_CLOSED':
        throw new CsvError(
          `a quoted field in the row starting on line ${lastRowEnd + 1} is never closed`,
          lastRowEnd + 1,
        );
      case 'CSV_INVALID_CLOSING_QUOTE':
        throw new CsvError(`line ${line}: text after a closing quote; quote the whole field`, line);
      case 'INVALID_OPENING_QUOTE':
        throw new CsvError(
          `line ${line}: a double quote inside an unquoted field; put the whole field in quotes and double the quote ("")`,
          line,
        );
      default:
        throw new CsvError(`line ${line}: ${e.message.replace(/\.$/, '')}`, line);
    }
  }
  // Not reached: the fast way found a problem, so the slow way does too.
  throw new CsvError('the file could not be read as CSV', 1);
}

export interface ReadCsvOptions {
  readonly limits?: CsvLimits;
  /** Whether a header names one of the sheet's columns (the study's schema knows); absent: not checked. */
  readonly isColumn?: (header: string) => boolean;
  /** The sheet, for the message: `the Employees columns`. */
  readonly sheet?: string;
}

/**
 * A CSV file's rows, split on the separator it uses (detectSeparator). When the header as read
 * matches at most one of the sheet's columns but two or more once its cells are split again on
 * another separator (a header quoted as one field, a header written with ";" in a file whose
 * first line has more commas), the file is refused with a sentence naming that separator,
 * rather than read as one column.
 */
export function readCsvText(text: string, o: ReadCsvOptions = {}): { rows: string[][]; separator: Separator } {
  const limits = o.limits ?? CSV_LIMITS;
  checkLineLengths(text, limits.lineChars);
  const separator = detectSeparator(text);
  const rows = parseCsv(text, limits, separator);
  const header = rows[0] ?? [];
  if (o.isColumn) {
    const known = (cells: readonly string[]) => cells.filter((c) => o.isColumn?.(c.trim())).length;
    const asRead = known(header);
    for (const other of SEPARATORS.filter((s) => s !== separator)) {
      const split = header.flatMap((c) => c.split(other));
      const matched = known(split);
      if (asRead <= 1 && matched >= 2) {
        const shown = header.length === 1 ? 'one column' : `${header.length} columns`;
        const first = header.join(separator === '\t' ? ' ⇥ ' : separator);
        throw new CsvSeparatorError(
          `the header reads as ${shown} ${JSON.stringify(first.length > 60 ? `${first.slice(0, 60)}…` : first)} — ` +
            `it matches ${o.sheet ? `the ${o.sheet} columns` : "the sheet's columns"} (${matched} of them) only when split on ${separatorName(other)}; ` +
            `save the file with one separator throughout (in Excel: File › Save As › CSV UTF-8), so that each name is its own column`,
        );
      }
    }
  }
  return { rows, separator };
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
      if (body[k] === 0x0a) {
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
