/**
 * `rdtax rollforward study-2025.xlsx -o study-2026.xlsx [--keep-amounts] [--force]` (issue 14 §1):
 * next year's study from this year's. Core plans it (core/src/yoy/rollforward.ts); this command
 * reads the study with the guarded reader, carries the plan out on a copy (exceljs for an .xlsx,
 * so formats, drop-downs and formulas survive; a folder of CSV sheets is written as a folder) and
 * prints what it did. The input is never modified.
 */
import { clipText } from '@core/cells';
import type { WorkbookGrids } from '@core/study/types';
import { readFailure, type ErrorInfo, type FileEntry } from './envelope';
import type { Io } from './main';

export interface RollForwardRequest {
  readonly positional: readonly string[];
  readonly output: string | undefined;
  readonly force: boolean;
  readonly keepAmounts: boolean;
}

const EXIT_OK = 0;
const EXIT_UNUSABLE = 2;

export async function rollForwardCommand(
  req: RollForwardRequest,
  io: Io,
  json: boolean,
): Promise<{ readonly exitCode: number; readonly files: readonly FileEntry[] }> {
  const edit = await import('./workbook-edit');
  const { input, inputPath, folder, output, target } = edit.editTarget(io.cwd, req.positional, req.output, req.force, {
    noFiles: 'rollforward needs the study to roll: rdtax rollforward study-2025.xlsx -o study-2026.xlsx',
    tooManyFiles: 'rollforward takes exactly one study (an .xlsx or a folder of .csv sheets) and writes it with -o',
    noOutput: (i) => `rollforward needs -o for next year's study: rdtax rollforward ${clipText(i)} -o next-year.xlsx`,
    result: "next year's study",
    badInput: (i) =>
      `${clipText(i)}: rollforward reads an .xlsx study or a folder of .csv sheets (a single .csv is one sheet, not a study)`,
  });

  const [{ readWorkbookFile }, { isUnusableInput }, { planRollForward, rollForwardLines, applyPlanToGrids }] =
    await Promise.all([import('./read-workbook'), import('./check'), import('@core/yoy/rollforward')]);
  const fail = (error: ErrorInfo) => {
    io.stderr(`rdtax: ${input}: ${error.message}\n`);
    return { exitCode: EXIT_UNUSABLE, files: [{ file: input, error }] };
  };
  let grids: WorkbookGrids;
  try {
    grids = await readWorkbookFile(inputPath);
  } catch (e) {
    return fail(readFailure(e, inputPath, isUnusableInput, io.stderr));
  }
  const planned = planRollForward(grids, { keepAmounts: req.keepAmounts });
  if (!planned.ok) return fail({ code: 'rollforward/not-possible', message: planned.message.replace(/\.$/, '') });
  const plan = planned.plan;

  let formulasKept: readonly string[] = [];
  let notKept: string[] = [];
  try {
    if (folder) edit.saveCsvFolder(applyPlanToGrids(grids, plan).sheets, target);
    else {
      const wb = await edit.openXlsx(inputPath);
      formulasKept = edit.applyToWorkbook(wb, plan).formulasKept;
      notKept = edit.notKeptLine(edit.partsNotKept(inputPath), input);
      await edit.saveXlsx(wb, target);
    }
  } catch (e) {
    edit.unwritable(e, output);
  }

  const lines = [...rollForwardLines(plan), ...notKept];
  if (formulasKept.length > 0)
    lines.push(
      `Kept ${formulasKept.length} formula cell${formulasKept.length === 1 ? '' : 's'} among the amounts (${formulasKept.slice(0, 5).join(', ')}${formulasKept.length > 5 ? ', …' : ''}): a formula is the workbook's, not the year's data.`,
    );
  if (!json) {
    io.stdout(`Wrote ${output}: ${input} rolled forward from tax year ${plan.fromYear} to ${plan.toYear}.\n`);
    for (const l of lines) io.stdout(`  ${l}\n`);
  }
  return {
    exitCode: EXIT_OK,
    files: [
      {
        file: output,
        rollforward: {
          from: input,
          fromYear: plan.fromYear,
          toYear: plan.toYear,
          keepAmounts: plan.keepAmounts,
          sheetsAdded: plan.addSheets.map((s) => s.name),
          columnsAdded: plan.columnsAdded,
          cleared: plan.cleared,
          about: plan.about,
          priorYears: plan.priorYears,
          added: plan.added,
          formulasKept,
          notes: plan.notes,
        },
      },
    ],
  };
}
