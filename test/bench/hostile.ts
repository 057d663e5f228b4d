/**
 * Benchmark (issue 8 §2, docs/design.md §8c): rdtax on each hostile file of hostile-files.ts, run as
 * a user runs it (a child process through cli/bin/rdtax.js). Budget: every one ends with exit 2
 * and one sentence, under 300 MB peak RSS, within seconds. Measured, not asserted.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BENCH_HOSTILE_FILES } from './hostile-files';

const ROOT = path.join(__dirname, '..', '..');
const BUDGET_RSS_MB = 300;
const BUDGET_SECONDS = 5;

export function benchHostileFiles(): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-hostile-bench-'));
  const lines: string[] = [];
  // undefined once any process's peak could not be measured: the budget is then not shown met.
  let worstRss: number | undefined = 0;
  const mb = (x: number | undefined) => (x === undefined ? 'not measured (killed)' : `${x.toFixed(0)} MB`);
  let worstSeconds = 0;
  let allRefused = true;
  try {
    // A warm run, so the launcher's transpile cache is not part of the first measurement.
    spawnSync(process.execPath, [path.join(ROOT, 'cli', 'bin', 'rdtax.js'), '--version'], { cwd: ROOT });
    for (const [i, f] of BENCH_HOSTILE_FILES.entries()) {
      const file = path.join(dir, `hostile-${i + 1}.xlsx`);
      fs.writeFileSync(file, f.build());
      const rssFile = path.join(dir, `rss-${i + 1}`);
      const t0 = process.hrtime.bigint();
      const r = spawnSync(
        process.execPath,
        ['-r', path.join(__dirname, 'max-rss.js'), path.join(ROOT, 'cli', 'bin', 'rdtax.js'), 'check', file],
        {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 120000,
          env: { ...process.env, RDTAX_BENCH_RSS_FILE: rssFile },
        },
      );
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      // Absent: the process was killed before it could write it (e.g. out of memory).
      const rssMb = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) / 1024 : undefined;
      const size = fs.statSync(file).size;
      const message = (
        r.stderr.split('\n').find((l) => l.startsWith('rdtax: ')) ??
        r.stderr.split('\n')[0] ??
        ''
      ).replace(file, '<file>');
      worstRss = rssMb === undefined ? undefined : worstRss === undefined ? undefined : Math.max(worstRss, rssMb);
      worstSeconds = Math.max(worstSeconds, seconds);
      if (r.status !== 2) allRefused = false;
      lines.push(
        `hostile: ${f.name} (${(size / 1048576).toFixed(1)} MB file): exit ${r.status ?? r.signal}, peak RSS ${mb(rssMb)}, ${seconds.toFixed(2)} s`,
        `hostile:   ${message.length > 200 ? `${message.slice(0, 200)}…` : message}`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const under = worstRss !== undefined && worstRss < BUDGET_RSS_MB && worstSeconds < BUDGET_SECONDS && allRefused;
  lines.push(
    `hostile: worst peak RSS ${mb(worstRss)} (budget < ${BUDGET_RSS_MB} MB), slowest ${worstSeconds.toFixed(2)} s (budget < ${BUDGET_SECONDS} s), ${allRefused ? 'every file refused with exit 2' : 'NOT every file refused with exit 2'} — ${under ? 'UNDER' : 'OVER'}`,
  );
  return lines;
}
