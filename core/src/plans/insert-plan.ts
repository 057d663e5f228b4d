/**
 * Which template sheets go into a workbook and which are left out, decided once for every host
 * (the task pane, the sidebar, the demo): a host reads its sheet names, asks `planInsert`, and
 * adds exactly the sheets in `insert`. No host has its own idea of "already exists".
 *
 * A template sheet already exists when the study reader would take an existing sheet for the
 * same sheet: the same study table ("PriorYears", "prior years", "Prior_Years" and the alias
 * "Prior Year" are all the Prior Years table), or, for any other sheet, the same name compared
 * as the reader compares names (case, spaces and punctuation ignored). Inserting it anyway would
 * give the reader two Prior Years tables (`table/duplicate-sheet`), or fail outright in Excel
 * and Sheets, which refuse two names differing only in case.
 */
import { kindOfSheet } from '../study/model';
import { headerKey } from '../study/schema';

/** Two names with the same identity are the same sheet to the study reader. */
export function sheetIdentity(name: string): string {
  const kind = kindOfSheet(name);
  return kind !== undefined ? `table:${kind}` : `name:${headerKey(name)}`;
}

export interface SkippedSheet<S> {
  readonly sheet: S;
  /** The workbook's sheet (or the template's earlier sheet) it would duplicate. */
  readonly existing: string;
}

export interface InsertPlan<S> {
  /** In template order: the sheets to add. */
  readonly insert: readonly S[];
  /** Sheets never written, because the workbook already has them. */
  readonly skip: readonly SkippedSheet<S>[];
}

/** Plan inserting `sheets` into a workbook whose sheets are named `existing`. */
export function planInsert<S extends { readonly name: string }>(
  existing: readonly string[],
  sheets: readonly S[],
): InsertPlan<S> {
  const taken = new Map<string, string>();
  for (const name of existing) if (!taken.has(sheetIdentity(name))) taken.set(sheetIdentity(name), name);
  const insert: S[] = [];
  const skip: SkippedSheet<S>[] = [];
  for (const sheet of sheets) {
    const id = sheetIdentity(sheet.name);
    const there = taken.get(id);
    if (there !== undefined) {
      skip.push({ sheet, existing: there });
      continue;
    }
    taken.set(id, sheet.name);
    insert.push(sheet);
  }
  return { insert, skip };
}

/** What a host reports after carrying out a plan: the names inserted and the names skipped. */
export function insertReport<S extends { readonly name: string }>(
  plan: InsertPlan<S>,
): { inserted: string[]; skipped: string[] } {
  return { inserted: plan.insert.map((s) => s.name), skipped: plan.skip.map((s) => s.sheet.name) };
}
