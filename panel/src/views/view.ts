/**
 * What every view of the panel is: the nodes it adds to the panel, and a render from the
 * controller's state (called after every change; a view redraws only what changed).
 */
import type { ActionId, PanelState, Problem } from '../controller';
import { h } from '../dom';

export interface View {
  readonly nodes: readonly Node[];
  render(state: PanelState): void;
}

export function button(doc: Document, label: string, action: string, primary = false): HTMLButtonElement {
  return h(
    doc,
    'button',
    { class: primary ? 'rdcs-btn rdcs-btn-primary' : 'rdcs-btn', attrs: { type: 'button', 'data-action': action } },
    label,
  );
}

/**
 * The line under an action's button that says what the action last did (a polite live region,
 * `data-part="result-<action>"`); empty, it takes no room.
 */
export function resultView(doc: Document, action: ActionId): View {
  const line = h(doc, 'p', {
    class: 'rdcs-result',
    attrs: { role: 'status', 'aria-live': 'polite', 'data-part': `result-${action}` },
  });
  return {
    nodes: [line],
    render: (s) => {
      const r = s.results[action];
      const text = r?.text ?? '';
      if (line.textContent !== text) line.textContent = text;
      line.classList.toggle('rdcs-result-working', r?.kind === 'working');
      line.classList.toggle('rdcs-result-problem', r?.kind === 'problem');
    },
  };
}

/** A problem sentence and its items, the first `most` of them listed. */
export function problemBox(doc: Document, problem: Problem, most = Infinity): HTMLDivElement {
  const items = problem.items;
  return h(
    doc,
    'div',
    { class: 'rdcs-problem' },
    h(doc, 'p', {}, problem.text),
    items.length
      ? h(
          doc,
          'ul',
          {},
          ...items.slice(0, most).map((i) => h(doc, 'li', {}, i)),
          items.length > most ? h(doc, 'li', {}, `… and ${items.length - most} more.`) : null,
        )
      : null,
  );
}

/** Calls `draw` when `pick(state)` is not the value it drew last (by identity). */
export function onChange<T>(
  pick: (s: PanelState) => T,
  draw: (value: T, s: PanelState) => void,
): (s: PanelState) => void {
  let first = true;
  let last: T | undefined;
  return (s) => {
    const v = pick(s);
    if (!first && v === last) return;
    first = false;
    last = v;
    draw(v, s);
  };
}
