/**
 * The Google Sheets sidebar harness the browser tests share: headless Debian Chromium
 * (playwright-core) with a persistent profile, and the page exactly as the menu serves it (the
 * built Code.js's showValidateSidebar / showTemplateSidebar output) with a fake
 * `google.script.run` whose calls run the real server functions of Code.js in the Apps Script
 * emulation (test/gsheets/harness.ts) over an in-memory spreadsheet, through a JSON wire as
 * google.script.run's is. No network: every request the page attempts is refused and recorded.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { FakeSpreadsheet } from '../gsheets/fake-spreadsheet';
import { execute, scriptRun } from '../gsheets/harness';

/** The init script below runs in the page (no DOM lib in this tsconfig). */
declare const window: unknown;

const CHROMIUM = '/usr/bin/chromium';

export interface SidebarBrowser {
  readonly context: BrowserContext;
  /** The profile folder (the served pages are written there). */
  readonly profile: string;
  stop(): Promise<void>;
}

export async function startSidebarBrowser(): Promise<SidebarBrowser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y --no-install-recommends chromium`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rdcs-sidebar-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
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
  return {
    context,
    profile,
    async stop() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface Sidebar {
  readonly page: Page;
  readonly book: FakeSpreadsheet;
  /** google.script.run calls in order: [function, args]. */
  calls(): Promise<[string, unknown[]][]>;
  readonly dialogs: string[];
  readonly requests: string[];
  readonly pageErrors: string[];
}

/** The sidebar as the given menu item serves it, over `book`. */
export async function openSidebar(
  { context, profile }: SidebarBrowser,
  book: FakeSpreadsheet,
  menuItem: 'showValidateSidebar' | 'showTemplateSidebar' = 'showValidateSidebar',
): Promise<Sidebar> {
  execute(book).call(menuItem);
  const served = book.sidebars.pop()!;
  const file = path.join(profile, `${menuItem}-${Date.now()}-${Math.random().toString(36).slice(2)}.html`);
  fs.writeFileSync(file, served.content);

  const page = await context.newPage();
  const dialogs: string[] = [];
  const requests: string[] = [];
  const pageErrors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));

  // The server side of google.script.run: one Apps Script execution per call, JSON both ways.
  await page.exposeFunction('__rdcsServer', (name: string, argsJson: string) => {
    try {
      return JSON.stringify({ ok: true, value: scriptRun(book, name, JSON.parse(argsJson)) });
    } catch (e) {
      return JSON.stringify({ ok: false, message: (e as Error).message });
    }
  });
  await page.addInitScript(() => {
    const calls: [string, unknown[]][] = [];
    (window as unknown as { __rdcsCalls: unknown }).__rdcsCalls = calls;
    const server = (window as unknown as { __rdcsServer: (n: string, a: string) => Promise<string> }).__rdcsServer;
    type Handler = ((v: unknown) => void) | undefined;
    const runner = (success: Handler, failure: Handler): unknown =>
      new Proxy(
        {},
        {
          get(_t, prop) {
            if (prop === 'withSuccessHandler') return (f: Handler) => runner(f, failure);
            if (prop === 'withFailureHandler') return (f: Handler) => runner(success, f);
            if (typeof prop !== 'string') return undefined;
            return (...args: unknown[]) => {
              calls.push([prop, JSON.parse(JSON.stringify(args))]);
              void server(prop, JSON.stringify(args)).then((out) => {
                const r = JSON.parse(out) as { ok: boolean; value?: unknown; message?: string };
                // Handlers run later, as google.script.run's do.
                setTimeout(() => (r.ok ? success?.(r.value) : failure?.(new Error(r.message))), 0);
              });
            };
          },
        },
      );
    (window as unknown as { google: unknown }).google = {
      script: { run: runner(undefined, undefined), host: { close() {} } },
    };
  });
  await page.goto(`file://${file}`);
  await page.waitForSelector('button[data-action="validate"]');
  return {
    page,
    book,
    calls: () => page.evaluate(() => (window as unknown as { __rdcsCalls: [string, unknown[]][] }).__rdcsCalls),
    dialogs,
    requests,
    pageErrors,
  };
}
