/**
 * The Components sheet: each business component and its four-part test (IRC §41(d)(1)),
 * applied separately to each component (§41(d)(2)(A)).
 */
import { isBlank, normalizeWord } from '../../cells';
import { fieldRef, type StudyTable } from '../model';
import { FOUR_PART_TEST, type ComponentField } from '../schema';
import { nameKey, readText } from '../values';
import { Duplicates, report, rowLabel, textField, yesNoField, type CheckContext } from './context';

/** The normalised names on the Components sheet (what other sheets' Business Component cells must match). */
export function componentKeys(t: StudyTable<ComponentField>): Set<string> {
  const keys = new Set<string>();
  if (t.columns.component === undefined) return keys;
  for (const r of t.rows) {
    const v = readText(r.cells.component);
    if (v.kind === 'value') keys.add(nameKey(v.value));
  }
  return keys;
}

/** Entries that hold a place rather than document anything. */
const PLACEHOLDERS = new Set(['n/a', 'na', 'none', 'tbd', 'todo', '-', '?', 'unknown']);
const NOT_MET = new Set(['no', 'n', 'false']);

export function checkComponents(ctx: CheckContext, t: StudyTable<ComponentField>): void {
  const names = new Duplicates(
    ctx,
    t,
    'component',
    'component/duplicate',
    'keep one row per component, since the four-part test applies to each component separately',
  );
  for (const r of t.rows) {
    names.note(r);

    for (const part of FOUR_PART_TEST) {
      const field = part.field;
      if (t.columns[field] === undefined) continue;
      const raw = r.cells[field];
      const text = textField(ctx, t, r, field);
      if (text === undefined && !isBlank(raw)) continue; // an error value, reported by textField
      const word = text === undefined ? '' : normalizeWord(text);
      let problem: string | undefined;
      if (text === undefined || PLACEHOLDERS.has(word)) {
        problem = `${text === undefined ? 'is blank' : `only says ${JSON.stringify(text)}`}; describe how ${rowLabel(t, r)} meets this part of the test, or take its costs out of the study`;
      } else if (NOT_MET.has(word)) {
        problem = `says the test is not met, and a component must meet all four parts to be qualified research; take its costs out of the study or document how it does meet this part`;
      }
      if (problem) {
        report(
          ctx,
          'component/four-part-missing',
          t,
          r,
          field,
          `${part.header} for ${rowLabel(t, r)} (${fieldRef(t, r.row, field)}) ${problem}.`,
          part.citation,
        );
      }
    }

    if (yesNoField(ctx, t, r, 'internalUse') === true) {
      report(
        ctx,
        'component/internal-use',
        t,
        r,
        'internalUse',
        `${rowLabel(t, r)} is internal-use software (${fieldRef(t, r.row, 'internalUse')}), so it must also pass the high threshold of innovation test; document that it is innovative, carries significant economic risk and is not commercially available.`,
      );
    }
  }
}
