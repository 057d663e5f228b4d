/**
 * Roll a study forward to the next tax year (issue 14 §1), as a plan: the cells a host writes
 * into a copy of the study. Core decides everything — which cells are cleared, which Prior Years
 * are kept and by which rule, what this year's QRE, gross receipts and §174 R&E are — and the
 * host (the CLI's exceljs copy, later the task pane and sidebar) only carries the plan out.
 *
 * This year's amounts come from `computeStudy`, the same numbers `rdtax compute` prints, so next
 * year's ASC base (§41(c)(4)) and §174 carry-over are what this year's computation said.
 */
import { isBlank, type CellValue } from '../cells';
import { sec174Schedule, SEC174_METHODS, type ResearchLocation, type Sec174Method } from '../calc/sec174';
import { computeStudy, type StudyComputation } from '../compute/study';
import { Dec, usd } from '../money';
import { cellRef } from '../study/a1';
import { readStudy, type AboutValue, type Study, type StudyTable } from '../study/model';
import {
  ABOUT_FIELDS,
  ALLOCATIONS,
  CONTRACTORS,
  EMPLOYEES,
  PRIOR_YEARS,
  ROLLED_FORWARD_LABEL,
  STATE_QRE_COLUMNS,
  SUPPLIES,
  headerOf,
  headerKey,
  type AboutField,
  type PriorYearField,
  type StateAboutField,
  stateAboutLabel,
} from '../study/schema';
import type { WorkbookGrids } from '../study/types';
import { readNumber, readText, readYesNo, toDec } from '../study/values';

export interface RollForwardOptions {
  /**
   * Keep this year's amounts and R&D % (and About's amounts) instead of clearing them; the study
   * is then marked for review on its About sheet (`ROLLED_FORWARD_LABEL`).
   */
  readonly keepAmounts?: boolean;
}

/** One cell to write: 1-based row, 0-based column, as the study reader numbers them. */
export interface CellWrite {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly value: CellValue;
  /**
   * `clear`: an amount or % of the year, emptied — a host leaves a cell that holds a formula as it
   * is (a formula is the workbook's, not the year's data). `set`: written as given, text as text.
   */
  readonly kind: 'clear' | 'set';
}

/** A sheet the rolled study needs and the input lacks (Prior Years), with its header row. */
export interface SheetToAdd {
  readonly name: string;
  readonly header: readonly string[];
}

/** A Prior Years row after the roll: kept (with the rule that keeps it), added or dropped (and why). */
export interface PriorYearOutcome {
  readonly year: number | null;
  readonly outcome: 'added' | 'replaced' | 'kept' | 'dropped';
  /** The rule, in one phrase, with its citation. */
  readonly because: string;
}

export interface RollForwardPlan {
  readonly fromYear: number;
  readonly toYear: number;
  readonly keepAmounts: boolean;
  readonly addSheets: readonly SheetToAdd[];
  readonly writes: readonly CellWrite[];
  /** Columns added to a header row: `Prior Years` `Foreign R&E`. */
  readonly columnsAdded: readonly { readonly sheet: string; readonly header: string; readonly cell: string }[];
  /** Cells cleared, by column (rows counted): `Employees` `R&D %` 7. */
  readonly cleared: readonly { readonly sheet: string; readonly header: string; readonly cells: number }[];
  /** About fields changed: `Tax Year` 2025 → 2026. */
  readonly about: readonly {
    readonly label: string;
    readonly cell: string;
    readonly from: CellValue;
    readonly to: CellValue;
  }[];
  readonly priorYears: readonly PriorYearOutcome[];
  /** This year's row as written to Prior Years (header → value). */
  readonly added: Readonly<Record<string, CellValue>>;
  /** What the preparer should look at (a sentence each). */
  readonly notes: readonly string[];
}

export type RollForwardResult =
  { readonly ok: true; readonly plan: RollForwardPlan } | { readonly ok: false; readonly message: string };

/** The About label that marks a study rolled forward with last year's amounts kept (validator: `about/rolled-forward`). */
export { ROLLED_FORWARD_LABEL };

/** The study's amounts and percentages of the year, cleared by a roll forward: sheet spec → fields. */
const YEAR_FIELDS = [
  { spec: EMPLOYEES, fields: ['wages', 'rdPct'] },
  { spec: ALLOCATIONS, fields: ['share'] },
  { spec: CONTRACTORS, fields: ['amountPaid', 'rdPct', 'qre'] },
  { spec: SUPPLIES, fields: ['amount', 'rdPct'] },
] as const;

/**
 * About inputs of one tax year (amounts and the year's elections), cleared by a roll forward. The
 * others — template, version, profile, firm, Fixed-Base %, First Receipts Year, the 280C and §174
 * choices, Credit Method, Controlled Group, EIN — are the firm's settings and carry over.
 */
const ABOUT_YEAR_FIELDS: readonly AboutField[] = [
  'avgGrossReceipts',
  'grossReceipts',
  'energyConsortia',
  'basicResearchPayments',
  'qualifiedOrgBase',
  'form8932Credit',
  'passThroughCredit',
  'allocatedToBeneficiaries',
  'businessCreditCarryforward',
  'payrollElection',
  'acquisitionOrDisposition',
  'newQreCategories',
];
const STATE_ABOUT_YEAR_FIELDS: readonly StateAboutField[] = ['avgGrossReceipts', 'basicResearchPayments'];

const ASC_YEARS = 3;
const REGULAR_YEARS = 4;
const CITE = {
  asc: 'IRC §41(c)(4)(A)',
  regular: 'IRC §41(c)(1)(B)',
  sec174: 'IRC §174(a); IRC §174A; P.L. 119-21 §70302(f)',
  reduction: 'IRC §280C(c)(1)',
  payroll: 'IRC §41(h)(4)(B)(ii)',
} as const;

type Grid = readonly (readonly CellValue[])[];

function gridOf(wb: WorkbookGrids, sheet: string): Grid {
  return wb.sheets.find((s) => s.name === sheet)?.values ?? [];
}

function yearOf(v: CellValue): number | null {
  const n = readNumber(v);
  if (n.kind !== 'value') return null;
  const d = toDec(n.value);
  return d.isInteger() ? d.toNumber() : null;
}

function amountOfCell(v: CellValue): Dec | null {
  const n = readNumber(v);
  return n.kind === 'value' ? toDec(n.value) : null;
}

const num = (d: Dec): number => Number(d.toString());

/** The §174 method About names, or `auto` (the validator reports a word it does not know). */
function methodOf(study: Study): Sec174Method {
  const v = study.about?.fields.sec174Method?.value;
  const t = v === undefined ? undefined : readText(v);
  const word = t?.kind === 'value' ? t.value.trim().toLowerCase() : '';
  return (SEC174_METHODS as readonly string[]).includes(word) ? (word as Sec174Method) : 'auto';
}

/**
 * The last tax year a vintage is deducted in (§174 midpoint schedules; §174A(c) ratably over at
 * least 60 months from the month benefits begin, so through the 6th tax year at the latest).
 */
function lastDeductionYear(year: number, location: ResearchLocation, method: Sec174Method): number {
  if (method === 'elect_60' && location === 'domestic')
    return year >= 2025 ? year + 5 : lastDeductionYear(year, location, 'auto');
  try {
    // The schedule of a nominal vintage: the last year with a deduction (an accelerated remainder ends early).
    const schedule = sec174Schedule(
      [{ amount: usd(1000), yearIncurred: year, location }],
      method === 'elect_60' ? 'auto' : method,
    );
    return Math.max(...schedule.filter((e) => !new Dec(e.deduction.toString()).isZero()).map((e) => e.year));
  } catch {
    return Number.POSITIVE_INFINITY; // a year the schedules do not cover: kept, never guessed away
  }
}

/**
 * Plan the roll of a study (as named grids) to the next tax year. Refuses (one sentence) when the
 * study cannot be computed for lack of a tax year, or its Prior Years sheet cannot be read.
 */
export function planRollForward(wb: WorkbookGrids, options: RollForwardOptions = {}): RollForwardResult {
  const keepAmounts = options.keepAmounts === true;
  const study = readStudy(wb);
  const computed = computeStudy(wb);
  if (!computed.ok) return { ok: false, message: computed.message };
  const c = computed.computation;
  const about = study.about;
  const yearCell = about?.fields.taxYear;
  if (!about || !yearCell) return { ok: false, message: 'The study has no Tax Year on an About sheet to advance.' };
  const fromYear = c.taxYear;
  const toYear = fromYear + 1;
  if (toYear > 2100)
    return { ok: false, message: `The study's tax year ${fromYear} cannot be rolled forward past 2100.` };

  const writes: CellWrite[] = [];
  const cleared: { sheet: string; header: string; cells: number }[] = [];
  const notes: string[] = [];
  const aboutChanges: RollForwardPlan['about'][number][] = [];

  // ---- the year's amounts and R&D %, cleared (or kept and flagged)
  if (!keepAmounts) {
    for (const { spec, fields } of YEAR_FIELDS) {
      const t = tableOf(study, spec.sheet) as StudyTable<string> | undefined;
      if (!t) continue;
      for (const f of fields as readonly string[]) {
        const col = t.columns[f];
        if (col === undefined) continue;
        let n = 0;
        for (const r of t.rows) {
          if (isBlank(r.cells[f])) continue;
          writes.push({ sheet: t.sheet, row: r.row, col, value: null, kind: 'clear' });
          n++;
        }
        if (n > 0) cleared.push({ sheet: t.sheet, header: headerOf(spec, f as never), cells: n });
      }
    }
  }
  // Waivers accept a finding for a cell's value of this year's review; next year is reviewed afresh.
  if (study.waivers && study.waivers.rows.length > 0) {
    const t = study.waivers;
    const cols = Object.values(t.columns) as number[];
    for (const r of t.rows)
      for (const col of cols) writes.push({ sheet: t.sheet, row: r.row, col, value: null, kind: 'set' });
    cleared.push({ sheet: t.sheet, header: 'every row', cells: t.rows.length });
    notes.push(
      `${t.rows.length} waiver${t.rows.length === 1 ? '' : 's'} of the ${fromYear} review cleared: next year's study is reviewed afresh.`,
    );
  }

  // ---- About: the year advances; the year's amounts clear; the firm's settings carry over
  const setAbout = (label: string, v: AboutValue, to: CellValue) => {
    writes.push({ sheet: v.at.sheet, row: v.at.row, col: v.at.col, value: to, kind: 'set' });
    aboutChanges.push({ label, cell: cellRef(v.at.sheet, v.at.row, v.at.col), from: v.value ?? null, to });
  };
  setAbout('Tax Year', yearCell, toYear);
  if (!keepAmounts) {
    for (const f of ABOUT_YEAR_FIELDS) {
      const v = about.fields[f];
      if (v && !isBlank(v.value)) setAbout(aboutLabel(f), v, null);
    }
    for (const [state, fields] of about.states)
      for (const f of STATE_ABOUT_YEAR_FIELDS) {
        const v = fields[f];
        if (v && !isBlank(v.value)) setAbout(stateAboutLabel(state, f), v, null);
      }
  }
  const elected = payrollElected(about.fields.payrollElection?.value);
  const prior = about.fields.priorPayrollElections;
  if (elected && prior) {
    const n = yearOf(prior.value ?? null);
    if (n !== null || isBlank(prior.value)) setAbout('Prior Payroll Elections', prior, (n ?? 0) + 1);
    notes.push(`Prior Payroll Elections counts ${fromYear}'s payroll election (${CITE.payroll}: at most 5).`);
  } else if (elected) {
    notes.push(
      `${fromYear} made the payroll election: add Prior Payroll Elections to About and count it (${CITE.payroll}).`,
    );
  }
  if (about.fields.fixedBasePct && !isBlank(about.fields.fixedBasePct.value))
    notes.push(
      `Fixed-Base % carried over: a start-up's percentage changes in its 6th to 10th tax years with QREs (IRC §41(c)(3)(B)(ii)); check it for ${toYear}.`,
    );

  // ---- Prior Years: this year's row, the years the credits need, the §174 vintages still deducting
  const py = planPriorYears(wb, study, c, toYear, methodOf(study));
  if (!py.ok) return py;
  writes.push(...py.writes);
  notes.push(...py.notes);

  // ---- keep-amounts: flagged on About so the validator shows it until a reviewer clears it
  if (keepAmounts) {
    const text = `from ${fromYear} with its amounts kept: review every amount and R&D %, then clear this cell`;
    const at = freeAboutSlot(gridOf(wb, about.sheet), yearCell);
    writes.push({ sheet: about.sheet, row: at.label.row, col: at.label.col, value: ROLLED_FORWARD_LABEL, kind: 'set' });
    writes.push({ sheet: about.sheet, row: at.value.row, col: at.value.col, value: text, kind: 'set' });
    aboutChanges.push({
      label: ROLLED_FORWARD_LABEL,
      cell: cellRef(about.sheet, at.value.row, at.value.col),
      from: null,
      to: text,
    });
  }

  return {
    ok: true,
    plan: {
      fromYear,
      toYear,
      keepAmounts,
      addSheets: py.addSheets,
      writes,
      columnsAdded: py.columnsAdded,
      cleared,
      about: aboutChanges,
      priorYears: py.outcomes,
      added: py.added,
      notes,
    },
  };
}

function tableOf(study: Study, sheet: string): StudyTable<string> | undefined {
  switch (sheet) {
    case EMPLOYEES.sheet:
      return study.employees as StudyTable<string> | undefined;
    case ALLOCATIONS.sheet:
      return study.allocations as StudyTable<string> | undefined;
    case CONTRACTORS.sheet:
      return study.contractors as StudyTable<string> | undefined;
    case SUPPLIES.sheet:
      return study.supplies as StudyTable<string> | undefined;
    default:
      return undefined;
  }
}

/** The About label of a field (the schema's header). */
function aboutLabel(f: AboutField): string {
  return ABOUT_FIELDS.find((a) => a.field === f)?.header ?? f;
}

/** Yes, or an amount above 0 (Form 6765 line 33a's reading of About's Payroll Election). */
function payrollElected(v: CellValue | undefined): boolean {
  if (v === undefined || isBlank(v)) return false;
  const yn = readYesNo(v);
  if (yn.kind === 'value') return yn.value;
  const d = amountOfCell(v);
  return d !== null && d.gt(0);
}

/** Where a new About label and value go: the next free header column (one row of labels) or the next free row (labels down A). */
function freeAboutSlot(
  grid: Grid,
  yearCell: AboutValue,
): { label: { row: number; col: number }; value: { row: number; col: number } } {
  const label = grid[0]?.[yearCell.at.col];
  const across =
    yearCell.at.row === 2 && typeof label === 'string' && headerKey(label) === headerKey(aboutLabel('taxYear'));
  if (across) {
    const header = grid[0] ?? [];
    let col = header.length;
    while (col > 0 && isBlank(header[col - 1])) col--;
    return { label: { row: 1, col }, value: { row: 2, col } };
  }
  let row = grid.length;
  while (row > 0 && isBlank(grid[row - 1]?.[0]) && isBlank(grid[row - 1]?.[1])) row--;
  return { label: { row: row + 1, col: 0 }, value: { row: row + 1, col: 1 } };
}

interface PriorYearsPlan {
  readonly ok: true;
  readonly writes: CellWrite[];
  readonly addSheets: SheetToAdd[];
  readonly columnsAdded: { sheet: string; header: string; cell: string }[];
  readonly outcomes: PriorYearOutcome[];
  readonly added: Record<string, CellValue>;
  readonly notes: string[];
}

function planPriorYears(
  wb: WorkbookGrids,
  study: Study,
  c: StudyComputation,
  toYear: number,
  method: Sec174Method,
): PriorYearsPlan | { ok: false; message: string } {
  const fromYear = c.taxYear;
  const notes: string[] = [];
  const t = study.priorYears;
  const sheet = t?.sheet ?? PRIOR_YEARS.sheet;
  const grid = t ? gridOf(wb, t.sheet) : [];
  if (t && Object.keys(t.columns).length === 0 && (grid[0] ?? []).some((v) => !isBlank(v)))
    return {
      ok: false,
      message: `${t.sheet} has no header row rdtax reads (${PRIOR_YEARS.columns.map((k) => k.header).join(', ')} on row 1); fix it (rdtax check names the cell) and roll forward again.`,
    };

  // The header row, with what the roll needs appended: every Prior Years column, each state's `<ST> QRE`.
  const header: CellValue[] = t ? [...(grid[0] ?? [])] : [];
  const columnsAdded: PriorYearsPlan['columnsAdded'] = [];
  const colOf: Partial<Record<PriorYearField, number>> = { ...(t?.columns ?? {}) };
  let next = t ? t.nextFreeColumn : 0;
  for (const spec of PRIOR_YEARS.columns) {
    if (colOf[spec.field] !== undefined) continue;
    colOf[spec.field] = next;
    header[next] = spec.header;
    if (t) columnsAdded.push({ sheet, header: spec.header, cell: cellRef(sheet, 1, next) });
    next++;
  }
  const stateCol = new Map<string, number>();
  for (const p of t?.patterned ?? [])
    if (p.pattern === STATE_QRE_COLUMNS && !stateCol.has(p.key)) stateCol.set(p.key, p.col);
  for (const s of c.states.byState) {
    if (s.state === null || stateCol.has(s.state)) continue;
    const h = STATE_QRE_COLUMNS.header(s.state);
    stateCol.set(s.state, next);
    header[next] = h;
    columnsAdded.push({ sheet, header: h, cell: cellRef(sheet, 1, next) });
    next++;
  }
  const width = Math.max(header.length, ...grid.map((r) => r.length));

  // This year's row: line 48, About's Gross Receipts, the §174 vintages (after the §280C(c)(1) reduction of their base).
  const row: CellValue[] = new Array<CellValue>(width).fill(null);
  const added: Record<string, CellValue> = {};
  const put = (field: PriorYearField, v: CellValue) => {
    row[colOf[field] as number] = v;
    added[headerOf(PRIOR_YEARS, field)] = v;
  };
  put('taxYear', fromYear);
  const line48 = c.sectionF.find((l) => l.line === '48');
  if (line48 && line48.amount !== null) put('qre', line48.amount);
  else {
    put('qre', null);
    notes.push(
      `${fromYear}'s QRE is not computed (${line48?.error ?? 'line 48'}); enter it on ${sheet} before relying on ${toYear}'s ASC.`,
    );
  }
  const gr = study.about?.fields.grossReceipts;
  const grAmount = gr ? amountOfCell(gr.value ?? null) : null;
  if (grAmount !== null) put('grossReceipts', num(grAmount));
  else {
    put('grossReceipts', null);
    notes.push(
      `About records no Gross Receipts for ${fromYear}: enter them on ${sheet} (the regular credit's base averages 4 years' receipts, ${CITE.regular}).`,
    );
  }
  const vintage = (part: StudyComputation['sec174']['domestic'], what: string): CellValue => {
    if (part.incurred.amount === null) {
      notes.push(
        `${fromYear}'s ${what} is not computed (${part.incurred.error ?? 'an input is missing'}); enter it on ${sheet} for the §174 carry-over.`,
      );
      return null;
    }
    const basis = part.reduction280c?.basis;
    if (basis === undefined || basis === 0) return part.incurred.amount;
    notes.push(
      `${fromYear}'s ${what} is written after the ${CITE.reduction} reduction of its base (${part.incurred.amount} − ${basis}), the amount still to amortize.`,
    );
    return num(Dec.max(0, new Dec(part.incurred.amount).minus(basis)));
  };
  put('domesticRe', vintage(c.sec174.domestic, 'Domestic R&E'));
  put('foreignRe', vintage(c.sec174.foreign, 'Foreign R&E'));
  for (const s of c.states.byState) {
    if (s.state === null) continue;
    const h = STATE_QRE_COLUMNS.header(s.state);
    row[stateCol.get(s.state) as number] = s.total.amount;
    added[h] = s.total.amount;
  }

  // Each earlier row: kept by the first rule that needs it, else dropped.
  const outcomes: PriorYearOutcome[] = [];
  const kept: { year: number | null; cells: CellValue[] }[] = [];
  for (const r of t?.rows ?? []) {
    const cells = [...(grid[r.row - 1] ?? [])];
    while (cells.length < width) cells.push(null);
    const year = yearOf(r.cells.taxYear);
    if (year === fromYear) {
      outcomes.push({
        year,
        outcome: 'replaced',
        because: `${sheet} already had a row for ${fromYear}; it now holds this year's computed amounts`,
      });
      // Extra columns of the old row the roll does not write are kept.
      cells.forEach((v, i) => {
        if (row[i] === null && !isBlank(v) && !Object.values(colOf).includes(i) && ![...stateCol.values()].includes(i))
          row[i] = v;
      });
      continue;
    }
    const because = keepBecause(r.cells, year, toYear, method);
    if (because) {
      kept.push({ year, cells });
      outcomes.push({ year, outcome: 'kept', because });
    } else
      outcomes.push({
        year,
        outcome: 'dropped',
        because: `older than the credits read for ${toYear} (the ASC 3 preceding years, ${CITE.asc}; the regular base 4 years' gross receipts, ${CITE.regular}) and no §174 amount of it is deducted in ${toYear} or later`,
      });
  }
  if (!outcomes.some((o) => o.outcome === 'replaced'))
    outcomes.unshift({
      year: fromYear,
      outcome: 'added',
      because: `this year's QRE, gross receipts and §174 R&E (${CITE.asc}; ${CITE.sec174})`,
    });
  // Most recent first, as templates lay them out (the Summary's RD_ASC reads rows 2–4); unreadable years last.
  const readable = kept.filter((k) => k.year !== null).sort((a, b) => (b.year as number) - (a.year as number));
  const rows = [{ year: fromYear, cells: row }, ...readable, ...kept.filter((k) => k.year === null)];
  const unreadable = kept.filter((k) => k.year === null).length;
  if (unreadable > 0)
    notes.push(
      `${unreadable} ${sheet} row${unreadable === 1 ? '' : 's'} without a readable Tax Year kept at the bottom; fix ${unreadable === 1 ? 'it' : 'them'}.`,
    );

  const writes: CellWrite[] = [];
  const addSheets: SheetToAdd[] = [];
  if (!t) {
    addSheets.push({ name: sheet, header: header.map((h) => (typeof h === 'string' ? h : String(h ?? ''))) });
    notes.push(`The study had no ${sheet} sheet: added, with ${fromYear}'s row.`);
  } else
    columnsAdded.forEach((a) => {
      const col = header.indexOf(a.header);
      writes.push({ sheet, row: 1, col, value: a.header, kind: 'set' });
    });
  rows.forEach((r, i) =>
    r.cells.forEach((v, col) => writes.push({ sheet, row: i + 2, col, value: v ?? null, kind: 'set' })),
  );
  // Rows below the new last row that held the old table: emptied.
  const lastOld = Math.max(1, ...(t?.rows ?? []).map((r) => r.row));
  for (let r = rows.length + 2; r <= lastOld; r++)
    for (let col = 0; col < width; col++)
      if (!isBlank(grid[r - 1]?.[col])) writes.push({ sheet, row: r, col, value: null, kind: 'set' });
  return { ok: true, writes, addSheets, columnsAdded, outcomes, added, notes };
}

/** Why an earlier Prior Years row is still needed for `toYear`, or undefined. */
function keepBecause(
  cells: Readonly<Record<PriorYearField, CellValue>>,
  year: number | null,
  toYear: number,
  method: Sec174Method,
): string | undefined {
  if (year === null) return 'its Tax Year cannot be read, so it is never dropped';
  if (year >= toYear) return `a tax year not before ${toYear}, so it is not dropped`;
  if (year >= toYear - ASC_YEARS)
    return `one of the ${ASC_YEARS} tax years before ${toYear} the ASC averages (${CITE.asc}; the state credits' 3-year bases too)`;
  if (year >= toYear - REGULAR_YEARS && amountOfCell(cells.grossReceipts) !== null)
    return `its gross receipts are among the ${REGULAR_YEARS} years the regular credit's base averages for ${toYear} (${CITE.regular})`;
  for (const location of ['domestic', 'foreign'] as const) {
    const amount = amountOfCell(cells[location === 'domestic' ? 'domesticRe' : 'foreignRe']);
    if (amount === null || amount.isZero()) continue;
    const last = lastDeductionYear(year, location, location === 'domestic' ? method : 'auto');
    if (last >= toYear)
      return `its ${location} §174 R&E is still being deducted in ${toYear}${Number.isFinite(last) ? ` (through ${last})` : ''} (${CITE.sec174})`;
  }
  return undefined;
}

/** The plan as lines a person reads (the CLI prints them; a panel can show them). */
export function rollForwardLines(plan: RollForwardPlan): string[] {
  const out: string[] = [];
  out.push(`Tax year ${plan.fromYear} → ${plan.toYear}.`);
  for (const a of plan.addSheets) out.push(`Added sheet ${a.name} (${a.header.join(', ')}).`);
  for (const a of plan.columnsAdded) out.push(`Added column ${a.header} to ${a.sheet} (${a.cell}).`);
  if (plan.keepAmounts) out.push('Amounts and R&D % kept (--keep-amounts): About is marked for review.');
  for (const c of plan.cleared) out.push(`Cleared ${c.sheet} ${c.header}: ${c.cells} cell${c.cells === 1 ? '' : 's'}.`);
  for (const a of plan.about) out.push(`About ${a.label} (${a.cell}): ${shown(a.from)} → ${shown(a.to)}.`);
  for (const p of plan.priorYears) out.push(`Prior Years ${p.year ?? '(no year)'}: ${p.outcome} — ${p.because}.`);
  for (const n of plan.notes) out.push(`Note: ${n}`);
  return out;
}

function shown(v: CellValue): string {
  if (v === null || v === undefined || v === '') return '(blank)';
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/**
 * A plan carried out on grids (a folder of CSV sheets, a test, a host that holds the study as
 * values): sheets added at the end, then every write. The input is not changed.
 */
export function applyPlanToGrids(
  wb: WorkbookGrids,
  plan: { readonly addSheets: readonly SheetToAdd[]; readonly writes: readonly CellWrite[] },
): WorkbookGrids {
  const sheets = wb.sheets.map((s) => ({ name: s.name, values: s.values.map((r) => [...r]) }));
  for (const a of plan.addSheets) sheets.push({ name: a.name, values: [[...a.header]] });
  for (const w of plan.writes) {
    const s = sheets.find((x) => x.name === w.sheet);
    if (!s) continue;
    while (s.values.length < w.row) s.values.push([]);
    const r = s.values[w.row - 1] ?? [];
    while (r.length <= w.col) r.push(null);
    r[w.col] = w.value;
  }
  return { sheets };
}
