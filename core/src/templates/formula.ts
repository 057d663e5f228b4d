/**
 * Formulas in templates are written once, with the catalogue's names (`=RD_QRE(...)`), and
 * each host gets its own spelling (DESIGN.md §2): Sheets uses the bare name, Excel the add-in
 * namespace (`=RDTAX.RD_QRE(...)`). Only a name in call position is rewritten — never text
 * inside a string literal ("RD_QRE("), a quoted sheet name ('RD_QRE(x)'!A1), a structured
 * reference ([RD_QRE]) or a sheet prefix (RD_QRE!A1).
 */
import { CATALOGUE } from '../catalogue';
import type { Host } from './types';

export const EXCEL_NAMESPACE = 'RDTAX';

let catalogueNames: ReadonlySet<string> | undefined;
/** Built on first use: hosts re-run top-level code on every call. */
export function catalogueFunctionNames(): ReadonlySet<string> {
  if (!catalogueNames) catalogueNames = new Set(CATALOGUE.map((f) => f.name));
  return catalogueNames;
}

type Token =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'call'; readonly name: string; readonly at: number };

export interface ScannedFormula {
  readonly tokens: readonly Token[];
  readonly errors: readonly string[];
}

const IDENT_START = /[A-Za-z_\\]/;
const IDENT_PART = /[A-Za-z0-9_.\\]/;

/** Split a formula into literal text and function names in call position. */
export function scanFormula(formula: string): ScannedFormula {
  const tokens: Token[] = [];
  const errors: string[] = [];
  let text = '';
  let depth = 0;
  let i = 0;
  const flush = () => {
    if (text) tokens.push({ kind: 'text', text });
    text = '';
  };
  // Copy a run delimited by `close`, where a doubled `close` is an escaped one ("" and '').
  const copyQuoted = (close: string, what: string): void => {
    const start = i;
    text += formula[i++];
    for (;;) {
      if (i >= formula.length) {
        errors.push(`${what} opened at character ${start + 1} is never closed`);
        return;
      }
      const c = formula[i++];
      text += c;
      if (c === close) {
        if (formula[i] === close) text += formula[i++];
        else return;
      }
    }
  };
  while (i < formula.length) {
    const c = formula[i];
    if (c === '"') copyQuoted('"', 'a text in double quotes');
    else if (c === "'") copyQuoted("'", 'a quoted sheet name');
    else if (c === '[') {
      const end = formula.indexOf(']', i);
      if (end < 0) {
        errors.push(`"[" at character ${i + 1} is never closed`);
        text += formula.slice(i);
        i = formula.length;
      } else {
        text += formula.slice(i, end + 1);
        i = end + 1;
      }
    } else if (/[0-9]/.test(c)) {
      // A number (or the row part of a reference): never a name, even "1E5".
      while (i < formula.length && /[0-9.eE]/.test(formula[i])) text += formula[i++];
    } else if (IDENT_START.test(c)) {
      const start = i;
      while (i < formula.length && IDENT_PART.test(formula[i])) i++;
      const name = formula.slice(start, i);
      if (formula[i] === '(') {
        flush();
        tokens.push({ kind: 'call', name, at: start });
      } else text += name;
    } else {
      if (c === '(') depth++;
      else if (c === ')') {
        depth--;
        if (depth < 0) {
          errors.push(`")" at character ${i + 1} has no matching "("`);
          depth = 0;
        }
      }
      text += c;
      i++;
    }
  }
  if (depth > 0) errors.push(`${depth} "(" ${depth === 1 ? 'is' : 'are'} never closed`);
  flush();
  return { tokens, errors };
}

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

function closestName(name: string): string | undefined {
  return closestWord(name.toUpperCase().replace(/^RDTAX\./, ''), catalogueFunctionNames());
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

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** Problems a formula has, as phrases (the caller adds where). Empty when it is fine. */
export function formulaProblems(formula: string): string[] {
  if (!formula.startsWith('=')) return [`${JSON.stringify(formula.slice(0, 40))} is not a formula; start it with "="`];
  const { tokens, errors } = scanFormula(formula);
  const problems = [...errors];
  for (const t of tokens) {
    if (t.kind === 'call' && looksLikeOurs(t.name) && !catalogueNameOf(t.name)) {
      const hint = closestName(t.name);
      problems.push(`${t.name} is not a catalogue function${hint ? ` (did you mean ${hint}?)` : ''}`);
    }
  }
  return problems;
}

/** The formula in the host's spelling: `RD_QRE(` for Sheets, `RDTAX.RD_QRE(` for Excel. */
export function hostFormula(formula: string, host: Host): string {
  const { tokens } = scanFormula(formula);
  return tokens
    .map((t) => {
      if (t.kind === 'text') return t.text;
      const name = catalogueNameOf(t.name);
      if (!name) return t.name;
      return host === 'excel' ? `${EXCEL_NAMESPACE}.${name}` : name;
    })
    .join('');
}
