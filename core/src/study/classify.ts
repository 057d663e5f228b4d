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
import { CLOUD_ENVIRONMENTS, contractResearchRate, qualifiedWageShare, substantiallyAllThreshold } from '../calc/qre';
import { isBlank, normalizeWord } from '../cells';
import type { ContractType } from '../law/rules';
import { Dec, type Rate } from '../money';
import type { StudyRow, StudyTable } from './model';
import type { StudyRuleId } from './rules';
import { RECORDS_CITATION, type ContractorField, type EmployeeField, type SupplyField } from './schema';
import { readNumber, readText, readYesNo, toDec, type Num } from './values';

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
function locationKey(s: string): string {
  return s.toLowerCase().replace(/[\s.]+/g, '');
}
const DOMESTIC = new Set(DOMESTIC_LOCATIONS.map(locationKey));
export function isDomestic(location: string): boolean {
  return DOMESTIC.has(locationKey(location));
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
const NONE: readonly RowExclusion[] = Object.freeze([]);

/**
 * A row that feeds `line`. Its amount is worked out only when read: the validator asks which
 * line a row feeds for 50,000 rows and never needs the decimal arithmetic.
 */
function included(line: QreLine, where: Where | undefined, qualified: () => Dec | undefined): RowClass {
  let done = false;
  let value: Dec | undefined;
  return {
    line,
    excluded: NONE,
    ...(where ? { where } : {}),
    get amount() {
      if (!done) {
        value = qualified();
        done = true;
      }
      return value;
    },
  };
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

  constructor(readonly taxYear: number) {
    this.threshold = substantiallyAllThreshold(taxYear).value;
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
    return included('42', where, () => {
      const wages = amount(r.cells.wages);
      const pct = share(r.cells.rdPct);
      return wages !== undefined && pct !== undefined
        ? wages.times(qualifiedWageShare(pct as Rate, true, this.threshold))
        : undefined;
    });
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
