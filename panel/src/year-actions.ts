/**
 * The Template tab's year actions (issue 14 §1, §2): "Start next year's study" and "Upgrade to
 * template version N". Core plans both (core/src/yoy/rollforward.ts, core/src/templates/upgrade.ts)
 * from one fresh read of the workbook; this file shows the plan's lines as a preview, turns the
 * plan into blocks of values (`WorkbookEdit`) and, on Confirm, hands them to the host
 * (`applyWorkbookEdit`). No DOM: views/year.ts renders from `state`.
 *
 * Neither host can copy the open workbook here — Office.js has no "save a copy", and the Sheets
 * add-on's scope (spreadsheets.currentonly) cannot create a spreadsheet — so the open workbook is
 * what changes, and Confirm waits until the user says a copy was saved first.
 */
import type { CellValue } from '@core/cells';
import type { WorkbookGrids } from '@core/study';
// The planners (core's upgrade and roll forward) load on the first preview (panel/src/lazy.ts).
import { BUILTIN_TEMPLATES } from '@core/templates/builtin';
import type { FirmTemplate } from '@core/templates/types';
import type { TemplateUpgradePlan } from '@core/templates/upgrade';
import { compareTemplateVersions } from '@core/templates/versions';
import type { RollForwardPlan } from '@core/yoy/rollforward';
import { describeError, listWords, plural, type PanelController, type PanelState } from './controller';
import { lazyFailure, loadTemplates, type TemplatesPart } from './lazy';
import type { EditBlock, PanelHost, RenderedSheet, WorkbookEdit, WorkbookEditResult } from './host';

export type YearAction = 'roll' | 'upgrade';

/** A preview waiting for Confirm, or what the action last did. */
export interface YearStage {
  /** The plan's lines (core's rollForwardLines / templateUpgradeLines) while it waits for Confirm. */
  readonly preview: readonly string[] | undefined;
  /** What the action last did or why it could not ('' for nothing). */
  readonly result: string;
}

export interface YearState {
  readonly roll: YearStage;
  readonly upgrade: YearStage;
  readonly keepAmounts: boolean;
  /** The user ticked "I saved a copy": Confirm is enabled only then. */
  readonly savedCopy: boolean;
  readonly busy: boolean;
}

/** The template a study can be upgraded to: the firm template loaded, or a newer built-in. */
export interface UpgradeTarget {
  readonly template: FirmTemplate;
  readonly from: string;
  readonly firm: boolean;
}

/** The sentence above "I saved a copy", by host. */
export function copyFirst(kind: PanelHost['kind']): string {
  if (kind === 'sheets')
    return 'This changes the open spreadsheet. Make a copy under next year’s name first (File › Make a copy), then confirm.';
  if (kind === 'excel')
    return 'This changes the open workbook. Save a copy under next year’s name first (File › Save a Copy), then confirm.';
  return 'This changes the open workbook. Save a copy under next year’s name first, then confirm.';
}

/** The template the study in `state` is behind, when the panel has a newer version of it. */
export function upgradeTarget(state: PanelState): UpgradeTarget | undefined {
  const about = state.about;
  if (!about?.template) return undefined;
  const id = about.template.trim().toLowerCase();
  const firm = state.firm?.template;
  const t =
    firm && firm.id.toLowerCase() === id
      ? firm
      : Object.values(BUILTIN_TEMPLATES).find((b) => b.id.toLowerCase() === id);
  if (!t) return undefined;
  // A study with no version recorded is behind any version; otherwise only an older one is.
  const behind = about.version === '' || compareTemplateVersions(about.version, t.version) === -1;
  return behind ? { template: t, from: about.version, firm: t === firm } : undefined;
}

/** Consecutive cells of one column as one block each (core's writes are one cell each). */
function columnBlocks(
  writes: readonly { readonly sheet: string; readonly row: number; readonly col: number; readonly value: CellValue }[],
): EditBlock[] {
  const sorted = [...writes].sort((a, b) =>
    a.sheet !== b.sheet ? (a.sheet < b.sheet ? -1 : 1) : a.col !== b.col ? a.col - b.col : a.row - b.row,
  );
  const out: { sheet: string; row: number; col: number; values: CellValue[][]; formulas: 'skip' }[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last && last.sheet === w.sheet && last.col === w.col && last.row + last.values.length === w.row)
      last.values.push([w.value]);
    else out.push({ sheet: w.sheet, row: w.row, col: w.col, values: [[w.value]], formulas: 'skip' });
  }
  return out;
}

/** A roll-forward plan as blocks: Prior Years added first when missing, then the writes (formulas kept). */
export function rollForwardEdit(plan: RollForwardPlan): WorkbookEdit {
  return {
    addSheets: plan.addSheets.map((a) => ({ name: a.name, values: [[...a.header]] })),
    blocks: columnBlocks(plan.writes),
  };
}

/**
 * An upgrade plan as blocks: a sheet whose columns move is written whole (every row, wide enough
 * to empty the old places) and refused by the host if it holds a formula; a sheet that only gains
 * or renames columns gets those header cells; then the plan's writes (About version, roles).
 * `after`: the grids with the plan applied (core's applyUpgradeToGrids).
 */
export function upgradeEdit(grids: WorkbookGrids, plan: TemplateUpgradePlan, after: WorkbookGrids): WorkbookEdit {
  const gridOf = (wb: WorkbookGrids, name: string) => wb.sheets.find((s) => s.name === name)?.values ?? [];
  const blocks: EditBlock[] = [];
  const whole = new Set<string>();
  for (const r of plan.relayouts) {
    if (r.moved) {
      const before = gridOf(grids, r.sheet);
      const next = gridOf(after, r.sheet);
      const rows = Math.max(before.length, next.length);
      const width = Math.max(0, ...before.map((x) => x.length), ...next.map((x) => x.length));
      const values = Array.from({ length: rows }, (_, i) =>
        Array.from({ length: width }, (_, c) => next[i]?.[c] ?? null),
      );
      blocks.push({ sheet: r.sheet, row: 1, col: 0, values, formulas: 'refuse', wholeSheet: true });
      whole.add(r.sheet);
    } else
      for (const p of r.columns)
        if (p.how === 'renamed' || p.how === 'added')
          blocks.push({ sheet: r.sheet, row: 1, col: p.to, values: [[p.header]], formulas: 'skip' });
  }
  const writes = plan.writes.filter((w) => !whole.has(w.sheet));
  return {
    addSheets: plan.addSheets.map((a) => a.sheet as RenderedSheet),
    blocks: [...blocks, ...columnBlocks(writes)],
  };
}

/** What the host did, as the sentence under the action. */
export function editSentence(done: WorkbookEditResult, what: string): string {
  const parts = [`${what}: wrote ${plural(done.written, 'cell', 'cells')}`];
  if (done.added.length > 0) parts[0] += ` and added ${listWords(done.added)}`;
  parts[0] += '.';
  if (done.formulasKept.length > 0)
    parts.push(
      `Kept ${plural(done.formulasKept.length, 'formula cell', 'formula cells')} as they were (${listWords(done.formulasKept, 5)}): a formula is the workbook’s, not the year’s data.`,
    );
  for (const r of done.refused)
    parts.push(
      r.why === 'formula'
        ? `${r.sheet} was not re-laid out: ${r.cell} holds a formula the move would break, so the sheet is as it was; upgrade it with rdtax template upgrade (the CLI moves formulas with their columns).`
        : `${r.sheet} was not re-laid out: it holds cells the panel did not read (it reaches ${r.cell}), so the sheet is as it was; press Validate and upgrade again, or use rdtax template upgrade.`,
    );
  if (done.note) parts.push(done.note);
  return parts.join(' ');
}

export interface YearActions {
  readonly state: YearState;
  subscribe(listener: (s: YearState) => void): () => void;
  setKeepAmounts(keep: boolean): void;
  setSavedCopy(saved: boolean): void;
  /** Read the workbook, plan, and show the preview (nothing is written). */
  preview(action: YearAction): Promise<void>;
  /** Carry out the previewed plan (only with "I saved a copy" ticked), then validate again. */
  confirm(action: YearAction): Promise<void>;
  cancel(action: YearAction): void;
}

const EMPTY: YearStage = { preview: undefined, result: '' };

export function createYearActions(controller: PanelController, formulaHost?: 'excel' | 'sheets'): YearActions {
  const host = controller.host;
  const listeners: ((s: YearState) => void)[] = [];
  let state: YearState = { roll: EMPTY, upgrade: EMPTY, keepAmounts: false, savedCopy: false, busy: false };
  const planned: { roll?: WorkbookEdit; upgrade?: { edit: WorkbookEdit; to: string; notes: string[] } } = {};
  const set = (patch: Partial<YearState>) => {
    state = { ...state, ...patch };
    for (const l of [...listeners]) l(state);
  };
  const stage = (action: YearAction, s: YearStage) => set({ [action]: s } as Partial<YearState>);

  async function read(action: YearAction): Promise<WorkbookGrids | undefined> {
    try {
      return await host.readWorkbook();
    } catch (e) {
      stage(action, { preview: undefined, result: `Reading the workbook did not work: ${describeError(e)}` });
      return undefined;
    }
  }

  /** The planners, loaded on first use; undefined (and the sentence shown) when they could not be. */
  async function planners(action: YearAction): Promise<TemplatesPart | undefined> {
    try {
      return await loadTemplates();
    } catch (e) {
      stage(action, { preview: undefined, result: lazyFailure('the template code', e) });
      return undefined;
    }
  }

  async function previewRoll(): Promise<void> {
    const part = await planners('roll');
    if (!part) return;
    const { planRollForward, rollForwardLines } = part;
    const grids = await read('roll');
    if (!grids) return;
    const r = planRollForward(grids, { keepAmounts: state.keepAmounts });
    if (!r.ok) return stage('roll', { preview: undefined, result: r.message });
    planned.roll = rollForwardEdit(r.plan);
    stage('roll', { preview: rollForwardLines(r.plan), result: '' });
  }

  async function previewUpgrade(): Promise<void> {
    const target = upgradeTarget(controller.state);
    if (!target)
      return stage('upgrade', {
        preview: undefined,
        result: 'There is no newer version of the study’s template here: press Validate, or load the firm template.',
      });
    const part = await planners('upgrade');
    if (!part) return;
    const { planTemplateUpgrade, templateUpgradeLines, applyUpgradeToGrids } = part;
    const grids = await read('upgrade');
    if (!grids) return;
    const r = planTemplateUpgrade(grids, target.template, {
      host: formulaHost ?? (host.kind === 'sheets' ? 'sheets' : 'excel'),
    });
    if (!r.ok) return stage('upgrade', { preview: undefined, result: r.message });
    const notes: string[] = [];
    if (r.plan.replaceSheets.length > 0)
      notes.push(
        `${listWords(r.plan.replaceSheets.map((s) => s.sheet))} keep${r.plan.replaceSheets.length === 1 ? 's' : ''} its formulas here; rdtax template upgrade replaces ${r.plan.replaceSheets.length === 1 ? 'it' : 'them'} with version ${r.plan.toVersion}’s.`,
      );
    if (r.plan.relayouts.some((x) => x.validations.length > 0 || x.formats.length > 0))
      notes.push(
        'Drop-down lists and number formats of the existing sheets are left as they are here; rdtax template upgrade replaces them with the new version’s.',
      );
    planned.upgrade = {
      edit: upgradeEdit(grids, r.plan, applyUpgradeToGrids(grids, r.plan)),
      to: r.plan.toVersion,
      notes,
    };
    stage('upgrade', { preview: [...templateUpgradeLines(r.plan), ...notes.map((n) => `Note: ${n}`)], result: '' });
  }

  async function confirm(action: YearAction): Promise<void> {
    const edit = action === 'roll' ? planned.roll : planned.upgrade?.edit;
    if (!edit || !state[action].preview) return;
    if (!state.savedCopy) {
      stage(action, { ...state[action], result: 'Tick “I saved a copy” first: this changes the open workbook.' });
      return;
    }
    const apply = host.applyWorkbookEdit;
    if (!apply) {
      stage(action, {
        preview: undefined,
        result: 'This spreadsheet cannot be changed from the panel; use the rdtax command.',
      });
      return;
    }
    let done: WorkbookEditResult;
    try {
      done = await apply.call(host, edit);
    } catch (e) {
      stage(action, { ...state[action], result: `Changing the workbook did not work: ${describeError(e)}` });
      return;
    }
    const what =
      action === 'roll' ? 'Started next year’s study' : `Upgraded to template version ${planned.upgrade?.to ?? ''}`;
    const notes = action === 'upgrade' ? (planned.upgrade?.notes ?? []) : [];
    delete planned[action];
    set({ savedCopy: false });
    stage(action, { preview: undefined, result: [editSentence(done, what), ...notes].join(' ') });
    await controller.validate();
  }

  async function run(action: YearAction, go: () => Promise<void>): Promise<void> {
    if (state.busy) return;
    set({ busy: true });
    try {
      await go();
    } catch (e) {
      stage(action, { preview: undefined, result: `Something went wrong in the panel: ${describeError(e)}` });
    } finally {
      set({ busy: false });
    }
  }

  return {
    get state() {
      return state;
    },
    subscribe(listener) {
      listeners.push(listener);
      return () => {
        const i = listeners.indexOf(listener);
        if (i >= 0) listeners.splice(i, 1);
      };
    },
    setKeepAmounts: (keep) => {
      // A preview made with the other choice is no longer what Confirm would do.
      delete planned.roll;
      set({ keepAmounts: keep, roll: EMPTY });
    },
    setSavedCopy: (saved) => set({ savedCopy: saved }),
    preview: (action) => run(action, action === 'roll' ? previewRoll : previewUpgrade),
    confirm: (action) => run(action, () => confirm(action)),
    cancel: (action) => {
      delete planned[action];
      stage(action, EMPTY);
    },
  };
}
