/**
 * Hostile input files (issue 8 §2), built cheaply in memory: zip bombs whose gigabytes of zeros
 * are a crafted deflate stream (a few MB, made by repeating 13 bytes), lying zip headers, cells
 * past the end of a worksheet, malformed parts. Used by cli/test/hostile-files.test.ts (small
 * sizes) and by `npm run bench` (the sizes of the reproductions), which runs rdtax on each and
 * reports its peak memory and time.
 */
import { deflateSync } from 'fflate';
import { crc32 } from '../../cli/src/zip';

const MB = 1024 * 1024;

// ------------------------------------------------------------------ raw deflate of zeros

/** Bits written least-significant first (RFC 1951 §3.1.1); Huffman codes most-significant bit first. */
class BitWriter {
  bytes: number[] = [];
  private acc = 0;
  private n = 0;
  bits(value: number, count: number): void {
    for (let i = 0; i < count; i++) this.bit((value >> i) & 1);
  }
  code(code: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.bit((code >> i) & 1);
  }
  private bit(b: number): void {
    this.acc |= b << this.n;
    if (++this.n === 8) {
      this.bytes.push(this.acc);
      this.acc = 0;
      this.n = 0;
    }
  }
  flush(): number[] {
    if (this.n > 0) this.bytes.push(this.acc);
    this.acc = 0;
    this.n = 0;
    return this.bytes;
  }
  take(): number[] {
    const b = this.bytes;
    this.bytes = [];
    return b;
  }
}

// Fixed Huffman codes (RFC 1951 §3.2.6): literal 0 = 00110000 (8 bits); length 258 = symbol 285 =
// 11000101 (8 bits); distance 1 = code 0 (5 bits); end of block = 0000000 (7 bits).
const literalZero = (w: BitWriter) => w.code(0b00110000, 8);
const copy258 = (w: BitWriter) => {
  w.code(0b11000101, 8);
  w.code(0, 5);
};

/**
 * A raw deflate stream that inflates to `size` zero bytes: one literal 0, then copies of 258
 * bytes at distance 1. Eight copies are 104 bits = 13 bytes, so the middle of the stream is one
 * 13-byte unit repeated (≈159:1; the file is made in milliseconds).
 */
export function deflatedZeros(size: number): Uint8Array {
  if (size < 1) throw new Error('size must be at least 1');
  const w = new BitWriter();
  w.bits(1, 1); // BFINAL
  w.bits(1, 2); // BTYPE = 01, fixed Huffman
  literalZero(w);
  let left = size - 1;
  const GROUP = 258 * 8;
  const groups = Math.floor(left / GROUP);
  const parts: Uint8Array[] = [];
  if (groups >= 2) {
    for (let i = 0; i < 8; i++) copy258(w);
    parts.push(Uint8Array.from(w.take()));
    for (let i = 0; i < 8; i++) copy258(w);
    const unit = Uint8Array.from(w.take());
    const repeated = new Uint8Array(unit.length * (groups - 1));
    for (let i = 0; i < groups - 1; i++) repeated.set(unit, i * unit.length);
    parts.push(repeated);
    left -= groups * GROUP;
  }
  while (left >= 258) {
    copy258(w);
    left -= 258;
  }
  while (left-- > 0) literalZero(w);
  w.code(0, 7); // end of block
  parts.push(Uint8Array.from(w.flush()));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// ------------------------------------------------------------------ a zip writer that can lie

export interface ZipPart {
  readonly name: string;
  /** Content to deflate (or store), or already-deflated bytes with their true size. */
  readonly content?: string | Uint8Array;
  readonly deflated?: { readonly bytes: Uint8Array; readonly size: number };
  readonly store?: boolean;
  /** Override what the central directory declares. */
  readonly declaredSize?: number;
  readonly declaredCompressedSize?: number;
  /** General-purpose flags (bit 0: encrypted) and method, to craft odd entries. */
  readonly flags?: number;
  readonly method?: number;
  /** Override the CRC-32 both headers record (a part changed after it was zipped). */
  readonly crc?: number;
}

export function zip(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    let data: Uint8Array;
    let size: number;
    let crc = 0;
    let method: number;
    if (p.deflated) {
      data = p.deflated.bytes;
      size = p.deflated.size;
      method = 8;
    } else {
      const raw = typeof p.content === 'string' ? Buffer.from(p.content) : (p.content ?? new Uint8Array(0));
      size = raw.length;
      crc = crc32(raw);
      method = p.store ? 0 : 8;
      data = p.store ? raw : deflateSync(raw);
    }
    method = p.method ?? method;
    crc = p.crc ?? crc;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.flags ?? 0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(Math.min(size, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(p.flags ?? 0, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(p.declaredCompressedSize ?? data.length, 20);
    central.writeUInt32LE(p.declaredSize ?? size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(data.buffer, data.byteOffset, data.length));
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const dirSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

// ------------------------------------------------------------------ a minimal study package

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface StudyParts {
  /** Sheet XML, or the inside of <sheetData> for the one sheet "Employees". */
  readonly sheetData?: string;
  readonly sheetXml?: string;
  readonly workbookXml?: string;
  readonly workbookRels?: string;
  readonly sharedStrings?: string;
  /** Replace or add parts (by name); `null` removes one. */
  readonly parts?: Readonly<Record<string, ZipPart | null>>;
}

export const HEADER_ROW =
  '<row r="1"><c r="A1" t="inlineStr"><is><t>Employee</t></is></c><c r="B1" t="inlineStr"><is><t>W-2 Box 1 Wages</t></is></c></row>';

/** A one-sheet study workbook ("Employees") with whatever parts a case replaces. */
export function studyXlsx(o: StudyParts = {}): Buffer {
  const sheet =
    o.sheetXml ??
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS}"><sheetData>${o.sheetData ?? HEADER_ROW}</sheetData></worksheet>`;
  const base: Record<string, ZipPart> = {
    '[Content_Types].xml': {
      name: '[Content_Types].xml',
      content:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    },
    '_rels/.rels': {
      name: '_rels/.rels',
      content: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    'xl/workbook.xml': {
      name: 'xl/workbook.xml',
      content:
        o.workbookXml ??
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="Employees" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    'xl/_rels/workbook.xml.rels': {
      name: 'xl/_rels/workbook.xml.rels',
      content:
        o.workbookRels ??
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>${o.sharedStrings !== undefined ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
    },
    'xl/worksheets/sheet1.xml': { name: 'xl/worksheets/sheet1.xml', content: sheet },
  };
  if (o.sharedStrings !== undefined)
    base['xl/sharedStrings.xml'] = { name: 'xl/sharedStrings.xml', content: o.sharedStrings };
  for (const [name, part] of Object.entries(o.parts ?? {})) {
    if (part === null) delete base[name];
    else base[name] = part;
  }
  return zip(Object.values(base));
}

/** A part of `size` zeros, deflated, declaring `declaredSize` (its true size unless a case lies). */
export function zerosPart(name: string, size: number, declaredSize = size): ZipPart {
  return { name, deflated: { bytes: deflatedZeros(size), size }, declaredSize };
}

// ------------------------------------------------------------------ the bench's hostile files

export interface HostileFile {
  readonly name: string;
  readonly build: () => Buffer;
}

/** The reproductions of issue 8 §2 at full size (each file is a few MB; generating all takes < 1 s). */
export const BENCH_HOSTILE_FILES: readonly HostileFile[] = [
  {
    name: 'one cell at row 400,000,000',
    build: () => studyXlsx({ sheetData: `${HEADER_ROW}<row r="400000000"><c r="A400000000"><v>1</v></c></row>` }),
  },
  {
    name: '1.5 GB of zeros in xl/media/image1.png',
    build: () => studyXlsx({ parts: { media: zerosPart('xl/media/image1.png', 1536 * MB) } }),
  },
  {
    name: '6 GB of zeros in customXml/item1.xml (declared as 4 GB − 1)',
    build: () => studyXlsx({ parts: { c: zerosPart('customXml/item1.xml', 6 * 1024 * MB, 0xfffffffe) } }),
  },
  {
    name: '1.5 GB of zeros in xl/styles.xml',
    build: () => studyXlsx({ parts: { s: zerosPart('xl/styles.xml', 1536 * MB) } }),
  },
  {
    name: 'lying header: styles.xml declares 2 KB, inflates to 1.5 GB',
    build: () => studyXlsx({ parts: { s: zerosPart('xl/styles.xml', 1536 * MB, 2048) } }),
  },
  {
    name: 'lying header: sheet1.xml declares 100 MB, inflates to 1.5 GB',
    build: () =>
      studyXlsx({ parts: { 'xl/worksheets/sheet1.xml': zerosPart('xl/worksheets/sheet1.xml', 1536 * MB, 100 * MB) } }),
  },
];
