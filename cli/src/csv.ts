/**
 * A small, strict CSV reader (RFC 4180): comma-separated, fields optionally in double quotes,
 * a doubled quote inside quotes is one quote, quoted fields may hold commas and line breaks,
 * lines end in LF or CRLF. What spreadsheets export; nothing more is guessed.
 */

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/** Rows of raw field texts. A trailing line break does not make an extra row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  const n = text.length;
  let atFieldStart = true;
  let lineHasContent = false; // `a,` is two fields; an empty last line is no row

  const endField = () => {
    row.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
    lineHasContent = false;
  };

  while (i < n) {
    const c = text[i];
    if (c === '"' && atFieldStart) {
      const openedAt = line;
      i++;
      for (;;) {
        if (i >= n) throw new CsvError(`a quoted field opened on line ${openedAt} is never closed`, openedAt);
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      atFieldStart = false;
      lineHasContent = true;
      // After the closing quote: a separator, a line end or the end of the text.
      if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        throw new CsvError(`line ${line}: text after a closing quote (${JSON.stringify(text.slice(i, i + 10))}); quote the whole field`, line);
      }
      continue;
    }
    if (c === ',') {
      endField();
      lineHasContent = true;
      i++;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else if (c === '"') {
      throw new CsvError(`line ${line}: a double quote inside an unquoted field; put the whole field in quotes and double the quote ("")`, line);
    } else {
      field += c;
      atFieldStart = false;
      lineHasContent = true;
      i++;
    }
  }
  if (lineHasContent) endRow();
  return rows;
}

/**
 * Decode a CSV file's bytes: UTF-8 (with or without the BOM Excel's "CSV UTF-8" writes), or
 * UTF-16 with a BOM, or — when the bytes are not valid UTF-8 — Windows-1252, what Excel's
 * plain "CSV" writes on Windows.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252').decode(body);
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
