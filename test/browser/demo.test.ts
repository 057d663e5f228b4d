/**
 * The demo page `npm start` serves (excel-addin/dist/demo.html): the real panel over an
 * in-memory example study, drawn as a grid. It loads with no console errors and no network;
 * Validate lists the planted problems; clicking one switches to its sheet and outlines the
 * cell, as Go to on a Form 6765 line that is not computed does; Highlight paints the cells; the
 * HTML-looking cell stays text.
 */
import { computeStudy } from '@core/compute';
import { parseCellRef } from '@panel/a1';
import { demoWorkbook, DEMO_HTML_CELL } from '@panel/demo-study';
import { openPage, startHarness, type Harness, type OpenedPage } from './excel-harness';

// The callbacks passed to page.evaluate / waitForFunction run in the page; the repo's tsconfig
// has no DOM lib (and must not: core is checked without it), so declare the little they touch.
interface PageNode {
  readonly textContent: string | null;
  readonly disabled?: boolean;
}
declare const document: {
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): { readonly length: number };
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

// Each test opens its own page, so none depends on what another clicked.
let o: OpenedPage;
beforeEach(async () => {
  o = await openPage(h, '/demo.html', { sheets: [] }, { width: 1200, height: 800 });
  await o.page.waitForSelector('[data-action="validate"]');
});
afterEach(async () => {
  await o?.context.close();
});

/** Click Validate and wait for the findings (contract/rate is one the demo plants). */
async function validated(): Promise<void> {
  await o.page.click('[data-action="validate"]');
  await o.page.waitForSelector('button[data-rule="contract/rate"]');
}

describe('demo page', () => {
  test('loads with no console errors and no network requests', async () => {
    await o.page.waitForSelector('.rdcs-wb table');
    expect(o.errors).toEqual([]);
    expect(o.external).toEqual([]);
    // A tab per sheet of the example study, in its order: the template's sheets and the Allocations table.
    const tabs = await o.page.$$eval('.rdcs-wb-tab', (els) => els.map((e) => e.textContent));
    expect(tabs).toEqual(demoWorkbook().sheets.map((s) => s.name));
    expect(tabs).toEqual(
      expect.arrayContaining([
        'Employees',
        'Allocations',
        'Contractors',
        'Supplies',
        'Components',
        'Prior Years',
        'About',
      ]),
    );
  });

  test('Validate lists the planted problems, one group a rule', async () => {
    await validated();
    const rules = await o.page.$$eval('button[data-action="group"]', (els) =>
      els.map((e) => (e.getAttribute('data-group') ?? '').replace(/^rule:/, '')),
    );
    for (const r of [
      'wages/foreign',
      'contract/rate',
      'contract/foreign',
      'contract/no-rights',
      'supplies/production-cloud',
      'supplies/depreciable',
      'wages/individual-over-100',
      'cell/not-a-number',
      'component/four-part-missing',
      'prior-years/six-percent',
    ]) {
      expect(rules).toContain(r);
    }
  });

  test('clicking a finding shows its sheet and outlines the cell', async () => {
    await validated();
    await o.page.click('button[data-rule="contract/rate"]');
    await o.page.waitForSelector('table[data-sheet="Contractors"] td.rdcs-selected');
    expect(await o.page.$eval('td.rdcs-selected', (e) => e.getAttribute('data-cell'))).toBe('I3');
    expect(await o.page.getAttribute('.rdcs-wb-tab[data-sheet="Contractors"]', 'aria-selected')).toBe('true');
  });

  test('Highlight paints the cells with findings; pressing it again removes the paint', async () => {
    await validated();
    await o.page.click('[data-action="highlight"]');
    await o.page.waitForSelector('td.rdcs-marked');
    expect(
      await o.page.$$eval('td.rdcs-marked', (els) =>
        els.map((e) => `${e.closest('table')?.getAttribute('data-sheet')}!${e.getAttribute('data-cell')}`),
      ),
    ).toEqual([
      // The Employees sheet is the one shown; each cell is a finding of the demo study.
      'Employees!E2', // Ada Park on rows 2 and 7, 85% + 85% = 170% of one wage (wages/individual-over-100)
      'Employees!C3', // Ben Ortiz in Canada (wages/foreign; one finding per cause, so no 80% note)
      'Employees!E4', // Cara Liu, Product Manager at 75%: above the role's range
      'Employees!D5', // Dev Shah's wage is "see payroll" (cell/not-a-number)
      'Employees!E5', // Dev Shah 80%: the 80% line
      'Employees!B8', // Fay Moreno's role "Growth Hacker" (wages/unknown-role)
    ]);
    await o.page.click('[data-action="highlight"]');
    await o.page.waitForFunction(() => document.querySelectorAll('td.rdcs-marked').length === 0);
  });

  test('the Form 6765 tab: Go to on a line that is not computed shows its sheet and outlines the cell', async () => {
    const r = computeStudy({ sheets: demoWorkbook().sheets });
    const line42 = r.ok ? r.computation.form6765?.lines.find((l) => l.line === '42') : undefined;
    const at = parseCellRef(line42?.cell ?? '');
    expect(line42?.value).toBeNull();
    expect(at?.sheet).toBe('Employees');
    await o.page.click('[data-action="view-form"]');
    await o.page.click('li[data-line="42"] button[data-action="form-goto"]');
    await o.page.waitForSelector('table[data-sheet="Employees"] td.rdcs-selected');
    expect(await o.page.$eval('td.rdcs-selected', (e) => e.getAttribute('data-cell'))).toBe(at?.address);
  });

  test('the HTML-looking cell is text in the grid and in the findings, and nothing ran', async () => {
    await validated();
    await o.page.click('button[data-cell="Supplies!F5"]');
    await o.page.waitForSelector('table[data-sheet="Supplies"] td.rdcs-selected');
    expect(await o.page.$eval('td.rdcs-selected', (e) => e.textContent)).toBe(DEMO_HTML_CELL);
    expect(await o.page.$$eval('img', (els) => els.length)).toBe(0);
    expect(o.dialogs).toEqual([]);
    expect(o.errors).toEqual([]);
  });
});
