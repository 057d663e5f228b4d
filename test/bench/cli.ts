/**
 * Benchmark (issue 11, the CLI table): `rdtax check` run as a user runs it — a child process
 * through cli/bin/rdtax.js — on
 *   - a 200,000-employee-row study (.xlsx)          budget ≤ 3 s and ≤ 400 MB peak memory
 *   - 100 small studies in one call                  budget ≤ 3 s
 *   - one small study (templates/examples/clean.xlsx) budget ≤ 0.35 s from process start
 * and, not budgeted, the first run after `npm ci` (every module transpiled, nothing cached).
 * Each figure is the median of a few runs after a warm-up (wall time, and the process's peak
 * resident memory from max-rss.js); printed, never asserted. The inputs are generated into a
 * temporary folder, the same bytes every time: the large study is the clean example study
 * (written by exceljs, as `rdtax template` writes) with its Employees sheet replaced by 200,000
 * rows in exceljs's own form (shared strings, numbers with cents, two-decimal percentages).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { median } from './timing';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'cli', 'bin', 'rdtax.js');
const EXAMPLES = path.join(ROOT, 'templates', 'examples');
const CLEAN = path.join(EXAMPLES, 'clean.xlsx');
const BIG_ROWS = 200_000;

interface Budget {
  readonly seconds: number;
  readonly mb?: number;
}

interface Measured {
  readonly seconds: number[];
  readonly mb: (number | undefined)[];
  readonly exit: number | null;
}

/** Run `rdtax <args>` `runs` times (after `warmups` runs not counted): wall seconds and peak RSS. */
function measure(args: readonly string[], runs: number, warmups = 1, env: NodeJS.ProcessEnv = {}, bin = BIN): Measured {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-cli-bench-rss-'));
  const seconds: number[] = [];
  const mb: (number | undefined)[] = [];
  let exit: number | null = null;
  try {
    for (let i = 0; i < warmups + runs; i++) {
      const rssFile = path.join(dir, `rss-${i}`);
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, ['-r', path.join(__dirname, 'max-rss.js'), bin, ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 300_000,
        maxBuffer: 1024 * 1024 * 1024,
        env: { ...process.env, ...env, RDTAX_BENCH_RSS_FILE: rssFile },
      });
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      exit = r.status;
      if (i < warmups) continue;
      seconds.push(s);
      mb.push(fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) / 1024 : undefined);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { seconds, mb, exit };
}

function line(name: string, m: Measured, budget: Budget | undefined): string {
  const s = median(m.seconds);
  const known = m.mb.filter((x): x is number => x !== undefined);
  const mb = known.length === m.mb.length ? median(known) : undefined;
  const range = `${Math.min(...m.seconds).toFixed(2)}–${Math.max(...m.seconds).toFixed(2)}`;
  const measured = `${s.toFixed(2)} s (median of ${m.seconds.length}, ${range}), peak RSS ${mb === undefined ? 'not measured' : `${mb.toFixed(0)} MB`}, exit ${m.exit}`;
  if (!budget) return `cli: ${name}: ${measured} (no budget)`;
  const met = s <= budget.seconds && (budget.mb === undefined || (mb !== undefined && mb <= budget.mb));
  const b = `≤ ${budget.seconds} s${budget.mb !== undefined ? ` / ≤ ${budget.mb} MB` : ''}`;
  return `cli: ${name}: ${measured} — budget ${b} — met: ${met ? 'yes' : 'NO'}`;
}

// ------------------------------------------------------------------ inputs

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Column letters of a 0-based index. */
function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Software-profile roles with R&D percentages inside their ranges (two decimals). */
const ROLES: readonly (readonly [string, readonly number[]])[] = [
  ['Software Developer', [0.85, 0.9, 1, 0.95]],
  ['QA Engineer', [0.6, 0.7, 0.75, 0.65]],
  ['DevOps Engineer', [0.4, 0.5, 0.55, 0.45]],
  ['Product Manager', [0.2, 0.3, 0.35, 0.25]],
  ['Data Scientist', [0.7, 0.8, 0.75, 0.85]],
];
const COMPONENTS = ['Checkout Engine', 'Fraud Model'];

/**
 * The clean example study with `rows` employees: its Employees worksheet and shared strings
 * rewritten, every other part (other sheets, styles, the Summary's formulas) as exceljs wrote it.
 */
export function bigStudyXlsx(rows: number): Uint8Array {
  const parts = unzipSync(new Uint8Array(fs.readFileSync(CLEAN)));
  const workbook = strFromU8(parts['xl/workbook.xml']);
  const relId = /<sheet [^>]*name="Employees"[^>]*r:id="([^"]+)"/.exec(workbook)?.[1];
  const rels = strFromU8(parts['xl/_rels/workbook.xml.rels']);
  const target =
    new RegExp(`<Relationship [^>]*Id="${relId}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${relId}"`).exec(rels)?.[1];
  if (!target) throw new Error('bench: the clean study has no Employees sheet');
  const sheetName = `xl/${target.replace(/^\/?xl\//, '')}`;
  const oldSheet = strFromU8(parts[sheetName]);
  const sst = strFromU8(parts['xl/sharedStrings.xml']);
  const strings = [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]);
  const texts = strings.map((si) => [...si.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]).join(''));
  const header = [...oldSheet.matchAll(/<c r="([A-Z]+)1"[^>]*t="s"[^>]*><v>(\d+)<\/v><\/c>/g)].map(
    (m) => texts[Number(m[2])],
  );
  const col = (h: string) => header.findIndex((x) => x === xmlText(h));
  const cols = {
    employee: col('Employee'),
    role: col('Role'),
    location: col('Location'),
    wages: col('W-2 Box 1 Wages'),
    pct: col('R&D %'),
    component: col('Business Component'),
  };
  if (Object.values(cols).some((c) => c < 0))
    throw new Error(`bench: unexpected Employees header ${header.join(', ')}`);

  const added: string[] = [];
  const index = new Map<string, number>();
  const sid = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length + added.length;
      index.set(s, i);
      added.push(`<si><t>${xmlText(s)}</t></si>`);
    }
    return i;
  };
  const out: string[] = [];
  const headerRow = header.map(
    (h, c) => `<c r="${colName(c)}1" s="3" t="s"><v>${sid(h.replace(/&amp;/g, '&'))}</v></c>`,
  );
  out.push(`<row r="1">${headerRow.join('')}</row>`);
  for (let i = 0; i < rows; i++) {
    const r = i + 2;
    const [role, pcts] = ROLES[i % ROLES.length];
    const wages = (60_000_00 + ((i * 7919) % 14_000_000)) / 100; // cents, deterministic
    const cells: [number, string][] = [
      [cols.employee, `t="s"><v>${sid(`Employee ${String(i).padStart(6, '0')}`)}</v>`],
      [cols.role, `t="s"><v>${sid(role)}</v>`],
      [cols.location, `t="s"><v>${sid('US')}</v>`],
      [cols.wages, `s="1"><v>${wages}</v>`],
      [cols.pct, `s="2"><v>${pcts[(i >> 3) % pcts.length]}</v>`],
      [cols.component, `t="s"><v>${sid(COMPONENTS[i % COMPONENTS.length])}</v>`],
    ];
    cells.sort((a, b) => a[0] - b[0]);
    out.push(`<row r="${r}">${cells.map(([c, v]) => `<c r="${colName(c)}${r}" ${v}</c>`).join('')}</row>`);
  }
  const sheet = oldSheet
    .replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:${colName(header.length - 1)}${rows + 1}"/>`)
    .replace(/<sheetData>[\s\S]*<\/sheetData>|<sheetData\/>/, `<sheetData>${out.join('')}</sheetData>`);
  const newSst = sst
    .replace(/uniqueCount="\d+"/, `uniqueCount="${strings.length + added.length}"`)
    .replace('</sst>', `${added.join('')}</sst>`);
  const files: Zippable = {};
  // A fixed date: the same bytes every run.
  const mtime = new Date(Date.UTC(2026, 0, 15));
  for (const [name, bytes] of Object.entries(parts)) {
    const content = name === sheetName ? strToU8(sheet) : name === 'xl/sharedStrings.xml' ? strToU8(newSst) : bytes;
    files[name] = [content, { level: 6, mtime }];
  }
  return zipSync(files);
}

/** 100 small studies: every example workbook (clean and each planted problem), cycled. */
function smallStudies(dir: string, count: number): string[] {
  const examples = fs
    .readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.xlsx'))
    .sort();
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const f = path.join(dir, `study-${String(i + 1).padStart(3, '0')}-${examples[i % examples.length]}`);
    fs.copyFileSync(path.join(EXAMPLES, examples[i % examples.length]), f);
    files.push(f);
  }
  return files;
}

/**
 * A copy of the sources with an empty transpile cache, as right after `npm ci`: cli/, core/ and
 * scripts/ copied, node_modules' packages linked (the cache folder is then this copy's own).
 */
function freshInstall(dir: string): string {
  for (const d of ['cli', 'core', 'scripts']) fs.cpSync(path.join(ROOT, d), path.join(dir, d), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  for (const e of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
    if (e === '.cache') continue;
    fs.symlinkSync(path.join(ROOT, 'node_modules', e), path.join(dir, 'node_modules', e));
  }
  return path.join(dir, 'cli', 'bin', 'rdtax.js');
}

export function benchCli(): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-cli-bench-'));
  const lines: string[] = [];
  try {
    const t0 = Date.now();
    const big = path.join(dir, 'study-200k.xlsx');
    fs.writeFileSync(big, bigStudyXlsx(BIG_ROWS));
    const manyDir = path.join(dir, 'many');
    fs.mkdirSync(manyDir);
    const many = smallStudies(manyDir, 100);
    lines.push(
      `cli: inputs generated in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${BIG_ROWS.toLocaleString('en-US')} employee rows (${(fs.statSync(big).size / 1048576).toFixed(1)} MB .xlsx), 100 small studies (the ${fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.xlsx')).length} example workbooks, cycled)`,
    );
    const small = measure(['check', CLEAN], 7, 2);
    lines.push(line('one small study (check templates/examples/clean.xlsx)', small, { seconds: 0.35 }));
    // Node's own start-up on this machine now, for scale: what no launcher can go below.
    const bare: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = process.hrtime.bigint();
      spawnSync(process.execPath, ['-e', '0']);
      bare.push(Number(process.hrtime.bigint() - t0) / 1e9);
    }
    lines.push(
      `cli:   (node -e 0 alone: ${median(bare).toFixed(2)} s, median of 7; rdtax's own share ${(median(small.seconds) - median(bare)).toFixed(2)} s)`,
    );
    lines.push(
      line('100 small studies in one call (check a.xlsx b.xlsx …)', measure(['check', ...many], 3), { seconds: 3 }),
    );
    lines.push(line('100 small studies as a folder (check folder/)', measure(['check', manyDir], 3), { seconds: 3 }));
    lines.push(
      line(`${BIG_ROWS.toLocaleString('en-US')} employee rows (check study.xlsx)`, measure(['check', big], 3), {
        seconds: 3,
        mb: 400,
      }),
    );
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-cli-bench-fresh-'));
    try {
      const bin = freshInstall(fresh);
      lines.push(
        line(
          'first run after npm ci (check clean.xlsx, every module transpiled once)',
          measure(['check', CLEAN], 1, 0, {}, bin),
          undefined,
        ),
      );
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

if (require.main === module) for (const l of benchCli()) console.log(l);
