/**
 * The panel's controller: its state (findings, the study's About box, the firm template, the
 * highlight toggle, busy flags, the status and problem lines, Form 6765 as computed and which of
 * its sections are open) and its actions (validate, select a finding's or a form line's cell,
 * toggle highlighting, insert a template, load a firm template, add short names, show the
 * findings or the form, open and close a form section).
 * No DOM: views (./views/*) render from `state` after each change and call these actions, so a
 * new view (a Form view, filters) is a new file, not a longer mountPanel.
 *
 * It never computes a tax number itself (the core validator and core's computeStudy do, from
 * the one read of the workbook Validate makes) and never calls a host API (the
 * `PanelHost` does). Every host call is awaited inside `attempt`, so a failing or hanging host
 * becomes a sentence and the busy flag comes back down; nothing in the workbook changes unless
 * the user asked for it.
 */
import type { CellValue } from '@core/cells';
import type { ComputeResult, StateSection } from '@core/compute';
import type { Form6765Result, SectionId } from '@core/form6765';
import { planMarks, type UnmarkedReason } from '@core/plans/mark-plan';
import {
  readStudy,
  reviewWorkbook,
  sameTemplateVersion,
  type Finding,
  type Study,
  type ValidateOptions,
  type WaivedFinding,
  type WorkbookGrids,
} from '@core/study';
// Deep imports of the small template modules Validate needs; render and parse load on demand.
import { BUILTIN_TEMPLATES } from '@core/templates/builtin';
import { validateOptionsFor } from '@core/templates/options';
import type { FirmTemplate } from '@core/templates/types';
import { parseCellRef } from './a1';
import { lazyFailure, loadCompute, loadTemplates, type TemplatesPart } from './lazy';
import { createFindingActions, type FindingAct, type ReportDownload, type ReportKind } from './finding-actions';
import type { ClearMarksResult, PanelHost, ReenterReport, RenderedSheet } from './host';
import { bounded } from './text';

/** Largest firm template file read (a template is a few KB). */
export const MAX_TEMPLATE_BYTES = 2_000_000;

const STUDY_TABLE_NAMES = 'Employees, Contractors, Supplies, Components or Prior Years';

export interface AboutInfo {
  readonly template: string;
  readonly version: string;
  readonly taxYear: string;
  readonly profile: string;
}

/** A sentence, and the items it lists (cells, template errors). */
export interface Problem {
  readonly text: string;
  readonly items: readonly string[];
}

export interface LoadedTemplate {
  readonly template: FirmTemplate;
  readonly file: string;
}

export type BusyAction = 'validate' | 'highlight' | 'insert' | 'shortNames' | 'formulas' | 'act';

/** Which of the panel's views shows: the findings, Form 6765 or the template. */
export type PanelView = 'findings' | 'form' | 'template';

/** An action whose result is shown next to its button: a busy action, or selecting a cell. */
export type ActionId = BusyAction | 'select';

/** What an action last did, shown next to its button; `working` while it runs ("Reading…"). */
export interface ActionResult {
  readonly text: string;
  /** `problem`: the action did not work; the sentence says why (shown under its button, not at the top). */
  readonly kind: 'working' | 'done' | 'problem';
}

/** Form 6765 as computed from the last read of the workbook. */
export type FormState =
  | {
      readonly kind: 'computed';
      readonly form: Form6765Result;
      /** Where the tax year came from (`About!C2`). */
      readonly taxYearSource: string;
      /** QREs and credits by state (shown under the form when a row names a state). */
      readonly states?: StateSection;
    }
  /** Nothing to show, and why (no tax year, no study tables, the engine stopped): one sentence. */
  | { readonly kind: 'unavailable'; readonly message: string };

/** Sections open when the form is first shown: line 28's credit (Section C) and the QREs (Section F). */
export const FORM_SECTIONS_OPEN_FIRST: Readonly<Record<SectionId, boolean>> = {
  items: false,
  A: false,
  B: false,
  C: true,
  D: false,
  E: false,
  F: true,
  G: false,
};

export interface PanelState {
  /** The workbook has been read as a study at least once. */
  readonly studyRead: boolean;
  /** The last read workbook had no cell with anything in it. */
  readonly empty: boolean;
  readonly about: AboutInfo | undefined;
  /** The findings listed; a new array whenever the list is replaced. */
  readonly findings: readonly Finding[];
  /** The findings a reviewer waived (Waivers sheet), as the last Validate applied them; not counted. */
  readonly waived: readonly WaivedFinding[];
  /** What the last Fix, Undo or Waive did (shown with the findings), and how to undo a fix. */
  readonly act: FindingAct | undefined;
  /** The findings were counted (false: nothing read yet, or the workbook is empty or has no study tables). */
  readonly counted: boolean;
  /** Notices above the findings (empty workbook, no study tables, missing columns). */
  readonly lead: readonly string[];
  /** The finding the user last selected. */
  readonly selected: Finding | undefined;
  readonly highlight: boolean;
  /** The template-choice value: `builtin:<id>` or `firm`. */
  readonly choice: string;
  readonly firm: LoadedTemplate | undefined;
  readonly templateProblem: Problem | undefined;
  readonly templateNote: string;
  /** The last sentence said by any action. */
  readonly status: string;
  /** What each action last said, shown next to its button by the view that owns it ('' for nothing). */
  readonly results: Readonly<Partial<Record<ActionId, ActionResult>>>;
  readonly problem: Problem | undefined;
  readonly busy: Readonly<Record<BusyAction, boolean>>;
  /** The view shown under the buttons. */
  readonly view: PanelView;
  /** Form 6765 from the last read; undefined until the form is asked for after a read. */
  readonly form: FormState | undefined;
  /** Which form sections are expanded. */
  readonly formOpen: Readonly<Record<SectionId, boolean>>;
  /** The form cell the user last went to (`About!H2`), with the line it belongs to. */
  readonly formSelected: FormTarget | undefined;
  /** What re-entering study formulas (Excel: #NAME?) last did, shown next to its button; '' for nothing to say. */
  readonly formulasNote: string;
}

/** A cell a form line (or a Section G component) points at, and which line or component. */
export interface FormTarget {
  /** The line number (`28`, `33a`) or `G:<component name>`. */
  readonly line: string;
  readonly cell: string;
}

/** A firm template file as the view hands it over: its name, size and a way to read it. */
export interface TemplateFile {
  readonly name: string;
  readonly size: number;
  text(): Promise<string>;
}

export interface ControllerOptions {
  /** Spelling of formulas in inserted templates. Default: `sheets` for a Sheets host, else `excel`. */
  readonly formulaHost?: 'excel' | 'sheets';
  /** A host call that has not answered after this long becomes a sentence. Default 120 000 ms. */
  readonly hostTimeoutMs?: number;
  /**
   * How the form is computed from the grids Validate read. Default: core's computeStudy, loaded
   * when the form is first shown (panel/src/lazy.ts); tests pass a stand-in.
   */
  readonly compute?: (wb: WorkbookGrids) => ComputeResult;
  /** The clock for a waiver's date and the report's time. Default: now. */
  readonly now?: () => Date;
}

export interface PanelController {
  readonly state: PanelState;
  readonly host: PanelHost;
  /** Be told after every change of state; returns the unsubscribe. */
  subscribe(listener: (state: PanelState) => void): () => void;
  /** Read the workbook and validate it (resolves when the findings are in state; never rejects). */
  validate(): Promise<void>;
  select(finding: Finding): Promise<void>;
  toggleHighlight(): Promise<void>;
  choose(choice: string): void;
  insertTemplate(): Promise<void>;
  loadTemplateFile(file: TemplateFile): Promise<void>;
  addShortNames(): Promise<void>;
  /**
   * Re-enter the study formulas the host finds stuck at #NAME? (Excel). `onOpen`: the pane's own
   * look when it opens, which says nothing when there was nothing to do.
   */
  reenterFormulas(onOpen?: boolean): Promise<void>;
  /**
   * Show the findings or Form 6765. Showing the form computes it from the grids the last
   * Validate read; before any read it validates first (one read serves both).
   */
  showView(view: PanelView): Promise<void>;
  /** Compute Form 6765 again from the grids the last Validate read (reading first if none was). */
  computeForm(): Promise<void>;
  /** Expand or collapse a form section. */
  toggleSection(id: SectionId): void;
  /** Select the cell a form line points at (the way a finding's cell is selected). */
  selectFormCell(target: FormTarget): Promise<void>;
  /** Fix: write the value the finding's message computes to its cell (guarded), then validate again. */
  fix(finding: Finding): Promise<void>;
  /** Undo the last fix: put back what the cell held (guarded), then validate again. */
  undo(): Promise<void>;
  /** Waive a finding with a reason (a row of the Waivers sheet), then validate again. */
  waive(finding: Finding, reason: string, reviewer?: string): Promise<void>;
  /** Remove a finding's waiver (empty its Waivers row, guarded), then validate again. */
  unwaive(finding: WaivedFinding): Promise<void>;
  /** The findings report of the last Validate (core's report.ts, as `rdtax check --report`). */
  report(kind: ReportKind): ReportDownload;
  /** Stop: no more changes of state are announced, and a validation under way stops after its read. */
  dispose(): void;
}

class HostTimeout extends Error {}

/** A host error's message as one sentence, whatever realm or shape the error came from. */
export function describeError(e: unknown): string {
  let m = '';
  if (e !== null && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string')
    m = (e as { message: string }).message;
  else if (typeof e === 'string') m = e;
  m = m.replace(/\s+/g, ' ').trim();
  if (m === '') return 'the spreadsheet gave no reason.';
  if (m.length > 300) m = `${m.slice(0, 300)}…`;
  return /[.!?…]$/.test(m) ? m : `${m}.`;
}

/** How a cell value reads in the panel. */
function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Object.prototype.toString.call(v) === '[object Date]') return (v as Date).toISOString().slice(0, 10);
  const code = (v as { errorCode?: unknown }).errorCode;
  return typeof code === 'string' ? code : '';
}

/** A host's one-sentence note on a result (what an older Excel left out), with its leading space; '' if none. */
function noteOf(result: unknown): string {
  const note = result !== null && typeof result === 'object' ? (result as { note?: unknown }).note : undefined;
  return typeof note === 'string' && note.trim() !== '' ? ` ${bounded(note.trim(), 400)}` : '';
}

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "a, b and c"; past `most` items, "a, b, … and 12 more". Each item is bounded. */
export function listWords(xs: readonly string[], most = 10): string {
  const items = xs.slice(0, most).map((x) => bounded(x, 100));
  if (xs.length > most) return `${items.join(', ')} and ${(xs.length - most).toLocaleString('en-US')} more`;
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "14 on Summary and 3 on Form 6765". */
function countsOnSheets(xs: readonly { readonly sheet: string; readonly count: number }[]): string {
  return listWords(
    xs.map((x) => `${x.count.toLocaleString('en-US')} on ${x.sheet}`),
    xs.length,
  );
}

/** What re-entering did, as the sentence next to its button ('' when quiet and there was nothing to do). */
export function reenterSentence(report: ReenterReport, quiet: boolean): string {
  const done = report.reentered.filter((x) => x.count > 0);
  const total = done.reduce((n, x) => n + x.count, 0);
  const parts: string[] = [];
  if (total > 0) {
    const where =
      done.length === 1
        ? `${plural(total, 'formula', 'formulas')} on ${done[0]?.sheet ?? ''}`
        : `${plural(total, 'formula', 'formulas')} (${countsOnSheets(done)})`;
    parts.push(
      `Re-entered ${where} that showed #NAME? so Excel recalculates ${total === 1 ? 'it' : 'them'}; nothing else in the workbook was changed.`,
    );
  }
  for (const f of report.failed) {
    parts.push(
      `Could not re-enter ${plural(f.count, 'formula', 'formulas')} on ${f.sheet}: ${describeError(f.reason)} If the sheet is protected, unprotect it and press Re-enter formulas.`,
    );
  }
  if (report.note) parts.push(report.note);
  if (parts.length === 0 && !quiet)
    parts.push('No study formula shows #NAME?, so nothing was re-entered and nothing in the workbook was changed.');
  return parts.join(' ');
}

function isEmptyWorkbook(wb: WorkbookGrids): boolean {
  return wb.sheets.every(
    (s) =>
      !Array.isArray(s.values) || s.values.every((row) => !Array.isArray(row) || row.every((c) => cellText(c) === '')),
  );
}

function hasStudyTables(study: Study): boolean {
  return Boolean(study.employees || study.contractors || study.supplies || study.components || study.priorYears);
}

function aboutOf(study: Study): AboutInfo | undefined {
  const a = study.about;
  if (!a) return undefined;
  const f = (k: 'template' | 'version' | 'taxYear' | 'profile') => bounded(cellText(a.fields[k]?.value));
  return { template: f('template'), version: f('version'), taxYear: f('taxYear'), profile: f('profile') };
}

/** A workbook as the host gave it, checked enough for the panel to count sheets safely. */
function workbookOf(raw: unknown): WorkbookGrids {
  const sheets: unknown = raw !== null && typeof raw === 'object' ? (raw as { sheets?: unknown }).sheets : undefined;
  if (!Array.isArray(sheets)) return { sheets: [] };
  return {
    sheets: sheets
      .filter((s): s is { name: unknown; values: unknown } => s !== null && typeof s === 'object')
      .map((s) => ({ name: String(s.name ?? ''), values: Array.isArray(s.values) ? (s.values as CellValue[][]) : [] })),
  };
}

/** The template the study names, among the built-ins and the firm template loaded. */
export function templateById(state: PanelState, id: string): FirmTemplate | undefined {
  const key = id.trim().toLowerCase();
  if (key === '') return undefined;
  if (state.firm && state.firm.template.id.toLowerCase() === key) return state.firm.template;
  return Object.values(BUILTIN_TEMPLATES).find((t) => t.id.toLowerCase() === key);
}

export interface Drift {
  readonly template: string;
  readonly studyVersion: string;
  readonly templateVersion: string;
  /** The newer version is the firm template the user loaded, not a built-in. */
  readonly firm: boolean;
}

/** The study was made from another version of the template it names than the one at hand. */
export function driftOf(state: PanelState): Drift | undefined {
  const about = state.about;
  if (!about?.template || !about.version) return undefined;
  const t = templateById(state, about.template);
  if (!t || sameTemplateVersion(about.version, t.version)) return undefined;
  return {
    template: about.template,
    studyVersion: about.version,
    templateVersion: t.version,
    firm: state.firm?.template === t,
  };
}

const UNMARKED_WHY: Readonly<Record<UnmarkedReason, (limit: number) => string>> = {
  limit: (limit) => `the panel marks at most ${limit.toLocaleString('en-US')} cells at a time`,
  'no-sheet': () => 'their sheet is not in the workbook',
  'not-a-cell': () => 'they name no single cell',
};

/**
 * Why findings were left unmarked, from core's mark plan (the host's count is the truth; the
 * plan names the reasons the host had).
 */
function whyNotMarked(host: PanelHost, findings: readonly Finding[], sheets: readonly string[]): string {
  const plan = planMarks(findings, host.kind === 'sheets' ? 'sheets' : 'excel', { sheets });
  const reasons = [...new Set(plan.unmarked.map((u) => u.reason))];
  if (reasons.length === 0) return 'the spreadsheet did not mark their cells';
  return reasons.map((r) => UNMARKED_WHY[r](plan.limit)).join('; ');
}

export function initialState(): PanelState {
  const first = Object.values(BUILTIN_TEMPLATES)[0];
  return {
    studyRead: false,
    empty: false,
    about: undefined,
    findings: [],
    waived: [],
    act: undefined,
    counted: false,
    lead: [],
    selected: undefined,
    highlight: false,
    choice: first ? `builtin:${first.id}` : '',
    firm: undefined,
    templateProblem: undefined,
    templateNote: '',
    status: '',
    results: {},
    problem: undefined,
    busy: { validate: false, highlight: false, insert: false, shortNames: false, formulas: false, act: false },
    view: 'findings',
    form: undefined,
    formOpen: FORM_SECTIONS_OPEN_FIRST,
    formSelected: undefined,
    formulasNote: '',
  };
}

/** The message when the engine at hand returns no Form 6765 (a computation without the form). */
export const FORM_NOT_COMPUTED =
  'This version of the engine computes Section F and the credits but not Form 6765 line by line.';

/** What the Form 6765 tab says while the computation's code loads (the first time only). */
export const FORM_LOADING = 'Loading Form 6765…';

/** Form 6765 from the grids, or the one sentence that says why there is none. */
export function formStateOf(wb: WorkbookGrids, compute: (wb: WorkbookGrids) => ComputeResult, why?: string): FormState {
  if (why !== undefined) return { kind: 'unavailable', message: why };
  let result: ComputeResult;
  try {
    result = compute(wb);
  } catch (e) {
    return { kind: 'unavailable', message: `Form 6765 could not be computed: ${describeError(e)}` };
  }
  if (!result.ok) return { kind: 'unavailable', message: result.message };
  const form = result.computation.form6765;
  if (!form) return { kind: 'unavailable', message: FORM_NOT_COMPUTED };
  const states = result.computation.states as StateSection | undefined;
  return { kind: 'computed', form, taxYearSource: result.computation.taxYearSource, ...(states ? { states } : {}) };
}

export function createController(host: PanelHost, options: ControllerOptions = {}): PanelController {
  const timeoutMs = Math.max(1, options.hostTimeoutMs ?? 120_000);
  const formulaHost = options.formulaHost ?? (host.kind === 'sheets' ? 'sheets' : 'excel');
  const listeners: ((state: PanelState) => void)[] = [];
  let live = true;
  const given = options.compute;
  /** The computation: the stand-in, or core's once its chunk is loaded. */
  let compute: ((wb: WorkbookGrids) => ComputeResult) | undefined = given;
  let state = initialState();
  let sheetsPresent = new Set<string>();
  let templatesLoaded = false;
  /** The grids the last Validate read, kept for the form (never read twice). */
  let lastRead: { readonly wb: WorkbookGrids; readonly why: string | undefined } | undefined;

  function set(patch: Partial<PanelState>): void {
    if (!live) return;
    state = { ...state, ...patch };
    for (const l of [...listeners]) l(state);
  }
  /** `text` as what `action` last did and as the last sentence said. */
  const sayFor = (action: ActionId, text: string): Pick<PanelState, 'status' | 'results'> => ({
    status: text,
    results: { ...state.results, [action]: { text, kind: text.endsWith('…') ? 'working' : 'done' } },
  });
  const say = (status: string, action?: ActionId) => set(action ? sayFor(action, status) : { status });
  /** An `attempt` failure shown under `action`'s button, where the user pressed. */
  const failAt =
    (action: ActionId) =>
    (sentence: string): void =>
      set({ status: sentence, results: { ...state.results, [action]: { text: sentence, kind: 'problem' } } });
  const showProblem = (text: string | undefined, items: readonly string[] = []) =>
    set({ problem: text === undefined ? undefined : { text, items } });

  /**
   * Run a host call; on failure or timeout say so in one sentence and return undefined.
   * The host's own message is shown as text.
   */
  async function attempt<T>(
    what: string,
    call: () => Promise<T>,
    fail: (sentence: string) => void = (sentence) => showProblem(sentence),
  ): Promise<{ value: T } | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new HostTimeout()), timeoutMs);
      });
      const value = await Promise.race([Promise.resolve().then(call), timeout]);
      return { value };
    } catch (e) {
      fail(
        e instanceof HostTimeout
          ? `${what} took longer than ${Math.round(timeoutMs / 1000)} seconds, so the panel stopped waiting; try again, or close and reopen the panel.`
          : `${what} did not work: ${describeError(e)}`,
      );
      return undefined;
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }

  /** Mark an action busy while it runs (a second press meanwhile does nothing); always cleared. */
  async function busy(key: BusyAction, run: () => Promise<void>): Promise<void> {
    if (state.busy[key]) return;
    set({ busy: { ...state.busy, [key]: true } });
    try {
      await run();
    } catch (e) {
      // A defect in the panel itself still ends as a sentence, not a stuck button.
      showProblem(`Something went wrong in the panel: ${describeError(e)}`);
    } finally {
      set({ busy: { ...state.busy, [key]: false } });
    }
  }

  const markable = () => state.findings.filter((f) => sheetsPresent.has(f.sheet));

  /** "Marked the cells of …", and how many were not highlighted and why. */
  function markedSentence(cells: readonly Finding[], notMarked: number): string {
    const missed = Math.min(Math.max(0, Math.floor(notMarked)), cells.length);
    const done = `Marked the cells of ${plural(cells.length - missed, 'finding', 'findings')}`;
    const again = 'press Highlight cells again to remove the marks.';
    if (missed === 0) return `${done}; ${again}`;
    return `${done}; ${plural(missed, 'finding', 'findings')} not highlighted (${whyNotMarked(host, cells, [...sheetsPresent])}); ${again}`;
  }

  /**
   * After the host removed the marks: true when every mark was found and put back; otherwise
   * the cells it could not find are listed (their fill was not restored), never glossed over.
   */
  function reportCleared(result: ClearMarksResult | void): boolean {
    const lost = result ? result.notFound : [];
    if (lost.length === 0) return true;
    const shown = lost.slice(0, 20).map((c) => bounded(c, 120));
    if (lost.length > shown.length) shown.push(`and ${(lost.length - shown.length).toLocaleString('en-US')} more`);
    showProblem(
      `Removed the panel’s marks, but ${plural(lost.length, 'marked cell', 'marked cells')} could not be found, so ${lost.length === 1 ? 'its' : 'their'} own fill was not put back; check ${lost.length === 1 ? 'it' : 'them'} by hand:`,
      shown,
    );
    return false;
  }

  async function applyMarks(): Promise<void> {
    const cleared = await attempt('Removing the old marks', () => host.clearMarks(), failAt('highlight'));
    if (!cleared) return;
    reportCleared(cleared.value);
    const cells = markable();
    if (cells.length === 0) return;
    const marked = await attempt('Marking the cells', () => host.markCells(cells), failAt('highlight'));
    if (!marked) return;
    const text = `${markedSentence(cells, marked.value?.notMarked ?? 0)}${noteOf(marked.value)}`;
    say(`${state.status} ${text}`.trim());
    set({ results: sayFor('highlight', text).results });
  }

  async function runValidate(): Promise<void> {
    showProblem(undefined);
    say('Reading the workbook…', 'validate');
    const read = await attempt('Reading the workbook', () => host.readWorkbook());
    if (!read || !live) {
      say('', 'validate');
      return;
    }
    const wb = workbookOf(read.value);
    sheetsPresent = new Set(wb.sheets.map((s) => s.name));
    let study: Study;
    try {
      study = readStudy(wb);
    } catch (e) {
      showProblem(`The workbook could not be read as a study: ${describeError(e)}`);
      say('', 'validate');
      return;
    }
    const read1 = {
      studyRead: true,
      waived: [],
      about: aboutOf(study),
      selected: undefined,
      empty: false,
      ...sayFor('validate', ''),
      form: undefined,
      formSelected: undefined,
    };

    if (isEmptyWorkbook(wb)) {
      lastRead = {
        wb,
        why: 'This workbook is empty, so there is no Form 6765 to compute: insert a template from the Template tab and fill it in.',
      };
      set({
        ...read1,
        empty: true,
        findings: [],
        counted: false,
        lead: [
          'This workbook is empty. Insert a template from the Template tab to start a study, or open a study workbook and press Validate again.',
        ],
      });
      if (state.view === 'form') await computeFormNow();
      return;
    }
    if (!hasStudyTables(study)) {
      const names = wb.sheets.map((s) => `“${s.name}”`);
      lastRead = {
        wb,
        why: `This workbook has no study tables (${STUDY_TABLE_NAMES}), so there is no Form 6765 to compute.`,
      };
      set({
        ...read1,
        findings: [],
        counted: false,
        lead: [
          `This workbook has no study tables: none of its sheets (${listWords(names)}) is named ${STUDY_TABLE_NAMES}. Insert a template from the Template tab, or rename the sheets that hold the study.`,
        ],
      });
      if (state.view === 'form') await computeFormNow();
      return;
    }

    const compareWith = read1.about?.template ? templateById(state, read1.about.template) : undefined;
    // A firm template the user loaded: the options `rdtax check --template` uses (profile, role
    // table, severities, id and version). A built-in matched only by the About sheet's id: its
    // id and version (for the drift finding), as `rdtax check` without --template reads the
    // study's own Roles sheet — an edited Roles sheet is never overridden by a built-in.
    const loaded = state.firm !== undefined && compareWith === state.firm.template;
    const validateOptions: ValidateOptions = loaded
      ? validateOptionsFor(compareWith)
      : compareWith
        ? { template: { id: compareWith.id, version: compareWith.version } }
        : {};
    let findings: readonly Finding[];
    let waived: readonly WaivedFinding[] = [];
    let problem: Problem | undefined;
    try {
      ({ findings, waived } = reviewWorkbook(wb, validateOptions));
    } catch (e) {
      findings = [];
      problem = { text: `The validator stopped: ${describeError(e)}`, items: [] };
    }

    const missingColumns = [...new Set(findings.filter((f) => f.rule === 'table/missing-column').map((f) => f.sheet))];
    const lead =
      missingColumns.length > 0
        ? [
            `${listWords(missingColumns)} ${missingColumns.length === 1 ? 'is' : 'are'} missing a required column, so ${missingColumns.length === 1 ? 'that table is' : 'those tables are'} only partly checked: if a header was renamed, change it back to the template's wording (capitals and spaces do not matter). The errors below name each column.`,
          ]
        : [];
    const tables = [study.employees, study.contractors, study.supplies, study.components, study.priorYears].filter(
      (t) => t !== undefined,
    );
    const rows = tables.reduce((n, t) => n + t.rows.length, 0);
    set({
      ...read1,
      findings,
      waived,
      counted: true,
      lead,
      problem,
      ...sayFor('validate', `Checked ${plural(tables.length, 'table', 'tables')} with ${plural(rows, 'row', 'rows')}.`),
    });
    lastRead = { wb, why: undefined };
    if (state.view === 'form') await computeFormNow();
    if (state.highlight) await applyMarks();
  }

  /**
   * Form 6765 from the grids the last Validate read (compute is synchronous and never throws
   * out). The first time, core's computation is loaded first, "Loading Form 6765…" meanwhile.
   */
  async function computeFormNow(): Promise<void> {
    if (!lastRead) return;
    if (!compute) {
      set({ form: { kind: 'unavailable', message: FORM_LOADING } });
      try {
        const { computeStudy } = await loadCompute();
        compute = (wb) => computeStudy(wb);
      } catch (e) {
        set({ form: { kind: 'unavailable', message: lazyFailure('Form 6765', e) } });
        return;
      }
      if (!lastRead) return;
    }
    set({ form: formStateOf(lastRead.wb, compute, lastRead.why) });
  }

  async function computeForm(): Promise<void> {
    if (!lastRead) {
      // Nothing read yet: Validate reads once, and computes the form when the form is shown.
      await busy('validate', runValidate);
      if (state.view !== 'form') await computeFormNow();
      return;
    }
    await computeFormNow();
  }

  async function showView(view: PanelView): Promise<void> {
    if (state.view !== view) set({ view });
    // The Template tab's code starts loading as the tab opens (its actions wait for it).
    if (view === 'template') loadTemplates().catch(() => undefined);
    if (view === 'form' && state.form === undefined && !state.busy.validate) await computeForm();
  }

  function toggleSection(id: SectionId): void {
    set({ formOpen: { ...state.formOpen, [id]: !state.formOpen[id] } });
  }

  /** Select `cell` on `sheet` in the workbook: what clicking a finding or a form line does. */
  async function selectCell(sheet: string, cell: string): Promise<void> {
    if (!sheetsPresent.has(sheet)) {
      say(
        `There is no ${sheet} sheet in this workbook, so there is no cell to select; add the sheet if the study needs it.`,
        'select',
      );
      return;
    }
    showProblem(undefined);
    const done = await attempt(`Selecting ${cell}`, () => host.selectCell(cell), failAt('select'));
    if (done) say(`Selected ${cell}.`, 'select');
  }

  async function select(f: Finding): Promise<void> {
    set({ selected: f });
    await selectCell(f.sheet, f.cell);
  }

  async function selectFormCell(target: FormTarget): Promise<void> {
    set({ formSelected: target });
    const at = parseCellRef(target.cell);
    if (!at) {
      say(`${bounded(target.cell, 120)} is not a single cell, so there is nothing to select.`, 'select');
      return;
    }
    // The sheet as the workbook spells it (a reference may differ in capitals).
    const sheet = [...sheetsPresent].find((n) => n.toLowerCase() === at.sheet.toLowerCase()) ?? at.sheet;
    await selectCell(sheet, target.cell);
  }

  async function toggle(): Promise<void> {
    showProblem(undefined);
    if (!state.highlight) {
      set({ highlight: true });
      if (!state.studyRead) {
        say('Highlighting is on: press Validate and the cells with findings will be marked.', 'highlight');
        return;
      }
      const cells = markable();
      if (cells.length === 0) {
        say('Highlighting is on; there are no cells with findings to mark.', 'highlight');
        return;
      }
      const ok = await attempt('Marking the cells', () => host.markCells(cells), failAt('highlight'));
      if (ok) say(`${markedSentence(cells, ok.value?.notMarked ?? 0)}${noteOf(ok.value)}`, 'highlight');
      else set({ highlight: false });
    } else {
      const ok = await attempt('Removing the marks', () => host.clearMarks(), failAt('highlight'));
      if (ok) {
        set({ highlight: false });
        if (reportCleared(ok.value))
          say(`Removed the panel’s marks; nothing else in the workbook was changed.${noteOf(ok.value)}`, 'highlight');
        else say(`Removed the marks the panel could find.${noteOf(ok.value)}`, 'highlight');
      }
    }
  }

  function chosenTemplate(): FirmTemplate | undefined {
    if (state.choice === 'firm') return state.firm?.template;
    const id = state.choice.replace(/^builtin:/, '');
    return Object.values(BUILTIN_TEMPLATES).find((t) => t.id === id);
  }

  async function insert(): Promise<void> {
    showProblem(undefined);
    const t = chosenTemplate();
    if (!t) {
      say('Choose a template first.', 'insert');
      return;
    }
    let renderTemplate: TemplatesPart['renderTemplate'];
    try {
      if (!templatesLoaded) say('Loading the template code…', 'insert');
      ({ renderTemplate } = await loadTemplates());
      templatesLoaded = true;
    } catch (e) {
      say(lazyFailure('the template code', e), 'insert');
      return;
    }
    let sheets: RenderedSheet[];
    try {
      sheets = renderTemplate(t, formulaHost);
    } catch (e) {
      failAt('insert')(`The template “${t.name}” could not be prepared: ${describeError(e)}`);
      return;
    }
    say(`Inserting “${t.name}”…`, 'insert');
    const done = await attempt('Inserting the template', () => host.insertSheets(sheets), failAt('insert'));
    if (!done) return;
    const inserted = Array.isArray(done.value?.inserted) ? done.value.inserted : [];
    const skipped = Array.isArray(done.value?.skipped) ? done.value.skipped : [];
    const parts: string[] = [];
    if (inserted.length > 0)
      parts.push(
        `Inserted ${plural(inserted.length, 'sheet', 'sheets')} from “${t.name}” version ${t.version}: ${listWords(inserted)}.`,
      );
    else parts.push(`Nothing was inserted from “${t.name}”.`);
    if (skipped.length > 0) {
      parts.push(
        `Skipped ${listWords(skipped)} because ${skipped.length === 1 ? 'a sheet with that name already exists' : 'sheets with those names already exist'}; ${skipped.length === 1 ? 'it was' : 'they were'} not changed.`,
      );
    }
    if (inserted.length > 0 && typeof done.value?.note === 'string' && done.value.note !== '')
      parts.push(done.value.note);
    if (inserted.length > 0) parts.push('Fill in the tables, then press Validate.');
    say(parts.join(' '), 'insert');
  }

  async function loadTemplateFile(file: TemplateFile): Promise<void> {
    const name = file.name;
    set({ templateProblem: undefined, templateNote: '' });
    const fail = (text: string, items: readonly string[] = []) => set({ templateProblem: { text, items } });
    if (file.size > MAX_TEMPLATE_BYTES) {
      fail(
        `“${name}” is ${Math.round(file.size / 1000).toLocaleString('en-US')} KB, far larger than a firm template; pick the template's .json file.`,
      );
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      fail(`“${name}” could not be read: ${describeError(e)}`);
      return;
    }
    let parseTemplate: TemplatesPart['parseTemplate'];
    try {
      ({ parseTemplate } = await loadTemplates());
      templatesLoaded = true;
    } catch (e) {
      fail(lazyFailure('the template code', e));
      return;
    }
    try {
      const parsed = parseTemplate(text);
      if (!parsed.ok) {
        const first = parsed.errors[0] ?? '';
        const notJson = parsed.errors.length === 1 && first.startsWith('not JSON');
        fail(
          notJson
            ? `“${name}” is not a firm template: it is not JSON (${first.replace(/^not JSON:\s*/, '')}). A firm template is a .json file exported by your firm.`
            : `“${name}” is not a usable firm template; fix ${parsed.errors.length === 1 ? 'this problem' : `these ${parsed.errors.length} problems`} and pick it again:`,
          notJson ? [] : parsed.errors,
        );
        return;
      }
      const t = parsed.template;
      set({
        firm: { template: t, file: name },
        choice: 'firm',
        templateNote: `Loaded firm template “${t.name}” (id ${t.id}, version ${t.version}) from ${name}. Press Insert to add its sheets; Validate now also compares the study with it.`,
      });
    } catch (e) {
      fail(`“${name}” could not be read as a firm template: ${describeError(e)}`);
    }
  }

  async function shortNames(): Promise<void> {
    showProblem(undefined);
    const add = host.addShortNames;
    if (!add) return;
    const done = await attempt('Adding short names', () => add.call(host), failAt('shortNames'));
    if (!done) return;
    const added = Array.isArray(done.value?.added) ? done.value.added : [];
    const note = typeof done.value?.note === 'string' ? ` ${done.value.note}` : '';
    say(
      `${added.length > 0 ? `Added ${plural(added.length, 'name', 'names')}: ${listWords(added)}.` : 'No names were added.'}${note}`,
      'shortNames',
    );
  }

  async function reenter(onOpen: boolean): Promise<void> {
    const run = host.reenterStudyFormulas;
    if (!run) return;
    set({ formulasNote: onOpen ? '' : 'Looking for study formulas that show #NAME?…' });
    // The result, or why not, goes next to the button (not in the problem box at the top).
    const done = await attempt(
      'Re-entering the study formulas',
      () => run.call(host),
      (sentence) => set({ formulasNote: sentence }),
    );
    if (!done) return;
    const report: ReenterReport | undefined = done.value;
    const reentered = Array.isArray(report?.reentered) ? report.reentered : [];
    const failed = Array.isArray(report?.failed) ? report.failed : [];
    set({ formulasNote: reenterSentence({ reentered, failed, note: report?.note }, onOpen) });
  }

  const actions = createFindingActions({
    host,
    current: () => state,
    grids: () => lastRead?.wb,
    act: (act) => set({ act }),
    attempt,
    revalidate: runValidate,
    now: options.now ?? (() => new Date()),
  });
  /** A finding action, never while a Validate reads (its guard values would be stale). */
  const acting = (run: () => Promise<void>) => (state.busy.validate ? Promise.resolve() : busy('act', run));

  return {
    get state() {
      return state;
    },
    host,
    subscribe(listener) {
      listeners.push(listener);
      return () => {
        const i = listeners.indexOf(listener);
        if (i >= 0) listeners.splice(i, 1);
      };
    },
    validate: () => busy('validate', runValidate),
    select: (f) => select(f),
    toggleHighlight: () => busy('highlight', toggle),
    choose: (choice) => set({ choice }),
    insertTemplate: () => busy('insert', insert),
    loadTemplateFile: (file) => loadTemplateFile(file),
    addShortNames: () => busy('shortNames', shortNames),
    reenterFormulas: (onOpen = false) => busy('formulas', () => reenter(onOpen)),
    showView: (view) => showView(view),
    computeForm: () => computeForm(),
    toggleSection: (id) => toggleSection(id),
    selectFormCell: (target) => selectFormCell(target),
    fix: (f) => acting(() => actions.fix(f)),
    undo: () => acting(() => actions.undo()),
    waive: (f, reason, reviewer) => acting(() => actions.waive(f, reason, reviewer)),
    unwaive: (f) => acting(() => actions.unwaive(f)),
    report: (kind) => actions.report(kind),
    dispose: () => {
      live = false;
      listeners.length = 0;
    },
  };
}
