/**
 * The built Apps Script project as files: Code.js is a plain script whose top level only
 * declares functions, one per catalogue function with its autocomplete JSDoc, plus the
 * triggers and the sidebar's server functions — every other name private (trailing `_`);
 * appsscript.json asks for exactly two scopes; Sidebar.html is one self-contained page; and
 * clasp would push exactly these three files.
 */
import * as os from 'os';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import * as acorn from 'acorn';
import { CATALOGUE } from '@core/catalogue';
import { ENTRY_POINTS } from '../../gsheets/src/shared/api';
import { CODE_JS, DIST, codeJs } from './harness';
import { CSP_PLACEHOLDER } from '@panel/csp';
import { inlineBodies, metaCsp as metaPolicy } from '../../scripts/page-csp';
import { pageProblems, parsePolicy } from '../browser/csp-policy';

const ROOT = path.join(__dirname, '..', '..');

interface TopLevelFunction {
  readonly name: string;
  readonly params: string[];
  /** The block comment right before the declaration, if any. */
  readonly jsdoc?: string;
}

function topLevel(): { functions: TopLevelFunction[]; others: string[] } {
  const comments: acorn.Comment[] = [];
  const text = codeJs().text;
  const program = acorn.parse(text, { ecmaVersion: 2019, sourceType: 'script', onComment: comments });
  const functions: TopLevelFunction[] = [];
  const others: string[] = [];
  for (const node of program.body) {
    if (node.type !== 'FunctionDeclaration' || !node.id) {
      others.push(`${node.type} at ${node.start}`);
      continue;
    }
    const before = comments
      .filter((c) => c.type === 'Block' && c.end <= node.start && /^\s*$/.test(text.slice(c.end, node.start)))
      .pop();
    functions.push({
      name: node.id.name,
      params: node.params.map((p) => (p.type === 'Identifier' ? p.name : `<${p.type}>`)),
      ...(before && before.value.startsWith('*') ? { jsdoc: before.value } : {}),
    });
  }
  return { functions, others };
}

/** `@param {type} name help` lines of a JSDoc block. */
function jsdocParams(doc: string): { type: string; name: string; help: string }[] {
  return [...doc.matchAll(/@param\s+\{([^}]*)\}\s+(\S+)\s*([^\n]*)/g)].map((m) => ({
    type: m[1],
    name: m[2],
    help: m[3].replace(/\s*\*?\s*$/, '').trim(),
  }));
}
/** The description: the JSDoc text before the first tag. */
function jsdocDescription(doc: string): string {
  return doc
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, ''))
    .join(' ')
    .split(/\s@/)[0]
    .trim();
}

describe('Code.js is a plain script', () => {
  test('it compiles as a script (no import/export), as vm.Script and as acorn sourceType "script"', () => {
    expect(() => new vm.Script(codeJs().text)).not.toThrow();
    expect(() => acorn.parse(codeJs().text, { ecmaVersion: 2019, sourceType: 'script' })).not.toThrow();
    expect(codeJs().text).not.toMatch(/^\s*(import|export)\s/m);
  });

  test('its top level is only function declarations, so evaluating it builds nothing', () => {
    expect(topLevel().others).toEqual([]);
  });

  test('evaluating it defines exactly the declared functions as globals and nothing else', () => {
    const context = vm.createContext({});
    const before = new Set(Object.getOwnPropertyNames(context));
    codeJs().script.runInContext(context);
    const added = Object.getOwnPropertyNames(context)
      .filter((n) => !before.has(n))
      .sort();
    expect(added).toEqual(
      topLevel()
        .functions.map((f) => f.name)
        .sort(),
    );
  });
});

describe('custom functions: generated from the catalogue', () => {
  const custom = () => topLevel().functions.filter((f) => f.jsdoc && /@customfunction\b/.test(f.jsdoc));

  test('the set of @customfunction declarations equals the catalogue', () => {
    expect(
      custom()
        .map((f) => f.name)
        .sort(),
    ).toEqual(CATALOGUE.map((f) => f.name).sort());
  });

  test.each(CATALOGUE.map((f) => [f.name, f] as const))(
    '%s: JSDoc has its summary and one @param per catalogue parameter, in order',
    (name, spec) => {
      const fn = custom().find((f) => f.name === name);
      expect(fn).toBeDefined();
      const doc = fn!.jsdoc!;
      expect(jsdocDescription(doc)).toContain(spec.summary.replace(/\s+/g, ' '));
      const params = jsdocParams(doc);
      expect(params.map((p) => p.name)).toEqual(spec.params.map((p) => p.name));
      params.forEach((p, i) => {
        expect(p.type).not.toBe('');
        expect(p.help).toContain(spec.params[i].help.replace(/\s+/g, ' ').replace(/\*\//g, '*\u2215'));
        if (spec.params[i].optional) expect(p.help).toMatch(/^Optional/);
      });
      // The declared parameters are the catalogue's too (Sheets shows them while typing).
      expect(fn!.params).toEqual(spec.params.map((p) => p.name));
    },
  );
});

describe('public and private names', () => {
  test('onOpen, onInstall, the menu actions and the sidebar server functions are top-level functions', () => {
    const names = topLevel().functions.map((f) => f.name);
    for (const e of ENTRY_POINTS) expect(names).toContain(e.name);
    expect(ENTRY_POINTS.map((e) => e.name)).toEqual(
      expect.arrayContaining([
        'onOpen',
        'onInstall',
        'sidebarReadWorkbook',
        'sidebarSelectCell',
        'sidebarMarkCells',
        'sidebarClearMarks',
        'sidebarInsertSheets',
      ]),
    );
  });

  test('every other top-level name ends in "_" (private in Apps Script)', () => {
    const publicNames = new Set([...CATALOGUE.map((f) => f.name), ...ENTRY_POINTS.map((e) => e.name)]);
    const stray = topLevel()
      .functions.map((f) => f.name)
      .filter((n) => !publicNames.has(n) && !n.endsWith('_'));
    expect(stray).toEqual([]);
  });

  test('no public entry point ends in "_" (google.script.run and menus cannot call private functions)', () => {
    expect(ENTRY_POINTS.filter((e) => e.name.endsWith('_'))).toEqual([]);
  });
});

describe('appsscript.json', () => {
  const manifest = () => JSON.parse(fs.readFileSync(path.join(DIST, 'appsscript.json'), 'utf8'));
  test('runtime V8', () => {
    expect(manifest().runtimeVersion).toBe('V8');
  });
  test('oauthScopes are exactly spreadsheets.currentonly and script.container.ui', () => {
    expect([...manifest().oauthScopes].sort()).toEqual([
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
    ]);
  });
  test('no libraries, advanced services or URL allow-lists', () => {
    const m = manifest();
    expect(m.dependencies?.libraries ?? []).toEqual([]);
    expect(m.dependencies?.enabledAdvancedServices ?? []).toEqual([]);
    expect(m.urlFetchWhitelist).toBeUndefined();
  });
});

describe('Sidebar.html', () => {
  const html = () => fs.readFileSync(path.join(DIST, 'Sidebar.html'), 'utf8');
  test('is a whole document: <!DOCTYPE html>, <html>, <body>', () => {
    expect(html()).toMatch(/^<!DOCTYPE html>/i);
    expect(html()).toMatch(/<html[\s>]/i);
    expect(html()).toMatch(/<body[\s>]/i);
    expect(html()).toMatch(/<\/html>\s*$/i);
  });
  test('is self-contained: no external script, style, image or font', () => {
    const h = html();
    expect(h).not.toMatch(/<script[^>]*\bsrc\s*=/i);
    expect(h).not.toMatch(/<link[^>]*\bhref\s*=/i);
    expect(h).not.toMatch(/@import\b/i);
    expect(h).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
    expect(h).not.toMatch(/\bsrc\s*=\s*['"]?(https?:)?\/\//i);
  });
  test('carries the start-view attribute the menu rewrites', () => {
    expect(html()).toContain('data-start-view="validate"');
  });
  test('has a strict Content-Security-Policy: its one inline script, its on-demand parts and its styles allowed by hash, nothing fetched', () => {
    expect(pageProblems(html(), 'sidebar')).toEqual([]);
    // The page's one script, and one hash per SidebarChunk_*.html (test/gsheets/sidebar-chunks.test.ts checks each).
    const parts = fs.readdirSync(DIST).filter((f) => /^SidebarChunk_\w+\.html$/.test(f));
    expect(parts).toHaveLength(2);
    expect(parsePolicy(metaPolicy(html()) ?? '').get('script-src')).toHaveLength(1 + parts.length);
  });
  test('no comment-like text inside its script or styles, which HtmlService would strip and so break the hashes', () => {
    const { styles, scripts } = inlineBodies(html());
    expect(scripts).toHaveLength(1);
    expect([...styles, ...scripts].filter((b) => /\/\/|\/\*/.test(b))).toEqual([]);
  });
  test('the source shell carries the placeholder the build fills, and no style attribute', () => {
    const shell = fs.readFileSync(path.join(ROOT, 'gsheets', 'src', 'sidebar', 'Sidebar.html'), 'utf8');
    expect(shell).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP_PLACEHOLDER}">`);
    expect(shell).not.toMatch(/<[a-z][^>]*\sstyle\s*=/i);
  });
});

describe('local only (IRC §7216): no network API in anything shipped', () => {
  const NETWORK = [
    /UrlFetchApp/,
    /XMLHttpRequest/,
    /\bfetch\s*\(/,
    /\bWebSocket\b/,
    /\bEventSource\b/,
    /sendBeacon/,
    /importScripts/,
    /\bnew\s+Image\s*\(/,
  ];
  test.each(['Code.js', 'Sidebar.html'])('%s', (file) => {
    const text = fs.readFileSync(path.join(DIST, file), 'utf8');
    for (const re of NETWORK)
      expect({ file, api: re.source, found: re.test(text) }).toEqual({ file, api: re.source, found: false });
  });
});

describe('clasp', () => {
  test('.clasp.json points at gsheets/dist with a placeholder script id', () => {
    const clasp = JSON.parse(fs.readFileSync(path.join(ROOT, '.clasp.json'), 'utf8'));
    expect(path.resolve(ROOT, clasp.rootDir)).toBe(DIST);
    expect(typeof clasp.scriptId).toBe('string');
  });

  test('`clasp show-file-status` (offline, no login) lists exactly the built files (the page, its two on-demand parts, Code.js, the manifest)', () => {
    // HOME is a fresh empty folder: no .clasprc.json, so this proves no login is needed.
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'clasp-home-'));
    const out = execFileSync(path.join(ROOT, 'node_modules', '.bin', 'clasp'), ['show-file-status', '--json'], {
      cwd: ROOT,
      env: { ...process.env, HOME: home, clasp_config_auth: path.join(home, '.clasprc.json') },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const status = JSON.parse(out.slice(out.indexOf('{')));
    expect([...status.filesToPush].map((f: string) => path.resolve(ROOT, f)).sort()).toEqual(
      ['Code.js', 'Sidebar.html', 'SidebarChunk_compute.html', 'SidebarChunk_templates.html', 'appsscript.json']
        .map((f) => path.join(DIST, f))
        .sort(),
    );
    expect(status.untrackedFiles).toEqual([]);
  });

  test('Code.js is within the 200 KB budget', () => {
    expect(fs.statSync(CODE_JS).size).toBeLessThan(200 * 1024);
  });

  // docs/design.md §9: 300 KB for the panel (issue 13 §1). Sidebar.html is the first load; the
  // template code and Form 6765 come later, as SidebarChunk_*.html (test/gsheets/sidebar-chunks.test.ts).
  test('Sidebar.html, the first load, is within the 300 KB budget', () => {
    expect(fs.statSync(path.join(DIST, 'Sidebar.html')).size).toBeLessThanOrEqual(300 * 1024);
  });
});
