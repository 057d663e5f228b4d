/**
 * A small streaming scanner for the XML of .xlsx parts (SpreadsheetML is plain XML 1.0: no
 * DTDs, no custom entities). It is fed decoded text in chunks and reports elements by their
 * local name (`x:c` → `c`), checks that every element is closed by its own end tag, and never
 * holds more than one unfinished tag or text run — at most LIMITS.xmlTokenChars — so memory
 * does not grow with the part.
 */
import { LIMITS, UnusableInput, count } from './read-limits';
import { quote, type ZipEntry, type ZipPackage } from './zip';

export interface XmlHandler {
  /** Set while the handler wants text (`text` is not called otherwise, which saves copying). */
  wantsText: boolean;
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw character data, entities not yet decoded (see decodeXml). */
  text(raw: string): void;
}

export function malformed(part: string, what: string): UnusableInput {
  return new UnusableInput(
    `could not be read as an .xlsx workbook: its part ${quote(part)} is not well-formed XML (${what}); open it in Excel and save it again`,
    'file/damaged',
  );
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const QUOT = 34;
const APOS = 39;

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

export class XmlScanner {
  private buf = '';
  private readonly stack: string[] = [];
  private sawRoot = false;

  constructor(
    private readonly part: string,
    private readonly h: XmlHandler,
  ) {}

  feed(text: string): void {
    this.buf = this.buf.length > 0 ? this.buf + text : text;
    this.scan(false);
  }

  end(): void {
    this.scan(true);
    if (this.stack.length > 0)
      throw malformed(
        this.part,
        `it ends before <${this.stack[this.stack.length - 1]}> is closed; the part is cut short`,
      );
    if (!this.sawRoot) throw malformed(this.part, 'it has no elements');
  }

  private scan(final: boolean): void {
    const buf = this.buf;
    const n = buf.length;
    const h = this.h;
    let pos = 0;
    for (;;) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        if (final) {
          if (buf.slice(pos).trim() !== '') throw malformed(this.part, 'text after the last element');
          pos = n;
        }
        break;
      }
      if (lt - pos > LIMITS.xmlTokenChars) throw this.tooLong();
      if (lt > pos && h.wantsText) h.text(buf.slice(pos, lt));
      pos = lt;
      if (lt + 1 >= n) break;
      const c1 = buf.charCodeAt(lt + 1);
      if (c1 === SLASH) {
        const gt = buf.indexOf('>', lt);
        if (gt < 0) break;
        const name = localName(buf.slice(lt + 2, gt).trim());
        const open = this.stack.pop();
        if (open !== name)
          throw malformed(
            this.part,
            open === undefined ? `a stray </${name}>` : `</${name}> where </${open}> was expected`,
          );
        h.close(name);
        pos = gt + 1;
        continue;
      }
      if (c1 === 63 /* ? */) {
        const end = buf.indexOf('?>', lt);
        if (end < 0) break;
        pos = end + 2;
        continue;
      }
      if (c1 === 33 /* ! */) {
        if (n - lt < 9) break;
        if (buf.startsWith('<!--', lt)) {
          const end = buf.indexOf('-->', lt + 4);
          if (end < 0) break;
          pos = end + 3;
          continue;
        }
        if (buf.startsWith('<![CDATA[', lt)) {
          const end = buf.indexOf(']]>', lt + 9);
          if (end < 0) break;
          if (h.wantsText)
            h.text(
              buf
                .slice(lt + 9, end)
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
        const ch = buf.charCodeAt(i);
        if (quoteChar !== 0) {
          if (ch === quoteChar) quoteChar = 0;
        } else if (ch === QUOT || ch === APOS) quoteChar = ch;
        else if (ch === GT) break;
        else if (ch === LT) throw malformed(this.part, 'a "<" inside a tag');
      }
      if (i >= n) break;
      const selfClosing = buf.charCodeAt(i - 1) === SLASH;
      const inner = buf.slice(lt + 1, selfClosing ? i - 1 : i);
      let nameEnd = 0;
      while (nameEnd < inner.length && inner.charCodeAt(nameEnd) > 32 && inner.charCodeAt(nameEnd) !== SLASH) nameEnd++;
      if (nameEnd === 0) throw malformed(this.part, 'a tag without a name');
      const name = localName(inner.slice(0, nameEnd));
      if (this.stack.length === 0 && this.sawRoot) throw malformed(this.part, `a second root element <${name}>`);
      this.sawRoot = true;
      if (!selfClosing) this.stack.push(name);
      h.open(name, inner.slice(nameEnd), selfClosing);
      if (selfClosing) h.close(name);
      pos = i + 1;
    }
    if (final && pos < n) throw malformed(this.part, 'it ends in the middle of a tag; the part is cut short');
    this.buf = pos === 0 ? buf : buf.slice(pos);
    if (this.buf.length > LIMITS.xmlTokenChars) throw this.tooLong();
  }

  private tooLong(): UnusableInput {
    return new UnusableInput(
      `could not be read as an .xlsx workbook: its part ${quote(this.part)} has a tag or text longer than ${count(LIMITS.xmlTokenChars)} characters (a cell holds at most 32,767), so it is damaged or crafted; open it in Excel and save it again`,
      'file/damaged',
    );
  }
}

/** The value of one attribute (by local name) from a tag's attribute text; undefined when absent. */
export function attr(attrs: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = attrs.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + name.length;
    const before = at === 0 ? 32 : attrs.charCodeAt(at - 1);
    // The name must stand alone (or follow a namespace prefix) and be followed by `=`.
    if (before > 32 && before !== 58 /* : */) continue;
    let i = from;
    while (i < attrs.length && attrs.charCodeAt(i) <= 32) i++;
    if (attrs.charCodeAt(i) !== 61 /* = */) continue;
    i++;
    while (i < attrs.length && attrs.charCodeAt(i) <= 32) i++;
    const q = attrs.charCodeAt(i);
    if (q !== QUOT && q !== APOS) return undefined;
    const end = attrs.indexOf(q === QUOT ? '"' : "'", i + 1);
    if (end < 0) return undefined;
    return decodeXml(attrs.slice(i + 1, end));
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
 * Inflate a part and scan it as XML, chunk by chunk: the part's text is never held whole.
 * Parts are UTF-8 (or UTF-16 with a byte-order mark, which XML allows).
 */
export function scanPart(
  pkg: ZipPackage,
  entry: ZipEntry,
  handler: XmlHandler,
  onCompressed?: (bytes: number) => void,
): void {
  const scanner = new XmlScanner(entry.name, handler);
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  const decode = (bytes: Uint8Array, stream: boolean): string => {
    try {
      return (decoder as InstanceType<typeof TextDecoder>).decode(bytes, { stream });
    } catch {
      throw new UnusableInput(
        `could not be read as an .xlsx workbook: its part ${quote(entry.name)} is not valid UTF-8 text; open it in Excel and save it again`,
        'file/damaged',
      );
    }
  };
  pkg.inflate(
    entry,
    (bytes) => {
      if (!decoder) {
        const utf16 =
          bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
        decoder = new TextDecoder(utf16 ? (bytes[0] === 0xff ? 'utf-16le' : 'utf-16be') : 'utf-8', { fatal: true });
      }
      scanner.feed(decode(bytes, true));
    },
    onCompressed,
  );
  if (!decoder) throw malformed(entry.name, 'the part is empty');
  scanner.feed(decode(new Uint8Array(0), false));
  scanner.end();
}
