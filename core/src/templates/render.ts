/**
 * A template → host-neutral sheets: header rows, drop-down lists, number formats, the Roles
 * sheet (the firm's role table, which the validator and RD_ROLE_CHECK read), the Summary
 * formulas in the host's spelling, and the About sheet recording template id, version, tax
 * year and profile (so the validator can report `template/version-drift`). The task pane,
 * the sidebar and the CLI's .xlsx writer all write exactly this.
 *
 * Trust is decided here, once: every text (names, roles, headers, labels) goes into `values`
 * and is written as text; a Summary formula goes into `formulas` only if it passes the
 * vocabulary check against this template's sheets — otherwise its text is written, inert.
 * A template that skipped parseTemplate (built in code, or tampered with) gets no other way in.
 */
import type { CellValue } from '../cells';
import { columnIndex, columnLetter, sheetRef } from '../study/a1';
import { ABOUT_FIELDS, COMPONENTS, EMPLOYEES, PRIOR_YEARS, type AboutField, type TableSpec } from '../study/schema';
import { hasFormSheet, renderFormSheet } from './form-sheet';
import { formulaProblems, hostFormula, studySheetNames } from './formula';
import {
  ABOUT_COLUMNS,
  CONTRACT_TYPES,
  DEFAULT_COMPONENT_TYPES,
  DEFAULT_LOCATIONS,
  DEFAULT_ROWS,
  ENVIRONMENT_WORDS,
  headerMatches,
  QUALIFIED_SERVICES,
  ROLES_ALIASES_HEADER,
  ROLES_COLUMNS,
  SOFTWARE_TYPES,
  studyTableOf,
  SUMMARY_COLUMNS,
  SUPPLY_CATEGORIES,
  YES_NO,
} from './layout';
import type {
  ColumnFormat,
  FirmTemplate,
  Host,
  ListName,
  RenderedFormat,
  RenderedFormula,
  RenderedSheet,
  RenderedValidation,
  TemplateColumn,
} from './types';

/** Rows of the Roles sheet covered by the Role drop-down, so a firm can add roles below its table. */
export const ROLES_LIST_ROWS = 200;
const DEFAULT_WIDTH = 14;

export const NUMBER_FORMATS: Readonly<Record<ColumnFormat, string>> = {
  text: '@',
  amount: '#,##0.00',
  percent: '0.00%',
  year: '0',
};

interface ListSpec {
  readonly list: readonly string[];
  readonly listRange?: string;
  readonly strict: boolean;
}

function namedList(t: FirmTemplate, name: ListName): ListSpec | undefined {
  switch (name) {
    case 'roles':
      // Not strict: an unlisted role is allowed (the validator reports it as info).
      return { list: t.roles.map((r) => r.role), listRange: `Roles!$A$2:$A$${ROLES_LIST_ROWS}`, strict: false };
    case 'locations':
      // Not strict: any country may be entered; anything other than US is foreign research.
      return { list: t.lists?.locations ?? DEFAULT_LOCATIONS, strict: false };
    case 'contractTypes':
      return { list: CONTRACT_TYPES, strict: true };
    case 'environments':
      return { list: t.lists?.environments ?? ENVIRONMENT_WORDS, strict: true };
    case 'categories':
      return { list: SUPPLY_CATEGORIES, strict: true };
    case 'yesNo':
      return { list: YES_NO, strict: true };
    case 'componentTypes':
      return { list: t.lists?.componentTypes ?? DEFAULT_COMPONENT_TYPES, strict: false };
    case 'qualifiedServices':
      return { list: QUALIFIED_SERVICES, strict: true };
    case 'softwareTypes':
      return { list: SOFTWARE_TYPES, strict: true };
    case 'components':
      return sheetList(t, COMPONENTS, 'component');
    case 'employees':
      // Not strict: the Employees sheet is the list, but a name may be typed before it is added there.
      return sheetList(t, EMPLOYEES, 'employee');
  }
}

/** A drop-down read from a study table's column (`Components!$A$2:$A$1000`), when the template lays it out. */
function sheetList<F extends string>(t: FirmTemplate, table: TableSpec<F>, field: F): ListSpec | undefined {
  const sheet = t.sheets.find((s) => studyTableOf(s.name) === table);
  if (!sheet) return undefined;
  const spec = table.columns.find((k) => k.field === field);
  const col = spec ? sheet.columns.findIndex((c) => headerMatches(c.header, spec)) : -1;
  if (col < 0) return undefined;
  const letter = columnLetter(col);
  return {
    list: [],
    listRange: `${sheetRef(sheet.name)}!$${letter}$2:$${letter}$${sheet.rows ?? DEFAULT_ROWS}`,
    strict: false,
  };
}

function listFor(t: FirmTemplate, c: TemplateColumn): ListSpec | undefined {
  if (c.list === undefined) return undefined;
  if (typeof c.list === 'string') return namedList(t, c.list as ListName);
  return { list: c.list, strict: true };
}

function validation(range: string, spec: ListSpec): RenderedValidation {
  return { range, list: [...spec.list], ...(spec.listRange ? { listRange: spec.listRange } : {}), strict: spec.strict };
}

/** Render every sheet of `template` for `host`. */
export function renderTemplate(template: FirmTemplate, host: Host): RenderedSheet[] {
  const out: RenderedSheet[] = [];
  for (const sheet of template.sheets) {
    const last = sheet.rows ?? DEFAULT_ROWS;
    const values: CellValue[][] = [sheet.columns.map((c) => c.header)];
    const validations: RenderedValidation[] = [];
    const formats: RenderedFormat[] = [];
    sheet.columns.forEach((c, i) => {
      const letter = columnLetter(i);
      const range = `${letter}2:${letter}${last}`;
      const spec = listFor(template, c);
      if (spec) validations.push(validation(range, spec));
      if (c.format) formats.push({ range, format: NUMBER_FORMATS[c.format] });
    });
    // Prior Years: the three preceding tax years the ASC averages (§41(c)(4)), most recent first,
    // so Summary's RD_ASC can read rows 2–4.
    if (studyTableOf(sheet.name) === PRIOR_YEARS) {
      const yearCol = sheet.columns.findIndex((c) =>
        headerMatches(
          c.header,
          PRIOR_YEARS.columns.find((k) => k.field === 'taxYear')!,
        ),
      );
      if (yearCol >= 0) {
        for (let k = 1; k <= 3; k++) {
          const row: CellValue[] = sheet.columns.map(() => null);
          row[yearCol] = template.taxYear - k;
          values.push(row);
        }
      }
    }
    out.push({
      name: sheet.name,
      values,
      formulas: [],
      validations,
      formats,
      columnWidths: sheet.columns.map((c) => c.width ?? DEFAULT_WIDTH),
    });
  }

  // The Aliases column only when a role has aliases, so a template without any writes the same sheet.
  const withAliases = template.roles.some((r) => (r.aliases?.length ?? 0) > 0);
  out.push({
    name: 'Roles',
    values: withAliases
      ? [
          [...ROLES_COLUMNS, ROLES_ALIASES_HEADER],
          ...template.roles.map((r) => [r.role, r.low, r.high, (r.aliases ?? []).join('; ') || null] as CellValue[]),
        ]
      : [[...ROLES_COLUMNS], ...template.roles.map((r) => [r.role, r.low, r.high] as CellValue[])],
    formulas: [],
    validations: [],
    formats: [
      { range: `B2:B${ROLES_LIST_ROWS}`, format: NUMBER_FORMATS.percent },
      { range: `C2:C${ROLES_LIST_ROWS}`, format: NUMBER_FORMATS.percent },
    ],
    columnWidths: withAliases ? [30, 10, 10, 40] : [30, 10, 10],
  });

  const summaryValues: CellValue[][] = [[...SUMMARY_COLUMNS]];
  const summaryFormulas: RenderedFormula[] = [];
  const sheetNames = studySheetNames(template);
  template.summary.forEach((s, i) => {
    const cell = `C${i + 2}`;
    if (formulaProblems(s.formula, sheetNames).length > 0) {
      // Outside the vocabulary (the template skipped the importer): its text, never a formula.
      summaryValues.push([s.line ?? null, s.label, s.formula]);
      return;
    }
    let formula = hostFormula(s.formula, host);
    // Sheets evaluates IF over a range element-wise only inside ARRAYFORMULA; an .xlsx stores
    // an array formula instead (legacy Excel would otherwise intersect the range implicitly).
    if (s.array && host === 'sheets') formula = `=ARRAYFORMULA(${formula.slice(1)})`;
    summaryFormulas.push({ cell, formula, ...(s.array && host === 'excel' ? { array: true } : {}) });
    summaryValues.push([s.line ?? null, s.label, null]);
  });
  out.push({
    name: 'Summary',
    values: summaryValues,
    formulas: summaryFormulas,
    validations: [],
    formats:
      template.summary.length > 0
        ? [{ range: `C2:C${template.summary.length + 1}`, format: NUMBER_FORMATS.amount }]
        : [],
    columnWidths: [10, 50, 18],
  });

  if (hasFormSheet(template)) out.push(renderFormSheet(template, host));

  // What the template records; the inputs (Fixed-Base %, 280C Election…) are left for the preparer.
  const recorded: Partial<Record<AboutField, CellValue>> = {
    template: template.id,
    version: template.version,
    taxYear: template.taxYear,
    profile: template.profile,
    firm: template.firm,
    templateName: template.name,
  };
  out.push({
    name: 'About',
    values: [[...ABOUT_COLUMNS], ABOUT_FIELDS.map((f) => recorded[f.field] ?? null)],
    formulas: [],
    validations: aboutValidations(),
    formats: aboutFormats(),
    columnWidths: ABOUT_COLUMNS.map((c) => Math.max(12, c.length + 2)),
  });
  return out;
}

/** About fields written as text whatever they hold (a version "1.10", an EIN, an activity code "0541"). */
const ABOUT_TEXT_FIELDS: readonly AboutField[] = ['version', 'ein', 'businessActivityCode'];

/** Each About field with a closed set of words gets its drop-down (Yes/No, Credit Method, 174 Method, Profile). */
function aboutValidations(): RenderedValidation[] {
  return ABOUT_FIELDS.flatMap((f, i) => {
    if (!f.words) return [];
    const cell = `${columnLetter(i)}2`;
    // elect_60 needs the month benefits are first realized, which the study does not record.
    const list = f.field === 'sec174Method' ? f.words.filter((m) => m !== 'elect_60') : [...f.words];
    return [{ range: `${cell}:${cell}`, list, strict: true }];
  });
}

/** Each About field's number format by its kind (amounts, percentages, years and counts), neighbours sharing one range. */
function aboutFormats(): RenderedFormat[] {
  const formatOf = (f: (typeof ABOUT_FIELDS)[number]): string | undefined => {
    if (ABOUT_TEXT_FIELDS.includes(f.field)) return NUMBER_FORMATS.text;
    switch (f.kind) {
      case 'amount':
        return NUMBER_FORMATS.amount;
      case 'fraction':
        return NUMBER_FORMATS.percent;
      case 'year':
      case 'count':
        return NUMBER_FORMATS.year;
      default:
        return undefined;
    }
  };
  const out: { from: number; to: number; format: string }[] = [];
  ABOUT_FIELDS.forEach((f, i) => {
    const format = formatOf(f);
    if (format === undefined) return;
    const prev = out[out.length - 1];
    if (prev && prev.to === i - 1 && prev.format === format) prev.to = i;
    else out.push({ from: i, to: i, format });
  });
  return out.map((r) => ({ range: `${columnLetter(r.from)}2:${columnLetter(r.to)}2`, format: r.format }));
}

/**
 * The sheet's contents as a formula bar shows them — formulas as their text in their cells —
 * for a preview (the demo workbook) and for tests; writers use `values` and `formulas` apart.
 */
export function sheetContents(sheet: {
  readonly values: readonly (readonly CellValue[])[];
  readonly formulas?: readonly RenderedFormula[];
}): CellValue[][] {
  const out = sheet.values.map((r) => [...r]);
  for (const f of sheet.formulas ?? []) {
    const [, letters, digits] = /^([A-Z]{1,3})([0-9]+)$/.exec(f.cell) ?? [];
    const col = letters === undefined ? undefined : columnIndex(letters);
    if (col === undefined) continue;
    const row = Number(digits) - 1;
    let cells = out[row];
    if (!cells) {
      while (out.length < row) out.push([]);
      cells = [];
      out.push(cells);
    }
    while (cells.length < col) cells.push(null);
    cells[col] = f.formula;
  }
  return out;
}
