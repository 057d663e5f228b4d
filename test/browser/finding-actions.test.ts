/**
 * Fix, Undo, Waive and Export in the real Excel task pane (the built bundles, headless Debian
 * Chromium, the fake Excel of test/excel/fake-excel.ts) at 300 px, issue 13 §2 and §4: Fix writes
 * the one cell and Undo puts it back; a waiver with a reason is still there after reopening the
 * workbook (a new pane over the same cells) and lapses when the cell is edited; Export saves the
 * findings report as a download holding the findings, with workbook text escaped. The pane never
 * scrolls sideways. A screenshot of each step goes to test-results/screenshots/.
 */
import * as fs from 'fs';
import type { Page } from 'playwright-core';
import type { FakeCell, FakeSpec, FakeState } from '../excel/fake-excel';
import { openPage, startHarness, type Harness, type OpenedPage } from './excel-harness';
import { screenshotPath } from './screenshots';

declare const document: {
  querySelector(selector: string): { readonly textContent: string | null; readonly disabled?: boolean } | null;
  querySelectorAll(selector: string): { readonly length: number };
  readonly documentElement: { readonly scrollWidth: number; readonly clientWidth: number };
};
declare const window: unknown;

const WIDTH = 300;
const HOSTILE = '<img src=x onerror=alert(1)>';
const HEADER = ['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %', 'Business Component'];
/** Employees!E2 holds 85 (an R&D % typed whole: wages/pct-out-of-bounds, fix 0.85); the name in A3 is markup. */
const spec = (): FakeSpec => ({
  sheets: [
    {
      name: 'Employees',
      values: [
        HEADER,
        ['Ann', 'Software Developer', 'US', 100000, 85, 'Search ranking'],
        [HOSTILE, 'Software Developer', 'Canada', 90000, 0.5, 'Search ranking'],
      ] as FakeCell[][],
    },
  ],
});

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

async function pane(s: FakeSpec): Promise<OpenedPage> {
  const o = await openPage(h, '/taskpane.html', s, { width: WIDTH, height: 900 });
  opened.push(o);
  await o.page.waitForSelector('[data-action="validate"]');
  return o;
}
const fake = (page: Page): Promise<FakeState> => page.evaluate(() => (window as { __fake: FakeState }).__fake);
const actText = (page: Page) => page.$eval('[data-part="act"]', (e) => e.textContent ?? '');
async function validated(page: Page): Promise<void> {
  await page.click('[data-action="validate"]');
  await page.waitForSelector('button[data-action="group"]');
}
const noSideScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe(`finding actions in the Excel task pane at ${WIDTH} px`, () => {
  test('Fix sets Employees!E2 to 0.85 and nothing else; Undo puts back 85', async () => {
    const { page, errors, external, dialogs } = await pane(spec());
    await validated(page);
    const fix = 'button[data-action="fix"][data-for="Employees!E2"]';
    expect(await page.textContent(fix)).toBe('Fix: set Employees!E2 to 0.85');
    expect(await noSideScroll(page)).toBe(true);
    await page.click(fix);
    await page.waitForSelector('[data-part="act"] button[data-action="undo"]');
    expect(await actText(page)).toContain('Set Employees!E2 to 0.85 (it held 85); nothing else was changed.');
    const after = (await fake(page)).sheets[0]!.values;
    expect(after).toEqual([
      ...spec().sheets[0]!.values.slice(0, 1),
      [...spec().sheets[0]!.values[1]!.slice(0, 4), 0.85, 'Search ranking'],
      spec().sheets[0]!.values[2],
    ]);
    // The fixed finding is gone from the list.
    expect(await page.$(fix)).toBeNull();
    await page.screenshot({ path: screenshotPath(`finding-fix-${WIDTH}.png`), fullPage: true });
    await page.click('[data-action="undo"]');
    await page.waitForFunction(() =>
      (document.querySelector('[data-part="act"]')?.textContent ?? '').startsWith('Put back'),
    );
    expect((await fake(page)).sheets[0]!.values).toEqual(spec().sheets[0]!.values);
    await page.waitForSelector(fix);
    expect([errors, external, dialogs]).toEqual([[], [], []]);
  });

  test('Waive with a reason → reopen → still waived → edit the cell → lapsed and the finding back', async () => {
    const first = await pane(spec());
    await validated(first.page);
    await first.page.click('button[data-action="waive"][data-for="Employees!E2"]');
    // The reason is required: Confirm with nothing says so and writes nothing.
    await first.page.click('[data-action="waive-confirm"]');
    expect(await first.page.textContent('[data-part="waive-problem"]')).toMatch(/^Give a reason/);
    expect((await fake(first.page)).sheets.map((s) => s.name)).toEqual(['Employees']);
    await first.page.fill('textarea[data-action="waive-reason"]', '=1+1 time records show 85 of 100 hours');
    expect(await noSideScroll(first.page)).toBe(true);
    await first.page.screenshot({ path: screenshotPath(`finding-waive-${WIDTH}.png`), fullPage: true });
    await first.page.click('[data-action="waive-confirm"]');
    await first.page.waitForFunction(() =>
      (document.querySelector('[data-part="act"]')?.textContent ?? '').startsWith('Waived'),
    );
    const book = await fake(first.page);
    const waivers = book.sheets.find((s) => s.name === 'Waivers')!;
    expect(waivers.values[1]?.slice(0, 4)).toEqual([
      'wages/pct-out-of-bounds',
      'Employees!E2',
      '85',
      '=1+1 time records show 85 of 100 hours',
    ]);
    expect(waivers.formulas ?? {}).toEqual({});

    // Reopened: a new pane over the cells as saved.
    const saved: FakeSpec = { sheets: book.sheets.map((s) => ({ name: s.name, values: s.values })) };
    const second = await pane(saved);
    await validated(second.page);
    expect(await second.page.$('button[data-action="fix"][data-for="Employees!E2"]')).toBeNull();
    await second.page.click('button[data-action="group"][data-group="waived"]');
    expect(await second.page.textContent('.rdcs-finding-waived .rdcs-waiver')).toContain(
      'while Employees!E2 holds 85: =1+1 time records show 85 of 100 hours',
    );
    await second.page.screenshot({ path: screenshotPath(`finding-waived-${WIDTH}.png`), fullPage: true });

    // The cell is edited (86): Validate brings the finding back and says the waiver lapsed.
    const edited: FakeSpec = {
      sheets: saved.sheets.map((s) =>
        s.name === 'Employees'
          ? { ...s, values: s.values.map((r, i) => (i === 1 ? [...r.slice(0, 4), 86, r[5]!] : r)) }
          : s,
      ),
    };
    const third = await pane(edited);
    await validated(third.page);
    await third.page.waitForSelector('button[data-rule="wages/pct-out-of-bounds"][data-cell="Employees!E2"]');
    expect(await third.page.$('button[data-action="group"][data-group="rule:waiver/lapsed"]')).not.toBeNull();
    expect(await third.page.$('button[data-action="group"][data-group="waived"]')).toBeNull();
  });

  test('Export saves the findings report (HTML and CSV) as downloads; workbook markup stays text', async () => {
    const { page, dialogs } = await pane(spec());
    await validated(page);
    const [html] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-html"]')]);
    expect(html.suggestedFilename()).toMatch(/^findings-\d{4}-\d{2}-\d{2}\.html$/);
    const text = fs.readFileSync((await html.path())!, 'utf8');
    expect(text).toContain('<td class="cell">Employees!E2</td><td class="rule">wages/pct-out-of-bounds</td>');
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).not.toContain(HOSTILE);
    expect(await page.textContent('[data-part="export-result"]')).toMatch(/^Saved findings-.*\.html \(\d+ findings\)/);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-csv"]')]);
    const rows = fs.readFileSync((await csv.path())!, 'utf8').split('\r\n');
    expect(rows[0]).toBe(
      'file,severity,rule,sheet,cell,message,citation,waived,waiver_reason,waiver_value,waiver_reviewer,waiver_date',
    );
    expect(rows.some((r) => r.includes(',wages/pct-out-of-bounds,Employees,Employees!E2,'))).toBe(true);
    expect(dialogs).toEqual([]);
  });

  test('50,000 findings of one rule: one closed group; opened, 200 findings and "Show 200 more (49,800 not shown)"', async () => {
    const values: FakeCell[][] = [HEADER];
    for (let i = 0; i < 50_000; i++) values.push([`E${i}`, 'Software Developer', 'US', 100000, 1.5, 'Search']);
    const { page } = await pane({ sheets: [{ name: 'Employees', values }] });
    await validated(page);
    const group = 'button[data-action="group"][data-group="rule:wages/pct-out-of-bounds"]';
    expect(await page.getAttribute(group, 'aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.querySelectorAll('li.rdcs-finding').length)).toBe(0);
    await page.click(group);
    await page.waitForSelector('button[data-action="more"]');
    expect(await page.evaluate(() => document.querySelectorAll('li.rdcs-finding').length)).toBe(200);
    expect(await page.textContent('button[data-action="more"]')).toBe('Show 200 more (49,800 not shown)');
    expect(await noSideScroll(page)).toBe(true);
  });
});
