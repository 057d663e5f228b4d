/** The status line (polite live region) and the problem box (an alert) under the buttons. */
import type { PanelState } from '../controller';
import { h, replace } from '../dom';
import { onChange, problemBox, type View } from './view';

export function statusView(doc: Document): View {
  const status = h(doc, 'p', {
    class: 'rdcs-status',
    attrs: { role: 'status', 'aria-live': 'polite', 'data-part': 'status' },
  });
  const problem = h(doc, 'div', { attrs: { 'data-part': 'problem', role: 'alert' } });
  const drawStatus = onChange(
    (s: PanelState) => s.status,
    (text) => {
      if (status.textContent !== text) status.textContent = text;
    },
  );
  const drawProblem = onChange(
    (s: PanelState) => s.problem,
    (p) => (p ? replace(problem, problemBox(doc, p)) : replace(problem)),
  );
  return {
    nodes: [status, problem],
    render: (s) => {
      drawStatus(s);
      drawProblem(s);
    },
  };
}
