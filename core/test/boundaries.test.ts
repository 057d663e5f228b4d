/**
 * Dependencies point one way (docs/design.md §1: hosts → panel → core). The engine (core/src) and the
 * panel (panel/src) import nothing from a host, the CLI, a script or a test, and no Node API; the
 * only package the engine may load is decimal.js. Core's tests may use Node and scripts, but
 * nothing they load — directly or through a script — may be the CLI or a host: testing the
 * engine must not depend on the CLI's writer (it once did, through scripts/make-examples).
 * eslint.config.mjs says the same for direct imports as you type; this test follows every
 * import to the end.
 */
import * as fs from 'fs';
import * as path from 'path';
import { builtinModules } from 'module';
import * as ts from 'typescript';
import { resolveAlias } from '../../scripts/aliases';

const ROOT = path.resolve(__dirname, '..', '..');
const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

/** The npm packages each part may import (the engine's whole dependency list is decimal.js). */
const ENGINE_PACKAGES = new Set(['decimal.js']);
const HOSTS_AND_CLI = ['cli/', 'excel-addin/', 'gsheets/'];
const NOT_FOR_ENGINE = [...HOSTS_AND_CLI, 'scripts/', 'test/', 'core/test/'];

type Part = 'engine' | 'panel' | 'core-test' | 'other';
function partOf(file: string): Part {
  if (file.startsWith('core/src/')) return 'engine';
  if (file.startsWith('panel/')) return 'panel';
  if (file.startsWith('core/test/')) return 'core-test';
  return 'other';
}

const isBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]);

/**
 * What is wrong with `from` importing `spec` (resolved to the repo file `to`, or undefined for a
 * package): undefined when the import is allowed.
 */
function importProblem(from: string, spec: string, to: string | undefined): string | undefined {
  const part = partOf(from);
  if (part === 'other') return undefined;
  if (to === undefined) {
    if (part === 'core-test') return undefined;
    if (isBuiltin(spec)) return `${from} imports the Node module "${spec}": core is pure`;
    if (part === 'engine' && !ENGINE_PACKAGES.has(spec)) return `${from} imports the package "${spec}"`;
    if (part === 'panel' && !ENGINE_PACKAGES.has(spec)) return `${from} imports the package "${spec}"`;
    return undefined;
  }
  const banned = part === 'core-test' ? HOSTS_AND_CLI : NOT_FOR_ENGINE;
  const hit = banned.find((dir) => to.startsWith(dir));
  if (hit) return `${from} imports ${to} (${hit.replace(/\/$/, '')})`;
  if (part === 'engine' && !to.startsWith('core/src/')) return `${from} imports ${to}, outside the engine`;
  return undefined;
}

function resolveFile(from: string, spec: string): string | undefined {
  const base = resolveAlias(spec) ?? path.resolve(ROOT, path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts'), path.join(base, 'index.js')])
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return rel(candidate);
  return undefined;
}

const importCache = new Map<string, string[]>();
function importsOf(file: string): string[] {
  let specs = importCache.get(file);
  if (!specs) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    specs = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
    importCache.set(file, specs);
  }
  return specs;
}

function tsFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const p = `${dir}/${entry.name}`;
    if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'dist') out.push(...tsFilesUnder(p));
    else if (entry.isFile() && p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/**
 * Every problem in what `start` loads, followed through the repo's own files (a script a test
 * imports is checked by the rules of the part that started the chain).
 */
function problemsFrom(start: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>([start]);
  const queue: { file: string; chain: string[] }[] = [{ file: start, chain: [start] }];
  while (queue.length > 0) {
    const { file, chain } = queue.shift()!;
    for (const spec of importsOf(file)) {
      // A relative path or one of the repository's aliases (@core/…, @panel/…): a repo file.
      const local = spec.startsWith('.') || resolveAlias(spec) !== undefined;
      const to = local ? resolveFile(file, spec) : undefined;
      if (local && to === undefined) continue; // a JSON or asset import the compiler checks
      // Judged as if `start` imported it: what a test reaches through a script is the test's.
      const problem = importProblem(start, spec, to);
      if (problem) problems.push(chain.length > 1 ? `${problem} (through ${chain.slice(1).join(' → ')})` : problem);
      // A chain is reported where it first leaves its part, not followed through the CLI.
      if (!problem && to && !seen.has(to) && to.endsWith('.ts')) {
        seen.add(to);
        queue.push({ file: to, chain: [...chain, to] });
      }
    }
  }
  return problems;
}

describe('importProblem: the rule each part keeps', () => {
  // [case, importing file, specifier, resolved repo file (undefined: a package), problem?]
  test.each<[string, string, string, string | undefined, boolean]>([
    ['engine → engine', 'core/src/study/model.ts', './schema', 'core/src/study/schema.ts', false],
    ['engine → decimal.js', 'core/src/money.ts', 'decimal.js', undefined, false],
    ['engine → another package', 'core/src/money.ts', 'exceljs', undefined, true],
    ['engine → fs (Node)', 'core/src/money.ts', 'fs', undefined, true],
    ['engine → node:path', 'core/src/money.ts', 'node:path', undefined, true],
    ['engine → the CLI', 'core/src/x.ts', '../../cli/src/xlsx-write', 'cli/src/xlsx-write.ts', true],
    ['engine → a script', 'core/src/x.ts', '../../scripts/make-examples', 'scripts/make-examples.ts', true],
    [
      'engine → the Excel host',
      'core/src/x.ts',
      '../../excel-addin/src/excel-host',
      'excel-addin/src/excel-host.ts',
      true,
    ],
    ['engine → the Sheets host', 'core/src/x.ts', '../../gsheets/src/shared/api', 'gsheets/src/shared/api.ts', true],
    ['engine → the panel', 'core/src/x.ts', '@panel/host', 'panel/src/host.ts', true],
    ['engine → a test', 'core/src/x.ts', '../test/helpers', 'core/test/helpers.ts', true],
    ['panel → engine', 'panel/src/panel.ts', '@core/study', 'core/src/study/index.ts', false],
    ['panel → the Sheets host', 'panel/src/panel.ts', '../../gsheets/src/x', 'gsheets/src/x.ts', true],
    ['panel → the Excel host', 'panel/src/panel.ts', '../../excel-addin/src/x', 'excel-addin/src/x.ts', true],
    ['panel → the CLI', 'panel/src/panel.ts', '../../cli/src/check', 'cli/src/check.ts', true],
    ['panel → a script', 'panel/src/csp.ts', '../../scripts/page-csp', 'scripts/page-csp.ts', true],
    ['panel → fs (Node)', 'panel/src/panel.ts', 'fs', undefined, true],
    ['core test → fs', 'core/test/templates.test.ts', 'fs', undefined, false],
    ['core test → a script', 'core/test/x.test.ts', '../../scripts/emit-templates', 'scripts/emit-templates.ts', false],
    ['core test → the CLI', 'core/test/x.test.ts', '../../cli/src/xlsx-write', 'cli/src/xlsx-write.ts', true],
    ['a host → core (hosts may)', 'excel-addin/src/x.ts', '@core/cells', 'core/src/cells.ts', false],
  ])('%s', (_case, from, spec, to, bad) => {
    expect(importProblem(from, spec, to) !== undefined).toBe(bad);
  });
});

describe('what core and the panel load', () => {
  const files = [...tsFilesUnder('core'), ...tsFilesUnder('panel')];

  test('there are files to check (the walk found the engine, the panel and the tests)', () => {
    for (const f of ['core/src/money.ts', 'panel/src/host.ts', 'core/test/compute.test.ts']) expect(files).toContain(f);
  });

  test('no file under core/ or panel/ loads a host or the CLI, and the engine and panel load no script, test or Node API', () => {
    expect(files.flatMap(problemsFrom)).toEqual([]);
  });
});
