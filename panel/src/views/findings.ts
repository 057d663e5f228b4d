/**
 * The Findings view (the first tab): notices, the counts, then the findings a reviewer works
 * through — filtered by severity (the count buttons), searched, grouped by rule (or sheet, or
 * severity). Groups of errors and warnings open, notes and big groups closed: a rule firing on
 * 48,210 rows is one row until opened, and an open group lists `pageSize` findings at a time
 * ("Show N more"). Pressing a finding selects its cell; ↑/↓, Home/End, PageUp/PageDown move
 * between rows, Enter or Space acts. Severity is a mark and a word as well as a colour, so it
 * survives forced colours. The list (../findings-list.ts) is data; this view only draws it.
 */
import type { Finding, Severity, WaivedFinding } from '@core/study';
import { plural, type PanelController, type PanelState } from '../controller';
import { append, h, replace } from '../dom';
import {
  canFix,
  canUnwaive,
  canWaive,
  MAX_WAIVER_REASON,
  reasonProblem,
  type FindingAct,
  type ReportDownload,
  type ReportKind,
} from '../finding-actions';
import {
  ALL_SEVERITIES,
  buildList,
  groupSummary,
  moveFocus,
  type FindingGroup,
  type GroupBy,
  type ListQuery,
} from '../findings-list';
import { shownValue } from '../host';
import { bounded } from '../text';
import { onChange, type View } from './view';

const SEVERITIES: readonly {
  readonly severity: Severity;
  readonly mark: string;
  readonly word: string;
  readonly one: string;
  readonly many: string;
}[] = [
  { severity: 'error', mark: '✖', word: 'Error', one: 'error', many: 'errors' },
  { severity: 'warning', mark: '▲', word: 'Warning', one: 'warning', many: 'warnings' },
  { severity: 'info', mark: '●', word: 'Note', one: 'note', many: 'notes' },
];
const SEVERITY = new Map(SEVERITIES.map((s) => [s.severity, s] as const));

const GROUP_BY: readonly { readonly value: GroupBy; readonly label: string }[] = [
  { value: 'rule', label: 'Rule' },
  { value: 'sheet', label: 'Sheet' },
  { value: 'severity', label: 'Severity' },
];

/**
 * Save a report as a file: a Blob and an `<a download>` (no network; the Excel webview and the
 * Sheets sidebar's frame both allow it). False when this page has no Blob or URL.
 */
export function saveReport(doc: Document, r: ReportDownload): boolean {
  const win = doc.defaultView;
  if (!win || typeof win.Blob !== 'function' || typeof win.URL?.createObjectURL !== 'function') return false;
  const url = win.URL.createObjectURL(new win.Blob([r.text], { type: r.type }));
  const a = h(doc, 'a', { attrs: { href: url, download: r.name, hidden: '' } });
  (doc.body ?? doc.documentElement).appendChild(a);
  a.click();
  a.remove();
  win.setTimeout(() => win.URL.revokeObjectURL(url), 60_000);
  return true;
}

/** Open the printable report in a new window (where a host blocks downloads). False when blocked. */
export function openReport(doc: Document, r: ReportDownload): boolean {
  const win = doc.defaultView;
  if (!win || typeof win.Blob !== 'function' || typeof win.URL?.createObjectURL !== 'function') return false;
  const url = win.URL.createObjectURL(new win.Blob([r.text], { type: r.type }));
  const opened = win.open(url, '_blank');
  win.setTimeout(() => win.URL.revokeObjectURL(url), 60_000);
  return opened !== null;
}

export function findingsView(doc: Document, controller: PanelController, pageSize: number): View {
  const lead = h(doc, 'div', { attrs: { 'data-part': 'lead' } });
  const counts = h(doc, 'p', { class: 'rdcs-counts', attrs: { 'data-part': 'counts', 'aria-live': 'polite' } });

  // ---- the filter bar: a toggle per severity (with its count), a search, the grouping
  const chips = new Map<Severity, HTMLButtonElement>();
  for (const s of SEVERITIES) {
    const chip = h(
      doc,
      'button',
      {
        class: `rdcs-chip rdcs-chip-${s.severity}`,
        attrs: { type: 'button', 'data-action': `filter-${s.severity}`, 'aria-pressed': 'true' },
      },
      h(doc, 'span', { class: 'rdcs-mark', attrs: { 'aria-hidden': 'true' } }, s.mark),
      h(doc, 'span', { class: 'rdcs-chip-text' }, s.many),
    );
    chips.set(s.severity, chip);
  }
  const search = h(doc, 'input', {
    class: 'rdcs-search',
    attrs: {
      type: 'search',
      'data-action': 'search',
      placeholder: 'Search cells, rules, messages',
      'aria-label': 'Search the findings',
      autocomplete: 'off',
      spellcheck: 'false',
    },
  });
  const groupBy = h(
    doc,
    'select',
    { class: 'rdcs-group-by', attrs: { 'data-action': 'group-by', 'aria-label': 'Group findings by' } },
    ...GROUP_BY.map((g) => h(doc, 'option', { attrs: { value: g.value } }, `By ${g.label.toLowerCase()}`)),
  );
  const filters = h(
    doc,
    'div',
    { class: 'rdcs-filters', attrs: { 'data-part': 'filters', role: 'group', 'aria-label': 'Filter findings' } },
    h(doc, 'div', { class: 'rdcs-chips' }, ...chips.values()),
    h(doc, 'div', { class: 'rdcs-row rdcs-search-row' }, search, groupBy),
  );
  filters.hidden = true;
  const shownLine = h(doc, 'p', { class: 'rdcs-shown', attrs: { 'data-part': 'shown' } });

  // ---- Export: the findings report (core's report.ts, as `rdtax check --report`), saved here
  const exportResult = h(doc, 'p', {
    class: 'rdcs-export-result',
    attrs: { 'data-part': 'export-result', 'aria-live': 'polite' },
  });
  const exportButton = (label: string, action: string) =>
    h(doc, 'button', { class: 'rdcs-btn rdcs-btn-small', attrs: { type: 'button', 'data-action': action } }, label);
  const exportHtml = exportButton('Report (HTML)', 'export-html');
  const exportCsv = exportButton('CSV', 'export-csv');
  const exportOpen = exportButton('Open printable report', 'export-open');
  const exportBar = h(
    doc,
    'div',
    { class: 'rdcs-export', attrs: { 'data-part': 'export', role: 'group', 'aria-label': 'Export the findings' } },
    h(
      doc,
      'div',
      { class: 'rdcs-row rdcs-export-row' },
      h(doc, 'span', { class: 'rdcs-export-label' }, 'Export:'),
      exportHtml,
      exportCsv,
      exportOpen,
    ),
    exportResult,
  );
  exportBar.hidden = true;
  const exported = (kind: ReportKind, open: boolean) => {
    const r = controller.report(kind);
    const s = controller.state;
    const what = `${plural(s.findings.length, 'finding', 'findings')}${s.waived.length > 0 ? ` and ${plural(s.waived.length, 'waived finding', 'waived findings')}` : ''}`;
    const ok = open ? openReport(doc, r) : saveReport(doc, r);
    exportResult.textContent = ok
      ? open
        ? `Opened the report of ${what} in a new window; print it or save it from there.`
        : `Saved ${r.name} (${what}); if no file appeared, press Open printable report.`
      : open
        ? 'This window blocked the new window; press Report (HTML) to save the report as a file instead.'
        : 'This window cannot save files; press Open printable report instead.';
  };
  exportHtml.addEventListener('click', () => exported('html', false));
  exportCsv.addEventListener('click', () => exported('csv', false));
  exportOpen.addEventListener('click', () => exported('html', true));

  // ---- what the last Fix, Undo or Waive did, with Undo after a fix
  const actLine = h(doc, 'div', { class: 'rdcs-act', attrs: { 'data-part': 'act', 'aria-live': 'polite' } });
  actLine.hidden = true;
  const results = h(doc, 'div', { attrs: { 'data-part': 'findings', 'aria-label': 'Findings' } });
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
    exportBar,
    filters,
    shownLine,
    actLine,
    results,
  );

  // What the user chose (view state, not the study's): filters, search, grouping, open groups,
  // and how many findings each open group lists.
  let query: ListQuery = { severities: ALL_SEVERITIES, search: '', groupBy: 'rule', toggled: new Map() };
  const pages = new Map<string, number>();
  let findings: readonly Finding[] = [];
  let waived: readonly WaivedFinding[] = [];
  let buttons = new Map<Finding, HTMLButtonElement>();
  /** The finding whose waiver reason is being typed, and what was typed (kept across redraws). */
  let waiving: { finding: Finding; reason: string; problem: string } | undefined;
  let busyAct = false;

  /** Fix and Waive… under a finding; for a waived finding, its waiver. */
  function findingActions(f: Finding, isWaived: boolean): HTMLElement | null {
    if (isWaived) {
      const w = (f as WaivedFinding).waiver;
      const said = h(
        doc,
        'p',
        { class: 'rdcs-waiver' },
        `Waived${w.date ? ` ${w.date}` : ''}${w.reviewer ? ` by ${bounded(w.reviewer, 60)}` : ''} while ${f.cell} holds ${w.value === '' ? 'nothing' : bounded(w.value, 60)}: ${bounded(w.reason, 300)}`,
      );
      if (!canUnwaive(controller.host)) return said;
      const remove = h(
        doc,
        'button',
        {
          class: 'rdcs-btn rdcs-btn-small rdcs-btn-subtle',
          attrs: {
            type: 'button',
            'data-action': 'unwaive',
            'data-for': f.cell,
            title: `Remove the waiver of ${f.rule} on ${f.cell} (${w.at})`,
          },
        },
        'Remove waiver',
      );
      remove.disabled = busyAct;
      remove.addEventListener('click', () => void controller.unwaive(f as WaivedFinding));
      return h(doc, 'div', { class: 'rdcs-finding-actions' }, said, remove);
    }
    const host = controller.host;
    const fix = canFix(host, f) && f.fix ? f.fix : undefined;
    const waive = canWaive(host, f);
    if (!fix && !waive) return null;
    const row = h(doc, 'div', { class: 'rdcs-finding-actions' });
    if (fix) {
      const label = `Fix: set ${f.cell} to ${fix.value}`;
      const b = h(
        doc,
        'button',
        {
          class: 'rdcs-btn rdcs-btn-small',
          attrs: { type: 'button', 'data-action': 'fix', 'data-for': f.cell, title: label },
        },
        label,
      );
      b.disabled = busyAct;
      b.addEventListener('click', () => void controller.fix(f));
      append(row, b);
    }
    if (waive && waiving?.finding !== f) {
      const b = h(
        doc,
        'button',
        {
          class: 'rdcs-btn rdcs-btn-small rdcs-btn-subtle',
          attrs: {
            type: 'button',
            'data-action': 'waive',
            'data-for': f.cell,
            title: `Waive ${f.rule} on ${f.cell} with a reason`,
          },
        },
        'Waive…',
      );
      b.disabled = busyAct;
      b.addEventListener('click', () => {
        waiving = { finding: f, reason: '', problem: '' };
        draw();
        results.querySelector<HTMLTextAreaElement>('textarea[data-action="waive-reason"]')?.focus();
      });
      append(row, b);
    }
    if (waiving?.finding === f) append(row, waiveForm(f));
    return row;
  }

  /** The inline reason box: required, at most MAX_WAIVER_REASON characters; Confirm / Cancel. */
  function waiveForm(f: Finding): HTMLElement {
    const w = waiving as { finding: Finding; reason: string; problem: string };
    const id = 'rdcs-waive-reason';
    const box = h(doc, 'textarea', {
      class: 'rdcs-waive-reason',
      attrs: {
        id,
        'data-action': 'waive-reason',
        rows: '2',
        maxlength: String(MAX_WAIVER_REASON),
        required: '',
        'aria-describedby': 'rdcs-waive-problem',
      },
    });
    box.value = w.reason;
    box.addEventListener('input', () => {
      w.reason = box.value;
      if (w.problem !== '') problem.textContent = w.problem = '';
    });
    const problem = h(
      doc,
      'p',
      { class: 'rdcs-problem-line', attrs: { id: 'rdcs-waive-problem', 'data-part': 'waive-problem' } },
      w.problem,
    );
    const confirm = h(
      doc,
      'button',
      { class: 'rdcs-btn rdcs-btn-small rdcs-btn-primary', attrs: { type: 'button', 'data-action': 'waive-confirm' } },
      'Confirm waiver',
    );
    const cancel = h(
      doc,
      'button',
      { class: 'rdcs-btn rdcs-btn-small', attrs: { type: 'button', 'data-action': 'waive-cancel' } },
      'Cancel',
    );
    confirm.disabled = busyAct;
    confirm.addEventListener('click', () => {
      const why = reasonProblem(box.value);
      if (why) {
        w.problem = why;
        problem.textContent = why;
        box.focus();
        return;
      }
      waiving = undefined;
      void controller.waive(f, box.value);
    });
    cancel.addEventListener('click', () => {
      waiving = undefined;
      draw();
      buttons.get(f)?.focus();
    });
    box.addEventListener('keydown', (e: KeyboardEvent) => {
      // Keys typed in the box are not the list's arrow keys.
      e.stopPropagation();
      if (e.key === 'Escape') cancel.click();
      else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) confirm.click();
    });
    return h(
      doc,
      'div',
      { class: 'rdcs-waive-form', attrs: { role: 'group', 'aria-label': `Waive ${f.rule} on ${f.cell}` } },
      h(
        doc,
        'label',
        { attrs: { for: id } },
        `Why is ${f.cell} acceptable? (required, up to ${MAX_WAIVER_REASON} characters)`,
      ),
      box,
      problem,
      h(doc, 'div', { class: 'rdcs-row' }, confirm, cancel),
    );
  }

  function findingItem(f: Finding, isWaived = false): HTMLLIElement {
    const sev = SEVERITY.get(f.severity) ?? SEVERITIES[2]!;
    const btn = h(
      doc,
      'button',
      {
        class: 'rdcs-finding-btn',
        // Cell and rule id are cut with an ellipsis at 300 px: the tooltip holds both whole.
        attrs: {
          type: 'button',
          'data-cell': f.cell,
          'data-rule': f.rule,
          'data-row': '',
          title: `${f.cell} · ${f.rule}`,
        },
      },
      h(
        doc,
        'span',
        { class: 'rdcs-finding-head' },
        h(doc, 'span', { class: 'rdcs-mark', attrs: { 'aria-hidden': 'true' } }, sev.mark),
        h(doc, 'span', { class: 'rdcs-visually-hidden' }, `${sev.word}: `),
        h(doc, 'span', { class: 'rdcs-cell' }, bounded(f.cell, 120)),
        h(doc, 'span', { class: 'rdcs-rule' }, f.rule),
      ),
      // A message may quote a cell; it is shown whole up to a paragraph's length.
      h(doc, 'span', { class: 'rdcs-message' }, bounded(f.message, 600)),
      f.citation ? h(doc, 'span', { class: 'rdcs-citation' }, f.citation) : null,
    );
    buttons.set(f, btn);
    btn.addEventListener('click', () => void controller.select(f));
    return h(
      doc,
      'li',
      { class: `rdcs-finding rdcs-sev-${f.severity}${isWaived ? ' rdcs-finding-waived' : ''}` },
      btn,
      findingActions(f, isWaived),
    );
  }

  function groupSection(g: FindingGroup): HTMLElement {
    const sev = SEVERITY.get(g.severity) ?? SEVERITIES[2]!;
    const n = g.findings.length;
    const listId = `rdcs-g-${g.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const head = h(
      doc,
      'button',
      {
        class: 'rdcs-group-btn',
        attrs: {
          type: 'button',
          'data-action': 'group',
          'data-group': g.key,
          'data-row': '',
          'aria-expanded': String(g.open),
          'aria-controls': listId,
          title: groupSummary(g),
        },
      },
      h(doc, 'span', { class: 'rdcs-chevron', attrs: { 'aria-hidden': 'true' } }),
      h(doc, 'span', { class: 'rdcs-mark', attrs: { 'aria-hidden': 'true' } }, sev.mark),
      h(doc, 'span', { class: 'rdcs-visually-hidden' }, `${sev.word}: `),
      h(
        doc,
        'span',
        { class: 'rdcs-group-text' },
        h(doc, 'span', { class: 'rdcs-group-label' }, g.label),
        g.detail ? h(doc, 'span', { class: 'rdcs-group-detail' }, g.detail) : null,
      ),
      h(doc, 'span', { class: 'rdcs-group-count' }, n.toLocaleString('en-US')),
    );
    head.addEventListener('click', () => {
      const toggled = new Map(query.toggled);
      toggled.set(g.key, !g.open);
      query = { ...query, toggled };
      draw();
      focusGroup(g.key);
    });
    const section = h(
      doc,
      'section',
      { class: `rdcs-group rdcs-group-${g.severity}`, attrs: { 'data-severity': g.severity, 'data-group': g.key } },
      h(doc, 'h3', { class: 'rdcs-group-heading' }, head),
    );
    if (!g.open) return section;
    const ul = h(doc, 'ul', { class: 'rdcs-list', attrs: { id: listId } });
    const shown = Math.min(n, pages.get(g.key) ?? pageSize);
    for (const f of g.findings.slice(0, shown)) append(ul, findingItem(f, g.waived === true));
    append(section, ul);
    if (shown < n) {
      const more = h(
        doc,
        'button',
        {
          class: 'rdcs-btn rdcs-more',
          attrs: { type: 'button', 'data-action': 'more', 'data-group': g.key, 'data-row': '' },
        },
        `Show ${Math.min(pageSize, n - shown).toLocaleString('en-US')} more (${(n - shown).toLocaleString('en-US')} not shown)`,
      );
      more.addEventListener('click', () => {
        pages.set(g.key, shown + pageSize);
        draw();
        // Focus stays in the list: on the first finding just shown.
        const next = g.findings[shown];
        if (next) buttons.get(next)?.focus();
      });
      append(section, more);
    }
    return section;
  }

  function focusGroup(key: string): void {
    const btn = Array.from(results.querySelectorAll<HTMLButtonElement>('button[data-action="group"]')).find(
      (b) => b.getAttribute('data-group') === key,
    );
    btn?.focus();
  }

  /** Draw the list for the current findings and query (timed for `npm run bench`: rdcs:findings-draw). */
  function draw(): void {
    const perf = doc.defaultView?.performance;
    perf?.mark?.('rdcs:findings-draw:start');
    drawList();
    perf?.measure?.('rdcs:findings-draw', 'rdcs:findings-draw:start');
  }

  function drawList(): void {
    buttons = new Map();
    const list = buildList(findings, query, waived);
    for (const s of SEVERITIES) {
      const chip = chips.get(s.severity)!;
      const n = list.counts[s.severity];
      (chip.lastChild as HTMLElement).textContent = plural(n, s.one, s.many);
      chip.setAttribute('aria-pressed', String(query.severities.has(s.severity)));
      chip.disabled = n === 0;
    }
    shownLine.textContent =
      list.shown === list.total
        ? ''
        : `Showing ${list.shown.toLocaleString('en-US')} of ${plural(list.total, 'finding', 'findings')}${query.search.trim() ? ` matching “${bounded(query.search.trim(), 60)}”` : ''}.`;
    replace(results, ...list.groups.map(groupSection));
    if (list.total > 0 && list.shown === 0)
      append(results, h(doc, 'p', { class: 'rdcs-none' }, 'No finding matches the filters.'));
  }

  for (const [severity, chip] of chips) {
    chip.addEventListener('click', () => {
      const severities = new Set(query.severities);
      if (severities.has(severity)) severities.delete(severity);
      else severities.add(severity);
      query = { ...query, severities };
      draw();
    });
  }
  search.addEventListener('input', () => {
    query = { ...query, search: search.value };
    draw();
  });
  groupBy.addEventListener('change', () => {
    query = { ...query, groupBy: groupBy.value as GroupBy, toggled: new Map() };
    pages.clear();
    draw();
  });
  // Keyboard: ↑/↓, Home/End, PageUp/PageDown move between the rows (groups, findings, "Show more").
  results.addEventListener('keydown', (e: KeyboardEvent) => {
    const rows = Array.from(results.querySelectorAll<HTMLButtonElement>('button[data-row]'));
    const at = rows.indexOf(doc.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const to = moveFocus(at, e.key, rows.length);
    if (to === undefined) return;
    e.preventDefault();
    rows[to]?.focus();
  });

  const drawLead = onChange(
    (s: PanelState) => s.lead,
    (notices) => replace(lead, ...notices.map((text) => h(doc, 'p', { class: 'rdcs-notice' }, text))),
  );
  const drawAct = onChange(
    (s: PanelState) => s.act,
    (act: FindingAct | undefined) => {
      actLine.hidden = act === undefined;
      if (!act) return replace(actLine);
      const text = h(doc, 'p', { class: act.failed ? 'rdcs-act-text rdcs-act-failed' : 'rdcs-act-text' }, act.text);
      if (!act.undo && !act.unwaive) return replace(actLine, text);
      const undo = h(
        doc,
        'button',
        {
          class: 'rdcs-btn rdcs-btn-small',
          attrs: {
            type: 'button',
            'data-action': 'undo',
            title: act.undo
              ? `Put back ${shownValue(act.undo.value)} in ${act.undo.cell}`
              : `Remove the waiver just added on ${act.cell}`,
          },
        },
        'Undo',
      );
      undo.addEventListener('click', () => void controller.undo());
      replace(actLine, text, undo);
      undo.focus();
    },
  );
  let lastFindings: readonly Finding[] | undefined;
  let lastCounted: boolean | undefined;
  let lastSelected: HTMLButtonElement | undefined;
  return {
    nodes: [section],
    render: (s) => {
      section.hidden = s.view !== 'findings';
      drawLead(s);
      drawAct(s);
      if (s.busy.act !== busyAct) {
        busyAct = s.busy.act;
        for (const b of results.querySelectorAll<HTMLButtonElement>(
          'button[data-action^="fix"], button[data-action^="waive"], button[data-action="unwaive"]',
        ))
          b.disabled = busyAct;
        for (const b of actLine.querySelectorAll<HTMLButtonElement>('button')) b.disabled = busyAct;
      }
      if (s.findings !== lastFindings || s.counted !== lastCounted) {
        lastFindings = s.findings;
        lastCounted = s.counted;
        lastSelected = undefined;
        findings = s.counted ? s.findings : [];
        waived = s.counted ? s.waived : [];
        waiving = undefined;
        exportResult.textContent = '';
        // A new list: groups open or close by their defaults again, pages start over.
        query = { ...query, toggled: new Map() };
        pages.clear();
        exportBar.hidden = !s.counted;
        if (!s.counted) {
          replace(counts);
          replace(results);
          shownLine.textContent = '';
          filters.hidden = true;
        } else if (findings.length === 0 && waived.length === 0) {
          counts.textContent = 'No findings.';
          replace(results);
          shownLine.textContent = '';
          filters.hidden = true;
        } else {
          const by = new Map<Severity, number>(SEVERITIES.map((x) => [x.severity, 0]));
          for (const f of findings) by.set(f.severity, (by.get(f.severity) ?? 0) + 1);
          counts.textContent = `${plural(findings.length, 'finding', 'findings')}: ${SEVERITIES.map((x) => plural(by.get(x.severity) ?? 0, x.one, x.many)).join(', ')}.${waived.length > 0 ? ` ${plural(waived.length, 'finding', 'findings')} waived by a reviewer (not counted).` : ''}`;
          filters.hidden = false;
          draw();
        }
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
