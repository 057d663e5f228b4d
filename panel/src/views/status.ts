/**
 * The problem box (an alert) under the header: what stopped an action (a failing or slow host, a
 * workbook that is not a study). What each action did is shown next to its own button.
 */
import type { PanelState } from '../controller';
import { h, replace } from '../dom';
import { onChange, problemBox, type View } from './view';

export function statusView(doc: Document): View {
  const problem = h(doc, 'div', { attrs: { 'data-part': 'problem', role: 'alert' } });
  const drawProblem = onChange(
    (s: PanelState) => s.problem,
    (p) => (p ? replace(problem, problemBox(doc, p)) : replace(problem)),
  );
  return { nodes: [problem], render: drawProblem };
}
