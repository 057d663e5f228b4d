/**
 * The panel's look and layout in both hosts' harnesses (the built Excel task pane over the fake
 * Excel, and the served Sheets sidebar over the Apps Script emulation), in headless Debian
 * Chromium at the narrow widths the hosts give it (300 and 350 px): nothing wider than the pane,
 * no cell reference, rule id or file name broken inside, the three tabs by mouse and keyboard,
 * a header that stays at the top, Office's dark theme with readable contrast, forced colours,
 * and the file picker. Screenshots of each view go to test-results/screenshots/ (look-*.png).
 */
import type { Page } from 'playwright-core';
import { FORM_LOADING } from '@panel/controller';
import { demoWorkbook } from '@panel/demo-study';
import type { FakeCell, FakeSpec } from '../excel/fake-excel';
import { studyBook } from '../gsheets/study';
import { fakeOfficeScript, OFFICE_JS, startHarness, type Harness } from './excel-harness';
import { screenshotPath } from './screenshots';
import { openSidebar, startSidebarBrowser, type SidebarBrowser } from './sheets-harness';

// page.evaluate callbacks run in Chromium; the repo's Node tsconfig has no DOM lib, so declare
// the little of the page they touch.
interface Rect {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  readonly width: number;
  readonly height: number;
}
interface El {
  readonly tagName: string;
  readonly className: string;
  readonly textContent: string | null;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly parentElement: El | null;
  readonly childNodes: ArrayLike<{ readonly nodeType: number; readonly textContent: string | null }>;
  getBoundingClientRect(): Rect;
  getClientRects(): ArrayLike<Rect>;
  getAttribute(name: string): string | null;
  closest(selector: string): El | null;
}
declare const document: {
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  createRange(): {
    setStart(node: unknown, offset: number): void;
    setEnd(node: unknown, offset: number): void;
    getClientRects(): ArrayLike<Rect>;
  };
  readonly documentElement: { readonly scrollWidth: number; readonly clientWidth: number };
  readonly activeElement: El | null;
};
declare const window: {
  readonly innerWidth: number;
  readonly scrollY: number;
  scrollTo(x: number, y: number): void;
  getComputedStyle(e: El, pseudo?: string): Record<string, string>;
};

jest.setTimeout(240_000);

type HostName = 'excel' | 'sheets';
const WIDTHS = [300, 350] as const;

/** Office's theme as Excel reports it (`Office.context.officeTheme`). */
interface OfficeTheme {
  readonly bodyBackgroundColor: string;
  readonly bodyForegroundColor: string;
  readonly controlBackgroundColor: string;
  readonly controlForegroundColor: string;
  readonly isDarkTheme?: boolean;
}
/** Excel's Dark Gray / Black theme colours. */
const OFFICE_DARK: OfficeTheme = {
  bodyBackgroundColor: '#292929',
  bodyForegroundColor: '#ffffff',
  controlBackgroundColor: '#1f1f1f',
  controlForegroundColor: '#ffffff',
  isDarkTheme: true,
};
/** Excel's Colorful / White theme, from an Office without isDarkTheme (read from the background). */
const OFFICE_LIGHT: OfficeTheme = {
  bodyBackgroundColor: '#ffffff',
  bodyForegroundColor: '#000000',
  controlBackgroundColor: '#ffffff',
  controlForegroundColor: '#000000',
};

let excel: Harness;
let sheets: SidebarBrowser;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => {
  excel = await startHarness();
  sheets = await startSidebarBrowser();
});
afterAll(async () => {
  await excel?.stop();
  await sheets?.stop();
});
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

function demoSpec(): FakeSpec {
  return { sheets: demoWorkbook().sheets.map((s) => ({ name: s.name, values: s.values as FakeCell[][] })) };
}

/** The Excel task pane over the demo study, Office reporting `theme` (none: an older Office). */
async function openExcel(width: number, theme?: OfficeTheme, height = 800): Promise<Page> {
  const context = await excel.browser.newContext({ viewport: { width, height } });
  closers.push(() => context.close());
  const page = await context.newPage();
  await page.route('**/*', (route) =>
    route.request().url().startsWith(`${excel.base}/`) ? route.continue() : route.abort('blockedbyclient'),
  );
  // Office's theme, and the OfficeThemeChanged event of the Office hosts that raise it (recorded, fired by a test).
  const themeScript = theme
    ? `\nwindow.Office.context.officeTheme = ${JSON.stringify(theme)};` +
      `\nwindow.Office.EventType = { OfficeThemeChanged: 'officeThemeChanged' };` +
      `\nwindow.Office.context.document.addHandlerAsync = function (type, handler) { (window.__themeHandlers = window.__themeHandlers || []).push([type, handler]); };`
    : '';
  await page.route(OFFICE_JS, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: fakeOfficeScript() + themeScript }),
  );
  await page.addInitScript((s) => {
    (globalThis as unknown as { __FAKE_SPEC__: unknown }).__FAKE_SPEC__ = s;
  }, demoSpec());
  await page.goto(`${excel.base}/taskpane.html`);
  await page.waitForSelector('[data-action="validate"]');
  return page;
}

/** The Sheets sidebar over the study the sidebar tests use. */
async function openSheets(width: number, height = 800): Promise<Page> {
  const s = await openSidebar(sheets, studyBook());
  closers.push(() => s.page.close());
  await s.page.setViewportSize({ width, height });
  return s.page;
}

const open = (host: HostName, width: number, height = 800): Promise<Page> =>
  host === 'excel' ? openExcel(width, undefined, height) : openSheets(width, height);

/** Validate, wait for the findings, and open every group (each click redraws the list). */
async function validated(page: Page): Promise<void> {
  await page.click('[data-action="validate"]');
  await page.waitForFunction(() =>
    /^Checked /.test(document.querySelector('[data-part="result-validate"]')?.textContent ?? ''),
  );
  for (;;) {
    const closed = await page.$('button[data-action="group"][aria-expanded="false"]');
    if (!closed) return;
    await closed.click();
  }
}

async function showTab(page: Page, view: 'findings' | 'form' | 'template'): Promise<void> {
  await page.click(`[data-action="view-${view}"]`);
  await page.waitForSelector(`#rdcs-${view}-panel:not([hidden])`);
  // The form, or compute's sentence — not "Loading Form 6765…", which shows while the part loads.
  if (view === 'form')
    await page.waitForFunction(
      (loading) =>
        document.querySelector('#rdcs-form-panel .rdcs-form-section') !== null ||
        !['', loading].includes(document.querySelector('[data-part="form-message"]')?.textContent ?? ''),
      FORM_LOADING,
    );
}

/** Elements (tag.class) whose right edge passes the pane's width, and the document's overflow. */
function overflow(page: Page): Promise<{ document: number; wider: string[] }> {
  return page.evaluate(() => {
    const pane = document.documentElement.clientWidth;
    const wider: string[] = [];
    const all = document.querySelectorAll('body *');
    for (let i = 0; i < all.length; i++) {
      const e = all[i]!;
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue; // hidden, or clipped to nothing (visually hidden)
      if (window.getComputedStyle(e).position === 'absolute' && r.width <= 1) continue;
      if (r.right > pane + 0.5 || r.left < -0.5)
        wider.push(`${e.tagName.toLowerCase()}.${e.className} (${Math.round(r.left)}–${Math.round(r.right)})`);
    }
    return { document: document.documentElement.scrollWidth - pane, wider };
  });
}

/** Tokens (cell references, rule ids, file names, tab labels, counts) drawn on more than one line. */
function brokenTokens(page: Page): Promise<{ checked: number; broken: string[] }> {
  return page.evaluate(() => {
    const lines = (rects: ArrayLike<Rect>) =>
      new Set(Array.from(rects).map((r) => Math.round(r.top + r.height / 2))).size;
    let checked = 0;
    const broken: string[] = [];
    // Whole elements that are one token each.
    const tokens = document.querySelectorAll(
      '.rdcs-cell, .rdcs-rule, .rdcs-group-label, .rdcs-file-name, .rdcs-link, .rdcs-tally-item, .rdcs-tab, .rdcs-chip',
    );
    for (let i = 0; i < tokens.length; i++) {
      const e = tokens[i]!;
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      checked++;
      const lh = parseFloat(window.getComputedStyle(e).lineHeight) || 20;
      if (e.getClientRects().length !== 1 || r.height > lh * 1.5 + 12) broken.push(e.textContent ?? '');
    }
    // Cell references and rule ids inside sentences: each drawn on one line.
    const prose = document.querySelectorAll('.rdcs-message, .rdcs-result, .rdcs-notice, .rdcs-study p, .rdcs-line-why');
    // A quoted sheet name may wrap at its own space ('Prior Years'!B4), never from its last word to the cell.
    const token = /[A-Za-z][A-Za-z0-9_]*'?!\$?[A-Z]{1,3}\$?\d+|\b[a-z]+\/[a-z0-9-]+\b/g;
    for (let i = 0; i < prose.length; i++) {
      const e = prose[i]!;
      if (e.getBoundingClientRect().height === 0) continue;
      for (let j = 0; j < e.childNodes.length; j++) {
        const node = e.childNodes[j]!;
        if (node.nodeType !== 3) continue;
        const text = node.textContent ?? '';
        for (const m of text.matchAll(token)) {
          const range = document.createRange();
          range.setStart(node, m.index ?? 0);
          range.setEnd(node, (m.index ?? 0) + m[0].length);
          checked++;
          if (lines(range.getClientRects()) !== 1) broken.push(m[0]);
        }
      }
    }
    return { checked, broken };
  });
}

/** WCAG contrast ratio of two CSS rgb()/rgba() colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((x) => {
      const v = Number(x) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The colour and background of each visible element matching `selector` (background: the panel's). */
function colours(page: Page, selector: string): Promise<{ text: string; fg: string; bg: string }[]> {
  return page.$$eval(selector, (els) =>
    (els as unknown as El[])
      .filter((e) => e.getBoundingClientRect().height > 0)
      .slice(0, 5)
      .map((e) => {
        // The nearest ancestor with an opaque background paints behind the text.
        let at: El | null = e;
        let bg = 'rgba(0, 0, 0, 0)';
        while (at) {
          const c = window.getComputedStyle(at).backgroundColor;
          if (c && !/rgba\(.*, 0\)$/.test(c) && c !== 'transparent') {
            bg = c;
            break;
          }
          at = at.parentElement;
        }
        return { text: (e.textContent ?? '').slice(0, 40), fg: window.getComputedStyle(e).color, bg };
      }),
  );
}

describe.each(['excel', 'sheets'] as const)('%s harness', (host) => {
  test.each(WIDTHS)(
    'at %i px: nothing wider than the pane and no token broken inside, in each tab (Findings, Form 6765, Template)',
    async (width) => {
      const page = await open(host, width);
      await validated(page);
      for (const view of ['findings', 'form', 'template'] as const) {
        await showTab(page, view);
        const o = await overflow(page);
        // The document never scrolls sideways; every element ends inside the pane.
        expect({ view, ...o }).toEqual({ view, document: 0, wider: [] });
        const t = await brokenTokens(page);
        // Findings: cells and rule ids; the form: Go to links; every view: tabs and counts.
        expect(t.checked).toBeGreaterThan(view === 'findings' ? 20 : 3);
        expect({ view, broken: t.broken }).toEqual({ view, broken: [] });
        if (width === 300) {
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: screenshotPath(`look-${host}-light-${view}-${width}.png`), fullPage: true });
        }
      }
    },
  );

  test('tabs: a click, or ← → Home End on the tab list, shows Findings, Form 6765 and Template (one panel at a time)', async () => {
    const page = await open(host, 300);
    const state = () =>
      page.evaluate(() => ({
        selected: document.querySelector('[role="tab"][aria-selected="true"]')?.getAttribute('data-action'),
        focused: document.activeElement?.getAttribute('data-action'),
        shown: Array.from(document.querySelectorAll('[role="tabpanel"]'))
          .filter((p) => p.getBoundingClientRect().height > 0)
          .map((p) => p.getAttribute('id')),
      }));
    // Mouse.
    const rows: [string, string, string][] = [
      ['view-template', 'view-template', 'rdcs-template-panel'],
      ['view-form', 'view-form', 'rdcs-form-panel'],
      ['view-findings', 'view-findings', 'rdcs-findings-panel'],
    ];
    for (const [click, selected, panel] of rows) {
      await page.click(`[data-action="${click}"]`);
      expect(await state()).toMatchObject({ selected, shown: [panel] });
    }
    // Keyboard, from the selected tab (Findings): → Form, → Template, → wraps to Findings, ← Template, Home, End.
    await page.focus('[data-action="view-findings"]');
    const keys: [string, string, string][] = [
      ['ArrowRight', 'view-form', 'rdcs-form-panel'],
      ['ArrowRight', 'view-template', 'rdcs-template-panel'],
      ['ArrowRight', 'view-findings', 'rdcs-findings-panel'],
      ['ArrowLeft', 'view-template', 'rdcs-template-panel'],
      ['Home', 'view-findings', 'rdcs-findings-panel'],
      ['End', 'view-template', 'rdcs-template-panel'],
    ];
    for (const [key, selected, panel] of keys) {
      await page.keyboard.press(key);
      await page.waitForFunction((s) => document.activeElement?.getAttribute('data-action') === s, selected);
      expect({ key, ...(await state()) }).toEqual({ key, selected, focused: selected, shown: [panel] });
    }
  });

  test('the header (Validate, counts by severity with mark and word) stays at the top while the findings scroll', async () => {
    const page = await open(host, 300, 500);
    await validated(page);
    const tally = await page.$eval('[data-part="tally"]', (e) => e.textContent ?? '');
    // Each severity as a mark and a word.
    expect(tally).toMatch(/✖ \d+ errors?.*▲ \d+ warnings?.*● \d+ notes?/);
    await page.evaluate(() => window.scrollTo(0, 100_000));
    const after = await page.evaluate(() => ({
      scrolled: window.scrollY,
      header: document.querySelector('[data-part="header"]')!.getBoundingClientRect().top,
      validate: document.querySelector('[data-action="validate"]')!.getBoundingClientRect().top,
    }));
    // The page really scrolled (the findings are longer than the pane), and the header did not move off.
    expect(after.scrolled).toBeGreaterThan(300);
    expect(after.header).toBe(0);
    expect(after.validate).toBeGreaterThanOrEqual(0);
    expect(after.validate).toBeLessThan(60);
    // Moving up through the findings by keyboard never leaves the focused row under the header: from the
    // first row showing below the header, ↑ goes to a row that starts behind it, and the page scrolls.
    await page.evaluate(() => window.scrollTo(0, 900));
    for (let i = 0; i < 3; i++) {
      await page.evaluate(() => {
        const bottom = document.querySelector('[data-part="header"]')!.getBoundingClientRect().bottom;
        const rows = Array.from(document.querySelectorAll('button[data-row]')) as unknown as (El & {
          focus(o: { preventScroll: boolean }): void;
        })[];
        rows.find((r) => r.getBoundingClientRect().top >= bottom + 2)?.focus({ preventScroll: true });
      });
      await page.keyboard.press('ArrowUp');
      const seen = await page.evaluate(() => ({
        header: document.querySelector('[data-part="header"]')!.getBoundingClientRect().bottom,
        focused: document.activeElement!.getBoundingClientRect().top,
      }));
      expect({ step: i, below: seen.focused >= seen.header }).toEqual({ step: i, below: true });
    }
  });

  test('forced colours: buttons, chips, tabs and findings keep a visible border; severities are words', async () => {
    const page = await open(host, 300);
    await page.emulateMedia({ forcedColors: 'active' });
    await validated(page);
    const borders = await page.$$eval(
      '.rdcs-btn, .rdcs-chip, .rdcs-finding-btn, .rdcs-panel select, .rdcs-search',
      (els) =>
        (els as unknown as El[])
          .filter((e) => e.getBoundingClientRect().height > 0)
          .map((e) => {
            const s = window.getComputedStyle(e);
            return {
              what: `${e.tagName.toLowerCase()}.${e.className}`,
              visible:
                parseFloat(s.borderTopWidth) >= 1 &&
                s.borderTopStyle !== 'none' &&
                s.borderTopColor !== s.backgroundColor,
            };
          }),
    );
    expect(borders.length).toBeGreaterThan(10);
    expect(borders.filter((b) => !b.visible)).toEqual([]);
    // The selected tab's bar is drawn in Highlight (not removed by forced colours).
    const bar = await page.$eval(
      '[role="tab"][aria-selected="true"]',
      (e) => window.getComputedStyle(e as unknown as El, '::after').backgroundColor,
    );
    expect(bar).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
    // Severity in words: the counts, and each finding's hidden "Error: " / "Warning: " / "Note: ".
    expect(await page.$eval('[data-part="tally"]', (e) => e.textContent ?? '')).toMatch(/errors?.*warnings?.*notes?/);
    const words = await page.$$eval('.rdcs-finding-btn .rdcs-visually-hidden', (els) =>
      [...new Set(els.map((e) => e.textContent))].sort(),
    );
    // Both studies have errors and notes (the Sheets one has no warning).
    expect(words).toEqual(expect.arrayContaining(['Error: ', 'Note: ']));
    expect(words.filter((w) => !['Error: ', 'Warning: ', 'Note: '].includes(w ?? ''))).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath(`look-${host}-forced-colors-findings-300.png`), fullPage: true });
  });

  test('the file picker: a button opens the file chooser; a long file name shows on one line, cut, whole in its title', async () => {
    const page = await open(host, 300);
    await showTab(page, 'template');
    const name = 'Acme-Advisory-firm-template-software-and-ai-2026-final-reviewed.json';
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.click('[data-action="template-file-button"]'),
    ]);
    expect(await chooser.element().getAttribute('data-action')).toBe('template-file');
    await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from('not json') });
    await page.waitForFunction(
      () => (document.querySelector('[data-part="template-problem"]')?.textContent ?? '') !== '',
    );
    const shown = await page.$eval('[data-part="template-file-name"]', (el) => {
      const e = el as unknown as El;
      return {
        text: e.textContent,
        title: e.getAttribute('title'),
        lines: e.getClientRects().length,
        cut: e.scrollWidth > e.clientWidth,
      };
    });
    expect(shown).toEqual({ text: name, title: name, lines: 1, cut: true });
    // The button's accessible description is the whole name (reachable on focus).
    expect(await page.getAttribute('[data-action="template-file-button"]', 'aria-describedby')).toBe(
      'rdcs-template-file-name',
    );
    expect(await overflow(page)).toEqual({ document: 0, wider: [] });
  });
});

describe('themes', () => {
  test.each([
    // [case, Office's theme, data-theme the panel gets, background dark?]
    ['Office dark (isDarkTheme true)', OFFICE_DARK, 'dark', true],
    ['Office light without isDarkTheme (read from the background colour)', OFFICE_LIGHT, 'light', false],
  ] as const)(
    'Excel, %s: data-theme, background, and body text at contrast ≥ 4.5',
    async (_case, theme, want, dark) => {
      const page = await openExcel(300, theme);
      await validated(page);
      expect(await page.getAttribute('.rdcs-panel', 'data-theme')).toBe(want);
      const root = await page.$eval('.rdcs-panel', (e) => ({
        bg: window.getComputedStyle(e as unknown as El).backgroundColor,
        fg: window.getComputedStyle(e as unknown as El).color,
      }));
      // Office's own body colours are the panel's.
      expect(root.bg).toBe(dark ? 'rgb(41, 41, 41)' : 'rgb(255, 255, 255)');
      expect(root.fg).toBe(dark ? 'rgb(255, 255, 255)' : 'rgb(0, 0, 0)');
      for (const selector of [
        '.rdcs-message',
        '.rdcs-citation',
        '.rdcs-tagline',
        '.rdcs-result',
        '.rdcs-tally-item',
        '.rdcs-tab',
        '.rdcs-rule',
      ]) {
        for (const c of await colours(page, selector)) {
          // WCAG AA for body text: 4.5:1.
          expect({ selector, text: c.text, ok: contrast(c.fg, c.bg) >= 4.5 }).toEqual({
            selector,
            text: c.text,
            ok: true,
          });
        }
      }
      if (dark) {
        for (const view of ['findings', 'form', 'template'] as const) {
          await showTab(page, view);
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: screenshotPath(`look-excel-dark-${view}-300.png`), fullPage: true });
        }
      }
    },
  );

  test('Excel: Office switches to its dark theme while the pane is open (OfficeThemeChanged): the panel follows', async () => {
    const page = await openExcel(300, OFFICE_LIGHT);
    expect(await page.getAttribute('.rdcs-panel', 'data-theme')).toBe('light');
    const fired = await page.evaluate((dark) => {
      const handlers =
        (globalThis as unknown as { __themeHandlers?: [string, (e: unknown) => void][] }).__themeHandlers ?? [];
      for (const [type, handler] of handlers) if (type === 'officeThemeChanged') handler({ officeTheme: dark });
      return handlers.map(([type]) => type);
    }, OFFICE_DARK);
    // One handler, for the theme event.
    expect(fired).toEqual(['officeThemeChanged']);
    expect(await page.getAttribute('.rdcs-panel', 'data-theme')).toBe('dark');
    const bg = await page.$eval('.rdcs-panel', (e) => window.getComputedStyle(e as unknown as El).backgroundColor);
    expect(bg).toBe('rgb(41, 41, 41)');
  });

  test('Excel without officeTheme (older Office): no data-theme, the system colour scheme decides (dark here)', async () => {
    const page = await openExcel(300);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.getAttribute('.rdcs-panel', 'data-theme')).toBeNull();
    const bg = await page.$eval('.rdcs-panel', (e) => window.getComputedStyle(e as unknown as El).backgroundColor);
    expect(bg).toBe('rgb(41, 41, 41)');
  });

  test('Sheets in a dark colour scheme: Google dark surface, Google Sans stack, text at contrast ≥ 4.5', async () => {
    const page = await openSheets(300);
    await page.emulateMedia({ colorScheme: 'dark' });
    await validated(page);
    const root = await page.$eval('.rdcs-panel', (e) => ({
      host: e.getAttribute('data-host'),
      bg: window.getComputedStyle(e as unknown as El).backgroundColor,
      font: window.getComputedStyle(e as unknown as El).fontFamily,
      primary: window.getComputedStyle(document.querySelector('[data-action="validate"]')!).backgroundColor,
    }));
    expect(root).toEqual({
      host: 'sheets',
      bg: 'rgb(32, 33, 36)',
      font: expect.stringMatching(/^"Google Sans", Roboto/),
      primary: 'rgb(138, 180, 248)',
    });
    for (const selector of [
      '.rdcs-message',
      '.rdcs-citation',
      '.rdcs-tagline',
      '.rdcs-result',
      '.rdcs-tally-item',
      '.rdcs-rule',
    ]) {
      for (const c of await colours(page, selector)) {
        expect({ selector, text: c.text, ok: contrast(c.fg, c.bg) >= 4.5 }).toEqual({
          selector,
          text: c.text,
          ok: true,
        });
      }
    }
    for (const view of ['findings', 'form', 'template'] as const) {
      await showTab(page, view);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: screenshotPath(`look-sheets-dark-${view}-300.png`), fullPage: true });
    }
  });

  test('Sheets light: Google blue primary button (#1a73e8) with white text, 4 px corners', async () => {
    const page = await openSheets(300);
    const v = await page.$eval('[data-action="validate"]', (e) => ({
      bg: window.getComputedStyle(e as unknown as El).backgroundColor,
      fg: window.getComputedStyle(e as unknown as El).color,
      radius: window.getComputedStyle(e as unknown as El).borderTopLeftRadius,
    }));
    expect(v).toEqual({ bg: 'rgb(26, 115, 232)', fg: 'rgb(255, 255, 255)', radius: '4px' });
    expect(contrast(v.fg, v.bg)).toBeGreaterThanOrEqual(4.5);
  });
});
