/**
 * The install promise (README "Set up, run, test"): a fresh clone installs with `npm ci` on Linux,
 * macOS and Windows, on Node.js 20, 22 and 24, without EBADENGINE warnings.
 *
 * `npm ci` refuses a lockfile that lacks another platform's optional binaries ("package.json and
 * package-lock.json are not in sync"), so the lockfile must list every optional dependency of
 * every package, not only those of the machine that wrote it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as semver from 'semver';

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const cliPkg = JSON.parse(fs.readFileSync(path.join(root, 'cli', 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
type LockEntry = {
  optionalDependencies?: Record<string, string>;
  engines?: { node?: string } | string[];
  os?: string[];
};
const entries = Object.entries(lock.packages as Record<string, LockEntry>);

/** Where npm would resolve `name` from the package at `from` (node_modules/a/node_modules/b …). */
function resolvesInLock(from: string, name: string): boolean {
  let dir = from;
  for (;;) {
    if (lock.packages[`${dir ? `${dir}/` : ''}node_modules/${name}`]) return true;
    if (!dir) return false;
    const i = dir.lastIndexOf('node_modules/');
    dir = i <= 0 ? '' : dir.slice(0, i - 1);
  }
}

/** The Node.js releases we support (README; issue 8 §5): the oldest minor of each major the engines range names. */
const supported = [
  { release: 'Node.js 20', version: '20.19.0' },
  { release: 'Node.js 22', version: '22.13.0' },
  { release: 'Node.js 24', version: '24.0.0' },
];

describe('the lockfile npm ci accepts on every platform', () => {
  test("every optional dependency of every package is in the lockfile (other platforms' binaries included)", () => {
    const missing: string[] = [];
    for (const [at, entry] of entries) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (!resolvesInLock(at, name)) missing.push(`${at || '(root)'} → ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('the lockfile holds binaries for Linux, macOS and Windows where a package ships per-platform builds', () => {
    const platforms = new Set(entries.flatMap(([, e]) => e.os ?? []));
    for (const os of ['linux', 'darwin', 'win32']) expect(platforms).toContain(os);
  });

  test('npm ci --dry-run accepts package.json and package-lock.json as they are', () => {
    const r = spawnSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 300000,
    });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(out).not.toMatch(/not in sync|EUSAGE|npm error/i);
    expect(r.status).toBe(0);
  });
});

describe('Node.js 20, 22 and 24 are supported', () => {
  test.each(supported)(
    "$release ($version) satisfies our engines and every installed package's engines",
    ({ version }) => {
      expect(semver.satisfies(version, pkg.engines.node)).toBe(true);
      expect(semver.satisfies(version, cliPkg.engines.node)).toBe(true);
      const refuse = entries
        .filter(([, e]) => e.engines && !Array.isArray(e.engines) && e.engines.node)
        .filter(([, e]) => !semver.satisfies(version, (e.engines as { node: string }).node))
        .map(([at, e]) => `${at} needs node ${(e.engines as { node: string }).node}`);
      expect(refuse).toEqual([]);
    },
  );

  test('below the supported minimums (18.20.0; 20.18.0, one minor under ^20.19.0) is refused, a boundary row', () => {
    expect(semver.satisfies('18.20.0', pkg.engines.node)).toBe(false);
    expect(semver.satisfies('20.18.0', pkg.engines.node)).toBe(false);
  });

  test('the running Node.js is one we support', () => {
    expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true);
  });
});
