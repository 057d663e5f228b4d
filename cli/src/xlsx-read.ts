/**
 * .xlsx (SpreadsheetML, ECMA-376 Part 1 §18) → the engine's named grids, reading only what a
 * study needs: the package relationships, workbook.xml (sheet names, the 1904 date system),
 * its relationships, the shared strings, the number formats of styles.xml (which cells are
 * dates) and the worksheets. Pictures, custom XML, printer settings, themes, drawings… are
 * never inflated. Every size is checked against LIMITS before it is read and again while it
 * is read; cells are stored sparsely (a cell at row 900,000 does not create 900,000 rows).
 *
 * What a cell becomes is what exceljs gave (the previous reader; a test compares both on
 * every example): a number; a shared or inline string (rich text → its plain text); a
 * logical; an error value as its text ("#REF!"); a formula → its cached result (none → blank);
 * a number in a date format → a Date; the non-top-left cells of a merged range → blank.
 */
import { cellRef } from '@core/study/a1';
import type { CellValue } from '@core/cells';
import type { SheetGrid, WorkbookGrids } from '@core/study/types';
import { LIMITS, UnusableInput, count, megabytes } from './read-limits';
import { decodeXml, scanPart, type XmlHandler } from './xlsx-read-xml';
import { ZipPackage, quote, type ZipEntry } from './zip';

const damaged = (what: string) =>
  new UnusableInput(
    `could not be read as an .xlsx workbook: ${what}; open it in Excel and save it again`,
    'file/damaged',
  );

/**
 * Told, as a large study is read, the rows read so far and the part of the work done (0..1, by
 * the compressed bytes of the worksheets and shared strings): a progress bar's input.
 */
export type ReadProgress = (rows: number, fraction: number) => void;

/** Read the study workbook in the open file `fd` (a zip package). */
export function readXlsxPackage(fd: number, progress?: ReadProgress): WorkbookGrids {
  const pkg = ZipPackage.open(fd);

  // The workbook part: named by the package relationships (usually xl/workbook.xml).
  const rootRels = pkg.entry('_rels/.rels');
  const officeDocument = rootRels
    ? readRels(pkg, rootRels, '').find((r) => r.type === 'officeDocument')?.target
    : undefined;
  const workbookName = officeDocument ?? 'xl/workbook.xml';
  const workbookEntry = pkg.entry(workbookName);
  if (!workbookEntry) {
    throw new UnusableInput(
      `has no worksheets: its part ${quote(workbookName)} (the list of sheets) is missing, so it is not an .xlsx workbook or it is damaged; open it in Excel and save it as an Excel Workbook (.xlsx)`,
      'file/not-a-workbook',
    );
  }
  const workbook = readWorkbookPart(pkg, workbookEntry);
  const base = workbookName.includes('/') ? workbookName.slice(0, workbookName.lastIndexOf('/') + 1) : '';
  const relsEntry = pkg.entry(`${base}_rels/${workbookName.slice(base.length)}.rels`);
  const rels = relsEntry ? readRels(pkg, relsEntry, base) : [];
  const byId = new Map(rels.map((r) => [r.id, r]));

  const partOf = (type: string, fallback: string) => pkg.entry(rels.find((r) => r.type === type)?.target ?? fallback);
  const sharedStringsEntry = partOf('sharedStrings', `${base}sharedStrings.xml`);
  const stylesEntry = partOf('styles', `${base}styles.xml`);

  // Which worksheets to read, and whether what they add up to is within the read budget.
  const worksheets: { name: string; entry: ZipEntry }[] = [];
  for (const s of workbook.sheets) {
    const rel = byId.get(s.relId);
    if (!rel)
      throw damaged(
        `${quote(workbookEntry.name)} lists the sheet ${quote(s.name)} but its relationship ${quote(s.relId)} is missing`,
      );
    if (rel.type !== 'worksheet') continue; // chart sheets, dialog and macro sheets hold no table
    const entry = pkg.entry(rel.target);
    if (!entry)
      throw damaged(
        `the sheet ${quote(s.name)} points to the part ${quote(rel.target)}, which the package does not have`,
      );
    worksheets.push({ name: s.name, entry });
  }
  if (stylesEntry && stylesEntry.uncompressedSize > LIMITS.stylesBytes) {
    throw new UnusableInput(
      `has a styles part ${quote(stylesEntry.name)} of ${megabytes(stylesEntry.uncompressedSize)}, more than rdtax reads (${megabytes(LIMITS.stylesBytes)}; real ones are a few hundred KB); open it in Excel, clear unused cell styles and save it again`,
      'file/too-large',
    );
  }
  const readBytes = [workbookEntry, sharedStringsEntry, stylesEntry, ...worksheets.map((w) => w.entry)].reduce(
    (n, e) => n + (e?.uncompressedSize ?? 0),
    0,
  );
  if (readBytes > LIMITS.readBytes) {
    throw new UnusableInput(
      `holds ${megabytes(readBytes)} of worksheet data, more than rdtax reads from one .xlsx (${megabytes(LIMITS.readBytes)}, about 600,000 rows of 6 columns); save the large sheets as .csv files in a folder and check the folder`,
      'file/too-large',
    );
  }

  const budget = { cells: 0, rows: 0 };
  let onCompressed: ((bytes: number) => void) | undefined;
  if (progress) {
    const total = [sharedStringsEntry, ...worksheets.map((w) => w.entry)].reduce(
      (n, e) => n + (e?.compressedSize ?? 0),
      0,
    );
    let done = 0;
    onCompressed = (bytes) => {
      done += bytes;
      progress(budget.rows, total > 0 ? Math.min(1, done / total) : 1);
    };
  }
  const dateStyles = stylesEntry ? readDateStyles(pkg, stylesEntry) : [];
  const sharedStrings = sharedStringsEntry ? readSharedStrings(pkg, sharedStringsEntry, onCompressed) : [];
  const sheets: SheetGrid[] = worksheets.map((w) =>
    readWorksheet(
      pkg,
      w.entry,
      w.name,
      { sharedStrings, dateStyles, date1904: workbook.date1904, budget },
      onCompressed,
    ),
  );
  if (sheets.length === 0)
    throw new UnusableInput('has no worksheets; it is not an .xlsx workbook, or it is damaged', 'file/not-a-workbook');
  return { sheets };
}

// ------------------------------------------------------------------ relationships, workbook

interface Rel {
  readonly id: string;
  /** The last segment of the relationship type URI: worksheet, sharedStrings, styles, officeDocument… */
  readonly type: string;
  /** The target part name, resolved against the source part's folder. */
  readonly target: string;
}

function checkSmallPart(entry: ZipEntry): void {
  if (entry.uncompressedSize > LIMITS.workbookBytes) {
    throw new UnusableInput(
      `has a part ${quote(entry.name)} of ${megabytes(entry.uncompressedSize)}, more than rdtax reads for a list of sheets (${megabytes(LIMITS.workbookBytes)}); it is damaged or crafted`,
      'file/too-large',
    );
  }
}

/** Resolve a relationship target (relative to `base`, or absolute from the package root). */
function resolveTarget(base: string, target: string): string {
  const segments = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const s of segments) {
    if (s === '..') out.pop();
    else if (s !== '.' && s !== '') out.push(s);
  }
  return out.join('/');
}

function readRels(pkg: ZipPackage, entry: ZipEntry, base: string): Rel[] {
  checkSmallPart(entry);
  const rels: Rel[] = [];
  const handler: XmlHandler = {
    wantsText: false,
    open(name, attrs) {
      if (name !== 'Relationship' || attrs.get('TargetMode') === 'External') return;
      const id = attrs.get('Id');
      const type = attrs.get('Type');
      const target = attrs.get('Target');
      if (id && type && target)
        rels.push({ id, type: type.slice(type.lastIndexOf('/') + 1), target: resolveTarget(base, target) });
    },
    close() {},
    text() {},
  };
  scanPart(pkg, entry, handler);
  return rels;
}

interface WorkbookPart {
  readonly sheets: readonly { readonly name: string; readonly relId: string }[];
  readonly date1904: boolean;
}

function readWorkbookPart(pkg: ZipPackage, entry: ZipEntry): WorkbookPart {
  checkSmallPart(entry);
  const sheets: { name: string; relId: string }[] = [];
  let date1904 = false;
  const handler: XmlHandler = {
    wantsText: false,
    open(name, attrs) {
      if (name === 'workbookPr') {
        const v = attrs.get('date1904');
        date1904 = v === '1' || v === 'true';
      } else if (name === 'sheet') {
        const sheetName = attrs.get('name');
        const relId = attrs.get('id'); // r:id
        if (sheetName === undefined || relId === undefined)
          throw damaged(`${quote(entry.name)} lists a sheet without a name or a relationship id`);
        sheets.push({ name: sheetName, relId });
      }
    },
    close() {},
    text() {},
  };
  scanPart(pkg, entry, handler);
  return { sheets, date1904 };
}

// ------------------------------------------------------------------ styles: which cells are dates

/** Built-in number formats that are dates or times (ECMA-376 Part 1 §18.8.30), as exceljs reads them. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** A format code shows a date or time when, outside quotes and [brackets], it has y, m, d, h, s or b (exceljs's test). */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** For each cell style index (the `s` attribute), whether it formats numbers as dates. */
function readDateStyles(pkg: ZipPackage, entry: ZipEntry): boolean[] {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  let depth = 0;
  const handler: XmlHandler = {
    wantsText: false,
    open(name, attrs) {
      depth++;
      if (name === 'numFmt') {
        const id = Number(attrs.get('numFmtId'));
        const code = attrs.get('formatCode');
        if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
      } else if (name === 'cellXfs') {
        inCellXfs = true;
        depth = 0;
      } else if (name === 'xf' && inCellXfs && depth === 1) {
        xfFormats.push(Number(attrs.get('numFmtId') ?? 0));
      }
    },
    close(name) {
      depth--;
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  };
  scanPart(pkg, entry, handler);
  return xfFormats.map((id) => {
    if (!id) return false;
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id);
  });
}

// ------------------------------------------------------------------ shared strings

/** `_x000D_` → the character it escapes (ECMA-376 Part 1 §22.9.2.19 ST_Xstring). */
function unescapeXstring(s: string): string {
  return s.indexOf('_x') < 0
    ? s
    : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Collects the text of a string item (`<si>` or a cell's `<is>`): plain `<t>` or rich-text runs
 * `<r><t>`, joined; phonetic guides (`<rPh>`) are not part of the value.
 */
class StringItem {
  private parts: string[] = [];
  private inT = false;
  private inPhonetic = 0;
  wantsText = false;
  open(name: string, selfClosing: boolean): void {
    if (name === 'rPh') this.inPhonetic++;
    else if (name === 't' && this.inPhonetic === 0 && !selfClosing) this.inT = this.wantsText = true;
  }
  close(name: string): void {
    if (name === 'rPh') this.inPhonetic--;
    else if (name === 't') this.inT = this.wantsText = false;
  }
  text(raw: string): void {
    if (this.inT) this.parts.push(raw);
  }
  /** The collected text, and reset. */
  take(): string {
    const s = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    this.parts = [];
    return unescapeXstring(decodeXml(s));
  }
}

function readSharedStrings(pkg: ZipPackage, entry: ZipEntry, onCompressed?: (bytes: number) => void): string[] {
  const strings: string[] = [];
  const item = new StringItem();
  let inSi = false;
  const handler: XmlHandler = {
    wantsText: false,
    open(name, _attrs, selfClosing) {
      if (name === 'si') inSi = true;
      else if (inSi) item.open(name, selfClosing);
      handler.wantsText = item.wantsText;
    },
    close(name) {
      if (name === 'si') {
        inSi = false;
        strings.push(item.take());
      } else if (inSi) item.close(name);
      handler.wantsText = item.wantsText;
    },
    text(raw) {
      item.text(raw);
    },
  };
  scanPart(pkg, entry, handler, onCompressed);
  return strings;
}

// ------------------------------------------------------------------ worksheets

interface SheetContext {
  readonly sharedStrings: readonly string[];
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
  /** Filled cells stored so far in the whole workbook, and rows (`<row>` elements) read. */
  readonly budget: { cells: number; rows: number };
}

/** Excel serial → Date, as exceljs converts it (1900 system; 1904 when the workbook says so). */
function excelToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400000));
}

/** A cell reference read by cellAddressBytes (module state: one reader runs at a time, synchronously). */
let addressRow = 0;
let addressCol = 0;

/**
 * A plain reference ("AB12", letters then digits, nothing else) in bytes[start..end) →
 * addressRow/addressCol (1-based row, 0-based column) and true; false for anything else
 * (entities, "$", odd text), which the caller reads as text with parseCellAddress.
 */
function cellAddressBytes(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  let col = 0;
  for (; i < end; i++) {
    const c = bytes[i]! | 32;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  if (i === start || i === end || i - start > 7) return false;
  let row = 0;
  for (; i < end; i++) {
    const d = bytes[i]! - 48;
    if (d < 0 || d > 9) return false;
    row = row * 10 + d;
  }
  if (row < 1) return false;
  addressRow = row;
  addressCol = col - 1;
  return true;
}

/** The cell types Excel writes, by their bytes; anything else is decoded. */
const CELL_TYPES = ['s', 'n', 'b', 'e', 'str', 'inlineStr', 'd'];
function cellType(bytes: Buffer, start: number, end: number): string {
  for (const t of CELL_TYPES) {
    if (t.length !== end - start) continue;
    let same = true;
    for (let k = 0; k < t.length; k++)
      if (bytes[start + k] !== t.charCodeAt(k)) {
        same = false;
        break;
      }
    if (same) return t;
  }
  return decodeXml(bytes.toString('utf8', start, end));
}

/** A style index (`s="12"`): digits read from the bytes; anything else as Number() reads the text. */
function styleIndex(bytes: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = bytes[i]! - 48;
    if (d < 0 || d > 9 || i - start > 9) return Number(decodeXml(bytes.toString('utf8', start, end)));
    n = n * 10 + d;
  }
  return end > start ? n : Number('');
}

/** 10^0 … 10^15, exact doubles. */
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The number in UTF-8 bytes[start..end) when they are a plain decimal — an optional '-', at most
 * 15 digits in all, an optional '.' — else NaN (the caller then reads the text as before). Equal
 * to parseFloat and Number of the same text: the digits make an integer m < 10^15 < 2^53 and
 * m ÷ 10^k (k ≤ 15) is one correctly rounded IEEE division of two exact doubles, which is the
 * double nearest the decimal, as parseFloat gives.
 */
export function plainDecimal(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = bytes[i] === 45; /* - */
  if (negative) i++;
  let m = 0;
  let digits = 0;
  let scale = 0;
  for (; i < end; i++) {
    const d = bytes[i]! - 48;
    if (d < 0 || d > 9) break;
    m = m * 10 + d;
    digits++;
  }
  if (digits === 0) return NaN;
  if (i < end && bytes[i] === 46 /* . */) {
    for (i++; i < end; i++) {
      const d = bytes[i]! - 48;
      if (d < 0 || d > 9) break;
      m = m * 10 + d;
      digits++;
      scale++;
    }
  }
  if (i !== end || digits > 15) return NaN;
  const x = scale === 0 ? m : m / POW10[scale]!;
  return negative ? -x : x;
}

/** "AB12" → [row 12, column index 27]; undefined when it is not a cell reference. */
function parseCellAddress(ref: string): [number, number] | undefined {
  let i = 0;
  let col = 0;
  const n = ref.length;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i) | 32; // lower-case a letter
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  if (i === 0 || i === n || i > 7) return undefined;
  let row = 0;
  for (; i < n; i++) {
    const d = ref.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    row = row * 10 + d;
  }
  return row >= 1 ? [row, col - 1] : undefined;
}

function beyondSheet(sheet: string, row: number, col: number, what: string): UnusableInput {
  const past = row > LIMITS.rows ? `row ${count(LIMITS.rows)}` : `column XFD (${count(LIMITS.columns)})`;
  return new UnusableInput(
    `has ${what} at ${cellRef(sheet, Math.min(row, 1e15), Math.min(col, 1e6))}, past the last ${past} any worksheet can have, so it is damaged or crafted; open it in Excel and save it again`,
    'file/too-large',
  );
}

function readWorksheet(
  pkg: ZipPackage,
  entry: ZipEntry,
  sheet: string,
  ctx: SheetContext,
  onCompressed?: (bytes: number) => void,
): SheetGrid {
  const rows: CellValue[][] = [];
  const merges: string[] = [];
  const item = new StringItem();
  const { sharedStrings, dateStyles, date1904, budget } = ctx;

  let rowNumber = 0; // 1-based, the current <row>
  let colIndex = -1; // 0-based, the last cell's column in this row
  // The cell being read.
  let inCell = false;
  let cellRow = 0;
  let cellCol = 0;
  let type = '';
  let style = 0;
  let isFormula = false;
  let capture: 'v' | 'f' | '' = '';
  let vText = '';
  /** The <v> text as a number read straight from its bytes (NaN: not a plain decimal, see vText). */
  let vNumber = NaN;
  /** Whether the <v> text is held as vNumber (true) or in vText. */
  let vIsNumber = false;
  let inInline = false;
  let inlineText: string | undefined;

  const at = () => cellRef(sheet, cellRow, cellCol);
  const store = (value: CellValue) => {
    if (value === null) return;
    if (++budget.cells > LIMITS.cells) {
      throw new UnusableInput(
        `has more than ${count(LIMITS.cells)} filled cells (the limit was reached at ${at()}), more than rdtax reads from one study; split the study into several files`,
        'file/too-large',
      );
    }
    let r = rows[cellRow - 1];
    if (r === undefined) rows[cellRow - 1] = r = [];
    r[cellCol] = value;
  };
  const numberOrDate = (text: string): CellValue => {
    const n = parseFloat(text);
    if (dateStyles[style]) {
      const d = excelToDate(n, date1904);
      return Number.isNaN(d.getTime()) ? '#VALUE!' : d;
    }
    return Number.isFinite(n) ? n : '#NUM!';
  };
  const valueOf = (): CellValue => {
    if (vIsNumber) {
      // A plain decimal in <v>: the number parseFloat/Number would give, without making its text.
      if (type === 's' && !isFormula) {
        const s = Number.isInteger(vNumber) ? sharedStrings[vNumber] : undefined;
        if (s === undefined) {
          throw damaged(
            `the cell ${at()} refers to shared string ${quote(String(vNumber))}, but the shared strings part has ${count(sharedStrings.length)}`,
          );
        }
        return s;
      }
      if (dateStyles[style]) {
        const d = excelToDate(vNumber, date1904);
        return Number.isNaN(d.getTime()) ? '#VALUE!' : d;
      }
      return vNumber;
    }
    const v = vText === '' ? undefined : decodeXml(vText);
    if (isFormula) {
      // A formula → its cached result; never calculated → blank.
      if (v === undefined) return null;
      if (type === 'str') return v;
      if (type === 'b') return parseInt(v, 10) !== 0;
      if (type === 'e') return v;
      return numberOrDate(v);
    }
    if (type === 'inlineStr') return inlineText !== undefined && inlineText !== '' ? inlineText : (v ?? null);
    if (v === undefined) return null;
    switch (type) {
      case 's': {
        const i = Number(v);
        const s = Number.isInteger(i) ? sharedStrings[i] : undefined;
        if (s === undefined) {
          throw damaged(
            `the cell ${at()} refers to shared string ${quote(v)}, but the shared strings part has ${count(sharedStrings.length)}`,
          );
        }
        return s;
      }
      case 'str':
        return v;
      case 'b':
        return parseInt(v, 10) !== 0;
      case 'e':
        return v;
      case 'd': {
        const d = new Date(v);
        return Number.isNaN(d.getTime()) ? '#VALUE!' : d;
      }
      default:
        return numberOrDate(v);
    }
  };

  const handler: XmlHandler = {
    wantsText: false,
    open(name, attrs, selfClosing) {
      if (inCell) {
        if (inInline) {
          item.open(name, selfClosing);
          handler.wantsText = item.wantsText;
        } else if (name === 'v') {
          capture = 'v';
          handler.wantsText = !selfClosing;
        } else if (name === 'f') {
          if (attrs.get('t') !== undefined) isFormula = true;
          capture = 'f';
          handler.wantsText = !selfClosing;
        } else if (name === 'is') {
          inInline = true;
        }
        return;
      }
      if (name === 'c') {
        const bytes = attrs.bytes;
        const r = attrs.find('r');
        if (r >= 0) {
          const end = attrs.valueEnd;
          // The reference read from its bytes ("B7" → row 7, column 1); decoded and read as text only when that fails.
          if (!cellAddressBytes(bytes, r, end)) {
            const text = decodeXml(bytes.toString('utf8', r, end));
            const a = parseCellAddress(text);
            if (!a)
              throw damaged(
                `the sheet ${quote(sheet)} has a cell whose reference ${quote(text)} is not a cell address`,
              );
            [cellRow, cellCol] = a;
          } else {
            cellRow = addressRow;
            cellCol = addressCol;
          }
        } else {
          cellRow = rowNumber > 0 ? rowNumber : 1;
          cellCol = colIndex + 1;
        }
        if (cellRow > LIMITS.rows || cellCol >= LIMITS.columns) throw beyondSheet(sheet, cellRow, cellCol, 'a cell');
        if (cellRow !== rowNumber) rowNumber = cellRow;
        colIndex = cellCol;
        const t = attrs.find('t');
        type = t < 0 ? '' : cellType(bytes, t, attrs.valueEnd);
        const st = attrs.find('s');
        style = st < 0 ? 0 : styleIndex(bytes, st, attrs.valueEnd);
        isFormula = false;
        vText = '';
        vIsNumber = false;
        inlineText = undefined;
        inInline = false;
        capture = '';
        inCell = !selfClosing;
      } else if (name === 'row') {
        const r = attrs.get('r');
        const n = r === undefined ? rowNumber + 1 : Number(r);
        if (!Number.isInteger(n) || n < 1)
          throw damaged(`the sheet ${quote(sheet)} has a row numbered ${quote(r ?? '')}`);
        if (n > LIMITS.rows) throw beyondSheet(sheet, n, 0, 'a row');
        rowNumber = n;
        budget.rows++;
        colIndex = -1;
      } else if (name === 'dimension') {
        const ref = attrs.get('ref') ?? '';
        const last = parseCellAddress(ref.slice(ref.indexOf(':') + 1).replace(/\$/g, ''));
        if (last && (last[0] > LIMITS.rows || last[1] >= LIMITS.columns))
          throw beyondSheet(sheet, last[0], last[1], 'a used range ending');
      } else if (name === 'mergeCell') {
        const ref = attrs.get('ref');
        if (ref) merges.push(ref);
      }
    },
    close(name) {
      if (!inCell) return;
      if (inInline) {
        if (name === 'is') {
          inInline = false;
          inlineText = item.take();
        } else item.close(name);
        handler.wantsText = item.wantsText;
        return;
      }
      if (name === 'v' || name === 'f') {
        capture = '';
        handler.wantsText = false;
      } else if (name === 'c') {
        inCell = false;
        store(valueOf());
      }
    },
    text(raw) {
      if (inInline) item.text(raw);
      else if (capture === 'v') {
        if (vIsNumber) vText = String(vNumber); // (not reached: a number is one run of text)
        vIsNumber = false;
        vText += raw;
      } else if (capture === 'f' && raw.trim() !== '') isFormula = true;
    },
    textBytes(bytes, start, end) {
      // A number or a shared string index (types n and s, not a formula's cached text): read
      // from the bytes when it is a plain decimal; anything else is decoded and read as before.
      if (capture === 'v' && !inInline && vText === '' && !vIsNumber && (type === '' || type === 'n' || type === 's')) {
        const n = plainDecimal(bytes, start, end);
        if (!Number.isNaN(n)) {
          vNumber = n;
          vIsNumber = true;
          return;
        }
      }
      handler.text(bytes.toString('utf8', start, end));
    },
  };
  scanPart(pkg, entry, handler, onCompressed);
  clearMergedCells(rows, merges, sheet);
  return { name: sheet, values: rows };
}

/**
 * Only the top-left cell of a merged range keeps its value (what Excel's range.values and
 * exceljs report). The work is the merged area within the rows and columns actually filled,
 * bounded by LIMITS.mergedCells.
 */
function clearMergedCells(rows: CellValue[][], merges: readonly string[], sheet: string): void {
  let work = 0;
  for (const ref of merges) {
    const [a, b] = ref.replace(/\$/g, '').split(':');
    const from = parseCellAddress(a);
    const to = parseCellAddress(b ?? a);
    if (!from || !to) throw damaged(`the sheet ${quote(sheet)} has a merged range ${quote(ref)} that is not a range`);
    const lastRow = Math.min(to[0], rows.length);
    for (let r = from[0]; r <= lastRow; r++) {
      const row = rows[r - 1];
      const lastCol = row === undefined ? -1 : Math.min(to[1], row.length - 1);
      work += 1 + Math.max(0, lastCol - from[1] + 1);
      if (work > LIMITS.mergedCells) {
        throw new UnusableInput(
          `has merged ranges on ${quote(sheet)} covering more than ${count(LIMITS.mergedCells)} filled cells, more than a study has; unmerge them in Excel and save it again`,
          'file/too-large',
        );
      }
      if (row !== undefined) for (let c = r === from[0] ? from[1] + 1 : from[1]; c <= lastCol; c++) delete row[c];
    }
  }
}
