/** The study model and validator: what hosts (task pane, sidebar, CLI) import. */
export type { Finding, Severity, SheetGrid, WorkbookGrids } from './types';
export { readStudy, fieldAt, fieldRef, hasStudyTable, STUDY_DATA_TABLES } from './model';
export type { Study, StudyTable, StudyRow, SheetInfo, AboutSheet, AboutValue, ExtraColumn, Lookalike } from './model';
export { validate, validateWorkbook } from './validator';
export type { ValidateOptions } from './validator';
export { reviewWorkbook, waiverRow, waiverValueText, WAIVER_HEADERS } from './waivers';
export type { Review, WaivedFinding, Waiver } from './waivers';
export { findingsReportCsv, findingsReportHtml, REPORT_CSV_HEADER, SEVERITY_MARK } from './report';
export type { ReportFile, ReportInput } from './report';
export { STUDY_RULES, STUDY_RULE_IDS } from './rules';
export type { StudyRule, StudyRuleId } from './rules';
export type { SeverityOverrides } from './findings';
export { cellRef, columnLetter, sheetRef } from './a1';
export {
  ABOUT_FIELDS,
  COMPONENTS,
  CONTRACTORS,
  EMPLOYEES,
  FOUR_PART_TEST,
  PRIOR_YEARS,
  ROLES,
  WAIVERS,
  SHEET_NAMES,
  SUPPLIES,
  TABLE_KINDS,
  headerKey,
  sameTemplateVersion,
} from './schema';
export type { ColumnSpec, TableSpec, TableKind, ColumnKind, AboutField, AboutFieldSpec } from './schema';
