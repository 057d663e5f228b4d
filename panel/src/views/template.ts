/**
 * The "Insert a template" section: the choice of a built-in or the loaded firm template, the
 * firm template file picker (read here with FileReader, judged by the controller), and Insert.
 */
import { BUILTIN_TEMPLATES } from '@core/templates';
import type { PanelController, PanelState } from '../controller';
import { append, h, replace } from '../dom';
import { button, onChange, problemBox, type View } from './view';

/** Template errors listed before "… and N more." */
const MOST_TEMPLATE_ERRORS = 50;

/** A file's text, read as the browser reads it (FileReader works in every host's webview). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error);
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.readAsText(file);
  });
}

export function templateView(doc: Document, controller: PanelController): View {
  const select = h(doc, 'select', { attrs: { 'data-action': 'template-choice' } });
  for (const t of Object.values(BUILTIN_TEMPLATES)) {
    append(
      select,
      h(doc, 'option', { attrs: { value: `builtin:${t.id}` } }, `${t.name} (built-in, version ${t.version})`),
    );
  }
  const fileInput = h(doc, 'input', {
    attrs: { type: 'file', accept: '.json,application/json', 'data-action': 'template-file' },
  });
  const problem = h(doc, 'div', { attrs: { 'data-part': 'template-problem', role: 'alert' } });
  const note = h(doc, 'p', { attrs: { 'data-part': 'template-note' } });
  const insert = button(doc, 'Insert template sheets', 'insert');

  select.addEventListener('change', () => controller.choose(select.value));
  insert.addEventListener('click', () => void controller.insertTemplate());
  fileInput.addEventListener('change', () => {
    const file = fileInput.files && fileInput.files[0];
    if (!file) return;
    void controller
      .loadTemplateFile({ name: file.name, size: file.size, text: () => readText(file) })
      // Picking the same file again (after fixing it) fires `change` again.
      .finally(() => (fileInput.value = ''));
  });

  const section = h(
    doc,
    'section',
    { attrs: { 'aria-labelledby': 'rdcs-template-heading' } },
    h(doc, 'h2', { attrs: { id: 'rdcs-template-heading' } }, 'Insert a template'),
    h(doc, 'label', { class: 'rdcs-field' }, h(doc, 'span', {}, 'Template'), select),
    h(
      doc,
      'label',
      { class: 'rdcs-field' },
      h(doc, 'span', {}, 'Or a firm template file (.json) from your computer'),
      fileInput,
    ),
    problem,
    note,
    h(doc, 'div', { class: 'rdcs-row' }, insert),
    h(doc, 'p', { class: 'rdcs-tagline' }, 'Sheets that already exist are never overwritten: they are skipped.'),
  );

  const drawFirm = onChange(
    (s: PanelState) => s.firm,
    (firm) => {
      if (!firm) return;
      let option = select.querySelector('option[value="firm"]');
      if (!option) {
        option = h(doc, 'option', { attrs: { value: 'firm' } });
        append(select, option);
      }
      option.textContent = `${firm.template.name} (${firm.template.firm}, version ${firm.template.version})`;
    },
  );
  const drawProblem = onChange(
    (s: PanelState) => s.templateProblem,
    (p) => (p ? replace(problem, problemBox(doc, p, MOST_TEMPLATE_ERRORS)) : replace(problem)),
  );
  return {
    nodes: [section],
    render: (s) => {
      drawFirm(s);
      if (select.value !== s.choice) select.value = s.choice;
      drawProblem(s);
      if (note.textContent !== s.templateNote) note.textContent = s.templateNote;
      insert.disabled = s.busy.insert;
    },
  };
}
