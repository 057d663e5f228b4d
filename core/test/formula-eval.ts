/**
 * Test support: evaluates template formulas (the closed vocabulary of templates/formula.ts)
 * over a workbook of named grids, as a spreadsheet would — so a test can compare what a
 * Summary cell shows with what `computeStudy` says. Built on the template tokenizer; catalogue
 * functions run through `callFunction` (exactly what the add-in's cell returns); IF, IFERROR and
 * the operators work element-wise over ranges (an array formula), SUM/MAX/MIN/OR/AND/NOT as
 * usual; SUMIF/COUNTIF (a criterion per cell when given a range, as in an array formula),
 * COUNTIFS and SUMPRODUCT as Excel computes them; ROUND half away from zero, as Excel rounds;
 * ARRAYFORMULA (Sheets) passes its argument.
 * A built-in it does not implement is an error naming it, never a guess.
 */
import { errorValueText, isDate, type CellValue } from '../src/cells';
import { callFunction } from '../src/catalogue';
import { columnIndex, columnLetter } from '../src/study/a1';
import type { WorkbookGrids } from '../src/study/types';
import { catalogueNameOf, tokenizeFormula, type FormulaToken } from '../src/templates/formula';

/** An error value with the reason (a catalogue message, or "#VALUE!"). */
export class FormulaError {
  constructor(readonly message: string) {}
}
export type Scalar = number | string | boolean | null | FormulaError;
export type Value = Scalar | Scalar[][];

type Node =
  | { readonly kind: 'lit'; readonly value: Scalar }
  | { readonly kind: 'ref'; readonly sheet?: string; readonly range: string }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly (Node | undefined)[] }
  | { readonly kind: 'unary'; readonly op: string; readonly arg: Node }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Node; readonly right: Node };

const PRECEDENCE: Readonly<Record<string, number>> = {
  '=': 1,
  '<>': 1,
  '<': 1,
  '>': 1,
  '<=': 1,
  '>=': 1,
  '&': 2,
  '+': 3,
  '-': 3,
  '*': 4,
  '/': 4,
  '^': 5,
};

function parse(formula: string): Node {
  const { tokens: all, error } = tokenizeFormula(formula);
  if (error) throw new Error(`cannot tokenize ${formula.slice(0, 60)}: ${error}`);
  const tokens = all.filter((t) => t.kind !== 'space');
  let p = 0;
  const peek = (): FormulaToken | undefined => tokens[p];
  const expect = (kind: string) => {
    if (peek()?.kind !== kind) throw new Error(`expected ${kind} at token ${p} of ${formula.slice(0, 60)}`);
    p++;
  };
  const expression = (min = 1): Node => {
    let left = unary();
    for (;;) {
      const t = peek();
      const prec = t?.kind === 'op' ? PRECEDENCE[t.text] : undefined;
      if (prec === undefined || prec < min) return left;
      p++;
      left = { kind: 'binary', op: t!.text, left, right: expression(prec + 1) };
    }
  };
  const unary = (): Node => {
    const t = peek();
    if (t?.kind === 'op' && (t.text === '-' || t.text === '+')) {
      p++;
      return { kind: 'unary', op: t.text, arg: unary() };
    }
    let node = primary();
    while (peek()?.kind === 'op' && peek()!.text === '%') {
      p++;
      node = { kind: 'binary', op: '/', left: node, right: { kind: 'lit', value: 100 } };
    }
    return node;
  };
  const primary = (): Node => {
    const t = peek();
    if (!t) throw new Error(`unexpected end of ${formula.slice(0, 60)}`);
    p++;
    switch (t.kind) {
      case 'number':
        return { kind: 'lit', value: Number(t.text) };
      case 'string':
        return { kind: 'lit', value: t.value };
      case 'bool':
        return { kind: 'lit', value: t.text.toUpperCase() === 'TRUE' };
      case 'ref': {
        const bang = t.text.lastIndexOf('!');
        return { kind: 'ref', ...(t.sheet !== undefined ? { sheet: t.sheet } : {}), range: t.text.slice(bang + 1) };
      }
      case '(': {
        const e = expression();
        expect(')');
        return e;
      }
      case 'call': {
        expect('(');
        const args: (Node | undefined)[] = [];
        if (peek()?.kind !== ')') {
          for (;;) {
            args.push(peek()?.kind === ',' || peek()?.kind === ')' ? undefined : expression());
            if (peek()?.kind !== ',') break;
            p++;
          }
        }
        expect(')');
        return { kind: 'call', name: t.text.toUpperCase(), args };
      }
      default:
        throw new Error(`unexpected ${JSON.stringify(t.text)} in ${formula.slice(0, 60)}`);
    }
  };
  const node = expression();
  if (p < tokens.length) throw new Error(`unexpected ${tokens[p].text} in ${formula.slice(0, 60)}`);
  return node;
}

// ------------------------------------------------------------------ values

function cellScalar(v: CellValue | undefined): Scalar {
  if (v === undefined || v === null) return null;
  const err = errorValueText(v);
  if (err) return new FormulaError(err);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (isDate(v)) return null; // no Summary formula reads a date
  return new FormulaError('#VALUE!');
}
const isError = (v: unknown): v is FormulaError => v instanceof FormulaError;

function toNumber(v: Scalar): number | FormulaError {
  if (isError(v)) return v;
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  const n = Number(v.trim());
  return v.trim() !== '' && Number.isFinite(n) ? n : new FormulaError(`#VALUE! (${JSON.stringify(v)} is not a number)`);
}
function truthy(v: Scalar): boolean | FormulaError {
  if (isError(v)) return v;
  if (typeof v === 'string') {
    const u = v.trim().toUpperCase();
    if (u === 'TRUE') return true;
    if (u === 'FALSE' || u === '') return false;
    return new FormulaError(`#VALUE! (${JSON.stringify(v)} is not a logical value)`);
  }
  return v !== null && v !== 0 && v !== false;
}

/** A spreadsheet's comparison: numbers < text < logicals; text without case; a blank is 0, "" or FALSE. */
function compare(a: Scalar, b: Scalar): number {
  const rank = (v: Scalar) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  let x = a;
  let y = b;
  if (x === null) x = y === null ? 0 : typeof y === 'string' ? '' : typeof y === 'boolean' ? false : 0;
  if (y === null) y = typeof x === 'string' ? '' : typeof x === 'boolean' ? false : 0;
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (typeof x === 'string') {
    const s = x.toLowerCase();
    const t = (y as string).toLowerCase();
    return s < t ? -1 : s > t ? 1 : 0;
  }
  const n = Number(x);
  const m = Number(y);
  return n < m ? -1 : n > m ? 1 : 0;
}

function binary(op: string, a: Scalar, b: Scalar): Scalar {
  if (isError(a)) return a;
  if (isError(b)) return b;
  if (['=', '<>', '<', '>', '<=', '>='].includes(op)) {
    const c = compare(a, b);
    return op === '='
      ? c === 0
      : op === '<>'
        ? c !== 0
        : op === '<'
          ? c < 0
          : op === '>'
            ? c > 0
            : op === '<='
              ? c <= 0
              : c >= 0;
  }
  if (op === '&') return `${a ?? ''}${b ?? ''}`;
  const x = toNumber(a);
  const y = toNumber(b);
  if (isError(x)) return x;
  if (isError(y)) return y;
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return y === 0 ? new FormulaError('#DIV/0!') : x / y;
    default:
      return x ** y;
  }
}

/** Apply `f` element-wise; a scalar meets every element; two ranges must have the same shape. */
function map2(a: Value, b: Value, f: (x: Scalar, y: Scalar) => Scalar): Value {
  if (!Array.isArray(a) && !Array.isArray(b)) return f(a, b);
  const shape = (Array.isArray(a) ? a : (b as Scalar[][])) as Scalar[][];
  if (Array.isArray(a) && Array.isArray(b) && (a.length !== b.length || a[0]?.length !== b[0]?.length))
    return new FormulaError('#N/A (ranges of different shapes)');
  return shape.map((row, i) =>
    row.map((_, j) => f(Array.isArray(a) ? a[i][j] : a, Array.isArray(b) ? (b as Scalar[][])[i][j] : (b as Scalar))),
  );
}
const flat = (v: Value): Scalar[] => (Array.isArray(v) ? v.flat() : [v]);

/**
 * A SUMIF/COUNTIF criterion as Excel reads it: a number matches numbers (and numeric text) equal
 * to it; text may start with =, <>, <, >, <= or >= and compares numbers as numbers, text without
 * case; "" matches blanks and "<>" any non-blank cell. (No wildcards: no template formula uses them.)
 */
function criterion(c: Scalar): (v: Scalar) => boolean {
  const asNumber = (v: Scalar): number | undefined =>
    typeof v === 'number'
      ? v
      : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
        ? Number(v)
        : undefined;
  if (isError(c)) return () => false;
  if (c === null) return (v) => v === null || v === '';
  if (typeof c === 'number') return (v) => asNumber(v) === c;
  if (typeof c === 'boolean') return (v) => v === c;
  const m = /^(<>|<=|>=|=|<|>)?(.*)$/s.exec(c)!;
  const op = m[1] ?? '=';
  const operand = m[2]!;
  if (operand === '') return op === '<>' ? (v) => v !== null && v !== '' : (v) => v === null || v === '';
  const n = Number(operand);
  if (Number.isFinite(n) && operand.trim() !== '') {
    return (v) => {
      const x = asNumber(v);
      if (x === undefined) return op === '<>';
      return op === '='
        ? x === n
        : op === '<>'
          ? x !== n
          : op === '<'
            ? x < n
            : op === '>'
              ? x > n
              : op === '<='
                ? x <= n
                : x >= n;
    };
  }
  const t = operand.toLowerCase();
  return (v) => {
    const s = typeof v === 'string' ? v.toLowerCase() : undefined;
    if (op === '=') return s === t;
    if (op === '<>') return s !== t;
    if (s === undefined) return false;
    return op === '<' ? s < t : op === '>' ? s > t : op === '<=' ? s <= t : s >= t;
  };
}

/** A value as a catalogue argument: errors as their text, which the catalogue reports at the position. */
function asCellArg(v: Value | undefined): CellValue | CellValue[][] | undefined {
  const one = (s: Scalar): CellValue => (isError(s) ? (/^#[A-Z/0!?]+/.exec(s.message)?.[0] ?? '#VALUE!') : s);
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.map((r) => r.map(one)) : one(v);
}

// ------------------------------------------------------------------ evaluation

export class WorkbookEvaluator {
  private readonly formulas = new Map<string, string>();
  private readonly cache = new Map<string, Scalar>();
  private readonly evaluating = new Set<string>();
  /** Ranges of the other sheets, read once: their cells hold values, never formulas. */
  private readonly ranges = new Map<string, Value>();

  /** `formulas`: the formula of each cell of `formulaSheet` ("C2" → "=SUM(…)"). */
  constructor(
    private readonly wb: WorkbookGrids,
    private readonly formulaSheet: string,
    formulas: ReadonlyMap<string, string>,
  ) {
    for (const [cell, f] of formulas) this.formulas.set(cell.toUpperCase(), f);
  }

  /** The value a formula cell of the formula sheet shows. */
  cell(a1: string): Scalar {
    const key = a1.toUpperCase();
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const f = this.formulas.get(key);
    if (f === undefined) return null;
    if (this.evaluating.has(key)) return new FormulaError(`#REF! (circular reference at ${key})`);
    this.evaluating.add(key);
    let v: Value;
    try {
      v = this.eval(parse(f));
    } finally {
      this.evaluating.delete(key);
    }
    const s: Scalar = Array.isArray(v) ? (v[0]?.[0] ?? null) : v;
    this.cache.set(key, s);
    return s;
  }

  private grid(sheet: string): readonly (readonly CellValue[])[] {
    const s = this.wb.sheets.find((x) => x.name.toLowerCase() === sheet.toLowerCase());
    return s && Array.isArray(s.values) ? s.values : [];
  }

  private ref(sheet: string | undefined, range: string): Value {
    const name = sheet ?? this.formulaSheet;
    const [from, to = from] = range.replace(/\$/g, '').split(':');
    const at = (s: string) => {
      const m = /^([A-Z]+)(\d+)$/i.exec(s);
      if (!m) throw new Error(`the evaluator reads cell ranges only, not ${range}`);
      return { col: columnIndex(m[1].toUpperCase())!, row: Number(m[2]) - 1 };
    };
    const own = name.toLowerCase() === this.formulaSheet.toLowerCase();
    const key = `${name.toLowerCase()}!${range.toUpperCase()}`;
    if (!own) {
      const hit = this.ranges.get(key);
      if (hit !== undefined) return hit;
    }
    const a = at(from);
    const b = at(to);
    const g = this.grid(name);
    const out: Scalar[][] = [];
    for (let r = a.row; r <= b.row; r++) {
      const row: Scalar[] = [];
      for (let c = a.col; c <= b.col; c++) {
        const addr = `${columnLetter(c)}${r + 1}`;
        row.push(own && this.formulas.has(addr) ? this.cell(addr) : cellScalar(g[r]?.[c]));
      }
      out.push(row);
    }
    const v = from === to ? out[0][0] : out;
    if (!own) this.ranges.set(key, v);
    return v;
  }

  private eval(n: Node): Value {
    switch (n.kind) {
      case 'lit':
        return n.value;
      case 'ref':
        return this.ref(n.sheet, n.range);
      case 'unary': {
        const v = this.eval(n.arg);
        return n.op === '-' ? map2(v, -1, (x, y) => binary('*', x, y)) : v;
      }
      case 'binary':
        return map2(this.eval(n.left), this.eval(n.right), (x, y) => binary(n.op, x, y));
      case 'call':
        return this.call(n.name, n.args);
    }
  }

  private call(name: string, args: readonly (Node | undefined)[]): Value {
    const catalogue = catalogueNameOf(name);
    if (catalogue) {
      const out = callFunction(
        catalogue,
        args.map((a) => (a === undefined ? undefined : asCellArg(this.eval(a)))),
      );
      if (!out.ok) return new FormulaError(out.message);
      const v = out.value;
      // A spilled result (RD_IN_US over a range) is an array, element-wise as in an array formula.
      return typeof v === 'number' || typeof v === 'string' ? v : v.map((row) => [...row]);
    }
    const values = () => args.map((a) => (a === undefined ? null : this.eval(a)));
    switch (name) {
      case 'IF': {
        const cond = this.eval(args[0]!);
        const yes = args[1] === undefined ? true : this.eval(args[1]);
        const no = args[2] === undefined ? false : this.eval(args[2]);
        if (!Array.isArray(cond)) {
          const t = truthy(cond);
          return isError(t) ? t : t ? yes : no;
        }
        // Element-wise: each row takes its own branch (a scalar branch meets every row).
        const at = (v: Value, i: number, j: number): Scalar => (Array.isArray(v) ? (v[i]?.[j] ?? null) : v);
        return cond.map((row, i) =>
          row.map((c, j) => {
            const t = truthy(c);
            return isError(t) ? t : t ? at(yes, i, j) : at(no, i, j);
          }),
        );
      }
      case 'SUM':
      case 'MAX':
      case 'MIN': {
        const nums: number[] = [];
        for (const [i, v] of values().entries()) {
          // A reference's text and logicals are skipped, even a single cell's; a direct argument counts.
          const reference = Array.isArray(v) || args[i]?.kind === 'ref';
          for (const s of flat(v)) {
            if (isError(s)) return s;
            if (typeof s === 'number') nums.push(s);
            else if (!reference && s !== null) {
              const x = toNumber(s);
              if (isError(x)) return x;
              nums.push(x);
            }
          }
        }
        if (name === 'SUM') return nums.reduce((a, b) => a + b, 0);
        if (nums.length === 0) return 0;
        return name === 'MAX' ? Math.max(...nums) : Math.min(...nums);
      }
      case 'OR':
      case 'AND': {
        const ts: boolean[] = [];
        for (const s of values().flatMap(flat)) {
          if (s === null) continue;
          const t = truthy(s);
          if (isError(t)) return t;
          ts.push(t);
        }
        return name === 'OR' ? ts.some(Boolean) : ts.every(Boolean);
      }
      case 'ROUND': {
        const v = this.eval(args[0]!);
        const d = args[1] === undefined ? 0 : this.eval(args[1]);
        return map2(v, d, (x, y) => {
          const n = toNumber(x);
          const p = toNumber(y);
          if (isError(n)) return n;
          if (isError(p)) return p;
          const f = 10 ** Math.trunc(p);
          // Excel rounds half away from zero, on the decimal it shows (1.005 → 1.01).
          return (Math.sign(n) * Math.round(Number((Math.abs(n) * f).toPrecision(15)))) / f;
        });
      }
      case 'ARRAYFORMULA':
        return this.eval(args[0]!);
      case 'IFERROR': {
        const v = this.eval(args[0]!);
        const alt = args[1] === undefined ? null : this.eval(args[1]);
        return map2(v, alt, (x, y) => (isError(x) ? y : x));
      }
      case 'SUMIF':
      case 'COUNTIF': {
        const range = this.eval(args[0]!);
        const crit = this.eval(args[1]!);
        const sumRange = name === 'SUMIF' && args[2] !== undefined ? this.eval(args[2]) : range;
        const cells = flat(range);
        const sums = flat(sumRange);
        if (cells.length !== sums.length) return new FormulaError('#VALUE! (SUMIF ranges of different sizes)');
        const one = (c: Scalar): Scalar => {
          const match = criterion(c);
          let total = 0;
          for (const [i, v] of cells.entries()) {
            if (!match(v)) continue;
            if (name === 'COUNTIF') total += 1;
            else if (typeof sums[i] === 'number') total += sums[i] as number;
            else if (isError(sums[i])) return sums[i]!;
          }
          return total;
        };
        // A range of criteria gives one result per criterion (an array formula).
        return Array.isArray(crit) ? crit.map((row) => row.map(one)) : one(crit);
      }
      case 'COUNTIFS': {
        const pairs: { cells: Scalar[]; match: (v: Scalar) => boolean }[] = [];
        for (let k = 0; k < args.length; k += 2) {
          const crit = this.eval(args[k + 1]!);
          if (Array.isArray(crit)) throw new Error('the test evaluator takes one criterion per COUNTIFS pair');
          pairs.push({ cells: flat(this.eval(args[k]!)), match: criterion(crit) });
        }
        const n = pairs[0]?.cells.length ?? 0;
        if (pairs.some((p) => p.cells.length !== n))
          return new FormulaError('#VALUE! (COUNTIFS ranges of different sizes)');
        let count = 0;
        for (let i = 0; i < n; i++) if (pairs.every((p) => p.match(p.cells[i]!))) count++;
        return count;
      }
      case 'SUMPRODUCT': {
        // Excel: the arrays multiply element-wise; anything not a number counts 0; an error is the result.
        const arrays = values().map(flat);
        const n = arrays[0]?.length ?? 0;
        if (arrays.some((a) => a.length !== n))
          return new FormulaError('#VALUE! (SUMPRODUCT arrays of different sizes)');
        let total = 0;
        for (let i = 0; i < n; i++) {
          let product = 1;
          for (const a of arrays) {
            const v = a[i]!;
            if (isError(v)) return v;
            product *= typeof v === 'number' ? v : 0;
          }
          total += product;
        }
        return total;
      }
      case 'NOT': {
        const v = this.eval(args[0]!);
        return map2(v, null, (x) => {
          const t = truthy(x);
          return isError(t) ? t : !t;
        });
      }
      default:
        throw new Error(`the test evaluator does not implement ${name}; add it here`);
    }
  }
}

/** Whether a cell shows an error. */
export const isFormulaError = isError;
