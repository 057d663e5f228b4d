/**
 * The Google Sheets sidebar in headless Chromium. The page is exactly what the menu serves
 * (showValidateSidebar / showTemplateSidebar output of the built Code.js), with a fake
 * `google.script.run` whose calls run the real server functions of Code.js in the Apps Script
 * emulation (test/gsheets/harness.ts) over an in-memory spreadsheet, through a JSON wire as
 * google.script.run's is. No network: every request the page attempts is refused and recorded.
 */
import type { Page } from 'playwright-core';
import { FakeSpreadsheet } from '../gsheets/fake-spreadsheet';
import { HTML_CELL, STUDY, studyBook } from '../gsheets/study';
import { screenshotPath } from './screenshots';
import { openSidebar as openServed, startSidebarBrowser, type Sidebar, type SidebarBrowser } from './sheets-harness';

// Callbacks passed to page.evaluate/waitForFunction run in Chromium; the repo's Node tsconfig
// has no DOM lib, so declare the little of the page they touch.
interface PageElement {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
}
declare const document: {
  querySelector(selector: string): PageElement | null;
  readonly activeElement: PageElement | null;
};

jest.setTimeout(180_000);

let browser: SidebarBrowser;
const pages: Page[] = [];

beforeAll(async () => {
  browser = await startSidebarBrowser();
});

afterAll(async () => {
  await browser?.stop();
});

afterEach(async () => {
  while (pages.length) await pages.pop()!.close();
});

/** The sidebar as the given menu item serves it, over `book` (closed after the test). */
async function openSidebar(
  book: FakeSpreadsheet,
  menuItem: 'showValidateSidebar' | 'showTemplateSidebar' = 'showValidateSidebar',
): Promise<Sidebar> {
  const s = await openServed(browser, book, menuItem);
  pages.push(s.page);
  return s;
}

async function validate(s: Sidebar): Promise<void> {
  await s.page.click('button[data-action="validate"]');
  await s.page.waitForFunction(() => {
    const status = document.querySelector('[data-part="result-validate"]')?.textContent ?? '';
    const problem = document.querySelector('[data-part="problem"]')?.textContent ?? '';
    const lead = document.querySelector('[data-part="lead"]')?.textContent ?? '';
    return /^Checked /.test(status) || problem !== '' || lead !== '';
  });
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  // Up to 15 s: the machine running the tests may be busy.
  for (let i = 0; i < 600; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const text = (p: Page, selector: string) => p.$eval(selector, (e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim());

test('Validate → findings grouped by rule with counts → clicking one selects its cell in the spreadsheet', async () => {
  const s = await openSidebar(studyBook());
  await validate(s);
  // The problems test/gsheets/study.ts plants, in sheet and row order, plus one note: Ada
  // Lovelace's 90% is over the 80% line, so her whole wage counts (§41(b)(2)(B)).
  expect(await text(s.page, '[data-part="counts"]')).toBe('5 findings: 4 errors, 0 warnings, 1 note.');
  // One group a rule, errors first; the note's group starts closed and opens on a click.
  expect(
    await s.page.$$eval('button[data-action="group"]', (bs) =>
      bs.map((b) => [b.getAttribute('data-group'), b.getAttribute('aria-expanded')]),
    ),
  ).toEqual([
    ['rule:wages/pct-out-of-bounds', 'true'],
    ['rule:wages/foreign', 'true'],
    ['rule:contract/rate', 'true'],
    ['rule:supplies/production-cloud', 'true'],
    ['rule:wages/substantially-all', 'false'],
  ]);
  expect(
    await s.page.$$eval('section[data-severity="error"] button[data-cell]', (bs) =>
      bs.map((b) => [b.getAttribute('data-rule'), b.getAttribute('data-cell')]),
    ),
  ).toEqual([
    ['wages/pct-out-of-bounds', 'Employees!E3'], // R&D % of 120%
    ['wages/foreign', 'Employees!C4'], // research in Canada
    ['contract/rate', 'Contractors!I2'], // 70,000 ≠ 100,000 × 100% × 65%
    ['supplies/production-cloud', 'Supplies!C3'], // production environment at 50%
  ]);
  await s.page.click('button[data-group="rule:wages/substantially-all"]');
  expect(
    await s.page.$$eval('section[data-severity="info"] button[data-cell]', (bs) =>
      bs.map((b) => [b.getAttribute('data-rule'), b.getAttribute('data-cell')]),
    ),
  ).toEqual([['wages/substantially-all', 'Employees!E2']]);
  // The study's template id and version (About sheet) are shown.
  expect(await text(s.page, '[data-part="study"]')).toContain('Made from template “software” version 1');

  await s.page.click('button[data-cell="Employees!E3"]');
  await waitFor(() => s.book.active === 'Employees!E3', 'the cell to be selected');
  expect((await s.calls()).filter(([n]) => n === 'sidebarSelectCell')).toEqual([
    ['sidebarSelectCell', ['Employees!E3']],
  ]);
  expect((await s.calls())[0]).toEqual(['sidebarReadWorkbook', []]);
  expect(s.pageErrors).toEqual([]);
  expect(s.requests).toEqual([]);
});

test('a cell holding <img src=x onerror=alert(1)> is shown as text and runs nothing', async () => {
  const s = await openSidebar(studyBook());
  await validate(s);
  const message = await text(s.page, 'button[data-cell="Employees!C4"] .rdcs-message');
  expect(message).toContain(HTML_CELL);
  expect(await s.page.$$eval('#app img', (imgs) => imgs.length)).toBe(0);
  await s.page.click('button[data-cell="Employees!C4"]');
  await waitFor(() => s.book.active === 'Employees!C4', 'the cell to be selected');
  await s.page.waitForTimeout(300); // time for an injected onerror to fire, were there one
  expect(s.dialogs).toEqual([]);
  expect(s.pageErrors).toEqual([]);
});

test('Highlight marks the cells in the spreadsheet; pressing it again restores exactly what was there', async () => {
  const book = studyBook();
  book.sheet('Employees').notes.set('E3', 'Checked with HR');
  const before = book.snapshot();
  const s = await openSidebar(book);
  await validate(s);
  await s.page.click('button[data-action="highlight"]');
  await waitFor(() => book.sheet('Employees').notes.get('E3')?.startsWith('RD Credit Studio:') === true, 'the marks');
  expect(book.sheet('Contractors').backgrounds.get('I2')).toBe('#f4cccc');
  await s.page.waitForFunction(
    () => document.querySelector('button[data-action="highlight"]')?.getAttribute('aria-pressed') === 'true',
  );
  await s.page.click('button[data-action="highlight"]');
  await s.page.waitForFunction(
    () => document.querySelector('button[data-action="highlight"]')?.getAttribute('aria-pressed') === 'false',
  );
  expect(book.snapshot()).toBe(before);
});

test('Insert template… opens on the template picker; inserting twice skips what exists and says so', async () => {
  const book = studyBook({ Sheet1: [['Budget']] });
  const s = await openSidebar(book, 'showTemplateSidebar');
  expect(await s.page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('template-choice');
  await s.page.selectOption('select[data-action="template-choice"]', 'builtin:software');
  await s.page.click('button[data-action="insert"]');
  await s.page.waitForFunction(() =>
    /Inserted \d+ sheets/.test(document.querySelector('[data-part="result-insert"]')?.textContent ?? ''),
  );
  expect(book.sheets.map((x) => x.name)).toEqual([
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
  const after = book.snapshot();
  await s.page.click('button[data-action="insert"]');
  await s.page.waitForFunction(() =>
    /Nothing was inserted/.test(document.querySelector('[data-part="result-insert"]')?.textContent ?? ''),
  );
  expect(await text(s.page, '[data-part="result-insert"]')).toContain('Skipped Employees');
  expect(book.snapshot()).toBe(after);
});

test.each([
  ['not JSON', 'firm.json', 'this is { not json', /is not a firm template: it is not JSON/],
  [
    'JSON that breaks the schema',
    'firm.json',
    JSON.stringify({ id: 'acme', name: 'Acme', version: 2 }),
    /is not a usable firm template; fix/,
  ],
])(
  'a firm template file that is %s: the sidebar says what is wrong, and the spreadsheet is unchanged',
  async (_what, name, content, sentence) => {
    const book = studyBook({ Sheet1: [['Budget']] });
    const before = book.snapshot();
    const s = await openSidebar(book, 'showTemplateSidebar');
    await s.page.setInputFiles('input[data-action="template-file"]', {
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(content),
    });
    await s.page.waitForSelector('[data-part="template-problem"] .rdcs-problem');
    expect(await text(s.page, '[data-part="template-problem"]')).toMatch(sentence);
    expect(book.snapshot()).toBe(before);
    // Only the template code was asked for (read-only; panel/src/lazy.ts), nothing that touches the spreadsheet.
    expect(await s.calls()).toEqual([['sidebarChunk', ['templates']]]);
  },
);

test.each([
  [
    'no study tables',
    () =>
      studyBook({
        Sheet1: [
          ['Budget', 'Amount'],
          ['Travel', 1000],
        ],
      }),
    '[data-part="lead"]',
    /has no study tables: none of its sheets \(“Sheet1”\)/,
  ],
  [
    'a renamed header',
    () =>
      studyBook({
        ...STUDY,
        Employees: STUDY.Employees.map((r, i) => (i === 0 ? r.map((h) => (h === 'R&D %' ? 'Time share' : h)) : r)),
      }),
    '[data-part="lead"]',
    /Employees is missing a required column/,
  ],
  [
    'a table too large to read at once',
    () => {
      const b = studyBook({ Employees: [STUDY.Employees[0]] });
      b.sheet('Employees').maxRows = 300_000;
      b.sheet('Employees').set(250_000, 9, 'x');
      return b;
    },
    '[data-part="problem"]',
    /Reading the workbook did not work: The Employees sheet has 250,000 rows × 9 columns/,
  ],
])(
  'bad input (%s): the sidebar says what is wrong in a sentence; nothing changes',
  async (_what, make, selector, sentence) => {
    const book = make();
    const before = book.snapshot();
    const s = await openSidebar(book);
    await validate(s);
    expect(await text(s.page, selector)).toMatch(sentence);
    expect(book.snapshot()).toBe(before);
    expect(s.pageErrors).toEqual([]);
  },
);

test('50,000 employees: validated in the sidebar, findings listed a page at a time', async () => {
  const rows = [STUDY.Employees[0].slice(0, 6)];
  for (let i = 0; i < 50_000; i++)
    rows.push([`Employee ${i}`, 'Software Developer', i % 1000 === 0 ? 'Canada' : 'US', 100000, 0.5, 'Search ranking']);
  const s = await openSidebar(studyBook({ ...STUDY, Employees: rows }));
  await validate(s);
  expect(await text(s.page, '[data-part="result-validate"]')).toMatch(/^Checked 5 tables with 50,00\d rows\./);
  // 50 rows in Canada (every 1,000th): one wages/foreign group of 50, closed (more than 25), so the
  // page holds group rows, not 50,000 findings; opened, it lists its 50.
  const group = 'button[data-action="group"][data-group="rule:wages/foreign"]';
  expect(await s.page.getAttribute(group, 'aria-expanded')).toBe('false');
  expect(await text(s.page, `${group} .rdcs-group-count`)).toBe('50');
  expect(await s.page.$$eval('button[data-rule="wages/foreign"]', (bs) => bs.length)).toBe(0);
  expect(await s.page.$$eval('button[data-cell]', (bs) => bs.length)).toBeLessThan(30);
  await s.page.click(group);
  expect(await s.page.$$eval('button[data-rule="wages/foreign"]', (bs) => bs.length)).toBe(50);
});

test('Highlight with more findings than the sidebar marks at once: says how many were not marked; clearing restores all', async () => {
  const rows = [STUDY.Employees[0].slice(0, 6)];
  for (let i = 0; i < 600; i++) rows.push([`Employee ${i}`, 'Software Developer', 'US', 100000, 1.5, 'Search ranking']);
  const book = studyBook({ ...STUDY, Employees: rows });
  const before = book.snapshot();
  const s = await openSidebar(book);
  await validate(s);
  await s.page.click('button[data-action="highlight"]');
  await s.page.waitForFunction(() =>
    (document.querySelector('[data-part="result-highlight"]')?.textContent ?? '').includes('not highlighted'),
  );
  // Said once, by the pane: 600 cells, 500 marked, the findings of the other 100 not highlighted.
  expect(await text(s.page, '[data-part="result-highlight"]')).toMatch(
    /Marked the cells of [\d,]+ findings; [\d,]+ findings not highlighted \(the panel marks at most 500 cells at a time\)/,
  );
  expect(await text(s.page, '#host-note')).toBe('');
  const marked = book.sheets.reduce(
    (n, sh) => n + [...sh.notes.values()].filter((v) => v.startsWith('RD Credit Studio:')).length,
    0,
  );
  expect(marked).toBe(500);
  await s.page.click('button[data-action="highlight"]');
  await s.page.waitForFunction(
    () => document.querySelector('button[data-action="highlight"]')?.getAttribute('aria-pressed') === 'false',
  );
  expect(book.snapshot()).toBe(before);
});

test('Highlight, then the user deletes a marked sheet: clearing lists its cells instead of claiming everything was put back', async () => {
  const book = studyBook();
  const s = await openSidebar(book);
  await validate(s);
  await s.page.click('button[data-action="highlight"]');
  await waitFor(() => book.sheet('Contractors').backgrounds.get('I2') === '#f4cccc', 'the marks');
  await s.page.waitForFunction(
    () => document.querySelector('button[data-action="highlight"]')?.getAttribute('aria-pressed') === 'true',
  );
  book.sheets = book.sheets.filter((x) => x.name !== 'Contractors');
  await s.page.click('button[data-action="highlight"]');
  await s.page.waitForFunction(
    () => document.querySelector('button[data-action="highlight"]')?.getAttribute('aria-pressed') === 'false',
  );
  expect(await s.page.evaluate(() => document.querySelector('[data-part="result-highlight"]')?.textContent)).toBe(
    'Removed the marks the panel could find.',
  );
  const problem = (await s.page.evaluate(() => document.querySelector('[data-part="problem"]')?.textContent)) ?? '';
  expect(problem).toMatch(/could not be found, so (its|their) own fill was not put back/);
  expect(problem).toContain('Contractors!I2 (its sheet was deleted)');
  // The marks on the sheets still there came off.
  expect([...book.sheet('Employees').backgrounds.values()].filter((b) => b === '#f4cccc')).toEqual([]);
});

test('Form 6765 tab: one read of the spreadsheet; Go to on a line that is not computed selects the cell that blocks it', async () => {
  const s = await openSidebar(studyBook());
  await s.page.setViewportSize({ width: 300, height: 900 });
  await s.page.click('button[data-action="view-form"]');
  await s.page.waitForSelector('[data-part="form"] .rdcs-form-section');
  // Line 42: Grace Hopper's R&D % is 120% (Employees!E3), so line 42 and the lines after it are not computed.
  expect(await text(s.page, 'li[data-line="42"] .rdcs-line-value')).toBe('not computed');
  expect(await text(s.page, 'li[data-line="42"] .rdcs-line-why')).toContain('Employees!E3');
  await s.page.click('li[data-line="42"] button[data-action="form-goto"]');
  await waitFor(() => s.book.active === 'Employees!E3', 'the cell to be selected');
  const calls = await s.calls();
  expect(calls.filter(([n]) => n === 'sidebarReadWorkbook')).toHaveLength(1);
  expect(calls.filter(([n]) => n === 'sidebarSelectCell')).toEqual([['sidebarSelectCell', ['Employees!E3']]]);
  expect(
    await s.page.evaluate(
      () => (document as unknown as { documentElement: { scrollWidth: number } }).documentElement.scrollWidth,
    ),
  ).toBeLessThanOrEqual(300);
  await s.page.screenshot({ path: screenshotPath('form-view-300-sheets-sidebar.png'), fullPage: true });
  expect(s.pageErrors).toEqual([]);
  expect(s.requests).toEqual([]);
});
