/**
 * manifest.xml, checked offline (the official validator is an online service: npm run validate):
 * well-formed; an Excel task-pane add-in with SharedRuntime 1.1 and one long-lived runtime;
 * the CustomFunctions extension point with namespace RDTAX pointing at the built functions.js
 * and functions.json; a Home-tab button; ReadWriteDocument and nothing more; every resource id
 * defined once and used; every URL https under the development base, serving a file the build
 * produces; icons the sizes they claim; and a production rewrite that leaves no development URL.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEV_BASE_URL, deployedBaseUrl, manifestUrls, productionManifest } from '../../scripts/excel-manifest';
import { allElements, parseXml, select, type XmlElement } from './xml';

const ROOT = path.join(__dirname, '..', '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const DIST = path.join(ROOT, 'excel-addin', 'dist');
const xml = fs.readFileSync(MANIFEST, 'utf8');
const app = parseXml(xml);

const one = (el: XmlElement, ...p: string[]): XmlElement => {
  const found = select(el, ...p);
  if (found.length !== 1) throw new Error(`expected one ${p.join('/')}, found ${found.length}`);
  return found[0];
};
const host = one(app, 'VersionOverrides', 'Hosts', 'Host');
const resources = one(app, 'VersionOverrides', 'Resources');

/** resid → its DefaultValue, from every resource table. */
function resourceTable(): Map<string, { kind: string; value: string }> {
  const out = new Map<string, { kind: string; value: string }>();
  for (const [group, item] of [
    ['Images', 'Image'],
    ['Urls', 'Url'],
    ['ShortStrings', 'String'],
    ['LongStrings', 'String'],
  ] as const) {
    for (const el of select(resources, group, item)) {
      const id = el.attrs.id;
      if (out.has(id)) throw new Error(`resource id ${id} defined twice`);
      out.set(id, { kind: group, value: el.attrs.DefaultValue });
    }
  }
  return out;
}
const table = resourceTable();
const resid = (el: XmlElement) => table.get(el.attrs.resid)?.value;

/** PNG width and height from the IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(b.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('manifest.xml structure', () => {
  test('is well-formed XML whose root is an OfficeApp TaskPaneApp', () => {
    expect(app.name).toBe('OfficeApp');
    expect(app.attrs.xmlns).toBe('http://schemas.microsoft.com/office/appforoffice/1.1');
    expect(app.attrs['xsi:type']).toBe('TaskPaneApp');
    expect(one(app, 'Id').text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(one(app, 'Version').text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  test('targets Excel (Workbook) only', () => {
    expect(select(app, 'Hosts', 'Host').map((h) => h.attrs.Name)).toEqual(['Workbook']);
    expect(host.attrs['xsi:type']).toBe('Workbook');
  });

  test('requires SharedRuntime 1.1 and declares one long-lived runtime on the task pane page', () => {
    expect(select(app, 'Requirements', 'Sets', 'Set').map((s) => [s.attrs.Name, s.attrs.MinVersion])).toEqual([
      ['SharedRuntime', '1.1'],
    ]);
    const runtimes = select(host, 'Runtimes', 'Runtime');
    expect(runtimes.map((r) => [r.attrs.resid, r.attrs.lifetime])).toEqual([['Taskpane.Url', 'long']]);
  });

  test('custom functions: namespace RDTAX, script functions.js, metadata functions.json, page = the shared runtime', () => {
    const ep = select(host, 'AllFormFactors', 'ExtensionPoint').filter(
      (e) => e.attrs['xsi:type'] === 'CustomFunctions',
    );
    expect(ep).toHaveLength(1);
    expect(resid(one(ep[0], 'Namespace'))).toBe('RDTAX');
    expect(resid(one(ep[0], 'Script', 'SourceLocation'))).toBe(`${DEV_BASE_URL}/functions.js`);
    expect(resid(one(ep[0], 'Metadata', 'SourceLocation'))).toBe(`${DEV_BASE_URL}/functions.json`);
    expect(one(ep[0], 'Page', 'SourceLocation').attrs.resid).toBe('Taskpane.Url');
    expect(one(host, 'DesktopFormFactor', 'FunctionFile').attrs.resid).toBe('Taskpane.Url');
  });

  test('a Home-tab button shows the task pane', () => {
    const tab = one(host, 'DesktopFormFactor', 'ExtensionPoint', 'OfficeTab');
    expect(tab.attrs.id).toBe('TabHome');
    const action = one(tab, 'Group', 'Control', 'Action');
    expect(action.attrs['xsi:type']).toBe('ShowTaskpane');
    expect(one(action, 'TaskpaneId').text.trim()).not.toBe('');
    expect(one(action, 'SourceLocation').attrs.resid).toBe('Taskpane.Url');
    expect(resid(one(action, 'SourceLocation'))).toBe(one(app, 'DefaultSettings', 'SourceLocation').attrs.DefaultValue);
  });

  test('asks for ReadWriteDocument and nothing more', () => {
    expect(select(app, 'Permissions').map((p) => p.text.trim())).toEqual(['ReadWriteDocument']);
  });

  test('every resid is defined exactly once and every resource is used', () => {
    const used = new Set(allElements(app).flatMap((e) => (e.attrs.resid ? [e.attrs.resid] : [])));
    for (const id of used) expect({ id, defined: table.has(id) }).toEqual({ id, defined: true });
    for (const id of table.keys()) expect({ id, used: used.has(id) }).toEqual({ id, used: true });
  });

  test('strings fit the manifest limits (short 125, long 250 characters)', () => {
    for (const [id, r] of table) {
      if (r.kind === 'ShortStrings') expect({ id, fits: r.value.length <= 125 }).toEqual({ id, fits: true });
      if (r.kind === 'LongStrings') expect({ id, fits: r.value.length <= 250 }).toEqual({ id, fits: true });
    }
  });

  test('every URL is https under the development base and is a file the build produces', () => {
    const urls = manifestUrls(xml);
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const url of urls) {
      expect(url.startsWith(`${DEV_BASE_URL}/`)).toBe(true);
      const file = path.join(DIST, new URL(url).pathname);
      expect({ url, built: fs.existsSync(file) }).toEqual({ url, built: true });
    }
  });

  test('icons are PNGs of the size each reference declares', () => {
    const checks: { url: string; size: number }[] = [
      { url: one(app, 'IconUrl').attrs.DefaultValue, size: 32 },
      { url: one(app, 'HighResolutionIconUrl').attrs.DefaultValue, size: 64 },
      ...select(resources, 'Images', 'Image').map((img) => ({
        url: img.attrs.DefaultValue,
        size: Number(/(\d+)x\1/.exec(img.attrs.id)?.[1]),
      })),
    ];
    for (const button of allElements(host).filter((e) => e.name === 'bt:Image')) {
      expect(table.get(button.attrs.resid)?.value).toMatch(new RegExp(`icon-${button.attrs.size}\\.png$`));
    }
    for (const c of checks) {
      const file = path.join(ROOT, 'excel-addin', 'assets', path.basename(new URL(c.url).pathname));
      expect({ url: c.url, ...pngSize(file) }).toEqual({ url: c.url, width: c.size, height: c.size });
    }
  });

  test('taskpane.html is a whole HTML page loading Office.js from Microsoft’s CDN, then functions.js, then taskpane.js', () => {
    const html = fs.readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>\s*<html lang="en">/i);
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual([
      'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
      'functions.js',
      'taskpane.js',
    ]);
    // Office.js is never bundled: no copy of its loader in the built scripts.
    for (const f of ['functions.js', 'taskpane.js']) {
      const bundled = /OSF\._OfficeAppFactory|Microsoft\.Office\.WebExtension/.test(
        fs.readFileSync(path.join(DIST, f), 'utf8'),
      );
      expect({ f, bundled }).toEqual({ f, bundled: false });
    }
  });

  test('the development build copies the manifest unchanged', () => {
    expect(fs.readFileSync(path.join(DIST, 'manifest.xml'), 'utf8')).toBe(xml);
  });
});

describe('the production manifest', () => {
  const PROD = 'https://addins.example.com/rd-credit-studio';

  test('rewrites every development URL to the deployed base, and stays well-formed', () => {
    const prod = productionManifest(xml, `${PROD}/`);
    expect(prod).not.toMatch(/localhost/);
    const urls = manifestUrls(prod);
    expect(urls).toHaveLength(manifestUrls(xml).length);
    for (const u of urls) expect(u.startsWith(`${PROD}/`)).toBe(true);
    expect(parseXml(prod).name).toBe('OfficeApp');
  });

  test('the webpack config writes it when built with --env prodUrl', () => {
    // The config is a function of env; its StaticFilesPlugin holds the manifest transform.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require('../../excel-addin/webpack.config.js') as (
      env: Record<string, string>,
      argv: Record<string, string>,
    ) => { plugins: unknown[] };
    const built = config({ prodUrl: PROD }, { mode: 'production' });
    const statics = built.plugins.find((p): p is { files: { to: string; transform?: (s: string) => string }[] } =>
      Array.isArray((p as { files?: unknown }).files),
    );
    const entry = statics?.files.find((f) => f.to === 'manifest.xml');
    const out = entry?.transform?.(xml) ?? '';
    expect(out).toBe(productionManifest(xml, PROD));
  });

  test.each([
    ['http is refused', 'http://addins.example.com'],
    ['localhost is not a deployment', 'https://localhost:8443'],
    ['a query string is refused', 'https://addins.example.com/?v=1'],
    ['not a URL', 'addins.example.com'],
  ])('%s', (_name, url) => {
    expect(() => deployedBaseUrl(url)).toThrow();
  });
});

describe('the offline XML check rejects what is not well-formed', () => {
  test.each([
    ['a mismatched closing tag', '<a><b></a></b>'],
    ['an unclosed element', '<a><b></b>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['a repeated attribute', '<a x="1" x="2"/>'],
    ['a bare ampersand', '<a>R&D</a>'],
    ['two roots', '<a/><b/>'],
    ['"--" inside a comment', '<!-- a -- b --><a/>'],
  ])('%s', (_name, text) => {
    expect(() => parseXml(text)).toThrow(/not well-formed|bad entity|raw </);
  });
});
