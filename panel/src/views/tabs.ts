/**
 * The views under the header, as tabs: Findings, Form 6765 and Template. A tab is a button
 * (click, Enter or Space); the arrow keys, Home and End move between the tabs as in any tab list.
 */
import type { PanelController, PanelView } from '../controller';
import { h } from '../dom';
import type { View } from './view';

export const TABS: readonly { readonly view: PanelView; readonly label: string; readonly panel: string }[] = [
  { view: 'findings', label: 'Findings', panel: 'rdcs-findings-panel' },
  { view: 'form', label: 'Form 6765', panel: 'rdcs-form-panel' },
  { view: 'template', label: 'Template', panel: 'rdcs-template-panel' },
];

export const tabId = (view: PanelView): string => `rdcs-tab-${view}`;

export function tabsView(doc: Document, controller: PanelController): View {
  const buttons = TABS.map((t) => {
    const b = h(
      doc,
      'button',
      {
        class: 'rdcs-tab',
        attrs: {
          type: 'button',
          role: 'tab',
          id: tabId(t.view),
          'aria-controls': t.panel,
          'aria-selected': 'false',
          tabindex: '-1',
          'data-action': `view-${t.view}`,
        },
      },
      t.label,
    );
    b.addEventListener('click', () => void controller.showView(t.view));
    return b;
  });
  const list = h(
    doc,
    'div',
    { class: 'rdcs-tabs', attrs: { role: 'tablist', 'aria-label': 'Panel views' } },
    ...buttons,
  );
  list.addEventListener('keydown', (e) => {
    const at = buttons.findIndex((b) => b === doc.activeElement);
    if (at < 0) return;
    const to =
      e.key === 'ArrowRight'
        ? (at + 1) % buttons.length
        : e.key === 'ArrowLeft'
          ? (at - 1 + buttons.length) % buttons.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? buttons.length - 1
              : -1;
    const tab = TABS[to];
    const button = buttons[to];
    if (!tab || !button) return;
    e.preventDefault();
    button.focus();
    void controller.showView(tab.view);
  });
  return {
    nodes: [list],
    render: (s) => {
      TABS.forEach((t, i) => {
        const b = buttons[i];
        if (!b) return;
        const on = s.view === t.view;
        if (b.getAttribute('aria-selected') !== String(on)) b.setAttribute('aria-selected', String(on));
        b.tabIndex = on ? 0 : -1;
      });
    },
  };
}
