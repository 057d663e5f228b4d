/**
 * The "Insert a template" section of the Template tab: the choice of a built-in or the loaded
 * firm template, the firm template file picker (a button that opens the hidden file input, the
 * chosen file's name beside it; read here with FileReader, judged by the controller), and Insert
 * with what it did under it.
 */
import { BUILTIN_TEMPLATES } from '@core/templates/builtin';
import type { PanelController, PanelState } from '../controller';
import { append, h, replace } from '../dom';
import { button, onChange, problemBox, resultView, type View } from './view';

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
    class: 'rdcs-visually-hidden',
    attrs: {
      type: 'file',
      accept: '.json,application/json',
      'data-action': 'template-file',
      tabindex: '-1',
      'aria-hidden': 'true',
    },
  });
  const fileName = h(
    doc,
    'span',
    { class: 'rdcs-file-name', attrs: { id: 'rdcs-template-file-name', 'data-part': 'template-file-name' } },
    'No file chosen',
  );
  const pick = button(doc, 'Choose file…', 'template-file-button');
  pick.setAttribute('aria-labelledby', 'rdcs-template-file-label rdcs-template-file-button');
  pick.setAttribute('aria-describedby', 'rdcs-template-file-name');
  pick.id = 'rdcs-template-file-button';
  pick.addEventListener('click', () => fileInput.click());
  const problem = h(doc, 'div', { attrs: { 'data-part': 'template-problem', role: 'alert' } });
  const note = h(doc, 'p', { class: 'rdcs-result', attrs: { 'data-part': 'template-note' } });
  const insert = button(doc, 'Insert template sheets', 'insert', true);
  const inserted = resultView(doc, 'insert');

  select.addEventListener('change', () => controller.choose(select.value));
  insert.addEventListener('click', () => void controller.insertTemplate());
  fileInput.addEventListener('change', () => {
    const file = fileInput.files && fileInput.files[0];
    if (!file) return;
    fileName.textContent = file.name;
    fileName.title = file.name;
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
      'div',
      { class: 'rdcs-field' },
      h(
        doc,
        'span',
        { class: 'rdcs-field-label', attrs: { id: 'rdcs-template-file-label' } },
        'Or a firm template file (.json) from your computer',
      ),
      h(doc, 'div', { class: 'rdcs-file' }, pick, fileName),
      fileInput,
    ),
    problem,
    note,
    h(doc, 'div', { class: 'rdcs-action' }, insert, ...inserted.nodes),
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
      inserted.render(s);
    },
  };
}
