/**
 * What every table check shares: the tax year, the findings being gathered, the Components
 * sheet's names, and readers that turn a field of a row into a value or a finding.
 */
import { AMOUNT_LIMIT, AMOUNT_LIMIT_TEXT, describeValue, isBlank } from '../../cells';
import { SECTION_G_REQUIRED } from '../../law/federal/form6765';
import type { RowClass, RowClassifier } from '../classify';
import { finding, type LocatedFinding } from '../findings';
import { fieldAt, fieldRef, type StudyRow, type StudyTable } from '../model';
import { severityIn, type StudyRuleId } from '../rules';
import type { ColumnSpec, TableSpec } from '../schema';
import {
  compare,
  formatPct,
  nameKey,
  ONE,
  readNumber,
  readText,
  readYesNo,
  threshold,
  toDec,
  ZERO,
  type Num,
  type Read,
} from '../values';

/** The catalogue's ceiling on an amount (2^53 − 1 cents): past it compute cannot give a number. */
const AMOUNT_MAX = threshold(AMOUNT_LIMIT);

export interface CheckContext {
  /** The calendar year in which the study's tax year begins. */
  readonly taxYear: number;
  readonly out: LocatedFinding[];
  /** Normalised names of the Components sheet's business components; undefined without that sheet. */
  readonly componentKeys: ReadonlySet<string> | undefined;
  /** Which line each row feeds, or why it is left out (the exclusions a row claims are findings). */
  readonly classifier: RowClassifier;
}

export function report<F extends string>(
  ctx: CheckContext,
  rule: StudyRuleId,
  t: StudyTable<F>,
  r: StudyRow<F> | number,
  field: F,
  message: string,
  citation?: string,
  fix?: number,
): void {
  const f = finding(rule, fieldAt(t, typeof r === 'number' ? r : r.row, field), message, citation);
  ctx.out.push(fix === undefined ? f : { ...f, fix: { value: fix } });
}

const columnCache = new Map<TableSpec, Map<string, ColumnSpec>>();
export function columnSpec<F extends string>(t: StudyTable<F>, field: F): ColumnSpec<F> {
  let m = columnCache.get(t.spec);
  if (!m) {
    m = new Map(t.spec.columns.map((c) => [c.field, c] as const));
    columnCache.set(t.spec, m);
  }
  return m.get(field) as ColumnSpec<F>;
}

/** How a row is named in messages: `"Jane Doe"` when its label cell is readable text, else `row 7`. */
export function rowLabel<F extends string>(t: StudyTable<F>, r: StudyRow<F>): string {
  const f = t.spec.labelField;
  if (f !== undefined) {
    const v = readText(r.cells[f]);
    if (v.kind === 'value') return JSON.stringify(v.value.length > 40 ? `${v.value.slice(0, 40)}…` : v.value);
  }
  return `row ${r.row}`;
}

/** "W-2 Box 1 Wages of "Jane Doe" (Employees!D7)". */
export function where<F extends string>(t: StudyTable<F>, r: StudyRow<F>, field: F): string {
  return `${columnSpec(t, field).header} of ${rowLabel(t, r)} (${fieldRef(t, r.row, field)})`;
}

const ENTER: Readonly<Record<ColumnSpec['kind'], string>> = {
  amount: 'enter the amount in dollars (0 if none)',
  fraction: 'enter the share as a fraction, e.g. 0.8 for 80% (0 if none)',
  'yes-no': 'enter Yes or No',
  year: 'enter the calendar year in which the tax year begins, e.g. 2024',
  text: 'fill it in',
};

function blankOrInvalid<F extends string>(
  ctx: CheckContext,
  t: StudyTable<F>,
  r: StudyRow<F>,
  field: F,
  read: Read<unknown>,
  invalidRule: StudyRuleId,
): void {
  const c = columnSpec(t, field);
  if (read.kind === 'invalid') {
    const fix = c.kind === 'text' ? 'fix the formula or its source' : ENTER[c.kind];
    report(ctx, invalidRule, t, r, field, `${where(t, r, field)} ${read.why}; ${fix}.`, c.citation);
  } else if (read.kind === 'blank' && c.requiredCell) {
    report(ctx, 'cell/blank-required', t, r, field, `${where(t, r, field)} is blank; ${ENTER[c.kind]}.`, c.citation);
  }
}

/** A text field: its trimmed text, or undefined (absent column, blank, or an error value — reported). */
export function textField<F extends string>(
  ctx: CheckContext,
  t: StudyTable<F>,
  r: StudyRow<F>,
  field: F,
): string | undefined {
  if (t.columns[field] === undefined) return undefined;
  const v = r.cells[field];
  // Plain text (no '#', so no error value) is its trimmed self, as `readText` reads it.
  if (typeof v === 'string' && v.indexOf('#') === -1) {
    const text = v.trim();
    if (text !== '') return text;
  }
  const read = readText(v);
  if (read.kind === 'value') return read.value;
  blankOrInvalid(ctx, t, r, field, read, 'cell/error-value');
  return undefined;
}

/** A Yes/No field: true/false, or undefined (absent column, blank, anything else — reported). */
export function yesNoField<F extends string>(
  ctx: CheckContext,
  t: StudyTable<F>,
  r: StudyRow<F>,
  field: F,
): boolean | undefined {
  if (t.columns[field] === undefined) return undefined;
  const read = readYesNo(r.cells[field]);
  if (read.kind === 'value') return read.value;
  blankOrInvalid(ctx, t, r, field, read, 'cell/not-yes-no');
  return undefined;
}

/**
 * An amount field: a number ≥ 0, blank, or invalid (text, a logical, a date, an error value,
 * a negative amount — reported). Absent column reads as blank.
 */
export function amountField<F extends string>(
  ctx: CheckContext,
  t: StudyTable<F>,
  r: StudyRow<F>,
  field: F,
): Read<Num> {
  if (t.columns[field] === undefined) return { kind: 'blank' };
  const read = readNumber(r.cells[field]);
  if (read.kind === 'value') {
    if (compare(read.value, ZERO) < 0) {
      report(
        ctx,
        'cell/negative-amount',
        t,
        r,
        field,
        `${where(t, r, field)} is negative (${String(read.value)}); enter it as 0 or more, netting any refund against the amount it refunds.`,
        columnSpec(t, field).citation,
      );
      return { kind: 'invalid', why: 'is negative' };
    }
    if (compare(read.value, AMOUNT_MAX) > 0) {
      report(
        ctx,
        'cell/amount-too-large',
        t,
        r,
        field,
        `${where(t, r, field)} is ${describeValue(r.cells[field])}, more than ${AMOUNT_LIMIT_TEXT}, the largest amount computed exactly to the cent; check the cell for a misplaced decimal point or a stray digit.`,
        columnSpec(t, field).citation,
      );
      return { kind: 'invalid', why: 'is too large' };
    }
    return read;
  }
  blankOrInvalid(ctx, t, r, field, read, 'cell/not-a-number');
  return read;
}

export interface Share {
  readonly value: Num;
  /** 0 ≤ value ≤ 1. */
  readonly inBounds: boolean;
}

/**
 * A % field held as a fraction 0–1. A value outside is reported under `boundsRule` and still
 * returned (so "80 in a foreign row" can be reported as foreign too), with `inBounds` false.
 */
export function shareField<F extends string>(
  ctx: CheckContext,
  t: StudyTable<F>,
  r: StudyRow<F>,
  field: F,
  boundsRule: StudyRuleId,
): Share | undefined {
  if (t.columns[field] === undefined) return undefined;
  const read = readNumber(r.cells[field]);
  if (read.kind !== 'value') {
    blankOrInvalid(ctx, t, r, field, read, 'cell/not-a-number');
    return undefined;
  }
  const v = read.value;
  const c = columnSpec(t, field);
  if (compare(v, ZERO) < 0) {
    report(
      ctx,
      boundsRule,
      t,
      r,
      field,
      `${where(t, r, field)} is ${formatPct(v)}, below 0%; ${c.header} must be a fraction between 0 and 1 (80% is 0.8).`,
      c.citation,
    );
    return { value: v, inBounds: false };
  }
  if (compare(v, ONE) > 0) {
    // A plain number such as 80 is almost always "80%" typed into a cell formatted as a number.
    const raw = r.cells[field];
    const typedAsPercent = typeof raw === 'number' && raw <= 100;
    const reads = typeof raw === 'number' ? `${String(raw)}, which reads as ${formatPct(v)}` : formatPct(v);
    const fraction = typedAsPercent ? toDec(v).div(100) : undefined;
    const fix = fraction ? `enter ${fraction.toString()} for ${String(raw)}%` : 'enter a value between 0 and 1';
    report(
      ctx,
      boundsRule,
      t,
      r,
      field,
      `${where(t, r, field)} is ${reads}; ${c.header} must be a fraction (80% is 0.8), so ${fix}.`,
      c.citation,
      fraction?.toNumber(),
    );
    return { value: v, inBounds: false };
  }
  return { value: v, inBounds: true };
}

/**
 * A name listed twice in a table: reports every repeat under `rule`, pointing at the repeat
 * and naming the row that listed it first. `fix` says what to do.
 */
export class Duplicates<F extends string> {
  private readonly firstRowOf = new Map<string, number>();
  constructor(
    private readonly ctx: CheckContext,
    private readonly t: StudyTable<F>,
    private readonly field: F,
    private readonly rule: StudyRuleId,
    private readonly fix: string,
  ) {}

  note(r: StudyRow<F>): void {
    const name = textField(this.ctx, this.t, r, this.field);
    if (name === undefined) return;
    const key = nameKey(name);
    const first = this.firstRowOf.get(key);
    if (first === undefined) {
      this.firstRowOf.set(key, r.row);
      return;
    }
    const { t } = this;
    report(
      this.ctx,
      this.rule,
      t,
      r,
      this.field,
      `${rowLabel(t, r)} is listed on rows ${first} and ${r.row} of ${t.sheet} (${fieldRef(t, r.row, this.field)}); ${this.fix}.`,
    );
  }
}

/**
 * Rows naming a business component the Components sheet lacks, gathered per name so that 500
 * rows with the same typo make one finding (at the first row) rather than 500.
 */
export class ComponentRefs<F extends string> {
  private readonly unknown = new Map<string, { readonly name: string; readonly row: StudyRow<F>; count: number }>();
  constructor(
    private readonly ctx: CheckContext,
    private readonly t: StudyTable<F>,
    private readonly field: F,
    private readonly rule: StudyRuleId = 'component/unknown',
  ) {}

  note(r: StudyRow<F>): void {
    const known = this.ctx.componentKeys;
    if (known === undefined || this.t.columns[this.field] === undefined || isBlank(r.cells[this.field])) return;
    const name = textField(this.ctx, this.t, r, this.field);
    if (name === undefined) return;
    const key = nameKey(name);
    if (known.has(key)) return;
    const seen = this.unknown.get(key);
    if (seen) seen.count++;
    else this.unknown.set(key, { name, row: r, count: 1 });
  }

  flush(): void {
    for (const u of this.unknown.values()) {
      const more = u.count > 1 ? `, and ${u.count - 1} more row${u.count > 2 ? 's' : ''} of ${this.t.sheet}` : '';
      report(
        this.ctx,
        this.rule,
        this.t,
        u.row,
        this.field,
        `Business component "${u.name}" (${fieldRef(this.t, u.row.row, this.field)}${more}) is not on the Components sheet; add it there with its four-part-test entries or correct the name.`,
      );
    }
  }
}

/** At most this many cells are named in one message; the rest are counted. */
export const REFS_LISTED = 10;

/** "Employees!E2, Employees!E5" — at most REFS_LISTED cells, then "and N more". */
export function refsOf<F extends string>(t: StudyTable<F>, rows: readonly StudyRow<F>[], field: F): string {
  const shown = rows.slice(0, REFS_LISTED).map((r) => fieldRef(t, r.row, field));
  return rows.length > REFS_LISTED ? `${shown.join(', ')} and ${rows.length - REFS_LISTED} more` : shown.join(', ');
}

/** The first tax year for which Form 6765 Section G is required (law data, not typed here). */
function sectionGFirstYear(): number | undefined {
  return SECTION_G_REQUIRED.history.find((v) => v.value)?.from;
}

/** What each Section F line holds, for messages. */
const LINE_WHAT: Readonly<Record<string, string>> = {
  '42': 'line 42 (qualified wages)',
  '43': 'line 43 (supplies)',
  '44': 'line 44 (computer rental)',
  '45': 'line 45 (contract research)',
};

/**
 * Rows that feed a QRE line with an amount above 0 but name no business component (a blank or
 * absent Business Component, and for an employee no Allocations rows): `component/unassigned-qre`,
 * a warning when Form 6765 Section G is required for the tax year (from 2026), info before. The
 * first REFS_LISTED rows of a table get a finding each; one more finding, at the next such row,
 * counts the rest, so 50,000 rows without a component make 11 findings, not 50,000. A table
 * without the column makes one finding at its header.
 */
export class UnassignedQre<F extends string> {
  private readonly rows: { readonly r: StudyRow<F>; readonly line: string }[] = [];
  private readonly lines = new Set<string>();
  private count = 0;
  constructor(
    private readonly ctx: CheckContext,
    private readonly t: StudyTable<F>,
    /** Employees: an employee may instead be split on the Allocations sheet. */
    private readonly employees = false,
  ) {}

  /** `positive`: the row's qualified amount is above 0 (asked only for a row naming no component). */
  note(r: StudyRow<F>, cls: RowClass, positive: () => boolean): void {
    if (!cls.line || this.ctx.classifier.componentSource(this.t, r) !== 'blank' || !positive()) return;
    this.count++;
    this.lines.add(cls.line);
    if (this.rows.length <= REFS_LISTED) this.rows.push({ r, line: cls.line });
  }

  flush(): void {
    if (this.count === 0) return;
    const { ctx, t, count } = this;
    const field = 'component' as F;
    const rule = 'component/unassigned-qre';
    const severity = severityIn(rule, ctx.taxYear);
    const first = sectionGFirstYear();
    const law =
      first === undefined
        ? 'Form 6765 Section G reports every QRE dollar by business component'
        : ctx.taxYear >= first
          ? `Form 6765 Section G, required for tax years beginning in ${first} or later, reports every QRE dollar by business component`
          : `Form 6765 Section G, optional for tax years beginning before ${first} and required from then, reports every QRE dollar by business component`;
    const fix = this.employees
      ? 'enter the component the work was for (or split the employee across components on the Allocations sheet)'
      : 'enter the component it was for';
    const push = (row: number, message: string) =>
      ctx.out.push({ ...finding(rule, fieldAt(t, row, field), message), severity });
    if (t.columns[field] === undefined) {
      const lines = [...this.lines].sort().map((l) => LINE_WHAT[l] ?? `line ${l}`);
      push(
        1,
        `${t.sheet} has no Business Component column (${fieldRef(t, 1, field)}), so ${count === 1 ? 'its row' : `its ${count} rows`} feeding ${lines.join(' and ')} name no business component; ${law}, so add the column and ${fix}.`,
      );
      return;
    }
    this.rows.forEach(({ r, line }, i) => {
      const ref = fieldRef(t, r.row, field);
      const what = LINE_WHAT[line] ?? `line ${line}`;
      if (i < REFS_LISTED || count === REFS_LISTED + 1)
        push(r.row, `${rowLabel(t, r)} feeds ${what} but its Business Component (${ref}) is blank; ${law}, so ${fix}.`);
      else
        push(
          r.row,
          `${rowLabel(t, r)} (${ref}) and ${count - REFS_LISTED - 1} more row${count - REFS_LISTED - 1 === 1 ? '' : 's'} of ${t.sheet} after it feed QRE lines but name no business component (the first ${REFS_LISTED} are listed one by one); ${law}, so ${fix}.`,
        );
    });
  }
}
