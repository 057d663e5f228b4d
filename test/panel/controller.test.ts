/**
 * The panel's controller without a DOM (panel/src/controller.ts over panel/src/memory-host.ts):
 * each row is a sequence of actions on a fresh controller and the state it must end in. The
 * browser tests (test/browser/*) check the same behaviour through the views.
 */
import type { CellValue } from '@core/cells';
import { createController, MAX_TEMPLATE_BYTES, type PanelState, type TemplateFile } from '@panel/controller';
import { createMemoryHost, type MemoryHostOptions, type MemoryWorkbook } from '@panel/memory-host';

const EMPLOYEE_HEADER = ['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %', 'Business Component'];
/** Employees rows each with R&D % 150%: one wages/pct-out-of-bounds error on its E cell. */
function overBooked(n: number): MemoryWorkbook {
  const rows: CellValue[][] = [];
  for (let i = 0; i < n; i++) rows.push([`E${i}`, 'Software Developer', 'US', 100000, 1.5, 'Search ranking']);
  return { sheets: [{ name: 'Employees', values: [EMPLOYEE_HEADER, ...rows] }] };
}
const file = (name: string, text: string, size = text.length): TemplateFile => ({ name, size, text: async () => text });

type Action = (c: ReturnType<typeof createController>) => Promise<void> | void;
const validate: Action = (c) => c.validate();
const highlight: Action = (c) => c.toggleHighlight();
const insert: Action = (c) => c.insertTemplate();

const STUDY_TEMPLATE = '“Software company R&D credit study”';
const ALL_SHEETS = 'Employees, Contractors, Supplies, Components, Prior Years, Roles, Summary and About';

// [case, workbook, host options, actions, expected part of the state, why]
const CASES: [string, MemoryWorkbook, MemoryHostOptions, Action[], Partial<PanelState>, string][] = [
  [
    'nothing done',
    overBooked(1),
    {},
    [],
    { studyRead: false, findings: [], counted: false, status: '', highlight: false, choice: 'builtin:software' },
    'the panel reads nothing until Validate',
  ],
  [
    'validate an empty workbook',
    { sheets: [{ name: 'Sheet1', values: [] }] },
    {},
    [validate],
    {
      studyRead: true,
      empty: true,
      findings: [],
      counted: false,
      status: '',
      lead: [
        'This workbook is empty. Insert a template below to start a study, or open a study workbook and press Validate again.',
      ],
    },
    'an empty workbook is told to insert a template, with no counts',
  ],
  [
    'validate a workbook with no study tables',
    { sheets: [{ name: 'Notes', values: [['hello']] }] },
    {},
    [validate],
    {
      studyRead: true,
      empty: false,
      counted: false,
      lead: [
        'This workbook has no study tables: none of its sheets (“Notes”) is named Employees, Contractors, Supplies, Components or Prior Years. Insert a template below, or rename the sheets that hold the study.',
      ],
    },
    'a workbook that is not a study says which sheet names are expected',
  ],
  [
    'validate one over-booked employee',
    overBooked(1),
    {},
    [validate],
    { studyRead: true, counted: true, lead: [], status: 'Checked 1 table with 1 row.', about: undefined },
    'R&D % 150% is one error; the missing tables are notes',
  ],
  [
    'highlight before validate',
    overBooked(1),
    {},
    [highlight],
    { highlight: true, status: 'Highlighting is on: press Validate and the cells with findings will be marked.' },
    'the toggle is remembered and applied at the next Validate',
  ],
  [
    'highlight on, then validate',
    overBooked(2),
    {},
    [highlight, validate],
    {
      highlight: true,
      status:
        'Checked 1 table with 2 rows. Marked the cells of 2 findings; press Highlight cells again to remove the marks.',
    },
    'the two E cells are marked after the check (the notes name sheets not in the workbook)',
  ],
  [
    'highlight at the Sheets limit (500 cells)',
    overBooked(500),
    { kind: 'sheets' },
    [validate, highlight],
    { highlight: true, status: 'Marked the cells of 500 findings; press Highlight cells again to remove the marks.' },
    'boundary: exactly MARK_LIMITS.sheets cells are all marked',
  ],
  [
    'highlight one past the Sheets limit (501 cells)',
    overBooked(501),
    { kind: 'sheets' },
    [validate, highlight],
    {
      highlight: true,
      status:
        'Marked the cells of 500 findings; 1 finding not highlighted (the panel marks at most 500 cells at a time); press Highlight cells again to remove the marks.',
    },
    'markCells reports notMarked: 1 (core/src/plans/mark-plan.ts); the pane says so and why',
  ],
  [
    'highlight on and off',
    overBooked(1),
    {},
    [validate, highlight, highlight],
    { highlight: false, status: 'Removed the panel’s marks; nothing else in the workbook was changed.' },
    'the second press removes the marks',
  ],
  [
    'select a finding whose sheet is missing',
    overBooked(1),
    {},
    [validate, (c) => c.select(c.state.findings.find((f) => f.sheet === 'Contractors')!)],
    {
      status:
        'There is no Contractors sheet in this workbook, so there is no cell to select; add the sheet if the study needs it.',
    },
    'nothing to select on a sheet that is not there',
  ],
  [
    'select a finding',
    overBooked(1),
    {},
    [validate, (c) => c.select(c.state.findings[0]!)],
    { status: 'Selected Employees!E2.', problem: undefined },
    'the host selects the cell',
  ],
  [
    'insert the built-in template into an empty workbook',
    { sheets: [{ name: 'Sheet1', values: [] }] },
    {},
    [insert],
    {
      status: `Inserted 8 sheets from ${STUDY_TEMPLATE} version 1: ${ALL_SHEETS}. Fill in the tables, then press Validate.`,
    },
    'every sheet of the software template is new',
  ],
  [
    'insert it twice',
    { sheets: [{ name: 'Sheet1', values: [] }] },
    {},
    [insert, insert],
    {
      status: `Nothing was inserted from ${STUDY_TEMPLATE}. Skipped ${ALL_SHEETS} because sheets with those names already exist; they were not changed.`,
    },
    'existing sheets are never overwritten',
  ],
  [
    'insert the firm choice with no firm template loaded',
    overBooked(1),
    {},
    [(c) => c.choose('firm'), insert],
    { status: 'Choose a template first.' },
    'no template to insert',
  ],
  [
    'a template file one byte over the limit',
    overBooked(1),
    {},
    [(c) => c.loadTemplateFile(file('big.json', '{}', MAX_TEMPLATE_BYTES + 1))],
    {
      firm: undefined,
      templateProblem: {
        text: "“big.json” is 2,000 KB, far larger than a firm template; pick the template's .json file.",
        items: [],
      },
    },
    'boundary: MAX_TEMPLATE_BYTES + 1 is refused unread',
  ],
  [
    'a template file that cannot be read',
    overBooked(1),
    {},
    [(c) => c.loadTemplateFile({ name: 'gone.json', size: 10, text: () => Promise.reject(new Error('File moved')) })],
    { templateProblem: { text: '“gone.json” could not be read: File moved.', items: [] } },
    'a read failure is a sentence naming the file',
  ],
];

describe('controller: actions → state', () => {
  test.each(CASES)('%s', async (_case, workbook, hostOptions, actions, expected) => {
    const c = createController(createMemoryHost(workbook, hostOptions));
    for (const act of actions) await act(c);
    expect(c.state).toMatchObject(expected);
    // Whatever ran, no action is left busy.
    expect(c.state.busy).toEqual({ validate: false, highlight: false, insert: false, shortNames: false });
  });
});

describe('controller: findings and firm templates', () => {
  test('one over-booked employee: its error, then a note per missing table', async () => {
    const c = createController(createMemoryHost(overBooked(1)));
    await c.validate();
    expect(c.state.findings.map((f) => `${f.severity} ${f.cell} ${f.rule}`)).toEqual([
      'error Employees!E2 wages/pct-out-of-bounds',
      'info Contractors!A1 table/missing',
      'info Supplies!A1 table/missing',
      'info Components!A1 table/missing',
      "info 'Prior Years'!A1 table/missing",
      'info About!A1 table/missing',
    ]);
  });

  test('a file that is not JSON: one sentence, no list, nothing loaded', async () => {
    const c = createController(createMemoryHost(overBooked(1)));
    await c.loadTemplateFile(file('notes.json', 'hello'));
    expect(c.state.firm).toBeUndefined();
    expect(c.state.templateProblem?.text).toMatch(
      /^“notes\.json” is not a firm template: it is not JSON \(.+\)\. A firm/,
    );
    expect(c.state.templateProblem?.items).toEqual([]);
  });

  test('subscribers hear every change and stop hearing after dispose', async () => {
    const c = createController(createMemoryHost(overBooked(1)));
    const statuses: string[] = [];
    c.subscribe((s) => statuses.push(s.status));
    await c.toggleHighlight();
    expect(statuses[statuses.length - 1]).toBe(
      'Highlighting is on: press Validate and the cells with findings will be marked.',
    );
    c.dispose();
    const heard = statuses.length;
    await c.validate();
    expect(statuses.length).toBe(heard);
  });
});
