/**
 * Source-level promises of the panel and the Excel add-in: workbook and file text is never
 * parsed as HTML (textContent only), nothing reaches the network (IRC §7216), and the shared
 * panel touches no host API — so the Sheets sidebar can render it unchanged; and every built
 * page carries a strict Content-Security-Policy (the rules in test/browser/csp-policy.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { CSP_PLACEHOLDER, type CspPage } from '@panel/csp';
import { pageProblems, policyProblems } from '../browser/csp-policy';

const ROOT = path.join(__dirname, '..', '..');
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'dist' ? [] : sources(rel);
    return /\.(ts|html)$/.test(e.name) ? [rel] : [];
  });
}
const FILES = [...sources('panel/src'), ...sources('excel-addin/src')];
/** Comments say what the code must never do; only code counts. */
const code = (file: string) =>
  fs
    .readFileSync(path.join(ROOT, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/^\s*\/\/.*$/gm, '');

const FORBIDDEN: readonly [string, RegExp][] = [
  ['innerHTML / outerHTML', /\.(inner|outer)HTML\b/],
  ['insertAdjacentHTML', /insertAdjacentHTML/],
  ['document.write', /document\.write/],
  ['fetch', /\bfetch\s*\(/],
  ['XMLHttpRequest', /XMLHttpRequest/],
  ['WebSocket', /WebSocket/],
  ['sendBeacon', /sendBeacon/],
  ['EventSource', /EventSource/],
  ['eval / new Function', /\beval\s*\(|new Function\s*\(/],
];

describe('panel and Excel add-in sources', () => {
  test('there are sources to check', () => {
    expect(FILES.length).toBeGreaterThan(10);
  });

  test.each(FILES)('%s: no HTML injection, no network, no eval', (file) => {
    const text = code(file);
    const found = FORBIDDEN.filter(([, re]) => re.test(text)).map(([name]) => name);
    expect(found).toEqual([]);
  });

  test.each(sources('panel/src'))('%s: no host API (Office, Excel, google.script)', (file) => {
    expect(code(file)).not.toMatch(/\b(Office|Excel|CustomFunctions|SpreadsheetApp)\.|google\.script/);
  });

  test('the only external script is Office.js from Microsoft’s CDN', () => {
    const srcs = sources('excel-addin/src')
      .filter((f) => f.endsWith('.html'))
      .flatMap((f) => [...code(f).matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]))
      .filter((src) => /^[a-z]+:\/\//i.test(src));
    expect([...new Set(srcs)]).toEqual(['https://appsforoffice.microsoft.com/lib/1/hosted/office.js']);
  });
});

describe('Content-Security-Policy of every shipped page (docs/design.md §8c)', () => {
  const DIST = path.join(ROOT, 'excel-addin', 'dist');
  const PAGES: readonly [string, CspPage][] = [
    ['taskpane.html', 'taskpane'],
    ['demo.html', 'demo'],
    ['help.html', 'help'],
  ];

  test('every page in excel-addin/src and dist is one of the pages with a policy', () => {
    const listed = PAGES.map(([f]) => f).sort();
    expect(
      fs
        .readdirSync(path.join(ROOT, 'excel-addin', 'src'))
        .filter((f) => f.endsWith('.html'))
        .sort(),
    ).toEqual(listed);
    expect(
      fs
        .readdirSync(DIST)
        .filter((f) => f.endsWith('.html'))
        .sort(),
    ).toEqual(listed);
  });

  test.each(PAGES)('src/%s carries the placeholder the build fills', (file) => {
    expect(fs.readFileSync(path.join(ROOT, 'excel-addin', 'src', file), 'utf8')).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${CSP_PLACEHOLDER}">`,
    );
  });

  test.each(PAGES)(
    'dist/%s: a strict meta policy, no inline script, handler or style attribute, every <style> hashed',
    (file, page) => {
      expect(pageProblems(fs.readFileSync(path.join(DIST, file), 'utf8'), page)).toEqual([]);
    },
  );

  const STRICT_TASKPANE =
    "default-src 'none'; script-src 'self' https://appsforoffice.microsoft.com; style-src 'self' 'sha256-AAAA'; img-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";
  test.each<[string, string, CspPage, 'meta' | 'header', RegExp | null]>([
    ['the policy the build writes passes', STRICT_TASKPANE, 'taskpane', 'meta', null],
    [
      'unsafe-inline scripts',
      STRICT_TASKPANE.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
      'taskpane',
      'meta',
      /script-src allows 'unsafe-inline'/,
    ],
    [
      'unsafe-eval',
      STRICT_TASKPANE.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"),
      'taskpane',
      'meta',
      /script-src allows 'unsafe-eval'/,
    ],
    [
      'a CDN other than Office.js',
      STRICT_TASKPANE.replace("script-src 'self'", "script-src 'self' https://cdn.example"),
      'taskpane',
      'meta',
      /script-src allows https:\/\/cdn\.example/,
    ],
    ['Office.js origin on the demo page', STRICT_TASKPANE, 'demo', 'meta', /script-src allows https:\/\/appsforoffice/],
    [
      'connect-src missing and default-src open',
      STRICT_TASKPANE.replace("default-src 'none'", 'default-src *').replace("connect-src 'none'; ", ''),
      'taskpane',
      'meta',
      /connect-src must be 'none' \(is \*\)/,
    ],
    [
      'connect-src to a host',
      STRICT_TASKPANE.replace("connect-src 'none'", 'connect-src https://x.example'),
      'taskpane',
      'meta',
      /connect-src must be 'none'/,
    ],
    [
      'unsafe-inline styles',
      STRICT_TASKPANE.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
      'taskpane',
      'meta',
      /style-src allows 'unsafe-inline'/,
    ],
    [
      'no base-uri (it does not fall back to default-src)',
      STRICT_TASKPANE.replace("base-uri 'none'; ", ''),
      'taskpane',
      'meta',
      /base-uri must be 'none' \(is missing\)/,
    ],
    [
      'no form-action',
      STRICT_TASKPANE.replace("; form-action 'none'", ''),
      'taskpane',
      'meta',
      /form-action must be 'none'/,
    ],
    [
      'object-src open',
      STRICT_TASKPANE.replace("object-src 'none'", 'object-src *'),
      'taskpane',
      'meta',
      /object-src must be 'none'/,
    ],
    [
      'script-src-attr overriding script-src',
      `${STRICT_TASKPANE}; script-src-attr 'unsafe-inline'`,
      'taskpane',
      'meta',
      /script-src-attr is not expected/,
    ],
    [
      'a header without frame-ancestors',
      STRICT_TASKPANE,
      'taskpane',
      'header',
      /frame-ancestors must be 'self' https:/,
    ],
    [
      'the task pane header with its frame-ancestors',
      `${STRICT_TASKPANE}; frame-ancestors 'self' https:`,
      'taskpane',
      'header',
      null,
    ],
    [
      'the demo framed by anyone',
      `${STRICT_TASKPANE.replace(' https://appsforoffice.microsoft.com', '')}; frame-ancestors *`,
      'demo',
      'header',
      /frame-ancestors must be 'none'/,
    ],
    [
      'the sidebar with unsafe-inline instead of a hash',
      STRICT_TASKPANE.replace("script-src 'self' https://appsforoffice.microsoft.com", "script-src 'unsafe-inline'"),
      'sidebar',
      'meta',
      /script-src allows 'unsafe-inline'/,
    ],
    ['an empty policy', '', 'help', 'meta', /default-src must be 'none' \(is missing\)/],
  ])('the policy check: %s', (_name, policy, page, delivery, problem) => {
    const found = policyProblems(policy, page, delivery).join('\n');
    if (problem === null) expect(found).toBe('');
    else expect(found).toMatch(problem);
  });

  test.each<[string, string, RegExp]>([
    ['an onclick attribute', '<button onclick="go()">', /inline event handlers: onclick/],
    ['an inline script body', '<script>alert(1)</script>', /an inline <script>/],
    ['a style attribute', '<p style="color:red">x</p>', /style="" attribute/],
    ['a javascript: link', '<a href="javascript:go()">x</a>', /javascript: URL/],
    ['a <style> not hashed', '<style>p{}</style>', /a <style> whose hash/],
  ])('the page check finds %s', (_name, fragment, problem) => {
    const page = (body: string) =>
      `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"></head><body>${body}</body></html>`;
    expect(pageProblems(page(''), 'demo')).toEqual([]);
    expect(pageProblems(page(fragment), 'demo').join('\n')).toMatch(problem);
  });
});

/**
 * Bundle sizes against docs/design.md §9 (`npm run bench` prints them with their share, and the
 * chunks the pane loads on demand). taskpane.js is the pane's first load (issue 13 §1);
 * test/build/lazy-chunks.test.ts checks that what loads on demand stays out of it.
 */
describe('bundle sizes (docs/design.md §9)', () => {
  const DIST = path.join(ROOT, 'excel-addin', 'dist');
  test.each<[string, number, string]>([
    ['functions.js', 200, 'the custom functions: budget 200 KB'],
    [
      'taskpane.js',
      300,
      'the task pane’s first load: budget 300 KB (templates, Form 6765 and the function names load on demand)',
    ],
  ])('%s is under %i KB (%s)', (file, kb) => {
    expect(fs.statSync(path.join(DIST, file)).size).toBeLessThanOrEqual(kb * 1024);
  });
});
