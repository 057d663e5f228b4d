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
import { finding, finish, type LocatedFinding, type SeverityOverrides } from './findings';
import { hasStudyTable, readStudy, type Study } from './model';
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
}

/** Validate a study read by `readStudy`. Never throws. */
export function validate(study: Study, options: ValidateOptions = {}): Finding[] {
  const out: LocatedFinding[] = [];
  try {
    for (const f of study.issues) out.push(f);
    runChecks(study, options ?? {}, out);
  } catch (e) {
    out.push(internalError(study, e));
  }
  try {
    return finish(out, options?.severityOverrides);
  } catch (e) {
    return finish([...out, internalError(study, e)], undefined);
  }
}

/** Read and validate a workbook given as named grids. Never throws. */
export function validateWorkbook(wb: WorkbookGrids, options: ValidateOptions = {}): Finding[] {
  let study: Study;
  try {
    study = readStudy(wb);
  } catch (e) {
    return finish([internalError(undefined, e)], undefined);
  }
  return validate(study, options);
}
