/**
 * Excel only (a host with reenterStudyFormulas): the Re-enter formulas button and, next to it,
 * what it did — on request, and when the pane opens (then only if it re-entered something or
 * could not). Study formulas a program wrote into the file before the add-in loaded show #NAME?
 * until they are entered again (excel-addin/src/reenter.ts).
 */
import type { PanelController, PanelState } from '../controller';
import { h } from '../dom';
import { button, onChange, type View } from './view';

export function formulasView(doc: Document, controller: PanelController): View {
  if (!controller.host.reenterStudyFormulas) return { nodes: [], render: () => undefined };
  const btn = button(doc, 'Re-enter formulas', 'reenter-formulas');
  btn.title =
    'Study formulas that show #NAME? (a file written before the add-in loaded) are entered again, unchanged, so Excel calculates them. Nothing else changes.';
  btn.addEventListener('click', () => void controller.reenterFormulas());
  const note = h(doc, 'p', {
    class: 'rdcs-result',
    attrs: { role: 'status', 'aria-live': 'polite', 'data-part': 'formulas-note' },
  });
  const drawNote = onChange(
    (s: PanelState) => s.formulasNote,
    (text) => {
      if (note.textContent !== text) note.textContent = text;
    },
  );
  return {
    nodes: [h(doc, 'div', { class: 'rdcs-action', attrs: { 'data-part': 'formulas' } }, btn, note)],
    render: (s) => {
      btn.disabled = s.busy.formulas;
      drawNote(s);
    },
  };
}
