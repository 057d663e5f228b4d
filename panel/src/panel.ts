/**
 * The panel: Validate, findings grouped by severity, Form 6765 line by line (a second tab), a
 * highlight toggle, Insert template (built-in or a firm JSON file from disk) and the study's
 * template version — one
 * implementation for the Excel task pane, the Google Sheets sidebar and the demo page.
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
import { PANEL_CSS, PANEL_STYLE_ID } from './styles';
import { findingsView } from './views/findings';
import { formView } from './views/form';
import { formulasView } from './views/formulas';
import { shortNamesView } from './views/short-names';
import { statusView } from './views/status';
import { studyView } from './views/study';
import { tabsView } from './views/tabs';
import { templateView } from './views/template';
import { toolbarView } from './views/toolbar';

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
  // In the order they appear.
  const views = [
    studyView(doc),
    toolbarView(doc, controller),
    formulasView(doc, controller),
    statusView(doc),
    tabsView(doc, controller),
    findingsView(doc, controller, Math.max(1, options.pageSize ?? 200)),
    formView(doc, controller),
    templateView(doc, controller),
    shortNamesView(doc, controller),
  ];
  const panel = h(
    doc,
    'div',
    { class: 'rdcs-panel', attrs: { 'data-host': host.kind } },
    h(doc, 'h1', {}, options.title ?? 'RD Credit Studio'),
    h(
      doc,
      'p',
      { class: 'rdcs-tagline' },
      'IRC §41 study checks and Form 6765. Everything stays in this workbook: nothing is sent anywhere.',
    ),
    ...views.flatMap((v) => v.nodes),
  );
  const render = () => views.forEach((v) => v.render(controller.state));
  controller.subscribe(render);
  render();
  replace(root, panel);

  const handle: PanelHandle = {
    root: panel,
    validate: () => controller.validate(),
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
