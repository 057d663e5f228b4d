/**
 * The Findings section (the first tab): notices above the list, the counts, and the findings grouped by
 * severity, a page at a time ("Show N more"). Pressing a finding selects its cell. The list is
 * rebuilt only when the findings change, so paging and the selected finding survive other updates.
 */
import type { Finding, Severity } from '@core/study';
import { plural, type PanelController, type PanelState } from '../controller';
import { append, h, replace } from '../dom';
import { bounded } from '../text';
import { button, onChange, type View } from './view';

const SEVERITIES: readonly {
  readonly severity: Severity;
  readonly heading: string;
  readonly one: string;
  readonly many: string;
}[] = [
  { severity: 'error', heading: 'Errors', one: 'error', many: 'errors' },
  { severity: 'warning', heading: 'Warnings', one: 'warning', many: 'warnings' },
  { severity: 'info', heading: 'Notes', one: 'note', many: 'notes' },
];

export function findingsView(doc: Document, controller: PanelController, pageSize: number): View {
  const lead = h(doc, 'div', { attrs: { 'data-part': 'lead' } });
  const counts = h(doc, 'p', { class: 'rdcs-counts', attrs: { 'data-part': 'counts' } });
  const results = h(doc, 'div', { attrs: { 'data-part': 'findings', 'aria-label': 'Findings' } });
  // The Findings tab's panel (./tabs.ts); its heading is for screen readers, the tab shows the name.
  const section = h(
    doc,
    'section',
    {
      class: 'rdcs-tabpanel',
      attrs: { id: 'rdcs-findings-panel', role: 'tabpanel', 'aria-labelledby': 'rdcs-findings-heading' },
    },
    h(doc, 'h2', { class: 'rdcs-visually-hidden', attrs: { id: 'rdcs-findings-heading' } }, 'Findings'),
    lead,
    counts,
    results,
  );
  let buttons = new Map<Finding, HTMLButtonElement>();

  function findingItem(f: Finding, severityWord: string): HTMLLIElement {
    const btn = h(
      doc,
      'button',
      { class: 'rdcs-finding-btn', attrs: { type: 'button', 'data-cell': f.cell, 'data-rule': f.rule } },
      h(doc, 'span', { class: 'rdcs-visually-hidden' }, `${severityWord}: `),
      h(
        doc,
        'span',
        { class: 'rdcs-finding-head' },
        h(doc, 'span', { class: 'rdcs-cell' }, bounded(f.cell, 120)),
        h(doc, 'span', { class: 'rdcs-rule' }, f.rule),
      ),
      // A message may quote a cell; it is shown whole up to a paragraph's length.
      h(doc, 'span', { class: 'rdcs-message' }, bounded(f.message, 600)),
      f.citation ? h(doc, 'span', { class: 'rdcs-citation' }, f.citation) : null,
    );
    buttons.set(f, btn);
    btn.addEventListener('click', () => void controller.select(f));
    return h(doc, 'li', { class: `rdcs-finding rdcs-sev-${f.severity}` }, btn);
  }

  function drawList(s: PanelState): void {
    buttons = new Map();
    replace(results);
    if (!s.counted) return replace(counts);
    const findings = s.findings;
    const bySeverity = new Map<Severity, Finding[]>(SEVERITIES.map((x) => [x.severity, []]));
    for (const f of findings) (bySeverity.get(f.severity) ?? bySeverity.get('info'))?.push(f);
    if (findings.length === 0) {
      counts.textContent = 'No findings.';
      return;
    }
    counts.textContent = `${plural(findings.length, 'finding', 'findings')}: ${SEVERITIES.map((x) => plural(bySeverity.get(x.severity)?.length ?? 0, x.one, x.many)).join(', ')}.`;
    for (const sev of SEVERITIES) {
      const list = bySeverity.get(sev.severity) ?? [];
      if (list.length === 0) continue;
      const headingId = `rdcs-group-${sev.severity}`;
      const ul = h(doc, 'ul', { class: 'rdcs-list', attrs: { 'aria-labelledby': headingId } });
      const group = h(
        doc,
        'section',
        { class: `rdcs-group rdcs-group-${sev.severity}`, attrs: { 'data-severity': sev.severity } },
        h(doc, 'h3', { attrs: { id: headingId } }, `${sev.heading} (${list.length.toLocaleString('en-US')})`),
        ul,
      );
      let shown = 0;
      const more = button(doc, '', `more-${sev.severity}`);
      more.classList.add('rdcs-more');
      const showPage = () => {
        const next = list.slice(shown, shown + pageSize);
        for (const f of next) append(ul, findingItem(f, sev.one));
        shown += next.length;
        if (shown < list.length)
          more.textContent = `Show ${Math.min(pageSize, list.length - shown).toLocaleString('en-US')} more ${sev.many} (${(list.length - shown).toLocaleString('en-US')} not shown)`;
        else more.remove();
      };
      more.addEventListener('click', showPage);
      showPage();
      if (shown < list.length) append(group, more);
      append(results, group);
    }
  }

  const drawLead = onChange(
    (s: PanelState) => s.lead,
    (notices) => replace(lead, ...notices.map((text) => h(doc, 'p', { class: 'rdcs-notice' }, text))),
  );
  let lastFindings: readonly Finding[] | undefined;
  let lastCounted: boolean | undefined;
  let lastSelected: HTMLButtonElement | undefined;
  return {
    nodes: [section],
    render: (s) => {
      section.hidden = s.view !== 'findings';
      drawLead(s);
      if (s.findings !== lastFindings || s.counted !== lastCounted) {
        lastFindings = s.findings;
        lastCounted = s.counted;
        lastSelected = undefined;
        drawList(s);
      }
      const selected = s.selected ? buttons.get(s.selected) : undefined;
      if (selected !== lastSelected) {
        lastSelected?.removeAttribute('aria-current');
        selected?.setAttribute('aria-current', 'true');
        lastSelected = selected;
      }
    },
  };
}
