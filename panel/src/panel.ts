/**
 * The panel: a header that stays at the top (Validate and the findings by severity), then three
 * tabs — Findings (Highlight cells, Re-enter formulas, the findings), Form 6765 line by line, and
 * Template (the study's template and version, Insert template from a built-in or a firm JSON
 * file, short names) — one implementation for the Excel task pane, the Google Sheets sidebar and
 * the demo page. Each action's result is shown next to its button.
 *
 * mountPanel only composes: the controller (./controller: state and actions, no DOM) and the
 * views (./views: each renders from the state and calls the controller's actions). A new view
 * is a new file under views/ added to the list below. All workbook and file text goes in as
 * text nodes (./dom).
 */
import type { Finding } from '@core/study';
import { createController } from './controller';
import { h, replace } from './dom';
import type { PanelHost } from './host';
import type { PanelView } from './controller';
import { PANEL_CSS, PANEL_STYLE_ID } from './styles';
import { findingsView } from './views/findings';
import { formView } from './views/form';
import { formulasView } from './views/formulas';
import { shortNamesView } from './views/short-names';
import { statusView } from './views/status';
import { studyView } from './views/study';
import { tabId, tabsView } from './views/tabs';
import { templateView } from './views/template';
import { headerView, highlightView } from './views/toolbar';
import { resultView } from './views/view';
import { yearView } from './views/year';

export { describeError, MAX_TEMPLATE_BYTES } from './controller';

export interface PanelOptions {
  /** Spelling of formulas in inserted templates. Default: `sheets` for a Sheets host, else `excel` (`=RDTAX.RD_QRE(...)`). */
  readonly formulaHost?: 'excel' | 'sheets';
  /** Validate as soon as the panel is mounted. Default false: nothing is read until the user asks. */
  readonly validateOnMount?: boolean;
  /** Findings listed per severity before a "Show more" button. Default 200. */
  readonly pageSize?: number;
  /** A host call that has not answered after this long becomes a sentence and the buttons come back. Default 120 000 ms. */
  readonly hostTimeoutMs?: number;
  /**
   * Re-enter study formulas that show #NAME? as soon as the panel is mounted (hosts that can:
   * Excel). Default true; the button does it on request either way.
   */
  readonly reenterOnMount?: boolean;
  /** Heading. Default "RD Credit Studio". */
  readonly title?: string;
}

export interface PanelHandle {
  readonly root: HTMLElement;
  /** What the Validate button does; resolves when the findings are shown (never rejects). */
  validate(): Promise<void>;
  /** Show a tab: the findings, Form 6765 or the template. */
  showView(view: PanelView): Promise<void>;
  /** The findings currently listed. */
  findings(): readonly Finding[];
  /** Remove the panel's DOM and listeners (host marks are left as they are). */
  unmount(): void;
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
  const controller = createController(host, options);
  const header = [headerView(doc, controller), tabsView(doc, controller)];
  const status = statusView(doc);
  // The Findings tab: its actions (each with its result under it), then the findings.
  const actions = [highlightView(doc, controller), formulasView(doc, controller), resultView(doc, 'select')];
  const findings = findingsView(doc, controller, Math.max(1, options.pageSize ?? 200));
  const form = formView(doc, controller);
  // The Template tab: the study's template and version, Insert a template, short names.
  const template = [
    studyView(doc),
    templateView(doc, controller),
    yearView(doc, controller),
    shortNamesView(doc, controller),
  ];
  const views = [...header, status, ...actions, findings, form, ...template];

  const actionBar = h(
    doc,
    'div',
    { class: 'rdcs-actions', attrs: { 'data-part': 'actions' } },
    ...actions.flatMap((v) => v.nodes),
  );
  // Inside the findings tab panel, above the list.
  const findingsPanel = findings.nodes[0];
  if (findingsPanel && 'prepend' in findingsPanel) (findingsPanel as Element).prepend(actionBar);
  const templatePanel = h(
    doc,
    'section',
    {
      class: 'rdcs-tabpanel',
      attrs: { id: 'rdcs-template-panel', role: 'tabpanel', 'aria-labelledby': tabId('template') },
    },
    ...template.flatMap((v) => v.nodes),
  );
  templatePanel.hidden = true;
  const panel = h(
    doc,
    'div',
    { class: 'rdcs-panel', attrs: { 'data-host': host.kind } },
    h(
      doc,
      'div',
      { class: 'rdcs-masthead' },
      h(doc, 'h1', {}, options.title ?? 'RD Credit Studio'),
      h(
        doc,
        'p',
        { class: 'rdcs-tagline' },
        'IRC §41 study checks and Form 6765. Everything stays in this workbook: nothing is sent anywhere.',
      ),
    ),
    h(doc, 'div', { class: 'rdcs-header', attrs: { 'data-part': 'header' } }, ...header.flatMap((v) => v.nodes)),
    ...status.nodes,
    ...findings.nodes,
    ...form.nodes,
    templatePanel,
  );
  const render = () => {
    const s = controller.state;
    views.forEach((v) => v.render(s));
    templatePanel.hidden = s.view !== 'template';
  };
  controller.subscribe(render);
  render();
  replace(root, panel);

  const handle: PanelHandle = {
    root: panel,
    validate: () => controller.validate(),
    showView: (view) => controller.showView(view),
    findings: () => controller.state.findings,
    unmount: () => {
      controller.dispose();
      panel.remove();
    },
  };
  // Excel: study formulas stuck at #NAME? are re-entered as the pane opens (and on request).
  if (host.reenterStudyFormulas && options.reenterOnMount !== false) void controller.reenterFormulas(true);
  if (options.validateOnMount) void handle.validate();
  return handle;
}
