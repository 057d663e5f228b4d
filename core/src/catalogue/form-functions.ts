/**
 * Catalogue: the law's values by tax year, for formulas that follow the form line by line (the
 * templates' `Form 6765` sheet reads its rates through RD_LAW_VALUE, so a study for 2017 and one for
 * 2025 each get that year's §280C factor, from the same law data `rdtax compute` resolves).
 */
import { ArgumentError, listWords, quoteText, readText, scalarOf } from '../cells';
import { ALL_RULES } from '../law/registry';
import { DEFAULT_TAX_YEAR, NotInForce, resolve, type Rule } from '../law/types';
import { readTaxYear, required } from './read';
import type { FunctionSpec } from './types';

const NUMERIC = /^-?[0-9]+(\.[0-9]+)?$/;

let byId: ReadonlyMap<string, Rule<unknown>> | undefined;
/** Built on first use: hosts re-run top-level code on every call. */
function rulesById(): ReadonlyMap<string, Rule<unknown>> {
  if (!byId) byId = new Map(ALL_RULES.map((r) => [r.id.toLowerCase(), r] as const));
  return byId;
}

/**
 * The ids a mistyped `id` may mean: those it begins ("credit.asc.rat" → "credit.asc.rate"), else
 * those sharing its longest leading part ("credit.asc.x" → the credit.asc.* ids).
 */
function nearIds(id: string): string[] {
  const lower = id.toLowerCase();
  const begun = ALL_RULES.map((r) => r.id).filter((r) => r.startsWith(lower));
  if (begun.length > 0) return begun;
  const parts = lower.split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const prefix = `${parts.slice(0, n).join('.')}.`;
    const near = ALL_RULES.map((r) => r.id).filter((r) => r.startsWith(prefix));
    if (near.length > 0) return near;
  }
  return [];
}

export const FORM_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: 'RD_LAW_VALUE',
    summary:
      'A numeric value of the law (a rate, factor, amount or count) for the tax year, by its rule id as docs/law.md lists it.',
    params: [
      {
        name: 'rule_id',
        kind: 'text',
        optional: false,
        help: 'The rule id, e.g. "credit.asc.rate" or "credit.280c.reduced-credit-factor" (docs/law.md).',
      },
      {
        name: 'tax_year',
        kind: 'year',
        optional: true,
        default: String(DEFAULT_TAX_YEAR),
        help: 'Calendar year in which the tax year begins.',
      },
    ],
    citations: ['docs/law.md (every rule: its id, its value by tax year and its citation)'],
    returns: 'number',
    example: '=RD_LAW_VALUE("credit.280c.reduced-credit-factor", 2025)',
    impl: (args) => {
      const id = readText(
        scalarOf(required(args, 'rule_id'), 'rule_id'),
        { arg: 'rule_id' },
        'a rule id such as "credit.asc.rate"',
      );
      const taxYear = readTaxYear(args, 'tax_year', true);
      const rule = rulesById().get(id.toLowerCase());
      if (!rule) {
        const near = nearIds(id);
        throw new ArgumentError(
          'not-available',
          `rule_id: ${quoteText(id)} is not a rule of the law${near.length > 0 ? `; did you mean ${listWords(near)}?` : ''} (docs/law.md lists every rule id).`,
          { arg: 'rule_id' },
        );
      }
      let value: unknown;
      let citation: string;
      try {
        const r = resolve(rule, taxYear);
        value = r.value;
        citation = r.citations[0];
      } catch (e) {
        if (e instanceof NotInForce)
          throw new ArgumentError(
            'not-available',
            `${rule.id} (${rule.title}) is not in force for tax years beginning in ${taxYear}; it governs from ${e.firstYear}.`,
            { arg: 'tax_year' },
          );
        throw e;
      }
      if (value === null)
        throw new ArgumentError(
          'not-available',
          `${rule.id} (${rule.title}) has no value for tax years beginning in ${taxYear} (${citation}).`,
          { arg: 'tax_year' },
        );
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
      throw new ArgumentError(
        'invalid-value',
        `${rule.id} (${rule.title}) is not a number for tax years beginning in ${taxYear} (it is ${typeof value === 'boolean' ? (value ? 'yes' : 'no') : 'a table of values'}); only rates, factors, amounts and counts can be read into a cell.`,
        { arg: 'rule_id' },
      );
    },
  },
];
