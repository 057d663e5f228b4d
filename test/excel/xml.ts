/**
 * A strict, small XML reader for the manifest checks: elements, attributes, text, comments,
 * CDATA, the declaration. It rejects what is not well-formed — a mismatched or unclosed tag,
 * an unquoted or repeated attribute, a raw `<` or a bad `&` in text or attributes, `--` in a
 * comment, text outside the root — which is what an offline check can promise (the official
 * schema validator is an online service: `npm run validate`).
 */

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;
const ENTITY = /&(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;

function decode(s: string, where: string): string {
  const stripped = s.replace(ENTITY, '');
  if (stripped.includes('&')) throw new Error(`bad entity reference in ${where}`);
  if (stripped.includes('<')) throw new Error(`raw < in ${where}`);
  return s.replace(ENTITY, (e) => {
    switch (e) {
      case '&lt;':
        return '<';
      case '&gt;':
        return '>';
      case '&amp;':
        return '&';
      case '&quot;':
        return '"';
      case '&apos;':
        return "'";
      default:
        return String.fromCodePoint(e[2] === 'x' ? parseInt(e.slice(3, -1), 16) : parseInt(e.slice(2, -1), 10));
    }
  });
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const fail = (why: string): never => {
    const line = xml.slice(0, i).split('\n').length;
    throw new Error(`not well-formed XML at line ${line}: ${why}`);
  };
  if (xml.charCodeAt(0) === 0xfeff) i = 1;
  if (xml.startsWith('<?xml', i)) {
    const end = xml.indexOf('?>', i);
    if (end < 0) fail('unterminated declaration');
    i = end + 2;
  }
  while (i < xml.length) {
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) fail('unterminated comment');
      if (xml.slice(i + 4, end).includes('--')) fail('"--" inside a comment');
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i);
      if (end < 0 || stack.length === 0) fail('CDATA outside an element or unterminated');
      stack[stack.length - 1].text += xml.slice(i + 9, end);
      i = end + 3;
    } else if (xml.startsWith('</', i)) {
      const m = NAME.exec(xml.slice(i + 2));
      if (!m) return fail('bad closing tag');
      const name = m[0];
      let j = i + 2 + name.length;
      while (/\s/.test(xml[j] ?? '')) j++;
      if (xml[j] !== '>') fail(`bad closing tag </${name}`);
      const open = stack.pop();
      if (!open || open.name !== name) fail(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      i = j + 1;
    } else if (xml[i] === '<') {
      const m = NAME.exec(xml.slice(i + 1));
      if (!m) return fail('bad tag name');
      const el: XmlElement = { name: m[0], attrs: {}, children: [], text: '' };
      const attrs: Record<string, string> = {};
      let j = i + 1 + m[0].length;
      for (;;) {
        const ws = /^\s*/.exec(xml.slice(j))![0].length;
        j += ws;
        if (xml.startsWith('/>', j) || xml[j] === '>') break;
        if (ws === 0) fail(`attributes of <${el.name}> need spaces between them`);
        const a = /^([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(xml.slice(j));
        if (!a) return fail(`bad attribute in <${el.name}>`);
        if (a[1] in attrs) fail(`attribute ${a[1]} repeated in <${el.name}>`);
        attrs[a[1]] = decode(a[3] ?? a[4] ?? '', `attribute ${a[1]}`);
        j += a[0].length;
      }
      Object.assign(el.attrs, attrs);
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else if (root) fail('a second root element');
      else root = el;
      if (xml.startsWith('/>', j)) i = j + 2;
      else {
        stack.push(el);
        i = j + 1;
      }
    } else {
      const next = xml.indexOf('<', i);
      const text = xml.slice(i, next < 0 ? xml.length : next);
      if (stack.length === 0) {
        if (text.trim() !== '') fail('text outside the root element');
      } else stack[stack.length - 1].text += decode(text, `<${stack[stack.length - 1].name}>`);
      i = next < 0 ? xml.length : next;
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1].name}> is never closed`);
  if (!root) return fail('no root element');
  return root;
}

/** Every element in document order. */
export function allElements(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(allElements)];
}

/** Child elements by local name (prefix ignored), one level down. */
export function childrenNamed(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.name.replace(/^.*:/, '') === local);
}

/** Follow a path of local names from `el`; all matches. */
export function select(el: XmlElement, ...path: string[]): XmlElement[] {
  let level = [el];
  for (const p of path) level = level.flatMap((e) => childrenNamed(e, p));
  return level;
}
