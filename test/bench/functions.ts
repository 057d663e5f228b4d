/**
 * Every range function over 100,000 realistic rows (cents, two-decimal %) against a plain float
 * loop over the same data, measured in the same realm and run (docs/design.md §9: ≤ 3×, exact to
 * the cent), in three places:
 *  - core: the catalogue as TypeScript, in this process;
 *  - Code.js top level: gsheets/dist/Code.js evaluated at the top level of one script (as Apps
 *    Script evaluates a project), the functions called as Sheets calls them;
 *  - Code.js in vm: the same in a fresh node `vm` context (the project's harness; global lookups
 *    cost there, which is why the library binds its built-ins as locals).
 * The data, the float loop and the calls all run inside the realm measured. "exact" compares
 * each answer with the decimal path (decimal.js, core/src/calc) on the same data.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { callFunction } from '@core/catalogue';
import { contractQre, supplyQre, wageQre, CLOUD_ENVIRONMENTS } from '@core/calc/qre';
import { checkRole, profileRoleTable } from '@core/calc/roles';
import { sec174Deduction, sec174Schedule, vintagePlan, type ResearchLocation } from '@core/calc/sec174';
import { DEFAULT_TAX_YEAR } from '@core/law/types';
import { plus, rate, toCents, usd, ZERO_USD } from '@core/money';
import { distProblem } from '../../scripts/dist-stamp';

const ROOT = path.join(__dirname, '..', '..');
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const BUDGET = 3;
/** Runs of each measurement (BENCH_RUNS): the median is reported. */
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** BENCH_ONLY: a pattern of the functions to measure (all when unset). */
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;

/** The data, generated alike in every realm (a deterministic LCG; cents and whole 1/100 of a %). */
const DATA_SRC = `function (rows, seed0) {
  let seed = seed0;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const col = (f) => { const out = []; for (let i = 0; i < rows; i++) out.push([f()]); return out; };
  const cents = (max) => () => Math.round(next() * max * 100) / 100;
  const pct = () => Math.round(next() * 10000) / 10000;
  return {
    wages: col(cents(250000)), wagePct: col(pct),
    supplies: col(cents(50000)), supplyPct: col(pct),
    cloud: col(cents(20000)), cloudPct: col(pct),
    envs: col(() => pick(['training', 'production', 'development', 'inference', 'testing', 'monitoring', 'staging', 'Customer-facing'])),
    contracts: col(cents(400000)), contractPct: col(pct),
    types: col(() => pick(['standard', 'standard', 'consortium', 'energy', 'Standard'])),
    roles: col(() => pick(['Software Developer', 'QA Engineer', 'DevOps Engineer', 'Product Manager', 'Data Scientist', 'IT Support', 'Janitor'])),
    rolePct: col(pct),
    r_e: col(cents(2000000)),
    years: col(() => 2020 + Math.floor(next() * 6)),
    locations: col(() => pick(['domestic', 'domestic', 'domestic', 'foreign'])),
  };
}`;

/**
 * The bench inside a realm: `call(name, args)` is the function as the host calls it; `plans` the
 * §174 plans (years, float shares) for the float loop. Returns one runner per case.
 */
const BENCH_SRC = `function (now, call, plans, RATES, ENV, ROLE, makeData, RUNS) {
  const d = makeData(${ROWS}, 42);
  const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
  // The float loop and our call alternate, run for run, so that load from other processes falls
  // on both alike; each is the median of its runs.
  const pair = (loop, ours, runs) => {
    loop(); ours();
    const a = [], b = [];
    for (let i = 0; i < runs; i++) {
      let t0 = now(); loop(); a.push(now() - t0);
      t0 = now(); ours(); b.push(now() - t0);
    }
    return [median(a), median(b)];
  };
  const n = d.wages.length;
  const weighted = (a, p) => { let s = 0; for (let i = 0; i < n; i++) s += a[i][0] * p[i][0]; return s; };
  const cases = {
    RD_WAGE_QRE: [() => { let s = 0; for (let i = 0; i < n; i++) { const p = d.wagePct[i][0]; s += d.wages[i][0] * (p >= 0.8 ? 1 : p); } return s; },
      [d.wages, d.wagePct]],
    RD_SUPPLY_QRE: [() => weighted(d.supplies, d.supplyPct), [d.supplies, d.supplyPct]],
    RD_CLOUD_QRE: [() => { let s = 0; for (let i = 0; i < n; i++) { if (ENV.get(d.envs[i][0]) !== 0) s += d.cloud[i][0] * d.cloudPct[i][0]; } return s; },
      [d.cloud, d.envs, d.cloudPct]],
    RD_CONTRACT_QRE: [() => { let s = 0; for (let i = 0; i < n; i++) s += d.contracts[i][0] * d.contractPct[i][0] * RATES.get(d.types[i][0]); return s; },
      [d.contracts, d.contractPct, d.types]],
    RD_QRE: [() => { let s = 0; for (let i = 0; i < n; i++) { const p = d.wagePct[i][0]; s += d.wages[i][0] * (p >= 0.8 ? 1 : p) + d.supplies[i][0] * d.supplyPct[i][0] + d.contracts[i][0] * d.contractPct[i][0] * RATES.get(d.types[i][0]); } return s; },
      [d.wages, d.wagePct, d.supplies, d.supplyPct, d.contracts, d.contractPct, d.types]],
    RD_ROLE_CHECK: [() => { const out = []; for (let i = 0; i < n; i++) { const e = ROLE.get(d.roles[i][0]); const p = d.rolePct[i][0]; out.push([e === undefined ? 'UNKNOWN ROLE' : p < e[0] ? 'BELOW RANGE' : p > e[1] ? 'ABOVE RANGE' : 'OK']); } return out.length; },
      [d.roles, d.rolePct]],
    'SEC174_AMORT (tax year 2025)': [() => { let s = 0; for (let i = 0; i < n; i++) { const p = plans[(d.years[i][0] - 2020) * 2 + (d.locations[i][0] === 'foreign' ? 1 : 0)]; s += d.r_e[i][0] * p.share2025; } return s; },
      [d.r_e, d.years, 2025, d.locations, 'auto'], 'SEC174_AMORT'],
    'SEC174_AMORT (schedule, accelerate)': [() => { const totals = new Array(64).fill(0); for (let i = 0; i < n; i++) { const p = plans[12 + (d.years[i][0] - 2020) * 2 + (d.locations[i][0] === 'foreign' ? 1 : 0)]; const a = d.r_e[i][0]; for (let k = 0; k < p.years.length; k++) totals[p.years[k] - 2020] += a * p.shares[k]; } return totals[5]; },
      [d.r_e, d.years, undefined, d.locations, 'accelerate'], 'SEC174_AMORT'],
  };
  const out = {};
  for (const name of Object.keys(cases)) {
    const [loop, args, fn] = cases[name];
    out[name] = () => {
      let value;
      const [floatMs, oursMs] = pair(loop, () => { value = call(fn || name, args); }, RUNS);
      return { floatMs, oursMs, value };
    };
  }
  return out;
}`;

interface Measured {
  readonly floatMs: number;
  readonly oursMs: number;
  readonly value: unknown;
}
type Runners = Record<string, () => Measured>;

const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Plans for the float loops: shares as floats by (year, location), auto then accelerate. */
function floatPlans(): { years: number[]; shares: number[]; share2025: number }[] {
  const out: { years: number[]; shares: number[]; share2025: number }[] = [];
  for (const method of ['auto', 'accelerate'] as const) {
    for (let y = 2020; y <= 2025; y++) {
      for (const loc of ['domestic', 'foreign'] as ResearchLocation[]) {
        const p = vintagePlan(y, loc, method);
        const shares = p.cumulative.map(
          (c, k) => (c - (k === 0 ? 0 : (p.cumulative[k - 1] as number))) / p.denominator,
        );
        const at = p.years.indexOf(2025);
        out.push({ years: [...p.years], shares, share2025: at < 0 ? 0 : (shares[at] as number) });
      }
    }
  }
  return out;
}

function realmTables(realm: (src: string) => unknown): unknown[] {
  const rates = new Map([
    ['standard', 0.65],
    ['Standard', 0.65],
    ['consortium', 0.75],
    ['energy', 1],
  ]);
  const env = new Map<string, number>();
  for (const [k, v] of CLOUD_ENVIRONMENTS) env.set(k, v === 'production' ? 0 : 1);
  env.set('Customer-facing', 0);
  const roles = new Map<string, [number, number]>();
  for (const e of profileRoleTable('software').entries.values())
    roles.set(e.role, [e.low.toNumber(), e.high.toNumber()]);
  // Maps built inside the realm, as its own code would hold them.
  const toRealm = realm('(entries) => new Map(entries)') as (e: unknown[]) => unknown;
  const json = realm('JSON.parse') as (s: string) => unknown;
  return [json(JSON.stringify(floatPlans())), toRealm([...rates]), toRealm([...env]), toRealm([...roles])];
}

/**
 * The decimal path's answer for each case, on the same data, and its time (ms, one run in core:
 * it takes seconds): each case reads its cells into decimals as the catalogue's decimal path does
 * and computes with decimal.js (core/src/calc).
 */
export function decimalAnswers(): Record<string, { value: unknown; ms: number }> {
  const makeData = vm.runInThisContext(`(${DATA_SRC})`) as (rows: number, seed: number) => Record<string, number[][]>;
  const d = makeData(ROWS, 42) as unknown as Record<string, (number | string)[][]>;
  const num = (k: string) => (d[k] as number[][]).map((r) => r[0] as number);
  const str = (k: string) => (d[k] as string[][]).map((r) => r[0] as string);
  const zip = (a: string, p: string) => {
    const ps = num(p);
    return num(a).map((x, i) => ({ amount: usd(x), rdPct: rate(ps[i] as number) }));
  };
  const wagesOf = () =>
    wageQre(
      zip('wages', 'wagePct').map((r) => ({ wages: r.amount, rdPct: r.rdPct })),
      true,
      DEFAULT_TAX_YEAR,
    );
  const suppliesOf = () => supplyQre(zip('supplies', 'supplyPct'));
  const typeOf = (t: string) => t.toLowerCase() as 'standard' | 'consortium' | 'energy';
  const contractsOf = () => {
    const types = str('types');
    return contractQre(
      zip('contracts', 'contractPct').map((r, i) => ({ ...r, type: typeOf(types[i] as string) })),
      DEFAULT_TAX_YEAR,
    );
  };
  const cloudOf = () => {
    let cloud = ZERO_USD;
    const envs = str('envs');
    zip('cloud', 'cloudPct').forEach((r, i) => {
      const cls = CLOUD_ENVIRONMENTS.get((envs[i] as string).toLowerCase().replace(/-/g, ' '));
      if (cls !== 'production') cloud = plus(cloud, r.amount.times(r.rdPct) as typeof cloud);
    });
    return cloud;
  };
  const rolesOf = () => {
    const table = profileRoleTable('software');
    const rolePct = num('rolePct');
    return str('roles').map((r, i) => [checkRole(table, r, rate(rolePct[i] as number))]);
  };
  const vintagesOf = () => {
    const locs = str('locations');
    const years = num('years');
    return num('r_e').map((a, i) => ({
      amount: usd(a),
      yearIncurred: years[i] as number,
      location: locs[i] as ResearchLocation,
    }));
  };
  const cases: Record<string, () => unknown> = {
    RD_WAGE_QRE: () => toCents(wagesOf()),
    RD_SUPPLY_QRE: () => toCents(suppliesOf()),
    RD_CLOUD_QRE: () => toCents(cloudOf()),
    RD_CONTRACT_QRE: () => toCents(contractsOf()),
    RD_QRE: () => toCents(plus(plus(wagesOf(), suppliesOf()), contractsOf())),
    RD_ROLE_CHECK: rolesOf,
    'SEC174_AMORT (tax year 2025)': () => toCents(sec174Deduction(vintagesOf(), 'auto', 2025)),
    'SEC174_AMORT (schedule, accelerate)': () =>
      sec174Schedule(vintagesOf(), 'accelerate').map((e) => [e.year, toCents(e.deduction)]),
  };
  const out: Record<string, { value: unknown; ms: number }> = {};
  for (const [name, f] of Object.entries(cases)) {
    const t0 = now();
    const value = f();
    out[name] = { value, ms: now() - t0 };
  }
  return out;
}

function runnersIn(
  realm: (src: string) => unknown,
  call: ((name: string, args: unknown[]) => unknown) | undefined,
): Runners {
  const makeData = realm(`(${DATA_SRC})`);
  const [plans, rates, env, roles] = realmTables(realm);
  const viaGlobals = realm('(name, args) => { const f = globalThis[name]; return f.apply(undefined, args); }') as (
    name: string,
    args: unknown[],
  ) => unknown;
  const bench = realm(`(${BENCH_SRC})`) as (...a: unknown[]) => Runners;
  return bench(now, call ?? viaGlobals, plans, rates, env, roles, makeData, RUNS);
}

const cell = (s: string, w: number) => s.padStart(w);

export function benchFunctions(): string[] {
  const places: { title: string; runners: () => Runners | string }[] = [
    {
      title: 'core',
      runners: () =>
        runnersIn(
          (src) => vm.runInThisContext(src),
          (name, args) => {
            // Trailing undefined arguments are how hosts omit them.
            const o = callFunction(name, args as never[]);
            if (!o.ok) throw new Error(o.message);
            return o.value;
          },
        ),
    },
  ];
  const stale = distProblem('gsheets');
  const codeFile = path.join(ROOT, 'gsheets', 'dist', 'Code.js');
  const notes: string[] = [];
  if (!fs.existsSync(codeFile)) {
    places.push({ title: 'Code.js', runners: () => `${codeFile} is missing: run npm run build:gsheets` });
  } else {
    // Measured even when stale (others' sources change often), but said so.
    if (stale) notes.push(`note: Code.js measured as built — ${stale}`);
    const code = fs.readFileSync(codeFile, 'utf8');
    places.push({
      title: 'Code.js top level',
      runners: () => {
        vm.runInThisContext(code, { filename: 'Code.js' });
        return runnersIn((src) => vm.runInThisContext(src), undefined);
      },
    });
    places.push({
      title: 'Code.js in vm',
      runners: () => {
        const context = vm.createContext({});
        vm.runInContext(code, context, { filename: 'Code.js' });
        return runnersIn((src) => vm.runInContext(src, context), undefined);
      },
    });
  }
  const measured: { name: string; where: string; m: Measured }[] = [];
  const lines = [
    `${ROWS.toLocaleString('en-US')} rows each (RD_QRE: wages, supplies and contracts of ${ROWS.toLocaleString('en-US')} rows); medians of ${RUNS} runs, ours and the float loop alternating; budget ≤ ${BUDGET}× a plain float loop`,
    `decimal ms: the decimal path (decimal.js) on the same data, in core, one run; exact: ours equals its answer`,
    `${'function'.padEnd(38)} ${'where'.padEnd(18)} ${cell('ours ms', 9)} ${cell('decimal ms', 10)} ${cell('float ms', 9)} ${cell('ratio', 7)} ${cell('budget', 7)} exact`,
  ];
  for (const place of places) {
    const runners = place.runners();
    if (typeof runners === 'string') {
      lines.push(`${place.title}: not measured — ${runners}`);
      continue;
    }
    for (const [name, run] of Object.entries(runners)) {
      if (ONLY && !ONLY.test(name)) continue;
      const m = run();
      if (process.env.BENCH_PROGRESS) process.stderr.write(`${place.title} ${name} ${m.oursMs.toFixed(2)} ms\n`);
      measured.push({ name, where: place.title, m });
    }
  }
  // The decimal path last: its garbage (millions of decimals) would otherwise be collected
  // during the timed runs.
  const exact = decimalAnswers();
  for (const { name, where, m } of measured) {
    const ratio = m.oursMs / m.floatMs;
    const dec = exact[name];
    const same = dec !== undefined && JSON.stringify(m.value) === JSON.stringify(dec.value);
    lines.push(
      `${name.padEnd(38)} ${where.padEnd(18)} ${cell(m.oursMs.toFixed(2), 9)} ${cell(dec ? dec.ms.toFixed(0) : '—', 10)} ${cell(m.floatMs.toFixed(2), 9)} ${cell(`${ratio.toFixed(2)}×`, 7)} ${cell(ratio <= BUDGET ? 'met' : 'OVER', 7)} ${same ? 'yes' : `NO (${JSON.stringify(m.value).slice(0, 40)} vs ${JSON.stringify(dec?.value).slice(0, 40)})`}`,
    );
  }
  return [...lines, ...notes];
}
