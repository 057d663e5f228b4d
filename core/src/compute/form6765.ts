/**
 * The study computed to Form 6765 (Rev. December 2024): the inputs the description
 * (form6765/form.ts) reads, resolved from the About sheet, Prior Years and the rows the row
 * classifier put on each Section F line; which credit line 28 claims and why; and Section G —
 * the classifier's rows grouped by business component and qualified service.
 */
import { isBlank } from '../cells';
import { payrollElection as payrollRule } from '../calc/payroll';
import { FORM_6765_LINES, FORM_6765_REVISION, type FormCondition, type FormInput } from '../form6765/form';
import type { Form6765Result, FormLineResult, SectionGComponent, SectionGResult } from '../form6765/result';
import {
  SECTION_G_EXEMPT_QRE,
  SECTION_G_EXEMPT_RECEIPTS,
  SECTION_G_LISTED_SHARE,
  SECTION_G_MAX_COMPONENTS,
  SECTION_G_REQUIRED,
} from '../law/rules';
import { resolve } from '../law/types';
import { Dec, toCents, usd } from '../money';
import { cellRef } from '../study/a1';
import type { RowClassifier } from '../study/classify';
import type { StudyRow, StudyTable } from '../study/model';
import { CREDIT_METHOD_WORDS, type AboutField, type PriorYearField } from '../study/schema';
import { readNumber, readYesNo, toDec } from '../study/values';
import { amountOf, call, type Amount } from './call';
import { sectionGComponents, type ClassifiedRow } from './section-g';

export { sectionGComponents, type ClassifiedRow };
import { evaluateForm, type RawValue, type Resolved } from './form-eval';

export interface AboutInputValue {
  readonly value: import('../cells').CellValue;
  readonly ref: string;
}
export type AboutInputs = Partial<Record<AboutField, AboutInputValue>>;
export const present = (v: AboutInputValue | undefined): v is AboutInputValue => v !== undefined && !isBlank(v.value);

export interface FormContext {
  readonly taxYear: number;
  readonly about: AboutInputs;
  readonly reduced280c: boolean;
  /** Section F lines 42–45 as compute found them (null with the reason when not computable). */
  readonly sectionF: {
    readonly wages: Amount;
    readonly supplies: Amount;
    readonly computers: Amount;
    readonly contract: Amount;
  };
  readonly priorYears: StudyTable<PriorYearField> | undefined;
  readonly employees: readonly ClassifiedRow[];
  readonly supplies: readonly ClassifiedRow[];
  readonly computers: readonly ClassifiedRow[];
  readonly contractors: readonly ClassifiedRow[];
  readonly componentsTable: StudyTable<string> | undefined;
  readonly allocations: StudyTable<string> | undefined;
  /** The Employees table (its Officer column decides line 38). */
  readonly employeesTable: StudyTable<string> | undefined;
  /** The one row classifier: each row's amount and the business components it is split across. */
  readonly classifier: RowClassifier;
}

const money = (d: Dec | number): string => {
  const n = typeof d === 'number' ? d : toCents(usd(d));
  const [whole, frac] = Math.abs(n).toFixed(2).split('.');
  return `${n < 0 ? '-' : ''}${(whole ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac ?? '00'}`;
};
const pct = (d: Dec): string => `${d.times(100).toDecimalPlaces(4).toString()}%`;

/** About field → what the form reads; blank amounts are 0 (the form line is simply empty). */
function aboutAmount(about: AboutInputs, f: AboutField, label: string, blank: 'zero' | 'null'): Resolved {
  const v = about[f];
  if (!present(v))
    return blank === 'zero' ? { value: new Dec(0) } : { value: null, note: `${label} is blank on the About sheet` };
  const r = readNumber(v.value);
  if (r.kind !== 'value')
    return {
      value: null,
      note: `${label} on the About sheet (${v.ref}) ${r.kind === 'invalid' ? r.why : 'is blank'}; enter an amount in dollars.`,
      cell: v.ref,
    };
  const d = toDec(r.value);
  if (d.isNegative())
    return {
      value: null,
      note: `${label} on the About sheet (${v.ref}) is negative; enter an amount of 0 or more.`,
      cell: v.ref,
    };
  return { value: d, cell: v.ref };
}

function aboutYesNo(about: AboutInputs, f: AboutField, label: string): Resolved {
  const v = about[f];
  if (!present(v)) return { value: null, note: `${label} is not answered on the About sheet; enter Yes or No.` };
  const r = readYesNo(v.value);
  if (r.kind !== 'value')
    return { value: null, note: `${label} on the About sheet (${v.ref}) is not Yes or No.`, cell: v.ref };
  return { value: r.value, cell: v.ref };
}

const fromAmount = (a: Amount, line: string): Resolved =>
  a.amount === null
    ? { value: null, note: a.error ?? `line ${line} is not computed`, ...(a.cell ? { cell: a.cell } : {}) }
    : { value: new Dec(a.amount) };

/** The Prior Years row of a tax year (the first, as the validator reports a repeated year), if any. */
export function priorYearRow(t: StudyTable<PriorYearField>, year: number): StudyRow<PriorYearField> | undefined {
  return t.rows.find((r) => {
    const y = readNumber(r.cells.taxYear);
    return y.kind === 'value' && Number(y.value.toString()) === year;
  });
}

/** The QRE on Prior Years for a tax year: a Dec, 0 for a missing or blank year, or why it cannot be read. */
function priorQre(ctx: FormContext, year: number): { value: Dec; ref?: string } | { why: string; ref: string } {
  const t = ctx.priorYears;
  if (!t) return { value: new Dec(0) };
  const row = priorYearRow(t, year);
  if (!row || t.columns.qre === undefined) return { value: new Dec(0) };
  const ref = cellRef(t.sheet, row.row, t.columns.qre);
  const q = readNumber(row.cells.qre);
  if (q.kind === 'blank') return { value: new Dec(0), ref };
  if (q.kind === 'invalid') return { why: `the QRE for ${year} (${ref}) ${q.why}`, ref };
  const d = toDec(q.value);
  if (d.isNegative()) return { why: `the QRE for ${year} (${ref}) is negative`, ref };
  return { value: d, ref };
}

function priorGrossReceipts(
  ctx: FormContext,
  year: number,
): { value: Dec; ref: string } | { why: string; ref?: string } {
  const t = ctx.priorYears;
  if (!t || t.columns.grossReceipts === undefined) return { why: `no Gross Receipts for ${year} on Prior Years` };
  const row = priorYearRow(t, year);
  if (!row) return { why: `Prior Years has no row for ${year}` };
  const ref = cellRef(t.sheet, row.row, t.columns.grossReceipts);
  const g = readNumber(row.cells.grossReceipts);
  if (g.kind !== 'value')
    return { why: `the Gross Receipts for ${year} (${ref}) ${g.kind === 'blank' ? 'is blank' : g.why}`, ref };
  return { value: toDec(g.value), ref };
}

// ------------------------------------------------------------------ Section G
// Grouped in section-g.ts (shared with the catalogue's RD_COMPONENT_QRE).

function sectionG(
  ctx: FormContext,
  line48: number | null,
  payrollElected: boolean | null,
): { result: SectionGResult; notes: string[] } {
  const { components, unassigned, notes } = sectionGComponents(ctx);
  // Descending QRE, ties in workbook order (Array.prototype.sort is stable).
  const sorted = [...components].sort((a, b) => b.qre - a.qre);
  const share = new Dec(resolve(SECTION_G_LISTED_SHARE, ctx.taxYear).value);
  const most = resolve(SECTION_G_MAX_COMPONENTS, ctx.taxYear).value;
  const listed: SectionGComponent[] = [];
  let cumulative = new Dec(0);
  const target = line48 === null ? null : new Dec(line48).times(share);
  for (const c of sorted) {
    if (listed.length >= most) break;
    if (target !== null && cumulative.gte(target) && listed.length > 0) break;
    listed.push(c);
    cumulative = cumulative.plus(c.qre);
  }
  const listedShare = line48 === null || line48 === 0 ? null : cumulative.div(line48).toDecimalPlaces(6).toNumber();
  const listedSet = new Set(listed);
  const all = [...listed, ...sorted.filter((c) => !listedSet.has(c))];

  const req = resolve(SECTION_G_REQUIRED, ctx.taxYear);
  const cite = req.citations[0];
  let required: boolean;
  let reason: string;
  if (!req.value) {
    required = false;
    reason = `Optional: Section G is required for tax years beginning in 2026 or later (${cite}); computed anyway.`;
  } else if (payrollElected === true) {
    required = false;
    reason = `Not required: a qualified small business electing the payroll tax credit (line 33a) is exempt (${cite}); computed anyway.`;
  } else {
    const qreLimit = new Dec(resolve(SECTION_G_EXEMPT_QRE, ctx.taxYear).value);
    const receiptsLimit = new Dec(resolve(SECTION_G_EXEMPT_RECEIPTS, ctx.taxYear).value);
    const gr = ctx.about.grossReceipts;
    const grRead = present(gr) ? readNumber(gr.value) : undefined;
    const receipts = grRead && grRead.kind === 'value' ? toDec(grRead.value) : undefined;
    if (line48 !== null && new Dec(line48).lte(qreLimit) && receipts !== undefined && receipts.lte(receiptsLimit)) {
      required = false;
      reason = `Not required: QREs (line 48) ${money(line48)} are at most ${money(qreLimit)} and gross receipts ${money(receipts)} (${gr?.ref ?? 'About'}) at most ${money(receiptsLimit)} (${cite}; the exemption is for an original return); computed anyway.`;
    } else if (line48 !== null && new Dec(line48).lte(qreLimit) && receipts === undefined) {
      required = true;
      reason = `Required unless gross receipts are at most ${money(receiptsLimit)}: QREs ${money(line48)} are at most ${money(qreLimit)}, so enter Gross Receipts on the About sheet to test the exemption (${cite}).`;
    } else {
      required = true;
      reason = `Required: tax years beginning after 2025, no payroll election (line 33a), and ${line48 === null ? 'line 48 is not computed' : receipts !== undefined && receipts.gt(receiptsLimit) && new Dec(line48).lte(qreLimit) ? `gross receipts ${money(receipts)} are over ${money(receiptsLimit)}` : `QREs (line 48) ${money(line48)} are over ${money(qreLimit)}`} (${cite}).`;
    }
  }
  if (unassigned)
    notes.push(
      `Section G: ${money(unassigned.qre)} of QREs name no business component (unassigned); every QRE dollar belongs to one component — fill in Business Component or Allocations (component/unassigned-qre).`,
    );
  return { result: { required, reason, components: listed, all, unassigned, listedShare }, notes };
}

// ------------------------------------------------------------------ the form

const NO_PRIOR_YEARS =
  'there is no Prior Years sheet: the ASC needs the QREs of the 3 preceding tax years (§41(c)(4)); add Prior Years with Tax Year and QRE.';

function lineResult(line: string, r: Resolved): FormLineResult {
  const spec = FORM_6765_LINES.find((l) => l.line === line);
  if (!spec) throw new RangeError(`no line ${line}`);
  const value: FormLineResult['value'] =
    r.value === null
      ? null
      : r.value instanceof Dec
        ? spec.kind === 'amount'
          ? toCents(usd(r.value))
          : r.value.toNumber()
        : r.value;
  return {
    line,
    section: spec.section,
    label: spec.label,
    citation: spec.citation,
    kind: spec.kind,
    value,
    ...(r.note ? { note: r.note } : {}),
    ...(r.cell ? { cell: r.cell } : {}),
    ...(r.detail ? { detail: r.detail } : {}),
    ...(r.skipped ? { skipped: true } : {}),
  };
}

export interface FormComputation {
  readonly form: Form6765Result;
  /** The §41(a) credit claimed (line 13 or 26, before line 27), exact; null when no credit is computed. */
  readonly creditClaimed: Dec | null;
  readonly notes: readonly string[];
}

export function computeForm(ctx: FormContext): FormComputation {
  const notes: string[] = [];
  const { about, taxYear } = ctx;
  let method: 'asc' | 'regular' | null = null;
  let methodReason = '';
  let methodDecided = false;

  const decideMethod = (line: (l: string) => Resolved): Resolved => {
    if (!methodDecided) {
      methodDecided = true;
      const l13 = line('13');
      const l26 = line('26');
      const chosen = about.creditMethod;
      const word = present(chosen) ? String(chosen.value).trim().toLowerCase() : '';
      const known = CREDIT_METHOD_WORDS.map((w) => w.toLowerCase());
      if (word && !known.includes(word))
        notes.push(
          `Credit Method on the About sheet (${chosen?.ref ?? 'About'}) is not ${CREDIT_METHOD_WORDS.join(' or ')}; the larger credit is used.`,
        );
      if (word === 'asc' || word === 'regular') {
        method = word;
        const got = word === 'asc' ? l26 : l13;
        methodReason = `${word === 'asc' ? 'The alternative simplified credit (line 26)' : 'The regular credit (line 13)'} is used because the About sheet's Credit Method (${chosen?.ref ?? 'About'}) says ${String(chosen?.value)}${got.value === null ? `, but it is not computed: ${got.note ?? ''}` : ''}.`;
      } else if (l13.value instanceof Dec && l26.value instanceof Dec) {
        method = l13.value.gt(l26.value) ? 'regular' : 'asc';
        methodReason =
          method === 'regular'
            ? `The regular credit (line 13, ${money(l13.value)}) is used: it is larger than the ASC (line 26, ${money(l26.value)}) and the About sheet names no Credit Method.`
            : `The alternative simplified credit (line 26, ${money(l26.value)}) is used: it is ${l26.value.eq(l13.value) ? 'equal to' : 'larger than'} the regular credit (line 13, ${money(l13.value)}) and the About sheet names no Credit Method.`;
      } else if (l26.value instanceof Dec) {
        method = 'asc';
        methodReason = `The alternative simplified credit (line 26) is used: the regular credit is not computed (${l13.note ?? 'line 13'}).`;
      } else if (l13.value instanceof Dec) {
        method = 'regular';
        methodReason = `The regular credit (line 13) is used: the ASC is not computed (${l26.note ?? 'line 26'}).`;
      } else {
        method = null;
        methodReason = 'Neither credit is computed: lines 13 and 26 are not (their notes say why).';
      }
    }
    return method === null ? { value: null, note: methodReason } : { value: method === 'asc' };
  };

  const prior = [1, 2, 3].map((k) => ({ year: taxYear - k, got: priorQre(ctx, taxYear - k) }));

  const condition = (c: FormCondition, line: (l: string) => Resolved): Resolved => {
    switch (c) {
      case 'itemA':
        return { value: ctx.reduced280c };
      case 'ascStartup': {
        if (!ctx.priorYears)
          return {
            value: null,
            note: NO_PRIOR_YEARS,
          };
        const bad = prior.find((p) => 'why' in p.got);
        if (bad && 'why' in bad.got) return { value: null, note: bad.got.why, cell: bad.got.ref };
        return { value: prior.some((p) => 'value' in p.got && p.got.value.isZero()) };
      }
      case 'methodAsc':
        return decideMethod(line);
      case 'line35Given':
        return { value: present(about.businessCreditCarryforward) };
    }
  };

  let payrollElected: boolean | null = null;
  const input = (i: FormInput, line: (l: string) => Resolved): Resolved => {
    switch (i) {
      case 'reduced280c':
        return { value: ctx.reduced280c, ...(about.reduced280c ? { cell: about.reduced280c.ref } : {}) };
      case 'controlledGroup':
        return aboutYesNo(about, 'controlledGroup', 'Controlled Group (Item B)');
      case 'energyConsortia':
        return aboutAmount(about, 'energyConsortia', 'Energy Consortia', 'zero');
      case 'basicResearchPayments':
        return aboutAmount(about, 'basicResearchPayments', 'Basic Research Payments', 'zero');
      case 'qualifiedOrgBase':
        return aboutAmount(about, 'qualifiedOrgBase', 'Qualified Org Base', 'zero');
      case 'form8932Credit':
        return aboutAmount(about, 'form8932Credit', 'Form 8932 Credit', 'zero');
      case 'passThroughCredit':
        return aboutAmount(about, 'passThroughCredit', 'Pass-through Credit', 'zero');
      case 'allocatedToBeneficiaries':
        return aboutAmount(about, 'allocatedToBeneficiaries', 'Allocated to Beneficiaries', 'zero');
      case 'fixedBasePct': {
        const v = about.fixedBasePct;
        if (!present(v))
          return {
            value: null,
            note: 'Section A needs the fixed-base percentage: enter Fixed-Base % on the About sheet (§41(c)(3); a start-up computes it from its QRE and gross receipts history, §41(c)(3)(B)).',
          };
        const r = readNumber(v.value);
        if (r.kind !== 'value')
          return {
            value: null,
            note: `Fixed-Base % on the About sheet (${v.ref}) ${r.kind === 'invalid' ? r.why : 'is blank'}; enter a fraction such as 0.03 (3%).`,
            cell: v.ref,
          };
        const d = toDec(r.value);
        if (d.isNegative() || d.gt(1))
          return {
            value: null,
            note: `Fixed-Base % on the About sheet (${v.ref}) must be a fraction between 0 and 1 (3% is 0.03); got ${d.toString()}.`,
            cell: v.ref,
          };
        if (d.gt('0.16'))
          return {
            value: null,
            note: `Fixed-Base % on the About sheet (${v.ref}) is ${pct(d)}; it may not exceed 16% (§41(c)(3)(C)).`,
            cell: v.ref,
          };
        return { value: d, cell: v.ref };
      }
      case 'avgGrossReceipts': {
        const v = about.avgGrossReceipts;
        if (present(v)) return aboutAmount(about, 'avgGrossReceipts', 'Avg Gross Receipts', 'null');
        const years = [1, 2, 3, 4].map((k) => ({ year: taxYear - k, got: priorGrossReceipts(ctx, taxYear - k) }));
        const missing = years.find((y) => 'why' in y.got);
        if (missing && 'why' in missing.got)
          return {
            value: null,
            note: `Section A needs the average annual gross receipts of the 4 preceding tax years: enter Avg Gross Receipts on the About sheet, or Gross Receipts for ${taxYear - 4}–${taxYear - 1} on Prior Years (${missing.got.why}).`,
            ...(missing.got.ref ? { cell: missing.got.ref } : {}),
          };
        let sum = new Dec(0);
        for (const y of years) if ('value' in y.got) sum = sum.plus(y.got.value);
        return {
          value: sum.div(4),
          detail: `(${years.map((y) => ('value' in y.got ? `${y.year}: ${money(y.got.value)}` : '')).join(' + ')}) ÷ 4 from Prior Years`,
        };
      }
      case 'priorQre3': {
        if (!ctx.priorYears)
          return {
            value: null,
            note: NO_PRIOR_YEARS,
          };
        let sum = new Dec(0);
        for (const p of prior) {
          if ('why' in p.got) return { value: null, note: p.got.why, cell: p.got.ref };
          sum = sum.plus(p.got.value);
        }
        return {
          value: sum,
          detail: prior.map((p) => `${p.year}: ${'value' in p.got ? money(p.got.value) : '?'}`).join(' + '),
        };
      }
      case 'payrollElected': {
        const v = about.payrollElection;
        if (!present(v)) return ((payrollElected = false), { value: false });
        const yn = readYesNo(v.value);
        if (yn.kind === 'value') return ((payrollElected = yn.value), { value: yn.value, cell: v.ref });
        const n = readNumber(v.value);
        if (n.kind === 'value' && !toDec(n.value).isNegative()) {
          payrollElected = !toDec(n.value).isZero();
          return { value: payrollElected, cell: v.ref };
        }
        return {
          value: null,
          note: `Payroll Election on the About sheet (${v.ref}) is not Yes, No or an amount.`,
          cell: v.ref,
        };
      }
      case 'priorPayrollElections': {
        const v = about.priorPayrollElections;
        if (!present(v)) return { value: 0 };
        const n = readNumber(v.value);
        if (n.kind !== 'value' || !Number.isInteger(Number(n.value.toString())) || Number(n.value.toString()) < 0)
          return {
            value: null,
            note: `Prior Payroll Elections on the About sheet (${v.ref}) is not a whole number of years.`,
            cell: v.ref,
          };
        return { value: Number(n.value.toString()), cell: v.ref };
      }
      case 'payrollAmount':
        return payrollAmount(ctx, line);
      case 'businessCreditCarryforward': {
        if (!present(about.businessCreditCarryforward))
          return {
            value: null,
            note: 'Not modelled: enter Business Credit Carryforward on the About sheet to apply the §41(h)(2) limit (partnerships and S corporations skip line 35); line 36 is then line 34.',
          };
        return aboutAmount(about, 'businessCreditCarryforward', 'Business Credit Carryforward', 'null');
      }
      case 'componentCount':
        return { value: null, note: 'set after Section G' };
      case 'officerWages': {
        const t = ctx.employeesTable;
        if (!t) return { value: new Dec(0) };
        if (t.columns.officer === undefined)
          return {
            value: null,
            note: `${t.sheet} has no Officer column (add it with Yes for officers) so officers' wages on line 42 cannot be told apart.`,
            cell: cellRef(t.sheet, 1, t.nextFreeColumn),
          };
        let sum = new Dec(0);
        for (const { row, cls } of ctx.employees) {
          const yes = readYesNo(row.cells.officer ?? null);
          if (yes.kind === 'value' && yes.value) {
            if (cls.amount === undefined)
              return {
                value: null,
                note: `an officer's wage row (${cellRef(t.sheet, row.row, t.columns.wages ?? 0)}) cannot be read`,
                cell: cellRef(t.sheet, row.row, t.columns.wages ?? 0),
              };
            sum = sum.plus(cls.amount);
          }
        }
        return { value: sum };
      }
      case 'acquisitionOrDisposition':
        return aboutYesNo(about, 'acquisitionOrDisposition', 'Acquisition or Disposition (line 39)');
      case 'newQreCategories':
        return aboutYesNo(about, 'newQreCategories', 'New QRE Categories (line 40)');
      case 'asc730Directive': {
        const v = about.asc730Directive;
        if (!present(v)) return { value: false };
        const yn = readYesNo(v.value);
        if (yn.kind === 'value') return { value: yn.value, cell: v.ref };
        const n = readNumber(v.value);
        if (n.kind === 'value')
          return {
            value: !toDec(n.value).isZero(),
            cell: v.ref,
            detail: `QREs under the directive: ${money(toDec(n.value))}`,
          };
        return {
          value: null,
          note: `ASC 730 Directive on the About sheet (${v.ref}) is not Yes, No or an amount.`,
          cell: v.ref,
        };
      }
      case 'wages':
        return fromAmount(ctx.sectionF.wages, '42');
      case 'supplies':
        return fromAmount(ctx.sectionF.supplies, '43');
      case 'computers':
        return fromAmount(ctx.sectionF.computers, '44');
      case 'contractResearch':
        return fromAmount(ctx.sectionF.contract, '45');
    }
  };

  const values = evaluateForm({ taxYear, input, condition });
  // Inputs of the lines a reader checks: the base and the ASC average.
  const withDetail = (l: string, detail: (v: Map<string, Resolved>) => string | undefined) => {
    const r = values.get(l);
    if (r && r.value !== null && !r.detail) {
      const d = detail(values);
      if (d) values.set(l, { ...r, detail: d });
    }
  };
  const dec = (l: string): Dec | undefined => {
    const v = values.get(l)?.value;
    return v instanceof Dec ? v : undefined;
  };
  withDetail('8', () => (dec('6') && dec('7') ? `${pct(dec('6') as Dec)} × ${money(dec('7') as Dec)}` : undefined));
  withDetail('10', () => (dec('5') ? `50% × ${money(dec('5') as Dec)}` : undefined));
  withDetail('22', () => (dec('21') ? `${money(dec('21') as Dec)} ÷ 6` : undefined));
  withDetail('24', () => {
    const startup = values.get('22')?.skipped;
    return startup
      ? `6% × ${money(dec('20') ?? 0)} (a preceding year had no QREs)`
      : dec('23')
        ? `14% × ${money(dec('23') as Dec)}`
        : undefined;
  });

  const l48 = values.get('48');
  const line48 = l48 && l48.value instanceof Dec ? toCents(usd(l48.value)) : null;
  const g = sectionG(ctx, line48, payrollElected);
  notes.push(...g.notes);
  values.set(
    '37',
    line48 === null
      ? {
          value: null,
          note: `needs line 48, which is not computed: ${l48?.root ?? l48?.note ?? ''}`,
          root: l48?.root ?? l48?.note ?? 'line 48 is not computed',
        }
      : { value: g.result.all.length },
  );

  // Method (decided while evaluating line 28) and the claimed credit.
  const l28 = values.get('28');
  if (!methodDecided) decideMethod((l) => values.get(l) ?? { value: null });
  const claimed = method === 'asc' ? (dec('26') ?? null) : method === 'regular' ? (dec('13') ?? null) : null;
  if (l28 && l28.value === null && !l28.note) values.set('28', { value: null, note: methodReason });

  const lines = [...values.entries()].map(([l, r]) => lineResult(l, r));
  // The file's notes say why each line is not computed: the first line of a cause in full, the
  // lines that follow from it listed together.
  const byRoot = new Map<string, string[]>();
  for (const [l, r] of values) {
    if (r.value !== null || r.skipped) continue;
    const root = r.root ?? r.note ?? 'not computed';
    const list = byRoot.get(root) ?? [];
    // The line the cause arises on (its own note is the cause) is named first.
    if (r.root === undefined) list.unshift(l);
    else list.push(l);
    byRoot.set(root, list);
  }
  const named = (l: string) => (/^[A-Z]$/.test(l) ? `Item ${l}` : `line ${l}`);
  for (const [root, ls] of byRoot) {
    const [first, ...rest] = ls;
    if (first === undefined) continue;
    notes.push(`Form 6765 ${named(first)}: ${root}`);
    if (rest.length > 0)
      notes.push(
        `Form 6765 ${rest.length === 1 ? 'line' : 'lines'} ${rest.join(', ')}: not computed for the same reason as ${named(first)}.`,
      );
  }
  const itemB = values.get('B')?.value;
  return {
    form: {
      revision: FORM_6765_REVISION,
      taxYear,
      itemA: ctx.reduced280c,
      itemB: typeof itemB === 'boolean' ? itemB : null,
      method,
      methodReason,
      lines,
      sectionG: g.result,
    },
    creditClaimed: claimed,
    notes,
  };
}

/** Line 34: the amount elected — Yes elects the most available, an amount elects that much (never more). */
function payrollAmount(ctx: FormContext, line: (l: string) => Resolved): Resolved {
  const elected = line('33a');
  if (elected.value === null)
    return {
      value: null,
      note: elected.note ?? 'line 33a is not answered',
      ...(elected.cell ? { cell: elected.cell } : {}),
    };
  if (elected.value === false)
    return {
      value: null,
      skipped: true,
      note: 'no payroll tax election (About: Payroll Election is blank or No): Section D is skipped.',
    };
  const credit = line('28');
  if (!(credit.value instanceof Dec)) return { value: null, note: `line 28 is not computed: ${credit.note ?? ''}` };
  const { about, taxYear } = ctx;
  const gr = about.grossReceipts;
  const fry = about.firstReceiptsYear;
  if (!present(gr) || !present(fry))
    return {
      value: null,
      note: 'The payroll election needs the qualified-small-business test: enter Gross Receipts and First Receipts Year on the About sheet (§41(h)(3)).',
    };
  const prior = about.priorPayrollElections;
  const r = amountOf(
    call(
      'RD_PAYROLL_OFFSET',
      ['credit', 'gross_receipts', 'first_receipts_year', 'tax_year', 'prior_elections', 'portion'],
      [
        toCents(usd(credit.value)),
        { values: [[gr.value]], refs: [gr.ref] },
        { values: [[fry.value]], refs: [fry.ref] },
        taxYear,
        present(prior) ? { values: [[prior.value]], refs: [prior.ref] } : null,
        'total',
      ],
    ),
  );
  if (r.amount === null)
    return {
      value: null,
      note: (r.error ?? '')
        .replace(/\bgross_receipts\b/, `Gross Receipts (${gr.ref})`)
        .replace(/\bfirst_receipts_year\b/, `First Receipts Year (${fry.ref})`)
        .replace(/\bprior_elections\b/, `Prior Payroll Elections (${prior?.ref ?? 'About'})`),
      ...(r.cell ? { cell: r.cell } : {}),
    };
  const available = new Dec(r.amount);
  const v = about.payrollElection;
  const asked = v ? readNumber(v.value) : undefined;
  if (asked && asked.kind === 'value') {
    const want = toDec(asked.value);
    if (want.gt(available))
      return {
        value: available,
        cell: v?.ref,
        note: `Payroll Election (${v?.ref ?? 'About'}) asks for ${money(want)}; at most ${money(available)} is available (${payrollWhy(ctx, credit.value)}).`,
      };
    return { value: want, cell: v?.ref, detail: `elected ${money(want)} of ${money(available)} available` };
  }
  if (available.isZero())
    return { value: available, note: `nothing can be elected: ${payrollWhy(ctx, credit.value)}.` };
  return { value: available, detail: `the most available: ${payrollWhy(ctx, credit.value)}` };
}

/** The true reason the payroll election is what it is (the credit, the QSB test, the elections used or the cap). */
export function payrollWhy(ctx: Pick<FormContext, 'about' | 'taxYear'>, credit: Dec): string {
  const { about, taxYear } = ctx;
  const gr = about.grossReceipts ? readNumber(about.grossReceipts.value) : undefined;
  const fry = about.firstReceiptsYear ? readNumber(about.firstReceiptsYear.value) : undefined;
  const prior = about.priorPayrollElections ? readNumber(about.priorPayrollElections.value) : undefined;
  if (!gr || gr.kind !== 'value') return 'gross receipts are not given';
  const r = payrollRule({
    credit: usd(credit),
    grossReceipts: usd(toDec(gr.value)),
    firstReceiptsYear: fry && fry.kind === 'value' ? Number(fry.value.toString()) : undefined,
    taxYear,
    priorElections: prior && prior.kind === 'value' ? Number(prior.value.toString()) : 0,
    portion: 'total',
  });
  if (!r.qualifiedSmallBusiness)
    return `not a qualified small business: ${r.reason} (${r.citations[0] ?? 'IRC §41(h)(3)'})`;
  if (credit.isZero()) return 'a qualified small business, but the research credit is 0, so there is nothing to elect';
  return `a qualified small business; the election is at most the credit and the cap (${r.citations[r.citations.length - 1] ?? 'IRC §41(h)(4)(B)(i)'})`;
}

export type { RawValue };
