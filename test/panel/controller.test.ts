/**
 * The panel's controller without a DOM (panel/src/controller.ts over panel/src/memory-host.ts):
 * each row is a sequence of actions on a fresh controller and the state it must end in; the
 * Form 6765 rows also count the workbook reads and the computes (one read serves both). The
 * browser tests (test/browser/*) check the same behaviour through the views.
 */
import type { CellValue } from '@core/cells';
import type { ComputeResult, StudyComputation } from '@core/compute';
import type { Form6765Result, LineKind, LineValue } from '@core/form6765';
import type { WorkbookGrids } from '@core/study';
import {
  createController,
  FORM_NOT_COMPUTED,
  FORM_SECTIONS_OPEN_FIRST,
  initialState,
  MAX_TEMPLATE_BYTES,
  type PanelController,
  type PanelState,
  type TemplateFile,
} from '@panel/controller';
import { formatAmount, formatLineValue, formatRate, formatShare, NOT_COMPUTED } from '@panel/form-text';
import type { PanelHost } from '@panel/host';
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
const ALL_SHEETS =
  'Employees, Allocations, Contractors, Supplies, Components, Prior Years, Roles, Summary, Form 6765 and About';

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
        'This workbook is empty. Insert a template from the Template tab to start a study, or open a study workbook and press Validate again.',
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
        'This workbook has no study tables: none of its sheets (“Notes”) is named Employees, Contractors, Supplies, Components or Prior Years. Insert a template from the Template tab, or rename the sheets that hold the study.',
      ],
    },
    'a workbook that is not a study says which sheet names are expected',
  ],
  [
    'validate one over-booked employee',
    overBooked(1),
    {},
    [validate],
    {
      studyRead: true,
      counted: true,
      lead: [],
      status: 'Checked 1 table with 1 row.',
      // Shown next to Validate (in the header), not in a status line.
      results: { validate: { text: 'Checked 1 table with 1 row.', kind: 'done' } },
      about: undefined,
    },
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
      // Each half next to the button it belongs to.
      results: {
        validate: { text: 'Checked 1 table with 2 rows.', kind: 'done' },
        highlight: {
          text: 'Marked the cells of 2 findings; press Highlight cells again to remove the marks.',
          kind: 'done',
        },
      },
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
    {
      status: 'Selected Employees!E2.',
      results: { select: { text: 'Selected Employees!E2.', kind: 'done' } },
      problem: undefined,
    },
    'the host selects the cell',
  ],
  [
    'insert the built-in template into an empty workbook',
    { sheets: [{ name: 'Sheet1', values: [] }] },
    {},
    [insert],
    {
      status: `Inserted 10 sheets from ${STUDY_TEMPLATE} version 1: ${ALL_SHEETS}. Fill in the tables, then press Validate.`,
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
    expect(c.state.busy).toEqual(initialState().busy);
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

// ------------------------------------------------------------------ Form 6765

/**
 * A hand-made Form 6765 as compute returns it (core/src/form6765/result.ts): a 2026 study on
 * the ASC (line 24 = 14% × (line 20 − line 22)), one line blocked by a cell (42: text where a wage
 * belongs) and Item B not answered on the About sheet.
 */
const FORM: Form6765Result = {
  revision: '2024-12',
  taxYear: 2026,
  itemA: false,
  itemB: null,
  method: 'asc',
  methodReason: 'Credit Method is blank (About!N2): the larger credit is used — line 26 (ASC) is larger than line 13.',
  lines: [
    {
      line: 'A',
      section: 'items',
      label: 'Are you electing the reduced credit under section 280C?',
      citation: 'IRC §280C(c)(2)',
      kind: 'yes-no',
      value: false,
    },
    {
      line: 'B',
      section: 'items',
      label: 'Are you a member of a controlled group?',
      citation: 'IRC §41(f)(1)',
      kind: 'yes-no',
      value: null,
      note: 'The About sheet does not say (About!O2); enter Yes or No.',
      cell: 'About!O2',
    },
    {
      line: '42',
      section: 'F',
      label: 'Total wages for qualified services',
      citation: 'IRC §41(b)(2)(B)',
      kind: 'amount',
      value: null,
      note: 'Employees!D2 holds text where a wage belongs.',
      cell: 'Employees!D2',
    },
  ],
  sectionG: {
    required: false,
    reason: 'Optional: line 48 is at most $1,500,000 and gross receipts at most $50,000,000.',
    components: [],
    all: [],
    unassigned: null,
    listedShare: null,
  },
};

/** A 2026 study: one employee and an About sheet (Template, Version, Tax Year). */
const STUDY_2026: MemoryWorkbook = {
  sheets: [
    ...overBooked(1).sheets,
    {
      name: 'About',
      values: [
        ['Template', 'Version', 'Tax Year'],
        ['software', '1', 2026],
      ],
    },
  ],
};
const computed = (computation: Partial<StudyComputation>): ComputeResult => ({
  ok: true,
  computation: { taxYear: 2026, taxYearSource: 'About!C2', ...computation } as StudyComputation,
});

/** A memory host that counts its reads, and a compute that counts its calls and the grids it got. */
function counted(workbook: MemoryWorkbook, result: () => ComputeResult) {
  const host = createMemoryHost(workbook);
  let reads = 0;
  const read = host.readWorkbook.bind(host);
  host.readWorkbook = () => {
    reads++;
    return read();
  };
  const grids: WorkbookGrids[] = [];
  const compute = (wb: WorkbookGrids) => {
    grids.push(wb);
    return result();
  };
  const c = createController(host, { compute });
  return { c, host, grids, reads: () => reads };
}

type FormAction = (c: PanelController) => Promise<void> | void;
const showForm: FormAction = (c) => c.showView('form');
const showFindings: FormAction = (c) => c.showView('findings');

// [case, workbook, compute result, actions, reads, computes, expected state, why]
const FORM_CASES: [
  string,
  MemoryWorkbook,
  () => ComputeResult,
  FormAction[],
  number,
  number,
  Partial<PanelState>,
  string,
][] = [
  [
    'the form shown before any Validate',
    STUDY_2026,
    () => computed({ form6765: FORM }),
    [showForm],
    1,
    1,
    { view: 'form', studyRead: true, counted: true, form: { kind: 'computed', form: FORM, taxYearSource: 'About!C2' } },
    'showing the form reads the workbook once (a Validate) and computes from that read',
  ],
  [
    'Validate, then the form',
    STUDY_2026,
    () => computed({ form6765: FORM }),
    [validate, showForm],
    1,
    1,
    { view: 'form', form: { kind: 'computed', form: FORM, taxYearSource: 'About!C2' } },
    'the form is computed from the grids Validate read: no second read',
  ],
  [
    'Validate on the findings: the form is not computed',
    STUDY_2026,
    () => computed({ form6765: FORM }),
    [validate],
    1,
    0,
    { view: 'findings', form: undefined },
    'compute runs when the form is asked for, not at every Validate',
  ],
  [
    'Validate twice with the form shown',
    STUDY_2026,
    () => computed({ form6765: FORM }),
    [showForm, validate],
    2,
    2,
    { view: 'form', form: { kind: 'computed', form: FORM, taxYearSource: 'About!C2' } },
    'each Validate reads once and computes the form shown from that read',
  ],
  [
    'back to the findings and to the form again',
    STUDY_2026,
    () => computed({ form6765: FORM }),
    [showForm, showFindings, showForm],
    1,
    1,
    { view: 'form' },
    'switching tabs neither reads nor computes again',
  ],
  [
    'Validate on the findings after the form was shown',
    STUDY_2026,
    () => computed({ form6765: FORM }),
    [showForm, showFindings, validate, showForm],
    2,
    2,
    { view: 'form', form: { kind: 'computed', form: FORM, taxYearSource: 'About!C2' } },
    'a new read makes the old form stale: it is computed again from the new read when shown',
  ],
  [
    'compute says there is no tax year',
    STUDY_2026,
    () => ({ ok: false, message: 'The study records no Tax Year (About sheet); enter the calendar year.' }),
    [showForm],
    1,
    1,
    {
      form: {
        kind: 'unavailable',
        message: 'The study records no Tax Year (About sheet); enter the calendar year.',
      },
    },
    "computeStudy's {ok: false, message} is shown as it is",
  ],
  [
    'an engine that computes no Form 6765',
    STUDY_2026,
    () => computed({}),
    [showForm],
    1,
    1,
    { form: { kind: 'unavailable', message: FORM_NOT_COMPUTED } },
    'computation.form6765 undefined: one sentence, not an empty form',
  ],
  [
    'compute throws',
    STUDY_2026,
    () => {
      throw new Error('line 13 loops');
    },
    [showForm],
    1,
    1,
    { form: { kind: 'unavailable', message: 'Form 6765 could not be computed: line 13 loops.' }, problem: undefined },
    'a defect in the engine ends as a sentence in the form, the findings stay',
  ],
  [
    'an empty workbook',
    { sheets: [{ name: 'Sheet1', values: [] }] },
    () => computed({ form6765: FORM }),
    [showForm],
    1,
    0,
    {
      form: {
        kind: 'unavailable',
        message:
          'This workbook is empty, so there is no Form 6765 to compute: insert a template from the Template tab and fill it in.',
      },
    },
    'nothing to compute from: compute is not called',
  ],
  [
    'a workbook with no study tables',
    { sheets: [{ name: 'Notes', values: [['hello']] }] },
    () => computed({ form6765: FORM }),
    [showForm],
    1,
    0,
    {
      form: {
        kind: 'unavailable',
        message:
          'This workbook has no study tables (Employees, Contractors, Supplies, Components or Prior Years), so there is no Form 6765 to compute.',
      },
    },
    'not a study: compute is not called',
  ],
  [
    'sections open at first',
    STUDY_2026,
    () => computed({ form6765: FORM }),
    [showForm],
    1,
    1,
    { formOpen: { items: false, A: false, B: false, C: true, D: false, E: false, F: true, G: false } },
    'Section C (line 28, the credit) and Section F (the QREs) are open; the rest closed',
  ],
  [
    'close F, open G',
    STUDY_2026,
    () => computed({ form6765: FORM }),
    [showForm, (c) => c.toggleSection('F'), (c) => c.toggleSection('G')],
    1,
    1,
    { formOpen: { items: false, A: false, B: false, C: true, D: false, E: false, F: false, G: true } },
    'each toggle flips its own section only',
  ],
  [
    'open and close Items A and B',
    STUDY_2026,
    () => computed({ form6765: FORM }),
    [showForm, (c) => c.toggleSection('items'), (c) => c.toggleSection('items')],
    1,
    1,
    { formOpen: FORM_SECTIONS_OPEN_FIRST },
    'boundary: two toggles leave the section as it was',
  ],
  [
    "go to a line's cell",
    STUDY_2026,
    () => computed({ form6765: FORM }),
    [showForm, (c) => c.selectFormCell({ line: '42', cell: 'Employees!D2' })],
    1,
    1,
    { status: 'Selected Employees!D2.', formSelected: { line: '42', cell: 'Employees!D2' }, problem: undefined },
    'the cell that blocks line 42 is selected as a finding’s cell is',
  ],
  [
    'go to a cell written in other capitals',
    STUDY_2026,
    () => computed({ form6765: FORM }),
    [showForm, (c) => c.selectFormCell({ line: 'B', cell: 'about!O2' })],
    1,
    1,
    { status: 'Selected about!O2.' },
    'sheet names match whatever their capitals, as in Excel and Sheets',
  ],
  [
    'go to a cell on a sheet the workbook lacks',
    STUDY_2026,
    () => computed({ form6765: FORM }),
    [showForm, (c) => c.selectFormCell({ line: '50', cell: 'Allocations!C2' })],
    1,
    1,
    {
      status:
        'There is no Allocations sheet in this workbook, so there is no cell to select; add the sheet if the study needs it.',
    },
    'the same sentence a finding on a missing sheet gives',
  ],
  [
    'go to something that is not a cell',
    STUDY_2026,
    () => computed({ form6765: FORM }),
    [showForm, (c) => c.selectFormCell({ line: '42', cell: 'Employees!D2:D9' })],
    1,
    1,
    { status: 'Employees!D2:D9 is not a single cell, so there is nothing to select.' },
    'a range is never passed to the host',
  ],
];

describe('controller: Form 6765', () => {
  test.each(FORM_CASES)('%s', async (_case, workbook, result, actions, reads, computes, expected) => {
    const t = counted(workbook, result);
    for (const act of actions) await act(t.c);
    expect(t.c.state).toMatchObject(expected);
    expect(t.reads()).toBe(reads);
    expect(t.grids.length).toBe(computes);
    expect(t.c.state.busy).toEqual(initialState().busy);
  });

  test('compute gets the very grids Validate read, as the host gave them', async () => {
    const t = counted(STUDY_2026, () => computed({ form6765: FORM }));
    await t.c.validate();
    await t.c.showView('form');
    expect(t.grids).toEqual([await t.host.readWorkbook()]);
  });

  test("the selected cell is the host's selection", async () => {
    const t = counted(STUDY_2026, () => computed({ form6765: FORM }));
    await t.c.showView('form');
    await t.c.selectFormCell({ line: 'B', cell: 'About!O2' });
    expect(t.host.selected()).toEqual({ sheet: 'About', row: 2, col: 14, address: 'O2' });
  });

  test('the real engine on a study without a tax year: its sentence', async () => {
    const c = createController(createMemoryHost(overBooked(1)));
    await c.showView('form');
    expect(c.state.form).toEqual({
      kind: 'unavailable',
      message:
        'The study records no Tax Year (About sheet); enter the calendar year in which the tax year begins, e.g. 2025.',
    });
  });
});

// [case, value, shown, why]
const AMOUNTS: [string, number, string, string][] = [
  ['zero', 0, '0.00', 'an amount always shows its cents'],
  ['cents', 1234.5, '1,234.50', 'thousands separated, two decimals'],
  ['line 48 of a study', 1626050, '1,626,050.00', 'seven digits, two separators'],
  ['half a cent up', 0.005, '0.01', 'boundary: half-up at the cent (money.ts)'],
  ['a tiny negative', -0.004, '0.00', 'boundary: rounds to zero without a minus'],
  ['negative', -12, '-12.00', 'a negative amount keeps its sign'],
  ['a billion', 1e9, '1,000,000,000.00', 'never in exponent form'],
];
const RATES: [string, number, string, string][] = [
  ['start-up year 5', 0.03, '3%', 'IRC §41(c)(3)(B)(ii): 3% for years 1–5'],
  ['the cap', 0.16, '16%', 'IRC §41(c)(3)(C): not more than 16%'],
  ['one sixth of 10%', 0.1 / 6, '1.6667%', 'boundary: four decimals of a percent'],
  ['zero', 0, '0%', 'no decimals when there are none'],
];
const SHARES: [string, number, string, string][] = [
  ['two components of four', 0.942219, '94.2%', 'one decimal of a percent'],
  ['just under 80%', 0.79999, '79.9%', 'boundary: rounded down, never shown as reaching the 80% of Section G'],
  ['exactly 80%', 0.8, '80%', 'boundary: the listing stops here'],
  ['everything', 1, '100%', 'every QRE is in a listed component'],
];
const LINE_VALUES: [string, LineKind, LineValue, string][] = [
  ['not computed', 'amount', null, NOT_COMPUTED],
  ['Item A yes', 'yes-no', true, 'Yes'],
  ['Item A no', 'yes-no', false, 'No'],
  ['a count', 'count', 3, '3'],
  ['a large count', 'count', 1200, '1,200'],
  ['a rate', 'rate', 0.0167, '1.67%'],
  ['an amount', 'amount', 128457.95, '128,457.95'],
  ['text', 'text', 'Computer software', 'Computer software'],
];

describe('form values as the panel shows them', () => {
  test.each(AMOUNTS)('amount: %s', (_c, n, shown) => expect(formatAmount(n)).toBe(shown));
  test.each(RATES)('rate: %s', (_c, n, shown) => expect(formatRate(n)).toBe(shown));
  test.each(SHARES)('share of line 48: %s', (_c, n, shown) => expect(formatShare(n)).toBe(shown));
  test.each(LINE_VALUES)('line value: %s', (_c, kind, v, shown) => expect(formatLineValue(kind, v)).toBe(shown));
});

describe('controller: re-entering study formulas (Excel shows #NAME? for a file written before the add-in loaded)', () => {
  type Report = Awaited<ReturnType<NonNullable<PanelHost['reenterStudyFormulas']>>>;
  const summary14: Report = { reentered: [{ sheet: 'Summary', count: 14 }], failed: [] };
  const nothing: Report = { reentered: [], failed: [] };
  const done14 =
    'Re-entered 14 formulas on Summary that showed #NAME? so Excel recalculates them; nothing else in the workbook was changed.';
  // Each row: what the host reports (or throws), on open or on request, the note next to the button.
  test.each<[string, Report | Error, boolean, string]>([
    ['on open, 14 on Summary', summary14, true, done14],
    ['on request, 14 on Summary', summary14, false, done14],
    ['on open, nothing to do: the pane says nothing', nothing, true, ''],
    [
      'on request, nothing to do: says so',
      nothing,
      false,
      'No study formula shows #NAME?, so nothing was re-entered and nothing in the workbook was changed.',
    ],
    [
      'Excel fails: the sentence goes next to the button, not into the problem box',
      new Error('Excel could not look for study formulas that show #NAME?: The workbook is busy.'),
      false,
      'Re-entering the study formulas did not work: Excel could not look for study formulas that show #NAME?: The workbook is busy.',
    ],
  ])('%s', async (_case, report, onOpen, note) => {
    let calls = 0;
    const host: PanelHost = {
      ...createMemoryHost(overBooked(1)),
      reenterStudyFormulas: async () => {
        calls++;
        if (report instanceof Error) throw report;
        return report;
      },
    };
    const c = createController(host);
    await c.reenterFormulas(onOpen);
    expect(calls).toBe(1);
    expect(c.state.formulasNote).toBe(note);
    expect(c.state.problem).toBeUndefined();
    expect(c.state.busy).toEqual(initialState().busy);
  });

  test('a host without it (Sheets, the demo): nothing happens', async () => {
    const c = createController(createMemoryHost(overBooked(1)));
    await c.reenterFormulas();
    expect(c.state.formulasNote).toBe('');
  });
});

describe('controller: a host note on a result (what an older Excel left out) is said with it', () => {
  const NOTE = 'This version of Excel could not do everything: the drop-down lists were not added.';
  test.each<[string, Partial<PanelHost>, Action[], RegExp]>([
    [
      'Insert template',
      { insertSheets: async (sheets) => ({ inserted: sheets.map((x) => x.name), skipped: [], note: NOTE }) },
      [insert],
      /^Inserted \d+ sheets .* drop-down lists were not added\. Fill in the tables, then press Validate\.$/,
    ],
    [
      'Highlight cells',
      { markCells: async () => ({ marked: 1, notMarked: 0, note: NOTE }) },
      [validate, highlight],
      /^Marked the cells of 1 finding; press Highlight cells again to remove the marks\. This version of Excel/,
    ],
    [
      'removing the marks',
      { clearMarks: async () => ({ notFound: [], note: NOTE }) },
      [validate, highlight, highlight],
      /^Removed the panel’s marks; nothing else in the workbook was changed\. This version of Excel/,
    ],
  ])('%s', async (_case, override, actions, status) => {
    const c = createController({ ...createMemoryHost(overBooked(1)), ...override });
    for (const act of actions) await act(c);
    expect(c.state.status).toMatch(status);
  });
});

describe('controller: a host call that fails is said under the button pressed, not in the problem box at the top (issue 13 §1)', () => {
  const busy = () => Promise.reject(new Error('The workbook is busy.'));
  // [case, the host call that fails, actions, the action whose result line says it, the sentence]
  test.each<[string, Partial<PanelHost>, Action[], 'highlight' | 'insert' | 'shortNames' | 'select', string]>([
    [
      'Highlight cells: marking fails',
      { markCells: busy },
      [validate, highlight],
      'highlight',
      'Marking the cells did not work: The workbook is busy.',
    ],
    [
      'Highlight cells off: removing the marks fails',
      { clearMarks: busy },
      [(c) => c.toggleHighlight(), highlight],
      'highlight',
      'Removing the marks did not work: The workbook is busy.',
    ],
    [
      'Insert template sheets: the host refuses',
      { insertSheets: busy },
      [insert],
      'insert',
      'Inserting the template did not work: The workbook is busy.',
    ],
    [
      'Add short names: the host refuses',
      { addShortNames: busy },
      [(c) => c.addShortNames()],
      'shortNames',
      'Adding short names did not work: The workbook is busy.',
    ],
  ])('%s', async (_case, failing, actions, action, sentence) => {
    const c = createController({ ...createMemoryHost(overBooked(1)), ...failing } as PanelHost);
    for (const a of actions) await a(c);
    expect(c.state.results[action]).toEqual({ text: sentence, kind: 'problem' });
    expect(c.state.problem).toBeUndefined();
  });
});
