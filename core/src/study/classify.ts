/**
 * Which Form 6765 (Rev. December 2024) Section F line a study row feeds and its qualified
 * amount — or why the law leaves it out — decided once, here. The validator reports the
 * exclusions a row claims anyway (each carries its rule), compute lists them as "rows left
 * out", and the built-in Summary formulas are written from the same words (DOMESTIC_LOCATIONS,
 * YES_WORDS, SUPPLY_CATEGORY_WORDS, the production environments), so a cell, `rdtax compute`
 * and the validator agree on every row.
 *
 * Reading never reports: a cell that cannot be read simply does not qualify the row. The
 * validator's own readers say what is wrong with the cell.
 */
import {
  CLOUD_ENVIRONMENTS,
  contractResearchRate,
  individualOf,
  PART_PLACES,
  substantiallyAllThreshold,
  wageIndividuals,
  type IndividualWages,
  type WageRow,
} from '../calc/qre';
import { isBlank, normalizeWord } from '../cells';
import type { ContractType } from '../law/rules';
import { Dec, type Rate, type Usd } from '../money';
import type { StudyRow, StudyTable } from './model';
import type { StudyRuleId } from './rules';
import {
  CONTRACTORS,
  EMPLOYEES,
  RECORDS_CITATION,
  SUPPLIES,
  type AllocationField,
  type ContractorField,
  type EmployeeField,
  type SupplyField,
} from './schema';
import { nameKey, readNumber, readText, readYesNo, toDec, type Num } from './values';

/** Form 6765 Section F: 42 wages, 43 supplies, 44 computer rental (cloud), 45 contract research. */
export type QreLine = '42' | '43' | '44' | '45';

/** Where the research was done: decides qualified research (§41(d)(4)(F)) and §174's 15-year period. */
export type Where = 'domestic' | 'foreign' | 'unknown';

export type ExclusionCode =
  | 'foreign'
  | 'no-location'
  | 'depreciable'
  | 'not-a-category'
  | 'production'
  | 'no-rights'
  | 'rights-unknown'
  | 'no-risk'
  | 'risk-unknown';

/** Why a row feeds no line. */
export interface RowExclusion {
  readonly code: ExclusionCode;
  /** The field whose cell decides it (where a finding or a "left out" note points). */
  readonly field: string;
  /** What compute says about the row left out. */
  readonly reason: string;
  readonly citation: string;
  /**
   * The validator rule this exclusion is a finding under — set when the row claims what the law
   * leaves out (foreign research with an R&D % above 0), or always where the rule says so (no
   * rights retained). Unset: the row is left out, but nothing in it is wrong (foreign at 0%) or a
   * cell reader reports it (a blank Location).
   */
  readonly rule?: StudyRuleId;
}

export interface RowClass {
  /** The line the row feeds; undefined when it is left out. */
  readonly line?: QreLine;
  /** Its qualified amount, exact; undefined when left out or when a cell it needs cannot be read. */
  readonly amount?: Dec;
  /** Why it is left out, the deciding reason first; empty when it feeds a line. */
  readonly excluded: readonly RowExclusion[];
  /** Employees and Contractors: where the research was done. */
  readonly where?: Where;
}

export const CITATIONS = {
  foreign: 'IRC §41(d)(4)(F)',
  funded: 'IRC §41(d)(4)(H); Treas. Reg. §1.41-2(e)',
  depreciable: 'IRC §41(b)(2)(C); Treas. Reg. §1.41-2(b)',
  production: 'IRC §41(b)(2)(A)(iii); IRC §41(d)(4)(A)',
  records: RECORDS_CITATION,
} as const;

/**
 * Research in the United States, Puerto Rico or a US possession is domestic (IRC §41(d)(4)(F));
 * anything else written in Location is a foreign country. Matched without case, spaces or dots.
 */
export const DOMESTIC_LOCATIONS: readonly string[] = [
  'US',
  'U.S.',
  'USA',
  'U.S.A.',
  'United States',
  'United States of America',
  'Puerto Rico',
  'Guam',
  'U.S. Virgin Islands',
  'US Virgin Islands',
  'American Samoa',
  'Northern Mariana Islands',
];
/**
 * The states, DC and the territories by USPS code: a Location of `CA` or `US-CA` (ISO 3166-2) is
 * research in the United States (docs/design.md §4), and names the state whose credit it may earn.
 */
export const US_STATES: ReadonlyMap<string, string> = new Map([
  ['AL', 'Alabama'],
  ['AK', 'Alaska'],
  ['AZ', 'Arizona'],
  ['AR', 'Arkansas'],
  ['CA', 'California'],
  ['CO', 'Colorado'],
  ['CT', 'Connecticut'],
  ['DE', 'Delaware'],
  ['DC', 'District of Columbia'],
  ['FL', 'Florida'],
  ['GA', 'Georgia'],
  ['HI', 'Hawaii'],
  ['ID', 'Idaho'],
  ['IL', 'Illinois'],
  ['IN', 'Indiana'],
  ['IA', 'Iowa'],
  ['KS', 'Kansas'],
  ['KY', 'Kentucky'],
  ['LA', 'Louisiana'],
  ['ME', 'Maine'],
  ['MD', 'Maryland'],
  ['MA', 'Massachusetts'],
  ['MI', 'Michigan'],
  ['MN', 'Minnesota'],
  ['MS', 'Mississippi'],
  ['MO', 'Missouri'],
  ['MT', 'Montana'],
  ['NE', 'Nebraska'],
  ['NV', 'Nevada'],
  ['NH', 'New Hampshire'],
  ['NJ', 'New Jersey'],
  ['NM', 'New Mexico'],
  ['NY', 'New York'],
  ['NC', 'North Carolina'],
  ['ND', 'North Dakota'],
  ['OH', 'Ohio'],
  ['OK', 'Oklahoma'],
  ['OR', 'Oregon'],
  ['PA', 'Pennsylvania'],
  ['RI', 'Rhode Island'],
  ['SC', 'South Carolina'],
  ['SD', 'South Dakota'],
  ['TN', 'Tennessee'],
  ['TX', 'Texas'],
  ['UT', 'Utah'],
  ['VT', 'Vermont'],
  ['VA', 'Virginia'],
  ['WA', 'Washington'],
  ['WV', 'West Virginia'],
  ['WI', 'Wisconsin'],
  ['WY', 'Wyoming'],
  ['PR', 'Puerto Rico'],
  ['GU', 'Guam'],
  ['VI', 'U.S. Virgin Islands'],
  ['AS', 'American Samoa'],
  ['MP', 'Northern Mariana Islands'],
]);
function locationKey(s: string): string {
  return s.toLowerCase().replace(/[\s.]+/g, '');
}
const DOMESTIC = new Set(
  [
    ...DOMESTIC_LOCATIONS,
    ...US_STATES.keys(),
    ...[...US_STATES.keys()].map((c) => `US-${c}`),
    ...US_STATES.values(),
  ].map(locationKey),
);
/** US, a state or DC (`CA`, `US-CA`, `California`), Puerto Rico or a possession: research in the United States. */
export function isDomestic(location: string): boolean {
  return DOMESTIC.has(locationKey(location));
}

/** Location key → the state's code (`ca`, `us-ca`, `california` → CA), built on first use. */
let stateByKey: Map<string, string> | undefined;
/**
 * The state (or DC, or territory) a Location names, by its code (`CA`, `US-CA`, `California` →
 * `CA`): whose credit the research may earn. `US` and a country name none.
 */
export function stateOfLocation(location: string): string | undefined {
  if (!stateByKey) {
    stateByKey = new Map();
    for (const [code, name] of US_STATES) {
      stateByKey.set(locationKey(code), code);
      stateByKey.set(locationKey(`US-${code}`), code);
      stateByKey.set(locationKey(name), code);
    }
  }
  // Names are matched without case, spaces or dots: `U.S. Virgin Islands` = `US Virgin Islands`.
  return stateByKey.get(locationKey(location));
}

/**
 * `US-XX` whose XX is no state, DC or territory code (`US-XX`, `US-CF`): a mistyped state, which
 * reads as outside the United States — the validator's message says so, not "a foreign country".
 */
export function isUnknownStateCode(location: string): boolean {
  return /^\s*US-[A-Za-z]{2}\s*$/.test(location) && stateOfLocation(location) === undefined;
}

/** Supplies categories (docs/design.md §4): Equipment (depreciable) and Utilities are never supplies. */
export type SupplyCategory = 'supply' | 'cloud' | 'equipment' | 'utilities';
export const SUPPLY_CATEGORY_WORDS: ReadonlyMap<string, SupplyCategory> = new Map([
  ['supply', 'supply'],
  ['supplies', 'supply'],
  ['cloud', 'cloud'],
  ['equipment', 'equipment'],
  ['utilities', 'utilities'],
  ['utility', 'utilities'],
]);
export function supplyCategory(text: string): SupplyCategory | undefined {
  return SUPPLY_CATEGORY_WORDS.get(normalizeWord(text));
}

/** Contract Type words (blank = standard): §41(b)(3)(A), (C), (D). */
export const CONTRACT_TYPE_WORDS: ReadonlyMap<string, ContractType> = new Map([
  ['standard', 'standard'],
  ['consortium', 'consortium'],
  ['qualified research consortium', 'consortium'],
  ['energy', 'energy'],
]);

/** The environments RD_CLOUD_QRE never counts: production, inference, monitoring, customer-facing. */
export const PRODUCTION_ENVIRONMENTS: readonly string[] = [...CLOUD_ENVIRONMENTS]
  .filter(([, c]) => c === 'production')
  .map(([w]) => w);

const ONE = new Dec(1);
const ZERO = new Dec(0);
const NONE: readonly RowExclusion[] = Object.freeze([]);

/**
 * A row that feeds `line`. Its amount is worked out only when read: the validator asks which
 * line a row feeds for 200,000 rows and never needs the decimal arithmetic — so this is one
 * small object per row (no closures, no getter built per row).
 */
class Included implements RowClass {
  readonly excluded = NONE;
  private done = false;
  private value: Dec | undefined;
  constructor(
    readonly line: QreLine,
    readonly where: Where | undefined,
    /** Works the amount out from `a` and `b` (shared by all rows: nothing is built per row). */
    private readonly qualified: (a: never, b: never) => Dec | undefined,
    private readonly a: unknown,
    private readonly b: unknown,
  ) {}
  get amount(): Dec | undefined {
    if (!this.done) {
      this.value = this.qualified(this.a as never, this.b as never);
      this.done = true;
    }
    return this.value;
  }
}
function included(line: QreLine, where: Where | undefined, qualified: () => Dec | undefined): RowClass {
  return new Included(line, where, qualified, undefined, undefined);
}

/** A readable number (a % may be out of bounds: that is the reader's finding), else undefined. */
function num(v: unknown): Num | undefined {
  const r = readNumber(v as never);
  return r.kind === 'value' ? r.value : undefined;
}
/** A share 0–1, else undefined. */
function share(v: unknown): Dec | undefined {
  const n = num(v);
  if (n === undefined) return undefined;
  const d = toDec(n);
  return d.isNegative() || d.gt(ONE) ? undefined : d;
}
/** An amount ≥ 0, else undefined. */
function amount(v: unknown): Dec | undefined {
  const n = num(v);
  if (n === undefined) return undefined;
  const d = toDec(n);
  return d.isNegative() ? undefined : d;
}
/** R&D % reads as a number above 0: the row claims something. */
function claims(v: unknown): boolean {
  const n = num(v);
  return n !== undefined && (typeof n === 'number' ? n > 0 : n.gt(0));
}
function yes(v: unknown): boolean | undefined {
  const r = readYesNo(v as never);
  return r.kind === 'value' ? r.value : undefined;
}

/**
 * Classifies the rows of a study for one tax year (the 80% rule and the contract research rates
 * are resolved for it). Locations are matched once per distinct text: 50,000 rows carry a few.
 */
export class RowClassifier {
  private readonly whereOf = new Map<string, Where>();
  private readonly threshold: Rate;
  private readonly plans = new WeakMap<StudyTable<EmployeeField>, EmployeePlan>();
  private allocationPlan: Map<string, Allocation> | undefined;
  private readonly allocations: StudyTable<AllocationField> | undefined;
  /** A line-42 row's qualified wages (its part of its individual's), one function for every row. */
  private readonly employeeAmount = (t: StudyTable<EmployeeField>, r: StudyRow<EmployeeField>): Dec | undefined =>
    this.individualOf(t, r)?.amountOf(r);

  /**
   * `allocations`: the study's Allocations sheet, which splits an employee's qualified wages across
   * business components (Form 6765 Section G lines 50–53) in place of the Employees row's own.
   */
  constructor(
    readonly taxYear: number,
    options: { readonly allocations?: StudyTable<AllocationField> | undefined } = {},
  ) {
    this.threshold = substantiallyAllThreshold(taxYear).value;
    this.allocations = options.allocations;
  }

  private where<F extends string>(t: StudyTable<F>, r: StudyRow<F>, field: F): Where {
    if (t.columns[field] === undefined) return 'unknown';
    const text = readText(r.cells[field]);
    if (text.kind !== 'value') return 'unknown';
    let w = this.whereOf.get(text.value);
    if (w === undefined) this.whereOf.set(text.value, (w = isDomestic(text.value) ? 'domestic' : 'foreign'));
    return w;
  }

  /** Employees → line 42: wages × R&D %, 100% at 80% or more (§41(b)(2)(B); Reg. §1.41-2(d)(2)). */
  employee(t: StudyTable<EmployeeField>, r: StudyRow<EmployeeField>): RowClass {
    const where = this.where(t, r, 'location');
    if (where === 'foreign')
      return {
        where,
        excluded: [
          {
            code: 'foreign',
            field: 'location',
            reason: `research outside the US (${String(r.cells.location)}) is not qualified research; left out of line 42 (kept in the §174 foreign amount)`,
            citation: CITATIONS.foreign,
            ...(claims(r.cells.rdPct) ? { rule: 'wages/foreign' as const } : {}),
          },
        ],
      };
    if (where === 'unknown')
      return {
        where,
        excluded: [
          {
            code: 'no-location',
            field: 'location',
            reason: 'no readable Location; left out of line 42 and §174 until a location is entered',
            citation: CITATIONS.records,
          },
        ],
      };
    return new Included('42', where, this.employeeAmount, t, r);
  }

  /**
   * The individuals of an Employees table (the 80% rule is per individual: IRC §41(b)(2)(B) last
   * sentence; Treas. Reg. §1.41-2(d)(2)): the rows that feed line 42 grouped by Employee (trimmed,
   * any case, runs of spaces as one; a row naming no one is an individual of its own), in the
   * order each is first named. Rows left out of line 42 (outside the US, no location) are no part
   * of an individual's test; they are listed with it (`leftOut`).
   */
  individuals(t: StudyTable<EmployeeField>): readonly WageIndividual[] {
    const plan = this.plan(t);
    const out: WageIndividual[] = [];
    for (const r of t.rows) {
      const shared = plan.bySheetRow[r.row];
      if (shared) {
        if (shared.rows[0] === r) out.push(shared);
      } else if (this.where(t, r, 'location') === 'domestic')
        out.push(new WageIndividual(this.threshold, textOf(r.cells.employee), [r], []));
    }
    return out;
  }

  /**
   * Individuals named on more than one row of the table (any location) with at least one row
   * feeding line 42, in the order first named: what the validator tests as a whole.
   */
  sharedIndividuals(t: StudyTable<EmployeeField>): readonly WageIndividual[] {
    return this.plan(t).shared;
  }

  /** Rows naming the same employee (any location), two or more, in sheet order. */
  sameNameRows(t: StudyTable<EmployeeField>): readonly (readonly StudyRow<EmployeeField>[])[] {
    return this.plan(t).groups;
  }

  /** The individual of a row that feeds line 42 (or of a left-out row whose name is on one). */
  individualOf(t: StudyTable<EmployeeField>, r: StudyRow<EmployeeField>): WageIndividual | undefined {
    const shared = this.plan(t).bySheetRow[r.row];
    if (shared) return shared;
    return this.where(t, r, 'location') === 'domestic'
      ? new WageIndividual(this.threshold, textOf(r.cells.employee), [r], [])
      : undefined;
  }

  /** Like `individualOf`, but only an individual named on more than one row (nothing is built). */
  sharedIndividualOf(t: StudyTable<EmployeeField>, r: StudyRow<EmployeeField>): WageIndividual | undefined {
    return this.plan(t).bySheetRow[r.row];
  }

  /**
   * One pass over the table, keeping only what repeats: 50,000 employees with distinct names cost
   * a map of names, not 50,000 objects.
   */
  private plan(t: StudyTable<EmployeeField>): EmployeePlan {
    let plan = this.plans.get(t);
    if (plan) return plan;
    const groups: StudyRow<EmployeeField>[][] = [];
    let last = 0;
    for (const r of t.rows) if (r.row > last) last = r.row;
    // Sheet row → name key and → shared individual, filled up front so the arrays stay dense.
    const keys: (string | undefined)[] = new Array<string | undefined>(last + 1).fill(undefined);
    const bySheetRow: (WageIndividual | undefined)[] = new Array<WageIndividual | undefined>(last + 1).fill(undefined);
    const rowsIn = t.rows;
    const named = new NameIndex(rowsIn.length, (i) => keys[rowsIn[i]?.row ?? -1]);
    if (t.columns.employee !== undefined) {
      // Only names that repeat get a group (by the index of their first row).
      let groupOf: Map<number, StudyRow<EmployeeField>[]> | undefined;
      for (let i = 0; i < rowsIn.length; i++) {
        const r = rowsIn[i] as StudyRow<EmployeeField>;
        const key = individualOf(r.cells.employee);
        if (key === undefined) continue;
        keys[r.row] = key;
        const first = named.addOrFind(key, i);
        if (first < 0) continue;
        groupOf ??= new Map();
        const g = groupOf.get(first);
        if (g) g.push(r);
        else {
          const started = [rowsIn[first] as StudyRow<EmployeeField>, r];
          groupOf.set(first, started);
          groups.push(started);
        }
      }
    }
    const shared: WageIndividual[] = [];
    for (const g of groups) {
      const rows = g.filter((r) => this.where(t, r, 'location') === 'domestic');
      const [first] = rows;
      if (!first) continue;
      const p = new WageIndividual(
        this.threshold,
        textOf(first.cells.employee),
        rows,
        g.filter((r) => !rows.includes(r)),
      );
      shared.push(p);
      for (const r of g) bySheetRow[r.row] = p;
    }
    shared.sort((a, b) => (a.rows[0]?.row ?? 0) - (b.rows[0]?.row ?? 0));
    plan = { groups, shared, bySheetRow, keys, named };
    this.plans.set(t, plan);
    return plan;
  }

  /**
   * Where a row's qualified amount goes in Form 6765 Section G: the business components it names,
   * each with its share, the parts summing exactly to the row's amount. An employee with rows on
   * the Allocations sheet takes its components from there (its Employees row's Business Component
   * is then not read); every other row takes its own Business Component. A part with no component
   * is unassigned, and `source` says why. A row that feeds no line has no parts.
   */
  componentsOf<F extends string>(t: StudyTable<F>, r: StudyRow<F>): readonly ComponentPart[] {
    const cls = this.classify(t, r);
    if (!cls?.line) return [];
    const source = this.componentSource(t, r);
    const amount = cls.amount;
    if (source === 'allocations') {
      const parts = this.allocationOf(r.cells['employee' as F])?.parts ?? [];
      let given = new Dec(0);
      return parts.map((a, n) => {
        let part: Dec | undefined;
        if (amount !== undefined) {
          part = n === parts.length - 1 ? amount.minus(given) : amount.times(a.share).toDecimalPlaces(PART_PLACES);
          given = given.plus(part);
        }
        return { component: a.component, key: nameKey(a.component), share: a.share, amount: part, source };
      });
    }
    if (source === 'row') {
      const text = readText(r.cells['component' as F]);
      const component = text.kind === 'value' ? text.value : '';
      return [{ component, key: nameKey(component), share: ONE, amount, source }];
    }
    return [{ component: undefined, key: undefined, share: ONE, amount, source }];
  }

  /**
   * Where a row's business component comes from (what `componentsOf` splits by), without working
   * out any amount: the employee's Allocations rows, the row's own Business Component, or why none.
   */
  componentSource<F extends string>(t: StudyTable<F>, r: StudyRow<F>): ComponentSource {
    if (this.allocations && t.spec === (EMPLOYEES as unknown) && t.columns['employee' as F] !== undefined) {
      const alloc = this.allocationOfRow(t as never, r as never);
      if (alloc) return alloc.parts ? 'allocations' : 'invalid-allocations';
    }
    const field = 'component' as F;
    const v = r.cells[field];
    if (t.columns[field] === undefined || isBlank(v)) return 'blank';
    if (typeof v === 'string') return v.indexOf('#') === -1 || readText(v).kind === 'value' ? 'row' : 'unreadable';
    return readText(v).kind === 'value' ? 'row' : 'unreadable';
  }

  /** The Allocations rows of an employee (matched by the same name key as individuals), if it has any. */
  allocationOf(name: unknown): Allocation | undefined {
    if (!this.allocations) return undefined;
    const key = individualOf(name);
    return key === undefined ? undefined : this.allocationsBy().get(key);
  }

  /** The Allocations rows of an Employees row's employee (`r` a row of `t`), its name keyed once per table. */
  allocationOfRow(t: StudyTable<EmployeeField>, r: StudyRow<EmployeeField>): Allocation | undefined {
    if (!this.allocations) return undefined;
    const key = this.rowKey(t, r);
    return key === undefined ? undefined : this.allocationsBy().get(key);
  }

  /** The name key of a row's Employee cell (`individualOf`), `r` a row of `t`. */
  rowKey(t: StudyTable<EmployeeField>, r: StudyRow<EmployeeField>): string | undefined {
    const keys = this.plan(t).keys;
    return r.row >= 0 && r.row < keys.length ? keys[r.row] : individualOf(r.cells.employee);
  }

  /** Whether an Employees table names the individual of this name key on any row. */
  names(t: StudyTable<EmployeeField>, key: string): boolean {
    return this.plan(t).named.find(key) >= 0;
  }

  /** Every employee named on the Allocations sheet, by name key, in the order first named. */
  allocationsBy(): ReadonlyMap<string, Allocation> {
    if (this.allocationPlan) return this.allocationPlan;
    const plan = new Map<string, Allocation>();
    const t = this.allocations;
    if (t && t.columns.employee !== undefined) {
      const work = new Map<
        string,
        { rows: StudyRow<AllocationField>[]; parts: AllocationPart[]; sum: Dec; complete: boolean }
      >();
      for (const r of t.rows) {
        const key = individualOf(r.cells.employee);
        if (key === undefined) continue;
        let a = work.get(key);
        if (!a) work.set(key, (a = { rows: [], parts: [], sum: new Dec(0), complete: true }));
        a.rows.push(r);
        const component = t.columns.component === undefined ? undefined : readText(r.cells.component);
        const s = t.columns.share === undefined ? undefined : share(r.cells.share);
        if (component?.kind === 'value' && s !== undefined) {
          a.parts.push({ component: component.value, share: s, row: r });
          a.sum = a.sum.plus(s);
        } else a.complete = false;
      }
      for (const [key, a] of work)
        plan.set(key, {
          name: textOf(a.rows[0]?.cells.employee) ?? key,
          rows: a.rows,
          sum: a.sum,
          complete: a.complete,
          ...(a.complete && a.sum.eq(ONE) ? { parts: a.parts } : {}),
        });
    }
    this.allocationPlan = plan;
    return plan;
  }

  private classify<F extends string>(t: StudyTable<F>, r: StudyRow<F>): RowClass | undefined {
    const spec = t.spec as unknown;
    if (spec === EMPLOYEES) return this.employee(t as never, r as never);
    if (spec === CONTRACTORS) return this.contractor(t as never, r as never);
    if (spec === SUPPLIES) return this.supply(t as never, r as never);
    return undefined;
  }

  /** Contractors → line 45: amount × R&D % × 65/75/100%, performed in the US, rights kept, at risk. */
  contractor(t: StudyTable<ContractorField>, r: StudyRow<ContractorField>): RowClass {
    const where = this.where(t, r, 'location');
    const excluded: RowExclusion[] = [];
    if (where === 'foreign')
      excluded.push({
        code: 'foreign',
        field: 'location',
        reason: `contract research outside the US (${String(r.cells.location)}); left out of line 45 (kept in the §174 foreign amount)`,
        citation: CITATIONS.foreign,
        ...(claims(r.cells.rdPct) ? { rule: 'contract/foreign' as const } : {}),
      });
    else if (where === 'unknown')
      excluded.push({
        code: 'no-location',
        field: 'location',
        reason: 'no readable Location; left out of line 45 and §174 until a location is entered',
        citation: CITATIONS.records,
      });
    const rights = t.columns.rightsRetained === undefined ? undefined : yes(r.cells.rightsRetained);
    if (rights !== true)
      excluded.push(
        rights === false
          ? {
              code: 'no-rights',
              field: 'rightsRetained',
              reason: 'rights to the results not retained (funded research); left out of line 45',
              citation: CITATIONS.funded,
              rule: 'contract/no-rights',
            }
          : {
              code: 'rights-unknown',
              field: 'rightsRetained',
              reason: 'Rights Retained is not Yes; left out of line 45 until it is established',
              citation: CITATIONS.funded,
            },
      );
    const risk = t.columns.financialRisk === undefined ? undefined : yes(r.cells.financialRisk);
    if (risk !== true)
      excluded.push(
        risk === false
          ? {
              code: 'no-risk',
              field: 'financialRisk',
              reason: 'payment contingent on success (no financial risk); left out of line 45',
              citation: CITATIONS.funded,
              rule: 'contract/no-risk',
            }
          : {
              code: 'risk-unknown',
              field: 'financialRisk',
              reason: 'Financial Risk is not Yes; left out of line 45 until it is established',
              citation: CITATIONS.funded,
            },
      );
    if (excluded.length > 0) return { where, excluded };
    return included('45', where, () => {
      const paid = amount(r.cells.amountPaid);
      const pct = share(r.cells.rdPct);
      const type = this.contractType(t, r);
      const applicable = type === undefined ? undefined : contractResearchRate(type, this.taxYear);
      return paid !== undefined && pct !== undefined && applicable
        ? paid.times(pct).times(applicable.value)
        : undefined;
    });
  }

  /** The row's contract type (absent column or blank: standard), or undefined when unreadable. */
  contractType(t: StudyTable<ContractorField>, r: StudyRow<ContractorField>): ContractType | undefined {
    if (t.columns.contractType === undefined || isBlank(r.cells.contractType)) return 'standard';
    const text = readText(r.cells.contractType);
    return text.kind === 'value' ? CONTRACT_TYPE_WORDS.get(normalizeWord(text.value)) : undefined;
  }

  /**
   * Supplies → line 43 (Supply) or 44 (Cloud): amount × R&D %; a production environment counts 0
   * and, claimed above 0%, is left out (§41(b)(2)(A)(iii)); Equipment and Utilities never count.
   */
  supply(t: StudyTable<SupplyField>, r: StudyRow<SupplyField>): RowClass {
    const excluded: RowExclusion[] = [];
    const text = t.columns.category === undefined ? undefined : readText(r.cells.category);
    const category = text?.kind === 'value' ? supplyCategory(text.value) : undefined;
    if (category === 'equipment' || category === 'utilities')
      excluded.push({
        code: 'depreciable',
        field: 'category',
        reason: `${String(r.cells.category)} is not a supply (depreciable property or general and administrative cost); left out of lines 43–44`,
        citation: CITATIONS.depreciable,
        ...(claims(r.cells.rdPct) ? { rule: 'supplies/depreciable' as const } : {}),
      });
    else if (category === undefined)
      excluded.push({
        code: 'not-a-category',
        field: 'category',
        reason: 'Category is not Supply or Cloud; left out of lines 43–44 until it is',
        citation: CITATIONS.records,
      });
    const env = this.environment(t, r);
    if (env === 'production' && claims(r.cells.rdPct))
      excluded.push({
        code: 'production',
        field: 'environment',
        reason: `${String(r.cells.environment)} is a production environment, not qualified research; left out of lines 43–44`,
        citation: CITATIONS.production,
        rule: 'supplies/production-cloud',
      });
    if (excluded.length > 0) return { excluded };
    const line: QreLine = category === 'cloud' ? '44' : '43';
    return included(line, undefined, () => {
      const paid = amount(r.cells.amount);
      const pct = share(r.cells.rdPct);
      if (paid === undefined || pct === undefined) return undefined;
      if (line === '43' || env === 'research' || env === 'needs-allocation') return paid.times(pct);
      // RD_CLOUD_QRE: production counts 0; an unknown environment has no amount unless it is 0.
      return env === 'production' || paid.isZero() ? new Dec(0) : undefined;
    });
  }

  /** The class of a row's Environment word, if it is one RD_CLOUD_QRE knows. */
  environment(t: StudyTable<SupplyField>, r: StudyRow<SupplyField>) {
    if (t.columns.environment === undefined) return undefined;
    const text = readText(r.cells.environment);
    return text.kind === 'value' ? CLOUD_ENVIRONMENTS.get(normalizeWord(text.value)) : undefined;
  }
}

/** An Employee cell's name as written (text or a number, an employee ID), trimmed. */
function textOf(v: unknown): string | undefined {
  const t = readText(v as never);
  return t.kind === 'value' && (typeof v === 'string' || typeof v === 'number') ? t.value : undefined;
}

interface EmployeePlan {
  /** Rows naming the same employee, two or more (any location). */
  readonly groups: readonly (readonly StudyRow<EmployeeField>[])[];
  /** Sheet row → the name key of its Employee cell (`individualOf`), worked out once. */
  readonly keys: readonly (string | undefined)[];
  /** Every name key the table names → the index of its first row. */
  readonly named: NameIndex;
  /** The individuals of those groups with a row on line 42, in the order of that row. */
  readonly shared: readonly WageIndividual[];
  /** Sheet row → its shared individual (undefined for most rows: individuals of their own). */
  readonly bySheetRow: readonly (WageIndividual | undefined)[];
}

/**
 * Name keys → the index of the row that first named each: an open-addressing table of row indexes
 * hashed with FNV-1a, so 200,000 distinct names cost one typed array rather than a growing Map.
 * `keyAt(i)` gives the key of the row at index i.
 */
class NameIndex {
  private readonly slots: Int32Array;
  private readonly mask: number;
  constructor(
    capacity: number,
    private readonly keyAt: (i: number) => string | undefined,
  ) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size); // 0: empty; else row index + 1
    this.mask = size - 1;
  }

  private static hash(key: string): number {
    let h = 0x811c9dc5;
    for (let j = 0; j < key.length; j++) h = Math.imul(h ^ key.charCodeAt(j), 0x01000193);
    return h >>> 0;
  }

  /** The index of the first row named `key`, if any; else −1 after taking row `i` as its first. */
  addOrFind(key: string, i: number): number {
    const { slots, mask } = this;
    for (let slot = NameIndex.hash(key) & mask; ; slot = (slot + 1) & mask) {
      const at = slots[slot] as number;
      if (at === 0) {
        slots[slot] = i + 1;
        return -1;
      }
      if (this.keyAt(at - 1) === key) return at - 1;
    }
  }

  /** The index of the first row named `key`, or −1. */
  find(key: string): number {
    const { slots, mask } = this;
    for (let slot = NameIndex.hash(key) & mask; ; slot = (slot + 1) & mask) {
      const at = slots[slot] as number;
      if (at === 0) return -1;
      if (this.keyAt(at - 1) === key) return at - 1;
    }
  }
}

/**
 * One individual of the Employees sheet: the rows that feed line 42 under one name (a row naming
 * no one is an individual of its own). Its totals are worked out, exactly, only when asked.
 */
export class WageIndividual {
  private done = false;
  private result:
    { readonly wages: IndividualWages; readonly amounts: ReadonlyMap<StudyRow<EmployeeField>, Usd> } | undefined;

  constructor(
    private readonly threshold: Rate,
    /** The name as first written (trimmed); undefined when the row names no one. */
    readonly name: string | undefined,
    /** Its rows that feed line 42, in sheet order. */
    readonly rows: readonly StudyRow<EmployeeField>[],
    /** Rows with the same name left out of line 42 (outside the US, no location): not in its test. */
    readonly leftOut: readonly StudyRow<EmployeeField>[],
  ) {}

  /**
   * The individual's reading, W, total share, whether all of W counts, and its qualified wages
   * (the catalogue's RD_WAGE_QRE arithmetic) — undefined when a wage or R&D % of its rows cannot
   * be read or is out of bounds (the cell readers report it). Blank wages and R&D % are 0, as in
   * a formula.
   */
  get wages(): IndividualWages | undefined {
    return this.work()?.wages;
  }

  /** A row's part of the individual's qualified wages (parts sum exactly to the whole). */
  amountOf(r: StudyRow<EmployeeField>): Dec | undefined {
    const w = this.work();
    // More than all of one person's time: no amount (the validator and RD_WAGE_QRE say why).
    return w && !w.wages.overFull ? w.amounts.get(r) : undefined;
  }

  private work() {
    if (this.done) return this.result;
    this.done = true;
    const rows: WageRow[] = [];
    for (const r of this.rows) {
      const wages = isBlank(r.cells.wages) ? ZERO : amount(r.cells.wages);
      const pct = isBlank(r.cells.rdPct) ? ZERO : share(r.cells.rdPct);
      if (wages === undefined || pct === undefined) return undefined;
      rows.push({ wages: wages as Usd, rdPct: pct as Rate });
    }
    const key = this.rows.length > 1 ? 'one' : undefined;
    const { individuals, amounts } = wageIndividuals(
      rows,
      rows.map(() => key),
      true,
      this.threshold,
    );
    const [wages] = individuals;
    if (!wages) return undefined;
    this.result = { wages, amounts: new Map(this.rows.map((r, i) => [r, amounts[i] as Usd])) };
    return this.result;
  }
}

/** An employee's rows on the Allocations sheet. */
export interface Allocation {
  /** The name as first written there. */
  readonly name: string;
  readonly rows: readonly StudyRow<AllocationField>[];
  /**
   * Its components and shares, to split its qualified wages by — only when every row reads (a
   * component, a share 0–1) and the shares sum to exactly 100%; otherwise its wages are unassigned.
   */
  readonly parts?: readonly AllocationPart[];
  /** The sum of the shares that could be read. */
  readonly sum: Dec;
  /** Every row's component and share could be read (and the share is 0–1). */
  readonly complete: boolean;
}
export interface AllocationPart {
  readonly component: string;
  readonly share: Dec;
  readonly row: StudyRow<AllocationField>;
}

/** A part of a row's qualified amount in one business component (Form 6765 Section G). */
export interface ComponentPart {
  /** The component as written; undefined: unassigned. */
  readonly component: string | undefined;
  /** The component's matching key (as the Components sheet is matched: case, spacing, hyphens). */
  readonly key: string | undefined;
  /** The share of the row's amount, exact (1 without Allocations). */
  readonly share: Dec;
  /** The row's amount × share, exact; the parts of a row sum exactly to its amount. Undefined when the amount is. */
  readonly amount: Dec | undefined;
  /**
   * Where the component comes from: the row's Business Component, or the employee's Allocations
   * rows — or why there is none: a blank (or absent) Business Component, an unreadable one (an
   * error value), or Allocations rows that cannot be used (a share unreadable or the shares not
   * summing to 100%: allocations/not-100).
   */
  readonly source: ComponentSource;
}
export type ComponentSource = 'row' | 'allocations' | 'blank' | 'unreadable' | 'invalid-allocations';
