/**
 * The state part of the Form 6765 tab: core's state section as compute gave it (QREs of each
 * state on Section F's four lines, the US rows naming none, and each state's credit with its
 * arithmetic, citations and notes). Drawn only when a row's Location names a state. Nothing is
 * computed here; every name and note goes in as text (./dom).
 */
import type { StateCreditEntry, StateQres, StateSection } from '@core/compute';
import type { FormTarget } from '../controller';
import { h, type Child } from '../dom';
import { formatAmount, NOT_COMPUTED } from '../form-text';
import { bounded } from '../text';

/** What the form view lends: a "Go to" button for a cell, the law disclosure, a number · label · value row. */
export interface StateViewParts {
  readonly goto: (target: FormTarget) => HTMLButtonElement;
  readonly law: (citation: string, rule: string | undefined) => HTMLDetailsElement;
  readonly row: (no: string, label: string, value: string, valueClass?: string) => HTMLElement;
}

const METHOD: Readonly<Record<string, string>> = {
  asc: 'alternative simplified credit',
  regular: 'regular credit',
  higher_education: 'credit with a higher-education contract',
  incremental: 'incremental credit',
};

export function stateSection(doc: Document, s: StateSection, parts: StateViewParts): HTMLElement | null {
  if (s.byState.length === 0) return null;
  const { goto, law, row } = parts;

  function qres(q: StateQres): HTMLLIElement {
    const name = q.state === null ? 'US, no state named' : `${q.state} ${q.name}`;
    const missing = q.total.amount === null;
    return h(
      doc,
      'li',
      { class: 'rdcs-line', attrs: { 'data-state': q.state ?? 'none' } },
      row('', name, missing ? NOT_COMPUTED : formatAmount(q.total.amount ?? 0), missing ? 'rdcs-missing' : ''),
      h(
        doc,
        'details',
        { class: 'rdcs-more-lines' },
        h(doc, 'summary', {}, 'Lines 42–45'),
        h(
          doc,
          'ol',
          { class: 'rdcs-lines' },
          ...q.lines.map((l) =>
            h(
              doc,
              'li',
              { class: 'rdcs-line', attrs: { 'data-line': l.line } },
              row(
                l.line,
                l.label,
                l.amount === null ? NOT_COMPUTED : formatAmount(l.amount),
                l.amount === null ? 'rdcs-missing' : '',
              ),
              l.error ? h(doc, 'p', { class: 'rdcs-line-why' }, bounded(l.error, 600)) : null,
              l.error && l.cell
                ? h(
                    doc,
                    'p',
                    { class: 'rdcs-line-cell' },
                    goto({ line: `state:${q.state ?? 'none'}:${l.line}`, cell: l.cell }),
                  )
                : null,
            ),
          ),
        ),
      ),
    );
  }

  function credit(c: StateCreditEntry): HTMLLIElement {
    const missing = c.amount === null;
    const value = c.amount !== null ? formatAmount(c.amount) : c.notApplicable ? 'n/a' : NOT_COMPUTED;
    const what = c.method ? ` — ${METHOD[c.method] ?? c.method}` : '';
    const children: Child[] = [
      row(c.state, `${c.name}${what}`, value, missing && !c.notApplicable ? 'rdcs-missing' : ''),
    ];
    if (c.steps.length > 0)
      children.push(
        h(
          doc,
          'ol',
          { class: 'rdcs-state-steps' },
          ...c.steps.map((x) =>
            h(doc, 'li', { class: 'rdcs-line-detail' }, bounded(`${x.label}: ${x.arithmetic} = ${x.shown}`, 400)),
          ),
        ),
      );
    if (c.notApplicable) children.push(h(doc, 'p', { class: 'rdcs-line-note' }, bounded(c.notApplicable, 600)));
    if (c.error) children.push(h(doc, 'p', { class: 'rdcs-line-why' }, bounded(c.error, 600)));
    if (c.error && c.cell)
      children.push(h(doc, 'p', { class: 'rdcs-line-cell' }, goto({ line: `state:${c.state}`, cell: c.cell })));
    for (const n of c.notes) children.push(h(doc, 'p', { class: 'rdcs-line-note' }, bounded(n, 400)));
    if (c.citations.length > 0)
      children.push(
        h(
          doc,
          'div',
          { class: 'rdcs-line-meta' },
          law(
            c.citations.join('; '),
            c.interpretation ? 'Rests in part on an interpretation of the law (docs/law.md marks it).' : undefined,
          ),
        ),
      );
    return h(
      doc,
      'li',
      {
        class: missing && !c.notApplicable ? 'rdcs-line rdcs-line-missing' : 'rdcs-line',
        attrs: { 'data-state': c.state, title: c.citations.join('; ') },
      },
      ...children,
    );
  }

  return h(
    doc,
    'section',
    { class: 'rdcs-form-section', attrs: { 'data-part': 'form-states' } },
    h(doc, 'h3', { class: 'rdcs-sec-title' }, 'State research credits'),
    h(
      doc,
      'p',
      { class: 'rdcs-g-note' },
      'QREs by the state each row’s Location names (Supplies carry no Location, so supplies and cloud are in no state).',
    ),
    h(
      doc,
      'ol',
      { class: 'rdcs-lines', attrs: { 'data-part': 'state-qres' } },
      ...s.byState.map(qres),
      qres(s.noState),
    ),
    h(doc, 'h4', {}, 'Credits, before any limitation by tax'),
    h(doc, 'ol', { class: 'rdcs-lines', attrs: { 'data-part': 'state-credits' } }, ...s.credits.map(credit)),
    ...s.notes.map((n) => h(doc, 'p', { class: 'rdcs-g-note' }, bounded(n, 600))),
  );
}
