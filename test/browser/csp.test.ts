/**
 * Every shipped page under its Content-Security-Policy in headless Chromium: the task pane,
 * the demo and help pages as `npm start` serves them (header + meta) and straight from
 * excel-addin/dist (meta only), and the Sheets sidebar as the menu serves it. Each page is
 * used (Validate, a click, Highlight on and off) and the test fails on any reported violation
 * (`securitypolicyviolation` events and Chromium's "Content Security Policy" console lines), or
 * if a policy is missing or weaker than required (test/browser/csp-policy.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { demoWorkbook } from '@panel/demo-study';
import { FakeSpreadsheet } from '../gsheets/fake-spreadsheet';
import { execute, scriptRun } from '../gsheets/harness';
import { studyBook } from '../gsheets/study';
import type { FakeCell } from '../excel/fake-excel';
import { policyProblems, type Page as PageKind } from './csp-policy';
import { DIST, openPage, startHarness, type Harness } from './excel-harness';
import { SCREENSHOTS } from './screenshots';

declare const window: unknown;
declare const document: {
  addEventListener(
    type: string,
    listener: (e: { violatedDirective: string; blockedURI: string; sourceFile: string; lineNumber: number }) => void,
    capture: boolean,
  ): void;
  querySelector(
    selector: string,
  ): { getAttribute(name: string): string | null; textContent: string | null; disabled?: boolean } | null;
  createElement(tag: string): { textContent: string; setAttribute(k: string, v: string): void };
  readonly head: { appendChild(n: unknown): void };
  readonly body: { appendChild(n: unknown): void };
};

jest.setTimeout(180_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

/** Records violations from the first script on; call before the page loads. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as { __csp?: string[] }).__csp = seen;
    document.addEventListener(
      'securitypolicyviolation',
      (e) =>
        seen.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`),
      true,
    );
  });
  return async () => [...(await page.evaluate(() => (window as { __csp?: string[] }).__csp ?? [])), ...console];
}

async function metaPolicy(page: Page): Promise<string | null> {
  return page.evaluate(
    () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null,
  );
}

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const b = document.querySelector('[data-action="validate"]');
    const status = document.querySelector('[data-part="result-validate"]')?.textContent ?? '';
    return b !== null && b.disabled !== true && !/^(Reading|Marking|Removing)/.test(status);
  });
}

/** Validate, open the first finding, highlight on and off: the panel's code paths that add DOM and style. */
async function usePanel(page: Page): Promise<void> {
  await page.click('[data-action="validate"]');
  await page.waitForSelector('button[data-rule]');
  await page.click('button[data-rule]');
  await page.click('[data-action="highlight"]');
  await settle(page);
  await page.click('[data-action="highlight"]');
  await settle(page);
}

const EXCEL_PAGES: readonly { file: string; kind: PageKind; panel: boolean }[] = [
  { file: 'taskpane.html', kind: 'taskpane', panel: true },
  { file: 'demo.html', kind: 'demo', panel: true },
  { file: 'help.html', kind: 'help', panel: false },
];
const study = { sheets: demoWorkbook().sheets.map((s) => ({ name: s.name, values: s.values as FakeCell[][] })) };

describe.each(EXCEL_PAGES)('$file', ({ file, kind, panel }) => {
  test('served by npm start: a strict header and meta policy, and no violation while used', async () => {
    const o = await openPage(h, `/${file}`, study);
    try {
      const violations = await watchViolations(o.page);
      const response = await o.page.reload();
      const header = response?.headers()['content-security-policy'] ?? '';
      expect(policyProblems(header, kind, 'header')).toEqual([]);
      const meta = await metaPolicy(o.page);
      expect(meta).not.toBeNull();
      expect(policyProblems(meta ?? '', kind, 'meta')).toEqual([]);
      // The header is the meta policy plus frame-ancestors: one policy, two deliveries.
      expect(header.startsWith(`${meta}; frame-ancestors `)).toBe(true);
      if (panel) {
        await o.page.waitForSelector('[data-action="validate"]');
        await usePanel(o.page);
      }
      if (kind === 'taskpane') {
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        await o.page.setViewportSize({ width: 300, height: 900 });
        await o.page.screenshot({ path: path.join(SCREENSHOTS, 'excel-taskpane-300.png') });
      }
      expect(await violations()).toEqual([]);
      expect(o.errors).toEqual([]);
      expect(o.external).toEqual([]);
    } finally {
      await o.context.close();
    }
  });

  test('opened from excel-addin/dist: the meta policy alone holds, and nothing is violated', async () => {
    const context = await h.browser.newContext({ viewport: { width: 340, height: 900 } });
    try {
      const page = await context.newPage();
      // Office.js cannot load from a file page; only pages that do not need it are used here.
      await page.route('https://**/*', (r) => r.abort('blockedbyclient'));
      const violations = await watchViolations(page);
      await page.goto(`file://${path.join(DIST, file)}`);
      expect(policyProblems((await metaPolicy(page)) ?? '', kind, 'meta')).toEqual([]);
      if (kind === 'demo') await usePanel(page);
      else await page.waitForLoadState('load');
      expect(await violations()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('Sidebar.html as the Sheets menu serves it', () => {
  test('a strict meta policy, the bundle runs by hash, and no violation while used', async () => {
    const book: FakeSpreadsheet = studyBook();
    execute(book).call('showValidateSidebar');
    const served = book.sidebars.pop()!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdcs-csp-'));
    const file = path.join(dir, 'Sidebar.html');
    fs.writeFileSync(file, served.content);
    const context = await h.browser.newContext({ viewport: { width: 300, height: 900 } });
    try {
      const page = await context.newPage();
      await page.route('**/*', (r) =>
        r.request().url().startsWith('file:') ? r.continue() : r.abort('blockedbyclient'),
      );
      await page.exposeFunction('__rdcsServer', (name: string, args: string) =>
        JSON.stringify(scriptRun(book, name, JSON.parse(args))),
      );
      // google.script.run as HtmlService provides it (an init script, as the real one is not the page's code).
      await page.addInitScript(() => {
        const server = (window as { __rdcsServer: (n: string, a: string) => Promise<string> }).__rdcsServer;
        type Handler = ((v: unknown) => void) | undefined;
        const runner = (ok: Handler): unknown =>
          new Proxy(
            {},
            {
              get: (_t, prop) =>
                prop === 'withSuccessHandler'
                  ? (f: Handler) => runner(f)
                  : prop === 'withFailureHandler'
                    ? () => runner(ok)
                    : (...a: unknown[]) =>
                        void server(String(prop), JSON.stringify(a)).then((out) =>
                          setTimeout(() => ok?.(JSON.parse(out)), 0),
                        ),
            },
          );
        (window as { google?: unknown }).google = { script: { run: runner(undefined) } };
      });
      const violations = await watchViolations(page);
      await page.goto(`file://${file}`);
      expect(policyProblems((await metaPolicy(page)) ?? '', 'sidebar', 'meta')).toEqual([]);
      await page.waitForSelector('[data-action="validate"]');
      await usePanel(page);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'sheets-sidebar-300.png'), fullPage: true });
      expect(await violations()).toEqual([]);
    } finally {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the watch itself', () => {
  test('an inline script, an inline style and a fetch added to the demo page are reported', async () => {
    const o = await openPage(h, '/demo.html', study);
    try {
      const violations = await watchViolations(o.page);
      await o.page.reload();
      await o.page.waitForSelector('[data-action="validate"]');
      await o.page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = '1';
        document.head.appendChild(s);
        const st = document.createElement('style');
        st.textContent = 'body { color: red }';
        document.head.appendChild(st);
        void (globalThis as unknown as { fetch(u: string): Promise<unknown> })
          .fetch('/help.html')
          .catch(() => undefined);
      });
      await o.page.waitForTimeout(200);
      const seen = (await violations()).join('\n');
      expect(seen).toMatch(/script-src/);
      expect(seen).toMatch(/style-src/);
      expect(seen).toMatch(/connect-src/);
    } finally {
      await o.context.close();
    }
  });
});
