/**
 * Fix, Undo, Waive and Export in the Google Sheets sidebar at 300 px (issue 13 §2, §4): the page
 * exactly as the menu serves it, google.script.run running the built Code.js over an in-memory
 * spreadsheet (sheets-harness.ts). Fix writes one cell and Undo puts it back; a waiver is still
 * there when the sidebar is opened again and lapses when the cell is edited; Export downloads the
 * report. Screenshots go to test-results/screenshots/.
 */
import * as fs from 'fs';
import type { Page } from 'playwright-core';
import { studyBook } from '../gsheets/study';
import type { FakeSpreadsheet } from '../gsheets/fake-spreadsheet';
import { screenshotPath } from './screenshots';
import { openSidebar, startSidebarBrowser, type Sidebar, type SidebarBrowser } from './sheets-harness';

declare const document: {
  querySelector(selector: string): { readonly textContent: string | null } | null;
  readonly documentElement: { readonly scrollWidth: number; readonly clientWidth: number };
};

jest.setTimeout(180_000);
const WIDTH = 300;

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

async function sidebar(book: FakeSpreadsheet): Promise<Sidebar> {
  const s = await openSidebar(browser, book);
  pages.push(s.page);
  await s.page.setViewportSize({ width: WIDTH, height: 900 });
  await s.page.click('button[data-action="validate"]');
  await s.page.waitForSelector('button[data-action="group"]');
  return s;
}
const actSays = (p: Page, start: string) =>
  p.waitForFunction((s) => (document.querySelector('[data-part="act"]')?.textContent ?? '').startsWith(s), start);
const noSideScroll = (p: Page) =>
  p.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('Fix sets Contractors!I2 to 65,000 and nothing else; Undo puts back 70,000', async () => {
  const book = studyBook();
  const before = book.snapshot();
  const { page, pageErrors, requests } = await sidebar(book);
  const fix = 'button[data-action="fix"][data-for="Contractors!I2"]';
  expect(await page.textContent(fix)).toBe('Fix: set Contractors!I2 to 65000');
  await page.click(fix);
  await actSays(page, 'Set Contractors!I2 to 65000 (it held 70000)');
  expect(book.sheet('Contractors').get(2, 9)).toBe(65000);
  expect(await noSideScroll(page)).toBe(true);
  await page.screenshot({ path: screenshotPath(`sheets-finding-fix-${WIDTH}.png`), fullPage: true });
  await page.click('[data-part="act"] button[data-action="undo"]');
  await actSays(page, 'Put back 70000 in Contractors!I2');
  expect(book.snapshot()).toBe(before);
  expect([pageErrors, requests]).toEqual([[], []]);
});

test('Waive → open the sidebar again → still waived → edit the cell → lapsed; Export downloads the report', async () => {
  const book = studyBook();
  const first = await sidebar(book);
  await first.page.click('button[data-action="waive"][data-for="Employees!E3"]');
  await first.page.fill('textarea[data-action="waive-reason"]', '+ Grace splits time; records in binder 2');
  await first.page.click('[data-action="waive-confirm"]');
  await actSays(first.page, 'Waived wages/pct-out-of-bounds on Employees!E3');
  expect(book.sheet('Waivers').values[1]?.slice(0, 4)).toEqual([
    'wages/pct-out-of-bounds',
    'Employees!E3',
    '1.2',
    '+ Grace splits time; records in binder 2',
  ]);
  expect([...book.sheet('Waivers').formulas]).toEqual([]);

  const second = await sidebar(book);
  expect(await second.page.$('button[data-rule="wages/pct-out-of-bounds"]')).toBeNull();
  await second.page.click('button[data-action="group"][data-group="waived"]');
  expect(await second.page.textContent('.rdcs-finding-waived .rdcs-waiver')).toContain(
    'while Employees!E3 holds 1.2: + Grace splits time; records in binder 2',
  );
  await second.page.screenshot({ path: screenshotPath(`sheets-finding-waived-${WIDTH}.png`), fullPage: true });
  const [download] = await Promise.all([
    second.page.waitForEvent('download'),
    second.page.click('[data-action="export-html"]'),
  ]);
  const html = fs.readFileSync((await download.path())!, 'utf8');
  expect(html).toContain('RD Credit Studio for Google Sheets');
  expect(html).toContain('<h3>Waived by a reviewer</h3>');
  expect(html).toContain('<td class="cell">Contractors!I2</td>');
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');

  book.sheet('Employees').set(3, 5, 1.25);
  const third = await sidebar(book);
  await third.page.waitForSelector('button[data-rule="wages/pct-out-of-bounds"][data-cell="Employees!E3"]');
  expect(await third.page.$('button[data-action="group"][data-group="rule:waiver/lapsed"]')).not.toBeNull();
  expect(await third.page.$('button[data-action="group"][data-group="waived"]')).toBeNull();
});
