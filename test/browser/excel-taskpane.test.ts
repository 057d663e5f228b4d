/**
 * The Excel task pane (excel-addin/dist/taskpane.html, the real bundles) in headless Chromium,
 * with Office.js replaced by a fake Excel object model: Validate → findings by severity →
 * a click or Enter selects the cell in "Excel"; workbook text that looks like HTML stays text;
 * marks restore what they replaced; templates insert without overwriting; bad input and a
 * failing Excel end as sentences with the buttons still working; nothing reaches the network.
 */
import type { Page } from 'playwright-core';
import { demoWorkbook, DEMO_HTML_CELL } from '@panel/demo-study';
import { bounded } from '@panel/text';
import { CATALOGUE } from '@core/catalogue';
import { BUILTIN_TEMPLATES } from '@core/templates';
import type { FakeCell, FakeSpec, FakeState } from '../excel/fake-excel';
import { openPage, startHarness, type Harness, type OpenedPage } from './excel-harness';
import { screenshotPath } from './screenshots';

// The callbacks passed to page.evaluate / waitForFunction run in the page; the repo's tsconfig
// has no DOM lib (and must not: core is checked without it), so declare the little they touch.
interface PageNode {
  readonly textContent: string | null;
  readonly disabled?: boolean;
  getAttribute(name: string): string | null;
}
declare const document: {
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): ArrayLike<PageNode>;
  readonly documentElement: { readonly scrollWidth: number };
  readonly activeElement: PageNode | null;
};
declare const window: unknown;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const opened: OpenedPage[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.context.close();
});

function demoSpec(): FakeSpec {
  return { sheets: demoWorkbook().sheets.map((s) => ({ name: s.name, values: s.values as FakeCell[][] })) };
}

async function open(spec: FakeSpec, width = 340): Promise<OpenedPage> {
  const o = await openPage(h, '/taskpane.html', spec, { width, height: 900 });
  opened.push(o);
  await o.page.waitForSelector('[data-action="validate"]');
  return o;
}

const fake = (page: Page): Promise<FakeState> =>
  page.evaluate(() => (window as unknown as { __fake: FakeState }).__fake);

async function validate(page: Page): Promise<void> {
  await page.click('[data-action="validate"]');
  await page.waitForFunction(() => {
    const b = document.querySelector('[data-action="validate"]');
    const status = document.querySelector('[data-part="result-validate"]')?.textContent ?? '';
    return b !== null && b.disabled !== true && !status.startsWith('Reading');
  });
}

const text = (page: Page, part: string): Promise<string> =>
  page.$eval(`[data-part="${part}"]`, (e) => e.textContent ?? '');

/** Open every closed group of findings (notes and big groups start closed), one at a time: each click redraws the list. */
async function openGroups(page: Page): Promise<void> {
  for (;;) {
    const closed = await page.$('button[data-action="group"][aria-expanded="false"]');
    if (!closed) return;
    await closed.click();
  }
}

describe('Excel task pane, against a fake Excel', () => {
  test('the custom functions load in the same page (shared runtime): every catalogue id is associated', async () => {
    const { page } = await open(demoSpec());
    const state = await fake(page);
    // Every catalogue function, no more and no less (the catalogue is the one list).
    expect(Object.keys(state.associated).sort()).toEqual(CATALOGUE.map((f) => f.name).sort());
  });

  test('Validate: findings grouped by rule, errors first, notes closed, with counts; one values load per sheet', async () => {
    const { page, errors, external } = await open(demoSpec());
    await validate(page);
    expect(await text(page, 'counts')).toMatch(/^\d+ findings: \d+ errors, \d+ warnings, \d+ notes\.$/);
    const groups = await page.$$eval('section[data-group]', (els) =>
      els.map((e) => ({
        severity: e.getAttribute('data-severity'),
        group: e.getAttribute('data-group'),
        open: e.querySelector('button[data-action="group"]')?.getAttribute('aria-expanded'),
      })),
    );
    // Most severe first; one group a rule; notes start closed, small error groups open.
    const rank = { error: 0, warning: 1, info: 2 } as Record<string, number>;
    const ranks = groups.map((g) => rank[g.severity ?? 'info']);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(groups.map((g) => g.severity))).toEqual(new Set(['error', 'warning', 'info']));
    expect(groups.every((g) => g.group?.startsWith('rule:'))).toBe(true);
    expect(groups.filter((g) => g.severity === 'info').every((g) => g.open === 'false')).toBe(true);
    expect(groups[0]?.open).toBe('true');
    const state = await fake(page);
    const withData = demoSpec()
      .sheets.filter((s) => s.values.some((r) => r.some((v) => v !== null && v !== '')))
      .map((s) => s.name);
    expect([...state.valueLoads].sort()).toEqual([...withData].sort());
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });

  test('clicking a finding selects its cell; Enter and Space on a focused finding do too', async () => {
    const { page } = await open(demoSpec());
    await validate(page);
    await openGroups(page);
    await page.click('button[data-cell="Employees!C3"]');
    await page.waitForFunction(() =>
      (document.querySelector('[data-part="result-select"]')?.textContent ?? '').startsWith('Selected'),
    );
    expect((await fake(page)).selected).toEqual({ sheet: 'Employees', address: 'C3' });
    expect(await page.getAttribute('button[data-cell="Employees!C3"]', 'aria-current')).toBe('true');

    await page.focus('button[data-cell="Contractors!I3"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => (document.querySelector('[data-part="result-select"]')?.textContent ?? '') === 'Selected Contractors!I3.',
    );
    expect((await fake(page)).selected).toEqual({ sheet: 'Contractors', address: 'I3' });

    await page.focus(`button[data-cell="'Prior Years'!B4"]`);
    await page.keyboard.press('Space');
    await page.waitForFunction(
      () => (document.querySelector('[data-part="result-select"]')?.textContent ?? '') === "Selected 'Prior Years'!B4.",
    );
    expect((await fake(page)).selected).toEqual({ sheet: 'Prior Years', address: 'B4' });
  });

  test('a cell holding <img src=x onerror=alert(1)> is shown as text and runs nothing', async () => {
    const { page, dialogs } = await open(demoSpec());
    await validate(page);
    const message = await page.$eval('button[data-cell="Supplies!F5"] .rdcs-message', (e) => e.textContent ?? '');
    expect(message).toContain(DEMO_HTML_CELL);
    expect(await page.$$eval('.rdcs-panel img', (els) => els.length)).toBe(0);
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
  });

  test('Highlight marks the finding cells and clearing restores exactly the fills they had', async () => {
    const spec = demoSpec();
    spec.sheets.find((s) => s.name === 'Employees')!.fills = { C3: { color: '#00FF00', pattern: 'Solid' } };
    const { page } = await open(spec);
    await validate(page);
    await page.click('[data-action="highlight"]');
    await page.waitForFunction(() =>
      (document.querySelector('[data-part="result-highlight"]')?.textContent ?? '').startsWith('Marked'),
    );
    expect(await page.getAttribute('[data-action="highlight"]', 'aria-pressed')).toBe('true');
    let employees = (await fake(page)).sheets.find((s) => s.name === 'Employees')!;
    expect(employees.fills!.C3.color).not.toBe('#00FF00');
    // Dev Shah's wage "see payroll" (cell/not-a-number): the error colour.
    expect(employees.fills!.D5).toEqual({ color: '#F8CBAD', pattern: 'Solid' });
    await page.click('[data-action="highlight"]');
    await page.waitForFunction(() =>
      (document.querySelector('[data-part="result-highlight"]')?.textContent ?? '').startsWith('Removed'),
    );
    employees = (await fake(page)).sheets.find((s) => s.name === 'Employees')!;
    expect(employees.fills).toEqual({ C3: { color: '#00FF00', pattern: 'Solid' } });
  });

  test('an empty workbook gets a sentence; Insert template adds the sheets; the study then shows its template', async () => {
    const { page } = await open({ sheets: [{ name: 'Sheet1', values: [] }] });
    await validate(page);
    expect(await text(page, 'lead')).toMatch(/^This workbook is empty\. Insert a template/);
    await page.click('[data-action="view-template"]');
    await page.selectOption('[data-action="template-choice"]', 'builtin:ai-ml');
    await page.click('[data-action="insert"]');
    await page.waitForFunction(() =>
      (document.querySelector('[data-part="result-insert"]')?.textContent ?? '').startsWith('Inserted'),
    );
    const state = await fake(page);
    expect(state.sheets.map((s) => s.name)).toEqual([
      'Sheet1',
      'Employees',
      'Allocations',
      'Contractors',
      'Supplies',
      'Components',
      'Prior Years',
      'Roles',
      'Summary',
      'Form 6765',
      'About',
    ]);
    await validate(page);
    expect(await text(page, 'study')).toContain('Made from template “ai-ml” version 1');
  });

  test('inserting next to an existing sheet skips it and says so', async () => {
    const { page } = await open({ sheets: [{ name: 'Employees', values: [['my own']] }] });
    await page.click('[data-action="view-template"]');
    await page.click('[data-action="insert"]');
    await page.waitForFunction(() =>
      (document.querySelector('[data-part="result-insert"]')?.textContent ?? '').includes('Skipped'),
    );
    expect(await text(page, 'result-insert')).toMatch(
      /Skipped Employees because a sheet with that name already exists; it was not changed\./,
    );
    expect((await fake(page)).sheets[0].values).toEqual([['my own']]);
  });

  test('a workbook without study tables gets a sentence naming its sheets', async () => {
    const { page } = await open({
      sheets: [
        {
          name: 'Data',
          values: [
            ['x', 'y'],
            [1, 2],
          ],
        },
      ],
    });
    await validate(page);
    expect(await text(page, 'lead')).toMatch(/no study tables: none of its sheets \(“Data”\) is named Employees/);
  });

  test('a renamed header gets a sentence and the missing-column error', async () => {
    const { page } = await open({
      sheets: [
        {
          name: 'Employees',
          values: [
            ['Employee', 'Role', 'Location', 'Salary', 'R&D %', 'Business Component'],
            ['Ada', 'Software Developer', 'US', 100000, 0.9, 'Engine'],
          ],
        },
      ],
    });
    await validate(page);
    expect(await text(page, 'lead')).toMatch(
      /Employees is missing a required column.*if a header was renamed, change it back/,
    );
    expect(
      await page.$$eval('button[data-rule="table/missing-column"]', (els) =>
        els.map((e) => e.getAttribute('data-cell')),
      ),
    ).toEqual(['Employees!G1']); // W-2 Box 1 Wages: one finding, at the first free header cell
  });

  test('a firm template that is not JSON is refused in a sentence', async () => {
    const { page } = await open(demoSpec());
    await page.click('[data-action="view-template"]');
    await page.setInputFiles('[data-action="template-file"]', {
      name: 'firm.json',
      mimeType: 'application/json',
      buffer: Buffer.from('<html>not a template</html>'),
    });
    await page.waitForSelector('[data-part="template-problem"] .rdcs-problem');
    expect(await text(page, 'template-problem')).toMatch(/^“firm\.json” is not a firm template: it is not JSON/);
  });

  test('a firm template with schema errors lists them', async () => {
    const { page } = await open(demoSpec());
    await page.click('[data-action="view-template"]');
    await page.setInputFiles('[data-action="template-file"]', {
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ id: 'x y', name: 'Bad' })),
    });
    await page.waitForSelector('[data-part="template-problem"] li');
    const items = await page.$$eval('[data-part="template-problem"] li', (els) => els.map((e) => e.textContent ?? ''));
    // One item per problem, each starting with the field it is about: the bad id, then every
    // required field the file leaves out.
    expect(items.map((i) => i.slice(0, i.indexOf(':')))).toEqual([
      'id',
      'firm',
      'version',
      'profile',
      'taxYear',
      'roles',
      'sheets',
      'summary',
    ]);
    expect(items[0]).toMatch(/^id: "x y" is not a template id; use 1–64 letters/);
    expect(items[1]).toBe('firm: missing; add the firm’s name');
  });

  test('a newer version of the firm template the study was made from shows version drift', async () => {
    const firm = {
      ...BUILTIN_TEMPLATES.software,
      id: 'acme-software',
      name: 'Acme software study',
      firm: 'Acme CPAs',
      version: '2',
    };
    const spec = demoSpec();
    const about = spec.sheets.find((s) => s.name === 'About')!;
    about.values[1][0] = 'acme-software';
    about.values[1][1] = '1';
    const { page } = await open(spec);
    await page.click('[data-action="view-template"]');
    await page.setInputFiles('[data-action="template-file"]', {
      name: 'acme.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(firm)),
    });
    await page.waitForFunction(() =>
      (document.querySelector('[data-part="template-note"]')?.textContent ?? '').startsWith('Loaded firm template'),
    );
    await validate(page);
    expect(await text(page, 'drift')).toMatch(
      /this study was made from version 1 of “acme-software”; the firm template you loaded is version 2/,
    );
    expect(await page.$$eval('button[data-rule="template/version-drift"]', (els) => els.length)).toBe(1);
  });

  test('when Excel fails, the pane says so in a sentence and Validate still works', async () => {
    const { page } = await open({ failRun: 'The workbook is in cell-edit mode.', sheets: [] });
    await validate(page);
    expect(await text(page, 'problem')).toBe(
      'Reading the workbook did not work: Excel could not read the sheets: The workbook is in cell-edit mode.',
    );
    expect(await page.isEnabled('[data-action="validate"]')).toBe(true);
  });

  test('Add short names creates LAMBDA workbook names', async () => {
    const { page } = await open(demoSpec());
    await page.click('[data-action="view-template"]');
    await page.click('[data-action="short-names"]');
    await page.waitForFunction(() =>
      (document.querySelector('[data-part="result-shortNames"]')?.textContent ?? '').startsWith('Added'),
    );
    const state = await fake(page);
    expect(state.names.RD_QRE.formula).toMatch(/^=LAMBDA\(/);
  });

  test('a rule on 250 rows is one closed group; opened, it shows 200 findings, then a button for the rest', async () => {
    const header = ['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %', 'Business Component'];
    const rows: FakeCell[][] = Array.from({ length: 250 }, (_, i) => [
      `Person ${i + 1}`,
      'Software Developer',
      'Canada',
      1000,
      0.9,
      '',
    ]);
    const { page } = await open({ sheets: [{ name: 'Employees', values: [header, ...rows] }] });
    await validate(page);
    const foreign = () => page.$$eval('button[data-rule="wages/foreign"]', (els) => els.length);
    const group = 'button[data-action="group"][data-group="rule:wages/foreign"]';
    expect(await page.getAttribute(group, 'aria-expanded')).toBe('false');
    expect(await foreign()).toBe(0);
    expect((await page.textContent(group))?.replace(/\s+/g, ' ')).toContain('wages/foreign');
    expect(await page.textContent(`${group} .rdcs-group-count`)).toBe('250');
    await page.click(group);
    expect(await foreign()).toBe(200);
    expect(await page.textContent('[data-action="more"]')).toBe('Show 50 more (50 not shown)');
    await page.click('[data-action="more"]');
    expect(await foreign()).toBe(250);
    expect(await page.$$eval('[data-action="more"]', (els) => els.length)).toBe(0);
    // The first finding just shown has the focus: the list goes on where the reader was.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe('Employees!C202');
  });

  test('severity toggles, search and the keyboard work through the findings; marks survive forced colours', async () => {
    const { page } = await open(demoSpec(), 300);
    await validate(page);
    const severities = () =>
      page.$$eval('section[data-group]', (els) => [...new Set(els.map((e) => e.getAttribute('data-severity')))]);
    expect(await severities()).toEqual(['error', 'warning', 'info']);
    // Errors only: the two other toggles off.
    await page.click('[data-action="filter-warning"]');
    await page.click('[data-action="filter-info"]');
    expect(await page.getAttribute('[data-action="filter-info"]', 'aria-pressed')).toBe('false');
    expect(await severities()).toEqual(['error']);
    expect(await text(page, 'shown')).toMatch(/^Showing \d+ of \d+ findings\.$/);
    await page.screenshot({ path: screenshotPath('findings-300-errors-only.png'), fullPage: true });
    await page.click('[data-action="filter-warning"]');
    await page.click('[data-action="filter-info"]');
    // A search narrows to the findings naming it, whatever their group.
    await page.fill('[data-action="search"]', 'Prior Years');
    await openGroups(page);
    const cells = await page.$$eval('button[data-cell]', (bs) => bs.map((b) => b.getAttribute('data-cell') ?? ''));
    expect(cells.length).toBeGreaterThan(0);
    expect(await text(page, 'shown')).toMatch(/^Showing \d+ of \d+ findings matching “Prior Years”\.$/);
    await page.fill('[data-action="search"]', 'no finding says this');
    expect(await page.textContent('.rdcs-none')).toBe('No finding matches the filters.');
    await page.fill('[data-action="search"]', '');
    // ↓ from the first row moves to the next row; End to the last; Home back; Enter on a finding selects its cell.
    const rows = () => page.$$eval('button[data-row]', (bs) => bs.length);
    await page.focus('button[data-row]');
    await page.keyboard.press('ArrowDown');
    const second = await page.evaluate(() => {
      const all = Array.from(document.querySelectorAll('button[data-row]'));
      return all.indexOf(document.activeElement as PageNode);
    });
    expect(second).toBe(1);
    await page.keyboard.press('End');
    expect(
      await page.evaluate(() => {
        const all = Array.from(document.querySelectorAll('button[data-row]'));
        return all.indexOf(document.activeElement as PageNode);
      }),
    ).toBe((await rows()) - 1);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    const cell = await page.evaluate(() => document.activeElement?.getAttribute('data-cell'));
    expect(cell).toBeTruthy();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (c) => (document.querySelector('[data-part="result-select"]')?.textContent ?? '') === `Selected ${c}.`,
      cell,
    );
    // Forced colours: severity is a mark and a word, not only a colour.
    await page.emulateMedia({ forcedColors: 'active' });
    const head = await page.$eval('section[data-severity="error"] button[data-action="group"]', (b) => b.textContent);
    expect(head).toContain('✖');
    expect(head).toContain('Error:');
    await page.screenshot({ path: screenshotPath('findings-300-forced-colors.png'), fullPage: true });
    await page.emulateMedia({ forcedColors: 'none' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    await page.screenshot({ path: screenshotPath('findings-300.png'), fullPage: true });
  });

  test('fits a 300 px pane without horizontal scrolling', async () => {
    const { page } = await open(demoSpec(), 300);
    await validate(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
  });

  test('a 1 MB About value is shown cut to 200 characters with its length, and long words wrap inside 300 px', async () => {
    const spec = demoSpec();
    const about = spec.sheets.find((s) => s.name === 'About')!;
    about.values[1][0] = 'T'.repeat(1_048_576);
    about.values[1][1] = `v${'9'.repeat(5000)}`;
    const { page } = await open(spec, 300);
    await validate(page);
    const study = await text(page, 'study');
    // 2 × (200 characters + "… (n characters in all)") and the sentence around them.
    expect(study.length).toBeLessThan(800);
    expect(study).toContain(`${'T'.repeat(200)}… (1,048,576 characters in all)`);
    expect(study).toContain('(5,001 characters in all)');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
  });

  test('a marked cell whose sheet was deleted is listed when clearing, instead of "nothing else was changed"', async () => {
    const spec = demoSpec();
    const { page } = await open(spec);
    await validate(page);
    await page.click('[data-action="highlight"]');
    await page.waitForFunction(() =>
      (document.querySelector('[data-part="result-highlight"]')?.textContent ?? '').startsWith('Marked'),
    );
    // The user deletes the Contractors sheet while it is marked.
    await page.evaluate(() => {
      const f = (window as unknown as { __fake: FakeState }).__fake;
      f.sheets.splice(
        f.sheets.findIndex((s) => s.name === 'Contractors'),
        1,
      );
    });
    await page.click('[data-action="highlight"]');
    await page.waitForFunction(() =>
      (document.querySelector('[data-part="result-highlight"]')?.textContent ?? '').startsWith('Removed'),
    );
    expect(await text(page, 'result-highlight')).toBe('Removed the marks the panel could find.');
    const problem = await text(page, 'problem');
    expect(problem).toMatch(/could not be found, so their own fill was not put back/);
    expect(problem).toMatch(/Contractors!I3 \(its sheet was deleted\)/);
    expect(problem).not.toMatch(/Employees!/);
  });
});

describe('Excel task pane: study formulas that show #NAME? (a file written before the add-in loaded)', () => {
  /** A Summary whose two study formulas a program wrote (file spelling for one), both showing #NAME?, and another add-in's. */
  function stuckSpec(excelApi?: string): FakeSpec {
    return {
      ...(excelApi ? { excelApi } : {}),
      sheets: [
        ...demoSpec().sheets.filter((s) => s.name !== 'Summary'),
        {
          name: 'Summary',
          values: [
            ['Line', 'Amount'],
            ['QREs', '=RDTAX.RD_QRE(Employees!D2:D9,Employees!E2:E9)'],
            ['Credit', '=_xldudf_RDTAX_RD_ASC(B2,0,0,0)'],
            ['Other', '=CONTOSO.ADD(1,2)'],
          ],
          formulas: {
            B2: '=RDTAX.RD_QRE(Employees!D2:D9,Employees!E2:E9)',
            B3: '=_xldudf_RDTAX_RD_ASC(B2,0,0,0)',
            B4: '=CONTOSO.ADD(1,2)',
          },
          shows: { B2: '#NAME?', B3: '#NAME?', B4: '#NAME?' },
        },
      ],
    };
  }
  const note = (page: Page) => text(page, 'formulas-note');

  test.each<[string, string | undefined]>([
    ['ExcelApi 1.9+', undefined],
    ['ExcelApi 1.8 (no getSpecialCells)', '1.8'],
  ])(
    '%s: re-entered as the pane opens, said next to the button; the other add-in’s cell untouched',
    async (_n, api) => {
      const { page, errors } = await open(stuckSpec(api));
      await page.waitForFunction(() =>
        (document.querySelector('[data-part="formulas-note"]')?.textContent ?? '').startsWith('Re-entered'),
      );
      expect(await note(page)).toBe(
        'Re-entered 2 formulas on Summary that showed #NAME? so Excel recalculates them; nothing else in the workbook was changed.',
      );
      const state = await fake(page);
      expect(state.formulaWrites).toEqual([
        {
          sheet: 'Summary',
          address: 'B2:B3',
          formulas: [['=RDTAX.RD_QRE(Employees!D2:D9,Employees!E2:E9)'], ['=RDTAX.RD_ASC(B2,0,0,0)']],
        },
      ]);
      expect(state.sheets.find((s) => s.name === 'Summary')!.shows).toEqual({ B4: '#NAME?' });
      expect(errors).toEqual([]);
    },
  );

  test('on request: the button says there is nothing left to do, and writes nothing', async () => {
    const { page } = await open(stuckSpec());
    await page.waitForFunction(() =>
      (document.querySelector('[data-part="formulas-note"]')?.textContent ?? '').startsWith('Re-entered'),
    );
    await page.click('[data-action="reenter-formulas"]');
    await page.waitForFunction(() =>
      (document.querySelector('[data-part="formulas-note"]')?.textContent ?? '').startsWith('No study formula'),
    );
    expect((await fake(page)).formulaWrites).toHaveLength(1);
  });

  test('a workbook with nothing stuck: the pane says nothing and writes nothing', async () => {
    const { page } = await open(demoSpec());
    await validate(page);
    expect(await note(page)).toBe('');
    expect((await fake(page)).formulaWrites).toEqual([]);
  });
});

describe('bounded: workbook text as the panel shows it', () => {
  test.each<[string, string, number, string]>([
    ['empty', '', 200, ''],
    ['exactly 200 characters: whole', 'a'.repeat(200), 200, 'a'.repeat(200)],
    [
      '201 characters: cut at 200, with the length',
      'a'.repeat(201),
      200,
      `${'a'.repeat(200)}… (201 characters in all)`,
    ],
    ['1 MB: cut, thousands separated', 'b'.repeat(1_048_576), 200, `${'b'.repeat(200)}… (1,048,576 characters in all)`],
    [
      'a surrogate pair across the cut is not split',
      `${'a'.repeat(199)}😀xyz`,
      200,
      `${'a'.repeat(199)}… (204 characters in all)`,
    ],
  ])('%s', (_name, input, max, expected) => {
    expect(bounded(input, max)).toBe(expected);
  });
});
