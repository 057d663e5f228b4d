/**
 * A small streaming scanner for the XML of .xlsx parts (SpreadsheetML is plain XML 1.0: no
 * DTDs, no custom entities). It is fed the part's bytes in chunks as they are inflated and
 * scans the bytes themselves — markup is ASCII in UTF-8, so '<', '>' and quotes are found
 * without decoding the text into strings first; only the names, attribute values and text a
 * handler asks for are decoded. It reports elements by their local name (`x:c` → `c`), checks
 * that every element is closed by its own end tag, refuses bytes that are not UTF-8, and never
 * holds more than one unfinished tag or text run — at most LIMITS.xmlTokenChars characters — so
 * memory does not grow with the part.
 */
import { isUtf8 } from 'buffer';
import { LIMITS, UnusableInput, count } from './read-limits';
import { quote, type ZipEntry, type ZipPackage } from './zip';

/** A start tag's attributes, read on demand; valid only during the `open` call that gets it. */
export interface XmlAttrs {
  /** The value of one attribute (by local name: `r:id` is `id`), entities decoded; undefined when absent. */
  get(name: string): string | undefined;
  /**
   * Where one attribute's value is, undecoded: its first byte in `bytes` (-1 when absent), its
   * end in `valueEnd`. For hot paths that read a value straight from its bytes.
   */
  find(name: string): number;
  readonly bytes: Buffer;
  readonly valueEnd: number;
}

export interface XmlHandler {
  /** Set while the handler wants text (`text` is not called otherwise, which saves decoding). */
  wantsText: boolean;
  open(name: string, attrs: XmlAttrs, selfClosing: boolean): void;
  close(name: string): void;
  /** Character data, entities not yet decoded (see decodeXml); CDATA comes escaped. */
  text(raw: string): void;
  /**
   * When present, plain character data (not CDATA) comes here as bytes instead of `text`:
   * UTF-8 in `bytes[start..end)`, entities not decoded, valid only during the call.
   */
  textBytes?(bytes: Buffer, start: number, end: number): void;
}

export function malformed(part: string, what: string): UnusableInput {
  return new UnusableInput(
    `could not be read as an .xlsx workbook: its part ${quote(part)} is not well-formed XML (${what}); open it in Excel and save it again`,
    'file/damaged',
  );
}

function notUtf8(part: string): UnusableInput {
  return new UnusableInput(
    `could not be read as an .xlsx workbook: its part ${quote(part)} is not valid UTF-8 text; open it in Excel and save it again`,
    'file/damaged',
  );
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const QUOT = 34;
const APOS = 39;
const EQ = 61;
const COLON = 58;
const BANG = 33;
const QMARK = 63;

const EMPTY = Buffer.alloc(0);

/** Characters in UTF-8 bytes (the bytes that do not continue a sequence). */
function utf8Chars(buf: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if ((buf[i]! & 0xc0) !== 0x80) n++;
  return n;
}

/** Element names, decoded once: a part has a handful of names repeated millions of times. */
class Names {
  private readonly short = new Map<number, string>();
  private readonly long = new Map<string, string>();
  /** The local name of the qualified name in bytes[start..end). */
  get(buf: Buffer, start: number, end: number): string {
    for (let i = start; i < end; i++)
      if (buf[i] === COLON) {
        start = i + 1;
        break;
      }
    const n = end - start;
    if (n > 0 && n <= 6) {
      // Up to 6 bytes packed into one number (exact below 2^53): no string made to look it up.
      let key = n;
      for (let i = start; i < end; i++) key = key * 256 + buf[i]!;
      let name = this.short.get(key);
      if (name === undefined) {
        name = buf.toString('utf8', start, end);
        this.short.set(key, name);
      }
      return name;
    }
    const s = buf.toString('utf8', start, end);
    let name = this.long.get(s);
    if (name === undefined) {
      if (this.long.size < 1000) this.long.set(s, s);
      name = s;
    }
    return name;
  }
}

/** The attributes of the start tag being reported: bytes[start..end) of the current buffer. */
class TagAttrs implements XmlAttrs {
  buf: Buffer = EMPTY;
  start = 0;
  end = 0;
  valueEnd = 0;
  get bytes(): Buffer {
    return this.buf;
  }
  get(name: string): string | undefined {
    const at = this.find(name);
    return at < 0 ? undefined : decodeXml(this.buf.toString('utf8', at, this.valueEnd));
  }
  find(name: string): number {
    const buf = this.buf;
    const end = this.end;
    let i = this.start;
    for (;;) {
      while (i < end && buf[i]! <= 32) i++;
      if (i >= end) return -1;
      const nameStart = i;
      let local = i;
      while (i < end && buf[i]! > 32 && buf[i] !== EQ) {
        if (buf[i] === COLON) local = i + 1;
        i++;
      }
      const nameEnd = i;
      while (i < end && buf[i]! <= 32) i++;
      if (buf[i] !== EQ) return -1; // not name="value": nothing more can be read reliably
      i++;
      while (i < end && buf[i]! <= 32) i++;
      const q = buf[i];
      if (q !== QUOT && q !== APOS) return -1;
      const valueStart = i + 1;
      let valueEnd = valueStart;
      while (valueEnd < end && buf[valueEnd] !== q) valueEnd++;
      if (valueEnd >= end) return -1;
      i = valueEnd + 1;
      if (nameEnd - local !== name.length || nameStart === nameEnd) continue;
      let same = true;
      for (let k = 0; k < name.length; k++)
        if (buf[local + k] !== name.charCodeAt(k)) {
          same = false;
          break;
        }
      if (same) {
        this.valueEnd = valueEnd;
        return valueStart;
      }
    }
  }
}

export class XmlScanner {
  /**
   * The bytes not yet scanned (an unfinished tag or text run), kept between chunks at the start
   * of one reused buffer (`restLength` of them), so a chunk costs no new allocation.
   */
  private scratch: Buffer = EMPTY;
  private restLength = 0;
  private readonly stack: string[] = [];
  private sawRoot = false;
  private readonly names = new Names();
  private readonly attrs = new TagAttrs();

  constructor(
    private readonly part: string,
    private readonly h: XmlHandler,
  ) {}

  /** Make room for `size` bytes in the scratch buffer, keeping the first `keep`. */
  private reserve(size: number, keep: number): void {
    if (this.scratch.length >= size) return;
    const grown = Buffer.allocUnsafe(Math.max(size, this.scratch.length * 2, 64 * 1024));
    this.scratch.copy(grown, 0, 0, keep);
    this.scratch = grown;
  }

  feed(bytes: Uint8Array): void {
    const chunk = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let buf = chunk;
    if (this.restLength > 0) {
      this.reserve(this.restLength + chunk.length, this.restLength);
      chunk.copy(this.scratch, this.restLength);
      buf = this.scratch.subarray(0, this.restLength + chunk.length);
    }
    const pos = this.scan(buf, false);
    const left = buf.length - pos;
    // Kept in the scratch buffer: the inflater may reuse the chunk's memory for the next one.
    if (left > 0) {
      if (buf === chunk) {
        this.reserve(left, 0);
        chunk.copy(this.scratch, 0, pos);
      } else this.scratch.copyWithin(0, pos, buf.length);
    }
    this.restLength = left;
    if (left > LIMITS.xmlTokenChars && utf8Chars(this.scratch, 0, left) > LIMITS.xmlTokenChars) throw this.tooLong();
  }

  end(): void {
    this.scan(this.scratch.subarray(0, this.restLength), true);
    this.restLength = 0;
    this.scratch = EMPTY;
    if (this.stack.length > 0)
      throw malformed(
        this.part,
        `it ends before <${this.stack[this.stack.length - 1]}> is closed; the part is cut short`,
      );
    if (!this.sawRoot) throw malformed(this.part, 'it has no elements');
  }

  private startsWith(buf: Buffer, at: number, s: string): boolean {
    if (at + s.length > buf.length) return false;
    for (let k = 0; k < s.length; k++) if (buf[at + k] !== s.charCodeAt(k)) return false;
    return true;
  }

  private emitText(buf: Buffer, start: number, end: number): void {
    const h = this.h;
    if (h.textBytes) h.textBytes(buf, start, end);
    else h.text(buf.toString('utf8', start, end));
  }

  /** Scan what can be scanned; the offset of the first byte left for the next chunk. */
  private scan(buf: Buffer, final: boolean): number {
    const n = buf.length;
    const h = this.h;
    const names = this.names;
    const stack = this.stack;
    let pos = 0;
    for (;;) {
      const lt = buf.indexOf(LT, pos);
      if (lt < 0) {
        if (final) {
          for (let i = pos; i < n; i++) if (buf[i]! > 32) throw malformed(this.part, 'text after the last element');
          pos = n;
        }
        break;
      }
      if (lt - pos > LIMITS.xmlTokenChars && utf8Chars(buf, pos, lt) > LIMITS.xmlTokenChars) throw this.tooLong();
      if (lt > pos && h.wantsText) this.emitText(buf, pos, lt);
      pos = lt;
      if (lt + 1 >= n) break;
      const c1 = buf[lt + 1];
      if (c1 === SLASH) {
        const gt = buf.indexOf(GT, lt);
        if (gt < 0) break;
        let s = lt + 2;
        let e = gt;
        while (s < e && buf[s]! <= 32) s++;
        while (e > s && buf[e - 1]! <= 32) e--;
        const name = names.get(buf, s, e);
        const open = stack.pop();
        if (open !== name)
          throw malformed(
            this.part,
            open === undefined ? `a stray </${name}>` : `</${name}> where </${open}> was expected`,
          );
        h.close(name);
        pos = gt + 1;
        continue;
      }
      if (c1 === QMARK) {
        const end = buf.indexOf('?>', lt);
        if (end < 0) break;
        pos = end + 2;
        continue;
      }
      if (c1 === BANG) {
        if (n - lt < 9) break;
        if (this.startsWith(buf, lt, '<!--')) {
          const end = buf.indexOf('-->', lt + 4);
          if (end < 0) break;
          pos = end + 3;
          continue;
        }
        if (this.startsWith(buf, lt, '<![CDATA[')) {
          const end = buf.indexOf(']]>', lt + 9);
          if (end < 0) break;
          if (h.wantsText)
            h.text(
              buf
                .toString('utf8', lt + 9, end)
                .replace(/&/g, '&amp;')
                .replace(/</g, '&lt;'),
            );
          pos = end + 3;
          continue;
        }
        throw malformed(this.part, 'it has a DOCTYPE or entity declaration, which Excel never writes');
      }
      // A start tag: find its '>' outside quoted attribute values.
      let i = lt + 1;
      let quoteChar = 0;
      for (; i < n; i++) {
        const ch = buf[i]!;
        if (quoteChar !== 0) {
          if (ch === quoteChar) quoteChar = 0;
        } else if (ch === QUOT || ch === APOS) quoteChar = ch;
        else if (ch === GT) break;
        else if (ch === LT) throw malformed(this.part, 'a "<" inside a tag');
      }
      if (i >= n) break;
      const selfClosing = buf[i - 1] === SLASH;
      const innerEnd = selfClosing ? i - 1 : i;
      let nameEnd = lt + 1;
      while (nameEnd < innerEnd && buf[nameEnd]! > 32 && buf[nameEnd] !== SLASH) nameEnd++;
      if (nameEnd === lt + 1) throw malformed(this.part, 'a tag without a name');
      const name = names.get(buf, lt + 1, nameEnd);
      if (stack.length === 0 && this.sawRoot) throw malformed(this.part, `a second root element <${name}>`);
      this.sawRoot = true;
      if (!selfClosing) stack.push(name);
      const attrs = this.attrs;
      attrs.buf = buf;
      attrs.start = nameEnd;
      attrs.end = innerEnd;
      h.open(name, attrs, selfClosing);
      attrs.buf = EMPTY;
      if (selfClosing) h.close(name);
      pos = i + 1;
    }
    if (final && pos < n) throw malformed(this.part, 'it ends in the middle of a tag; the part is cut short');
    return pos;
  }

  private tooLong(): UnusableInput {
    return new UnusableInput(
      `could not be read as an .xlsx workbook: its part ${quote(this.part)} has a tag or text longer than ${count(LIMITS.xmlTokenChars)} characters (a cell holds at most 32,767), so it is damaged or crafted; open it in Excel and save it again`,
      'file/damaged',
    );
  }
}

const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML character and predefined entity references → text. */
export function decodeXml(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(ENTITY, (_m, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
    if (named) return NAMED[named];
    const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
  });
}

/**
 * Checks a part's bytes are UTF-8 as they arrive in chunks; a character split between two
 * chunks is checked whole with the next one.
 */
class Utf8Check {
  private carry: Buffer = EMPTY;
  constructor(private readonly part: string) {}
  push(chunk: Buffer): void {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    // Where the last (possibly unfinished) character starts: at most 3 bytes back.
    let cut = data.length;
    for (let k = 1; k <= 3 && data.length - k >= 0; k++) {
      const b = data[data.length - k]!;
      if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      if (need > k) cut = data.length - k;
      break;
    }
    if (!isUtf8(data.subarray(0, cut))) throw notUtf8(this.part);
    this.carry = cut < data.length ? Buffer.from(data.subarray(cut)) : EMPTY;
  }
  end(): void {
    if (this.carry.length > 0) throw notUtf8(this.part);
  }
}

/**
 * Inflate a part and scan it as XML, chunk by chunk: the part's text is never held whole.
 * Parts are UTF-8 (or UTF-16 with a byte-order mark, which XML allows: decoded and scanned as
 * UTF-8). A UTF-8 byte-order mark is text before the root element, which is ignored.
 */
export function scanPart(
  pkg: ZipPackage,
  entry: ZipEntry,
  handler: XmlHandler,
  onCompressed?: (bytes: number) => void,
): void {
  const scanner = new XmlScanner(entry.name, handler);
  let started = false;
  let utf16: InstanceType<typeof TextDecoder> | undefined;
  const check = new Utf8Check(entry.name);
  const decode16 = (bytes: Uint8Array, stream: boolean): Buffer => {
    try {
      return Buffer.from((utf16 as InstanceType<typeof TextDecoder>).decode(bytes, { stream }), 'utf8');
    } catch {
      throw notUtf8(entry.name);
    }
  };
  pkg.inflate(
    entry,
    (bytes) => {
      if (!started) {
        started = true;
        if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
          utf16 = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true });
      }
      if (utf16) {
        scanner.feed(decode16(bytes, true));
        return;
      }
      const chunk = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      check.push(chunk);
      scanner.feed(chunk);
    },
    onCompressed,
  );
  if (!started) throw malformed(entry.name, 'the part is empty');
  if (utf16) scanner.feed(decode16(new Uint8Array(0), false));
  else check.end();
  scanner.end();
}
