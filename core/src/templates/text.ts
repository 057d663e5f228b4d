/**
 * Text in templates and in the cells written from them: how long it may be, which characters
 * it may not hide, and when a spreadsheet would read it as something other than text.
 *
 * Excel and Sheets parse what is typed — and what `range.values` / `setValues` writes — as
 * input: text starting with "=", "+" or "-" becomes a formula (Microsoft documents this for
 * Range.values), and a leading apostrophe is a quote prefix that keeps the rest as text and
 * is not part of the value. A template's text fields never need to start like a formula, so
 * the importer refuses them; a writer that parses input prefixes such text with an apostrophe
 * (quotePrefixed), and the .xlsx writer stores every text as a string.
 */

/** Length limits, in UTF-16 code units (what Excel counts). */
export const TEMPLATE_TEXT_LIMITS = {
  /** Any string in a template: what one cell holds (Excel specifications and limits). */
  cell: 32767,
  name: 255,
  firm: 255,
  version: 64,
  role: 255,
  header: 255,
  /** A drop-down word (the whole literal list is capped at 255 too: EXCEL_LIST_MAX_CHARS). */
  listWord: 255,
  /** Summary column A: a Form 6765 line number or a short key. */
  line: 32,
  label: 255,
  /** Excel's limit on the length of a formula's contents. */
  formula: 8192,
} as const;

/**
 * How many of each a template may list: far above any firm's study, far below what would make
 * a writer allocate without bound. Roles: the Role drop-down covers Roles!A2:A200.
 */
export const TEMPLATE_COUNT_LIMITS = {
  sheets: 50,
  columns: 256,
  roles: 199,
  /** Aliases of one role: all of them fit one Aliases cell (50 × 255 characters). */
  aliases: 50,
  summary: 500,
} as const;

/** A template file larger than this is not a template (the built-ins are about 6 KB). */
export const TEMPLATE_MAX_CHARS = 2_000_000;
/** JSON nesting a template never exceeds (it needs 5 levels). */
export const TEMPLATE_MAX_DEPTH = 16;

/**
 * Characters that change how text reads without being seen: zero-width characters and the
 * bidirectional controls that reorder what a reviewer sees ("Trojan Source", CVE-2021-42574).
 */
export const INVISIBLE_CHARACTERS: Readonly<Record<number, string>> = {
  0x200b: 'zero width space',
  0x200c: 'zero width non-joiner',
  0x200d: 'zero width joiner',
  0x2060: 'word joiner',
  0xfeff: 'zero width no-break space',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x061c: 'Arabic letter mark',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
};

const u = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why a string cannot be a template's text, as a phrase; undefined when it can. Checks what
 * holds for every string: length, invisible characters, and characters an .xlsx file cannot
 * hold (XML 1.0 forbids C0 controls other than tab and line breaks, unpaired surrogates, U+FFFE/F).
 */
export function textProblem(s: string, limit: number = TEMPLATE_TEXT_LIMITS.cell): string | undefined {
  if (s.length > limit)
    return `is ${s.length.toLocaleString('en-US')} characters long; ${limit === TEMPLATE_TEXT_LIMITS.cell ? 'a cell holds' : 'this field takes'} at most ${limit.toLocaleString('en-US')}`;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const invisible = INVISIBLE_CHARACTERS[code];
    if (invisible)
      return `contains an invisible ${invisible} (${u(code)}) at character ${i + 1}, which can make text read differently than it is; remove it`;
    if (
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
      code === 0x7f ||
      code === 0xfffe ||
      code === 0xffff
    ) {
      return `contains the control character ${u(code)} at character ${i + 1}; remove it`;
    }
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return `contains a broken character (${u(code)}) at character ${i + 1}; retype it`;
    } else if (code >= 0xdc00 && code <= 0xdfff)
      return `contains a broken character (${u(code)}) at character ${i + 1}; retype it`;
  }
  return undefined;
}

/**
 * The character that would make a spreadsheet read `text` as a formula (or a CSV consumer run
 * it): "=", "+", "-", "@" — also after leading spaces, and their full-width forms, which an
 * East Asian input method turns into the same — or a leading tab or line break (OWASP's CSV
 * injection list). Undefined for plain text.
 */
export function formulaTrigger(text: string): string | undefined {
  const m = /^([\t\r\n])|^\s*([=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63])/.exec(text);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** How a trigger character reads in a message. */
export function describeTrigger(c: string): string {
  return c === '\t' ? 'a tab' : c === '\r' || c === '\n' ? 'a line break' : `"${c}"`;
}

/**
 * Text as it must be typed into a cell (Excel's `range.values`, Sheets' `setValues`, a CSV
 * field) to be stored as exactly that text: with a leading apostrophe when it would otherwise
 * be read as a formula or lose a leading apostrophe of its own.
 */
export function quotePrefixed(text: string): string {
  return formulaTrigger(text) !== undefined || text.startsWith("'") ? `'${text}` : text;
}

/**
 * Text a host writes back so the cell holds exactly that text — never a formula, number or date
 * ("85", "2026-12-03", "=x" stay text): always behind the quote prefix, which is not part of the
 * value; empty stays empty. (quotePrefixed prefixes only what would be read as a formula.)
 */
export function storedAsText(text: string): string {
  return text === '' ? '' : `'${text}`;
}

/** One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV text field a spreadsheet opens as that text: `quotePrefixed`, then RFC 4180. */
export function csvText(s: string): string {
  return csvField(quotePrefixed(s));
}

/**
 * Why a template's text field (a name, a role, a header, a label…) cannot hold `s`, beyond
 * textProblem: it is longer than the field's limit, or it starts like a formula.
 */
export function plainTextProblem(s: string, limit: number): string | undefined {
  if (s.length > limit)
    return `is ${s.length.toLocaleString('en-US')} characters long; this field takes at most ${limit.toLocaleString('en-US')}`;
  const t = formulaTrigger(s);
  if (t !== undefined) {
    return `starts with ${describeTrigger(t)}, which a spreadsheet reads as the start of a formula; text in a template cannot start with =, +, -, @, a tab or a line break`;
  }
  return undefined;
}
