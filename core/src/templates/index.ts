/** Firm templates (docs/design.md §6): the type, the schema, import, the built-ins and rendering. */
export * from './types';
export { parseTemplate, validateTemplate, EXCEL_LIST_MAX_CHARS } from './parse';
export { FIRM_TEMPLATE_SCHEMA, KNOWN_RULE_IDS, SEVERITY_OVERRIDES, TEMPLATE_ID_PATTERN } from './schema';
export { BUILTIN_TEMPLATES, BUILTIN_TAX_YEAR, STANDARD_SUMMARY } from './builtin';
export { validateOptionsFor } from './options';
export { compareTemplateVersions } from './versions';
export { renderTemplate, sheetContents, NUMBER_FORMATS, ROLES_LIST_ROWS } from './render';
export { renderFormSheet, formLayout, hasFormSheet, FORM_COLUMNS } from './form-sheet';
export {
  hostFormula,
  formulaProblems,
  tokenizeFormula,
  catalogueNameOf,
  studySheetNames,
  SAFE_BUILTINS,
  EXCEL_NAMESPACE,
  type FormulaToken,
} from './formula';
export {
  TEMPLATE_TEXT_LIMITS,
  TEMPLATE_COUNT_LIMITS,
  TEMPLATE_MAX_CHARS,
  INVISIBLE_CHARACTERS,
  formulaTrigger,
  quotePrefixed,
  textProblem,
  plainTextProblem,
} from './text';
export {
  ABOUT_COLUMNS,
  aboutCell,
  STUDY_TABLE_COLUMNS,
  STUDY_TABLES,
  studyTableOf,
  headerMatches,
  STANDARD_SHEETS,
  GENERATED_SHEETS,
  FORM_SHEET,
  QUALIFIED_SERVICES,
  SOFTWARE_TYPES,
  CONTRACT_TYPES,
  SUPPLY_CATEGORIES,
  ENVIRONMENT_WORDS,
  DEFAULT_LOCATIONS,
  DEFAULT_COMPONENT_TYPES,
  DEFAULT_ROWS,
  YES_NO,
} from './layout';
