/**
 * Tests must never run against a stale bundle. Every webpack build of a host writes a stamp
 * (.tmp/build-stamps/<host>.json): a sha256 of each source file it read — the modules webpack
 * bundled and the repo files its config loaded (generators, page-csp, the catalogue) — and of
 * each file it wrote to dist/. `distProblem(host)` hashes them again: any difference means the
 * bundle no longer matches the code, and jest (test/dist-guard.ts) and the bench refuse to run
 * against it, saying "run npm run build".
 *
 * Content hashes rather than mtimes: webpack leaves an output file untouched when its bytes do
 * not change (output.compareBeforeEmit), and git checkouts touch files they do not change.
 *
 *   node -r ./scripts/register.js scripts/dist-stamp.ts   check both hosts; exit 1 if stale
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');

export const HOSTS = ['excel-addin', 'gsheets'] as const;
export type Host = (typeof HOSTS)[number];

interface Stamp {
  readonly builtAt: string;
  /** Repo-relative path → sha256 of every source the build read. */
  readonly sources: Readonly<Record<string, string>>;
  /** dist-relative path → sha256 of every file in dist/ after the build. */
  readonly dist: Readonly<Record<string, string>>;
}

export const stampFile = (host: Host, root = ROOT): string => path.join(root, '.tmp', 'build-stamps', `${host}.json`);
const distDir = (host: Host, root: string): string => path.join(root, host, 'dist');
const rel = (file: string, root: string): string => path.relative(root, file).split(path.sep).join('/');

function sha256(file: string): string | undefined {
  try {
    return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return undefined;
  }
}

function filesUnder(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const name = prefix + e.name;
    return e.isDirectory() ? filesUnder(path.join(dir, e.name), `${name}/`) : [name];
  });
}

function hashDist(host: Host, root: string): Record<string, string> {
  const dir = distDir(host, root);
  const out: Record<string, string> = {};
  for (const f of filesUnder(dir).sort()) out[f] = sha256(path.join(dir, f)) ?? '';
  return out;
}

/** A source worth stamping: a file of this repository, not a dependency and not this module. */
function isRepoSource(file: string, root: string): boolean {
  const r = path.relative(root, file);
  return (
    path.isAbsolute(file) &&
    !r.startsWith('..') &&
    !r.split(path.sep).includes('node_modules') &&
    !r.split(path.sep).includes('dist') &&
    file !== __filename
  );
}

export function writeStamp(host: Host, sourceFiles: Iterable<string>, root = ROOT): void {
  const sources: Record<string, string> = {};
  for (const f of [...new Set(sourceFiles)].filter((x) => isRepoSource(x, root)).sort()) {
    const h = sha256(f);
    if (h) sources[rel(f, root)] = h;
  }
  const stamp: Stamp = { builtAt: new Date().toISOString(), sources, dist: hashDist(host, root) };
  fs.mkdirSync(path.dirname(stampFile(host, root)), { recursive: true });
  fs.writeFileSync(stampFile(host, root), `${JSON.stringify(stamp, null, 1)}\n`);
}

/** Why `host`/dist cannot be tested as it is (naming the first file that differs), or undefined. */
export function distProblem(host: Host, root = ROOT): string | undefined {
  const dist = `${host}/dist/`;
  const fix = 'run npm run build';
  let stamp: Stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampFile(host, root), 'utf8')) as Stamp;
  } catch {
    return `${dist} has no build stamp (${rel(stampFile(host, root), root)}): it was never built here, or its last build failed; ${fix}.`;
  }
  const changed = Object.entries(stamp.sources)
    .filter(([f, h]) => sha256(path.join(root, f)) !== h)
    .map(([f]) => f);
  if (changed.length > 0) {
    const more = changed.length > 1 ? ` and ${changed.length - 1} more` : '';
    return `${dist} is older than its sources (${changed[0]}${more} changed since the build of ${stamp.builtAt}): ${fix}.`;
  }
  const now = hashDist(host, root);
  const names = new Set([...Object.keys(now), ...Object.keys(stamp.dist)]);
  const differs = [...names].filter((f) => now[f] !== stamp.dist[f]);
  if (differs.length > 0) {
    return `${dist} is not what the last build wrote (${dist}${differs[0]} differs): ${fix}.`;
  }
  return undefined;
}

/** Throws the problem of each host's dist/, so a test or bench that reads a stale bundle stops. */
export function requireFreshDist(...hosts: readonly Host[]): void {
  const problems = hosts.map((h) => distProblem(h)).filter((p): p is string => p !== undefined);
  if (problems.length === 0) return;
  const e = new Error(problems.join('\n'));
  e.stack = ''; // the message is the whole story; where it was thrown is not
  throw e;
}

interface Compiler {
  readonly hooks: {
    readonly done: { tap(name: string, f: (stats: Stats) => void): void };
  };
}
interface Stats {
  hasErrors(): boolean;
  readonly compilation: { readonly fileDependencies: Iterable<string> };
}

/**
 * Added to each host's webpack config: after a build without errors, stamps the files webpack
 * bundled plus the repo modules the config loaded through require (require.cache). A failed
 * build removes the stamp, so tests refuse the half-written dist/.
 */
export class BuildStampPlugin {
  constructor(private readonly host: Host) {}
  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('BuildStampPlugin', (stats) => {
      if (stats.hasErrors()) {
        fs.rmSync(stampFile(this.host), { force: true });
        return;
      }
      writeStamp(this.host, [...stats.compilation.fileDependencies, ...Object.keys(require.cache)]);
    });
  }
}

if (require.main === module) {
  const problems = HOSTS.map((h) => distProblem(h)).filter((p): p is string => p !== undefined);
  for (const p of problems) console.error(p);
  if (problems.length === 0) console.log(`${HOSTS.map((h) => `${h}/dist/`).join(' and ')} match their sources.`);
  process.exit(problems.length > 0 ? 1 : 0);
}
