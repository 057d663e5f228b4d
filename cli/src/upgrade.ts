/**
 * `rdtax template upgrade --template firm-v4.json study.xlsx -o upgraded.xlsx` (issue 14 §2): a
 * study made from an earlier version of a firm template, brought to the given version without
 * losing a data cell. Core plans it (core/src/templates/upgrade.ts); this command reads the study
 * with the guarded reader, carries the plan out on an exceljs copy (or writes a folder of CSV
 * sheets) and prints what it did. The input is never modified.
 */
import type * as ExcelJSTypes from 'exceljs';
import { clipText, type CellValue } from '@core/cells';
import type { WorkbookGrids } from '@core/study/types';
import type { FirmTemplate, Host } from '@core/templates';
import type { TemplateUpgradePlan } from '@core/templates/upgrade';
import { CommandError, readFailure, type ErrorInfo, type FileEntry } from './envelope';
import type { Io } from './main';

export interface UpgradeRequest {
  readonly positional: readonly string[];
  readonly template: FirmTemplate | undefined;
  readonly output: string | undefined;
  readonly force: boolean;
  readonly host: Host;
}

const EXIT_OK = 0;
const EXIT_UNUSABLE = 2;

export async function templateUpgradeCommand(
  req: UpgradeRequest,
  io: Io,
  json: boolean,
): Promise<{ readonly exitCode: number; readonly files: readonly FileEntry[] }> {
  if (!req.template)
    throw new CommandError(
      'usage/no-template',
      'template upgrade needs the new version of the firm template: rdtax template upgrade --template firm-v4.json study.xlsx -o upgraded.xlsx',
    );
  const edit = await import('./workbook-edit');
  const { input, inputPath, folder, output, target } = edit.editTarget(io.cwd, req.positional, req.output, req.force, {
    noFiles:
      'template upgrade needs the study to upgrade: rdtax template upgrade --template firm-v4.json study.xlsx -o upgraded.xlsx',
    tooManyFiles: 'template upgrade takes exactly one study and writes it with -o',
    noOutput: (i) =>
      `template upgrade needs -o for the upgraded study: rdtax template upgrade --template … ${clipText(i)} -o upgraded.xlsx`,
    result: 'the upgraded study',
    badInput: (i) => `${clipText(i)}: template upgrade reads an .xlsx study or a folder of .csv sheets`,
  });

  const [{ readWorkbookFile }, { isUnusableInput }, core] = await Promise.all([
    import('./read-workbook'),
    import('./check'),
    import('@core/templates/upgrade'),
  ]);
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
  const planned = core.planTemplateUpgrade(grids, req.template, { host: req.host });
  if (!planned.ok) return fail({ code: 'upgrade/not-possible', message: planned.message.replace(/\.$/, '') });
  const plan = planned.plan;
  const lines = core.templateUpgradeLines(plan);

  try {
    if (folder) {
      // A folder of CSV sheets holds values: the generated sheets (Summary, Form 6765) are formulas, so not written.
      const formulaSheets = new Set(
        [...plan.addSheets.map((a) => a.sheet), ...plan.replaceSheets.map((r) => r.with)]
          .filter((s) => s.formulas.length > 0)
          .map((s) => s.name),
      );
      const upgraded = core.applyUpgradeToGrids(grids, plan);
      edit.saveCsvFolder(
        upgraded.sheets.filter((s) => !formulaSheets.has(s.name) || grids.sheets.some((g) => g.name === s.name)),
        target,
      );
      if (formulaSheets.size > 0) {
        const said = new Set([...formulaSheets].map((n) => `Added sheet ${n}.`));
        lines.splice(0, lines.length, ...lines.filter((l) => !said.has(l)));
        lines.push(`Not written to the CSV folder: ${[...formulaSheets].join(', ')} (formulas; a CSV holds values).`);
      }
    } else {
      const wb = await edit.openXlsx(inputPath);
      lines.push(...(await applyUpgrade(wb, plan)));
      const notKept = edit.notKeptLine(edit.partsNotKept(inputPath), input);
      await edit.saveXlsx(wb, target);
      lines.push(...notKept);
    }
  } catch (e) {
    edit.unwritable(e, output);
  }
  if (!json) {
    io.stdout(`Wrote ${output}: ${input} upgraded to ${plan.templateId} version ${plan.toVersion}.\n`);
    for (const l of lines) io.stdout(`  ${l}\n`);
  }
  return {
    exitCode: EXIT_OK,
    files: [
      {
        file: output,
        upgrade: {
          from: input,
          template: plan.templateId,
          fromVersion: plan.fromVersion,
          toVersion: plan.toVersion,
          ...plan.report,
        },
      },
    ],
  };
}

interface Snapshot {
  readonly value: ExcelJSTypes.CellValue;
  readonly style: Partial<ExcelJSTypes.Style>;
}

/** The plan on an open workbook; returns what it adds to the printed lines. */
async function applyUpgrade(wb: ExcelJSTypes.Workbook, plan: TemplateUpgradePlan): Promise<string[]> {
  const [{ addRenderedSheet, addValidations, applyFormats }, { writeCell }] = await Promise.all([
    import('./xlsx-write'),
    import('./workbook-edit'),
  ]);
  const out: string[] = [];
  const sheet = (name: string) => {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new Error(`the plan names a sheet the workbook lacks: ${name}`);
    return ws;
  };
  const dv = (ws: ExcelJSTypes.Worksheet) =>
    (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations;
  let listsDropped = 0;
  for (const r of plan.relayouts) {
    const ws = sheet(r.sheet);
    if (r.moved) {
      // Every row: each kept column's cells (value and style) captured, then written at their new place.
      const last = Math.max(...r.columns.map((p) => Math.max(p.to, p.from ?? 0))) + 1;
      ws.eachRow({ includeEmpty: false }, (row) => {
        const taken = new Map<number, Snapshot>();
        for (const p of r.columns) {
          if (p.from === null) continue;
          const cell = row.getCell(p.from + 1);
          taken.set(p.to, { value: cell.value, style: JSON.parse(JSON.stringify(cell.style ?? {})) });
        }
        for (let c = 1; c <= last; c++) {
          const cell = row.getCell(c);
          cell.value = null;
          cell.style = {};
        }
        for (const [to, s] of taken) {
          const cell = row.getCell(to + 1);
          cell.value = s.value;
          cell.style = s.style;
        }
      });
      // The sheet's lists pointed at the old columns: replaced by the template's (below).
      listsDropped += Object.values(dv(ws).model).filter((v) => v !== undefined).length;
      dv(ws).model = {};
    }
    for (const p of r.columns)
      if (p.how === 'renamed' || p.how === 'added') writeCell(ws.getCell(1, p.to + 1), p.header);
    r.columnWidths.forEach((w, i) => {
      ws.getColumn(i + 1).width = w;
    });
    applyFormats(ws, r.formats);
    addValidations(ws, r.validations);
  }
  // Formulas the study's own sheets hold that point into a re-laid-out sheet: moved, not rewritten.
  const movedSheets = plan.relayouts.filter((r) => r.moved).map((r) => r.sheet);
  const generated = new Set(plan.replaceSheets.map((r) => r.sheet));
  const pointing: string[] = [];
  if (movedSheets.length > 0)
    wb.eachSheet((ws) => {
      if (generated.has(ws.name)) return;
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const f = (cell.value as { formula?: unknown } | null)?.formula;
          if (typeof f !== 'string') return;
          const refers = movedSheets.some(
            (m) => m === ws.name || f.includes(`${m}!`) || f.includes(`'${m.replace(/'/g, "''")}'!`),
          );
          if (refers) pointing.push(`${ws.name}!${cell.address}`);
        }),
      );
    });
  if (pointing.length > 0)
    out.push(
      `Check ${pointing.length} formula${pointing.length === 1 ? '' : 's'} of your own that refer${pointing.length === 1 ? 's' : ''} to a sheet whose columns moved (${pointing.slice(0, 3).join(', ')}${pointing.length > 3 ? ', …' : ''}): ${pointing.length === 1 ? 'it is' : 'they are'} kept as written, not rewritten.`,
    );
  if (listsDropped > 0)
    out.push(
      "Drop-down lists of the re-laid-out sheets are the new version's; a list you added to a column outside the template is not carried (add it again).",
    );

  const order = wb.worksheets.map((w) => w.name);
  for (const r of plan.replaceSheets) {
    const old = sheet(r.sheet);
    wb.removeWorksheet(old.id);
    addRenderedSheet(wb, r.with);
  }
  for (const a of plan.addSheets) {
    addRenderedSheet(wb, a.sheet);
    const at = a.after === null ? 0 : order.indexOf(a.after) + 1;
    order.splice(at, 0, a.sheet.name);
  }
  // Sheets in the workbook's order with the new ones after their neighbours (exceljs writes by orderNo).
  order.forEach((name, i) => {
    const ws = wb.getWorksheet(name);
    if (ws) (ws as unknown as { orderNo: number }).orderNo = i;
  });
  for (const w of plan.writes) writeCell(sheet(w.sheet).getCell(w.row, w.col + 1), w.value as CellValue);
  return out;
}
