/**
 * The panel: Validate, findings grouped by severity, a highlight toggle, Insert template
 * (built-in or a firm JSON file from disk) and the study's template version — one
 * implementation for the Excel task pane, the Google Sheets sidebar and the demo page.
 *
 * It never computes a tax number (the core validator does) and never calls a host API (the
 * `PanelHost` does). Every host call is awaited inside `attempt`, so a failing or hanging host
 * becomes a sentence and the buttons come back; nothing in the workbook changes unless the
 * user pressed a button that says so. All workbook and file text goes in as text nodes.
 */
import type { CellValue } from '../../core/src/cells';
import {
  readStudy,
  sameTemplateVersion,
  validateWorkbook,
  type Finding,
  type Severity,
  type Study,
  type ValidateOptions,
  type WorkbookGrids,
} from '../../core/src/study';
import {
  BUILTIN_TEMPLATES,
  parseTemplate,
  renderTemplate,
  validateOptionsFor,
  type FirmTemplate,
} from '../../core/src/templates';
import { append, h, replace } from './dom';
import type { ClearMarksResult, PanelHost, RenderedSheet } from './host';
import { PANEL_CSS, PANEL_STYLE_ID } from './styles';
import { bounded } from './text';

export interface PanelOptions {
  /** Spelling of formulas in inserted templates. Default: `sheets` for a Sheets host, else `excel` (`=RDTAX.RD_QRE(...)`). */
  readonly formulaHost?: 'excel' | 'sheets';
  /** Validate as soon as the panel is mounted. Default false: nothing is read until the user asks. */
  readonly validateOnMount?: boolean;
  /** Findings listed per severity before a "Show more" button. Default 200. */
  readonly pageSize?: number;
  /** A host call that has not answered after this long becomes a sentence and the buttons come back. Default 120 000 ms. */
  readonly hostTimeoutMs?: number;
  /** Heading. Default "RD Credit Studio". */
  readonly title?: string;
}

export interface PanelHandle {
  readonly root: HTMLElement;
  /** What the Validate button does; resolves when the findings are shown (never rejects). */
  validate(): Promise<void>;
  /** The findings currently listed. */
  findings(): readonly Finding[];
  /** Remove the panel's DOM and listeners (host marks are left as they are). */
  unmount(): void;
}

/** Largest firm template file read (a template is a few KB). */
export const MAX_TEMPLATE_BYTES = 2_000_000;

const SEVERITIES: readonly {
  readonly severity: Severity;
  readonly heading: string;
  readonly one: string;
  readonly many: string;
}[] = [
  { severity: 'error', heading: 'Errors', one: 'error', many: 'errors' },
  { severity: 'warning', heading: 'Warnings', one: 'warning', many: 'warnings' },
  { severity: 'info', heading: 'Notes', one: 'note', many: 'notes' },
];

const STUDY_TABLE_NAMES = 'Employees, Contractors, Supplies, Components or Prior Years';

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

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "a, b and c"; past `most` items, "a, b, … and 12 more". Each item is bounded. */
function listWords(xs: readonly string[], most = 10): string {
  const items = xs.slice(0, most).map((x) => bounded(x, 100));
  if (xs.length > most) return `${items.join(', ')} and ${(xs.length - most).toLocaleString('en-US')} more`;
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
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

interface AboutInfo {
  readonly template: string;
  readonly version: string;
  readonly taxYear: string;
  readonly profile: string;
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

export function ensurePanelStyle(doc: Document): void {
  if (doc.getElementById(PANEL_STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = PANEL_STYLE_ID;
  style.textContent = PANEL_CSS;
  (doc.head ?? doc.documentElement).appendChild(style);
}

/**
 * Render the panel into `root` (emptied first) for `host`. Returns at once; the panel reads
 * nothing until the user presses Validate (or `validateOnMount`).
 */
export function mountPanel(root: HTMLElement, host: PanelHost, options: PanelOptions = {}): PanelHandle {
  const doc = root.ownerDocument;
  ensurePanelStyle(doc);
  const pageSize = Math.max(1, options.pageSize ?? 200);
  const timeoutMs = Math.max(1, options.hostTimeoutMs ?? 120_000);
  const formulaHost = options.formulaHost ?? (host.kind === 'sheets' ? 'sheets' : 'excel');
  let mounted = true;

  // ---- state
  let findings: readonly Finding[] = [];
  let sheetsPresent = new Set<string>();
  let about: AboutInfo | undefined;
  let studyRead = false;
  let highlight = false;
  let firm: { readonly template: FirmTemplate; readonly file: string } | undefined;
  let selectedButton: HTMLButtonElement | undefined;

  // ---- skeleton
  const button = (label: string, action: string, primary = false) =>
    h(
      doc,
      'button',
      { class: primary ? 'rdcs-btn rdcs-btn-primary' : 'rdcs-btn', attrs: { type: 'button', 'data-action': action } },
      label,
    );

  const validateBtn = button('Validate', 'validate', true);
  const highlightBtn = button('Highlight cells', 'highlight');
  highlightBtn.setAttribute('aria-pressed', 'false');
  const status = h(doc, 'p', {
    class: 'rdcs-status',
    attrs: { role: 'status', 'aria-live': 'polite', 'data-part': 'status' },
  });
  const problem = h(doc, 'div', { attrs: { 'data-part': 'problem', role: 'alert' } });
  const studyBox = h(
    doc,
    'div',
    { class: 'rdcs-study', attrs: { 'data-part': 'study' } },
    'Press Validate to read the study in this workbook.',
  );
  const lead = h(doc, 'div', { attrs: { 'data-part': 'lead' } });
  const counts = h(doc, 'p', { class: 'rdcs-counts', attrs: { 'data-part': 'counts' } });
  const results = h(doc, 'div', { attrs: { 'data-part': 'findings', 'aria-label': 'Findings' } });

  const templateSelect = h(doc, 'select', { attrs: { 'data-action': 'template-choice' } });
  for (const t of Object.values(BUILTIN_TEMPLATES)) {
    append(
      templateSelect,
      h(doc, 'option', { attrs: { value: `builtin:${t.id}` } }, `${t.name} (built-in, version ${t.version})`),
    );
  }
  const fileInput = h(doc, 'input', {
    attrs: { type: 'file', accept: '.json,application/json', 'data-action': 'template-file' },
  });
  const templateProblem = h(doc, 'div', { attrs: { 'data-part': 'template-problem', role: 'alert' } });
  const templateNote = h(doc, 'p', { attrs: { 'data-part': 'template-note' } });
  const insertBtn = button('Insert template sheets', 'insert');
  const shortNamesBtn = host.addShortNames ? button('Add short names (=RD_QRE)', 'short-names') : undefined;

  const panel = h(
    doc,
    'div',
    { class: 'rdcs-panel', attrs: { 'data-host': host.kind } },
    h(doc, 'h1', {}, options.title ?? 'RD Credit Studio'),
    h(
      doc,
      'p',
      { class: 'rdcs-tagline' },
      'IRC §41 study checks. Everything stays in this workbook: nothing is sent anywhere.',
    ),
    studyBox,
    h(doc, 'div', { class: 'rdcs-row' }, validateBtn, highlightBtn),
    status,
    problem,
    h(
      doc,
      'section',
      { attrs: { 'aria-labelledby': 'rdcs-findings-heading' } },
      h(doc, 'h2', { attrs: { id: 'rdcs-findings-heading' } }, 'Findings'),
      lead,
      counts,
      results,
    ),
    h(
      doc,
      'section',
      { attrs: { 'aria-labelledby': 'rdcs-template-heading' } },
      h(doc, 'h2', { attrs: { id: 'rdcs-template-heading' } }, 'Insert a template'),
      h(doc, 'label', { class: 'rdcs-field' }, h(doc, 'span', {}, 'Template'), templateSelect),
      h(
        doc,
        'label',
        { class: 'rdcs-field' },
        h(doc, 'span', {}, 'Or a firm template file (.json) from your computer'),
        fileInput,
      ),
      templateProblem,
      templateNote,
      h(doc, 'div', { class: 'rdcs-row' }, insertBtn),
      h(doc, 'p', { class: 'rdcs-tagline' }, 'Sheets that already exist are never overwritten: they are skipped.'),
    ),
    shortNamesBtn
      ? h(
          doc,
          'section',
          { attrs: { 'aria-labelledby': 'rdcs-names-heading' } },
          h(doc, 'h2', { attrs: { id: 'rdcs-names-heading' } }, 'Short names'),
          h(
            doc,
            'p',
            { class: 'rdcs-tagline' },
            'Workbook names so that formulas written for Google Sheets can be typed here too.',
          ),
          h(doc, 'div', { class: 'rdcs-row' }, shortNamesBtn),
        )
      : null,
  );
  replace(root, panel);

  // ---- messages
  const say = (text: string) => {
    if (mounted) status.textContent = text;
  };
  const showProblem = (text: string | undefined, items: readonly string[] = []) => {
    if (!mounted) return;
    if (text === undefined) return replace(problem);
    replace(
      problem,
      h(
        doc,
        'div',
        { class: 'rdcs-problem' },
        h(doc, 'p', {}, text),
        items.length ? h(doc, 'ul', {}, ...items.map((i) => h(doc, 'li', {}, i))) : null,
      ),
    );
  };

  /**
   * Run a host call; on failure or timeout say so in one sentence and return undefined.
   * The host's own message is shown as text.
   */
  async function attempt<T>(what: string, call: () => Promise<T>): Promise<{ value: T } | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new HostTimeout()), timeoutMs);
      });
      const value = await Promise.race([Promise.resolve().then(call), timeout]);
      return { value };
    } catch (e) {
      showProblem(
        e instanceof HostTimeout
          ? `${what} took longer than ${Math.round(timeoutMs / 1000)} seconds, so the panel stopped waiting; try again, or close and reopen the panel.`
          : `${what} did not work: ${describeError(e)}`,
      );
      return undefined;
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }

  /** Disable a button while its action runs; always re-enabled. */
  async function busy(btn: HTMLButtonElement, run: () => Promise<void>): Promise<void> {
    if (btn.disabled) return;
    btn.disabled = true;
    try {
      await run();
    } catch (e) {
      // A defect in the panel itself still ends as a sentence, not a stuck button.
      showProblem(`Something went wrong in the panel: ${describeError(e)}`);
    } finally {
      btn.disabled = false;
    }
  }

  // ---- the template the study is compared with
  function templateById(id: string): FirmTemplate | undefined {
    const key = id.trim().toLowerCase();
    if (key === '') return undefined;
    if (firm && firm.template.id.toLowerCase() === key) return firm.template;
    return Object.values(BUILTIN_TEMPLATES).find((t) => t.id.toLowerCase() === key);
  }

  function renderStudyBox(): void {
    if (!studyRead) return;
    if (!about) {
      replace(
        studyBox,
        'This workbook has no About sheet, so it does not record which template or version it was made from.',
      );
      return;
    }
    const parts: string[] = [];
    parts.push(
      about.template
        ? `Made from template “${about.template}”${about.version ? ` version ${about.version}` : ' (no version recorded)'}`
        : 'The About sheet records no template',
    );
    if (about.taxYear) parts.push(`tax year ${about.taxYear}`);
    if (about.profile) parts.push(`profile ${about.profile}`);
    const drift = about.template ? templateById(about.template) : undefined;
    const driftNote =
      drift && about.version && !sameTemplateVersion(about.version, drift.version)
        ? h(
            doc,
            'p',
            { class: 'rdcs-notice', attrs: { 'data-part': 'drift' } },
            `Version drift: this study was made from version ${about.version} of “${about.template}”; the ${firm && firm.template === drift ? 'firm template you loaded' : 'built-in template'} is version ${drift.version}. Compare the two before relying on the findings, or insert the new version into a fresh workbook.`,
          )
        : null;
    replace(studyBox, h(doc, 'p', {}, `${parts.join(' · ')}.`), driftNote);
  }

  // ---- findings
  function renderFindings(): void {
    selectedButton = undefined;
    replace(results);
    if (!studyRead) return replace(counts);
    const bySeverity = new Map<Severity, Finding[]>(SEVERITIES.map((s) => [s.severity, []]));
    for (const f of findings) (bySeverity.get(f.severity) ?? bySeverity.get('info'))!.push(f);
    if (findings.length === 0) {
      counts.textContent = 'No findings.';
      return;
    }
    counts.textContent = `${plural(findings.length, 'finding', 'findings')}: ${SEVERITIES.map((s) => plural(bySeverity.get(s.severity)!.length, s.one, s.many)).join(', ')}.`;
    for (const s of SEVERITIES) {
      const list = bySeverity.get(s.severity)!;
      if (list.length === 0) continue;
      const headingId = `rdcs-group-${s.severity}`;
      const ul = h(doc, 'ul', { class: 'rdcs-list', attrs: { 'aria-labelledby': headingId } });
      const group = h(
        doc,
        'section',
        { class: `rdcs-group rdcs-group-${s.severity}`, attrs: { 'data-severity': s.severity } },
        h(doc, 'h3', { attrs: { id: headingId } }, `${s.heading} (${list.length.toLocaleString('en-US')})`),
        ul,
      );
      let shown = 0;
      const more = button('', `more-${s.severity}`);
      more.classList.add('rdcs-more');
      const showPage = () => {
        const next = list.slice(shown, shown + pageSize);
        for (const f of next) append(ul, findingItem(f, s.one));
        shown += next.length;
        if (shown < list.length)
          more.textContent = `Show ${Math.min(pageSize, list.length - shown).toLocaleString('en-US')} more ${s.many} (${(list.length - shown).toLocaleString('en-US')} not shown)`;
        else more.remove();
      };
      more.addEventListener('click', showPage);
      showPage();
      if (shown < list.length) append(group, more);
      append(results, group);
    }
  }

  function findingItem(f: Finding, severityWord: string): HTMLLIElement {
    const btn = h(
      doc,
      'button',
      { class: 'rdcs-finding-btn', attrs: { type: 'button', 'data-cell': f.cell, 'data-rule': f.rule } },
      h(doc, 'span', { class: 'rdcs-visually-hidden' }, `${severityWord}: `),
      h(
        doc,
        'span',
        { class: 'rdcs-finding-head' },
        h(doc, 'span', { class: 'rdcs-cell' }, bounded(f.cell, 120)),
        h(doc, 'span', { class: 'rdcs-rule' }, f.rule),
      ),
      // A message may quote a cell; it is shown whole up to a paragraph's length.
      h(doc, 'span', { class: 'rdcs-message' }, bounded(f.message, 600)),
      f.citation ? h(doc, 'span', { class: 'rdcs-citation' }, f.citation) : null,
    );
    btn.addEventListener('click', () => void selectFinding(f, btn));
    return h(doc, 'li', { class: `rdcs-finding rdcs-sev-${f.severity}` }, btn);
  }

  async function selectFinding(f: Finding, btn: HTMLButtonElement): Promise<void> {
    if (selectedButton && selectedButton !== btn) selectedButton.removeAttribute('aria-current');
    selectedButton = btn;
    btn.setAttribute('aria-current', 'true');
    if (!sheetsPresent.has(f.sheet)) {
      say(
        `There is no ${f.sheet} sheet in this workbook, so there is no cell to select; add the sheet if the study needs it.`,
      );
      return;
    }
    showProblem(undefined);
    const done = await attempt(`Selecting ${f.cell}`, () => host.selectCell(f.cell));
    if (done) say(`Selected ${f.cell}.`);
  }

  function markable(): Finding[] {
    return findings.filter((f) => sheetsPresent.has(f.sheet));
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
    const cleared = await attempt('Removing the old marks', () => host.clearMarks());
    if (!cleared) return;
    reportCleared(cleared.value);
    const cells = markable();
    if (cells.length === 0) return;
    const marked = await attempt('Marking the cells', () => host.markCells(cells));
    if (marked)
      say(
        `${status.textContent ?? ''} Marked the cells of ${plural(cells.length, 'finding', 'findings')}; press Highlight cells again to remove the marks.`.trim(),
      );
  }

  // ---- actions
  async function runValidate(): Promise<void> {
    showProblem(undefined);
    say('Reading the workbook…');
    const read = await attempt('Reading the workbook', () => host.readWorkbook());
    if (!read || !mounted) {
      say('');
      return;
    }
    const wb = workbookOf(read.value);
    sheetsPresent = new Set(wb.sheets.map((s) => s.name));
    let study: Study;
    try {
      study = readStudy(wb);
    } catch (e) {
      showProblem(`The workbook could not be read as a study: ${describeError(e)}`);
      say('');
      return;
    }
    studyRead = true;
    about = aboutOf(study);
    renderStudyBox();
    replace(lead);

    if (isEmptyWorkbook(wb)) {
      replace(studyBox, 'This workbook is empty.');
      findings = [];
      renderFindings();
      counts.textContent = '';
      replace(
        lead,
        h(
          doc,
          'p',
          { class: 'rdcs-notice' },
          'This workbook is empty. Insert a template below to start a study, or open a study workbook and press Validate again.',
        ),
      );
      say('');
      return;
    }
    if (!hasStudyTables(study)) {
      findings = [];
      renderFindings();
      counts.textContent = '';
      const names = wb.sheets.map((s) => `“${s.name}”`);
      replace(
        lead,
        h(
          doc,
          'p',
          { class: 'rdcs-notice' },
          `This workbook has no study tables: none of its sheets (${listWords(names)}) is named ${STUDY_TABLE_NAMES}. Insert a template below, or rename the sheets that hold the study.`,
        ),
      );
      say('');
      return;
    }

    const compareWith = about?.template ? templateById(about.template) : undefined;
    // A firm template the user loaded: the options `rdtax check --template` uses (profile, role
    // table, severities, id and version). A built-in matched only by the About sheet's id: its
    // id and version (for the drift finding), as `rdtax check` without --template reads the
    // study's own Roles sheet — an edited Roles sheet is never overridden by a built-in.
    const loaded = firm !== undefined && compareWith === firm.template;
    const validateOptions: ValidateOptions = loaded
      ? validateOptionsFor(compareWith)
      : compareWith
        ? { template: { id: compareWith.id, version: compareWith.version } }
        : {};
    try {
      findings = validateWorkbook(wb, validateOptions);
    } catch (e) {
      findings = [];
      showProblem(`The validator stopped: ${describeError(e)}`);
    }
    renderFindings();

    const missingColumns = [...new Set(findings.filter((f) => f.rule === 'table/missing-column').map((f) => f.sheet))];
    if (missingColumns.length > 0) {
      append(
        lead,
        h(
          doc,
          'p',
          { class: 'rdcs-notice' },
          `${listWords(missingColumns)} ${missingColumns.length === 1 ? 'is' : 'are'} missing a required column, so ${missingColumns.length === 1 ? 'that table is' : 'those tables are'} only partly checked: if a header was renamed, change it back to the template's wording (capitals and spaces do not matter). The errors below name each column.`,
        ),
      );
    }
    const tables = [study.employees, study.contractors, study.supplies, study.components, study.priorYears].filter(
      (t) => t !== undefined,
    );
    const rows = tables.reduce((n, t) => n + t.rows.length, 0);
    say(`Checked ${plural(tables.length, 'table', 'tables')} with ${plural(rows, 'row', 'rows')}.`);
    if (highlight) await applyMarks();
  }

  async function toggleHighlight(): Promise<void> {
    showProblem(undefined);
    if (!highlight) {
      highlight = true;
      highlightBtn.setAttribute('aria-pressed', 'true');
      if (!studyRead) {
        say('Highlighting is on: press Validate and the cells with findings will be marked.');
        return;
      }
      const cells = markable();
      if (cells.length === 0) {
        say('Highlighting is on; there are no cells with findings to mark.');
        return;
      }
      const ok = await attempt('Marking the cells', () => host.markCells(cells));
      if (ok)
        say(
          `Marked the cells of ${plural(cells.length, 'finding', 'findings')}; press Highlight cells again to remove the marks.`,
        );
      else {
        highlight = false;
        highlightBtn.setAttribute('aria-pressed', 'false');
      }
    } else {
      const ok = await attempt('Removing the marks', () => host.clearMarks());
      if (ok) {
        highlight = false;
        highlightBtn.setAttribute('aria-pressed', 'false');
        if (reportCleared(ok.value)) say('Removed the panel’s marks; nothing else in the workbook was changed.');
        else say('Removed the marks the panel could find.');
      }
    }
  }

  function chosenTemplate(): FirmTemplate | undefined {
    const v = templateSelect.value;
    if (v === 'firm') return firm?.template;
    const id = v.replace(/^builtin:/, '');
    return Object.values(BUILTIN_TEMPLATES).find((t) => t.id === id);
  }

  async function insertTemplate(): Promise<void> {
    showProblem(undefined);
    const t = chosenTemplate();
    if (!t) {
      say('Choose a template first.');
      return;
    }
    let sheets: RenderedSheet[];
    try {
      sheets = renderTemplate(t, formulaHost);
    } catch (e) {
      showProblem(`The template “${t.name}” could not be prepared: ${describeError(e)}`);
      return;
    }
    say(`Inserting “${t.name}”…`);
    const done = await attempt('Inserting the template', () => host.insertSheets(sheets));
    if (!done) {
      say('');
      return;
    }
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
    if (inserted.length > 0) parts.push('Fill in the tables, then press Validate.');
    say(parts.join(' '));
  }

  function loadTemplateFile(): void {
    const file = fileInput.files && fileInput.files[0];
    if (!file) return;
    replace(templateProblem);
    templateNote.textContent = '';
    const name = file.name;
    const reset = () => {
      // Picking the same file again (after fixing it) fires `change` again.
      fileInput.value = '';
    };
    const fail = (sentence: string, items: readonly string[] = []) => {
      replace(
        templateProblem,
        h(
          doc,
          'div',
          { class: 'rdcs-problem' },
          h(doc, 'p', {}, sentence),
          items.length
            ? h(
                doc,
                'ul',
                {},
                ...items.slice(0, 50).map((i) => h(doc, 'li', {}, i)),
                items.length > 50 ? h(doc, 'li', {}, `… and ${items.length - 50} more.`) : null,
              )
            : null,
        ),
      );
      reset();
    };
    if (file.size > MAX_TEMPLATE_BYTES) {
      fail(
        `“${name}” is ${Math.round(file.size / 1000).toLocaleString('en-US')} KB, far larger than a firm template; pick the template's .json file.`,
      );
      return;
    }
    const reader = new FileReader();
    reader.onerror = () => fail(`“${name}” could not be read: ${describeError(reader.error)}`);
    reader.onload = () => {
      try {
        const text = typeof reader.result === 'string' ? reader.result : '';
        const parsed = parseTemplate(text);
        if (!parsed.ok) {
          const notJson = parsed.errors.length === 1 && parsed.errors[0].startsWith('not JSON');
          fail(
            notJson
              ? `“${name}” is not a firm template: it is not JSON (${parsed.errors[0].replace(/^not JSON:\s*/, '')}). A firm template is a .json file exported by your firm.`
              : `“${name}” is not a usable firm template; fix ${parsed.errors.length === 1 ? 'this problem' : `these ${parsed.errors.length} problems`} and pick it again:`,
            notJson ? [] : parsed.errors,
          );
          return;
        }
        firm = { template: parsed.template, file: name };
        let option = templateSelect.querySelector('option[value="firm"]');
        if (!option) {
          option = h(doc, 'option', { attrs: { value: 'firm' } });
          append(templateSelect, option);
        }
        option.textContent = `${parsed.template.name} (${parsed.template.firm}, version ${parsed.template.version})`;
        templateSelect.value = 'firm';
        templateNote.textContent = `Loaded firm template “${parsed.template.name}” (id ${parsed.template.id}, version ${parsed.template.version}) from ${name}. Press Insert to add its sheets; Validate now also compares the study with it.`;
        renderStudyBox();
        reset();
      } catch (e) {
        fail(`“${name}” could not be read as a firm template: ${describeError(e)}`);
      }
    };
    try {
      reader.readAsText(file);
    } catch (e) {
      fail(`“${name}” could not be read: ${describeError(e)}`);
    }
  }

  async function addShortNames(): Promise<void> {
    showProblem(undefined);
    const add = host.addShortNames;
    if (!add) return;
    const done = await attempt('Adding short names', () => add.call(host));
    if (!done) return;
    const added = Array.isArray(done.value?.added) ? done.value.added : [];
    const note = typeof done.value?.note === 'string' ? ` ${done.value.note}` : '';
    say(
      `${added.length > 0 ? `Added ${plural(added.length, 'name', 'names')}: ${listWords(added)}.` : 'No names were added.'}${note}`,
    );
  }

  const onValidate = () => void busy(validateBtn, runValidate);
  const onHighlight = () => void busy(highlightBtn, toggleHighlight);
  const onInsert = () => void busy(insertBtn, insertTemplate);
  const onShortNames = () => shortNamesBtn && void busy(shortNamesBtn, addShortNames);
  validateBtn.addEventListener('click', onValidate);
  highlightBtn.addEventListener('click', onHighlight);
  insertBtn.addEventListener('click', onInsert);
  shortNamesBtn?.addEventListener('click', onShortNames);
  fileInput.addEventListener('change', loadTemplateFile);

  const handle: PanelHandle = {
    root: panel,
    validate: () => busy(validateBtn, runValidate),
    findings: () => findings,
    unmount: () => {
      mounted = false;
      panel.remove();
    },
  };
  if (options.validateOnMount) void handle.validate();
  return handle;
}
