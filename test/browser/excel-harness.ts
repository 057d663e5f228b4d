/**
 * What the Excel browser tests share: headless Debian Chromium (playwright-core), the built
 * add-in served from 127.0.0.1 by the server npm start runs (scripts/start-server.ts:
 * webpack-dev-server, plain http on a free port), Office.js from the CDN replaced by the fake Excel object model
 * (test/excel/fake-excel.ts, transpiled), and every other non-local request refused and recorded
 * — the pages must not reach the network.
 */
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import * as ts from 'typescript';
import { devServer } from '../../scripts/start-server';
import type { FakeSpec } from '../excel/fake-excel';

/** The init script below runs in the page (no DOM lib in this tsconfig). */
declare const window: unknown;

export const CHROMIUM = '/usr/bin/chromium';
export const DIST = path.join(__dirname, '..', '..', 'excel-addin', 'dist');
export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

export interface Harness {
  readonly browser: Browser;
  readonly base: string;
  stop(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing; install it with: sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium`,
    );
  }
  if (!fs.existsSync(path.join(DIST, 'taskpane.html')))
    throw new Error(`${DIST} has no build: run npm run build:excel first (npm test does).`);
  const server = await devServer({ root: DIST, port: 0, index: '/demo.html' });
  let browser: Browser;
  try {
    // playwright gives every launch a fresh, temporary --user-data-dir and deletes it on close
    // (it refuses the flag itself); each test opens its own context on top.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (e) {
    await server.stop();
    throw e;
  }
  return {
    browser,
    base: `http://127.0.0.1:${server.port}`,
    async stop() {
      await browser.close();
      await server.stop();
    },
  };
}

let fakeScript: string | undefined;
/** fake-excel.ts as a browser script that installs itself on `window` from `window.__FAKE_SPEC__`. */
export function fakeOfficeScript(): string {
  if (!fakeScript) {
    const source = fs.readFileSync(path.join(__dirname, '..', 'excel', 'fake-excel.ts'), 'utf8');
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
    }).outputText;
    fakeScript = `(function () { var exports = {}; var module = { exports: exports };\n${js}\nwindow.__fake = exports.installFakeOffice(window, window.__FAKE_SPEC__ || { sheets: [] }); })();`;
  }
  return fakeScript;
}

export interface OpenedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
  /** Dialogs opened (alert, confirm…): script that should not have run. */
  readonly dialogs: string[];
  /** Requests to anywhere but the local server and the stubbed Office.js. */
  readonly external: string[];
}

/** A fresh context and page at `pathname`, with Office.js replaced by the fake over `spec`. */
export async function openPage(
  h: Harness,
  pathname: string,
  spec: FakeSpec,
  viewport = { width: 340, height: 900 },
): Promise<OpenedPage> {
  const context = await h.browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  const external: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  // Registered first, so it is tried last: anything not local is refused.
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${h.base}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    external.push(url);
    return route.abort('blockedbyclient');
  });
  await page.route(OFFICE_JS, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: fakeOfficeScript() }),
  );
  await page.addInitScript((s) => {
    (window as unknown as { __FAKE_SPEC__: unknown }).__FAKE_SPEC__ = s;
  }, spec);
  await page.goto(`${h.base}${pathname}`);
  return { context, page, errors, dialogs, external };
}
