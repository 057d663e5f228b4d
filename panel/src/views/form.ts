/**
 * The Form 6765 tab: core's one description of the form (FORM_6765_SECTIONS, FORM_6765_LINES,
 * FORM_6765_G_LINES) with the values compute gave each line. Sections open and close (buttons
 * with aria-expanded); each line shows its number, label, value and, under a small disclosure,
 * its rule and citation. A line that is not computed says why, and "Go to" selects the cell
 * that blocks it, as clicking a finding does. Section G: whether it is required and why, the
 * components listed, and QREs that name no component. Then, when a row names a state, the
 * states' QREs and credits (./states).
 *
 * Every label, note and component name goes in as text (./dom): a component named
 * `<img src=x onerror=alert(1)>` shows as those characters.
 */
import {
  FORM_6765_G_LINES,
  FORM_6765_LINES,
  FORM_6765_REVISION,
  FORM_6765_SECTIONS,
  FORM_6765_TITLE,
  type Form6765Result,
  type FormLineResult,
  type SectionGComponent,
  type SectionGLine,
  type SectionId,
} from '@core/form6765';
import type { StateSection } from '@core/compute';
import type { FormTarget, PanelController, PanelState } from '../controller';
import { h, replace, type Child } from '../dom';
import { formatAmount, formatLineValue, formatShare, NOT_COMPUTED } from '../form-text';
import { bounded } from '../text';
import { stateSection } from './states';
import { tabId } from './tabs';
import { resultView, type View } from './view';

const METHOD_NAME = {
  regular: 'the regular credit (Section A, line 13)',
  asc: 'the alternative simplified credit (Section B, line 26)',
} as const;

/** The G lines shown on a component's face; the rest are under "More lines". */
const G_FACE: readonly SectionGLine[] = ['53', '54', '55', '56'];
const G_MORE: readonly SectionGLine[] = ['49a', '49b', '49d', '49e', '49f', '50', '51', '52'];
const G_SPEC = new Map(FORM_6765_G_LINES.map((g) => [g.line, g]));

const sectionBodyId = (id: SectionId) => `rdcs-form-sec-${id}`;

/** The printed line number: "28", "33a", "49(c)", "Item A". */
function lineName(line: string): string {
  if (line === 'A' || line === 'B') return line;
  const sub = /^(\d+)([a-f])$/.exec(line);
  return sub && Number(sub[1]) === 49 ? `${sub[1]}(${sub[2]})` : line;
}

export function formView(doc: Document, controller: PanelController): View {
  const body = h(doc, 'div', { attrs: { 'data-part': 'form' } });
  // What Go to last did ("Selected About!H2."), above the form.
  const selectResult = resultView(doc, 'select');
  const section = h(
    doc,
    'section',
    {
      class: 'rdcs-tabpanel',
      attrs: { id: 'rdcs-form-panel', role: 'tabpanel', 'aria-labelledby': tabId('form') },
    },
    ...selectResult.nodes,
    body,
  );
  section.hidden = true;
  /** Each drawn section: its toggle and its body, updated in place when it opens or closes. */
  let sections = new Map<SectionId, { button: HTMLButtonElement; body: HTMLElement }>();
  /** The "Go to" buttons by `line|cell`, to mark the one last used. */
  let gotos = new Map<string, HTMLButtonElement>();
  const key = (t: FormTarget) => `${t.line}|${t.cell}`;

  function goto(
    target: FormTarget,
    label = `Go to ${bounded(target.cell, 80)}`,
    look = 'rdcs-btn rdcs-goto',
  ): HTMLButtonElement {
    const b = h(
      doc,
      'button',
      {
        class: look,
        // The whole reference on hover too (a long one is cut with an ellipsis at 300 px).
        attrs: {
          type: 'button',
          'data-action': 'form-goto',
          'data-cell': target.cell,
          'data-line': target.line,
          title: target.cell,
        },
      },
      label,
    );
    b.addEventListener('click', () => void controller.selectFormCell(target));
    gotos.set(key(target), b);
    return b;
  }

  /** The rule and the citation, behind a small disclosure (and as the row's tooltip). */
  function law(citation: string, rule: string | undefined): HTMLDetailsElement {
    return h(
      doc,
      'details',
      { class: 'rdcs-law' },
      h(doc, 'summary', {}, rule ? 'Rule and citation' : 'Citation'),
      rule ? h(doc, 'span', { class: 'rdcs-law-rule' }, rule) : null,
      h(doc, 'span', { class: 'rdcs-law-cite' }, citation),
    );
  }

  /** number · label · value on one row (the label wraps; the value never does). */
  function row(no: string, label: string, value: string, valueClass = ''): HTMLElement {
    return h(
      doc,
      'div',
      { class: 'rdcs-line-main' },
      h(doc, 'span', { class: 'rdcs-line-no' }, no),
      h(doc, 'span', { class: 'rdcs-line-label' }, label),
      h(doc, 'span', { class: `rdcs-line-value${valueClass ? ` ${valueClass}` : ''}` }, value),
    );
  }

  function lineItem(l: FormLineResult, rule: string | undefined): HTMLLIElement {
    const skipped = l.value === null && l.skipped === true;
    const missing = l.value === null && !skipped;
    const value = skipped ? 'skipped' : formatLineValue(l.kind, l.value);
    const note = l.note ? bounded(l.note, 600) : '';
    const target = l.cell ? { line: l.line, cell: l.cell } : undefined;
    return h(
      doc,
      'li',
      {
        class: missing ? 'rdcs-line rdcs-line-missing' : 'rdcs-line',
        attrs: { 'data-line': l.line, title: l.citation },
      },
      row(lineName(l.line), l.label, value, missing ? 'rdcs-missing' : skipped ? 'rdcs-skipped' : ''),
      l.detail ? h(doc, 'p', { class: 'rdcs-line-detail' }, bounded(l.detail, 300)) : null,
      note ? h(doc, 'p', { class: missing ? 'rdcs-line-why' : 'rdcs-line-note' }, note) : null,
      // A line that is not computed: a button to the cell that blocks it. A value: a small link to where it was read.
      missing && target ? h(doc, 'p', { class: 'rdcs-line-cell' }, goto(target)) : null,
      h(
        doc,
        'div',
        { class: 'rdcs-line-meta' },
        !missing && target ? goto(target, `From ${bounded(target.cell, 80)}`, 'rdcs-link') : null,
        law(l.citation, rule),
      ),
    );
  }

  function gValue(c: SectionGComponent, line: SectionGLine): { text: string; missing: boolean } {
    const v = c.lines[line];
    const spec = G_SPEC.get(line);
    if (v === null || v === undefined) return { text: spec?.kind === 'text' ? '—' : NOT_COMPUTED, missing: true };
    if (typeof v === 'number') return { text: formatAmount(v), missing: false };
    return { text: bounded(v, 200), missing: false };
  }

  function gLine(c: SectionGComponent, line: SectionGLine): HTMLLIElement {
    const spec = G_SPEC.get(line);
    const { text, missing } = gValue(c, line);
    const textLine = spec?.kind === 'text';
    return h(
      doc,
      'li',
      {
        class: textLine ? 'rdcs-line rdcs-line-text' : 'rdcs-line',
        attrs: { 'data-line': line, title: spec?.citation ?? '' },
      },
      textLine
        ? h(
            doc,
            'div',
            { class: 'rdcs-line-main' },
            h(doc, 'span', { class: 'rdcs-line-no' }, lineName(line)),
            h(
              doc,
              'span',
              { class: 'rdcs-line-label' },
              spec?.label ?? line,
              h(doc, 'span', { class: missing ? 'rdcs-line-textvalue rdcs-missing' : 'rdcs-line-textvalue' }, text),
            ),
          )
        : row(lineName(line), spec?.label ?? line, text, missing ? 'rdcs-missing' : ''),
    );
  }

  function component(c: SectionGComponent, kind: 'listed' | 'unassigned'): HTMLElement {
    const name = bounded(c.name, 200);
    return h(
      doc,
      'div',
      { class: kind === 'unassigned' ? 'rdcs-component rdcs-component-unassigned' : 'rdcs-component' },
      h(
        doc,
        'h4',
        { class: 'rdcs-component-name' },
        kind === 'unassigned' ? 'QREs that name no business component' : name,
      ),
      kind === 'unassigned'
        ? h(
            doc,
            'p',
            { class: 'rdcs-line-why' },
            'Every QRE must belong to one business component (IRC §41(d); Form 6765 Section G). Name the component on each of these rows; the findings list them.',
          )
        : null,
      c.cell ? h(doc, 'p', { class: 'rdcs-line-cell' }, goto({ line: `G:${c.name}`, cell: c.cell })) : null,
      h(
        doc,
        'ol',
        { class: 'rdcs-lines' },
        ...G_FACE.map((l) => gLine(c, l)),
        h(
          doc,
          'li',
          { class: 'rdcs-line rdcs-line-total', attrs: { 'data-line': 'qre' } },
          row('', 'Total QREs (53 + 54 + 55 + 56)', formatAmount(c.qre)),
        ),
      ),
      kind === 'listed'
        ? h(
            doc,
            'details',
            { class: 'rdcs-more-lines' },
            h(doc, 'summary', {}, 'Lines 49(a)–(f) and 50–52'),
            h(doc, 'ol', { class: 'rdcs-lines' }, ...G_MORE.map((l) => gLine(c, l))),
          )
        : null,
    );
  }

  function sectionG(form: Form6765Result): Child[] {
    const g = form.sectionG;
    const out: Child[] = [
      h(
        doc,
        'p',
        { class: g.required ? 'rdcs-g-status rdcs-notice' : 'rdcs-g-status', attrs: { 'data-part': 'form-g-status' } },
        // The reason says "Required: …" / "Not required: …"; a reason that does not is prefixed.
        /^(not )?required\b/i.test(g.reason)
          ? null
          : h(doc, 'strong', {}, g.required ? 'Required for this return. ' : 'Optional for this return. '),
        bounded(g.reason, 600),
      ),
    ];
    if (g.components.length === 0) {
      out.push(h(doc, 'p', { class: 'rdcs-g-note' }, 'No business component has QREs, so none is listed.'));
    } else {
      const n = g.components.length;
      const share = g.listedShare === null ? '' : `, ${formatShare(g.listedShare)} of line 48`;
      out.push(
        h(
          doc,
          'p',
          { class: 'rdcs-g-note' },
          `${n === 1 ? '1 component is' : `${n} components are`} listed${share}: the largest QREs first, until they reach 80% of line 48, at most 50.`,
        ),
        h(
          doc,
          'div',
          { class: 'rdcs-components', attrs: { 'data-part': 'form-components' } },
          ...g.components.map((c) => component(c, 'listed')),
        ),
      );
      // `all` holds the listed components first, then the rest with QREs (result.ts).
      const rest = g.all.slice(n);
      if (rest.length > 0) {
        out.push(
          h(
            doc,
            'details',
            { class: 'rdcs-more-lines', attrs: { 'data-part': 'form-unlisted' } },
            h(
              doc,
              'summary',
              {},
              `${rest.length === 1 ? '1 more component has' : `${rest.length} more components have`} QREs and ${rest.length === 1 ? 'is' : 'are'} not listed`,
            ),
            h(
              doc,
              'ol',
              { class: 'rdcs-lines' },
              ...rest.map((c) =>
                h(
                  doc,
                  'li',
                  { class: 'rdcs-line', attrs: { 'data-component': c.name } },
                  row('', bounded(c.name, 200), formatAmount(c.qre)),
                ),
              ),
            ),
          ),
        );
      }
    }
    if (g.unassigned) out.push(component(g.unassigned, 'unassigned'));
    return out;
  }

  function methodBox(form: Form6765Result): HTMLElement {
    const line28 = form.lines.find((l) => l.line === '28');
    const amount = typeof line28?.value === 'number' ? `: ${formatAmount(line28.value)}` : '';
    return h(
      doc,
      'div',
      { class: 'rdcs-method', attrs: { 'data-part': 'form-method' } },
      h(
        doc,
        'p',
        {},
        h(
          doc,
          'strong',
          {},
          form.method ? `Line 28 uses ${METHOD_NAME[form.method]}${amount}.` : 'Line 28 is not computed.',
        ),
      ),
      form.methodReason ? h(doc, 'p', {}, bounded(form.methodReason, 600)) : null,
    );
  }

  function drawForm(
    form: Form6765Result,
    taxYearSource: string,
    open: PanelState['formOpen'],
    states: StateSection | undefined,
  ): void {
    sections = new Map();
    gotos = new Map();
    const byLine = new Map(form.lines.map((l) => [l.line, l]));
    const title = form.revision === FORM_6765_REVISION ? FORM_6765_TITLE : `Form 6765 (revision ${form.revision})`;
    const parts: Child[] = [
      h(doc, 'h2', { class: 'rdcs-form-title' }, title),
      h(
        doc,
        'p',
        { class: 'rdcs-form-year' },
        `Tax year beginning in ${form.taxYear} (${taxYearSource === 'option' ? 'as asked' : `from ${bounded(taxYearSource, 80)}`}). Computed from the workbook as Validate last read it: press Validate after a change.`,
      ),
      methodBox(form),
    ];
    for (const sec of FORM_6765_SECTIONS) {
      const isOpen = open[sec.id];
      const lines =
        sec.id === 'G'
          ? []
          : FORM_6765_LINES.filter((l) => l.section === sec.id).map((spec) => ({
              spec,
              result: byLine.get(spec.line),
            }));
      const missing = lines.filter((l) => l.result === undefined || (l.result.value === null && !l.result.skipped));
      const sectionBody = h(
        doc,
        'div',
        { class: 'rdcs-form-body', attrs: { id: sectionBodyId(sec.id) } },
        ...(sec.id === 'G'
          ? sectionG(form)
          : [
              h(
                doc,
                'ol',
                { class: 'rdcs-lines' },
                ...lines.map(({ spec, result }) =>
                  lineItem(
                    result ?? {
                      line: spec.line,
                      section: spec.section,
                      label: spec.label,
                      citation: spec.citation,
                      kind: spec.kind,
                      value: null,
                      note: 'The engine returned no value for this line.',
                    },
                    spec.rule,
                  ),
                ),
              ),
            ]),
      );
      sectionBody.hidden = !isOpen;
      const badge =
        sec.id === 'G'
          ? form.sectionG.required
            ? 'required'
            : 'optional'
          : missing.length > 0
            ? `${missing.length} not computed`
            : '';
      const toggle = h(
        doc,
        'button',
        {
          class: 'rdcs-sec-btn',
          attrs: {
            type: 'button',
            'aria-expanded': String(isOpen),
            'aria-controls': sectionBodyId(sec.id),
            'data-action': 'form-section',
            'data-section': sec.id,
          },
        },
        h(doc, 'span', { class: 'rdcs-chevron', attrs: { 'aria-hidden': 'true' } }),
        h(doc, 'span', { class: 'rdcs-sec-title' }, sec.title),
        badge
          ? h(doc, 'span', { class: missing.length > 0 ? 'rdcs-sec-badge rdcs-missing' : 'rdcs-sec-badge' }, badge)
          : null,
      );
      toggle.addEventListener('click', () => controller.toggleSection(sec.id));
      sections.set(sec.id, { button: toggle, body: sectionBody });
      parts.push(
        h(
          doc,
          'section',
          { class: 'rdcs-form-section', attrs: { 'data-section': sec.id } },
          h(doc, 'h3', {}, toggle),
          sectionBody,
        ),
      );
    }
    // The states' QREs and credits, when a row's Location names a state (core computed them).
    if (states) parts.push(stateSection(doc, states, { goto: (t) => goto(t), law, row }));
    replace(body, ...parts);
  }

  let lastForm: PanelState['form'] | null = null;
  let lastBusy: boolean | undefined;
  let lastSelected: HTMLButtonElement | undefined;
  return {
    nodes: [section],
    render: (s) => {
      section.hidden = s.view !== 'form';
      selectResult.render(s);
      const busy = s.busy.validate;
      if (s.form !== lastForm || (s.form === undefined && busy !== lastBusy)) {
        lastForm = s.form;
        lastBusy = busy;
        lastSelected = undefined;
        sections = new Map();
        gotos = new Map();
        if (s.form === undefined) {
          replace(
            body,
            h(
              doc,
              'p',
              { class: 'rdcs-form-year' },
              busy ? 'Reading the workbook…' : 'Press Validate to compute Form 6765 from this workbook.',
            ),
          );
        } else if (s.form.kind === 'unavailable') {
          replace(
            body,
            h(doc, 'p', { class: 'rdcs-notice', attrs: { 'data-part': 'form-message' } }, bounded(s.form.message, 600)),
          );
        } else drawForm(s.form.form, s.form.taxYearSource, s.formOpen, s.form.states);
      }
      for (const [id, { button, body: b }] of sections) {
        const isOpen = s.formOpen[id];
        if (button.getAttribute('aria-expanded') !== String(isOpen))
          button.setAttribute('aria-expanded', String(isOpen));
        b.hidden = !isOpen;
      }
      const selected = s.formSelected ? gotos.get(key(s.formSelected)) : undefined;
      if (selected !== lastSelected) {
        lastSelected?.removeAttribute('aria-current');
        selected?.setAttribute('aria-current', 'true');
        lastSelected = selected;
      }
    },
  };
}
