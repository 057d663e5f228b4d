/** Excel only (a host with addShortNames): the button that adds `=RD_QRE`-style workbook names. */
import type { PanelController } from '../controller';
import { h } from '../dom';
import { button, resultView, type View } from './view';

export function shortNamesView(doc: Document, controller: PanelController): View {
  if (!controller.host.addShortNames) return { nodes: [], render: () => undefined };
  const btn = button(doc, 'Add short names (=RD_QRE)', 'short-names');
  btn.addEventListener('click', () => void controller.addShortNames());
  const result = resultView(doc, 'shortNames');
  const section = h(
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
    h(doc, 'div', { class: 'rdcs-action' }, btn, ...result.nodes),
  );
  return {
    nodes: [section],
    render: (s) => {
      btn.disabled = s.busy.shortNames;
      result.render(s);
    },
  };
}
