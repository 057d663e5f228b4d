/** The Validate and Highlight cells buttons: disabled while their action runs. */
import type { PanelController } from '../controller';
import { h } from '../dom';
import { button, type View } from './view';

export function toolbarView(doc: Document, controller: PanelController): View {
  const validate = button(doc, 'Validate', 'validate', true);
  const highlight = button(doc, 'Highlight cells', 'highlight');
  highlight.setAttribute('aria-pressed', 'false');
  validate.addEventListener('click', () => void controller.validate());
  highlight.addEventListener('click', () => void controller.toggleHighlight());
  return {
    nodes: [h(doc, 'div', { class: 'rdcs-row' }, validate, highlight)],
    render: (s) => {
      validate.disabled = s.busy.validate;
      highlight.disabled = s.busy.highlight;
      highlight.setAttribute('aria-pressed', String(s.highlight));
    },
  };
}
