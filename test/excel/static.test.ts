/**
 * Source-level promises of the panel and the Excel add-in: workbook and file text is never
 * parsed as HTML (textContent only), nothing reaches the network (IRC §7216), and the shared
 * panel touches no host API — so the Sheets sidebar can render it unchanged.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'dist' ? [] : sources(rel);
    return /\.(ts|html)$/.test(e.name) ? [rel] : [];
  });
}
const FILES = [...sources('core/panel/src'), ...sources('excel-addin/src')];
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

  test.each(sources('core/panel/src'))('%s: no host API (Office, Excel, google.script)', (file) => {
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
