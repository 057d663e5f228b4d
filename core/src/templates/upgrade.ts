/**
 * Upgrading a study to a newer version of its firm template (issue 14 §2), as a plan a host carries
 * out on a copy: the template's new sheets added; each template sheet's columns laid out in the
 * template's order (new columns added in their place, a column the template renamed — declared in
 * `renames`, or a header the study reader already reads as the same column — moved under its new
 * name); drop-down lists, formats, the Summary and the Form 6765 sheet from the new version; the
 * About version bumped. Every data cell is kept: a column the new version no longer has stays,
 * after the template's columns, and is reported — never deleted.
 */
import { isBlank, type CellValue } from '../cells';
import { cellRef, columnLetter } from '../study/a1';
import { readStudy } from '../study/model';
import { headerKey, sameTemplateVersion } from '../study/schema';
import type { WorkbookGrids } from '../study/types';
import { readText } from '../study/values';
import { headerMatches, studyTableOf, FORM_SHEET } from './layout';
import { renderTemplate, sheetContents } from './render';
import type { FirmTemplate, Host, RenderedSheet, RenderedFormat, RenderedValidation } from './types';
import { compareTemplateVersions } from './versions';

/** Where a column of the upgraded sheet comes from. */
export interface ColumnPlace {
  /** 0-based column in the study's sheet, or null for a column the template adds. */
  readonly from: number | null;
  /** 0-based column after the upgrade. */
  readonly to: number;
  /** The header written at `to` (the study's own header where it is kept). */
  readonly header: string;
  readonly how: 'kept' | 'renamed' | 'added' | 'not-in-template';
}

/** A template sheet the study has: its columns laid out in the template's order. */
export interface SheetRelayout {
  readonly sheet: string;
  /** Every column of the upgraded sheet that has a header or data, by `to`. */
  readonly columns: readonly ColumnPlace[];
  /** Whether any column changes position (then every row is rewritten). */
  readonly moved: boolean;
  /** The new version's drop-down lists and formats (ranges in the upgraded layout); they replace the sheet's. */
  readonly validations: readonly RenderedValidation[];
  readonly formats: readonly RenderedFormat[];
  readonly columnWidths: readonly number[];
}

/** One cell to write: 1-based row, 0-based column. */
export interface UpgradeWrite {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly value: CellValue;
}

export interface TemplateUpgradePlan {
  readonly templateId: string;
  readonly fromVersion: string;
  readonly toVersion: string;
  readonly relayouts: readonly SheetRelayout[];
  /** Sheets the study lacks, rendered from the new version, each after `after` (a sheet of the workbook; null = first). */
  readonly addSheets: readonly { readonly sheet: RenderedSheet; readonly after: string | null }[];
  /** Sheets the template generates (Summary, Form 6765): their contents replaced by the new version's. */
  readonly replaceSheets: readonly { readonly sheet: string; readonly with: RenderedSheet }[];
  readonly writes: readonly UpgradeWrite[];
  readonly report: {
    readonly sheetsAdded: readonly string[];
    readonly columnsAdded: readonly { readonly sheet: string; readonly header: string; readonly cell: string }[];
    readonly renamed: readonly {
      readonly sheet: string;
      readonly from: string;
      readonly to: string;
      readonly cell: string;
      readonly declared: boolean;
    }[];
    readonly moved: readonly {
      readonly sheet: string;
      readonly header: string;
      readonly from: string;
      readonly to: string;
    }[];
    /** Columns the new version does not have: kept (after the template's columns), never deleted. */
    readonly kept: readonly {
      readonly sheet: string;
      readonly header: string;
      readonly cell: string;
      readonly droppedBy?: string;
    }[];
    readonly sheetsReplaced: readonly string[];
    readonly rolesAdded: readonly string[];
    /** The changelog lines of the versions after the study's, oldest first. */
    readonly changelog: readonly { readonly version: string; readonly line: string }[];
    readonly notes: readonly string[];
  };
}

export type TemplateUpgradeResult =
  { readonly ok: true; readonly plan: TemplateUpgradePlan } | { readonly ok: false; readonly message: string };

export interface UpgradeOptions {
  readonly host?: Host;
  /** The version the study was made from, when the firm still has it: its columns are reported as dropped by the new one. */
  readonly from?: FirmTemplate;
}

type Grid = readonly (readonly CellValue[])[];

function headerTextOf(v: CellValue): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** The study's template id and version from About, read as the validator reads them. */
export function studyTemplateOf(wb: WorkbookGrids): { id?: string; version?: string; at?: string } {
  const about = readStudy(wb).about;
  const text = (v: CellValue | undefined) => {
    if (v === undefined) return undefined;
    if (typeof v === 'number') return String(v);
    const t = readText(v);
    return t.kind === 'value' ? t.value.trim() : undefined;
  };
  const id = text(about?.fields.template?.value);
  const version = text(about?.fields.version?.value);
  const at = about?.fields.version?.at;
  return {
    ...(id ? { id } : {}),
    ...(version ? { version } : {}),
    ...(at ? { at: cellRef(at.sheet, at.row, at.col) } : {}),
  };
}

export function planTemplateUpgrade(
  wb: WorkbookGrids,
  to: FirmTemplate,
  options: UpgradeOptions = {},
): TemplateUpgradeResult {
  const host = options.host ?? 'excel';
  const study = readStudy(wb);
  const made = studyTemplateOf(wb);
  if (!study.about || !made.id)
    return {
      ok: false,
      message: `The study records no template on its About sheet, so it cannot be told which template it was made from; enter "${to.id}" under Template and its version under Version if it was made from it.`,
    };
  if (made.id.toLowerCase() !== to.id.toLowerCase())
    return {
      ok: false,
      message: `The study was made from template "${made.id}", not "${to.id}"; give that template's newer version.`,
    };
  const fromVersion = made.version ?? '';
  if (fromVersion !== '' && sameTemplateVersion(fromVersion, to.version))
    return {
      ok: false,
      message: `The study is already at version ${to.version} of "${to.id}"; there is nothing to upgrade.`,
    };
  if (fromVersion !== '' && compareTemplateVersions(fromVersion, to.version) === 1)
    return {
      ok: false,
      message: `The study was made from version ${fromVersion} of "${to.id}", newer than the version ${to.version} given; give version ${fromVersion} or later.`,
    };

  const rendered = renderTemplate(to, host);
  const renderedOf = (name: string) => rendered.find((s) => s.name === name);
  const sheetNames = wb.sheets.map((s) => s.name);
  const findSheet = (name: string): string | undefined => {
    const key = headerKey(name);
    const table = studyTableOf(name);
    return (
      sheetNames.find((n) => headerKey(n) === key) ??
      (table ? sheetNames.find((n) => studyTableOf(n) === table) : undefined)
    );
  };
  const gridOf = (name: string): Grid => wb.sheets.find((s) => s.name === name)?.values ?? [];

  const relayouts: SheetRelayout[] = [];
  const addSheets: { sheet: RenderedSheet; after: string | null }[] = [];
  const replaceSheets: { sheet: string; with: RenderedSheet }[] = [];
  const writes: UpgradeWrite[] = [];
  const report = {
    sheetsAdded: [] as string[],
    columnsAdded: [] as { sheet: string; header: string; cell: string }[],
    renamed: [] as { sheet: string; from: string; to: string; cell: string; declared: boolean }[],
    moved: [] as { sheet: string; header: string; from: string; to: string }[],
    kept: [] as { sheet: string; header: string; cell: string; droppedBy?: string }[],
    sheetsReplaced: [] as string[],
    rolesAdded: [] as string[],
    changelog: changelogSince(to, fromVersion),
    notes: [] as string[],
  };

  // The template's sheets, then the generated ones, in the order the renderer writes them.
  let previous: string | null = null;
  const addAfter = (sheet: RenderedSheet) => {
    addSheets.push({ sheet, after: previous });
    report.sheetsAdded.push(sheet.name);
  };
  for (const ts of to.sheets) {
    const r = renderedOf(ts.name)!;
    const existing = findSheet(ts.name);
    if (!existing) {
      addAfter(r);
      continue;
    }
    previous = existing;
    relayouts.push(relayout(existing, gridOf(existing), ts.name, to, r, options.from, report));
  }
  // Roles: the study's rows are data (kept); roles the new version lists and the study lacks are added.
  const roles = renderedOf('Roles')!;
  const rolesSheet = findSheet('Roles');
  if (!rolesSheet) addAfter(roles);
  else {
    previous = rolesSheet;
    const grid = gridOf(rolesSheet);
    const have = new Set(grid.slice(1).map((row) => headerKey(String(row[0] ?? ''))));
    let row = grid.length;
    while (row > 1 && (grid[row - 1] ?? []).every((v) => isBlank(v))) row--;
    for (const r of roles.values.slice(1)) {
      if (have.has(headerKey(String(r[0] ?? '')))) continue;
      row++;
      r.forEach((v, col) => writes.push({ sheet: rolesSheet, row, col, value: v }));
      report.rolesAdded.push(String(r[0]));
    }
  }
  // Summary and Form 6765: the template's own formulas, replaced by the new version's.
  for (const name of ['Summary', FORM_SHEET]) {
    const r = renderedOf(name);
    const existing = findSheet(name);
    if (r && !existing) addAfter(r);
    else if (r && existing) {
      replaceSheets.push({ sheet: existing, with: r });
      report.sheetsReplaced.push(existing);
      previous = existing;
    } else if (!r && existing)
      report.notes.push(`Version ${to.version} has no ${name} sheet; the study's is kept as it is.`);
  }
  // About: the version moves on (the template id stays).
  const version = study.about.fields.version;
  if (version) writes.push({ sheet: version.at.sheet, row: version.at.row, col: version.at.col, value: to.version });
  else report.notes.push(`About has no Version cell; add "Version" with ${to.version}.`);
  const name = study.about.fields.templateName;
  if (name && readText(name.value ?? null).kind !== 'invalid' && String(name.value ?? '') !== to.name)
    writes.push({ sheet: name.at.sheet, row: name.at.row, col: name.at.col, value: to.name });

  return {
    ok: true,
    plan: {
      templateId: to.id,
      fromVersion,
      toVersion: to.version,
      relayouts,
      addSheets,
      replaceSheets,
      writes,
      report,
    },
  };
}

/** The changelog lines of the versions after `from` up to the template's, oldest first. */
function changelogSince(to: FirmTemplate, from: string): { version: string; line: string }[] {
  const entries = Object.entries(to.changelog ?? {});
  return entries
    .filter(([v]) => from === '' || compareTemplateVersions(v, from) !== -1)
    .filter(([v]) => from === '' || !sameTemplateVersion(v, from))
    .sort(([a], [b]) => compareTemplateVersions(a, b) ?? 0)
    .map(([version, line]) => ({ version, line }));
}

function relayout(
  sheet: string,
  grid: Grid,
  templateSheet: string,
  to: FirmTemplate,
  rendered: RenderedSheet,
  from: FirmTemplate | undefined,
  report: {
    columnsAdded: { sheet: string; header: string; cell: string }[];
    renamed: { sheet: string; from: string; to: string; cell: string; declared: boolean }[];
    moved: { sheet: string; header: string; from: string; to: string }[];
    kept: { sheet: string; header: string; cell: string; droppedBy?: string }[];
  },
): SheetRelayout {
  const ts = to.sheets.find((s) => s.name === templateSheet)!;
  const header = grid[0] ?? [];
  const width = Math.max(header.length, ...grid.map((r) => r.length));
  const used = new Set<number>();
  const headerAt = (c: number) => headerTextOf(header[c] ?? null);
  const findCol = (test: (h: string) => boolean) => {
    for (let c = 0; c < width; c++) {
      const h = headerAt(c);
      if (h !== undefined && !used.has(c) && test(h)) return c;
    }
    return undefined;
  };
  const table = studyTableOf(templateSheet);
  const renames = (to.renames ?? []).filter((r) => headerKey(r.sheet) === headerKey(templateSheet));
  const columns: ColumnPlace[] = [];
  ts.columns.forEach((tc, j) => {
    const same = findCol((h) => headerKey(h) === headerKey(tc.header));
    if (same !== undefined) {
      used.add(same);
      columns.push({ from: same, to: j, header: headerAt(same)!, how: 'kept' });
      return;
    }
    const declared = renames.find(
      (r) =>
        headerKey(r.to) === headerKey(tc.header) && findCol((h) => headerKey(h) === headerKey(r.from)) !== undefined,
    );
    // A header the study reader reads as the same column (an alias: "W-2 Wages" for "W-2 Box 1 Wages").
    const spec = table?.columns.find((k) => headerMatches(tc.header, k));
    const old = declared
      ? findCol((h) => headerKey(h) === headerKey(declared.from))
      : spec
        ? findCol((h) => headerMatches(h, spec))
        : undefined;
    if (old !== undefined) {
      used.add(old);
      columns.push({ from: old, to: j, header: tc.header, how: 'renamed' });
      report.renamed.push({
        sheet,
        from: headerAt(old)!,
        to: tc.header,
        cell: cellRef(sheet, 1, j),
        declared: declared !== undefined,
      });
      return;
    }
    columns.push({ from: null, to: j, header: tc.header, how: 'added' });
    report.columnsAdded.push({ sheet, header: tc.header, cell: cellRef(sheet, 1, j) });
  });
  // Everything else the sheet holds — a column the new version dropped, the firm's own — after the template's columns.
  let next = ts.columns.length;
  const fromSheet = from?.sheets.find((s) => headerKey(s.name) === headerKey(templateSheet));
  for (let c = 0; c < width; c++) {
    if (used.has(c)) continue;
    const hasData = grid.some((r) => !isBlank(r[c]));
    if (!hasData) continue;
    const h = headerAt(c) ?? '';
    columns.push({ from: c, to: next, header: h, how: 'not-in-template' });
    const dropped = fromSheet?.columns.some((k) => headerKey(k.header) === headerKey(h));
    report.kept.push({
      sheet,
      header: h || `(no header, column ${columnLetter(c)})`,
      cell: cellRef(sheet, 1, next),
      ...(dropped ? { droppedBy: to.version } : {}),
    });
    next++;
  }
  const moved = columns.some((p) => p.from !== null && p.from !== p.to);
  for (const p of columns)
    if (p.from !== null && p.from !== p.to)
      report.moved.push({ sheet, header: p.header, from: columnLetter(p.from), to: columnLetter(p.to) });
  return {
    sheet,
    columns,
    moved,
    validations: rendered.validations,
    formats: rendered.formats,
    columnWidths: rendered.columnWidths ?? [],
  };
}

/**
 * The plan carried out on grids (a folder of CSV sheets, a test): sheets re-laid out, added and
 * replaced (a generated sheet's formulas as their text), then the writes. The input is not changed.
 */
export function applyUpgradeToGrids(wb: WorkbookGrids, plan: TemplateUpgradePlan): WorkbookGrids {
  const sheets = wb.sheets.map((s) => ({ name: s.name, values: s.values.map((r) => [...r]) }));
  for (const r of plan.relayouts) {
    const s = sheets.find((x) => x.name === r.sheet)!;
    s.values = s.values.map((row, i) => {
      const out: CellValue[] = [];
      for (const p of r.columns)
        out[p.to] =
          i === 0 && (p.how === 'renamed' || p.how === 'added')
            ? p.header
            : p.from === null
              ? null
              : (row[p.from] ?? null);
      for (let c = 0; c < out.length; c++) if (out[c] === undefined) out[c] = null;
      return out;
    });
    if (s.values.length === 0) s.values.push(r.columns.map((p) => p.header));
  }
  for (const a of plan.addSheets) {
    const at = a.after === null ? 0 : sheets.findIndex((x) => x.name === a.after) + 1;
    sheets.splice(at, 0, { name: a.sheet.name, values: withFormulaText(a.sheet) });
  }
  for (const r of plan.replaceSheets) {
    const s = sheets.find((x) => x.name === r.sheet)!;
    s.values = withFormulaText(r.with);
  }
  for (const w of plan.writes) {
    const s = sheets.find((x) => x.name === w.sheet)!;
    while (s.values.length < w.row) s.values.push([]);
    const row = s.values[w.row - 1] ?? [];
    while (row.length <= w.col) row.push(null);
    row[w.col] = w.value;
  }
  return { sheets };
}

function withFormulaText(sheet: RenderedSheet): CellValue[][] {
  // The formula bar's view of the sheet (render.ts), so a grid shows each formula as its text.
  return sheetContents(sheet);
}

/** The plan as lines a person reads (the CLI prints them; a panel can show them). */
export function templateUpgradeLines(plan: TemplateUpgradePlan): string[] {
  const r = plan.report;
  const out = [`Template ${plan.templateId}: version ${plan.fromVersion || '(none recorded)'} → ${plan.toVersion}.`];
  for (const c of r.changelog) out.push(`Version ${c.version}: ${c.line}`);
  for (const s of r.sheetsAdded) out.push(`Added sheet ${s}.`);
  for (const c of r.columnsAdded) out.push(`Added column ${c.header} to ${c.sheet} (${c.cell}).`);
  for (const c of r.renamed)
    out.push(
      `Renamed ${c.sheet} ${c.from} → ${c.to} (${c.cell})${c.declared ? ', as the template declares' : ', a header the study reader reads as the same column'}.`,
    );
  for (const m of r.moved) out.push(`Moved ${m.sheet} ${m.header}: column ${m.from} → ${m.to}.`);
  for (const k of r.kept)
    out.push(
      `Kept ${k.sheet} ${k.header} at ${k.cell}: ${k.droppedBy ? `version ${k.droppedBy} drops it` : `not a column of version ${plan.toVersion}`}; its data is kept, delete it yourself if it is not needed.`,
    );
  for (const s of r.sheetsReplaced)
    out.push(`Replaced ${s} with version ${plan.toVersion}'s (its formulas are the template's).`);
  if (r.rolesAdded.length > 0) out.push(`Added roles to Roles: ${r.rolesAdded.join(', ')}.`);
  out.push(`About Version → ${plan.toVersion}.`);
  for (const n of r.notes) out.push(`Note: ${n}`);
  return out;
}
