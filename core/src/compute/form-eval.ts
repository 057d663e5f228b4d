/**
 * Evaluates the Form 6765 description (form6765/form.ts) exactly: each line's `calc` is an input
 * the caller resolves from the study or an expression over other lines and the law's rates. A line
 * that cannot be computed carries the reason of the first input it could not get — never 0.
 */
import { FORM_6765_LINES, type Expr, type FormCondition, type FormInput, type FormLineSpec } from '../form6765/form';
import { resolve } from '../law/types';
import { Dec } from '../money';

/** A line's value while computing: exact decimals for amounts and rates. */
export type RawValue = Dec | boolean | number | string;

export interface Resolved {
  readonly value: RawValue | null;
  /** Why the value is null, or what was assumed. */
  readonly note?: string;
  readonly cell?: string;
  readonly detail?: string;
  readonly skipped?: boolean;
  /** The first reason in a chain of lines that are not computed (what a reader must fix). */
  readonly root?: string;
}

const rootOf = (r: Resolved): string => r.root ?? r.note ?? 'no value';

export interface FormSources {
  readonly taxYear: number;
  input(i: FormInput, line: (l: string) => Resolved): Resolved;
  condition(c: FormCondition, line: (l: string) => Resolved): Resolved;
}

const SPECS = new Map(FORM_6765_LINES.map((l) => [l.line, l] as const));

/** Evaluates every line of the form; the map keeps form order. */
export function evaluateForm(sources: FormSources): Map<string, Resolved> {
  const done = new Map<string, Resolved>();
  const busy = new Set<string>();
  const line = (l: string): Resolved => {
    const got = done.get(l);
    if (got) return got;
    const spec = SPECS.get(l);
    if (!spec) return { value: null, note: `line ${l} is not on the form` };
    if (busy.has(l)) return { value: null, note: `line ${l} refers to itself` };
    busy.add(l);
    const r = evaluateLine(spec, sources, line);
    busy.delete(l);
    done.set(l, r);
    return r;
  };
  const ordered = new Map<string, Resolved>();
  for (const spec of FORM_6765_LINES) ordered.set(spec.line, line(spec.line));
  return ordered;
}

function evaluateLine(spec: FormLineSpec, sources: FormSources, line: (l: string) => Resolved): Resolved {
  if ('input' in spec.calc) return sources.input(spec.calc.input, line);
  return evalExpr(spec.calc.expr, sources, line);
}

const asDec = (v: RawValue): Dec | undefined =>
  v instanceof Dec ? v : typeof v === 'number' ? new Dec(v) : typeof v === 'boolean' ? new Dec(v ? 1 : 0) : undefined;

function evalExpr(e: Expr, sources: FormSources, line: (l: string) => Resolved): Resolved {
  switch (e.k) {
    case 'line': {
      const r = line(e.line);
      if (r.value === null)
        return r.skipped
          ? { value: null, note: `line ${e.line} is skipped: ${rootOf(r)}`, skipped: true, root: rootOf(r) }
          : {
              value: null,
              note: `needs line ${e.line}, which is not computed: ${rootOf(r)}`,
              root: rootOf(r),
              ...(r.cell ? { cell: r.cell } : {}),
            };
      return { value: r.value };
    }
    case 'num':
      return { value: new Dec(e.value) };
    case 'law': {
      const v = resolve(e.rule, sources.taxYear);
      if (v.value === null)
        return {
          value: null,
          note: `${e.rule.title} does not exist for tax years beginning in ${sources.taxYear} (${v.citations[0]})`,
        };
      return { value: new Dec(v.value) };
    }
    case 'skip':
      return { value: null, note: e.why, skipped: true };
    case 'if': {
      const c = sources.condition(e.cond, line);
      if (c.value === null) return { value: null, note: c.note ?? 'not known', ...(c.cell ? { cell: c.cell } : {}) };
      return evalExpr(c.value === true ? e.then : e.else, sources, line);
    }
    default: {
      const args: Dec[] = [];
      for (const a of e.args) {
        const r = evalExpr(a, sources, line);
        if (r.value === null) return r;
        const d = asDec(r.value);
        if (d === undefined) return { value: null, note: `not a number: ${String(r.value)}` };
        args.push(d);
      }
      const [first, ...rest] = args;
      if (first === undefined) return { value: new Dec(0) };
      switch (e.k) {
        case 'add':
          return { value: rest.reduce((s, x) => s.plus(x), first) };
        case 'sub':
          return { value: rest.reduce((s, x) => s.minus(x), first) };
        case 'mul':
          return { value: rest.reduce((s, x) => s.times(x), first) };
        case 'div':
          return rest.some((x) => x.isZero())
            ? { value: null, note: 'division by zero' }
            : { value: rest.reduce((s, x) => s.div(x), first) };
        case 'max':
          return { value: Dec.max(first, ...rest) };
        case 'min':
          return { value: Dec.min(first, ...rest) };
      }
    }
  }
}
