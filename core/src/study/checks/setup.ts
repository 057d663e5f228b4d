/**
 * What the rest of the checks depend on: the tax year and profile (About sheet or options),
 * the role table (options, a Roles sheet, or the profile), whether the study was made from
 * another version of the firm template, and which tables are absent.
 */
import { profileRoleTable, roleKey, roleTable, splitAliases, type RoleEntry, type RoleTable } from '../../calc/roles';
import { listWords, quoteText } from '../../cells';
import { PROFILE_IDS, type ProfileId } from '../../law/roles';
import { DEFAULT_TAX_YEAR } from '../../law/types';
import type { Rate } from '../../money';
import { cellRef } from '../a1';
import { finding, type CellAt } from '../findings';
import { fieldRef, STUDY_DATA_TABLES, type AboutSheet, type Study, type StudyRow, type StudyTable } from '../model';
import { US_STATES } from '../classify';
import {
  sameTemplateVersion,
  SHEET_NAMES,
  STATE_ABOUT_FIELDS,
  TABLE_KINDS,
  type RoleField,
  type TableKind,
} from '../schema';
import { formatPct, readNumber, readText, toDec } from '../values';
import { report, rowLabel, shareField, textField, type CheckContext } from './context';
import { readTaxYear } from './priorYears';

export interface StudySetup {
  readonly taxYear: number;
  readonly profile: ProfileId;
}

function profileOf(text: string): ProfileId | undefined {
  const key = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return PROFILE_IDS.find((p) => p.replace(/[^a-z0-9]/g, '') === key);
}

/**
 * Tax year: the About sheet's, else DEFAULT_TAX_YEAR. Profile: options, else the About
 * sheet's, else `software`. Unreadable values fall back to the default with a finding.
 */
export function studySetup(
  about: AboutSheet | undefined,
  profileOption: ProfileId | undefined,
  out: CheckContext['out'],
): StudySetup {
  let taxYear = DEFAULT_TAX_YEAR;
  let profile: ProfileId = PROFILE_IDS.includes(profileOption as ProfileId) ? (profileOption as ProfileId) : 'software';
  if (!about) return { taxYear, profile };
  /** What the About sheet leaves blank (its label) and what is assumed instead. */
  const assumed: { field: string; value: string }[] = [];
  let assumedAt: CellAt | undefined;

  const year = about.fields.taxYear;
  const yearRead = year ? readNumber(year.value) : { kind: 'blank' as const };
  if (yearRead.kind === 'value' && readTaxYear(yearRead.value) !== undefined)
    taxYear = readTaxYear(yearRead.value) as number;
  else if (yearRead.kind === 'blank') {
    assumed.push({ field: 'Tax Year', value: `tax years beginning in ${taxYear}` });
    assumedAt = year?.at;
  } else if (year) {
    out.push(
      finding(
        'about/invalid-value',
        year.at,
        `The Tax Year on the About sheet (${fieldRefOf(year.at)}) ${yearRead.kind === 'value' ? `is ${String(yearRead.value)}` : yearRead.why}, so the study is checked for tax years beginning in ${taxYear}; enter the calendar year in which the tax year begins, e.g. ${DEFAULT_TAX_YEAR}.`,
      ),
    );
  }

  if (!PROFILE_IDS.includes(profileOption as ProfileId)) {
    const p = about.fields.profile;
    const text = p ? readText(p.value) : { kind: 'blank' as const };
    const id = text.kind === 'value' ? profileOf(text.value) : undefined;
    if (id) profile = id;
    else if (text.kind === 'blank') {
      assumed.push({ field: 'Profile', value: `the ${profile} profile` });
      assumedAt ??= p?.at;
    } else if (p) {
      const shown = text.kind === 'value' ? `is ${JSON.stringify(text.value)}` : text.why;
      out.push(
        finding(
          'about/invalid-value',
          p.at,
          `The Profile on the About sheet (${fieldRefOf(p.at)}) ${shown}, so role ranges come from the ${profile} profile; enter ${PROFILE_IDS.join(' or ')}.`,
        ),
      );
    }
  }

  checkStateAbout(about, out);

  // rdtax rollforward --keep-amounts: last year's amounts stand in this year's study until reviewed.
  const rolled = about.rolledForward;
  if (rolled && readText(rolled.value).kind !== 'blank')
    out.push(
      finding(
        'about/rolled-forward',
        rolled.at,
        `This study was rolled forward with last year's amounts and R&D % kept (${fieldRefOf(rolled.at)}); check each against this year's payroll, invoices and time records, then clear the cell.`,
      ),
    );

  if (assumed.length > 0) {
    const at = assumedAt ?? { sheet: about.sheet, sheetIndex: about.sheetIndex, row: 1, col: 0 };
    out.push(
      finding(
        'about/assumed',
        at,
        `The About sheet (${fieldRefOf(at)}) records no ${assumed.map((a) => a.field).join(' or ')}, so the study is checked for ${assumed.map((a) => a.value).join(' with ')}; fill it in if that is not right.`,
      ),
    );
  }
  return { taxYear, profile };
}

/**
 * The About sheet's `<ST> …` inputs of a state's credit (`CA Fixed-Base %`): a fraction 0–1 and
 * amounts ≥ 0, as the federal fields are (compute says the same of the credit they block). The
 * method word is the state law's to judge (compute names the cell when a state lacks it).
 */
function checkStateAbout(about: AboutSheet, out: CheckContext['out']): void {
  for (const [state, fields] of about.states) {
    if (!US_STATES.has(state)) continue;
    for (const spec of STATE_ABOUT_FIELDS) {
      const v = fields[spec.field];
      if (!v || spec.kind === 'word') continue;
      const label = `${state} ${spec.suffix}`;
      const where = `${label} on the About sheet (${fieldRefOf(v.at)})`;
      const read = readNumber(v.value);
      const fix = spec.kind === 'fraction' ? 'enter it as a fraction, e.g. 0.03 for 3%' : 'enter the amount in dollars';
      if (read.kind === 'invalid') {
        out.push(finding('cell/not-a-number', v.at, `${where} ${read.why}; ${fix}.`, spec.citation));
        continue;
      }
      if (read.kind !== 'value') continue;
      const d = toDec(read.value);
      if (spec.kind === 'fraction' && (d.isNegative() || d.gt(1)))
        out.push(
          finding(
            'cell/pct-out-of-bounds',
            v.at,
            `${where} is ${String(read.value)}, which reads as ${formatPct(read.value)}; ${fix}.`,
            spec.citation,
          ),
        );
      else if (d.isNegative())
        out.push(
          finding(
            'cell/negative-amount',
            v.at,
            `${where} is negative (${String(read.value)}); enter it as 0 or more.`,
            spec.citation,
          ),
        );
    }
  }
}

function fieldRefOf(at: CellAt): string {
  return cellRef(at.sheet, at.row, at.col);
}

/**
 * The firm's Roles sheet as a role table (rows with a role and a valid low ≤ high range, and
 * the titles of its Aliases column), or undefined when it has none. Bad rows are reported and
 * left out; an alias that cannot reach its role (it is another role's name, or listed for two
 * roles) is reported as a duplicate.
 */
export function rolesFromSheet(ctx: CheckContext, t: StudyTable<RoleField>): RoleTable | undefined {
  const entries = new Map<string, { readonly entry: RoleEntry; readonly row: StudyRow<RoleField> }>();
  for (const r of t.rows) {
    const role = textField(ctx, t, r, 'role');
    const low = shareField(ctx, t, r, 'low', 'cell/pct-out-of-bounds');
    const high = shareField(ctx, t, r, 'high', 'cell/pct-out-of-bounds');
    const aliasText = textField(ctx, t, r, 'aliases');
    if (role === undefined || !low?.inBounds || !high?.inBounds) continue;
    const lowDec = toDec(low.value) as Rate;
    const highDec = toDec(high.value) as Rate;
    if (lowDec.gt(highDec)) {
      report(
        ctx,
        'roles/invalid-range',
        t,
        r,
        'low',
        `Low % of ${rowLabel(t, r)} (${fieldRef(t, r.row, 'low')}) is ${formatPct(lowDec)}, above its High % of ${formatPct(highDec)}; swap or correct them.`,
      );
      continue;
    }
    const key = roleKey(role);
    const first = entries.get(key);
    if (first) {
      report(
        ctx,
        'roles/duplicate-role',
        t,
        r,
        'role',
        `Role ${rowLabel(t, r)} is listed on rows ${first.row.row} and ${r.row} of ${t.sheet} (${fieldRef(t, r.row, 'role')}); only the last is used, so delete the other.`,
      );
    }
    const aliases = aliasText === undefined ? [] : splitAliases(aliasText);
    entries.set(key, {
      entry: { role, low: lowDec, high: highDec, ...(aliases.length > 0 ? { aliases } : {}) },
      row: r,
    });
  }
  if (entries.size === 0) return undefined;
  reportAliasConflicts(ctx, t, [...entries.values()]);
  return roleTable(
    `${t.sheet} sheet`,
    [...entries.values()].map((e) => e.entry),
  );
}

/** An alias that is another role's name (the name wins) or another role's alias (neither wins). */
function reportAliasConflicts(
  ctx: CheckContext,
  t: StudyTable<RoleField>,
  rows: readonly { readonly entry: RoleEntry; readonly row: StudyRow<RoleField> }[],
): void {
  const names = new Map(rows.map((e) => [roleKey(e.entry.role), e]));
  const aliasOwner = new Map<string, { readonly entry: RoleEntry; readonly row: StudyRow<RoleField> }>();
  for (const e of rows) {
    for (const alias of e.entry.aliases ?? []) {
      const key = roleKey(alias);
      const named = names.get(key);
      const other = aliasOwner.get(key);
      if (named && named !== e) {
        report(
          ctx,
          'roles/duplicate-role',
          t,
          e.row,
          'aliases',
          `Alias ${quoteText(alias)} of ${rowLabel(t, e.row)} (${fieldRef(t, e.row.row, 'aliases')}) is the name of the role on row ${named.row.row}, and a title that names a role is read as that role; remove the alias or rename a role.`,
        );
      } else if (other && other !== e) {
        report(
          ctx,
          'roles/duplicate-role',
          t,
          e.row,
          'aliases',
          `Alias ${quoteText(alias)} is listed for ${rowLabel(t, other.row)} (row ${other.row.row}) and ${rowLabel(t, e.row)} (${fieldRef(t, e.row.row, 'aliases')}), so it matches neither; keep it on one row.`,
        );
      } else aliasOwner.set(key, e);
    }
  }
}

/** Precedence: options.roleTable, then the workbook's Roles sheet, then the profile. */
export function chooseRoleTable(
  ctx: CheckContext,
  study: Study,
  option: RoleTable | undefined,
  profile: ProfileId,
): RoleTable {
  const fromSheet = study.roles ? rolesFromSheet(ctx, study.roles) : undefined;
  return option ?? fromSheet ?? profileRoleTable(profile);
}

/** "Made from firm template X version 3, you imported version 4." */
export function checkTemplateDrift(
  ctx: CheckContext,
  about: AboutSheet | undefined,
  template: { readonly id: string; readonly version: string } | undefined,
): void {
  if (!about || !template) return;
  const id = about.fields.template ? readText(about.fields.template.value) : undefined;
  const version = about.fields.version;
  const made = version ? readText(version.value) : undefined;
  if (id?.kind !== 'value' || made?.kind !== 'value' || !version) return;
  if (id.value.toLowerCase() !== String(template.id).trim().toLowerCase()) return;
  if (sameTemplateVersion(made.value, String(template.version))) return;
  ctx.out.push(
    finding(
      'template/version-drift',
      version.at,
      `This study was made from firm template ${JSON.stringify(id.value)} version ${made.value} (${fieldRefOf(version.at)}), you imported version ${String(template.version).trim()}; compare the two versions' columns, role table and severities before relying on these findings, or re-insert the template.`,
    ),
  );
}

const WHY_ABSENT: Partial<Record<TableKind, string>> = {
  employees: 'no wages are checked',
  contractors: 'no contract research is checked',
  supplies: 'no supplies or cloud costs are checked',
  components: 'business components named on other sheets are not checked against a list or the four-part test',
  priorYears: 'the alternative simplified credit cannot use prior-year QREs',
};

/**
 * A workbook with none of the study's data tables (a stray export, "Name, Salary", a .csv of
 * something else) is not a study: one error, instead of an info per absent table that would
 * let it pass as a study with nothing wrong. Sheets carrying a table's headers under another
 * name are named, with what to rename them to.
 */
export function reportNoStudy(out: CheckContext['out'], study: Study): void {
  const tables = STUDY_DATA_TABLES.map((k) => SHEET_NAMES[k].sheet);
  const named = `${tables.slice(0, -1).join(', ')} or ${tables[tables.length - 1]}`;
  const first = study.sheets[0];
  const at: CellAt = { sheet: first || SHEET_NAMES.employees.sheet, sheetIndex: 0, row: 1, col: 0 };
  const ref = cellRef(at.sheet, 1, 0);
  const found =
    study.sheets.length === 0
      ? `The workbook has no sheets (${ref} is where the Employees table would start), so there is no study to check`
      : `No study table found at ${ref} or elsewhere: none of the sheets (${listWords(study.sheets)}) is named ${named}, so there is nothing to check`;
  const todo =
    study.lookalikes.length > 0
      ? `rename ${listWords(
          study.lookalikes.map((l) => `${quoteText(l.sheet)} to ${l.table}`),
          false,
          3,
        )} (it has that table's headers), or open the study workbook instead`
      : `open the study workbook instead, or name each sheet (or .csv file) after its table (${named})`;
  out.push(finding('table/no-study', at, `${found}; ${todo}.`));
}

/** An info finding per absent table (a study without contractors is a normal study). */
export function reportMissingTables(ctx: CheckContext, study: Study, setup: StudySetup): void {
  TABLE_KINDS.forEach((kind, k) => {
    const sheet = SHEET_NAMES[kind].sheet;
    const at: CellAt = { sheet, sheetIndex: study.sheets.length + k, row: 1, col: 0 };
    if (kind === 'about' && !study.about) {
      ctx.out.push(
        finding(
          'table/missing',
          at,
          `There is no About sheet, so the study is checked for tax years beginning in ${setup.taxYear} with the ${setup.profile} profile; add an About sheet with Template, Version, Tax Year and Profile if that is not right.`,
        ),
      );
      return;
    }
    const why = WHY_ABSENT[kind];
    if (why === undefined || study[kind] !== undefined) return;
    ctx.out.push(finding('table/missing', at, `There is no ${sheet} sheet, so ${why}; add one if the study needs it.`));
  });
}
