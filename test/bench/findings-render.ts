/**
 * Benchmark (issue 13 §2, §4): the Findings view with 50,000 findings, in the real Excel task
 * pane (excel-addin/dist, headless Debian Chromium, the fake Excel) at 300 px. The study has
 * 50,000 employees with R&D % 150% — 50,000 wages/pct-out-of-bounds errors, one rule — so the
 * list is one group (closed: over OPEN_AT_MOST) and opening it draws a page of 200.
 *
 * Printed, never asserted: the view's own measure of building the list and its DOM
 * (`rdcs:findings-draw`, performance.measure in panel/src/views/findings.ts) against a 250 ms
 * first-paint budget; the time from pressing Validate to the first screen (reading 50,000 rows
 * from the fake Excel and validating them included); and opening the 50,000-finding group.
 * Needs excel-addin/dist (npm run build:excel) and /usr/bin/chromium.
 */
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import { distProblem } from '../../scripts/dist-stamp';
import { CHROMIUM, openPage, startHarness } from '../browser/excel-harness';
import type { FakeCell } from '../excel/fake-excel';

const FINDINGS = 50_000;
const BUDGET_MS = 250;
const WIDTH = 300;

declare const document: {
  querySelectorAll(selector: string): { readonly length: number };
};
declare function requestAnimationFrame(f: () => void): number;
declare const window: { performance: { getEntriesByName(n: string): { duration: number }[] } };

export async function benchFindingsRender(): Promise<string[]> {
  const stale = distProblem('excel-addin');
  if (stale) return [stale];
  if (!fs.existsSync(CHROMIUM)) return [`skipped: ${CHROMIUM} is missing`];
  const values: FakeCell[][] = [['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %', 'Business Component']];
  for (let i = 0; i < FINDINGS; i++) values.push([`E${i}`, 'Software Developer', 'US', 100000, 1.5, 'Search']);
  const h = await startHarness();
  try {
    const o = await openPage(
      h,
      '/taskpane.html',
      { sheets: [{ name: 'Employees', values }] },
      { width: WIDTH, height: 900 },
    );
    await o.page.waitForSelector('[data-action="validate"]');
    const t0 = performance.now();
    await o.page.click('[data-action="validate"]');
    await o.page.waitForSelector('button[data-action="group"][data-group="rule:wages/pct-out-of-bounds"]');
    // The frame after the list is in the DOM: what the user sees.
    await o.page.evaluate(
      () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
    );
    const total = performance.now() - t0;
    const draws = () =>
      o.page.evaluate(() => window.performance.getEntriesByName('rdcs:findings-draw').map((e) => e.duration));
    const draw = (await draws())[0] ?? NaN;
    const t1 = performance.now();
    await o.page.click('button[data-action="group"][data-group="rule:wages/pct-out-of-bounds"]');
    await o.page.waitForSelector('button[data-action="more"]');
    await o.page.evaluate(
      () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
    );
    const open = performance.now() - t1;
    const rows = await o.page.evaluate(() => document.querySelectorAll('li.rdcs-finding').length);
    const openDraw = (await draws()).pop() ?? NaN;
    await o.context.close();
    return [
      `Findings view, ${FINDINGS.toLocaleString('en-US')} findings of one rule, Excel task pane at ${WIDTH} px (headless Chromium):`,
      `list built and drawn (rdcs:findings-draw): ${draw.toFixed(1)} ms (first-paint budget ${BUDGET_MS} ms) — ${draw <= BUDGET_MS ? 'met' : 'NOT met'}`,
      `Validate pressed → first screen (reading ${FINDINGS.toLocaleString('en-US')} rows from the fake Excel and validating included): ${total.toFixed(0)} ms`,
      `opening the ${FINDINGS.toLocaleString('en-US')}-finding group, a page of ${rows} rows and "Show more": drawn in ${openDraw.toFixed(1)} ms (budget ${BUDGET_MS} ms) — ${openDraw <= BUDGET_MS ? 'met' : 'NOT met'}; click to next frame ${open.toFixed(0)} ms`,
    ];
  } finally {
    await h.stop();
  }
}
