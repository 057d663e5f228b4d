/**
 * The Form 6765 tab of the panel, in the Excel task pane (excel-addin/dist/taskpane.html, the
 * real bundle) against the fake Excel, 300 px wide: the tab computes the form from the study
 * Validate read; sections open and close by mouse and keyboard (aria-expanded); a line that is
 * not computed says why, and "Go to" selects the cell that blocks it in "Excel" exactly as a
 * finding does; the values are core's computeStudy to the cent; a business component named
 * `<img src=x onerror=alert(1)>` is text. Screenshots go to /tmp/shots (as csp.test.ts's do).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { computeStudy } from '@core/compute';
import { FORM_6765_SECTIONS, type Form6765Result } from '@core/form6765';
import { FORM_LOADING } from '@panel/controller';
import { demoWorkbook, DEMO_HTML_CELL } from '@panel/demo-study';
import { formatAmount, formatLineValue } from '@panel/form-text';
import type { MemoryWorkbook } from '@panel/memory-host';
import type { FakeCell, FakeSpec, FakeState } from '../excel/fake-excel';
import { openPage, startHarness, type Harness, type OpenedPage } from './excel-harness';
import { SCREENSHOTS } from './screenshots';

// The callbacks passed to page.evaluate / waitForFunction run in the page (no DOM lib here).
interface PageNode {
  readonly textContent: string | null;
  readonly hidden?: boolean;
  getAttribute(name: string): string | null;
}
declare const document: {
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): { readonly length: number };
  readonly documentElement: { readonly scrollWidth: number };
  readonly activeElement: PageNode | null;
};
declare const window: unknown;
type CellValueLike = string | number | null;

jest.setTimeout(120_000);

const WIDTH = 300;

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

const specOf = (wb: MemoryWorkbook): FakeSpec => ({
  sheets: wb.sheets.map((s) => ({ name: s.name, values: s.values as FakeCell[][] })),
});

/**
 * The demo study with the two problems that block line 42 fixed — Dev Shah's "see payroll"
 * (Employees!D5) becomes a wage and Ada Park's second row (Employees row 7) is removed — so
 * every line computes.
 */
function cleanStudy(): MemoryWorkbook {
  const wb = demoWorkbook();
  const emp = wb.sheets.find((s) => s.name === 'Employees');
  const dev = emp?.values[4];
  if (!emp || !dev || dev[3] !== 'see payroll' || emp.values[6]?.[0] !== 'Ada Park')
    throw new Error('the demo study changed: Employees!D5 is not "see payroll" or A7 not Ada Park');
  dev[3] = 120000;
  emp.values.splice(6, 1);
  return wb;
}

function formOf(wb: MemoryWorkbook): Form6765Result {
  const r = computeStudy({ sheets: wb.sheets });
  if (!r.ok || !r.computation.form6765) throw new Error('the study computes no Form 6765');
  return r.computation.form6765;
}

async function open(spec: FakeSpec): Promise<OpenedPage> {
  const o = await openPage(h, '/taskpane.html', spec, { width: WIDTH, height: 900 });
  opened.push(o);
  await o.page.waitForSelector('[data-action="validate"]');
  return o;
}

const fake = (page: Page): Promise<FakeState> =>
  page.evaluate(() => (window as unknown as { __fake: FakeState }).__fake);

/** Press the Form 6765 tab and wait for the form (or its sentence). */
async function showForm(page: Page): Promise<void> {
  await page.click('[data-action="view-form"]');
  // The form, or compute's sentence — not "Loading Form 6765…", which shows while the part loads.
  await page.waitForFunction(
    (loading) =>
      document.querySelector('[data-part="form"] .rdcs-form-section') !== null ||
      ![null, '', loading].includes(document.querySelector('[data-part="form-message"]')?.textContent ?? null),
    FORM_LOADING,
  );
}

const expanded = (page: Page): Promise<Record<string, string | null>> =>
  page.$$eval('button[data-action="form-section"]', (els) =>
    Object.fromEntries(els.map((e) => [e.getAttribute('data-section'), e.getAttribute('aria-expanded')])),
  );

const lineValue = (page: Page, section: string, line: string): Promise<string> =>
  page.$eval(
    `[data-section="${section}"] li[data-line="${line}"] > .rdcs-line-main .rdcs-line-value`,
    (e) => e.textContent ?? '',
  );

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
}

describe('Form 6765 tab in the Excel task pane (300 px)', () => {
  test('the tab reads the workbook once and shows the form; C and F open, the rest closed', async () => {
    const { page, errors, external } = await open(specOf(demoWorkbook()));
    await showForm(page);
    // One values load per sheet with data: the form came from the one read Validate made.
    const state = await fake(page);
    expect(new Set(state.valueLoads).size).toBe(state.valueLoads.length);
    expect(await page.getAttribute('[data-action="view-form"]', 'aria-selected')).toBe('true');
    expect(await page.$eval('#rdcs-findings-panel', (e) => (e as unknown as PageNode).hidden)).toBe(true);
    expect(await expanded(page)).toEqual({
      items: 'false',
      A: 'false',
      B: 'false',
      C: 'true',
      D: 'false',
      E: 'false',
      F: 'true',
      G: 'false',
    });
    expect(
      await page.$$eval('button[data-action="form-section"] .rdcs-sec-title', (els) => els.map((e) => e.textContent)),
    ).toEqual(FORM_6765_SECTIONS.map((s) => s.title));
    await shot(page, 'form-view-300-demo.png');
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });

  test("a line that is not computed says why, and Go to selects the cell that blocks it, as a finding's click does", async () => {
    const { page } = await open(specOf(demoWorkbook()));
    await showForm(page);
    // Line 42 is not computed: the demo plants a wage "see payroll" (Employees!D5) and Ada Park
    // on two rows at 85% + 85% (the 80% rule is per individual); compute names the cell that blocks it.
    const line42 = formOf(demoWorkbook()).lines.find((l) => l.line === '42');
    const cell = line42?.cell ?? '';
    expect(line42?.value).toBeNull();
    expect(cell).toMatch(/^Employees!(D5|E2|E7)$/);
    expect(await lineValue(page, 'F', '42')).toBe('not computed');
    expect(await page.$eval('li[data-line="42"] .rdcs-line-why', (e) => e.textContent ?? '')).toBe(line42?.note);
    await page.click('li[data-line="42"] button[data-action="form-goto"]');
    await page.waitForFunction(
      (c) => (document.querySelector('[data-part="result-select"]')?.textContent ?? '') === `Selected ${c}.`,
      cell,
    );
    expect((await fake(page)).selected).toEqual({ sheet: 'Employees', address: cell.replace('Employees!', '') });
    expect(await page.getAttribute('li[data-line="42"] button[data-action="form-goto"]', 'aria-current')).toBe('true');
    // Line 28 is not computed either, and says why (compute's methodReason).
    const demo = formOf(demoWorkbook());
    expect(demo.method).toBeNull();
    expect(await page.$eval('[data-part="form-method"]', (e) => e.textContent ?? '')).toBe(
      `Line 28 is not computed.${demo.methodReason}`,
    );
  });

  test('sections open and close with a click, Enter and Space; a closed section hides its lines', async () => {
    const { page } = await open(specOf(demoWorkbook()));
    await showForm(page);
    expect(await page.isVisible('li[data-line="6"]')).toBe(false);
    await page.click('button[data-section="A"]');
    await page.waitForSelector('li[data-line="6"]', { state: 'visible' });
    expect((await expanded(page)).A).toBe('true');
    // Line 6 is read from About!G2 (Fixed-Base % 3%): its value and where it came from.
    expect(await lineValue(page, 'A', '6')).toBe('3%');
    await page.click('li[data-line="6"] button[data-action="form-goto"]');
    await page.waitForFunction(
      () => (document.querySelector('[data-part="result-select"]')?.textContent ?? '') === 'Selected About!G2.',
    );

    await page.focus('button[data-section="F"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('li[data-line="42"]', { state: 'hidden' });
    expect((await expanded(page)).F).toBe('false');
    await page.keyboard.press('Space');
    await page.waitForSelector('li[data-line="42"]', { state: 'visible' });
    // The button keeps the focus through the redraw.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-section') ?? null)).toBe('F');
  });

  test('Section G lists the components as text: a component named <img src=x onerror=alert(1)> runs nothing', async () => {
    const { page, dialogs, errors } = await open(specOf(demoWorkbook()));
    await showForm(page);
    await page.focus('button[data-section="G"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-part="form-components"]', { state: 'visible' });
    const form = formOf(demoWorkbook());
    const names = await page.$$eval('[data-part="form-components"] .rdcs-component-name', (els) =>
      els.map((e) => e.textContent),
    );
    expect(names).toEqual(form.sectionG.components.map((c) => c.name));
    expect(names).toContain(DEMO_HTML_CELL);
    expect(await page.$$eval('.rdcs-panel img', (els) => els.length)).toBe(0);
    // The demo's line 48 is not computed, so no exemption can be shown: required from 2026 (compute says why).
    expect(form.sectionG.required).toBe(true);
    expect(await page.$eval('[data-part="form-g-status"]', (e) => e.textContent ?? '')).toBe(form.sectionG.reason);
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    await shot(page, 'form-view-300-section-g.png');
  });

  test("a complete study: every line is core's computeStudy to the cent, line 28 says which credit and why", async () => {
    const wb = cleanStudy();
    const form = formOf(wb);
    const { page } = await open(specOf(wb));
    await showForm(page);
    for (const id of ['items', 'A', 'B', 'D', 'E', 'G']) await page.click(`button[data-section="${id}"]`);
    await page.waitForSelector('[data-part="form-components"]', { state: 'visible' });
    for (const l of form.lines) {
      const shown = await lineValue(page, l.section, l.line);
      expect([l.line, shown]).toEqual([
        l.line,
        l.skipped && l.value === null ? 'skipped' : formatLineValue(l.kind, l.value),
      ]);
    }
    const line28 = form.lines.find((l) => l.line === '28');
    expect(typeof line28?.value).toBe('number');
    expect(form.method).not.toBeNull();
    expect(await page.$eval('[data-part="form-method"]', (e) => e.textContent ?? '')).toBe(
      `Line 28 uses ${form.method === 'asc' ? 'the alternative simplified credit (Section B, line 26)' : 'the regular credit (Section A, line 13)'}: ${formatAmount(line28?.value as number)}.${form.methodReason}`,
    );
    // Section G's totals, component by component.
    const totals = await page.$$eval('[data-part="form-components"] li[data-line="qre"] .rdcs-line-value', (els) =>
      els.map((e) => e.textContent),
    );
    expect(totals).toEqual(form.sectionG.components.map((c) => formatAmount(c.qre)));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    await shot(page, 'form-view-300-complete.png');
  });

  test('QREs that name no component show apart; components past 80% of line 48 are named under a disclosure', async () => {
    const wb = cleanStudy();
    const emp = wb.sheets.find((s) => s.name === 'Employees');
    const fay = emp?.values.find((r) => r[0] === 'Fay Moreno');
    const col = emp?.values[0]?.indexOf('Business Component') ?? -1;
    if (!fay || col < 0) throw new Error('the demo study has no Fay Moreno or no Business Component column');
    fay[col] = '';
    const g = formOf(wb).sectionG;
    // Fay Moreno: 120,000.00 × 30% = 36,000.00 of wages with no component (IRC §41(b)(2)(B); Section G).
    expect(g.unassigned?.qre).toBe(36000);
    const { page } = await open(specOf(wb));
    await showForm(page);
    await page.click('button[data-section="G"]');
    await page.waitForSelector('.rdcs-component-unassigned', { state: 'visible' });
    expect(
      await page.$eval('.rdcs-component-unassigned li[data-line="53"] .rdcs-line-value', (e) => e.textContent),
    ).toBe('36,000.00');
    expect(
      await page.$eval('.rdcs-component-unassigned li[data-line="qre"] .rdcs-line-value', (e) => e.textContent),
    ).toBe('36,000.00');
    const rest = g.all.slice(g.components.length);
    expect(rest.length).toBeGreaterThan(0);
    await page.click('[data-part="form-unlisted"] summary');
    expect(
      await page.$$eval('[data-part="form-unlisted"] li[data-component]', (els) =>
        els.map((e) => e.getAttribute('data-component')),
      ),
    ).toEqual(rest.map((c) => c.name));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    await page.$eval('button[data-section="G"]', (e) => (e as unknown as { scrollIntoView(): void }).scrollIntoView());
    await shot(page, 'form-view-300-unassigned.png');
  });

  test("rows in states: each state's QREs and credit are core's computeStudy to the cent; a credit not computed goes to its cell", async () => {
    // Ada Park in CA, Cara Liu in US-CA, Eli Brooks in TX, Fay Moreno in NY; Prior Years gains
    // "CA QRE" (2023–2025) and "TX QRE" with text in 2024, which blocks the TX credit.
    const wb = cleanStudy();
    const emp = wb.sheets.find((s) => s.name === 'Employees');
    const prior = wb.sheets.find((s) => s.name === 'Prior Years');
    if (!emp || !prior) throw new Error('the demo study has no Employees or Prior Years');
    const loc = emp.values[0]?.indexOf('Location') ?? -1;
    const places: Record<string, string> = {
      'Ada Park': 'CA',
      'Cara Liu': 'US-CA',
      'Eli Brooks': 'TX',
      'Fay Moreno': 'NY',
    };
    for (const r of emp.values.slice(1)) {
      const place = places[String(r[0])];
      if (place) r[loc] = place;
    }
    const ca: Record<number, number> = { 2025: 300000, 2024: 250000, 2023: 200000 };
    const tx: Record<number, CellValueLike> = { 2025: 100000, 2024: 'n/a', 2023: 100000 };
    prior.values = prior.values.map((r, i) =>
      i === 0 ? [...r, 'CA QRE', 'TX QRE'] : [...r, ca[Number(r[0])] ?? null, tx[Number(r[0])] ?? null],
    );
    const c = computeStudy({ sheets: wb.sheets });
    if (!c.ok) throw new Error(c.message);
    const states = c.computation.states;
    expect(states.byState.map((q) => q.state)).toEqual(['CA', 'NY', 'TX']);
    const { page } = await open(specOf(wb));
    await showForm(page);
    await page.waitForSelector('[data-part="form-states"]');
    const totals = await page.$$eval('[data-part="state-qres"] > li > .rdcs-line-main .rdcs-line-value', (els) =>
      els.map((e) => e.textContent),
    );
    expect(totals).toEqual([...states.byState, states.noState].map((q) => formatAmount(q.total.amount as number)));
    const credits = await page.$$eval('[data-part="state-credits"] > li > .rdcs-line-main .rdcs-line-value', (els) =>
      els.map((e) => e.textContent),
    );
    expect(credits).toEqual(
      states.credits.map((x) =>
        x.amount !== null ? formatAmount(x.amount) : x.notApplicable ? 'n/a' : 'not computed',
      ),
    );
    const caCredit = states.credits.find((x) => x.state === 'CA');
    expect(caCredit?.amount).not.toBeNull();
    expect(await page.$eval('[data-part="state-credits"] li[data-state="CA"]', (e) => e.textContent ?? '')).toContain(
      caCredit?.steps.at(-1)?.arithmetic ?? '?',
    );
    const txCell = states.credits.find((x) => x.state === 'TX')?.cell ?? '';
    expect(txCell).toMatch(/^'Prior Years'!/);
    await page.click('[data-part="state-credits"] li[data-state="TX"] button[data-action="form-goto"]');
    await page.waitForFunction(
      (cell) => (document.querySelector('[data-part="result-select"]')?.textContent ?? '') === `Selected ${cell}.`,
      txCell,
    );
    expect((await fake(page)).selected).toEqual({
      sheet: 'Prior Years',
      address: txCell.replace("'Prior Years'!", ''),
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    await shot(page, 'form-view-300-states.png');
  });

  test('a study without a tax year: the form is the sentence compute gives', async () => {
    const wb = demoWorkbook();
    const about = wb.sheets.find((s) => s.name === 'About');
    const taxYear = about?.values[0]?.indexOf('Tax Year') ?? -1;
    if (!about?.values[1] || taxYear < 0) throw new Error('the demo study has no About Tax Year');
    about.values[1][taxYear] = null;
    const { page } = await open(specOf(wb));
    await showForm(page);
    expect(await page.$eval('[data-part="form-message"]', (e) => e.textContent ?? '')).toBe(
      'The study records no Tax Year (About sheet); enter the calendar year in which the tax year begins, e.g. 2025.',
    );
  });

  test('the tabs: arrow keys move between Findings and Form 6765', async () => {
    const { page } = await open(specOf(demoWorkbook()));
    await page.focus('[data-action="view-findings"]');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-part="form"] .rdcs-form-section');
    expect(await page.getAttribute('[data-action="view-form"]', 'aria-selected')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector('#rdcs-findings-panel', { state: 'visible' });
    expect(await page.getAttribute('[data-action="view-findings"]', 'aria-selected')).toBe('true');
    expect(await page.isVisible('#rdcs-form-panel')).toBe(false);
  });
});
