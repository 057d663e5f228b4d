/**
 * The Template tab's year actions (issue 14 §1, §2): Start next year's study (with Keep amounts)
 * and, when the panel has a newer version of the study's template, Upgrade to template version N.
 * Each shows core's plan as a preview with Confirm (enabled once "I saved a copy" is ticked) and
 * Cancel, and what it did under it. State and actions: ../year-actions.
 */
import type { PanelController, PanelState } from '../controller';
import { h, replace } from '../dom';
import { copyFirst, createYearActions, upgradeTarget, type YearAction, type YearActions } from '../year-actions';
import { button, type View } from './view';

function checkbox(doc: Document, label: string, action: string): { node: HTMLLabelElement; box: HTMLInputElement } {
  const box = h(doc, 'input', { attrs: { type: 'checkbox', 'data-action': action } });
  return { node: h(doc, 'label', { class: 'rdcs-check' }, box, h(doc, 'span', {}, label)), box };
}

export function yearView(doc: Document, controller: PanelController, actions?: YearActions): View {
  const year = actions ?? createYearActions(controller);
  const kind = controller.host.kind;

  function part(action: YearAction, label: string, extra: Node[]) {
    const start = button(doc, label, `${action}-preview`, false);
    start.addEventListener('click', () => void year.preview(action));
    const preview = h(doc, 'ul', { class: 'rdcs-year-lines', attrs: { 'data-part': `${action}-preview` } });
    const saved = checkbox(doc, 'I saved a copy', `${action}-saved-copy`);
    saved.box.addEventListener('change', () => year.setSavedCopy(saved.box.checked));
    const confirm = button(doc, 'Confirm', `${action}-confirm`, true);
    confirm.addEventListener('click', () => void year.confirm(action));
    const cancel = button(doc, 'Cancel', `${action}-cancel`);
    cancel.addEventListener('click', () => year.cancel(action));
    const box = h(
      doc,
      'div',
      { class: 'rdcs-year-preview' },
      preview,
      h(doc, 'p', { class: 'rdcs-notice' }, copyFirst(kind)),
      saved.node,
      h(doc, 'div', { class: 'rdcs-action' }, confirm, cancel),
    );
    box.hidden = true;
    const result = h(doc, 'p', {
      class: 'rdcs-result',
      attrs: { role: 'status', 'aria-live': 'polite', 'data-part': `result-${action}` },
    });
    const node = h(
      doc,
      'div',
      { class: 'rdcs-year-action', attrs: { 'data-part': `year-${action}` } },
      h(doc, 'div', { class: 'rdcs-action' }, start, ...extra),
      box,
      result,
    );
    let lines: readonly string[] | undefined;
    const render = () => {
      const s = year.state[action];
      if (s.preview !== lines) {
        lines = s.preview;
        replace(preview, ...(lines ?? []).map((l) => h(doc, 'li', {}, l)));
      }
      box.hidden = lines === undefined;
      saved.box.checked = year.state.savedCopy;
      confirm.disabled = year.state.busy || !year.state.savedCopy;
      start.disabled = year.state.busy;
      if (result.textContent !== s.result) result.textContent = s.result;
    };
    return { node, start, render };
  }

  const keep = checkbox(doc, 'Keep amounts (flagged for review)', 'roll-keep-amounts');
  keep.box.addEventListener('change', () => year.setKeepAmounts(keep.box.checked));
  const roll = part('roll', 'Start next year’s study', [keep.node]);
  const upgrade = part('upgrade', 'Upgrade the template', []);

  const section = h(
    doc,
    'section',
    { class: 'rdcs-year', attrs: { 'aria-labelledby': 'rdcs-year-heading', 'data-part': 'year' } },
    h(doc, 'h2', { attrs: { id: 'rdcs-year-heading' } }, 'Next year and template versions'),
    roll.node,
    upgrade.node,
  );

  let last: PanelState = controller.state;
  const render = (s: PanelState) => {
    last = s;
    keep.box.checked = year.state.keepAmounts;
    roll.render();
    const target = upgradeTarget(s);
    upgrade.node.hidden = !target && year.state.upgrade.preview === undefined && year.state.upgrade.result === '';
    const label = target ? `Upgrade to template version ${target.template.version}` : 'Upgrade the template';
    if (upgrade.start.textContent !== label) upgrade.start.textContent = label;
    upgrade.render();
  };
  year.subscribe(() => render(last));
  return { nodes: [section], render };
}
