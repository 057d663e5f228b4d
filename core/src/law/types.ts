/**
 * The shape of law-as-data. A rule is a history of versions; each version takes effect for
 * tax years *beginning* in or after `from` (the calendar year in which the taxable year
 * begins — a fiscal year 7/1/2024–6/30/2025 is 2024), because the statutes key on
 * "taxable years beginning after December 31, …".
 *
 * Every rule belongs to one jurisdiction and lives in that jurisdiction's folder
 * (`federal/`, `states/<st>/`); `registry.ts` builds the list of all rules from those folders.
 * Like PolicyEngine's parameters, a value carries its unit and, where the primary text is
 * online, the address of that text.
 *
 * `status: 'interpretation'` marks a value taken from a practitioner reading rather than the
 * primary text ("[verify]" in docs/law.md) so a reviewer finds every one of them with one search.
 */

export type Status = 'enacted' | 'interpretation';

/** At least one citation, by construction. */
export type Citations = readonly [string, ...string[]];

/** `US` for federal law; `US-CA`, `US-TX`… (ISO 3166-2) for a state's. */
export type Jurisdiction = 'US' | `US-${string}`;

/**
 * What a value measures. `rate` is a fraction shown as a percentage (0.14 → 14%); `factor` a
 * multiplier shown as written (× 0.79); `USD` whole dollars; `year` a tax year; `count`,
 * `month` and `decimal-places` plain numbers. A structured value names the unit of each field.
 */
export type UnitName = 'rate' | 'factor' | 'USD' | 'year' | 'count' | 'month' | 'decimal-places';
export type Unit = UnitName | { readonly [field: string]: UnitName };

/**
 * What a version's years count. Income-tax credits key on the calendar year the tax year
 * begins; the Texas franchise tax keys on the report year (the year the report is due — the
 * year after the accounting year ends), so a Texas rule's `from` is a report year.
 */
export type Basis = 'tax years beginning' | 'reports due';

export interface RuleVersion<V> {
  /** First tax year (begin year) this version governs. */
  readonly from: number;
  /** Last tax year (begin year) it governs; open-ended when absent. */
  readonly through?: number;
  readonly value: V;
  readonly status: Status;
  readonly citations: Citations;
  /** The primary text of the first citation (statute, regulation, form), where it is online. */
  readonly url?: string;
  /** Why, where the citation alone does not say it. */
  readonly note?: string;
}

export interface Rule<V> {
  readonly id: string;
  readonly title: string;
  readonly jurisdiction: Jurisdiction;
  /** The unit of the value; absent for a value that is a kind of treatment, not a quantity. */
  readonly unit?: Unit;
  /** What the years of `history` count: tax years by their begin year, or franchise-tax report years. */
  readonly basis: Basis;
  /** Versions ordered by `from`, non-overlapping. */
  readonly history: readonly [RuleVersion<V>, ...RuleVersion<V>[]];
}

export interface Resolved<V> {
  readonly rule: string;
  readonly taxYear: number;
  readonly value: V;
  readonly status: Status;
  readonly citations: Citations;
  readonly from: number;
  readonly url?: string;
  readonly note?: string;
}

/** The tax years the engine accepts at all (the start-up rules count from 1994). */
export const TAX_YEAR_MIN = 1994;
export const TAX_YEAR_MAX = 2100;

export class NotInForce extends Error {
  constructor(
    readonly ruleId: string,
    readonly taxYear: number,
    readonly firstYear: number,
  ) {
    super(`${ruleId} is not in force for tax years beginning in ${taxYear} (it governs from ${firstYear})`);
    this.name = 'NotInForce';
  }
}

const governs = (v: RuleVersion<unknown>, taxYear: number) =>
  taxYear >= v.from && (v.through === undefined || taxYear <= v.through);

/** The version of `rule` that governs tax years beginning in `taxYear`. */
export function resolve<V>(rule: Rule<V>, taxYear: number): Resolved<V> {
  for (let i = rule.history.length - 1; i >= 0; i--) {
    const v = rule.history[i];
    if (v && governs(v, taxYear)) {
      return {
        rule: rule.id,
        taxYear,
        value: v.value,
        status: v.status,
        citations: v.citations,
        from: v.from,
        ...(v.url === undefined ? {} : { url: v.url }),
        ...(v.note === undefined ? {} : { note: v.note }),
      };
    }
  }
  throw new NotInForce(rule.id, taxYear, rule.history[0].from);
}

/** Whether `rule` has a version for `taxYear`. */
export function inForce(rule: Rule<unknown>, taxYear: number): boolean {
  return rule.history.some((v) => governs(v, taxYear));
}

/**
 * The tax year a function resolves the law for when it takes no `tax_year` argument
 * (QRE functions): studies prepared in 2026 are for tax years beginning in 2025.
 * Rules those functions read (65/75/100%, the 80% wage rule) are unchanged since 2005.
 */
export const DEFAULT_TAX_YEAR = 2025;
