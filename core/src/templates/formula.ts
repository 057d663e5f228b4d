/**
 * Template formulas: a closed vocabulary, checked by parsing, and each host's spelling.
 *
 * A firm template is a file someone sends the preparer; its Summary formulas run in a workbook
 * that holds client wages. So a formula is read token by token and parsed, and only this is
 * accepted: catalogue functions, a short list of built-ins that compute (SAFE_BUILTINS),
 * references to cells of the study's own sheets, numbers, text without web addresses,
 * TRUE/FALSE and the arithmetic, comparison and `&` operators. Everything else — WEBSERVICE,
 * IMPORTXML, HYPERLINK, INDIRECT, any other function, defined names, DDE (`cmd|' /C calc'!A0`),
 * external workbooks (`[book.xlsx]Sheet!A1`), other sheets — is refused at import.
 *
 * Formulas are written once with the catalogue's names (`=RD_QRE(...)`); Sheets uses the bare
 * name, Excel the add-in namespace (`=RDTAX.RD_QRE(...)`, docs/design.md §2). Only a name in call
 * position is rewritten — never text inside quotes, a quoted sheet name or a sheet prefix.
 */
import { CATALOGUE } from '../catalogue';
import { columnIndex } from '../study/a1';
import { GENERATED_SHEETS } from './layout';
import { TEMPLATE_TEXT_LIMITS } from './text';
import type { FirmTemplate, Host } from './types';

export const EXCEL_NAMESPACE = 'RDTAX';

/**
 * Built-ins a template formula may call besides the catalogue: arithmetic, logic, rounding and
 * conditional sums over the study's own cells. None reaches the network, another workbook, the
 * file system or another program, and none turns text into a reference (INDIRECT, OFFSET).
 */
export const SAFE_BUILTINS: readonly string[] = [
  'SUM',
  'MIN',
  'MAX',
  'IF',
  'AND',
  'OR',
  'NOT',
  'ROUND',
  'ROUNDUP',
  'ROUNDDOWN',
  'ABS',
  'SUMIF',
  'SUMIFS',
  'COUNTIF',
  'COUNTIFS',
  'COUNT',
  'COUNTA',
  'IFERROR',
  'AVERAGE',
  'SUMPRODUCT',
];

/**
 * Text inside a formula that points outside the workbook. (Patterns, not strings: the sidebar's
 * inline script may not contain two slashes in a row.)
 */
const ADDRESS_PATTERNS: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /[a-z][a-z0-9+.-]*:\/{2}/i, what: 'a web address' },
  { pattern: /www\./i, what: 'a web address' },
  { pattern: /\\{2}/, what: 'a network path' },
  { pattern: /mailto:/i, what: 'an e-mail link' },
  { pattern: /file:/i, what: 'a file link' },
];

/** Excel nests functions at most 64 deep; a template never needs more. */
const MAX_NESTING = 64;
const MAX_ROW = 1048576;
/** XFD, Excel's last column (0-based). */
const MAX_COLUMN = 16383;

let catalogueNames: ReadonlySet<string> | undefined;
/** Built on first use: hosts re-run top-level code on every call. */
export function catalogueFunctionNames(): ReadonlySet<string> {
  if (!catalogueNames) catalogueNames = new Set(CATALOGUE.map((f) => f.name));
  return catalogueNames;
}

/** The sheets a template's formulas may refer to: its own tables and the sheets rendering adds. */
export function studySheetNames(template: Pick<FirmTemplate, 'sheets'>): string[] {
  return [...template.sheets.map((s) => s.name), ...GENERATED_SHEETS];
}

// ------------------------------------------------------------------ tokens

export type FormulaToken =
  | { readonly kind: 'space'; readonly text: string; readonly at: number }
  | { readonly kind: 'number'; readonly text: string; readonly at: number }
  | { readonly kind: 'string'; readonly text: string; readonly at: number; readonly value: string }
  | { readonly kind: 'bool'; readonly text: string; readonly at: number }
  /** A cell, a cell range or a column range, with its sheet when it has one. */
  | { readonly kind: 'ref'; readonly text: string; readonly at: number; readonly sheet?: string }
  /** A function name; the "(" that follows is its own token. */
  | { readonly kind: 'call'; readonly text: string; readonly at: number }
  /** An identifier that is none of the above (a defined name). */
  | { readonly kind: 'name'; readonly text: string; readonly at: number }
  | { readonly kind: 'op'; readonly text: string; readonly at: number }
  | { readonly kind: '(' | ')' | ','; readonly text: string; readonly at: number };

export interface TokenizedFormula {
  /** The tokens after the leading "=". `at` is the 0-based offset in the whole formula. */
  readonly tokens: readonly FormulaToken[];
  /** The first thing that is not a token of the vocabulary, as a phrase; tokens stop there. */
  readonly error?: string;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const IDENT = /[A-Za-z0-9_.$\\]/;
const OPERATORS = ['<=', '>=', '<>', '+', '-', '*', '/', '^', '&', '%', '=', '<', '>'];

/** Characters that have a meaning in a spreadsheet formula but none in a template's. */
const REFUSED_CHARACTERS: Readonly<Record<string, string>> = {
  '|': '"|" links to another program (DDE), which a template formula may not do',
  '[': '"[" names another workbook or a table column, which a template formula may not use',
  '{': '"{" starts an array constant, which a template formula may not use',
  '#': '"#" starts an error value or a spill reference, which a template formula may not use',
  '@': '"@" is an implicit-intersection or table reference, which a template formula may not use',
  ';': '";" is not an argument separator here; separate arguments with ","',
  '!': '"!" must follow a sheet name',
};

const at = (i: number) => `at character ${i + 1}`;

function cellOk(m: RegExpExecArray): boolean {
  const [, letters, digits] = m;
  if (letters === undefined) return false;
  const col = columnIndex(letters);
  const row = Number(digits);
  return col !== undefined && col <= MAX_COLUMN && row >= 1 && row <= MAX_ROW;
}

/** Split a formula into tokens, stopping at the first character the vocabulary lacks. */
export function tokenizeFormula(formula: string): TokenizedFormula {
  const tokens: FormulaToken[] = [];
  if (!formula.startsWith('=')) return { tokens, error: 'does not start with "="' };
  const n = formula.length;
  let i = 1;
  const identAt = (j: number): number => {
    let k = j;
    while (k < n && IDENT.test(formula.charAt(k))) k++;
    return k;
  };
  /** A cell or column (then maybe ":" and another) starting at j; the end offset, or an error. */
  const refAt = (j: number): { end: number } | { error: string } => {
    const end = identAt(j);
    const first = formula.slice(j, end);
    const cell = CELL.exec(first);
    const column = COLUMN.exec(first);
    if (cell && !cellOk(cell)) return { error: `${first} ${at(j)} is beyond the last row or column of a sheet` };
    if (!cell && !column)
      return { error: `${JSON.stringify(first || formula[j] || '')} ${at(j)} is not a cell reference` };
    if (formula[end] !== ':') return column ? { error: `${first} ${at(j)} is not a cell reference` } : { end };
    const end2 = identAt(end + 1);
    const second = formula.slice(end + 1, end2);
    const cell2 = CELL.exec(second);
    const column2 = COLUMN.exec(second);
    if ((cell && (!cell2 || !cellOk(cell2))) || (column && !column2))
      return { error: `${JSON.stringify(`${first}:${second}`)} ${at(j)} is not a range` };
    return { end: end2 };
  };
  while (i < n) {
    const c = formula.charAt(i);
    const start = i;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      while (i < n && /[ \n\r\t]/.test(formula.charAt(i))) i++;
      tokens.push({ kind: 'space', text: formula.slice(start, i), at: start });
    } else if (c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= n) return { tokens, error: `the text in double quotes opened ${at(start)} is never closed` };
        if (formula[i] === '"') {
          if (formula[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += formula[i++];
      }
      tokens.push({ kind: 'string', text: formula.slice(start, i), at: start, value });
    } else if (c === "'") {
      // 'Sheet name'!A1 — a doubled '' is a quote inside the name.
      let sheet = '';
      i++;
      for (;;) {
        if (i >= n) return { tokens, error: `the quoted sheet name opened ${at(start)} is never closed` };
        if (formula[i] === "'") {
          if (formula[i + 1] === "'") {
            sheet += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        sheet += formula[i++];
      }
      if (formula[i] !== '!')
        return { tokens, error: `the quoted name '${sheet}' ${at(start)} is not followed by "!" and a cell` };
      const ref = refAt(i + 1);
      if ('error' in ref) return { tokens, error: ref.error };
      i = ref.end;
      tokens.push({ kind: 'ref', text: formula.slice(start, i), at: start, sheet });
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(formula[i + 1] ?? ''))) {
      const m = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(formula.slice(i))!;
      i += m[0].length;
      if (i < n && /[A-Za-z_:$]/.test(formula.charAt(i)))
        return {
          tokens,
          error: `${JSON.stringify(formula.slice(start, identAt(i)))} ${at(start)} is neither a number nor a cell reference`,
        };
      tokens.push({ kind: 'number', text: m[0], at: start });
    } else if (/[A-Za-z_$\\]/.test(c)) {
      const end = identAt(i);
      const word = formula.slice(i, end);
      if (formula[end] === '!') {
        const ref = refAt(end + 1);
        if ('error' in ref) return { tokens, error: ref.error };
        i = ref.end;
        tokens.push({ kind: 'ref', text: formula.slice(start, i), at: start, sheet: word });
      } else if (formula[end] === '(') {
        i = end;
        tokens.push({ kind: 'call', text: word, at: start });
      } else if (/^(TRUE|FALSE)$/i.test(word)) {
        i = end;
        tokens.push({ kind: 'bool', text: word, at: start });
      } else if (CELL.test(word) || (COLUMN.test(word) && formula[end] === ':')) {
        const ref = refAt(i);
        if ('error' in ref) return { tokens, error: ref.error };
        i = ref.end;
        tokens.push({ kind: 'ref', text: formula.slice(start, i), at: start });
      } else {
        i = end;
        tokens.push({ kind: 'name', text: word, at: start });
      }
    } else if (c === '(' || c === ')' || c === ',') {
      i++;
      tokens.push({ kind: c, text: c, at: start });
    } else {
      const op = OPERATORS.find((o) => formula.startsWith(o, i));
      if (!op) {
        const code = c.codePointAt(0)!;
        const what =
          REFUSED_CHARACTERS[c] ??
          `${JSON.stringify(String.fromCodePoint(code))} (U+${code.toString(16).toUpperCase().padStart(4, '0')}) is not part of a template formula`;
        return { tokens, error: `${what} (${at(start)})` };
      }
      i += op.length;
      tokens.push({ kind: 'op', text: op, at: start });
    }
  }
  return { tokens };
}

// ------------------------------------------------------------------ the vocabulary check

/** The catalogue name a call refers to (case-insensitive, with or without `RDTAX.`), if any. */
export function catalogueNameOf(name: string): string | undefined {
  const upper = name.toUpperCase();
  const bare = upper.startsWith(`${EXCEL_NAMESPACE}.`) ? upper.slice(EXCEL_NAMESPACE.length + 1) : upper;
  return catalogueFunctionNames().has(bare) ? bare : undefined;
}

/** Names that look like ours but are not in the catalogue (a typo such as RD_QRR). */
function looksLikeOurs(name: string): boolean {
  const upper = name.toUpperCase();
  return upper.startsWith(`${EXCEL_NAMESPACE}.`) || /^(RD_|SEC174)/.test(upper);
}

/** The candidate within 3 edits of `word` (for "did you mean …?"), if any. */
export function closestWord(word: string, candidates: Iterable<string>): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const n of candidates) {
    const d = editDistance(word, n);
    if (!best || d < best.d) best = { name: n, d };
  }
  return best && best.d <= 3 ? best.name : undefined;
}

/** Levenshtein distance, one row of the table at a time: row[j] is the distance to b's first j characters. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  let distance = b.length;
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    let diagonal = i - 1; // row[j - 1]
    let left = i; // next[j - 1]
    for (const [k, up] of row.slice(1).entries()) {
      left = Math.min(up + 1, left + 1, diagonal + (a.charAt(i - 1) === b.charAt(k) ? 0 : 1));
      diagonal = up;
      next.push(left);
    }
    row = next;
    distance = left;
  }
  return distance;
}

const BUILTINS_SHOWN = 10;
function vocabularyHint(): string {
  const shown = SAFE_BUILTINS.slice(0, BUILTINS_SHOWN).join(', ');
  const more = SAFE_BUILTINS.length - BUILTINS_SHOWN;
  return `a template formula may call catalogue functions (RD_…, SEC174_…) and the built-ins ${shown}${more > 0 ? ` and ${more} more` : ''}`;
}

const sameSheet = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** One phrase per token that is outside the vocabulary. */
function vocabularyProblems(tokens: readonly FormulaToken[], studySheets: readonly string[]): string[] {
  const problems: string[] = [];
  const refused: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'call') {
      if (catalogueNameOf(t.text) || SAFE_BUILTINS.includes(t.text.toUpperCase())) continue;
      if (looksLikeOurs(t.text)) {
        const hint = closestWord(t.text.toUpperCase().replace(/^RDTAX\./, ''), catalogueFunctionNames());
        problems.push(`${t.text} is not a catalogue function${hint ? ` (did you mean ${hint}?)` : ''}`);
      } else if (!refused.includes(t.text)) refused.push(t.text);
    } else if (t.kind === 'name') {
      problems.push(`${t.text} ${at(t.at)} is not a cell reference, and a template formula may not use defined names`);
    } else if (t.kind === 'ref' && t.sheet !== undefined && !studySheets.some((s) => sameSheet(s, t.sheet!))) {
      const shown = studySheets
        .slice(0, 10)
        .map((s) => `"${s}"`)
        .join(', ');
      const more = studySheets.length > 10 ? ` and ${studySheets.length - 10} more` : '';
      problems.push(
        `${t.text} refers to the sheet "${t.sheet}", which the template does not lay out; refer to ${shown}${more}`,
      );
    } else if (t.kind === 'string') {
      const address = ADDRESS_PATTERNS.find((m) => m.pattern.test(t.value));
      if (address)
        problems.push(
          `the text ${JSON.stringify(t.value.length > 40 ? `${t.value.slice(0, 40)}…` : t.value)} ${at(t.at)} holds ${address.what}; a template formula never reaches outside the workbook`,
        );
    }
  }
  if (refused.length > 0) {
    const names =
      refused.length <= 3
        ? refused.join(refused.length === 2 ? ' and ' : ', ')
        : `${refused.slice(0, 3).join(', ')} and ${refused.length - 3} more`;
    problems.unshift(`${names} ${refused.length === 1 ? 'is' : 'are'} not allowed; ${vocabularyHint()}`);
  }
  return problems;
}

/** Recursive descent over the tokens (spaces dropped): the formula must be one well-formed expression. */
function grammarProblem(all: readonly FormulaToken[]): string | undefined {
  const tokens = all.filter((t) => t.kind !== 'space');
  let p = 0;
  const peek = (): FormulaToken | undefined => tokens[p];
  /** Whether the next token is one of the operators `ops`. */
  const atOperator = (ops: readonly string[]): boolean => {
    const t = peek();
    return t?.kind === 'op' && ops.includes(t.text);
  };
  const where = () => {
    const t = peek();
    return t ? `${JSON.stringify(t.text)} ${at(t.at)}` : 'the end of the formula';
  };
  const fail = (expected: string): never => {
    throw new GrammarError(`expected ${expected} but found ${where()}`);
  };
  const BINARY = ['+', '-', '*', '/', '^', '&', '=', '<', '>', '<=', '>=', '<>'];
  const expression = (depth: number): void => {
    if (depth > MAX_NESTING) throw new GrammarError(`is nested more than ${MAX_NESTING} levels deep`);
    operand(depth);
    while (atOperator(BINARY)) {
      p++;
      operand(depth);
    }
  };
  const operand = (depth: number): void => {
    while (atOperator(['+', '-'])) p++;
    const t = peek();
    if (!t) return fail('a value');
    if (t.kind === 'number' || t.kind === 'string' || t.kind === 'bool' || t.kind === 'ref' || t.kind === 'name') p++;
    else if (t.kind === '(') {
      p++;
      expression(depth + 1);
      if (peek()?.kind !== ')') fail('")"');
      p++;
    } else if (t.kind === 'call') {
      p += 2; // the name and its "("
      if (peek()?.kind !== ')') {
        for (;;) {
          // An argument may be left out: IF(A1,,0).
          if (peek()?.kind !== ',' && peek()?.kind !== ')') expression(depth + 1);
          if (peek()?.kind === ',') {
            p++;
            continue;
          }
          break;
        }
      }
      if (peek()?.kind !== ')') fail(`"," or ")" to close ${t.text}(`);
      p++;
    } else fail('a value');
    while (atOperator(['%'])) p++;
  };
  try {
    if (tokens.length === 0) return 'is empty after "="';
    expression(0);
    if (p < tokens.length) fail('an operator');
    return undefined;
  } catch (e) {
    if (e instanceof GrammarError) return e.message;
    throw e;
  }
}
class GrammarError extends Error {}

/**
 * Problems a template formula has, as phrases (the caller adds where). Empty when it is inside
 * the vocabulary; `studySheets` are the sheets it may refer to (studySheetNames).
 */
export function formulaProblems(formula: string, studySheets: readonly string[]): string[] {
  if (!formula.startsWith('=')) return [`${JSON.stringify(formula.slice(0, 40))} is not a formula; start it with "="`];
  if (formula.length > TEMPLATE_TEXT_LIMITS.formula)
    return [`is ${formula.length} characters long; Excel accepts at most ${TEMPLATE_TEXT_LIMITS.formula} in a formula`];
  const { tokens, error } = tokenizeFormula(formula);
  if (error) return [error];
  const problems = vocabularyProblems(tokens, studySheets);
  const grammar = grammarProblem(tokens);
  if (grammar) problems.push(grammar);
  return problems;
}

/** The formula in the host's spelling: `RD_QRE(` for Sheets, `RDTAX.RD_QRE(` for Excel. */
export function hostFormula(formula: string, host: Host): string {
  const { tokens, error } = tokenizeFormula(formula);
  if (error) return formula;
  return `=${tokens
    .map((t) => {
      if (t.kind !== 'call') return t.text;
      const name = catalogueNameOf(t.text);
      if (!name) return t.text;
      return host === 'excel' ? `${EXCEL_NAMESPACE}.${name}` : name;
    })
    .join('')}`;
}
