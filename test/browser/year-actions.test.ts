/**
 * Start next year's study in the Excel task pane and in the Google Sheets sidebar at 300 px
 * (issue 14 §1): the built bundles in headless Debian Chromium, Excel faked by
 * test/excel/fake-excel.ts, Sheets by the built Code.js over an in-memory spreadsheet. The
 * Template tab's action shows core's plan, Confirm stays disabled until "I saved a copy" is
 * ticked, and then About's tax year is 2026 and 2025 joins Prior Years. The pane never scrolls
 * sideways. Screenshots of the preview go to test-results/screenshots/.
 */
import type { Page } from 'playwright-core';
import type { FakeCell, FakeSpec, FakeState } from '../excel/fake-excel';
import { FakeSpreadsheet, type StoredValue } from '../gsheets/fake-spreadsheet';
import { thisYear } from '../panel/year-fixtures';
import { openPage, startHarness, type Harness, type OpenedPage } from './excel-harness';
import { screenshotPath } from './screenshots';
import { openSidebar, startSidebarBrowser, type SidebarBrowser } from './sheets-harness';

declare const document: {
  querySelector(selector: string): { readonly textContent: string | null } | null;
  readonly documentElement: { readonly scrollWidth: number; readonly clientWidth: number };
};
declare const window: unknown;

jest.setTimeout(180_000);
const WIDTH = 300;

const noSideScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

/** Template tab → Start next year's study → preview → the gate → Confirm → the result line. */
async function startNextYear(page: Page, shot: string): Promise<{ confirmDisabledBefore: boolean; result: string }> {
  await page.click('[data-action="validate"]');
  await page.waitForFunction(() =>
    (document.querySelector('[data-part="result-validate"]')?.textContent ?? '').startsWith('Checked'),
  );
  await page.click('[data-action="view-template"]');
  await page.click('[data-action="roll-preview"]');
  await page.waitForSelector('[data-part="roll-preview"] li');
  expect(await page.textContent('[data-part="roll-preview"] li')).toBe('Tax year 2025 → 2026.');
  const confirmDisabledBefore = await page.isDisabled('[data-action="roll-confirm"]');
  expect(await noSideScroll(page)).toBe(true);
  await page.check('[data-action="roll-saved-copy"]');
  await page.locator('[data-part="year-roll"]').screenshot({ path: screenshotPath(shot) });
  await page.click('[data-action="roll-confirm"]');
  await page.waitForFunction(() => (document.querySelector('[data-part="result-roll"]')?.textContent ?? '') !== '');
  return { confirmDisabledBefore, result: (await page.textContent('[data-part="result-roll"]')) ?? '' };
}

describe(`Start next year's study at ${WIDTH} px`, () => {
  let h: Harness;
  let sheets: SidebarBrowser;
  const opened: OpenedPage[] = [];
  beforeAll(async () => {
    h = await startHarness();
    sheets = await startSidebarBrowser();
  });
  afterAll(async () => {
    for (const o of opened) await o.context.close();
    await h?.stop();
    await sheets?.stop();
  });

  test('Excel task pane: gated Confirm, then About 2026 and 2025 in Prior Years', async () => {
    const spec: FakeSpec = {
      sheets: thisYear().map((s) => ({
        name: s.name,
        values: s.values.map((r) => r.map((v) => (v === undefined ? null : (v as FakeCell)))),
      })),
    };
    const o = await openPage(h, '/taskpane.html', spec, { width: WIDTH, height: 900 });
    opened.push(o);
    await o.page.waitForSelector('[data-action="validate"]');
    const { confirmDisabledBefore, result } = await startNextYear(o.page, `year-actions-excel-${WIDTH}.png`);
    expect(confirmDisabledBefore).toBe(true);
    expect(result).toMatch(/^Started next year’s study: wrote \d+ cells/);
    const fake = await o.page.evaluate(() => (window as { __fake: FakeState }).__fake);
    const about = fake.sheets.find((s) => s.name === 'About')!;
    expect(about.values[1]?.[2]).toBe(2026);
    const prior = fake.sheets.find((s) => s.name === 'Prior Years')!.values.map((r) => r[0]);
    expect(prior).toEqual(expect.arrayContaining([2025, 2024, 2023]));
    expect([o.errors, o.external]).toEqual([[], []]);
  });

  test('Sheets sidebar: gated Confirm ("Make a copy" first), then About 2026 and 2025 in Prior Years', async () => {
    const book = new FakeSpreadsheet();
    for (const s of thisYear())
      book.addSheet(
        s.name,
        s.values.map((r) => r.map((v) => (v === null || v === undefined ? null : (v as StoredValue)))),
      );
    const s = await openSidebar(sheets, book);
    await s.page.setViewportSize({ width: WIDTH, height: 900 });
    expect(await s.page.textContent('[data-part="year-roll"] .rdcs-notice')).toContain('File › Make a copy');
    const { confirmDisabledBefore, result } = await startNextYear(s.page, `year-actions-sheets-${WIDTH}.png`);
    expect(confirmDisabledBefore).toBe(true);
    expect(result).toMatch(/^Started next year’s study: wrote \d+ cells/);
    expect(book.sheet('About').get(2, 3)).toBe(2026);
    expect(book.sheet('Prior Years').values.map((r) => r[0])).toEqual(expect.arrayContaining([2025, 2024, 2023]));
    expect([s.pageErrors, s.requests]).toEqual([[], []]);
    await s.page.close();
  });
});
