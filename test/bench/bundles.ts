/**
 * Built-bundle budgets (docs/design.md §9), measured on the files `npm run build` wrote. One entry
 * per host in BUNDLE_BENCHES; each host's engineer appends theirs. Printed, never asserted.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { distProblem } from '../../scripts/dist-stamp';
import { median, timeIt } from './timing';

interface BundleBench {
  readonly title: string;
  readonly run: () => string[];
}

const ROOT = path.join(__dirname, '..', '..');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (x: number) => `${x.toFixed(2)} ms`;

/** A size against its budget, as the ratio §9 asks for. */
function sizeLine(label: string, file: string, budgetKb: number): string {
  if (!fs.existsSync(file)) return `${label}: ${path.relative(ROOT, file)} is missing (run npm run build)`;
  const size = fs.statSync(file).size;
  return `${label}: ${kb(size)} (budget ${budgetKb} KB; ${((size / (budgetKb * 1024)) * 100).toFixed(0)}% of it)`;
}

/**
 * The parts a panel loads on demand (panel/src/lazy.ts), each with its size, and the first load
 * plus all of them: `first` is the file the page loads, `parts` the chunk files beside it.
 */
function partLines(label: string, dist: string, first: string, parts: readonly string[]): string[] {
  if (!fs.existsSync(path.join(dist, first))) return [];
  const size = (f: string) => fs.statSync(path.join(dist, f)).size;
  const total = parts.reduce((n, f) => n + size(f), size(first));
  return [
    ...parts.map((f) => `${label} on-demand part ${f}: ${kb(size(f))}`),
    `${label} first load + every part: ${kb(total)} (${parts.length} parts; each part loads once, when first needed)`,
  ];
}

// ---------------------------------------------------------------- Google Sheets (gsheets/dist)

function benchGsheets(): string[] {
  // A bundle older than its sources would measure code that no longer exists.
  const stale = distProblem('gsheets');
  if (stale) return [stale];
  const dist = path.join(ROOT, 'gsheets', 'dist');
  const codeFile = path.join(dist, 'Code.js');
  const lines = [
    sizeLine('Code.js size', codeFile, 200),
    sizeLine('Sidebar.html size (the first load: panel + validator)', path.join(dist, 'Sidebar.html'), 300),
    ...partLines(
      'Sidebar',
      dist,
      'Sidebar.html',
      fs.existsSync(dist) ? fs.readdirSync(dist).filter((f) => f.startsWith('SidebarChunk_')) : [],
    ),
  ];
  if (!fs.existsSync(codeFile)) return lines;
  // Loaded lazily: the harness reads gsheets/dist at import.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { execute } = require('../gsheets/harness') as typeof import('../gsheets/harness');
  const code = fs.readFileSync(codeFile, 'utf8');

  // Apps Script evaluates the file's top level before every custom-function call.
  // Measured apart from creating the context (the vm's cost, not Apps Script's).
  const script = new vm.Script(code, { filename: 'Code.js' });
  const evals: number[] = [];
  const compiles: number[] = [];
  for (let i = 0; i < 31; i++) {
    const context = vm.createContext({});
    let t0 = process.hrtime.bigint();
    script.runInContext(context);
    evals.push(Number(process.hrtime.bigint() - t0) / 1e6);
    // A source V8 has not seen (a unique trailing comment): no compilation cache.
    const fresh = `${code}\n// ${i} ${Date.now()}`;
    t0 = process.hrtime.bigint();
    new vm.Script(fresh).runInContext(vm.createContext({}));
    compiles.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const evalOnly = median(evals);
  lines.push(
    `Code.js top-level evaluation in a fresh context: ${ms(evalOnly)} (budget 50 ms; ${(evalOnly / 50).toFixed(3)}× of it); uncached compile + context + evaluation ${ms(median(compiles))}`,
  );

  // The first function of an execution builds the library (decimal.js, catalogue) once.
  const cold = median(timeIt(() => execute().callCustom('RD_CITATION', ['RD_ASC']), 15));
  const uncached: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = process.hrtime.bigint();
    const context = vm.createContext({});
    new vm.Script(`${code}\n// cold ${i} ${Date.now()}`).runInContext(context);
    vm.runInContext('RD_CITATION("RD_ASC")', context);
    uncached.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  lines.push(
    `A cold cell (fresh execution, library built, RD_CITATION): ${ms(cold)} with the compiled script reused; ${ms(median(uncached))} compiling Code.js from scratch`,
  );

  // One RD_WAGE_QRE over 10,000 rows through the harness, marshalled as Sheets passes ranges.
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const wages = Array.from({ length: 10_000 }, () => [Math.round(next() * 25_000_000) / 100]);
  const pct = Array.from({ length: 10_000 }, () => [Math.round(next() * 10000) / 10000]);
  let result: unknown;
  const firstCalls: number[] = [];
  const warmCalls: number[] = [];
  for (let i = 0; i < 15; i++) {
    // A cell's execution: fresh context, Code.js loaded, ranges handed over, one call.
    const exec = execute();
    const [w, p] = [exec.marshal(wages), exec.marshal(pct)];
    let t0 = process.hrtime.bigint();
    result = exec.call('RD_WAGE_QRE', w, p);
    firstCalls.push(Number(process.hrtime.bigint() - t0) / 1e6 + exec.loadMs);
    t0 = process.hrtime.bigint();
    exec.call('RD_WAGE_QRE', w, p);
    warmCalls.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  lines.push(
    `RD_WAGE_QRE over 10,000 rows through the harness: ${ms(median(firstCalls))} per cell execution (top level + library build + call); ${ms(median(warmCalls))} for a second call in the same execution (= ${result})`,
  );
  return lines;
}

// ---------------------------------------------------------------- Excel add-in (excel-addin/dist)

function benchExcel(): string[] {
  const stale = distProblem('excel-addin');
  if (stale) return [stale];
  const dist = path.join(ROOT, 'excel-addin', 'dist');
  const functionsFile = path.join(dist, 'functions.js');
  const lines = [
    sizeLine('functions.js size', functionsFile, 200),
    sizeLine(
      'task-pane JS size (taskpane.js, the first load: panel + Excel host + validator)',
      path.join(dist, 'taskpane.js'),
      300,
    ),
    ...partLines(
      'Task pane',
      dist,
      'taskpane.js',
      fs.existsSync(dist)
        ? fs
            .readdirSync(dist)
            .filter((f) => f.endsWith('.js') && !['functions.js', 'taskpane.js', 'demo.js'].includes(f))
        : [],
    ),
  ];
  if (!fs.existsSync(functionsFile)) return lines;
  // The shared runtime evaluates functions.js once per workbook session; measured for context.
  const script = new vm.Script(fs.readFileSync(functionsFile, 'utf8'), { filename: 'functions.js' });
  const fakeCustomFunctions = () => ({
    CustomFunctions: { associate: () => undefined, ErrorCode: {}, Error: class {} },
  });
  const evals = timeIt(() => script.runInContext(vm.createContext(fakeCustomFunctions())), 21);
  lines.push(`functions.js top-level evaluation (associates every function): ${ms(median(evals))}`);
  return lines;
}

const BUNDLE_BENCHES: BundleBench[] = [
  { title: 'Google Sheets (gsheets/dist)', run: benchGsheets },
  { title: 'Excel add-in (excel-addin/dist)', run: benchExcel },
];

export function benchBundles(): string[] {
  return BUNDLE_BENCHES.flatMap((b) => [`-- ${b.title}`, ...b.run()]);
}
