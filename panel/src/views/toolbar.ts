/**
 * The header that stays at the top of the pane (Validate, what it found by severity — a mark and
 * a word for each — and what it last said) and the Findings tab's Highlight cells action.
 */
import type { Severity } from '@core/study';
import { plural, type PanelController, type PanelState } from '../controller';
import { h, replace } from '../dom';
import { button, onChange, resultView, type View } from './view';

const TALLY: readonly {
  readonly severity: Severity;
  readonly mark: string;
  readonly one: string;
  readonly many: string;
}[] = [
  { severity: 'error', mark: '✖', one: 'error', many: 'errors' },
  { severity: 'warning', mark: '▲', one: 'warning', many: 'warnings' },
  { severity: 'info', mark: '●', one: 'note', many: 'notes' },
];

export function headerView(doc: Document, controller: PanelController): View {
  const validate = button(doc, 'Validate', 'validate', true);
  validate.addEventListener('click', () => void controller.validate());
  const tally = h(doc, 'span', { class: 'rdcs-tally', attrs: { 'data-part': 'tally' } });
  const result = resultView(doc, 'validate');
  const hint = h(doc, 'p', { class: 'rdcs-result' });
  const drawTally = onChange(
    (s: PanelState) => (s.counted ? s.findings : undefined),
    (findings) => {
      if (!findings) return replace(tally);
      if (findings.length === 0) return replace(tally, h(doc, 'span', { class: 'rdcs-tally-item' }, '✓ No findings'));
      const by = new Map<Severity, number>();
      for (const f of findings) by.set(f.severity, (by.get(f.severity) ?? 0) + 1);
      replace(
        tally,
        ...TALLY.map((t) =>
          h(
            doc,
            'span',
            { class: `rdcs-tally-item rdcs-tally-${t.severity}`, attrs: { 'data-severity': t.severity } },
            h(doc, 'span', { class: 'rdcs-mark', attrs: { 'aria-hidden': 'true' } }, t.mark),
            ` ${plural(by.get(t.severity) ?? 0, t.one, t.many)}`,
          ),
        ),
      );
    },
  );
  return {
    nodes: [h(doc, 'div', { class: 'rdcs-header-row' }, validate, tally), ...result.nodes, hint],
    render: (s) => {
      validate.disabled = s.busy.validate;
      drawTally(s);
      result.render(s);
      const text = s.studyRead || s.results.validate ? '' : 'Press Validate to check the study in this workbook.';
      if (hint.textContent !== text) hint.textContent = text;
    },
  };
}

/** Highlight cells (a toggle) and, under it, what it last did. */
export function highlightView(doc: Document, controller: PanelController): View {
  const highlight = button(doc, 'Highlight cells', 'highlight');
  highlight.setAttribute('aria-pressed', 'false');
  highlight.title = 'Fill the cells that have findings in the workbook; press again to put their own fill back.';
  highlight.addEventListener('click', () => void controller.toggleHighlight());
  const result = resultView(doc, 'highlight');
  return {
    nodes: [h(doc, 'div', { class: 'rdcs-action', attrs: { 'data-part': 'highlight' } }, highlight, ...result.nodes)],
    render: (s) => {
      highlight.disabled = s.busy.highlight;
      highlight.setAttribute('aria-pressed', String(s.highlight));
      result.render(s);
    },
  };
}
