/**
 * The study validator (docs/design.md §5): every rule over a study, findings sorted by sheet order,
 * row and column. It never throws — a defect in a check becomes an `internal/error` finding
 * after the findings gathered so far.
 */
import type { RoleTable } from '../calc/roles';
import type { ProfileId } from '../law/roles';
import type { CheckContext } from './checks/context';
import { RowClassifier } from './classify';
import { checkAllocations } from './checks/allocations';
import { checkComponents, componentKeys } from './checks/components';
import { checkContractors } from './checks/contracts';
import { checkPriorYears } from './checks/priorYears';
import { chooseRoleTable, checkTemplateDrift, reportMissingTables, reportNoStudy, studySetup } from './checks/setup';
import { checkSupplies } from './checks/supplies';
import { checkEmployees } from './checks/wages';
import {
  checkWaivers,
  keyOf,
  readWaiver,
  UNWAIVABLE,
  waiverValueText,
  type ParsedWaiver,
  type Waiver,
} from './checks/waivers';
import { finding, finish, type LocatedFinding, type SeverityOverrides } from './findings';
import { fieldAt, hasStudyTable, readStudy, type Study, type StudyTable } from './model';
import type { CellValue } from '../cells';
import type { WaiverField } from './schema';
import type { Finding, WorkbookGrids } from './types';

export interface ValidateOptions {
  /** The role profile; else the About sheet's Profile; else `software`. */
  readonly profile?: ProfileId;
  /** A firm's role table (from an imported template); overrides a Roles sheet and the profile. */
  readonly roleTable?: RoleTable;
  /** Per-rule severity, or `'off'` to drop the rule (a firm template's overrides). */
  readonly severityOverrides?: SeverityOverrides;
  /** The firm template the user has imported now, to compare with the one the study was made from. */
  readonly template?: { readonly id: string; readonly version: string };
}

function internalError(study: Study | undefined, e: unknown): LocatedFinding {
  const sheet = study?.sheets[0] || 'About';
  const what = e instanceof Error ? e.message : String(e);
  return finding(
    'internal/error',
    { sheet, sheetIndex: 0, row: 1, col: 0 },
    `The validator stopped on an unexpected problem (${what.slice(0, 200)}), so these findings may be incomplete; please report it with the shape of the workbook.`,
  );
}

function runChecks(study: Study, options: ValidateOptions, out: LocatedFinding[]): void {
  if (!hasStudyTable(study)) return reportNoStudy(out, study);
  const setup = studySetup(study.about, options.profile, out);
  const ctx: CheckContext = {
    taxYear: setup.taxYear,
    out,
    classifier: new RowClassifier(setup.taxYear, { allocations: study.allocations }),
    componentKeys:
      study.components && study.components.columns.component !== undefined
        ? componentKeys(study.components)
        : undefined,
  };
  reportMissingTables(ctx, study, setup);
  checkTemplateDrift(ctx, study.about, options.template);
  const roles = chooseRoleTable(ctx, study, options.roleTable, setup.profile);
  if (study.employees) checkEmployees(ctx, study.employees, roles);
  if (study.allocations) checkAllocations(ctx, study.allocations, study.employees);
  if (study.contractors) checkContractors(ctx, study.contractors);
  if (study.supplies) checkSupplies(ctx, study.supplies);
  if (study.components) checkComponents(ctx, study.components);
  if (study.priorYears) checkPriorYears(ctx, study.priorYears);
  if (study.waivers) checkWaivers(ctx, study.waivers);
}

/** Every finding of a study where it points, before severity overrides and sorting. Never throws. */
export function locatedFindings(study: Study, options: ValidateOptions = {}): LocatedFinding[] {
  const out: LocatedFinding[] = [];
  try {
    for (const f of study.issues) out.push(f);
    runChecks(study, options ?? {}, out);
  } catch (e) {
    out.push(internalError(study, e));
  }
  return out;
}

/**
 * Validate a study read by `readStudy`. Never throws. Waivers are not applied here (they compare
 * cell values, which a study does not keep): `reviewWorkbook` (waivers.ts) applies them.
 */
export function validate(study: Study, options: ValidateOptions = {}): Finding[] {
  const out = locatedFindings(study, options);
  try {
    return finish(out, options?.severityOverrides);
  } catch (e) {
    return finish([...out, internalError(study, e)], undefined);
  }
}

/** A finding a waiver covers: not counted, listed apart with the waiver. */
export interface WaivedFinding extends Finding {
  readonly waiver: Waiver;
}

export interface Review {
  /** The findings that stand (a lapsed waiver's finding included, with a `waiver/lapsed` note). */
  readonly findings: Finding[];
  /** The findings reviewers accepted, each with its waiver. */
  readonly waived: WaivedFinding[];
}

/** The valid waivers of a study, the last row winning where two name the same rule and cell. */
function waiversOf(study: Study): Map<string, ParsedWaiver> {
  const out = new Map<string, ParsedWaiver>();
  const t = study.waivers;
  if (!t) return out;
  for (const r of t.rows) {
    const w = readWaiver(t, r, (field) => {
      if (t.columns[field] === undefined) return undefined;
      const v = waiverValueText(r.cells[field]);
      return v === '' ? undefined : v;
    });
    if (w !== undefined && !('why' in w)) out.set(w.key, w);
  }
  return out;
}

/** The value of `sheet`!(row, col) in the workbook as read (sheet names compared as Excel does, ignoring case). */
function valueAt(wb: WorkbookGrids, sheet: string, row: number, col: number): CellValue {
  const name = sheet.toLowerCase();
  const s = wb.sheets.find((x) => x.name.toLowerCase() === name);
  return s?.values[row - 1]?.[col];
}

/**
 * Read, validate and apply the study's waivers: each finding a valid waiver names (same rule,
 * same cell) is waived while its cell still holds the waiver's value, and stands again with a
 * `waiver/lapsed` note (on the waiver's Value cell) once it does not. Never throws.
 */
export function reviewWorkbook(wb: WorkbookGrids, options: ValidateOptions = {}): Review {
  let study: Study;
  try {
    study = readStudy(wb);
  } catch (e) {
    return { findings: finish([internalError(undefined, e)], undefined), waived: [] };
  }
  const found = locatedFindings(study, options);
  const waivers = study.waivers ? waiversOf(study) : new Map<string, ParsedWaiver>();
  if (waivers.size === 0) return { findings: finish(found, options.severityOverrides), waived: [] };
  const rules = new Set<string>([...waivers.values()].map((w) => w.waiver.rule));
  const kept: LocatedFinding[] = [];
  const waived: { finding: LocatedFinding; waiver: Waiver }[] = [];
  const t = study.waivers as StudyTable<WaiverField>;
  for (const f of found) {
    if (!rules.has(f.rule) || UNWAIVABLE.has(f.rule)) {
      kept.push(f);
      continue;
    }
    const w = waivers.get(keyOf(f.rule, f.at.sheet, f.at.row, f.at.col));
    if (!w) {
      kept.push(f);
      continue;
    }
    const now = waiverValueText(valueAt(wb, w.sheet, w.row, w.col));
    if (now === w.waiver.value) {
      waived.push({ finding: f, waiver: w.waiver });
      continue;
    }
    kept.push(f);
    const field: WaiverField = t.columns.value !== undefined ? 'value' : 'cell';
    kept.push(
      finding(
        'waiver/lapsed',
        fieldAt(t, w.waiverRow, field),
        `The waiver of ${f.rule} at ${f.cell} (${w.waiver.at}) was given when the cell held ${JSON.stringify(w.waiver.value)}; it now holds ${JSON.stringify(now)}, so the waiver lapsed and the finding is back: review it again, and waive it anew if the new value is right.`,
      ),
    );
  }
  const overrides = options.severityOverrides;
  return {
    findings: finish(kept, overrides),
    waived: waived.flatMap(({ finding: f, waiver }) => {
      const [shown] = finish([f], overrides); // the firm's severity, the Finding shape
      return shown ? [{ ...shown, waiver }] : [];
    }),
  };
}

/**
 * Read and validate a workbook given as named grids, its reviewers' waivers applied (the
 * findings that stand; `reviewWorkbook` also lists the waived ones). Never throws.
 */
export function validateWorkbook(wb: WorkbookGrids, options: ValidateOptions = {}): Finding[] {
  return reviewWorkbook(wb, options).findings;
}
