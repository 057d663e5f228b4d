/**
 * The function catalogue: every spreadsheet function, and the one way to call it.
 * `callFunction` never throws and never returns NaN: it gives a value or a coded error
 * with a message naming the argument and position.
 */
import {
  AMOUNT_LIMIT,
  AMOUNT_LIMIT_TEXT,
  ArgumentError,
  isOmitted,
  listWords,
  quoteText,
  readText,
  scalarOf,
  type CellArg,
} from '../cells';
import { CreditNotAvailable } from '../calc/credit';
import { CREDIT_FUNCTIONS } from './credit-functions';
import { FORM_FUNCTIONS } from './form-functions';
import { OTHER_FUNCTIONS } from './other-functions';
import { QRE_FUNCTIONS } from './qre-functions';
import { STATE_FUNCTIONS } from './state-functions';
import type { ArgList, CellResult, FunctionSpec, Outcome, ParamKind, ParamSpec } from './types';

export * from './types';

const CITATION_FUNCTION: FunctionSpec = {
  name: 'RD_CITATION',
  summary: 'The law behind a catalogue function: its citations, as text.',
  params: [{ name: 'function_name', kind: 'text', optional: false, help: 'A catalogue function name, e.g. "RD_ASC".' }],
  citations: ['docs/law.md (every rule, its value by tax year and its citation)'],
  returns: 'text',
  example: '=RD_CITATION("RD_ASC")',
  impl: (args) => {
    const name = readText(
      scalarOf(args.get('function_name') ?? null, 'function_name'),
      { arg: 'function_name' },
      'the name of a catalogue function, e.g. "RD_ASC"',
    );
    const spec = findFunction(name);
    if (!spec) {
      throw new ArgumentError(
        'not-available',
        `function_name: ${quoteText(name)} is not a catalogue function; use one of ${listWords(
          CATALOGUE.map((f) => f.name),
          false,
        )}.`,
        { arg: 'function_name' },
      );
    }
    return spec.citations.join('; ');
  },
};

/** Every function, in the order the README lists them. Names are permanent. */
export const CATALOGUE: readonly FunctionSpec[] = [
  ...QRE_FUNCTIONS,
  ...CREDIT_FUNCTIONS,
  ...OTHER_FUNCTIONS,
  ...FORM_FUNCTIONS,
  ...STATE_FUNCTIONS,
  CITATION_FUNCTION,
];

/** Find by name, case-insensitively, with or without Excel's `RDTAX.` namespace. */
export function findFunction(name: string): FunctionSpec | undefined {
  const n = name
    .trim()
    .toUpperCase()
    .replace(/^RDTAX\./, '');
  return CATALOGUE.find((f) => f.name === n);
}

const LIMIT = AMOUNT_LIMIT.toNumber();
/**
 * What an argument of a kind takes, in a few words: the message of a missing required argument.
 * Said from the kind (and the accepted words), not from the help text, so every host words it
 * the same (the Sheets bundle carries the help only in its JSDoc).
 */
const KIND_TAKES: Readonly<Record<ParamKind, string>> = {
  amount: 'an amount in dollars',
  amounts: 'an amount or a range of amounts',
  fraction: 'a share as a fraction, 0–1 (80% is 0.8)',
  fractions: 'a share as a fraction, 0–1 (80% is 0.8), or a range of them',
  boolean: 'TRUE or FALSE',
  year: 'a calendar year, e.g. 2025',
  years: 'a calendar year or a range of them',
  word: 'a word',
  words: 'a word or a range of them',
  text: 'a text',
  texts: 'a text or a range of them',
  table: 'a table with its header row',
  count: 'a whole number',
  months: 'a month or a date, e.g. "2025-07"',
};
function whatToGive(p: ParamSpec): string {
  const words = p.words && p.words.length > 0 ? ` (${p.words.join(', ')})` : '';
  return `${KIND_TAKES[p.kind]}${words}`;
}

/** What is wrong with a result, if anything: no finite number (a defect), or more than AMOUNT_LIMIT. */
function resultProblem(v: CellResult): 'not-finite' | 'too-large' | undefined {
  const cell = (c: number | string) =>
    typeof c === 'string'
      ? undefined
      : !Number.isFinite(c)
        ? 'not-finite'
        : Math.abs(c) > LIMIT
          ? 'too-large'
          : undefined;
  if (typeof v !== 'object') return cell(v);
  if (v.length === 0 || v.some((row) => row.length === 0)) return 'not-finite';
  for (const row of v) {
    for (const c of row) {
      const p = cell(c);
      if (p) return p;
    }
  }
  return undefined;
}

export function callFunction(name: string, args: readonly (CellArg | undefined)[]): Outcome {
  const spec = findFunction(name);
  if (!spec) return { ok: false, code: 'not-available', message: `${name} is not a function of RD Credit Studio.` };
  try {
    // Trailing omitted arguments are how both hosts pass "not given".
    let n = args.length;
    while (n > 0 && (args[n - 1] === undefined || args[n - 1] === null)) n--;
    if (n > spec.params.length) {
      return {
        ok: false,
        code: 'invalid-value',
        message: `${spec.name} takes at most ${spec.params.length} arguments; got ${n}.`,
      };
    }
    const byName = new Map<string, CellArg | undefined>();
    spec.params.forEach((p, i) => byName.set(p.name, i < n ? args[i] : undefined));
    for (const p of spec.params) {
      const a = byName.get(p.name);
      if (!p.optional && (a === undefined || a === null)) {
        return {
          ok: false,
          code: 'invalid-value',
          message: `${p.name} is required: give ${whatToGive(p)}.`,
          at: { arg: p.name },
        };
      }
      // An empty range for an optional argument is the same as leaving it out.
      if (p.optional && a !== undefined && isOmitted(a) && Array.isArray(a) && a.length === 0)
        byName.set(p.name, undefined);
    }
    const list: ArgList = { get: (k) => byName.get(k) };
    const value = spec.impl(list);
    const problem = resultProblem(value);
    if (problem === 'too-large') {
      // Each amount argument is within the limit, but together (wages + supplies + contracts) they are not.
      const given = spec.params
        .filter((p) => (p.kind === 'amount' || p.kind === 'amounts') && byName.get(p.name) !== undefined)
        .map((p) => p.name);
      return {
        ok: false,
        code: 'invalid-number',
        message: `${spec.name}: the result is more than ${AMOUNT_LIMIT_TEXT}, the largest amount computed exactly to the cent; check the amounts in ${given.join(', ')}.`,
      };
    }
    if (problem === 'not-finite') {
      return {
        ok: false,
        code: 'internal',
        message: `${spec.name} produced no finite result; please report this with the inputs.`,
      };
    }
    return { ok: true, value };
  } catch (e) {
    if (e instanceof ArgumentError)
      return { ok: false, code: e.code, message: e.message, ...(e.at ? { at: e.at } : {}) };
    if (e instanceof CreditNotAvailable) return { ok: false, code: 'not-available', message: e.message };
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      code: 'internal',
      message: `${spec.name} failed unexpectedly (${detail}); please report this with the inputs.`,
    };
  }
}
