/**
 * The parts the panel loads on demand (panel/src/lazy.ts; issue 13 §1): while a part loads the
 * action says so, and a part that cannot be loaded becomes one sentence next to the action, with
 * nothing in the workbook changed; the next press tries the load again. Here the loader is
 * replaced by one that fails the first time (a chunk the host could not serve).
 */
import type { CellValue } from '@core/cells';
import { createController, FORM_LOADING } from '@panel/controller';
import { createMemoryHost } from '@panel/memory-host';
import { createYearActions } from '@panel/year-actions';

const failures = { templates: 0, compute: 0 };
jest.mock('../../panel/src/lazy', () => {
  const real = jest.requireActual('../../panel/src/lazy');
  const once = (part: 'templates' | 'compute', load: () => Promise<unknown>) => () =>
    failures[part]-- > 0 ? Promise.reject(new Error('Loading chunk 624 failed.')) : load();
  return {
    ...real,
    loadTemplates: once('templates', real.loadTemplates),
    loadCompute: once('compute', real.loadCompute),
  };
});

const EMPLOYEES: CellValue[][] = [
  ['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %', 'Business Component'],
  ['Ann', 'Software Developer', 'US', 100000, 0.5, 'Search ranking'],
];
const SENTENCE =
  /^The panel could not load (the template code|Form 6765) \(Loading chunk 624 failed\.\); try again, or close and reopen the panel\.$/;

describe('a part of the panel that cannot be loaded', () => {
  beforeEach(() => {
    failures.templates = 1;
    failures.compute = 1;
  });

  test.each([
    ['Insert (the template code)', 'insert'],
    ['Load firm template (the template code)', 'load'],
    ['the Form 6765 tab (the computation)', 'form'],
  ])('%s: one sentence where the result shows, the workbook unchanged; the next try works', async (_what, action) => {
    const host = createMemoryHost({ sheets: action === 'form' ? [{ name: 'Employees', values: EMPLOYEES }] : [] });
    const before = JSON.stringify(host.workbook);
    const c = createController(host);
    const shown = (): string => {
      if (action === 'insert') return c.state.results.insert?.text ?? '';
      if (action === 'load') return c.state.templateProblem?.text ?? '';
      return c.state.form?.kind === 'unavailable' ? c.state.form.message : String(c.state.form?.kind);
    };
    const run = async () => {
      if (action === 'insert') await c.insertTemplate();
      else if (action === 'load') await c.loadTemplateFile({ name: 'firm.json', size: 2, text: async () => '{}' });
      else if (c.state.view === 'form') await c.computeForm();
      else await c.showView('form');
    };
    await run();
    expect(shown()).toMatch(SENTENCE);
    expect(JSON.stringify(host.workbook)).toBe(before);
    await run();
    // Loaded the second time: the action's own result (sheets inserted, the file judged, the form).
    if (action === 'insert') expect(shown()).toMatch(/^Inserted \d+ sheets from/);
    if (action === 'load') expect(shown()).toMatch(/is not a usable firm template/);
    // core's computation ran: its own sentence for a study without an About sheet's Tax Year
    if (action === 'form') expect(shown()).toMatch(/^The study records no Tax Year \(About sheet\)/);
  });

  test('the Template tab’s Start next year’s study: the sentence in its result, before any read, nothing changed', async () => {
    const host = createMemoryHost({ sheets: [{ name: 'Employees', values: EMPLOYEES }] });
    const before = JSON.stringify(host.workbook);
    let reads = 0;
    const read = host.readWorkbook.bind(host);
    host.readWorkbook = () => {
      reads++;
      return read();
    };
    const year = createYearActions(createController(host));
    await year.preview('roll');
    expect({ result: year.state.roll.result, reads }).toEqual({ result: expect.stringMatching(SENTENCE), reads: 0 });
    expect(JSON.stringify(host.workbook)).toBe(before);
    // The next press loads the planner, which reads and answers (this study has no Tax Year).
    await year.preview('roll');
    expect({ result: year.state.roll.result, reads }).toEqual({
      result: expect.stringMatching(/^The study records no Tax Year \(About sheet\)/),
      reads: 1,
    });
  });

  test('the Form 6765 tab says "Loading Form 6765…" while the computation loads', async () => {
    failures.compute = 0;
    const host = createMemoryHost({ sheets: [{ name: 'Employees', values: EMPLOYEES }] });
    const c = createController(host);
    const seen: string[] = [];
    c.subscribe((s) => {
      if (s.form?.kind === 'unavailable') seen.push(s.form.message);
    });
    await c.showView('form');
    expect(seen[0]).toBe(FORM_LOADING);
    // then core's computation's own answer (this study has no About sheet's Tax Year)
    expect(seen[seen.length - 1]).toMatch(/^The study records no Tax Year \(About sheet\)/);
  });
});
